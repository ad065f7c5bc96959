package typography

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/net/html"
)

// HTML appends to dst the page src, written in language lang, with the
// rule of each language applied to the text written in it: the text of
// the elements and the attributes people read (alt, title, aria-label,
// placeholder, a meta description). An element's lang attribute sets the
// language of what it holds. Code (<code>, <pre>, <kbd>, <samp>), scripts
// and styles are copied as they are, and so is every byte the rules do not
// change.
//
// done are parts of src already set by HTML with the same language, each
// elements whole (a page's body, a menu: set once for all the pages that
// show them): they are copied as they are, which spares reading them
// again. src need not be well-formed; HTML is safe for concurrent use.
func (rs Rules) HTML(dst, src []byte, lang string, done ...Done) []byte {
	return rs.html(dst, src, lang, false, done)
}

// Done is a part of a page already set, as HTML takes them: its bytes,
// and where the page has them (src[At:At+len(Part)]) when the caller
// knows it, which spares looking for them; else At is negative.
type Done struct {
	Part []byte
	At   int
}

// html is HTML; eachPart makes it read the text between the parts done
// with a tokenizer each, as readAround must read it (for the tests).
func (rs Rules) html(dst, src []byte, lang string, eachPart bool, done []Done) []byte {
	if rs.empty() || rs.Lookup(lang).IsZero() && !rs.mentioned(src) {
		return append(dst, src...)
	}
	p := &pass{f: fixer{out: dst}, rules: rs}
	p.stack = append(p.stack, frame{rule: rs.Lookup(lang)})
	// Where the parts done are, in page order, without overlaps.
	type span struct{ at, end int }
	var spans []span
	for _, d := range done {
		i := d.At
		if i < 0 || i+len(d.Part) > len(src) || !bytes.Equal(src[i:i+len(d.Part)], d.Part) {
			i = bytes.Index(src, d.Part)
		}
		if len(d.Part) > 0 && i >= 0 {
			spans = append(spans, span{i, i + len(d.Part)})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return a.at - b.at })
	var parts [][2]int // the spans kept
	for _, s := range spans {
		if len(parts) == 0 || s.at >= parts[len(parts)-1][1] {
			parts = append(parts, [2]int{s.at, s.end})
		}
	}
	if len(parts) > 0 && !eachPart {
		if out, ok := p.readAround(src, parts); ok {
			return out
		}
		// Read again, part by part.
		p = &pass{f: fixer{out: dst}, rules: rs}
		p.stack = append(p.stack, frame{rule: rs.Lookup(lang)})
	}
	pos := 0
	for _, s := range parts {
		p.read(src[pos:s[0]])
		p.done(src[s[0]:s[1]])
		pos = s[1]
	}
	p.read(src[pos:])
	return p.f.out
}

// done writes a part already set.
func (p *pass) done(part []byte) {
	p.f.boundary()
	p.f.out = append(p.f.out, part...)
	p.f.boundary()
}

// doneMark stands for a part done in what readAround reads: a start tag
// that every text and tag ends before, and that opens nothing.
const doneMark = "<tadafor-done>"

// readBuffers are readAround's copies of pages.
var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// readAround reads src but its parts done, src[part[0]:part[1]] each, as
// read does the text between them, with one tokenizer for the page rather
// than one for each text between two parts (each allocates 4 KB): the
// parts are replaced with doneMark. It reports false, having written
// anything, when a token of the page did not end right before a mark or
// a mark was not read as a tag of its own (a comment or a <script> left
// open before a part, a tag cut by it), where the tokenizer would read the
// text between two parts otherwise than on its own.
func (p *pass) readAround(src []byte, parts [][2]int) ([]byte, bool) {
	bp := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(bp)
	buf := (*bp)[:0]
	marks := make([]int, 0, 16) // where each mark is in buf
	pos := 0
	for _, s := range parts {
		buf = append(buf, src[pos:s[0]]...)
		marks = append(marks, len(buf))
		buf = append(buf, doneMark...)
		pos = s[1]
	}
	buf = append(buf, src[pos:]...)
	*bp = buf
	z := html.NewTokenizer(bytes.NewReader(buf))
	read, next := 0, 0 // bytes read, the next mark
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if next < len(marks) {
			switch {
			case read == marks[next]:
				if tt != html.StartTagToken || string(raw) != doneMark {
					return nil, false
				}
				p.done(src[parts[next][0]:parts[next][1]])
				read += len(raw)
				next++
				continue
			case read+len(raw) > marks[next]:
				return nil, false
			}
		}
		read += len(raw)
		p.token(tt, raw)
	}
	if next < len(marks) {
		return nil, false
	}
	p.f.out = append(p.f.out, buf[min(read, len(buf)):]...)
	return p.f.out, true
}

// read applies the rules to src, a part of a page that ends between two
// tokens, appending to p.f.out.
func (p *pass) read(src []byte) {
	z := html.NewTokenizer(bytes.NewReader(src))
	read := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		read += len(raw)
		p.token(tt, raw)
	}
	// The tokenizer returns every byte of a complete document; keep
	// whatever it might not have.
	p.f.out = append(p.f.out, src[min(read, len(src)):]...)
}

