package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tadafor/tadafor/internal/diag"
)

// Node kinds of spans.
var (
	kindSpan     = ast.NewNodeKind("Span")
	kindSpanOpen = ast.NewNodeKind("SpanOpen")
)

// span is [text]{lang=fr dir=ltr}: its content is rendered inside <bdi>
// with the given language and direction.
type span struct {
	ast.BaseInline
	Lang string // "" when not set
	Dir  string // "ltr", "rtl", "auto" or "" when not set
}

// Kind implements ast.Node.
func (n *span) Kind() ast.NodeKind { return kindSpan }

// Dump implements ast.Node.
func (n *span) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Lang": n.Lang, "Dir": n.Dir}, nil)
}

// spanOpen stands for the "[" of a span while the span's content is
// parsed; the "]" at closeAt replaces it and what follows it by a span.
type spanOpen struct {
	ast.BaseInline
	seg       text.Segment // the "["
	closeAt   int          // byte offset of the "]"
	end       int          // byte offset just past the "}" of the attributes
	lang, dir string
	bottom    *parser.Delimiter // the last emphasis delimiter before the "["
}

// Kind implements ast.Node.
func (n *spanOpen) Kind() ast.NodeKind { return kindSpanOpen }

// Dump implements ast.Node.
func (n *spanOpen) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// spanParser parses spans. At a "[" it looks ahead for the matching "]"
// followed at once by "{attributes}" on the same line; when there is one it
// opens a span, and otherwise leaves the "[" to goldmark's link parser, so
// that links, references and task lists are unaffected. At the "]" of an
// open span it closes the span, the way the link parser closes a link.
type spanParser struct{}

// Trigger implements parser.InlineParser.
func (spanParser) Trigger() []byte { return []byte{'[', ']'} }

// Parse implements parser.InlineParser.
func (p spanParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if block.Peek() == '[' {
		return p.open(block, pc)
	}
	return p.close(parent, block, pc)
}

// open opens a span at the "[" under the reader, or returns nil.
func (spanParser) open(block text.Reader, pc parser.Context) ast.Node {
	line, start := block.Position()
	block.Advance(1)
	_, found := block.FindClosure('[', ']', text.FindClosureOptions{Nesting: true, Newline: true, CodeSpan: true, Advance: true})
	_, after := block.Position()
	rest, _ := block.PeekLine()
	block.SetPosition(line, start)
	if !found || len(rest) == 0 || rest[0] != '{' || len(rest) > 1 && rest[1] == '{' {
		return nil
	}
	st := parseStateOf(pc)
	brace := after.Start
	end := bytes.IndexByte(rest, '}')
	if end < 0 {
		st.report(brace, `close the attributes with "}"`, "unclosed span attributes %q", excerpt(rest))
		return nil
	}
	lang, dir := parseSpanAttributes(rest[1:end], brace+1, st)
	if lang != "" && dir == "" {
		dir = langDir(lang)
	}
	block.Advance(1)
	o := &spanOpen{
		seg:     text.NewSegment(start.Start, start.Start+1),
		closeAt: brace - 1,
		end:     brace + end + 1,
		lang:    lang,
		dir:     dir,
		bottom:  pc.LastDelimiter(),
	}
	st.spans = append(st.spans, o)
	return o
}

// close closes the innermost open span at the "]" under the reader, or
// returns nil when that "]" is not the one the span was opened for.
func (spanParser) close(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := parseStateOf(pc)
	if len(st.spans) == 0 {
		return nil
	}
	o := st.spans[len(st.spans)-1]
	_, pos := block.Position()
	if pos.Start != o.closeAt || o.Parent() != parent {
		return nil
	}
	for c := o.NextSibling(); c != nil; c = c.NextSibling() {
		// goldmark's "[" still waiting for its "]" inside the span: the
		// look-ahead was wrong, and moving it would confuse the link parser.
		if c.Kind().String() == "LinkLabelState" {
			return nil
		}
	}
	st.spans = st.spans[:len(st.spans)-1]
	var bottom ast.Node
	if o.bottom != nil {
		bottom = o.bottom
	}
	parser.ProcessDelimiters(bottom, pc)
	s := &span{Lang: o.lang, Dir: o.dir}
	for c := o.NextSibling(); c != nil; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		s.AppendChild(s, c)
		c = next
	}
	parent.RemoveChild(parent, o)
	s.SetPos(o.seg.Start)
	block.Advance(o.end - pos.Start)
	return s
}

