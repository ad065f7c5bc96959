package markdown

import (
	"github.com/tadafor/tadafor/internal/diag"
)

// The limits of a page, checked by checkLimits before goldmark sees it.
// goldmark's parsers take more than linear time and memory on some deeply
// nested constructs: a list nested 1,000 levels deep (1 MB) takes
// seconds, 10,000 levels minutes and gigabytes; brackets nested 100,000
// deep, or 30,000 link definitions in a row, take as long. Real pages
// nest a few levels; the limits are far above that and far below any
// cost.
const (
	// MaxNesting is how deeply lists and block quotes may be nested: a
	// page may always nest this many levels, each indented by up to four
	// columns.
	MaxNesting = 16
	// MaxBrackets is how many [ (of links, images and spans) may be open
	// at once in one paragraph.
	MaxBrackets = 32
	// MaxDefinitionLines is how many lines of one paragraph may start
	// with [, as link definitions ("[label]: address") do.
	MaxDefinitionLines = 100
)

// nestingSteps bounds the steps a line opening a list item or a block
// quote may take (see checkLimits): MaxNesting levels, each indented by
// four columns, with a tab after the last marker, take 2×MaxNesting+1.
const nestingSteps = 2*MaxNesting + 1

// checkLimits checks body, the Markdown of file from file line bodyLine
// on, before it is parsed, in one linear pass: that it is UTF-8, and that
// it stays within the limits above. It returns the first problem of each
// kind, at its position.
//
// The nesting of a line is not known without parsing it, so a bound is
// counted: on a line that starts a list item or a block quote, each >,
// each list marker and every two columns of space before the text count
// one step. Every level of nesting takes at least one step (a list item
// is continued by at least two columns, a block quote by a >), so the
// steps never undercount the levels goldmark opens, and a page nested
// MaxNesting levels, each indented by up to four columns, never takes
// more than nestingSteps.
func checkLimits(file string, body []byte, bodyLine int) diag.List {
	if e := diag.CheckUTF8(file, body, bodyLine); e != nil {
		return diag.List{e}
	}
	var errs diag.List
	var lines lineIndex
	report := func(off int, hint, format string, args ...any) {
		if lines.src == nil {
			lines = newLineIndex(file, body, bodyLine)
		}
		errs.Add(lines.pos(off), format, args...).Hint = hint
	}
	var nested, bracketed, defined bool // reported already
	brackets, definitions := 0, 0       // in the current paragraph
	for start := 0; start < len(body); {
		end := start
		for end < len(body) && body[end] != '\n' {
			end++
		}
		line := body[start:end]
		text, steps, at := containers(line)
		switch {
		case blankLine(line):
			// Only a blank line surely ends a paragraph (a line of "*"
			// alone may continue it).
			brackets, definitions = 0, 0
		case text < len(line) && line[text] == '[':
			definitions++
			if definitions > MaxDefinitionLines && !defined {
				defined = true
				report(start+text, "separate them with blank lines, or write the links where they are used",
					"more than %d lines of one paragraph start with [", MaxDefinitionLines)
			}
		}
		if steps > nestingSteps && !nested {
			nested = true
			report(start+at, "flatten the list or the quotes, or split the text into sections with headings",
				"lists and block quotes nested too deeply: at most %d levels (each indented by up to 4 spaces) are allowed", MaxNesting)
		}
		for i := text; i < len(line) && !bracketed; i++ {
			switch line[i] {
			case '\\':
				i++ // an escaped character
			case '[':
				brackets++
				if brackets > MaxBrackets {
					bracketed = true
					report(start+i, "close the brackets sooner, or escape a bracket that is text: \\[",
						"more than %d brackets [ open at once", MaxBrackets)
				}
			case ']':
				brackets = max(brackets-1, 0)
			}
		}
		start = end + 1
	}
	return errs
}

// containers reads the markers of lists and block quotes that start line:
// it returns the offset of the text after them, the steps they take (0
// when the line has no marker), and the offset of the marker at which the
// steps went past nestingSteps (of the text when they did not).
func containers(line []byte) (text, steps, at int) {
	cols, markers := 0, 0
	at, last := -1, 0
	i := 0
loop:
	for ; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ':
			cols++
		case c == '\t':
			cols += 4 // at most: a tab goes to the next multiple of 4
		case c == '>':
			markers++
		case c == '-' || c == '+' || c == '*':
			if !markerEnd(line, i+1) {
				break loop
			}
			markers++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j == len(line) || (line[j] != '.' && line[j] != ')') || !markerEnd(line, j+1) {
				break loop
			}
			markers++
			i = j
		default:
			break loop
		}
		if c := line[i]; c != ' ' && c != '\t' {
			last = i // a marker
			if at < 0 && markers+cols/2 > nestingSteps {
				at = i
			}
		}
	}
	steps = markers + cols/2
	switch {
	case markers == 0:
		return i, 0, i
	case at < 0 && steps > nestingSteps:
		at = last // the space after it went past
	case at < 0:
		at = i
	}
	return i, steps, at
}

// blankLine reports whether line holds only spaces and tabs.
func blankLine(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// markerEnd reports whether a list marker ending before line[i] is one: it
// is followed by a space, a tab or the end of the line.
func markerEnd(line []byte, i int) bool {
	return i >= len(line) || line[i] == ' ' || line[i] == '\t'
}

// emptyDoc is the Doc of a page that could not be parsed.
func emptyDoc(file, lang string) *Doc {
	d := &Doc{file: file, lang: lang, lines: newLineIndex(file, nil, 1)}
	d.body = &Compiled{doc: d}
	return d
}
