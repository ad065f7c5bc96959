package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// rawHTMLHint tells what to write instead of raw HTML.
const rawHTMLHint = "use Markdown, or [text]{dir=ltr} for direction"

// rawHTMLChecker reports the raw HTML of a document, block or inline: a
// page is data, not code, and goldmark leaves raw HTML out of the output
// anyway. An HTML comment alone is allowed (and left out).
type rawHTMLChecker struct{}

// Transform implements parser.ASTTransformer.
func (rawHTMLChecker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	st := parseStateOf(pc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var raw []byte
		switch n := n.(type) {
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				raw = append(raw, seg.Value(src)...)
			}
		case *ast.HTMLBlock:
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				raw = append(raw, seg.Value(src)...)
			}
			if n.HasClosure() {
				raw = append(raw, n.ClosureLine.Value(src)...)
			}
		default:
			return ast.WalkContinue, nil
		}
		if !isComment(raw) {
			st.report(n.Pos(), rawHTMLHint, "raw HTML is not allowed: %s", excerpt(firstLine(raw)))
		}
		return ast.WalkSkipChildren, nil
	})
}

// isComment reports whether raw is one HTML comment and nothing else.
func isComment(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	body, ok := bytes.CutPrefix(raw, []byte("<!--"))
	if !ok {
		return false
	}
	i := bytes.Index(body, []byte("-->"))
	return i >= 0 && i == len(body)-3
}

// firstLine returns the first line of b without leading spaces.
func firstLine(b []byte) []byte {
	b = bytes.TrimLeft(b, " \t")
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return b
}
