package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tableAlignTransformer gives an aligned table cell ("|---:|") a class,
// align-left, align-center or align-right, which the stylesheet lays
// out, instead of goldmark's style attribute: the published sites'
// Content-Security-Policy allows no inline style.
type tableAlignTransformer struct{}

func (tableAlignTransformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		cell, ok := n.(*east.TableCell)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		switch cell.Alignment {
		case east.AlignLeft:
			cell.SetAttributeString("class", []byte("align-left"))
		case east.AlignCenter:
			cell.SetAttributeString("class", []byte("align-center"))
		case east.AlignRight:
			cell.SetAttributeString("class", []byte("align-right"))
		}
		return ast.WalkContinue, nil
	})
}
