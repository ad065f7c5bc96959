package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tadafor/tadafor/internal/diag"
)

// kindPlaceholder is the node kind of a placeholder.
var kindPlaceholder = ast.NewNodeKind("Placeholder")

// placeholder is a {{ name }} in the text of a page, filled in by the Env
// at render time.
type placeholder struct {
	ast.BaseInline
	Name string
}

// Kind implements ast.Node.
func (n *placeholder) Kind() ast.NodeKind { return kindPlaceholder }

// Dump implements ast.Node.
func (n *placeholder) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// placeholderParser parses {{ name }}: a name of lowercase letters, digits
// and "_" in dot-separated parts, with optional spaces inside the braces,
// on one line. Any other "{{" is reported as malformed and left as text.
// Code spans and code blocks are not parsed, so "{{" in code is text.
type placeholderParser struct{}

// Trigger implements parser.InlineParser.
func (placeholderParser) Trigger() []byte { return []byte{'{'} }

// literalHint tells how to write "{{" as text.
const literalHint = `write \{{ for literal braces`

// Parse implements parser.InlineParser.
func (placeholderParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || line[1] != '{' {
		return nil
	}
	st := parseStateOf(pc)
	end := st.closers.find(line[2:], seg.Start+2, "}}")
	if end < 0 {
		if !st.closers.reported { // once for a line of "{{"
			st.closers.reported = true
			st.report(seg.Start, `close it with "}}", or `+literalHint,
				"unclosed placeholder %q", excerpt(line))
		}
		return nil
	}
	end -= seg.Start + 2
	name := strings.Trim(string(line[2:2+end]), " \t")
	switch {
	case name == "":
		st.report(seg.Start, "write a name, such as {{ commune.name }}, or "+literalHint,
			"empty placeholder %q", line[:end+4])
		return nil
	case !validParamName(name):
		hint := "a name is lowercase letters, digits and _ in parts joined by dots, such as commune.name"
		if lower := strings.ToLower(name); validParamName(lower) {
			hint = fmt.Sprintf("did you mean %q?", lower)
		}
		st.report(seg.Start, hint, "invalid placeholder name %q", name)
		return nil
	}
	block.Advance(end + 4)
	return &placeholder{Name: name}
}

// validParamName reports whether name is a placeholder name: parts of
// [a-z0-9_] joined by single dots.
func validParamName(name string) bool {
	for part := range strings.SplitSeq(name, ".") {
		if part == "" {
			return false
		}
		for _, c := range []byte(part) {
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
				return false
			}
		}
	}
	return true
}

// excerpt returns the start of line, without its line ending, cut to a
// length that reads well in an error message.
func excerpt(line []byte) string {
	const runes = 40
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	if len(line) > runes*utf8.UTFMax {
		line = line[:runes*utf8.UTFMax]
	}
	s := strings.TrimRight(string(line), "\r")
	if r := []rune(s); len(r) > runes {
		s = string(r[:runes]) + "…"
	}
	return s
}

// param returns the value of the placeholder name at byte offset off from
// the Env, or records an error and returns the placeholder as written when
// the Env does not know it.
func (st *renderState) param(name string, off int) (string, bool) {
	v, ok := st.env.Param(name)
	if ok {
		return v, true
	}
	e := st.errorf(off, "unknown placeholder %q", name)
	if l, ok := st.env.(ParamLister); ok {
		if s := diag.Suggest(name, l.ParamNames()); s != "" {
			e.Hint = fmt.Sprintf("did you mean %q?", s)
		}
	}
	return "{{ " + name + " }}", false
}

// renderPlaceholder writes the value of a placeholder in <bdi>, so that a
// phone number or a Latin name keeps its order inside Arabic text.
func renderPlaceholder(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	st, err := renderStateOf(w)
	if err != nil {
		return ast.WalkStop, err
	}
	name, off := node.(*placeholder).Name, node.Pos()
	_, _ = w.WriteString("<bdi>")
	st.dynamic(func(st *renderState) []byte {
		v, _ := st.param(name, off)
		return util.EscapeHTML([]byte(v))
	})
	_, _ = w.WriteString("</bdi>")
	return ast.WalkSkipChildren, nil
}
