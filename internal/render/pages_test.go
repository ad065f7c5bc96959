package render_test

import (
	"context"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/content"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
)

func TestOutputDir(t *testing.T) {
	t.Parallel()
	slugs := map[string]string{"participation/index": "participer", "participation/petitions": "petitions-citoyennes"}
	page := func(key string) *site.Page {
		if s, ok := slugs[key]; ok {
			return &site.Page{Key: key, Meta: site.FrontMatter{Slug: s}}
		}
		return nil
	}
	for _, tt := range []struct{ lang, key, want string }{
		{"fr", "index", "fr"},
		{"ar", "contact", "ar/contact"},
		{"fr", "participation/index", "fr/participer"},
		{"fr", "participation/petitions", "fr/participer/petitions-citoyennes"},
		{"fr", "participation/youth", "fr/participer/youth"},
		{"fr", "procedures/index", "fr/procedures"},
	} {
		if got := render.OutputDir(tt.lang, tt.key, page); got != tt.want {
			t.Errorf("OutputDir(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}

func TestHtaccess(t *testing.T) {
	t.Parallel()
	with := string(render.Htaccess("/berkane/404.html"))
	if !strings.Contains(with, "ErrorDocument 404 /berkane/404.html\n") || !strings.Contains(with, "AddDefaultCharset utf-8") {
		t.Errorf("Htaccess with a 404 page:\n%s", with)
	}
	if without := string(render.Htaccess("")); strings.Contains(without, "ErrorDocument") {
		t.Errorf("Htaccess without a 404 page names one:\n%s", without)
	}
}

// input is a project of one commune with the shared pages given (path
// under content/ and text), the default theme and its settings.
func input(t *testing.T, pages map[string]string) *render.Project {
	t.Helper()
	settings := site.DefaultSettings()
	langs := site.Codes(settings.Languages)
	th, errs := theme.Load("../..", settings.Theme, settings.Languages)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, errs := commune.Parse("communes/alpha/commune.yaml", "alpha", []byte(`name: {ar: ألفا, fr: Alpha}
type: urban
region: "02"
province: "02.113"
population: 99069
census_year: 2024
demo: true
contact:
  address: {ar: شارع المثال, fr: Rue de l'exemple}
`), langs, ref)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	in := &render.Project{Settings: settings, Theme: th, Markdown: markdown.New()}
	for _, rel := range slices.Sorted(maps.Keys(pages)) {
		p, errs := content.Parse("content/"+rel, rel, []byte(pages[rel]), langs)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		in.Shared = append(in.Shared, p)
	}
	in.Communes = []*render.Commune{{Profile: c, Layouts: th.Layouts, Static: th.Static, Facts: commune.FactsOf(c), Needs: commune.Needs(c)}}
	return in
}

var pages = map[string]string{
	"index.ar.md":                     "---\ntitle: الرئيسية\n---\nمرحبا بكم في موقع جماعة {{ commune.name }}.\n",
	"index.fr.md":                     "---\ntitle: Accueil\n---\nBienvenue sur le site de la commune {{ commune.name_of }}.\n",
	"participation/petitions.fr.md":   "---\ntitle: Pétitions\nkind: guide\n---\n## Qui peut signer ?\n\nAu moins {{ petition.signatures }} signatures dans la commune {{ commune.name_of }}.\n",
	"participation/petitions.ar.md":   "---\ntitle: العرائض\nkind: guide\n---\n## من يمكنه التوقيع؟\n\n{{ petition.signatures }} توقيع.\n",
	"participation/access-info.fr.md": "---\ntitle: Accès à l'information\n---\nVoir [les pétitions](petitions.md#qui-peut-signer).\n",
}

// collect renders in and returns the outputs by path.
func collect(t *testing.T, in *render.Project) (map[string]string, error) {
	t.Helper()
	var mu sync.Mutex
	out := map[string]string{}
	errs := render.Render(context.Background(), in, render.Options{Workers: 2}, func(o render.Output) error {
		mu.Lock()
		defer mu.Unlock()
		out[o.Path] = string(o.Data)
		return nil
	})
	return out, errs.Err()
}

// Render writes every page of a commune in each language it exists in,
// with its facts, and Outputs plans exactly what Render writes.
func TestRenderWritesEachPageInItsLanguages(t *testing.T) {
	t.Parallel()
	in := input(t, pages)
	out, err := collect(t, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ path, want string }{
		{"alpha/ar/index.html", `<html lang="ar" dir="rtl">`},
		{"alpha/fr/index.html", `<html lang="fr" dir="ltr">`},
		{"alpha/fr/participation/petitions/index.html", "Au moins <bdi>200</bdi> signatures dans la commune <bdi>d’Alpha</bdi>"},
		{"alpha/ar/participation/petitions/index.html", `<html lang="ar" dir="rtl">`},
		{"alpha/fr/participation/access-info/index.html", `href="../../../fr/participation/petitions/index.html#qui-peut-signer"`},
	} {
		if got, ok := out[tt.path]; !ok {
			t.Errorf("no output %s", tt.path)
		} else if !strings.Contains(got, tt.want) {
			t.Errorf("%s lacks %s", tt.path, tt.want)
		}
	}
	if _, ok := out["alpha/ar/participation/access-info/index.html"]; ok {
		t.Error("a page written only in French was rendered in Arabic")
	}
	planned, errs := render.Outputs(context.Background(), in)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	written := slices.Sorted(maps.Keys(out))
	for _, p := range written {
		if !slices.Contains(planned, p) {
			t.Errorf("%s written but not planned by Outputs", p)
		}
	}
}

// Render reports a page's mistakes at their positions in its file, all
// of them, sorted.
func TestRenderReportsErrorsAtTheirPositions(t *testing.T) {
	t.Parallel()
	broken := maps.Clone(pages)
	broken["participation/access-info.fr.md"] = "---\ntitle: Accès à l'information\n---\nVoir [les pétitions](petitions.md#qui-peut-signe) et {{ commune.nom }}.\n"
	_, err := collect(t, input(t, broken))
	want := []string{
		`content/participation/access-info.fr.md:4:6: broken link "petitions.md#qui-peut-signe": no heading with the anchor #qui-peut-signe in content/participation/petitions.fr.md; did you mean #qui-peut-signer?`,
		`content/participation/access-info.fr.md:4:54: unknown placeholder "commune.nom"; did you mean "commune.name"?`,
	}
	if err == nil {
		t.Fatal("the render succeeded")
	}
	got := err.Error()
	last := -1
	for _, w := range want {
		i := strings.Index(got, w)
		if i < 0 {
			t.Errorf("errors lack\n%s\ngot\n%s", w, got)
		} else if i < last {
			t.Errorf("errors not sorted:\n%s", got)
		}
		last = i
	}
}
