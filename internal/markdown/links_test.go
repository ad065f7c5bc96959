package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestLinks(t *testing.T) {
	t.Parallel()
	c := New()
	tests := []struct {
		name, src, want string
	}{
		{"page link", "[الدليل](guide.md)\n", `<p><a href="../guide/">الدليل</a></p>` + "\n"},
		{"absolute page link", "[x](/participation/x.md)\n", `<p><a href="../../participation/x/">x</a></p>` + "\n"},
		{"page and anchor", "[x](guide.md#étapes)\n", `<p><a href="../guide/#%C3%A9tapes">x</a></p>` + "\n"},
		{"same-page anchor", "## Étapes\n\n[x](#étapes)\n", `<h2 id="étapes">Étapes</h2>` + "\n" + `<p><a href="#%C3%A9tapes">x</a></p>` + "\n"},
		{"same-page anchor percent-encoded", "## Étapes\n\n[x](#%C3%A9tapes)\n", `<h2 id="étapes">Étapes</h2>` + "\n" + `<p><a href="#%C3%A9tapes">x</a></p>` + "\n"},
		{"external URL passes through the env", "[x](https://www.chafafiya.ma/)\n", `<p><a href="https://www.chafafiya.ma/">x</a></p>` + "\n"},
		{"tel", "[اتصل](tel:+212524480000)\n", `<p><a href="tel:+212524480000">اتصل</a></p>` + "\n"},
		{"static file", "[form](/static/docs/form.pdf)\n", `<p><a href="../static/docs/form.pdf">form</a></p>` + "\n"},
		{"autolink is left to right", "<https://idarati.ma>\n", `<p><a href="https://idarati.ma" dir="ltr">https://idarati.ma</a></p>` + "\n"},
		{"bare URL", "انظر https://idarati.ma للمزيد\n", `<p>انظر <a href="https://idarati.ma" dir="ltr">https://idarati.ma</a> للمزيد</p>` + "\n"},
		{"bare e-mail", "contact@commune.ma\n", `<p><a href="mailto:contact@commune.ma" dir="ltr">contact@commune.ma</a></p>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, parseErrs, renderErrs := convert(t, c, tt.src, "ar", newTestEnv())
			if len(parseErrs)+len(renderErrs) > 0 {
				t.Fatalf("errors:\n%v\n%v", parseErrs, renderErrs)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestLinkErrors(t *testing.T) {
	t.Parallel()
	c := New()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"missing page", "مقدمة\n\nاقرأ [الدليل](missing.md) الآن\n", []string{
			`content/x.ar.md:3:6: broken link "missing.md": no page missing.md`,
		}},
		{"missing image at its !", "نص ![شعار](nologo.png)\n", []string{
			`content/x.ar.md:1:4: broken image "nologo.png": no file nologo.png`,
		}},
		{"missing anchor on another page", "[x](guide.md#nope)\n", []string{
			`content/x.ar.md:1:1: broken link "guide.md#nope": no page guide.md#nope`,
		}},
		{"missing same-page anchor with suggestion", "## Étapes\n\nvoir [ici](#etapes)\n", []string{
			`content/x.ar.md:3:6: broken link "#etapes": no heading with id "etapes" on this page; did you mean "#étapes"?`,
		}},
		{"reference link at its [", "- a [x][r]\n\n[r]: gone.md\n", []string{
			`content/x.ar.md:1:5: broken link "gone.md": no page gone.md`,
		}},
		{"javascript URL", "[x](javascript:alert(1))\n", []string{
			`content/x.ar.md:1:1: unsafe link "javascript:alert(1)"; link to a page or file of the site, or to an http(s), mailto or tel address`,
		}},
		{"several errors sorted", "[b](b.md)\n\n[a](a.md) {{ nope }}\n", []string{
			`content/x.ar.md:1:1: broken link "b.md": no page b.md`,
			`content/x.ar.md:3:1: broken link "a.md": no page a.md`,
			`content/x.ar.md:3:11: unknown placeholder "nope"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			html, parseErrs, renderErrs := convert(t, c, tt.src, "ar", newTestEnv())
			if len(parseErrs) > 0 {
				t.Fatalf("Parse errors:\n%v", parseErrs)
			}
			if got := errorLines(renderErrs); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if strings.Contains(html, "javascript:") {
				t.Errorf("unsafe URL in output: %s", html)
			}
		})
	}
}

func TestLinksAccessor(t *testing.T) {
	t.Parallel()
	src := "[a](guide.md) ![b](logo.png)\n<https://x.ma> x@y.ma [c](<a b.md>) [d](x\\_y.md)\n"
	d, errs := New().Parse("content/x.fr.md", []byte(src), 2, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, l := range d.Links() {
		s := l.Dest + "@" + l.Pos.String()
		if l.Image {
			s = "image " + s
		}
		got = append(got, s)
	}
	want := []string{
		"guide.md@content/x.fr.md:2:1",
		"image logo.png@content/x.fr.md:2:15",
		"https://x.ma@content/x.fr.md:3:1",
		"mailto:x@y.ma@content/x.fr.md:3:16",
		"a b.md@content/x.fr.md:3:23",
		"x_y.md@content/x.fr.md:3:37",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Links:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUnsafeHrefFromEnv(t *testing.T) {
	t.Parallel()
	env := newTestEnv()
	env.pages["evil.md"] = "javascript:alert(1)"
	html, _, renderErrs := convert(t, New(), "[x](evil.md)\n", "fr", env)
	want := []string{`content/x.ar.md:1:1: unsafe link "evil.md": it resolves to "javascript:alert(1)"`}
	if got := errorLines(renderErrs); !slices.Equal(got, want) {
		t.Errorf("errors = %q, want %q", got, want)
	}
	if html != `<p><a href="">x</a></p>`+"\n" {
		t.Errorf("html = %q", html)
	}
}
