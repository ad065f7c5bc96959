package search

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Passage is a block of a page's text as a reader sees it: a paragraph,
// an item of a list, a cell, a heading.
type Passage struct {
	Text string
	// Heading is set on the text of a heading below the page's title
	// (h2 to h6).
	Heading bool
}

// Extract returns the text a reader of page, an HTML document, sees in its
// main content (<main>, else <body>), block by block. It leaves out what
// is not the page's own content: navigation (<nav>), forms, scripts,
// drawings (<svg>: a chart's figures are in the table that follows it),
// the page's title (<h1>, indexed from the page itself), and every element
// that is hidden or carries the attribute data-search-ignore. End tags
// that HTML lets a minifier leave out (</p>, </li>, </td>…) are implied
// as a browser implies them. Extract never fails: what it cannot read is
// text or nothing.
func Extract(page []byte) []Passage {
	x, src := start(page)
	x.read(src)
	x.flush()
	return x.out
}

// start returns an extractor for page and the part of page it reads:
// from <main> to after </main> when the page has them (the rest is not
// read), else the whole page.
func start(page []byte) (*extractor, []byte) {
	x := &extractor{whole: true}
	if i := bytes.Index(page, []byte("<main")); i >= 0 {
		x.whole = false
		page = page[i:]
		if j := bytes.LastIndex(page, []byte("</main>")); j >= 0 {
			page = page[:j+len("</main>")]
		}
	}
	return x, page
}

// read reads src, a part of a page that starts between two tokens. It
// reports whether src also ends between two tokens, read as a whole page
// would read it there: every byte in a whole tag or text, no "<" in a
// text, no comment, and no element whose content the tokenizer reads as
// raw text (<script>, <style>, <title>…), which a part could end inside of.
func (x *extractor) read(src []byte) (clean bool) {
	z := html.NewTokenizer(bytes.NewReader(src))
	clean, read := true, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return clean && read == len(src)
		}
		raw := z.Raw()
		read += len(raw)
		switch tt {
		case html.TextToken:
			// A text that ends with "<" or "</" may start a tag, or a
			// comment, with what follows the part.
			clean = clean && bytes.IndexByte(raw, '<') < 0
			if x.reading() {
				x.text(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			a := atom.Lookup(x.tagName(raw))
			k := kindOf[a]
			clean = clean && k&isRawText == 0
			skip := k&isSkipped != 0
			// Only the attributes below matter: a tag without them is
			// not read further (TagAttr copies every key and value).
			hasAttr := containsFold(raw, "hidden") || containsFold(raw, "ignore")
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "hidden", "data-search-ignore":
					skip = true
				case "aria-hidden":
					skip = skip || string(v) == "true"
				}
			}
			x.start(a, k, skip)
		case html.EndTagToken:
			x.end(atom.Lookup(x.tagName(raw)))
		default: // comments, doctype
			clean = false
		}
	}
}

// tagName returns the name of the tag token raw ("<p class=x>", "</p>"),
// lower-cased, as Tokenizer.TagName returns it but without its copy: the
// name ends at white space, "/" or ">". x.name holds it until the next
// tag.
func (x *extractor) tagName(raw []byte) []byte {
	raw = raw[1:] // "<"
	if len(raw) > 0 && raw[0] == '/' {
		raw = raw[1:]
	}
	x.name = x.name[:0]
	for _, c := range raw {
		switch c {
		case ' ', '\n', '\r', '\t', '\f', '/', '>':
			return x.name
		case 0:
			return nil // TagName writes U+FFFD for it: no element has that name
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		x.name = append(x.name, c)
	}
	return x.name
}

// containsFold reports whether s contains word, a lower-case ASCII word,
// in any case.
func containsFold(s []byte, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		j := 0
		for j < len(word) {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != word[j] {
				break
			}
			j++
		}
		if j == len(word) {
			return true
		}
	}
	return false
}

// element is an open element of the page.
type element struct {
	tag   atom.Atom
	skip  bool
	block bool
}

// extractor follows the open elements of a page as a browser builds them,
// closely enough to know which text is read, and where blocks begin.
type extractor struct {
	whole bool // the page has no <main>: read the whole <body>
	open  []element
	// skipping counts the open elements whose text is left out; heading
	// and main the open headings and <main> elements.
	skipping, heading, main int
	buf                     bytes.Buffer // reused: each passage's text is copied out once
	name                    []byte       // reused: a tag's name
	space                   bool         // a space is due before the next word
	inHeading               bool         // the passage in buf is a heading's
	out                     []Passage
}

