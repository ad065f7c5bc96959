package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// nestedList is a list nested depth levels deep, each indent columns
// further in than its parent.
func nestedList(depth, indent int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i*indent) + "- item\n")
	}
	return b.String()
}

// TestLimits checks that a page past a limit is refused before goldmark
// parses it, at the position of the first construct past it, and that a
// page at a limit is parsed.
func TestLimits(t *testing.T) {
	t.Parallel()
	const nesting = "lists and block quotes nested too deeply: at most 16 levels (each indented by up to 4 spaces) are allowed; flatten the list or the quotes, or split the text into sections with headings"
	const brackets = "more than 32 brackets [ open at once; close the brackets sooner, or escape a bracket that is text: \\["
	const definitions = "more than 100 lines of one paragraph start with [; separate them with blank lines, or write the links where they are used"
	tests := []struct {
		name, src, want string
	}{
		{"16 levels indented by 2", nestedList(16, 2), ""},
		{"16 levels indented by 4", nestedList(16, 4), ""},
		{"16 levels indented by a tab", strings.ReplaceAll(nestedList(16, 1), " ", "\t"), ""},
		{"16 levels of numbered lists", strings.ReplaceAll(nestedList(16, 3), "- ", "1. "), ""},
		{"16 lists on one line", strings.Repeat("- ", 16) + "x\n", ""},
		{"16 block quotes", strings.Repeat("> ", 16) + "x\n", ""},
		{"16 quotes and lists", strings.Repeat("> - ", 8) + "x\n", ""},
		{"deep code is not a list", "```\n" + strings.Repeat(" ", 200) + "x\n```\n", ""},
		{"32 brackets", strings.Repeat("[", 32) + "x" + strings.Repeat("]", 32) + "\n", ""},
		{"brackets counted per paragraph", strings.Repeat(strings.Repeat("[", 20)+"\n\n", 10), ""},
		{"escaped brackets", strings.Repeat(`\[`, 100) + "\n", ""},
		{"100 definitions", strings.Repeat("[a]: https://x.ma\n", 100), ""},
		{"definitions counted per paragraph", strings.Repeat("[a]: https://x.ma\n\n", 500), ""},

		{"a list nested 2,000 levels", nestedList(2000, 2), "content/x.ar.md:38:67: " + nesting},
		{"a list nested 10,000 levels on one line", strings.Repeat("- ", 10000) + "x\n", "content/x.ar.md:5:45: " + nesting},
		{"10,000 block quotes", "texte\n\n" + strings.Repeat(">", 10000) + " x\n", "content/x.ar.md:7:34: " + nesting},
		{"quotes and lists", strings.Repeat("> 1. ", 100), "content/x.ar.md:5:56: " + nesting},
		{"indentation counts", strings.Repeat(" ", 100) + "- x\n", "content/x.ar.md:5:101: " + nesting},
		{"tabs count", strings.Repeat("\t", 17) + "> x\n", "content/x.ar.md:5:18: " + nesting},
		{"only the first is reported", nestedList(40, 2) + "\n" + nestedList(40, 2), "content/x.ar.md:38:67: " + nesting},
		{"nested brackets", strings.Repeat("[", 10000) + "x" + strings.Repeat("]", 10000), "content/x.ar.md:5:33: " + brackets},
		{"nested images", strings.Repeat("![", 100) + "x" + strings.Repeat("](y.png)", 100), "content/x.ar.md:5:66: " + brackets},
		{"nested spans", strings.Repeat("[", 40) + "x" + strings.Repeat("]{lang=fr}", 40), "content/x.ar.md:5:33: " + brackets},
		{"brackets over lines", strings.Repeat("[a\n", 40), "content/x.ar.md:37:1: " + brackets},
		{"a line of * does not end a paragraph", strings.Repeat(strings.Repeat("[", 20)+"\n*\n", 2), "content/x.ar.md:7:13: " + brackets},
		{"definitions in a row", strings.Repeat("[a]: https://x.ma\n", 30000), "content/x.ar.md:105:1: " + definitions},
		{"definitions in a quote", strings.Repeat("> [a]:\n> https://x.ma\n", 200), "content/x.ar.md:205:3: " + definitions},
		{"invalid UTF-8", "## عنوان\n\nنص \xd8 مقطوع\n", "content/x.ar.md:7:4: the text is not UTF-8: byte 0xD8 is not part of a character; save the file with the encoding UTF-8 (in most editors: Save as, then Encoding: UTF-8)"},
	}
	c := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, errs := c.Parse("content/x.ar.md", []byte(tt.src), 5, "ar")
			if got := errs.Error(); got != tt.want {
				t.Fatalf("got\n%s\nwant\n%s", got, tt.want)
			}
			if tt.want != "" && (len(d.Headings())+len(d.Links())+len(d.Params()) > 0 || len(d.Compiled().html) > 0) {
				t.Errorf("a page past a limit was parsed")
			}
		})
	}
}

// TestLimitsBoundTheNesting checks on pages that pass the limits that
// goldmark never nests lists and block quotes deeper than the steps
// checkLimits counts.
func TestLimitsBoundTheNesting(t *testing.T) {
	t.Parallel()
	for _, src := range []string{
		nestedList(32, 2),
		nestedList(16, 4),
		strings.Repeat("- ", 22) + "x\n",
		strings.Repeat(">", 33) + " x\n",
		strings.Repeat("> - ", 11) + "x\n",
		strings.Repeat("1. ", 16) + "x\n",
		strings.Repeat("-\t", 8) + "x\n",
	} {
		if errs := checkLimits("f.md", []byte(src), 1); errs != nil {
			t.Errorf("%q: %v", src, errs)
			continue
		}
		if d := depth(New(), src); d > nestingSteps {
			t.Errorf("%q nests %d levels, more than %d steps", src, d, nestingSteps)
		}
	}
}

// depth returns how deeply goldmark nests the lists and block quotes of
// src.
func depth(c *Converter, src string) int {
	_, root, _ := c.parse("f.md", []byte(src), 1, "fr")
	deepest := 0
	var walk func(n ast.Node, d int)
	walk = func(n ast.Node, d int) {
		switch n.Kind() {
		case ast.KindListItem, ast.KindBlockquote:
			d++
			deepest = max(deepest, d)
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			walk(c, d)
		}
	}
	walk(root, 0)
	return deepest
}

// FuzzLimits checks that a page checkLimits lets through is never nested
// deeper by goldmark than the steps it counts: the count is a bound, so
// that no page past MaxNesting reaches goldmark.
func FuzzLimits(f *testing.F) {
	for _, s := range []string{
		nestedList(10, 2), "> - > 1. x\n   > y", "-\n  - a\n    -\n      b", "\t-\t-\tx\n\t\t\t- y",
		"> a\n- b\n  > c\n  >> d", "1) x\n   2) y\n      * z", "* * *\n- - -\n+ x",
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		if checkLimits("f.md", []byte(src), 1) != nil {
			return
		}
		if len(src) > 1<<16 {
			return
		}
		// The steps of the deepest line bound the nesting.
		steps := 0
		for line := range strings.SplitSeq(src, "\n") {
			_, s, _ := containers([]byte(line))
			steps = max(steps, s)
		}
		if d := depth(c, src); d > steps {
			t.Fatalf("%q nests %d levels; checkLimits counted %d steps", src, d, steps)
		}
	})
}
