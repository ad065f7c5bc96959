package markdown

import (
	"bytes"
	"net/url"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"github.com/tadafor/tadafor/internal/diag"
)

// Doc is a parsed Markdown page. It is immutable after Parse and safe for
// concurrent use.
type Doc struct {
	file     string
	lang     string
	src      []byte
	body     *Compiled // the page rendered ahead of any Env
	lines    lineIndex
	headings []Heading
	links    []Link
	params   []Param
	ids      map[string]bool
}

// Heading is a heading of a page.
type Heading struct {
	Level int    // 1 to 6
	ID    string // the anchor, unique in the page
	Href  string // the link to it from its page: "#" and the escaped ID
	Text  string // plain text; a placeholder reads {{name}} (see Fill)
	Pos   diag.Pos
	plain plain
}

// Fill returns the heading's plain text with the value param gives each
// placeholder; one param does not know reads {{name}}.
func (h Heading) Fill(param func(name string) (string, bool)) string {
	return h.plain.Fill(param)
}

// Filled reports whether the heading has placeholders, whose values Fill
// puts in.
func (h Heading) Filled() bool { return len(h.plain.params) > 0 }

// plain is the plain text of inline content (a heading, an image's
// description) kept apart from the document's tree: its text between
// placeholders, and the placeholders.
type plain struct {
	text   []string // one more than params
	params []plainParam
}

type plainParam struct {
	name string
	off  int // byte offset in the page's body
}

// newPlain takes the plain text of n (see plainText).
func newPlain(n ast.Node, src []byte) plain {
	var a plain
	var b strings.Builder
	plainTextTo(&b, n, src, func(p *placeholder) string {
		a.text = append(a.text, b.String())
		b.Reset()
		a.params = append(a.params, plainParam{p.Name, p.Pos()})
		return ""
	})
	a.text = append(a.text, b.String())
	return a
}

// fill returns the text with the value value gives each placeholder,
// trimmed as plainText trims.
func (a plain) fill(value func(name string, off int) string) string {
	var b strings.Builder
	for i, p := range a.params {
		b.WriteString(a.text[i])
		b.WriteString(value(p.name, p.off))
	}
	b.WriteString(a.text[len(a.params)])
	return strings.TrimSpace(b.String())
}

// Fill is fill with values from param, an unknown one written {{name}}.
func (a plain) Fill(param func(name string) (string, bool)) string {
	return a.fill(func(name string, _ int) string {
		if param != nil {
			if v, ok := param(name); ok {
				return v
			}
		}
		return "{{" + name + "}}"
	})
}

// Link is a link, image or autolink of a page.
type Link struct {
	Dest  string // the destination as written, escapes resolved; "mailto:" added to a bare e-mail address
	Image bool
	// Alt is the alternative text of an image: the plain text of its
	// description, a placeholder written {{name}}; "" for a link, and for
	// an image without a description.
	Alt string
	Pos diag.Pos // the "[" of a link, the "!" of an image
}

// Param is a placeholder or a condition used in a page.
type Param struct {
	Name string // such as "commune.name"
	Pos  diag.Pos
	// Optional is set on a condition ({{ if name }}) and on the placeholder
	// of a fallback ({{ name or "…" }}): the page does without the fact.
	Optional bool
}

// File returns the path of the page, as given to Parse.
func (d *Doc) File() string { return d.file }

// Lang returns the language of the page, as given to Parse.
func (d *Doc) Lang() string { return d.lang }

// Headings returns the headings of the page in document order.
func (d *Doc) Headings() []Heading { return slices.Clone(d.headings) }

// Links returns every link, image and autolink destination of the page in
// document order.
func (d *Doc) Links() []Link { return slices.Clone(d.links) }

// Params returns every placeholder and condition of the page in document
// order, one entry per use.
func (d *Doc) Params() []Param { return slices.Clone(d.params) }

// HasID reports whether the page has a heading whose anchor is id. Both
// are compared in Unicode normalization form C.
func (d *Doc) HasID(id string) bool {
	// The anchors are kept in NFC: most ids asked are already.
	return d.ids[id] || !norm.NFC.IsNormalString(id) && d.ids[norm.NFC.String(id)]
}

// anchors returns the anchors of the page in document order.
func (d *Doc) anchors() []string {
	ids := make([]string, len(d.headings))
	for i, h := range d.headings {
		ids[i] = h.ID
	}
	return ids
}

// index collects the headings, links and placeholders of the page.
func (d *Doc) index(root ast.Node) {
	d.ids = make(map[string]bool)
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id := headingID(n)
			d.ids[id] = true
			text := newPlain(n, d.src)
			d.headings = append(d.headings, Heading{
				Level: n.Level,
				ID:    id,
				Href:  "#" + url.PathEscape(id),
				Text:  text.Fill(nil),
				Pos:   d.lines.pos(n.Pos()),
				plain: text,
			})
		case *ast.Link:
			d.links = append(d.links, Link{Dest: linkDest(n.Destination), Pos: d.lines.pos(n.Pos())})
		case *ast.Image:
			alt := plainText(n, d.src, func(p *placeholder) string { return "{{" + p.Name + "}}" })
			d.links = append(d.links, Link{Dest: linkDest(n.Destination), Image: true, Alt: alt, Pos: d.lines.pos(n.Pos())})
		case *ast.AutoLink:
			d.links = append(d.links, Link{Dest: autoLinkDest(n, d.src), Pos: d.lines.pos(autoLinkPos(n, d.src))})
		case *placeholder:
			d.params = append(d.params, Param{Name: n.Name, Pos: d.lines.pos(n.Pos()), Optional: n.Optional})
		case *conditional:
			if !n.Fallback {
				d.params = append(d.params, Param{Name: n.Name, Pos: d.lines.pos(n.Off), Optional: true})
			}
		case *condBlock:
			d.params = append(d.params, Param{Name: n.Name, Pos: d.lines.pos(n.Off), Optional: true})
		}
		return ast.WalkContinue, nil
	})
}

// plainText returns the text of the inline content of n: escapes and
// entities resolved, markup dropped, a placeholder written by param.
func plainText(n ast.Node, src []byte, param func(*placeholder) string) string {
	var b strings.Builder
	plainTextTo(&b, n, src, param)
	return strings.TrimSpace(b.String())
}

// plainTextTo writes the text of plainText, untrimmed, to b.
func plainTextTo(b *strings.Builder, n ast.Node, src []byte, param func(*placeholder) string) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(unescape(c.Segment.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() {
				b.Write(util.ResolveEntityNames(c.Value))
			} else {
				b.Write(unescape(c.Value))
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(bytes.TrimSuffix(t.Segment.Value(src), []byte("\n")))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.Label(src))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *placeholder:
			b.WriteString(param(c))
		}
		return ast.WalkContinue, nil
	})
}

// unescape resolves the backslash escapes and character references of
// Markdown text.
func unescape(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// headingID returns the id attribute of heading h, "" when it has none.
func headingID(h *ast.Heading) string {
	v, _ := h.AttributeString("id")
	b, _ := v.([]byte)
	return string(b)
}
