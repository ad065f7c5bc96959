package markdown

import (
	"bytes"
	"fmt"
	"strconv"
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
	// Optional is set on the placeholder of a fallback, which a commune
	// may lack.
	Optional bool
}

// Kind implements ast.Node.
func (n *placeholder) Kind() ast.NodeKind { return kindPlaceholder }

// Dump implements ast.Node.
func (n *placeholder) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Name": n.Name}, nil)
}

// placeholderParser parses what goes between "{{" and "}}": a
// placeholder {{ name }}, a name of lowercase letters, digits and "_" in
// dot-separated parts; the marks of a conditional, {{ if name }},
// {{ else }} and {{ end }}; and the start of a fallback,
// {{ name or "text" }}, whose text is Markdown that runs up to the next
// `" }}` (see fallbackCloser). Spaces inside the braces are optional; all
// but the fallback's text is on one line. Any other "{{" is reported as
// malformed and left as text. Code spans and code blocks are not parsed,
// so "{{" in code is text. Conditionals are paired when the block ends
// (CloseBlock).
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
	if n, name, ok := fallbackStart(line); ok {
		if !validParamName(name) {
			st.report(seg.Start, nameHint(name), "invalid placeholder name %q", name)
			return nil
		}
		block.Advance(n)
		st.fallbacks++
		return st.mark(&condMark{Mark: markIf, Name: name, Fallback: true})
	}
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
	inner := strings.Trim(string(line[2:2+end]), " \t")
	words := strings.Fields(inner)
	var m *condMark
	switch {
	case inner == "":
		st.report(seg.Start, "write a name, such as {{ commune.name }}, or "+literalHint,
			"empty placeholder %q", line[:end+4])
		return nil
	case words[0] == "if":
		if len(words) != 2 || !validParamName(words[1]) {
			hint := "write {{ if contact.phone }}: one name after if"
			if len(words) == 2 {
				hint = nameHint(words[1])
			}
			st.report(seg.Start, hint, "malformed condition %q", line[:end+4])
			return nil
		}
		m = &condMark{Mark: markIf, Name: words[1]}
	case words[0] == "else" || words[0] == "end":
		if len(words) > 1 {
			st.report(seg.Start, "write {{ "+words[0]+" }} alone", "malformed %q", line[:end+4])
			return nil
		}
		m = &condMark{Mark: markElse}
		if words[0] == "end" {
			m.Mark = markEnd
		}
	case len(words) > 1 && words[1] == "or" && !validParamName(words[0]):
		st.report(seg.Start, nameHint(words[0]), "invalid placeholder name %q", words[0])
		return nil
	case len(words) > 1 && words[1] == "or":
		st.report(seg.Start, `write the text between double quotes, such as {{ contact.phone or "ask at the town hall" }}`,
			"malformed fallback %q", line[:end+4])
		return nil
	case !validParamName(inner):
		st.report(seg.Start, nameHint(inner), "invalid placeholder name %q", inner)
		return nil
	}
	block.Advance(end + 4)
	if m != nil {
		return st.mark(m)
	}
	return &placeholder{Name: inner}
}

// nameHint tells how to write a placeholder name that is not one.
func nameHint(name string) string {
	if lower := strings.ToLower(name); validParamName(lower) {
		return diag.Propose(strconv.Quote(lower))
	}
	return "a name is lowercase letters, digits and _ in parts joined by dots, such as commune.name"
}

// fallbackStart recognises the start of a fallback, `{{ name or "`, at
// the start of line: it returns its length and the name.
func fallbackStart(line []byte) (n int, name string, ok bool) {
	i := skipSpaces(line, 2)
	j := i
	for j < len(line) && nameByte(line[j]) {
		j++
	}
	k := skipSpaces(line, j)
	if j == i || k == j || !bytes.HasPrefix(line[k:], []byte("or")) {
		return 0, "", false
	}
	q := skipSpaces(line, k+2)
	if q == k+2 || q >= len(line) || line[q] != '"' {
		return 0, "", false
	}
	return q + 1, string(line[i:j]), true
}

// nameByte reports whether c may be part of a placeholder name, or of a
// name mistyped in capitals.
func nameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.'
}

// skipSpaces returns the offset of the first byte of line from i on that
// is not a space or a tab.
func skipSpaces(line []byte, i int) int {
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	return i
}

// fallbackCloser parses the `" }}` that ends the text of a fallback, when
// one is open in the block; it runs before the typographer, which would
// take the quote for a closing quote.
type fallbackCloser struct{}

// Trigger implements parser.InlineParser.
func (fallbackCloser) Trigger() []byte { return []byte{'"'} }

// Parse implements parser.InlineParser.
func (fallbackCloser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	st := parseStateOf(pc)
	if st.fallbacks == 0 {
		return nil
	}
	line, _ := block.PeekLine()
	i := skipSpaces(line, 1)
	if !bytes.HasPrefix(line[i:], []byte("}}")) {
		return nil
	}
	block.Advance(i + 2)
	st.fallbacks--
	return st.mark(&condMark{Mark: markFallbackEnd})
}

// CloseBlock implements parser.CloseBlocker: it pairs the marks of the
// conditionals of the block that ends.
func (fallbackCloser) CloseBlock(parent ast.Node, _ text.Reader, pc parser.Context) {
	parseStateOf(pc).closeConditionals(parent)
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

// AbsentError is the cause (diag.Error.Err) of the error of a
// placeholder whose fact the commune lacks, on a page that gives no text
// for that case: the fix may be in the commune's profile.
type AbsentError struct {
	Name string // the placeholder, such as "contact.phone"
}

// Error says which fact is missing.
func (e *AbsentError) Error() string { return "no " + e.Name }

// param returns the value of the placeholder name at byte offset off from
// the Env, or records an error and returns the placeholder as written when
// the Env has no value for it.
func (st *renderState) param(name string, off int) (string, bool) {
	v, ok := st.env.Param(name)
	if ok {
		return v, true
	}
	if st.env.Known(name) {
		e := st.errorf(off, "the commune has no %s", name)
		e.Hint = fmt.Sprintf(`write {{ %s or "…" }} or {{ if %s }}…{{ end }} for the communes without it`, name, name)
		e.Err = &AbsentError{Name: name}
	} else {
		st.unknown(name, off)
	}
	return "{{ " + name + " }}", false
}

// unknown records the error of a name the Env does not know, at byte
// offset off.
func (st *renderState) unknown(name string, off int) {
	e := st.errorf(off, "unknown placeholder %q", name)
	if l, ok := st.env.(ParamLister); ok {
		e.Hint = diag.DidYouMean(name, l.ParamNames())
	}
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
