package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A conditional is text that depends on whether the commune has a fact:
//
//	{{ if contact.phone }}call {{ contact.phone }}{{ else }}ask at the town hall{{ end }}
//	{{ contact.phone or "ask at the town hall" }}
//
// The second form is the first with {{ contact.phone }} as its first
// branch. Both branches are Markdown text inside one block (a paragraph,
// a list item, a table cell), and inside the same emphasis, link or span;
// a heading or an image description has none, since its anchor and
// alternative text are the same for every commune. A conditional that is
// the whole of a list item or of a paragraph, with one branch empty,
// takes the item or paragraph with it: the item is left out, not left
// empty.

// markKind tells the marks of a conditional apart.
type markKind int

const (
	markIf          markKind = iota // {{ if name }}, or {{ name or " when Fallback
	markElse                        // {{ else }}
	markEnd                         // {{ end }}
	markFallbackEnd                 // the " }} that ends a fallback
)

// kindCondMark is the node kind of a mark of a conditional.
var kindCondMark = ast.NewNodeKind("ConditionalMark")

// condMark is a mark of a conditional, as parsed; the marks of a block are
// paired into conditionals when the block ends, and none is left in the
// tree.
type condMark struct {
	ast.BaseInline
	Mark     markKind
	Name     string // of markIf
	Fallback bool   // of markIf: {{ name or "…" }}
	els      *condMark
}

// Kind implements ast.Node.
func (n *condMark) Kind() ast.NodeKind { return kindCondMark }

// Dump implements ast.Node.
func (n *condMark) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Mark": fmt.Sprint(n.Mark), "Name": n.Name}, nil)
}

// what names a mark in messages.
func (n *condMark) what() string {
	switch {
	case n.Mark == markElse:
		return "{{ else }}"
	case n.Mark == markEnd:
		return "{{ end }}"
	case n.Mark == markFallbackEnd:
		return `the " }} of a fallback`
	case n.Fallback:
		return fmt.Sprintf(`{{ %s or "…" }}`, n.Name)
	}
	return fmt.Sprintf("{{ if %s }}", n.Name)
}

// kindConditional is the node kind of a conditional.
var kindConditional = ast.NewNodeKind("Conditional")

// conditional is an inline conditional: its two children are branches,
// the first shown when the commune has the fact Name, the second when it
// has not.
type conditional struct {
	ast.BaseInline
	Name     string
	Off      int  // byte offset of its "{{ if" or "{{ name or"
	Fallback bool // {{ name or "…" }}: the first branch is the placeholder
}

// Kind implements ast.Node.
func (n *conditional) Kind() ast.NodeKind { return kindConditional }

// Dump implements ast.Node.
func (n *conditional) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// branches returns the two branches of n.
func (n *conditional) branches() (yes, no ast.Node) { return n.FirstChild(), n.LastChild() }

// kindBranch is the node kind of a branch of a conditional.
var kindBranch = ast.NewNodeKind("Branch")

// branch holds the inline content of one branch of a conditional; it
// renders as its content.
type branch struct{ ast.BaseInline }

// Kind implements ast.Node.
func (n *branch) Kind() ast.NodeKind { return kindBranch }

// Dump implements ast.Node.
func (n *branch) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// kindCondBlock is the node kind of a block shown on a condition.
var kindCondBlock = ast.NewNodeKind("ConditionalBlock")

// condBlock holds one block (a list item or a paragraph), shown when
// whether the commune has the fact Name is Has.
type condBlock struct {
	ast.BaseBlock
	Name string
	Off  int
	Has  bool
}

// Kind implements ast.Node.
func (n *condBlock) Kind() ast.NodeKind { return kindCondBlock }

// Dump implements ast.Node.
func (n *condBlock) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name, "Has": fmt.Sprint(n.Has)}, nil)
}

// maxConditionalDepth bounds the nesting of conditionals: a page needs
// two levels at most, and the bound keeps rendering shallow.
const maxConditionalDepth = 8

// mark records that the block being parsed holds a mark of a
// conditional, and returns m.
func (s *parseState) mark(m *condMark) ast.Node {
	s.marked = true
	return m
}