func (x *extractor) reading() bool {
	return x.skipping == 0 && (x.main > 0 || x.whole)
}

func (x *extractor) start(a atom.Atom, k kind, skip bool) {
	x.close(a, k)
	if k&isBlock != 0 {
		x.flush()
	}
	if k&isVoid != 0 {
		return
	}
	x.open = append(x.open, element{a, skip, k&isBlock != 0})
	x.count(a, skip, 1)
}

func (x *extractor) end(a atom.Atom) {
	for i := len(x.open) - 1; i >= 0; i-- {
		if x.open[i].tag == a {
			x.pop(len(x.open) - i)
			break
		}
	}
	if kindOf[a]&isBlock != 0 {
		x.flush()
	}
}

// pop closes the n innermost open elements.
func (x *extractor) pop(n int) {
	for range n {
		e := x.open[len(x.open)-1]
		x.open = x.open[:len(x.open)-1]
		x.count(e.tag, e.skip, -1)
		if e.block {
			x.flush()
		}
	}
}

func (x *extractor) count(a atom.Atom, skip bool, d int) {
	if skip {
		x.skipping += d
	}
	switch a {
	case atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		x.heading += d
	case atom.Main:
		x.main += d
	}
}

// close closes the elements that the start tag of a closes by itself: a
// paragraph before a block, the previous item before an item, a cell
// before a cell or a row.
func (x *extractor) close(a atom.Atom, k kind) {
	if k&isClosingP != 0 {
		x.closeBy(implied[atom.P])
	}
	if k&isImplied != 0 && a != atom.P {
		x.closeBy(implied[a])
	}
}

func (x *extractor) closeBy(rule closing) {
	for i := len(x.open) - 1; i >= 0; i-- {
		t := x.open[i].tag
		if rule.closes[t] {
			x.pop(len(x.open) - i)
			return
		}
		if rule.within[t] {
			return
		}
	}
}

// text adds a run of text to the passage being read, with its white
// space collapsed.
func (x *extractor) text(t []byte) {
	if x.buf.Len() > 0 && x.inHeading != (x.heading > 0) {
		x.flush()
	}
	for i := 0; i < len(t); {
		if space, size := spaceAt(t[i:]); space {
			x.space = true
			i += size
			continue
		}
		// A word: up to the next space, most of it read byte by byte.
		start := i
	word:
		for i < len(t) {
			switch b := t[i]; {
			case b < utf8.RuneSelf:
				if asciiSpace[b] {
					break word
				}
				i++
			case b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3:
				space, size := spaceAt(t[i:])
				if space {
					break word
				}
				i += size
			default:
				i++
			}
		}
		if x.space && x.buf.Len() > 0 {
			x.buf.WriteByte(' ')
		}
		x.buf.Write(t[start:i])
		x.inHeading = x.heading > 0
		x.space = false // until the space that ends the word, if any
	}
}

// asciiSpace are the white space characters of ASCII.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true, '\v': true}

// spaceAt reports whether t starts with white space, and the size of its
// first character. Only a few lead bytes can start a space beyond ASCII
// (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000): Arabic letters are read
// without decoding them.
func spaceAt(t []byte) (bool, int) {
	switch b := t[0]; {
	case b < utf8.RuneSelf:
		return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v', 1
	case b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3:
		r, size := utf8.DecodeRune(t)
		return unicode.IsSpace(r), size
	}
	return false, 1 // a lead or continuation byte of a character that is not a space
}

// flush ends the passage being read.
func (x *extractor) flush() {
	if x.buf.Len() > 0 {
		x.out = append(x.out, Passage{Text: string(x.buf.Bytes()), Heading: x.inHeading})
		x.buf.Reset()
	}
	x.space = false
}

func atoms(tags ...atom.Atom) map[atom.Atom]bool {
	m := make(map[atom.Atom]bool, len(tags))
	for _, t := range tags {
		m[t] = true
	}
	return m
}

