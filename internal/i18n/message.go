package i18n

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/yamldecode"
	"golang.org/x/text/feature/plural"
)

// kind is the shape of a message.
type kind uint8

const (
	kindText   kind = iota + 1 // a text, possibly with placeholders
	kindPlural                 // one text per CLDR plural category
	kindList                   // a list of plain texts (month names)
)

func (k kind) String() string {
	switch k {
	case kindText:
		return "a text"
	case kindPlural:
		return "a plural message"
	case kindList:
		return "a list"
	}
	return "nothing"
}

// message is one entry of a catalog.
type message struct {
	kind   kind
	keyPos diag.Pos // position of the key
	text   text     // kindText
	// forms and has hold the texts of a plural message by plural.Form.
	forms [len(categoryNames)]text
	has   [len(categoryNames)]bool
	items []string // kindList
}

// args returns the placeholder names the message uses, in order of first
// use; for a plural message, the union over its forms.
func (m *message) args() []string {
	switch m.kind {
	case kindText:
		return m.text.args()
	case kindPlural:
		var names []string
		for _, f := range categoryOrder {
			for _, a := range m.forms[f].args() {
				if !slices.Contains(names, a) {
					names = append(names, a)
				}
			}
		}
		return names
	}
	return nil
}

// loader decodes a catalog file; it is the root yamldecode.Unmarshaler.
type loader struct {
	src    []byte
	rules  *rules
	locale string
	// decoded is set once the document has been seen as a mapping.
	decoded bool
	msgs    map[string]*message // the messages decoded without error
	keyPos  map[string]diag.Pos // the position of every key, even faulty ones
}