// closeConditionals pairs the marks of block into conditionals, reports
// the marks that do not pair, and removes every mark from the tree.
func (s *parseState) closeConditionals(block ast.Node) {
	s.fallbacks = 0
	if !s.marked {
		return
	}
	s.marked = false
	var marks []*condMark
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if m, ok := n.(*condMark); ok && entering {
			marks = append(marks, m)
		}
		return ast.WalkContinue, nil
	})
	if where := forbidden(block); where != "" {
		for _, m := range marks {
			if m.Mark == markIf {
				s.report(m.Pos(), "put the condition in the text under it",
					"%s in %s: it is the same for every commune", m.what(), where)
			}
			remove(m)
		}
		return
	}
	var open []*condMark
	drop := func(m *condMark) {
		remove(m)
		if m.els != nil {
			remove(m.els)
		}
	}
	for _, m := range marks {
		if img := imageOf(m, block); img != nil {
			if m.Mark == markIf {
				s.report(m.Pos(), "put the condition around the whole image",
					"%s in the description of an image: it is the same for every commune", m.what())
			}
			remove(m)
			continue
		}
		if m.Mark == markIf {
			if len(open) == maxConditionalDepth {
				s.report(m.Pos(), "write the conditions one after the other",
					"more than %d conditions inside one another", maxConditionalDepth)
				remove(m)
				continue
			}
			open = append(open, m)
			continue
		}
		if m.Mark == markFallbackEnd {
			// A condition opened in the fallback's text and not ended
			// ends with it.
			for len(open) > 0 && !open[len(open)-1].Fallback {
				top := open[len(open)-1]
				s.report(top.Pos(), `end it with {{ end }} before the " }} of the fallback`, "unclosed %s", top.what())
				open = open[:len(open)-1]
				drop(top)
			}
		}
		if len(open) == 0 {
			hint := "open it with {{ if name }}"
			if m.Mark == markFallbackEnd {
				hint = `open the fallback with {{ name or "`
			}
			s.report(m.Pos(), hint, "%s without {{ if }}", m.what())
			remove(m)
			continue
		}
		top := open[len(open)-1]
		switch {
		case top.Fallback && m.Mark != markFallbackEnd:
			s.report(m.Pos(), `a fallback's text has no {{ else }} or {{ end }}: it ends with " }}`,
				"%s inside the text of %s", m.what(), top.what())
			remove(m)
		case top.Parent() != m.Parent():
			s.report(m.Pos(), "open and close a condition inside the same emphasis, link or span",
				"%s and its %s are not inside the same emphasis, link or span", m.what(), top.what())
			open = open[:len(open)-1]
			drop(top)
			remove(m)
		case m.Mark == markElse:
			if top.els != nil {
				s.report(m.Pos(), "a condition has one {{ else }} at most", "a second {{ else }} for %s", top.what())
				remove(m)
				continue
			}
			top.els = m
		default: // the end of top
			s.conditional(block, top, m)
			open = open[:len(open)-1]
		}
	}
	for _, m := range open {
		hint := "end it with {{ end }} in the same paragraph, list item or table cell"
		if m.Fallback {
			hint = `end its text with " }} in the same paragraph, list item or table cell`
		}
		s.report(m.Pos(), hint, "unclosed %s", m.what())
		drop(m)
	}
}

// forbidden names the kind of block that cannot hold a conditional, or
// returns "".
func forbidden(block ast.Node) string {
	if block.Kind() == ast.KindHeading {
		return "a heading"
	}
	return ""
}

// imageOf returns the image whose description holds n, below block, or
// nil.
func imageOf(n, block ast.Node) ast.Node {
	for p := n.Parent(); p != nil && p != block; p = p.Parent() {
		if p.Kind() == ast.KindImage {
			return p
		}
	}
	return nil
}

// remove takes n out of the tree.
func remove(n ast.Node) {
	if p := n.Parent(); p != nil {
		p.RemoveChild(p, n)
	}
}

// conditional replaces the marks open … [else …] end, siblings in the
// tree, by a conditional holding what was between them.
func (s *parseState) conditional(block ast.Node, open, end *condMark) {
	c := &conditional{Name: open.Name, Off: open.Pos(), Fallback: open.Fallback}
	yes, no := &branch{}, &branch{}
	parent := open.Parent()
	parent.InsertBefore(parent, open, c)
	into := ast.Node(yes)
	if open.Fallback {
		p := &placeholder{Name: open.Name, Optional: true}
		p.SetPos(open.Pos())
		yes.AppendChild(yes, p)
		into = no
	}
	for n := open.NextSibling(); n != end; {
		next := n.NextSibling()
		parent.RemoveChild(parent, n)
		if open.els != nil && n == open.els {
			into = no
		} else {
			into.AppendChild(into, n)
		}
		n = next
	}
	remove(open)
	remove(end)
	c.AppendChild(c, yes)
	c.AppendChild(c, no)
	if open.Fallback && blank(no, s.src) {
		s.report(open.Pos(), fmt.Sprintf("write the text to show without %s, or write {{ if %s }}…{{ end }}", open.Name, open.Name),
			"empty fallback of %s", open.Name)
	}
	if c.Parent() == block {
		s.whole = append(s.whole, c)
	}
}

