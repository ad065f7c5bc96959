package markdown

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/yuin/goldmark/ast"

	"github.com/tadafor/tadafor/internal/diag"
)

// Compiled is a page rendered once, ahead of any Env: the HTML that is the
// same for every commune, with holes where a placeholder, a link or an
// image goes. Rendering it for one Env fills the holes, which costs a copy
// instead of a walk of the document: a shared page is compiled once and
// rendered for each commune. It is immutable and safe for concurrent use.
type Compiled struct {
	doc   *Doc
	html  []byte
	holes []hole // in document order
}

// hole is where the Env's answer goes, at byte offset at of the static
// HTML: either fill returns it (escaped) and records any error in st, or
// choice picks the fragment to render there.
type hole struct {
	at     int
	fill   func(st *renderState) []byte
	choice *choice
}

// choice is the hole of a conditional: the fragment for a commune that
// has the fact name, and the one for a commune that has not (nil for
// nothing). The fragments are pages compiled on their own, with holes of
// their own.
type choice struct {
	name    string
	off     int // byte offset of the condition in the page
	yes, no *Compiled
}

// pick returns the fragment the Env picks, or nil.
func (c *choice) pick(st *renderState) *Compiled {
	if st.has(c.name, c.off) {
		return c.yes
	}
	return c.no
}

// Compiled returns the page rendered ahead of any Env (Parse does it):
// rendering it with an Env is what Converter.Render does.
func (d *Doc) Compiled() *Compiled { return d.body }

// compile renders the tree of d once, without an Env.
func (c *Converter) compile(d *Doc, root ast.Node) (*Compiled, error) {
	var buf bytes.Buffer
	p := &Compiled{doc: d}
	st := &renderState{Writer: bufio.NewWriter(&buf), doc: d, compiled: p, out: &buf, renderer: c.renderer}
	if err := c.renderer.Render(st, d.src, root); err != nil {
		return nil, fmt.Errorf("render %s: %w", d.file, err)
	}
	if err := st.Flush(); err != nil {
		return nil, fmt.Errorf("render %s: %w", d.file, err)
	}
	p.html = buf.Bytes()
	return p, nil
}

// Render writes the HTML of the page to w, filling the holes with env, as
// Converter.Render does.
func (p *Compiled) Render(w io.Writer, env Env) diag.List {
	// The holes only read the Env and record errors: no writer needed.
	st := &renderState{doc: p.doc, env: env}
	var failed bool
	write := func(b []byte) {
		if _, err := w.Write(b); err != nil && !failed {
			failed = true
			st.errs.Append(fmt.Errorf("render %s: %w", p.doc.file, err))
		}
	}
	p.fill(st, write)
	st.errs.Sort()
	return st.errs
}

// fill writes the page with its holes filled, through write.
func (p *Compiled) fill(st *renderState, write func([]byte)) {
	prev := 0
	for _, h := range p.holes {
		write(p.html[prev:h.at])
		if h.choice == nil {
			write(h.fill(st))
		} else if f := h.choice.pick(st); f != nil {
			f.fill(st, write)
		}
		prev = h.at
	}
	write(p.html[prev:])
}

// compile compiles the subtree n (nil for nothing) on its own: a fragment
// of the page being compiled.
func (st *renderState) compile(n ast.Node) (*Compiled, error) {
	if n == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	f := &Compiled{doc: st.doc}
	sub := &renderState{Writer: bufio.NewWriter(&buf), doc: st.doc, compiled: f, out: &buf, renderer: st.renderer}
	if err := st.renderer.Render(sub, st.doc.src, n); err != nil {
		return nil, err
	}
	if err := sub.Flush(); err != nil {
		return nil, err
	}
	f.html = buf.Bytes()
	return f, nil
}

// The marks that stand for holes while Transform hands the HTML to f:
// characters of Unicode's private use area, which Markdown text does not
// produce in practice and a transformation such as minifying keeps. A
// choice is marked with both its fragments in place, so that f sees them
// in their context: choiceMark, the first fragment, elseMark, the second,
// endMark.
const (
	holeMark   = "\uE000"
	choiceMark = "\uE001"
	elseMark   = "\uE002"
	endMark    = "\uE003"
)

// ErrMarked is returned by Transform when the page itself contains one of
// the characters that mark holes (U+E000 to U+E003); the page is then used
// untransformed.
var ErrMarked = errors.New("markdown: the page contains a character of U+E000 to U+E003")

