package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"كيف تقدم عريضة؟", "كيف-تقدم-عريضة"},
		{"Pétitions et délais", "pétitions-et-délais"},
		{"ÉTAPES", "étapes"},
		{"ⵜⴰⵎⴰⵣⵉⵖⵜ ⵜⴰⵏⴰⵡⴰⵢⵜ", "ⵜⴰⵎⴰⵣⵉⵖⵜ-ⵜⴰⵏⴰⵡⴰⵢⵜ"},
		{"  Who -- may *sign*?!  ", "who-may-sign"},
		{"Loi n° 31-13 (2018)", "loi-n-31-13-2018"},
		{"snake_case and dots.too", "snake-case-and-dots-too"},
		{"الـمـجـلـس", "المجلس"},         // tatweel dropped
		{"a\u200fb", "ab"},               // a right-to-left mark is invisible
		{"Pe\u0301titions", "pétitions"}, // decomposed é is composed
		{"الْعَرِيضَة", "الْعَرِيضَة"},   // harakat are kept
		{"٣ خطوات", "٣-خطوات"},           // Arabic-Indic digits are digits
		{"?!", ""},
	}
	for _, tt := range tests {
		if got := slug(tt.in); got != tt.want {
			t.Errorf("slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHeadingIDs(t *testing.T) {
	t.Parallel()
	c := New()
	tests := []struct {
		name string
		src  string
		want []string // ids in document order
	}{
		{"Arabic", "## كيف تقدم عريضة؟\n", []string{"كيف-تقدم-عريضة"}},
		{"French accents", "## Pétitions et délais\n", []string{"pétitions-et-délais"}},
		{"duplicates get a suffix", "## Étapes\n\n## Étapes\n\n# étapes\n", []string{"étapes", "étapes-1", "étapes-2"}},
		{"punctuation collapses", "## « Qui peut signer ? » — réponse…\n", []string{"qui-peut-signer-réponse"}},
		{"markup is not part of the id", "## Voir *le* [guide](guide.md) `v2`\n", []string{"voir-le-guide-v2"}},
		{"placeholder by name", "## Contacter {{ commune.name }}\n", []string{"contacter-commune-name"}},
		{"no letters", "## ?!\n\n## ...\n", []string{"heading", "heading-1"}},
		{"explicit id", "## Titre long {#court}\n", []string{"court"}},
		{"explicit id is reserved before generated ones", "## Court\n\n## Autre {#court}\n", []string{"court-1", "court"}},
		{"generated suffix skips explicit id", "## A {#x-1}\n\n## X\n\n## X\n", []string{"x-1", "x", "x-2"}},
		{"setext heading", "Étapes\n======\n", []string{"étapes"}},
		{"span at end of heading is not an attribute", "## Le [centre]{lang=fr}\n", []string{"le-centre"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, errs := c.Parse("content/x.ar.md", []byte(tt.src), 1, "fr")
			if len(errs) > 0 {
				t.Fatalf("Parse errors:\n%v", errs)
			}
			var got []string
			for _, h := range d.Headings() {
				got = append(got, h.ID)
				if !d.HasID(h.ID) {
					t.Errorf("HasID(%q) = false", h.ID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("ids = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHeadingRendering(t *testing.T) {
	t.Parallel()
	c := New()
	tests := []struct {
		name, src, want string
	}{
		{"Arabic id in HTML", "## كيف تقدم عريضة؟\n", `<h2 id="كيف-تقدم-عريضة">كيف تقدم عريضة؟</h2>` + "\n"},
		{"only the id attribute is emitted", "## Titre {#t .c onclick=x}\n", `<h2 id="t">Titre</h2>` + "\n"},
		{"span at end of heading", "## Le [centre]{lang=fr}\n", `<h2 id="le-centre">Le <bdi lang="fr" dir="ltr">centre</bdi></h2>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, _, renderErrs := convert(t, c, tt.src, "ar", newTestEnv())
			if len(renderErrs) > 0 {
				t.Fatalf("Render errors:\n%v", renderErrs)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestHeadingErrors(t *testing.T) {
	t.Parallel()
	c := New()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"class and event handler", "# Titre\n## Autre {#a .c onclick=x}\n", []string{
			`content/x.ar.md:2:10: heading attribute "class" is not allowed; only {#id} can be set on a heading`,
			`content/x.ar.md:2:10: heading attribute "onclick" is not allowed; only {#id} can be set on a heading`,
		}},
		{"id that is not a name", "## Titre {id=5}\n", []string{
			`content/x.ar.md:1:10: invalid heading id; write {#my-id}`,
		}},
		{"duplicate explicit id", "## A {#a}\n\n## B {#a}\n", []string{
			`content/x.ar.md:3:1: duplicate heading id "a"; give each heading its own {#id}`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errs := c.Parse("content/x.ar.md", []byte(tt.src), 1, "ar")
			if got := errorLines(errs); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestHeadingsAccessor(t *testing.T) {
	t.Parallel()
	d, errs := New().Parse("content/x.fr.md", []byte("Intro\n\n### Délai de *réponse* pour {{ commune.name }}\n"), 4, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	hs := d.Headings()
	if len(hs) != 1 {
		t.Fatalf("got %d headings, want 1", len(hs))
	}
	h := hs[0]
	if h.Level != 3 || h.Text != "Délai de réponse pour {{commune.name}}" || h.Pos.String() != "content/x.fr.md:6:1" {
		t.Errorf("heading = %+v", h)
	}
}