// blank reports whether n holds nothing but white space.
func blank(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || len(bytes.TrimSpace(t.Segment.Value(src))) > 0 {
			return false
		}
	}
	return true
}

// wholeTransformer turns a conditional that is all a list item or a
// paragraph holds, one branch empty, into a condBlock holding that list
// item or paragraph: a list item without its text would be an empty
// bullet. It runs after every block is parsed, since it changes the
// blocks around the conditional.
type wholeTransformer struct{}

// Transform implements parser.ASTTransformer.
func (wholeTransformer) Transform(_ *ast.Document, reader text.Reader, pc parser.Context) {
	st := parseStateOf(pc)
	src := reader.Source()
	for _, c := range st.whole {
		lift(c, src)
	}
	st.whole = nil
}

// lift makes a condBlock of conditional c when it is the whole of its
// block, which is a list item's only block or a paragraph.
func lift(c *conditional, src []byte) {
	block := c.Parent()
	if block == nil {
		return
	}
	for n := block.FirstChild(); n != nil; n = n.NextSibling() {
		if t, ok := n.(*ast.Text); n != c && (!ok || len(bytes.TrimSpace(t.Segment.Value(src))) > 0) {
			return
		}
	}
	yes, no := c.branches()
	var shown ast.Node
	switch {
	case blank(no, src):
		shown = yes
	case blank(yes, src):
		shown = no
	default:
		return
	}
	target := block
	if item := block.Parent(); item != nil && item.Kind() == ast.KindListItem && item.ChildCount() == 1 {
		target = item
	} else if block.Kind() != ast.KindParagraph {
		return
	}
	// The block keeps the shown branch's content in place of c.
	for n := shown.FirstChild(); n != nil; {
		next := n.NextSibling()
		shown.RemoveChild(shown, n)
		block.InsertBefore(block, c, n)
		n = next
	}
	block.RemoveChild(block, c)
	cb := &condBlock{Name: c.Name, Off: c.Off, Has: shown == yes}
	parent := target.Parent()
	parent.ReplaceChild(parent, target, cb)
	cb.AppendChild(cb, target)
}

// renderConditional renders the branch of a conditional that the Env
// picks: at once when rendering, as a choice between two compiled
// fragments when compiling.
func renderConditional(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	st, err := renderStateOf(w)
	if err != nil {
		return ast.WalkStop, err
	}
	switch n := node.(type) {
	case *conditional:
		yes, no := n.branches()
		return ast.WalkSkipChildren, st.choose(n.Name, n.Off, yes, no)
	case *condBlock:
		var yes, no ast.Node = n.FirstChild(), nil
		if !n.Has {
			yes, no = nil, yes
		}
		return ast.WalkSkipChildren, st.choose(n.Name, n.Off, yes, no)
	}
	return ast.WalkContinue, nil
}

// choose writes yes when the Env has the fact name, else no (either may
// be nil, for nothing); when compiling, it compiles both and leaves a
// hole that chooses.
func (st *renderState) choose(name string, off int, yes, no ast.Node) error {
	if st.compiled == nil {
		n := no
		if st.has(name, off) {
			n = yes
		}
		if n == nil {
			return nil
		}
		return st.renderer.Render(st, st.doc.src, n)
	}
	c := &choice{name: name, off: off}
	var err error
	if c.yes, err = st.compile(yes); err != nil {
		return err
	}
	if c.no, err = st.compile(no); err != nil {
		return err
	}
	_ = st.Flush()
	st.compiled.holes = append(st.compiled.holes, hole{at: st.out.Len(), choice: c})
	return nil
}

// has reports whether the Env has the fact name, used at byte offset off;
// a name the Env does not know is an error.
func (st *renderState) has(name string, off int) bool {
	if _, ok := st.env.Param(name); ok {
		return true
	}
	if !st.env.Known(name) {
		st.unknown(name, off)
	}
	return false
}

// renderBranch renders a branch as its content.
func renderBranch(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}