// Transform returns the page with its static HTML passed through f (a
// minifier), the holes marked by private use characters that f must keep
// as they are. It fails when f loses, adds or reorders a mark.
func (p *Compiled) Transform(f func([]byte) ([]byte, error)) (*Compiled, error) {
	var marked bytes.Buffer
	marked.Grow(len(p.html) + len(p.holes)*len(holeMark))
	if !p.mark(&marked) {
		return nil, ErrMarked
	}
	out, err := f(marked.Bytes())
	if err != nil {
		return nil, err
	}
	q, rest, err := p.unmark(p.doc, out)
	if err == nil && len(rest) > 0 {
		err = errors.New("a mark too many")
	}
	if err != nil {
		return nil, fmt.Errorf("markdown: %s: the transformation broke the holes: %w", p.doc.file, err)
	}
	return q, nil
}

// mark writes the HTML of p to b with its holes marked; it returns false
// when the HTML contains a mark itself.
func (p *Compiled) mark(b *bytes.Buffer) bool {
	if p == nil {
		return true
	}
	if _, r := nextMark(p.html); r != 0 {
		return false
	}
	prev := 0
	for _, h := range p.holes {
		b.Write(p.html[prev:h.at])
		prev = h.at
		if h.choice == nil {
			b.WriteString(holeMark)
			continue
		}
		b.WriteString(choiceMark)
		ok := h.choice.yes.mark(b)
		b.WriteString(elseMark)
		if !ok || !h.choice.no.mark(b) {
			return false
		}
		b.WriteString(endMark)
	}
	b.Write(p.html[prev:])
	return true
}

// unmark rebuilds p, a page or fragment of doc, from out, its marked HTML
// once transformed: it returns the new page and what follows it in out
// (empty for a whole page; the mark that ends a fragment for a fragment).
// A nil p stays nil unless the transformation wrote something there.
func (p *Compiled) unmark(doc *Doc, out []byte) (*Compiled, []byte, error) {
	q := &Compiled{doc: doc}
	var holes []hole
	if p != nil {
		holes = p.holes
		q.holes = make([]hole, 0, len(holes))
	}
	var html []byte
	expect := func(want string) error {
		i, r := nextMark(out)
		if i < 0 || string(r) != want {
			return fmt.Errorf("missing mark %U", []rune(want)[0])
		}
		html = append(html, out[:i]...)
		out = out[i+len(want):]
		return nil
	}
	for _, h := range holes {
		if h.choice == nil {
			if err := expect(holeMark); err != nil {
				return nil, nil, err
			}
			q.holes = append(q.holes, hole{at: len(html), fill: h.fill})
			continue
		}
		if err := expect(choiceMark); err != nil {
			return nil, nil, err
		}
		c := &choice{name: h.choice.name, off: h.choice.off}
		var err error
		if c.yes, out, err = h.choice.yes.unmark(doc, out); err != nil {
			return nil, nil, err
		}
		if err := expect(elseMark); err != nil {
			return nil, nil, err
		}
		if c.no, out, err = h.choice.no.unmark(doc, out); err != nil {
			return nil, nil, err
		}
		if err := expect(endMark); err != nil {
			return nil, nil, err
		}
		q.holes = append(q.holes, hole{at: len(html), choice: c})
	}
	i, _ := nextMark(out)
	if i < 0 {
		i = len(out)
	}
	if p == nil && i == 0 {
		return nil, out, nil
	}
	q.html = append(html, out[:i]...)
	return q, out[i:], nil
}

// nextMark returns the byte offset and the rune of the first mark in b,
// or -1 and 0.
func nextMark(b []byte) (int, rune) {
	for off := 0; ; {
		// U+E000 to U+E003 are EE 80 80 to EE 80 83 in UTF-8.
		j := bytes.IndexByte(b[off:], 0xEE)
		if j < 0 {
			return -1, 0
		}
		i := off + j
		if i+2 < len(b) && b[i+1] == 0x80 && b[i+2] >= 0x80 && b[i+2] <= 0x83 {
			return i, rune(0xE000 + int(b[i+2]-0x80))
		}
		off = i + 1
	}
}

// dynamic writes what depends on the Env: at once when rendering, as a
// hole when compiling.
func (st *renderState) dynamic(fill func(st *renderState) []byte) {
	if st.compiled == nil {
		_, _ = st.Write(fill(st))
		return
	}
	_ = st.Flush()
	st.compiled.holes = append(st.compiled.holes, hole{at: st.out.Len(), fill: fill})
}