// UnmarshalYAMLValue decodes the top-level mapping of message keys.
func (l *loader) UnmarshalYAMLValue(v yamldecode.Value, path string, dec *yamldecode.Decoder) diag.List {
	var errs diag.List
	if v.Kind != "map" {
		errs.Add(v.Pos, "expected a mapping of message keys to texts, found %s", describe(v)).Hint = `write one message per line, as in skip_link: "…"`
		return errs
	}
	l.decoded = true
	for i, k := range v.Keys {
		if k.Kind != "scalar" {
			errs.Add(k.Pos, "expected a message key, found %s", describe(k))
			continue
		}
		key := k.Scalar
		if !validName(key) {
			errs.Add(k.Pos, "invalid message key %q", key).Hint = "a key is made of ASCII letters, digits and _, as in skip_link"
			continue
		}
		l.keyPos[key] = k.Pos
		md := messageDecoder{l: l, key: key, msg: &message{keyPos: k.Pos}}
		item := v.Items[i]
		if item.Kind == "null" {
			// The decoder skips null values; report them here.
			errs.Add(item.Pos, "message %q is empty", key).Hint = "write the text, or remove the key"
			continue
		}
		n := len(errs)
		errs = append(errs, dec.Decode(item, joinPath(path, key), &md)...)
		if !errs[n:].HasErrors() {
			l.msgs[key] = md.msg
		}
	}
	return errs
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// describe names a Value's kind for messages.
func describe(v yamldecode.Value) string {
	switch v.Kind {
	case "map":
		return "a mapping (key: value)"
	case "seq":
		return "a list"
	case "null":
		return "nothing"
	}
	return fmt.Sprintf("%q", v.Scalar)
}

// messageDecoder decodes one message; it is the yamldecode.Unmarshaler of
// a message value.
type messageDecoder struct {
	l   *loader
	key string
	msg *message
}

// UnmarshalYAMLValue decodes a text (scalar), a plural message (mapping of
// categories) or a list (sequence).
func (md *messageDecoder) UnmarshalYAMLValue(v yamldecode.Value, path string, dec *yamldecode.Decoder) diag.List {
	var errs diag.List
	m := md.msg
	switch v.Kind {
	case "scalar":
		m.kind = kindText
		m.text = md.l.parseText(v, fmt.Sprintf("message %q", md.key), &errs)
	case "map":
		m.kind = kindPlural
		md.decodePlural(v, &errs)
	case "seq":
		m.kind = kindList
		if len(v.Items) == 0 {
			errs.Add(v.Pos, "list %q is empty", md.key).Hint = "write the items, or remove the key"
		}
		for i, item := range v.Items {
			if item.Kind != "scalar" {
				errs.Add(item.Pos, "expected text for item %d of %q, found %s", i+1, md.key, describe(item))
				continue
			}
			if strings.TrimSpace(item.Scalar) == "" {
				errs.Add(item.Pos, "item %d of %q is empty", i+1, md.key).Hint = "write the text of the item"
			}
			m.items = append(m.items, item.Scalar)
		}
	default:
		errs.Add(v.Pos, "message %q is empty", md.key).Hint = "write the text, or remove the key"
	}
	return errs
}

// decodePlural decodes the mapping of plural categories of a message and
// checks it against the categories the locale uses.
func (md *messageDecoder) decodePlural(v yamldecode.Value, errs *diag.List) {
	m, r := md.msg, md.l.rules
	if len(v.Keys) == 0 {
		errs.Add(v.Pos, "plural message %q has no forms", md.key).Hint = fmt.Sprintf("%s uses the categories %s", md.l.locale, r.usedList())
		return
	}
	var seen [len(categoryNames)]diag.Pos
	for i, k := range v.Keys {
		item := v.Items[i]
		if k.Kind != "scalar" {
			errs.Add(k.Pos, "expected a plural category, found %s", describe(k))
			continue
		}
		f, ok := parseCategory(k.Scalar)
		if !ok {
			e := errs.Add(k.Pos, "unknown plural category %q in %q", k.Scalar, md.key)
			if q := cmp.Or(diag.DidYouMean(k.Scalar, r.usedNames()), diag.DidYouMean(k.Scalar, allCategoryNames())); q != "" {
				e.Msg += "; " + q
			}
			e.Hint = fmt.Sprintf("%s uses the categories %s", md.l.locale, r.usedList())
			continue
		}
		seen[f] = k.Pos
		if !r.used[f] {
			e := errs.Add(k.Pos, "plural category %q is never used by %s; this form of %q is never shown", k.Scalar, md.l.locale, md.key)
			e.Severity = diag.SevWarning
			e.Hint = fmt.Sprintf("remove it; %s uses the categories %s", md.l.locale, r.usedList())
		}
		switch item.Kind {
		case "scalar":
		case "null":
			errs.Add(item.Pos, "the %q form of %q is empty", k.Scalar, md.key).Hint = "write the text of this form"
			continue
		default:
			errs.Add(item.Pos, "expected text for the %q form of %q, found %s", k.Scalar, md.key, describe(item))
			continue
		}
		m.forms[f] = md.l.parseText(item, fmt.Sprintf("the %q form of %q", k.Scalar, md.key), errs)
		m.has[f] = true
	}
	var missing []string
	for _, f := range categoryOrder {
		if r.used[f] && seen[f].Line == 0 {
			missing = append(missing, categoryNames[f])
		}
	}
	if len(missing) > 0 {
		noun := "category"
		if len(missing) > 1 {
			noun = "categories"
		}
		e := errs.Add(m.keyPos, "plural message %q lacks the %s %s required by %s", md.key, noun, strings.Join(missing, ", "), md.l.locale)
		e.Hint = fmt.Sprintf("add a line \"%s: …\" under %s:; %s uses %s", missing[0], md.key, md.l.locale, r.usedList())
	}
}

// parseText parses the text of scalar v, reporting empty texts and
// malformed placeholders at their exact position; what names the text in
// messages.
func (l *loader) parseText(v yamldecode.Value, what string, errs *diag.List) text {
	if strings.TrimSpace(v.Scalar) == "" {
		errs.Add(v.Pos, "%s is empty", what).Hint = "write the text, or remove the key"
		return text{}
	}
	t, terrs := parseText(v.Scalar)
	for _, te := range terrs {
		errs.Add(l.locate(v, te.off), "%s in %s", te.msg, what).Hint = te.hint
	}
	return t
}

// locate returns the position of the rune at offset off in scalar v. It is
// exact when the text up to that rune is written on the scalar's first
// line (plain, single- or double-quoted, escapes included) or in a literal
// block (|); otherwise it is the position of the scalar.
func (l *loader) locate(v yamldecode.Value, off int) diag.Pos {
	want := []rune(v.Scalar)
	if off > len(want) {
		return v.Pos
	}
	want = want[:off]
	line, ok := lineOf(l.src, v.Pos.Line)
	if !ok {
		return v.Pos
	}
	raw := []rune(line)
	c := v.Pos.Col - 1
	if c < 0 || c >= len(raw) {
		return v.Pos
	}
	p := v.Pos
	switch raw[c] {
	case '|':
		return l.locateBlock(v, want)
	case '"':
		col, ok := scanQuoted(raw, c+1, want, doubleQuoted)
		if ok {
			p.Col = col + 1
			return p
		}
	case '\'':
		col, ok := scanQuoted(raw, c+1, want, singleQuoted)
		if ok {
			p.Col = col + 1
			return p
		}
	default:
		if c+len(want) <= len(raw) && string(raw[c:c+len(want)]) == string(want) {
			p.Col = c + len(want) + 1
			return p
		}
	}
	return v.Pos
}

const (
	singleQuoted = iota
	doubleQuoted
)

// scanQuoted walks the quoted scalar starting at raw[i] over the runes of
// want, decoding escapes, and returns the index in raw of the rune that
// follows them. It fails when the text does not match, as when it goes on
// on the next line.
func scanQuoted(raw []rune, i int, want []rune, style int) (int, bool) {
	for _, w := range want {
		if i >= len(raw) {
			return 0, false
		}
		r, width := raw[i], 1
		switch {
		case style == singleQuoted && r == '\'':
			if i+1 >= len(raw) || raw[i+1] != '\'' {
				return 0, false
			}
			width = 2
		case style == doubleQuoted && r == '\\':
			r, width = unescape(raw[i:])
			if width == 0 {
				return 0, false
			}
		}
		if r != w {
			return 0, false
		}
		i += width
	}
	return i, true
}

// unescape decodes the double-quoted escape at the start of raw and
// returns the rune and how many runes of raw it takes, or a zero width for
// an escape it does not know.
func unescape(raw []rune) (rune, int) {
	if len(raw) < 2 {
		return 0, 0
	}
	hex := map[rune]int{'x': 2, 'u': 4, 'U': 8}
	if n, ok := hex[raw[1]]; ok {
		if len(raw) < 2+n {
			return 0, 0
		}
		v, err := strconv.ParseUint(string(raw[2:2+n]), 16, 32)
		if err != nil {
			return 0, 0
		}
		return rune(v), 2 + n
	}
	simple := map[rune]rune{
		'0': 0, 'a': '\a', 'b': '\b', 't': '\t', '\t': '\t', 'n': '\n', 'v': '\v', 'f': '\f', 'r': '\r',
		'e': 0x1b, ' ': ' ', '"': '"', '/': '/', '\\': '\\', 'N': 0x85, '_': 0xa0, 'L': 0x2028, 'P': 0x2029,
	}
	if r, ok := simple[raw[1]]; ok {
		return r, 2
	}
	return 0, 0
}

// locateBlock locates the end of want in the literal block scalar v: the
// text starts on the line after the "|" and each line of it is a line of
// the file after the block's indentation.
func (l *loader) locateBlock(v yamldecode.Value, want []rune) diag.Pos {
	n := v.Pos.Line + 1 + strings.Count(string(want), "\n")
	lineStart := strings.LastIndexByte(string(want), '\n') + 1
	prefix := []rune(string(want)[lineStart:])
	first, ok := lineOf(l.src, v.Pos.Line+1)
	if !ok {
		return v.Pos
	}
	indent := len(first) - len(strings.TrimLeft(first, " "))
	line, ok := lineOf(l.src, n)
	if !ok || len(line) < indent {
		return v.Pos
	}
	raw := []rune(line[indent:])
	if len(prefix) > len(raw) || string(raw[:len(prefix)]) != string(prefix) {
		return v.Pos
	}
	return diag.Pos{File: v.Pos.File, Line: n, Col: indent + len(prefix) + 1}
}

// lineOf returns line n (counting from 1) of src without its line ending.
func lineOf(src []byte, n int) (string, bool) {
	if n < 1 {
		return "", false
	}
	s := string(src)
	for range n - 1 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return "", false
		}
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSuffix(s, "\r"), true
}

// form returns the text of the plural category f, if the message has it.
func (m *message) form(f plural.Form) (*text, bool) {
	if int(f) >= len(m.has) || !m.has[f] {
		return nil, false
	}
	return &m.forms[f], true
}
