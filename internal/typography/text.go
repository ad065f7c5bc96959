package typography

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fixer applies a rule to text appended to out one piece at a time: in a
// page, a piece is the text between two tags, and what the fixer keeps of
// the pieces before it (the last character, where the spaces after it
// are) lets it space the colon that follows a </strong>.
type fixer struct {
	rule *Rule
	out  []byte
	// prev is the last character written that is not a space, 0 at the
	// start of a block (nothing before it on the line).
	prev rune
	// run is out[runStart:runEnd], the spaces written since prev, when
	// runOK.
	runStart, runEnd int
	runOK            bool
	// owed is the space due after the mark just written (the one after
	// «), 0 when none.
	owed rune
	word []item // scratch
}

// item is a character as decoded and as written.
type item struct {
	r   rune
	raw []byte
}

// boundary starts a block: what follows is at the start of a line.
func (f *fixer) boundary() {
	f.prev, f.owed, f.runOK = 0, 0, false
}

// opaque records that a word the rule does not read (code, text in
// another language) was written: a mark after it still gets its space.
func (f *fixer) opaque() {
	f.prev, f.owed, f.runOK = 'x', 0, false
}

// payOwed writes the space owed after a mark before something the rule
// does not read («<code>…).
func (f *fixer) payOwed() {
	if f.owed != 0 && !f.runOK {
		f.out = utf8.AppendRune(f.out, f.owed)
	}
	f.owed = 0
}

// text applies the rule to raw, which is HTML text (character references
// such as &#39; read as the character they stand for) when inHTML is
// set, plain text otherwise.
func (f *fixer) text(raw []byte, inHTML bool) {
	for i := 0; i < len(raw); {
		r, n := decode(raw[i:], inHTML)
		if isSpace(r) {
			f.space(raw[i : i+n])
			i += n
			continue
		}
		// Most words have nothing the rule acts on: they are only
		// measured, and decoded character by character when they do.
		j, acts := i, false
		for j < len(raw) {
			c := raw[j]
			if c < utf8.RuneSelf && c != '&' {
				if asciiSpace[c] {
					break
				}
				acts = acts || f.rule.ascii[c]
				j++
				continue
			}
			r, n := decode(raw[j:], inHTML)
			if isSpace(r) {
				break
			}
			acts = acts || c == '&' || f.rule.acts(r)
			j += n
		}
		var next rune // unknown at the end of the piece
		if j < len(raw) {
			next = ' '
		}
		if !acts {
			f.plain(raw[i:j])
		} else {
			f.word = f.word[:0]
			for k := i; k < j; {
				r, n := decode(raw[k:], inHTML)
				f.word = append(f.word, item{r, raw[k : k+n]})
				k += n
			}
			f.words(f.word, next)
		}
		i = j
	}
}

// asciiSpace marks the ASCII characters that separate words.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\f': true, '\r': true}

// plain writes a word the rule does not act on.
func (f *fixer) plain(w []byte) {
	f.payOwed()
	f.out = append(f.out, w...)
	f.prev, _ = utf8.DecodeLastRune(w)
	f.runOK = false
}

// space writes a space as it is, or the space owed after a mark in its
// place, and further spaces after that one not at all.
func (f *fixer) space(raw []byte) {
	if f.owed != 0 {
		if !f.runOK {
			f.runStart = len(f.out)
			f.out = utf8.AppendRune(f.out, f.owed)
			f.runEnd, f.runOK = len(f.out), true
		}
		return
	}
	if !f.runOK || f.runEnd != len(f.out) {
		// A tag came between the spaces: only the last ones count.
		f.runStart, f.runOK = len(f.out), true
	}
	f.out = append(f.out, raw...)
	f.runEnd = len(f.out)
}

// words writes a word (characters between spaces); next is the character
// after it, 0 when unknown. An address is written as it is, but for the
// marks around it: "(voir https://exemple.ma):" still spaces its colon.
func (f *fixer) words(w []item, next rune) {
	if !f.rule.reads(w) {
		f.verbatim(w)
		return
	}
	lo, hi := len(w), len(w) // the address in the word, none by default
	if isAddress(w) {
		lo, hi = 0, len(w)
		for lo < hi && f.rule.after[w[lo].r] != 0 {
			lo++
		}
		for hi > lo && f.rule.before[w[hi-1].r] != 0 {
			hi--
		}
	}
	nextOf := func(i int) rune {
		if i+1 < len(w) {
			return w[i+1].r
		}
		return next
	}
	for i := range lo {
		f.char(w[i], nextOf(i))
	}
	f.verbatim(w[lo:hi])
	for i := hi; i < len(w); i++ {
		f.char(w[i], nextOf(i))
	}
}

// reads reports whether the word has a character the rule acts on.
func (r *Rule) reads(w []item) bool {
	for _, it := range w {
		if r.acts(it.r) {
			return true
		}
	}
	return false
}

// acts reports whether the rule acts on the character c.
func (r *Rule) acts(c rune) bool {
	if c < utf8.RuneSelf {
		return r.ascii[c]
	}
	return r.before[c] != 0 || r.after[c] != 0
}

// verbatim writes characters as they are.
func (f *fixer) verbatim(w []item) {
	if len(w) == 0 {
		return
	}
	f.payOwed()
	for _, it := range w {
		f.out = append(f.out, it.raw...)
	}
	f.prev, f.runOK = w[len(w)-1].r, false
}