// token applies the rules to a token of type tt, raw.
func (p *pass) token(tt html.TokenType, raw []byte) {
	switch tt {
	case html.TextToken:
		top := p.top()
		if top.skip || top.rule.IsZero() {
			p.f.out = append(p.f.out, raw...)
			return
		}
		p.f.rule = top.rule
		p.f.text(raw, true)
	case html.StartTagToken, html.SelfClosingTagToken:
		p.startTag(raw, tt == html.SelfClosingTagToken)
	case html.EndTagToken:
		p.endTag(raw)
	default: // comments, doctype
		p.f.out = append(p.f.out, raw...)
	}
}

// mentioned reports whether src has a lang attribute naming a language
// with a rule, which a page in a language without one then needs applied.
func (rs Rules) mentioned(src []byte) bool {
	for code, r := range rs {
		if r.IsZero() {
			continue
		}
		for _, attr := range []string{`lang="`, `lang='`, `lang=`} {
			if bytes.Contains(src, []byte(attr+code)) {
				return true
			}
		}
	}
	return false
}

// pass is the state of one HTML call.
type pass struct {
	f     fixer
	rules Rules
	stack []frame // the page's own frame first
	tag   []byte  // scratch: the tag being written
	val   fixer   // scratch: for attribute values
}

// frame is an element that changes how its content is read: it sets a
// language or holds code. Elements of the same name inside it are
// counted, so that its own end tag is recognised.
type frame struct {
	tag   string
	depth int
	rule  *Rule
	skip  bool // code: copied as it is
	// optionalEnd tells that the element's end tag may be left out.
	optionalEnd bool
}

func (p *pass) top() *frame { return &p.stack[len(p.stack)-1] }

// pop closes the innermost frame.
func (p *pass) pop() {
	p.stack = p.stack[:len(p.stack)-1]
}

// startTag writes a start tag, applying the rule to the attributes people
// read, and opens a frame when the element sets a language or holds code.
func (p *pass) startTag(raw []byte, selfClosing bool) {
	p.tag = append(p.tag[:0], raw...)
	e := elementOf(p.tag[1:])
	name := e.name
	hasAttr := len(name)+1 < len(p.tag) && isHTMLSpace(p.tag[len(name)+1])
	// An element whose end tag may be left out ends at the next one of its
	// kind (<li lang="fr">…<li>).
	for len(p.stack) > 1 && p.top().depth == 0 && endsAt(p.top().tag, name) {
		p.pop()
	}
	top := p.top()
	rule, hasLang := top.rule, false
	var meta metaInfo
	if hasAttr {
		eachAttr(p.tag, func(key []byte, v0, v1 int) {
			switch {
			case asciiEqual(key, "lang") && v0 >= 0:
				hasLang = true
				rule = p.rules.Lookup(strings.TrimSpace(html.UnescapeString(string(p.tag[v0:v1]))))
			case name == "meta" && asciiEqual(key, "name") && v0 >= 0:
				meta.described = readableMeta[strings.ToLower(string(p.tag[v0:v1]))]
			case name == "meta" && asciiEqual(key, "property") && v0 >= 0:
				meta.described = meta.described || readableMeta[strings.ToLower(string(p.tag[v0:v1]))]
			}
		})
	}
	switch {
	case e.opaque && e.inline:
		p.f.payOwed()
	case !e.inline:
		p.f.boundary()
	}
	if hasAttr && !top.skip && !rule.IsZero() {
		p.f.out = p.fixAttrs(p.f.out, p.tag, rule, meta.described)
	} else {
		p.f.out = append(p.f.out, p.tag...)
	}
	if selfClosing || e.void {
		return
	}
	switch {
	case hasLang || e.opaque:
		p.stack = append(p.stack, frame{tag: name, rule: rule, skip: top.skip || e.opaque, optionalEnd: e.optionalEnd})
		if hasLang {
			p.f.boundary()
		}
	case name == top.tag:
		top.depth++
	}
}

// endTag writes an end tag and closes the frame it ends.
func (p *pass) endTag(raw []byte) {
	p.f.out = append(p.f.out, raw...)
	e := elementOf(raw[2:])
	name, inline := e.name, e.inline
	for len(p.stack) > 1 && p.top().tag != name && p.top().optionalEnd && !inline {
		p.pop()
	}
	closed := false
	if top := p.top(); len(p.stack) > 1 && top.tag == name {
		if top.depth > 0 {
			top.depth--
		} else {
			p.pop()
			closed = true
		}
	}
	switch {
	case !inline:
		p.f.boundary()
	case closed:
		// Code or a phrase in another language reads as one word.
		p.f.opaque()
	}
}

// metaInfo is what the attributes of a <meta> say.
type metaInfo struct {
	described bool // its content is text people read
}

