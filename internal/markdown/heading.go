package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
)

// atxHeadingParser is goldmark's ATX heading parser with "{#id}" heading
// attributes, changed in two ways: a heading that ends with a span,
// "## … [texte]{lang=fr}", keeps the braces for the span instead of taking
// them as heading attributes; and only the id attribute is kept, any other
// being reported, so that a page cannot add a class, a style or an event
// handler to a heading.
type atxHeadingParser struct {
	parser.BlockParser
}

// newATXHeadingParser returns the ATX heading parser.
func newATXHeadingParser() parser.BlockParser {
	return atxHeadingParser{parser.NewATXHeadingParser(parser.WithHeadingAttribute())}
}

// Open implements parser.BlockParser.
func (p atxHeadingParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, line := reader.PeekLine()
	node, state := p.BlockParser.Open(parent, reader, pc)
	h, ok := node.(*ast.Heading)
	if !ok || h.Attributes() == nil || h.Lines().Len() != 1 {
		return node, state
	}
	src := reader.Source()
	content := h.Lines().At(0)
	if content.Stop > content.Start && content.Stop < len(src) && src[content.Stop-1] == ']' && src[content.Stop] == '{' {
		whole := text.NewSegment(content.Start, line.Stop)
		h.Lines().Set(0, whole.TrimRightSpace(src))
		h.RemoveAttributes()
		return node, state
	}
	brace := content.Stop
	for brace < line.Stop && src[brace] != '{' {
		brace++
	}
	st := parseStateOf(pc)
	var id []byte
	for _, a := range h.Attributes() {
		if string(a.Name) != "id" {
			st.report(brace, "only {#id} can be set on a heading", "heading attribute %q is not allowed", a.Name)
			continue
		}
		if v, ok := a.Value.([]byte); ok && len(v) > 0 {
			id = v
			continue
		}
		st.report(brace, "write {#my-id}", "invalid heading id")
	}
	h.RemoveAttributes()
	if id != nil {
		h.SetAttributeString("id", []byte(norm.NFC.String(string(id))))
	}
	return node, state
}

// headingTransformer gives every heading of a document an id: explicit ids
// are taken first, then the others are made from the heading text by the
// document's parser.IDs, so they never collide with an explicit one.
type headingTransformer struct{}

// Transform implements parser.ASTTransformer.
func (headingTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var headings []*ast.Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			headings = append(headings, h)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	st := parseStateOf(pc)
	ids := pc.IDs()
	explicit := make(map[string]bool)
	for _, h := range headings {
		id := headingID(h)
		if id == "" {
			continue
		}
		if explicit[id] {
			st.report(h.Pos(), "give each heading its own {#id}", "duplicate heading id %q", id)
		}
		explicit[id] = true
		ids.Put([]byte(id))
	}
	for _, h := range headings {
		if headingID(h) != "" {
			continue
		}
		name := func(p *placeholder) string { return p.Name }
		h.SetAttributeString("id", ids.Generate([]byte(plainText(h, reader.Source(), name)), ast.KindHeading))
	}
}
