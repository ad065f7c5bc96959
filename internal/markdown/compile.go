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

// hole is where the Env's answer goes: at byte offset at of the static
// HTML, fill writes it (escaped) and records any error in st.
type hole struct {
	at   int
	fill func(st *renderState) []byte
}

// Compiled returns the page rendered ahead of any Env (Parse does it):
// rendering it with an Env is what Converter.Render does.
func (d *Doc) Compiled() *Compiled { return d.body }

// compile renders the tree of d once, without an Env.
func (c *Converter) compile(d *Doc, root ast.Node) (*Compiled, error) {
	var buf bytes.Buffer
	p := &Compiled{doc: d}
	st := &renderState{Writer: bufio.NewWriter(&buf), doc: d, compiled: p, out: &buf}
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
	prev := 0
	for _, h := range p.holes {
		write(p.html[prev:h.at])
		write(h.fill(st))
		prev = h.at
	}
	write(p.html[prev:])
	st.errs.Sort()
	return st.errs
}

// holeMark stands for a hole while Transform hands the HTML to f: a
// character of Unicode's private use area, which Markdown text does not
// produce in practice and a transformation such as minifying keeps.
const holeMark = "\uE000"

// ErrMarked is returned by Transform when the page itself contains the
// character that marks holes; the page is then used untransformed.
var ErrMarked = errors.New("markdown: the page contains U+E000")

// Transform returns the page with its static HTML passed through f (a
// minifier), the holes marked by a private use character that f must keep
// as it is. It fails when f loses or adds a mark.
func (p *Compiled) Transform(f func([]byte) ([]byte, error)) (*Compiled, error) {
	if bytes.Contains(p.html, []byte(holeMark)) {
		return nil, ErrMarked
	}
	var marked bytes.Buffer
	marked.Grow(len(p.html) + len(p.holes)*len(holeMark))
	prev := 0
	for _, h := range p.holes {
		marked.Write(p.html[prev:h.at])
		marked.WriteString(holeMark)
		prev = h.at
	}
	marked.Write(p.html[prev:])
	out, err := f(marked.Bytes())
	if err != nil {
		return nil, err
	}
	parts := bytes.Split(out, []byte(holeMark))
	if len(parts) != len(p.holes)+1 {
		return nil, fmt.Errorf("markdown: %s: the transformation kept %d of %d holes", p.doc.file, len(parts)-1, len(p.holes))
	}
	q := &Compiled{doc: p.doc, holes: make([]hole, len(p.holes))}
	html := make([]byte, 0, len(out))
	for i, part := range parts {
		html = append(html, part...)
		if i < len(p.holes) {
			q.holes[i] = hole{at: len(html), fill: p.holes[i].fill}
		}
	}
	q.html = html
	return q, nil
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
