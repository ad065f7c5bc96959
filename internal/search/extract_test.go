package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

func TestExtract(t *testing.T) {
	t.Parallel()
	tests := []struct {
		what, html string
		want       []string // "# " marks a heading
	}{
		{"only main, without its title, navigation, forms and hidden parts",
			`<html><head><title>T</title></head><body><header><a>Brand</a></header>` +
				`<main><p class="demo" data-search-ignore>Demo site<nav><a>Home</a></nav><h1>Title</h1>` +
				`<p>First <b>bold</b> words.<p>Second<form><input><button>Go</button></form>` +
				`<div hidden>not shown</div><span aria-hidden="true">icon</span><svg><text>1 234</text></svg>` +
				`<h2>A heading</h2><p>After</main><footer>Footer</footer></body></html>`,
			[]string{"First bold words.", "Second", "# A heading", "After"}},
		{"end tags left out by a minifier",
			`<main><ul><li>one<li>two <a href=#>link</a><li>three</ul><dl><dt>Term<dd>Value</dl>` +
				`<table><tr><th>Name<td>Value<tr><td>A<td>B</table><p>Last</main>`,
			[]string{"one", "two link", "three", "Term", "Value", "Name", "Value", "A", "B", "Last"}},
		{"a paragraph left open before a block that is skipped",
			`<main><p data-search-ignore>banner<div>kept</div><p>also kept</main>`,
			[]string{"kept", "also kept"}},
		{"white space collapsed, entities read",
			"<main><p>  l&#39;état\n\t civil &amp; co  </p><p>a<br>b</main>",
			[]string{"l'état civil & co", "a", "b"}},
		{"a heading's text is a passage of its own",
			`<main><p>before <h3 id=x>Inside <em>it</em></h3> after</main>`,
			[]string{"before", "# Inside it", "after"}},
		{"the body when there is no main",
			`<body><p>one</p><nav>menu</nav><p>two</p></body>`,
			[]string{"one", "two"}},
		{"unclosed and stray tags",
			`<main><p>a</b></i><div><span>b</main></div>trailing`,
			[]string{"a", "b"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Extract([]byte(tt.html)) {
			s := p.Text
			if p.Heading {
				s = "# " + s
			}
			got = append(got, s)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.what, got, tt.want)
		}
	}
}

// FuzzExtract checks that any page gives passages of valid, trimmed,
// non-empty text, and never more text than the page has.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{"<main><p>a<li>b</main>", "<p data-search-ignore>x<div>y", "<svg><p>z", "<main><h2>a<p>b</h2>", "\xff<main>\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		n := 0
		for _, p := range Extract([]byte(page)) {
			if p.Text == "" || strings.TrimSpace(p.Text) != p.Text || !utf8.ValidString(p.Text) && utf8.ValidString(page) {
				t.Fatalf("Extract(%q) gives the passage %q", page, p.Text)
			}
			n += len(p.Text)
		}
		if n > 4*len(page) { // entities grow at most fourfold (&lt; → <, but &NotNestedLessLess; → 3 bytes…)
			t.Fatalf("Extract(%q) gives %d bytes of text", page, n)
		}
	})
}

// FuzzExtractText checks that a page's text is collapsed as the plain
// rule says: runs of white space (Unicode's) become one space between
// words, none at either end of a passage, and texts in a row (fo<b>o</b>)
// join.
func FuzzExtractText(f *testing.F) {
	for _, s := range []string{"a  b", " l'état\u00a0civil ", "\u2003x\u3000y\xe2\x80", "\xc2\xa0\xc2"} {
		f.Add(s, "next")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var x extractor
		x.text([]byte(a))
		x.text([]byte(b))
		x.flush()
		want := strings.Join(strings.FieldsFunc(a+b, unicode.IsSpace), " ") // two texts in a row are one
		var got string
		if len(x.out) > 0 {
			got = x.out[0].Text
		}
		if len(x.out) > 1 || got != want && utf8.ValidString(a) && utf8.ValidString(b) {
			t.Fatalf("text %q then %q gives %+v, want %q", a, b, x.out, want)
		}
	})
}

// FuzzTagName checks that the extractor reads a tag's name as the
// tokenizer does, and never passes over a tag with an attribute it reads.
func FuzzTagName(f *testing.F) {
	for _, s := range []string{"<P class=x>a</P >", "<div HIDDEN>", "<a/b>", "<x\x00y>", "</ a>", "<span aria-HIDDEN=true data-Search-Ignore>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, page string) {
		var x extractor
		z := html.NewTokenizer(strings.NewReader(page))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
				continue
			}
			raw := z.Raw()
			got := atom.Lookup(x.tagName(raw))
			read := containsFold(raw, "hidden") || containsFold(raw, "ignore")
			name, more := z.TagName()
			if want := atom.Lookup(name); got != want {
				t.Fatalf("the tag %q is read as %v, the tokenizer reads %v", raw, got, want)
			}
			for more && tt != html.EndTagToken {
				var k []byte
				k, _, more = z.TagAttr()
				switch string(k) {
				case "hidden", "data-search-ignore", "aria-hidden":
					if !read {
						t.Fatalf("the attribute %q of %q is not read", k, raw)
					}
				}
			}
		}
	})
}
