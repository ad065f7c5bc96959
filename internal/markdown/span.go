package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/language"

	"github.com/tadafor/tadafor/internal/diag"
)

// kindSpan is the node kind of a span.
var kindSpan = ast.NewNodeKind("Span")

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

// maxSpanNodes bounds how far back spanParser looks for the "[" of a span,
// in inline nodes, so that a page made of brackets cannot make parsing
// quadratic. A real span holds a handful of nodes.
const maxSpanNodes = 1000

// spanParser parses spans. goldmark's link parser reads every "[", as the
// possible start of a link; at a "]" followed at once by "{" this parser
// runs first. It hands the "]" to the link parser, which finds no link
// (the "{" rules out every kind but a shortcut reference, checked first)
// and turns its "[" back into text, and then it makes a span of what
// follows that "[". Links, references and task lists are thus untouched,
// and brackets pair exactly as they do for links.
type spanParser struct {
	link parser.InlineParser
}

// newSpanParser returns the span parser.
func newSpanParser() spanParser { return spanParser{link: parser.NewLinkParser()} }

// Trigger implements parser.InlineParser.
func (spanParser) Trigger() []byte { return []byte{']'} }

// Parse implements parser.InlineParser.
func (p spanParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[1] != '{' || len(line) > 2 && line[2] == '{' || !pc.IsInLinkLabel() {
		return nil
	}
	src := block.Source()
	open := lastLinkLabel(parent)
	if open == nil || open.Pos() < 0 || open.Pos() >= seg.Start || src[open.Pos()] != '[' {
		return nil // an image, or a "[" this parser cannot see
	}
	o := open.Pos()
	// [label]{…} is a link when "label" is a reference (of at most 999
	// characters, as CommonMark has it).
	if label := src[o+1 : seg.Start]; len(label) <= 999 {
		if _, ok := pc.Reference(util.ToLinkReference(label)); ok {
			return nil
		}
	}
	st := parseStateOf(pc)
	brace := seg.Start + 1
	end := st.braces.find(line[1:], brace, "}")
	if end < 0 {
		if !st.braces.reported { // once for a line of "]{"
			st.braces.reported = true
			st.report(brace, `close the attributes with "}"`, "unclosed span attributes %q", excerpt(line[1:]))
		}
		return nil
	}
	lang, dir := parseSpanAttributes(src[brace+1:end], brace+1, st)
	if lang != "" && dir == "" {
		dir = langDir(lang, st.dirs)
	}

	prev, _ := open.PreviousSibling().(*ast.Text)
	merges := prev != nil && prev.Segment.Stop == o && !prev.SoftLineBreak()
	line0, pos0 := block.Position()
	if n := p.link.Parse(parent, block, pc); n != nil {
		return n // not expected: the reference was checked
	}
	if open.Parent() != nil {
		// The link parser left the "[" alone: keep the "]" as text.
		block.SetPosition(line0, pos0)
		block.Advance(1)
		return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1))
	}
	// The "[" is now text: the end of prev, or a node of its own. The
	// content of the span is what follows it; before is the node before
	// it, which closing the emphasis below leaves in place.
	var before ast.Node
	if merges && prev.Segment.Stop == o+1 {
		prev.Segment = prev.Segment.WithStop(o)
		before = prev
	} else {
		var bracket ast.Node = parent.LastChild()
		for bracket != nil && !isTextAt(bracket, o) {
			bracket = bracket.PreviousSibling()
		}
		if bracket == nil {
			block.SetPosition(line0, pos0)
			block.Advance(1)
			return ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+1))
		}
		before = bracket.PreviousSibling()
		parent.RemoveChild(parent, bracket)
	}
	// Emphasis inside the span is closed inside it: the delimiters after
	// the last one before the "[".
	var bottom ast.Node
	for d := pc.LastDelimiter(); d != nil; d = d.PreviousDelimiter {
		if d.Segment.Start < o {
			bottom = d
			break
		}
	}
	parser.ProcessDelimiters(bottom, pc)
	s := &span{Lang: lang, Dir: dir}
	first := parent.FirstChild()
	if before != nil {
		first = before.NextSibling()
	}
	for c := first; c != nil; {
		next := c.NextSibling()
		parent.RemoveChild(parent, c)
		s.AppendChild(s, c)
		c = next
	}
	s.SetPos(o)
	block.SetPosition(line0, pos0)
	block.Advance(end + 1 - seg.Start)
	return s
}

// lastLinkLabel returns the last "[" or "![" of parent that goldmark's
// link parser still holds open, or nil. The link parser's node type is
// unexported, so it is known by its kind's name.
func lastLinkLabel(parent ast.Node) ast.Node {
	n := 0
	for c := parent.LastChild(); c != nil && n < maxSpanNodes; c = c.PreviousSibling() {
		if c.Kind().String() == "LinkLabelState" {
			return c
		}
		n++
	}
	return nil
}

// isTextAt reports whether n is the text "[" at byte offset off.
func isTextAt(n ast.Node, off int) bool {
	t, ok := n.(*ast.Text)
	return ok && t.Segment.Start == off && t.Segment.Stop == off+1
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
				hint = diag.Propose(strconv.Quote(s))
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

// langDir returns the writing direction of language lang: the one the
// project gives it (dirs, by code or primary subtag), else that of the
// script the language is most likely written in ("ar", "fa", "ur" →
// Arabic script → "rtl"; "zgh" → Tifinagh → "ltr"). An unknown language
// is left to right.
func langDir(lang string, dirs map[string]string) string {
	for _, code := range []string{lang, primaryLang(lang)} {
		if d, ok := dirs[code]; ok {
			return d
		}
	}
	tag, err := language.Parse(lang)
	if err != nil {
		return "ltr"
	}
	if script, conf := tag.Script(); conf != language.No && rtlScripts[script.String()] {
		return "rtl"
	}
	return "ltr"
}

// rtlScripts are the scripts in use today that Unicode writes right to
// left (Bidi_Class R or AL for their letters), by ISO 15924 code.
var rtlScripts = map[string]bool{
	"Arab": true, "Hebr": true, "Syrc": true, "Thaa": true, "Nkoo": true,
	"Adlm": true, "Rohg": true, "Mand": true, "Samr": true, "Yezi": true,
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
