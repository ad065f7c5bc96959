package i18n

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// part is a piece of a message text: literal text, or a placeholder when
// arg is not empty.
type part struct {
	lit string
	arg string
}

// text is a parsed message text: "Publié le {date}" is the literal
// "Publié le " followed by the placeholder "date".
type text struct {
	parts []part
}

// args returns the names of the placeholders of t, in order of first use.
func (t *text) args() []string {
	var names []string
	for _, p := range t.parts {
		if p.arg != "" && !slices.Contains(names, p.arg) {
			names = append(names, p.arg)
		}
	}
	return names
}

// textError is a malformed placeholder: off is the rune offset in the
// message text of the character at fault.
type textError struct {
	off  int
	msg  string
	hint string
}

// parseText parses a message text. A placeholder is a name of ASCII
// letters, digits and "_" (not starting with a digit) between braces;
// "{{" and "}}" stand for literal braces. It returns every malformed
// placeholder found.
func parseText(s string) (text, []textError) {
	var (
		t    text
		errs []textError
		lit  strings.Builder
		off  int // rune offset of s[i]
	)
	flush := func() {
		if lit.Len() > 0 {
			t.parts = append(t.parts, part{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '{' && strings.HasPrefix(s[i:], "{{"):
			lit.WriteByte('{')
			i, off = i+2, off+2
		case c == '}' && strings.HasPrefix(s[i:], "}}"):
			lit.WriteByte('}')
			i, off = i+2, off+2
		case c == '}':
			errs = append(errs, textError{off: off, msg: "unmatched \"}\"", hint: "write }} for a literal }"})
			i, off = i+1, off+1
		case c == '{':
			end := strings.IndexAny(s[i+1:], "{}")
			if end < 0 || s[i+1+end] == '{' {
				snippet := s[i:]
				if end >= 0 {
					snippet = s[i : i+1+end]
				}
				errs = append(errs, textError{
					off:  off,
					msg:  "unclosed placeholder " + quoteSnippet(snippet),
					hint: "close it with } as in {name}, or write {{ for a literal {",
				})
				i, off = i+1, off+1
				continue
			}
			name := s[i+1 : i+1+end]
			switch {
			case name == "":
				errs = append(errs, textError{off: off, msg: "empty placeholder \"{}\"", hint: "write a name between the braces, as in {name}, or {{}} for literal braces"})
			case !validName(name):
				errs = append(errs, textError{off: off, msg: "invalid placeholder " + quoteSnippet("{"+name+"}"), hint: "a placeholder name is made of ASCII letters, digits and _, as in {name}"})
			default:
				flush()
				t.parts = append(t.parts, part{arg: name})
			}
			i += end + 2
			off += utf8.RuneCountInString(name) + 2
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			lit.WriteString(s[i : i+size])
			i, off = i+size, off+1
		}
	}
	flush()
	return t, errs
}

// quoteSnippet quotes the start of s for a message, cut to a readable
// length.
func quoteSnippet(s string) string {
	const max = 24
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return `"` + s + `"`
}

// validName reports whether s is a placeholder or message key name:
// ASCII letters, digits and "_", not starting with a digit.
func validName(s string) bool {
	if s == "" || (s[0] >= '0' && s[0] <= '9') {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}
