package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestTypographer(t *testing.T) {
	t.Parallel()
	// English quotes come from its catalog; the other languages have
	// guillemets, and French typography puts its spaces inside them later.
	c := New(WithQuotes(map[string]Quotes{"en": {"“", "”"}}))
	tests := []struct {
		name, lang, src, want string
	}{
		{"French guillemets", "fr", `Le "mandataire" signe.`, "<p>Le «mandataire» signe.</p>\n"},
		{"Arabic guillemets", "ar", `يعين "وكيلا" للمتابعة.`, "<p>يعين «وكيلا» للمتابعة.</p>\n"},
		{"Tamazight like Arabic", "zgh", `"ⴰⵣⵓⵍ"`, "<p>«ⴰⵣⵓⵍ»</p>\n"},
		{"English, as its catalog says", "en", `"hello"`, "<p>“hello”</p>\n"},
		{"regional English", "en-GB", `"hello"`, "<p>“hello”</p>\n"},
		{"dashes, ellipsis, apostrophe", "fr", "2016--2021 --- l'école...", "<p>2016–2021 — l’école…</p>\n"},
		{"angle quotes", "fr", "<<x>>", "<p>«x»</p>\n"},
		{"not in code", "fr", "`\"x\" -- ...`", "<p><code>&quot;x&quot; -- ...</code></p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, parseErrs, renderErrs := convert(t, c, tt.src, tt.lang, newTestEnv())
			if len(parseErrs)+len(renderErrs) > 0 {
				t.Fatalf("errors:\n%v\n%v", parseErrs, renderErrs)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGFM(t *testing.T) {
	t.Parallel()
	got, parseErrs, renderErrs := convert(t, New(), "| a | b |\n|:--|--:|\n| ~~x~~ | y |\n", "ar", newTestEnv())
	if len(parseErrs)+len(renderErrs) > 0 {
		t.Fatalf("errors:\n%v\n%v", parseErrs, renderErrs)
	}
	for _, want := range []string{`<th class="align-left">a</th>`, `<td class="align-right">y</td>`, "<del>x</del>"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
}

func TestParseKeepsNoReferenceToBody(t *testing.T) {
	t.Parallel()
	c := New()
	body := []byte("## Étapes\n\n{{ commune.name }}\n")
	d, _ := c.Parse("content/x.fr.md", body, 1, "fr")
	for i := range body {
		body[i] = 'x'
	}
	var b bytes.Buffer
	c.Render(&b, d, newTestEnv())
	if want := "<h2 id=\"étapes\">Étapes</h2>\n<p><bdi>Aït Ourir</bdi></p>\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestRenderAfterParseErrors(t *testing.T) {
	t.Parallel()
	got, parseErrs, renderErrs := convert(t, New(), "<b>x</b> {{ }} [y]{bad=1} [z](nowhere.md)\n", "fr", newTestEnv())
	if len(parseErrs) != 4 || len(renderErrs) != 1 {
		t.Errorf("got %d parse errors and %d render errors, want 4 and 1:\n%v\n%v", len(parseErrs), len(renderErrs), parseErrs, renderErrs)
	}
	if !strings.HasPrefix(got, "<p>x {{ }} <bdi>y</bdi> <a") {
		t.Errorf("got %q", got)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, io.ErrClosedPipe }

func TestRenderWriteError(t *testing.T) {
	t.Parallel()
	c := New()
	d, _ := c.Parse("content/x.fr.md", []byte("x\n"), 1, "fr")
	errs := c.Render(failWriter{}, d, newTestEnv())
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "render content/x.fr.md: io: read/write on closed pipe") {
		t.Errorf("errors = %v", errs)
	}
}

// guideEnv returns an Env for testdata/guide.ar.md for commune i.
func guideEnv(i int) testEnv {
	return testEnv{
		pages: map[string]string{
			"../commune.md": "../../commune/",
			"/participation/documents.md#النماذج": "../documents/#%D8%A7%D9%84%D9%86%D9%85%D8%A7%D8%B0%D8%AC",
			"/static/docs/petition-form.pdf":      "../../static/docs/petition-form.pdf",
			"../council/decisions.md":             "../../council/decisions/",
			"../participation/petitions.md":       "../petitions/",
			"../acces-information.md":             "../../acces-information/",
		},
		params: map[string]string{
			"commune.name":        fmt.Sprintf("Commune %d", i),
			"commune.population":  fmt.Sprintf("%d", 20000+i),
			"commune.phone":       fmt.Sprintf("0524 48 00 %02d", i%100),
			"petition.signatures": "100",
			"page.updated":        "12 مارس 2024",
		},
	}
}

func readGuide(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/guide.ar.md")
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func TestGuide(t *testing.T) {
	t.Parallel()
	c := New()
	d, errs := c.Parse("content/participation/petition.ar.md", readGuide(t), 5, "ar")
	if len(errs) > 0 {
		t.Fatalf("Parse errors:\n%v", errs)
	}
	var b bytes.Buffer
	if errs := c.Render(&b, d, guideEnv(7)); len(errs) > 0 {
		t.Fatalf("Render errors:\n%v", errs)
	}
	html := b.String()
	for _, want := range []string{
		`<h1 id="كيف-تقدم-عريضة-إلى-مجلس-جماعة-commune-name">كيف تقدم عريضة إلى مجلس جماعة <bdi>Commune 7</bdi>؟</h1>`,
		`<bdi lang="fr" dir="ltr">pétition</bdi>`,
		`<td class="align-right"><bdi dir="ltr"><bdi>0524 48 00 07</bdi></bdi></td>`,
		`<a href="https://www.chafafiya.ma" dir="ltr">https://www.chafafiya.ma</a>`,
		`<bdi lang="fr" dir="ltr">Ce guide explique comment déposer une pétition auprès du conseil de la commune de <bdi>Commune 7</bdi>`,
		`<a href="../documents/#%D8%A7%D9%84%D9%86%D9%85%D8%A7%D8%B0%D8%AC">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if got, want := len(d.Headings()), 12; got != want {
		t.Errorf("%d headings, want %d", got, want)
	}
}

// TestRenderConcurrently renders one Doc from many goroutines, each with
// the Env of another commune; run it with -race.
func TestRenderConcurrently(t *testing.T) {
	t.Parallel()
	c := New()
	d, errs := c.Parse("content/participation/petition.ar.md", readGuide(t), 5, "ar")
	if len(errs) > 0 {
		t.Fatalf("Parse errors:\n%v", errs)
	}
	const communes = 60
	want := make([]string, communes)
	wantErrs := make([]string, communes)
	env := func(i int) testEnv {
		e := guideEnv(i)
		if i%10 == 0 { // some communes lack a value: their errors must stay theirs
			delete(e.params, "commune.population")
		}
		return e
	}
	for i := range communes {
		var b bytes.Buffer
		errs := c.Render(&b, d, env(i))
		want[i], wantErrs[i] = b.String(), errs.Error()
	}
	var wg sync.WaitGroup
	for i := range communes {
		wg.Go(func() {
			for range 3 {
				var b bytes.Buffer
				errs := c.Render(&b, d, env(i))
				if b.String() != want[i] {
					t.Errorf("commune %d: output differs from a lone render", i)
				}
				if errs.Error() != wantErrs[i] {
					t.Errorf("commune %d: errors %q, want %q", i, errs.Error(), wantErrs[i])
				}
			}
		})
	}
	wg.Wait()
	if !strings.Contains(wantErrs[10], `unknown placeholder "commune.population"`) || wantErrs[11] != "" {
		t.Errorf("errors of communes 10 and 11: %q, %q", wantErrs[10], wantErrs[11])
	}
}

func FuzzParseRender(f *testing.F) {
	for _, s := range []string{
		"",
		"## كيف تقدم عريضة؟ {#x .y}\n\n[a]{lang=fr} {{ commune.name }} [b](c.md) ![d](e.png)",
		"[a [b]{lang=fr} c](u) [[x](y)]{lang=fr} *a [b* c]{lang=fr} [a `]{x}` b]{dir=ltr}",
		"- [ ] x\n- [x] [y]{dir=rtl}\n\n| a | {{ b }} |\n|---|---|\n| [c]{lang=fr} | d |",
		"<div>\n</div>\n\n<span>x</span> <!-- c --> {{ }} {{ a",
		"## [x]{lang=fr}\n## y {id=5}\n## z {#}\n",
		"[x]: <a b>\n[x] [x][] [x][x] <https://x.ma> www.x.ma a@b.ma",
		"\"« x »\" -- ... 'a' <<b>>",
		"[\n]{lang=fr}\n[a\\]{lang=fr}]{dir=ltr}",
		"- {{ if contact.hours }}**H** : {{ contact.hours }}{{ end }}\n- {{ if x }}{{ else }}y{{ end }}\n\n{{ if a }}b{{ end }}\n",
		"{{ a or \"b {{ c or \"d\" }} [e](f.md)\" }} {{ if g }}*h {{ else }} i*{{ end }} {{ end }} {{ else }}",
		"## {{ if a }}b{{ end }}\n![{{ x or \"y\" }}](z.png) | {{ if a }} |\n|---|\n| {{ end }} |\n",
		"{{ if a }}{{ if b }}{{ if c }}{{ if d }}{{ if e }}{{ if f }}{{ if g }}{{ if h }}{{ if i }}j{{ end }}{{ end }}{{ end }}{{ end }}\n",
		"> {{ if a }}\n> b\n\n1. {{ a or \"c\n  d\" }}\n2. {{ if a }}x\n   {{ end }}\n",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Add(string(readGuide(f)), false)
	c := New()
	f.Fuzz(func(t *testing.T, src string, french bool) {
		lang := "ar"
		if french {
			lang = "fr"
		}
		d, parseErrs := c.Parse("f.md", []byte(src), 3, lang)
		var b bytes.Buffer
		renderErrs := c.Render(&b, d, passEnv{})
		sameAsCompiled(t, c, d, passEnv{}, b.String(), renderErrs)
		var withEnv bytes.Buffer
		envErrs := c.Render(&withEnv, d, newTestEnv())
		sameAsCompiled(t, c, d, newTestEnv(), withEnv.String(), envErrs)
		// Transformed by a transformation that changes nothing, the page
		// renders the same.
		same, err := d.Compiled().Transform(func(b []byte) ([]byte, error) { return b, nil })
		if err != nil && !errors.Is(err, ErrMarked) {
			t.Fatalf("Transform: %v", err)
		}
		if err == nil {
			var b2 bytes.Buffer
			same.Render(&b2, newTestEnv())
			if b2.String() != withEnv.String() {
				t.Errorf("the transformed page renders\n%q\nwant\n%q", b2.String(), withEnv.String())
			}
		}
		for _, e := range slices.Concat(parseErrs, renderErrs) {
			if e.Pos.File != "f.md" || e.Pos.Line < 3 || e.Pos.Col < 1 {
				t.Errorf("error without a proper position: %v", e)
			}
		}
		for _, h := range d.Headings() {
			if !d.HasID(h.ID) || h.ID == "" {
				t.Errorf("heading %+v has no id", h)
			}
		}
		if strings.Contains(strings.ToLower(b.String()), "<script") {
			t.Errorf("raw HTML in output: %s", b.String())
		}
	})
}

func BenchmarkParse(b *testing.B) {
	c := New()
	src := readGuide(b)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, errs := c.Parse("content/participation/petition.ar.md", src, 5, "ar"); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	c := New()
	src := readGuide(b)
	d, errs := c.Parse("content/participation/petition.ar.md", src, 5, "ar")
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	env := guideEnv(1)
	var buf bytes.Buffer
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if errs := c.Render(&buf, d, env); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkParseAdversarial parses pages made to be slow: each must stay
// close to linear (a few tens of milliseconds for 100 KB).
func BenchmarkParseAdversarial(b *testing.B) {
	c := New()
	for _, bm := range []struct{ name, src string }{
		{"open brackets", strings.Repeat("[", 50000)},
		{"bracket lines", strings.Repeat("[\n", 20000)},
		{"nested brackets", strings.Repeat("[", 25000) + strings.Repeat("]", 25000) + "{lang=fr}"},
		{"nested spans", strings.Repeat("[", 5000) + strings.Repeat("]{dir=ltr}", 5000)},
		{"spans without closing brace", strings.Repeat("[a]{", 20000)},
		{"many spans", strings.Repeat("[a]{dir=ltr} ", 10000)},
		{"image openers", strings.Repeat("![a", 5000) + strings.Repeat("x ", 5000) + strings.Repeat("]{dir=ltr}", 5000)},
		{"braces", strings.Repeat("{{", 50000)},
		{"same heading", strings.Repeat("# a\n", 20000)},
		{"links on one line", strings.Repeat("[a](b) ", 20000)},
		{"conditions", strings.Repeat("{{ if a }}x", 10000)},
		{"ends", strings.Repeat("{{ else }}{{ end }}", 10000)},
		{"conditionals", strings.Repeat("{{ if a }}x{{ else }}y{{ end }}", 5000)},
		{"nested conditionals", strings.Repeat("{{ if a }}{{ if b }}x *y", 2000) + strings.Repeat("{{ end }}{{ end }}", 2000)},
		{"fallbacks", strings.Repeat(`{{ a or "`, 10000) + strings.Repeat(`x" }}`, 10000)},
		{"fallback quotes", `{{ a or "` + strings.Repeat(`" `, 30000)},
		{"conditional list items", strings.Repeat("- {{ if a }}x{{ end }}\n", 5000)},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.src)))
			for b.Loop() {
				d, _ := c.Parse("x.md", []byte(bm.src), 1, "ar")
				c.Render(io.Discard, d, passEnv{})
			}
		})
	}
}
