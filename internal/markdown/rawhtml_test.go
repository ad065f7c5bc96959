package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestRawHTMLErrors(t *testing.T) {
	t.Parallel()
	c := New()
	const hint = "; use Markdown, or [text]{dir=ltr} for direction"
	tests := []struct {
		name, src string
		want      []string
		html      string
	}{
		{"inline tag", "الهاتف <span dir=\"ltr\">0522</span>\n", []string{
			`content/x.ar.md:1:8: raw HTML is not allowed: <span dir="ltr">` + hint,
			`content/x.ar.md:1:28: raw HTML is not allowed: </span>` + hint,
		}, "<p>الهاتف 0522</p>\n"},
		{"block", "نص\n\n<div class=\"x\">\nكتلة\n</div>\n", []string{
			`content/x.ar.md:3:1: raw HTML is not allowed: <div class="x">` + hint,
		}, "<p>نص</p>\n"},
		{"indented block in a list", "- a\n\n  <script>alert(1)</script>\n", []string{
			`content/x.ar.md:3:3: raw HTML is not allowed: <script>alert(1)</script>` + hint,
		}, "<ul>\n<li>\n<p>a</p>\n</li>\n</ul>\n"},
		{"event handler", "x <img src=x onerror=alert(1)>\n", []string{
			`content/x.ar.md:1:3: raw HTML is not allowed: <img src=x onerror=alert(1)>` + hint,
		}, "<p>x </p>\n"},
		{"comments are allowed and dropped", "a <!-- note --> b\n\n<!-- note\nlongue -->\n", nil, "<p>a  b</p>\n"},
		{"text after a block comment is not", "<!-- a --> <b>x</b>\n", []string{
			`content/x.ar.md:1:1: raw HTML is not allowed: <!-- a --> <b>x</b>` + hint,
		}, ""},
		{"in code it is text", "`<b>` and\n\n    <b>\n", nil, "<p><code>&lt;b&gt;</code> and</p>\n<pre><code>&lt;b&gt;\n</code></pre>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			html, parseErrs, _ := convert(t, c, tt.src, "ar", newTestEnv())
			if got := errorLines(parseErrs); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if html != tt.html {
				t.Errorf("got  %q\nwant %q", html, tt.html)
			}
		})
	}
}
