package render_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
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
	return render.ProjectOf(t, pages, render.AlphaProfile)
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

// withLayouts gives the commune of in the default theme's layouts with
// overrides (path under layouts/ and text).
func withLayouts(t *testing.T, in *render.Project, overrides map[string]string) {
	t.Helper()
	root := t.TempDir()
	for rel, text := range overrides {
		p := filepath.Join(root, "communes", "alpha", "layouts", filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, errs := in.Theme.ForCommune(root, "alpha")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	in.Communes[0].Layouts = l
}

// A partial kept for many pages sees only what they share: asking it for
// what is a page's own fails at its line, saying why, and a name the page
// reaches through a helper is proposed with it.
func TestKeptPartialsSeeOnlyWhatThePagesShare(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ partial, text, want string }{
		{"partials/footer.html", "<footer>\n{{ .Title }}</footer>", `communes/alpha/layouts/partials/footer.html:2:3: template: executing "partials/footer.html" at <.Title>: can't evaluate field Title in type *render.SiteView; ` +
			`partials/footer.html is run by .Partials.Site, kept for many pages: it sees only what they share (*render.SiteView, see docs/themes.md); to show what is the page's own, include it with {{ template "partials/footer.html" . }}`},
		{"partials/toc.html", "<nav>{{ .Commune }}</nav>", `communes/alpha/layouts/partials/toc.html:1:8: template: executing "partials/toc.html" at <.Commune>: can't evaluate field Commune in type *render.OwnView; partials/toc.html is run by .Partials.Page`},
		{"partials/footer.html", `<footer>{{ .T "feed" }}</footer>`, `communes/alpha/layouts/partials/footer.html:1:11: template: executing "partials/footer.html" at <.T>: can't evaluate field T in type *render.SiteView; did you mean .Fmt.T?`},
	} {
		in := input(t, pages)
		withLayouts(t, in, map[string]string{tt.partial: tt.text})
		_, err := collect(t, in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: got %v\nwant %s", tt.partial, tt.text, err, tt.want)
		}
	}
}

// A kept partial that shows the menu is kept for each entry marked: every
// page shows its own.
func TestKeptPartialShowingTheMenuMarksEachPagesEntry(t *testing.T) {
	t.Parallel()
	in := input(t, pages)
	withLayouts(t, in, map[string]string{"partials/footer.html": `<footer>{{ range .Menu }}{{ if .Current }}[{{ .Title }}]{{ end }}{{ end }}</footer>`})
	out, err := collect(t, in)
	if err != nil {
		t.Fatal(err)
	}
	var marked int
	for path, html := range out {
		if !strings.HasSuffix(path, ".html") || !strings.Contains(html, "<footer>") {
			continue
		}
		title := html[strings.Index(html, "<h1>")+len("<h1>"):]
		title = title[:strings.Index(title, "</h1>")]
		footer := html[strings.Index(html, "<footer>"):]
		if strings.Contains(footer, "[") {
			marked++
			if !strings.Contains(footer, "["+title+"]") {
				t.Errorf("%s: the footer marks %s, not the page %q", path, footer, title)
			}
		}
	}
	if marked < 2 {
		t.Errorf("%d pages have their menu entry marked, want at least 2", marked)
	}
}

// A commune's static file may not take the address of a page the site
// makes, nor sit in a folder the site generates whole; each is reported
// at the file, and any other folder of static/ is the commune's.
func TestStaticFilesKeepOutOfWhatTheSiteMakes(t *testing.T) {
	t.Parallel()
	in := input(t, pages)
	static := maps.Clone(in.Communes[0].Static)
	for _, rel := range []string{"404.html", ".htaccess", "fr/notice.pdf", "data/budget.csv", "docs/notice.pdf"} {
		static[rel] = "communes/alpha/static/" + rel
	}
	in.Communes[0].Static = static
	_, err := collect(t, in)
	if err == nil {
		t.Fatal("a build with static files over the site's pages succeeded")
	}
	msg := err.Error()
	for _, want := range []string{
		"communes/alpha/static/404.html: two outputs at one address: 404.html is also written by the site's 404 page",
		"communes/alpha/static/.htaccess: two outputs at one address: .htaccess is also written by",
		"communes/alpha/static/fr/notice.pdf: a static file cannot be in the folder fr/, which holds the site's pages in fr",
		"communes/alpha/static/data/budget.csv: a static file cannot be in the folder data/, which holds the site's open data",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, "docs/notice.pdf") {
		t.Errorf("a static file in a folder of its own is refused:\n%s", msg)
	}
}