// CloseBlock implements parser.CloseBlocker: a span still open at the end
// of its block was not one after all, and its "[" becomes text again.
func (spanParser) CloseBlock(_ ast.Node, _ text.Reader, pc parser.Context) {
	st := parseStateOf(pc)
	for _, o := range st.spans {
		if p := o.Parent(); p != nil {
			p.ReplaceChild(p, o, ast.NewTextSegment(o.seg))
		}
	}
	st.spans = st.spans[:0]
}

// spanAttrHint says which span attributes there are.
const spanAttrHint = "a span takes lang=CODE and dir=ltr|rtl|auto, such as {lang=fr} or {dir=ltr}"

// parseSpanAttributes parses the attributes of a span, b, which starts at
// byte offset off, and reports each bad one. Bad attributes are dropped.
func parseSpanAttributes(b []byte, off int, st *parseState) (lang, dir string) {
	seen := map[string]bool{}
	empty := true
	for i := 0; i < len(b); {
		if b[i] == ' ' || b[i] == '\t' {
			i++
			continue
		}
		j := i
		for j < len(b) && b[j] != ' ' && b[j] != '\t' {
			j++
		}
		tok, at := b[i:j], off+i
		i, empty = j, false
		key, val, ok := bytes.Cut(tok, []byte("="))
		if !ok {
			st.report(at, spanAttrHint, "span attribute %q is not allowed", tok)
			continue
		}
		if len(val) >= 2 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
			val = val[1 : len(val)-1]
		}
		k, v := string(key), string(val)
		if (k == "lang" || k == "dir") && seen[k] {
			st.report(at, "give it once", "duplicate span attribute %q", k)
			continue
		}
		seen[k] = true
		switch k {
		case "lang":
			if !validLang(v) {
				st.report(at, "use a language code such as ar, fr or zgh", "invalid language %q in span", v)
				continue
			}
			lang = v
		case "dir":
			if v != "ltr" && v != "rtl" && v != "auto" {
				st.report(at, "use ltr, rtl or auto", "invalid direction %q in span", v)
				continue
			}
			dir = v
		default:
			hint := spanAttrHint
			// With two names to choose from, a suggestion that does not
			// even start like the attribute is noise ("class" → "lang").
			if s := diag.Suggest(k, []string{"lang", "dir"}); s != "" && k != "" && s[0] == k[0] {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			st.report(at, hint, "span attribute %q is not allowed", k)
		}
	}
	if empty {
		st.report(off-1, spanAttrHint, "empty span attributes")
	}
	return lang, dir
}

// validLang reports whether s looks like a language code: letters, then
// parts of letters and digits after hyphens ("fr", "zgh", "ar-MA").
func validLang(s string) bool {
	n := 0
	for n < len(s) && isLetter(s[n]) {
		n++
	}
	if n < 2 || n > 8 {
		return false
	}
	for n < len(s) {
		if s[n] != '-' {
			return false
		}
		n++
		m := n
		for n < len(s) && (isLetter(s[n]) || '0' <= s[n] && s[n] <= '9') {
			n++
		}
		if n == m || n-m > 8 {
			return false
		}
	}
	return true
}

// isLetter reports whether c is an ASCII letter.
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// langDir returns the writing direction of language lang: right to left
// for Arabic (and the other right-to-left languages we may meet), left to
// right for French, English, Tamazight in Tifinagh and anything else.
func langDir(lang string) string {
	switch primaryLang(lang) {
	case "ar", "ary", "fa", "he", "ur":
		return "rtl"
	}
	return "ltr"
}

// renderSpan renders a span as <bdi> with its language and direction.
func renderSpan(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</bdi>")
		return ast.WalkContinue, nil
	}
	n := node.(*span)
	_, _ = w.WriteString("<bdi")
	if n.Lang != "" {
		_, _ = w.WriteString(` lang="`)
		_, _ = w.Write(util.EscapeHTML([]byte(n.Lang)))
		_ = w.WriteByte('"')
	}
	if n.Dir != "" {
		_, _ = w.WriteString(` dir="`)
		_, _ = w.WriteString(n.Dir)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}