// fixAttrs appends tag to dst with rule applied to the values of the
// attributes people read.
func (p *pass) fixAttrs(dst, tag []byte, rule *Rule, readableContent bool) []byte {
	prev := 0
	eachAttr(tag, func(key []byte, v0, v1 int) {
		if v0 < 0 || v0 == v1 || !(isReadable(key) || readableContent && asciiEqual(key, "content")) {
			return
		}
		p.val = fixer{rule: rule, out: p.val.out[:0], word: p.val.word}
		p.val.text(tag[v0:v1], true)
		if bytes.Equal(p.val.out, tag[v0:v1]) {
			return
		}
		dst = append(dst, tag[prev:v0]...)
		dst = append(dst, p.val.out...)
		prev = v1
	})
	return append(dst, tag[prev:]...)
}

// eachAttr calls fn with each attribute of the start tag tag (as the
// tokenizer returned it): its name, and its value's bounds in tag, -1 and
// -1 when it has none. It follows the attribute states of the HTML
// syntax.
func eachAttr(tag []byte, fn func(key []byte, v0, v1 int)) {
	stop := func(c byte) bool { return isHTMLSpace(c) || c == '/' || c == '>' }
	i := 1
	for i < len(tag) && !stop(tag[i]) {
		i++
	}
	for i < len(tag) {
		for i < len(tag) && (isHTMLSpace(tag[i]) || tag[i] == '/') {
			i++
		}
		if i >= len(tag) || tag[i] == '>' {
			return
		}
		k0 := i
		i++ // a name may start with "="
		for i < len(tag) && !stop(tag[i]) && tag[i] != '=' {
			i++
		}
		key := tag[k0:i]
		for i < len(tag) && isHTMLSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] != '=' {
			fn(key, -1, -1)
			continue
		}
		i++
		for i < len(tag) && isHTMLSpace(tag[i]) {
			i++
		}
		if i < len(tag) && (tag[i] == '"' || tag[i] == '\'') {
			q := tag[i]
			i++
			v0 := i
			for i < len(tag) && tag[i] != q {
				i++
			}
			fn(key, v0, i)
			i++
			continue
		}
		v0 := i
		for i < len(tag) && !isHTMLSpace(tag[i]) && tag[i] != '>' {
			i++
		}
		fn(key, v0, i)
	}
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// asciiEqual reports whether b is s, ignoring ASCII case.
func asciiEqual(b []byte, s string) bool {
	return len(b) == len(s) && strings.EqualFold(string(b), s)
}

// endsAt reports whether an element open is closed by a start tag next
// whose end tag was left out, as in <li>a<li>b or <dt>a<dd>b.
func endsAt(open, next string) bool {
	switch open {
	case "li", "option", "tr", "p":
		return next == open
	case "dt", "dd":
		return next == "dt" || next == "dd"
	case "td", "th":
		return next == "td" || next == "th" || next == "tr"
	}
	return false
}

// element is what the pass knows of an element.
type element struct {
	name string
	// inline elements continue the line: a mark after </strong> is
	// spaced from the word before it.
	inline bool
	// opaque elements hold code, scripts and styles, copied as they are,
	// or markup the tokenizer returns as raw text (noscript, iframe…).
	opaque bool
	void   bool // no content and no end tag
	// optionalEnd tells that the end tag may be left out.
	optionalEnd bool
}

// elements are the elements the pass treats apart, and the common ones,
// so that reading a tag's name needs no new string.
var elements = func() map[string]element {
	m := map[string]element{}
	add := func(names string, set func(*element)) {
		for _, n := range strings.Fields(names) {
			e := m[n]
			e.name = n
			if set != nil {
				set(&e)
			}
			m[n] = e
		}
	}
	add("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup time u var wbr",
		func(e *element) { e.inline = true })
	add("code kbd pre samp script style textarea xmp plaintext noscript iframe noembed noframes",
		func(e *element) { e.opaque = true })
	add("area base br col embed hr img input link meta param source track wbr", func(e *element) { e.void = true })
	add("li dt dd p option tr td th", func(e *element) { e.optionalEnd = true })
	add("html head body title div section nav header footer main article aside ul ol dl h1 h2 h3 h4 h5 h6 "+
		"table tbody thead tfoot figure figcaption details summary caption svg text rect path desc defs pattern g", nil)
	return m
}()

var (
	// readableAttrs are the attributes whose values people read.
	readableAttrs = set("alt", "title", "aria-label", "aria-description", "aria-roledescription",
		"aria-placeholder", "placeholder", "label")
	// readableMeta are the <meta> names whose content people read.
	readableMeta = set("description", "og:title", "og:description", "twitter:title", "twitter:description")
)

// elementOf returns the element whose name starts b, the bytes after "<"
// or "</" of a tag as the tokenizer returned it; its name is in lower
// case.
func elementOf(b []byte) element {
	n := 0
	for n < len(b) && !isHTMLSpace(b[n]) && b[n] != '/' && b[n] != '>' {
		n++
	}
	b = b[:n]
	if e, ok := elements[string(b)]; ok {
		return e
	}
	name := strings.ToLower(string(b))
	if e, ok := elements[name]; ok {
		return e
	}
	return element{name: name}
}

// isReadable reports whether the attribute key is one people read.
func isReadable(key []byte) bool {
	if readableAttrs[string(key)] {
		return true
	}
	return bytes.ContainsFunc(key, unicode.IsUpper) && readableAttrs[strings.ToLower(string(key))]
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
