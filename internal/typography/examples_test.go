package typography_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"github.com/tadafor/tadafor/internal/build"
)

// TestEveryFrenchPageOfTheExamplesIsTypeset builds the example project
// and reads every page as a browser would: in every French text (the
// <html lang="fr"> pages and the lang="fr" parts of the others), outside
// code, addresses and times, each of : ; ? ! » has the no-break space
// French puts before it and no other space, « has one after it, and no
// typewriter apostrophe is left.
func TestEveryFrenchPageOfTheExamplesIsTypeset(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(context.Background(), build.Options{Root: "../..", Out: out}); err != nil {
		t.Fatal(err)
	}
	var pages, texts int
	var problems []string
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		doc, err := html.Parse(strings.NewReader(string(src)))
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		c := check(doc)
		if strings.Contains(string(src), `<html lang="fr"`) {
			pages++
		}
		texts += c.french
		for _, p := range c.problems {
			problems = append(problems, rel+": "+p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 250 {
		t.Errorf("only %d pages in French; the examples have about 300", pages)
	}
	slices.Sort(problems)
	problems = slices.Compact(problems)
	if n := len(problems); n > 0 {
		t.Errorf("%d typographic mistakes in the French pages, among them:\n%s", n, strings.Join(problems[:min(n, 40)], "\n"))
	}
	t.Logf("%d pages, %d French texts read", pages, texts)
}

// check reads the French texts of the page doc.
func check(doc *html.Node) *checker {
	c := &checker{}
	c.walk(doc, false)
	c.flush()
	return c
}

// checker collects the French texts of a page, each the run of text a
// reader sees on one line (inline elements joined), and checks them.
type checker struct {
	text     strings.Builder
	french   int
	problems []string
}

var (
	inline = map[string]bool{"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "data": true,
		"dfn": true, "em": true, "i": true, "mark": true, "q": true, "s": true, "small": true, "span": true,
		"strong": true, "sub": true, "sup": true, "time": true, "u": true, "var": true}
	code      = map[string]bool{"code": true, "kbd": true, "pre": true, "samp": true, "script": true, "style": true}
	readAttrs = []string{"alt", "title", "aria-label", "placeholder"}
)

// walk reads the texts of n; other tells that the language in effect is
// not French.
func (c *checker) walk(n *html.Node, other bool) {
	switch n.Type {
	case html.TextNode:
		if other {
			c.text.WriteString("x")
		} else {
			c.text.WriteString(n.Data)
		}
		return
	case html.ElementNode:
		for _, a := range n.Attr {
			if a.Key == "lang" {
				other = !strings.HasPrefix(a.Val, "fr")
			}
		}
		if !other {
			name, content := "", ""
			for _, a := range n.Attr {
				switch {
				case slices.Contains(readAttrs, a.Key):
					c.check(a.Val)
				case a.Key == "name":
					name = a.Val
				case a.Key == "content":
					content = a.Val
				}
			}
			if n.Data == "meta" && name == "description" {
				c.check(content)
			}
		}
		if code[n.Data] {
			c.text.WriteString("x")
			return
		}
		if !inline[n.Data] {
			c.flush()
		}
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.walk(k, other)
	}
	if n.Type == html.ElementNode && !inline[n.Data] {
		c.flush()
	}
}

func (c *checker) flush() {
	c.check(c.text.String())
	c.text.Reset()
}

var (
	// address is a web or e-mail address, or a time such as 8:30.
	address = regexp.MustCompile(`\S*(://|@|www\.)\S*|\b[\w.-]+\.[a-z]{2,}/\S*|\d[:;]\d`)
	spaced  = map[rune]rune{':': '\u00a0', ';': '\u202f', '?': '\u202f', '!': '\u202f', '»': '\u202f'}
)

// check checks one French text.
func (c *checker) check(s string) {
	if strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == 'x' }) == "" {
		return
	}
	c.french++
	// Addresses and times keep their characters; trailing punctuation is
	// the sentence's.
	s = address.ReplaceAllStringFunc(s, func(a string) string {
		return "x" + a[len(strings.TrimRight(a, ":;?!»")):]
	})
	runes := []rune(s)
	bad := func(i int, what string) {
		lo, hi := max(i-25, 0), min(i+15, len(runes))
		c.problems = append(c.problems, fmt.Sprintf("%s in %q", what, strings.NewReplacer("\u00a0", "⍽", "\u202f", "·").Replace(string(runes[lo:hi]))))
	}
	for i, r := range runes {
		if r == '\'' {
			bad(i, "typewriter apostrophe")
		}
		if r == '«' && i+1 < len(runes) && runes[i+1] != '\u202f' {
			bad(i, "« without a narrow no-break space after it")
		}
		want, ok := spaced[r]
		if !ok || i == 0 {
			continue
		}
		prev := runes[i-1]
		switch {
		case prev == want:
		case unicode.IsSpace(prev) || unicode.Is(unicode.Zs, prev):
			bad(i, fmt.Sprintf("%q after the wrong space %U", r, prev))
		case unicode.In(prev, unicode.Ps, unicode.Pi):
		case strings.ContainsRune("?!", prev) && strings.ContainsRune("?!", r):
		default:
			bad(i, fmt.Sprintf("%q without a space before it", r))
		}
	}
}

// TestTypographyCheckerFindsMistakes shows that the check above fails on
// the mistakes it looks for.
func TestTypographyCheckerFindsMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		page string
		want int
	}{
		{"<html lang=fr><p>Horaires : <b>x</b>; l'état <q>«\u202fa »</q> ?</p>", 5},
		{"<html lang=fr><p><strong>Téléphone</strong>: 05</p><img alt=\"a :b\">", 2},
		{"<html lang=fr><p>Voir https://x.ma/a?b, 8:30 <code>a : b</code>\u00a0: «\u202fx\u202f»\u202f!</p>", 0},
		{"<html lang=ar><p>نص : <span lang=fr>oui ?</span></p>", 1},
	}
	for _, tt := range tests {
		doc, err := html.Parse(strings.NewReader(tt.page))
		if err != nil {
			t.Fatal(err)
		}
		if c := check(doc); len(c.problems) != tt.want {
			t.Errorf("%s: %d mistakes found, want %d: %q", tt.page, len(c.problems), tt.want, c.problems)
		}
	}
}