// char writes one character of a word with the spaces the rule sets
// around it; next is the character after it, 0 when unknown.
func (f *fixer) char(it item, next rune) {
	r := it.r
	if sp := f.rule.before[r]; sp != 0 {
		c := f.prev
		switch {
		case c == 0 || isOpening(c):
			// Nothing before it on the line, or "(" or "«".
		case f.runOK:
			f.replaceRun(sp)
		case isDigit(c) && isDigit(next):
			// A time (8:30) or a ratio.
		case f.rule.before[c] == sp && !unicode.Is(unicode.Pf, r):
			// The second of "?!": one space before both. A closing
			// guillemet after "?" still takes its own.
		default:
			f.out = utf8.AppendRune(f.out, sp)
		}
	} else if f.owed != 0 && !f.runOK && !isClosing(r) {
		f.out = utf8.AppendRune(f.out, f.owed)
	}
	f.owed = 0
	if r == '\'' && f.rule.apostrophe != 0 {
		f.out = utf8.AppendRune(f.out, f.rule.apostrophe)
	} else {
		f.out = append(f.out, it.raw...)
	}
	f.owed = f.rule.after[r]
	f.prev, f.runOK = r, false
}

// replaceRun puts sp in place of the spaces of the run, keeping what was
// written after them (tags).
func (f *fixer) replaceRun(sp rune) {
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], sp)
	old := f.runEnd - f.runStart
	if old == n && string(f.out[f.runStart:f.runEnd]) == string(b[:n]) {
		return
	}
	tail := len(f.out) - f.runEnd
	if n > old {
		f.out = append(f.out, b[:n-old]...) // room; overwritten below
	}
	copy(f.out[f.runStart+n:], f.out[f.runEnd:f.runEnd+tail])
	copy(f.out[f.runStart:], b[:n])
	f.out = f.out[:f.runStart+n+tail]
	f.runEnd = f.runStart + n
}

// decode returns the first character of raw and how many bytes it takes:
// a character reference counts as the character it stands for in HTML.
func decode(raw []byte, inHTML bool) (rune, int) {
	if inHTML && raw[0] == '&' {
		if r, n := reference(raw); n > 0 {
			return r, n
		}
	}
	if raw[0] < utf8.RuneSelf {
		return rune(raw[0]), 1
	}
	return utf8.DecodeRune(raw)
}

// reference decodes the character reference at the start of raw ("&#39;",
// "&nbsp;"), or returns n == 0 when there is none.
func reference(raw []byte) (r rune, n int) {
	const longest = 32 // &CounterClockwiseContourIntegral;
	end := -1
	for i := 1; i < len(raw) && i <= longest; i++ {
		c := raw[i]
		if c == ';' {
			end = i
			break
		}
		if !(c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return 0, 0
		}
	}
	if end < 2 {
		return 0, 0
	}
	switch string(raw[:end+1]) { // the references html/template and goldmark write
	case "&#39;", "&#x27;", "&apos;":
		return '\'', end + 1
	case "&amp;":
		return '&', end + 1
	case "&lt;":
		return '<', end + 1
	case "&gt;":
		return '>', end + 1
	case "&#34;", "&quot;":
		return '"', end + 1
	case "&nbsp;", "&#160;":
		return '\u00a0', end + 1
	}
	s := html.UnescapeString(string(raw[:end+1]))
	r, size := utf8.DecodeRuneInString(s)
	if size != len(s) || s == string(raw[:end+1]) {
		return 0, 0
	}
	return r, end + 1
}

// isSpace reports whether r separates words: white space, breaking or
// not.
func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\f', '\r':
		return true
	}
	return r > unicode.MaxASCII && unicode.Is(unicode.Zs, r)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r > unicode.MaxASCII && unicode.IsDigit(r) }

// isOpening reports whether r opens: ( [ { « “ ‘.
func isOpening(r rune) bool { return unicode.In(r, unicode.Ps, unicode.Pi) }

// isClosing reports whether r closes: ) ] } » ” ’.
func isClosing(r rune) bool { return unicode.In(r, unicode.Pe, unicode.Pf) }

// isAddress reports whether a word is a web or e-mail address, which
// keeps its characters as written: it has "://", starts with "www.",
// "mailto:" or "tel:", has an "@" followed by a dot, or is a domain name
// followed by a path (exemple.ma/page).
func isAddress(w []item) bool {
	if !slices.ContainsFunc(w, func(it item) bool { return it.r == '/' || it.r == '@' || it.r == ':' || it.r == '.' }) {
		return false
	}
	var b strings.Builder
	for _, it := range w {
		b.WriteRune(it.r)
	}
	s := b.String()
	lower := strings.ToLower(s)
	if strings.Contains(s, "://") || strings.HasPrefix(lower, "www.") || strings.HasPrefix(lower, "mailto:") || strings.HasPrefix(lower, "tel:") {
		return true
	}
	if at := strings.IndexByte(s, '@'); at > 0 && strings.Contains(s[at:], ".") {
		return true
	}
	if slash := strings.IndexByte(s, '/'); slash > 0 {
		host := s[:slash]
		if dot := strings.LastIndexByte(host, '.'); dot > 0 && dot+1 < len(host) && isLetters(host[dot+1:]) {
			return true
		}
	}
	return false
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}