var (
	// rawText are the elements whose content the tokenizer reads as text.
	rawText = atoms(atom.Script, atom.Style, atom.Textarea, atom.Title, atom.Xmp, atom.Iframe, atom.Noembed,
		atom.Noframes, atom.Noscript, atom.Plaintext)
	// skipped are the elements whose text is not the page's content.
	skipped = atoms(atom.Nav, atom.Svg, atom.Math, atom.Script, atom.Style, atom.Template, atom.Noscript,
		atom.Form, atom.Button, atom.Select, atom.Textarea, atom.Iframe, atom.Object, atom.H1, atom.Head, atom.Title)
	// void elements have no content and no end tag.
	void = atoms(atom.Area, atom.Base, atom.Br, atom.Col, atom.Embed, atom.Hr, atom.Img, atom.Input, atom.Link,
		atom.Meta, atom.Source, atom.Track, atom.Wbr)
	// blocks start and end a passage.
	blocks = atoms(atom.P, atom.Li, atom.Dt, atom.Dd, atom.Td, atom.Th, atom.Tr, atom.Caption, atom.H1, atom.H2,
		atom.H3, atom.H4, atom.H5, atom.H6, atom.Div, atom.Section, atom.Article, atom.Aside, atom.Blockquote,
		atom.Pre, atom.Figcaption, atom.Figure, atom.Header, atom.Footer, atom.Ul, atom.Ol, atom.Dl, atom.Table,
		atom.Details, atom.Summary, atom.Br, atom.Hr, atom.Main, atom.Address, atom.Nav, atom.Form)
	// closesP are the start tags that close an open paragraph.
	closesP = atoms(atom.Address, atom.Article, atom.Aside, atom.Blockquote, atom.Details, atom.Dialog, atom.Div,
		atom.Dl, atom.Fieldset, atom.Figcaption, atom.Figure, atom.Footer, atom.Form, atom.H1, atom.H2, atom.H3,
		atom.H4, atom.H5, atom.H6, atom.Header, atom.Hgroup, atom.Hr, atom.Main, atom.Menu, atom.Nav, atom.Ol,
		atom.P, atom.Pre, atom.Section, atom.Table, atom.Ul, atom.Li, atom.Dt, atom.Dd, atom.Search)
)

// kind says what an element is to the extractor, in one look-up.
type kind uint8

const (
	isSkipped kind = 1 << iota
	isVoid
	isBlock
	isClosingP
	isImplied // implied has a rule for it
	isRawText
)

// kindOf is the kind of each element of the sets above.
var kindOf = func() map[atom.Atom]kind {
	m := map[atom.Atom]kind{}
	for k, set := range map[kind]map[atom.Atom]bool{isSkipped: skipped, isVoid: void, isBlock: blocks, isClosingP: closesP, isRawText: rawText} {
		for a := range set {
			m[a] |= k
		}
	}
	for a := range implied {
		m[a] |= isImplied
	}
	return m
}()

// closing says which open element a start tag closes (the innermost of
// closes), unless one of within is open inside it.
type closing struct{ closes, within map[atom.Atom]bool }

// scope are the elements a paragraph does not close across.
var scope = []atom.Atom{atom.Table, atom.Td, atom.Th, atom.Caption, atom.Button, atom.Template, atom.Object, atom.Html}

var implied = map[atom.Atom]closing{
	atom.P:      {atoms(atom.P), atoms(scope...)},
	atom.Li:     {atoms(atom.Li), atoms(append(scope, atom.Ul, atom.Ol, atom.Menu)...)},
	atom.Dt:     {atoms(atom.Dt, atom.Dd), atoms(append(scope, atom.Dl)...)},
	atom.Dd:     {atoms(atom.Dt, atom.Dd), atoms(append(scope, atom.Dl)...)},
	atom.Tr:     {atoms(atom.Tr, atom.Td, atom.Th), atoms(atom.Table, atom.Tbody, atom.Thead, atom.Tfoot)},
	atom.Td:     {atoms(atom.Td, atom.Th), atoms(atom.Tr, atom.Table)},
	atom.Th:     {atoms(atom.Td, atom.Th), atoms(atom.Tr, atom.Table)},
	atom.Tbody:  {atoms(atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th), atoms(atom.Table)},
	atom.Thead:  {atoms(atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th), atoms(atom.Table)},
	atom.Tfoot:  {atoms(atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th), atoms(atom.Table)},
	atom.Option: {atoms(atom.Option), atoms(atom.Select, atom.Datalist, atom.Optgroup)},
}
