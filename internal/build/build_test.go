package build_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/check"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/fixture"
	"github.com/tadafor/tadafor/internal/minify"
	"golang.org/x/tools/txtar"
)

// newProject writes the fixture project (and archives, which may replace
// its files) into a temporary folder with the project's themes.
func newProject(t *testing.T, archives ...string) string {
	t.Helper()
	return fixture.Write(t, archives...)
}

func run(t *testing.T, root string, opts build.Options) (build.Report, error) {
	t.Helper()
	opts.Root = root
	if opts.Out == "" {
		opts.Out = filepath.Join(root, "public")
	}
	return build.Run(context.Background(), opts)
}

func read(t *testing.T, root, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "public", filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildWritesEverySite(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	rep, err := run(t, root, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Communes != 2 || rep.Pages == 0 {
		t.Errorf("report = %+v", rep)
	}
	for _, name := range []string{
		"index.html", "fr/index.html", "css/style.css",
		"alpha/index.html", "alpha/404.html", "alpha/robots.txt", "alpha/sitemap.xml", "alpha/css/style.css",
		"alpha/ar/index.html", "alpha/fr/index.html", "alpha/ar/feed.xml", "alpha/fr/feed.xml",
		"alpha/ar/participation/petitions/index.html", "alpha/fr/participation/petitions/index.html",
		"alpha/ar/news/fete/index.html", "beta/fr/procedures/legalisation/index.html",
	} {
		if _, err := os.Stat(filepath.Join(root, "public", name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public", "beta", "ar", "news", "fete")); err == nil {
		t.Errorf("beta has alpha's news")
	}
}

func TestBuildPageContent(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	ar := read(t, root, "alpha/ar/participation/petitions/index.html")
	for _, want := range []string{
		`<html lang="ar" dir="rtl">`,
		`id="من-يمكنه-التوقيع"`,
		`<bdi>200</bdi>`, // 99,069 inhabitants: 200 signatures
		`<bdi dir="ltr">2.16.403</bdi>`,
		`href="../../../fr/participation/petitions/index.html"`, // language switch to the translation
		`<table>`,
		`hreflang="fr" href="https://communes.example/alpha/fr/participation/petitions/"`,
	} {
		if !strings.Contains(ar, want) {
			t.Errorf("alpha/ar petitions lacks %s", want)
		}
	}
	fr := read(t, root, "alpha/fr/participation/petitions/index.html")
	if !strings.Contains(fr, `<li><a href="#d%C3%A9poser-%C3%A0-commune-name">Déposer à Alpha</a></li>`) {
		t.Errorf("the table of contents lacks the heading with its placeholder filled in:\n%s", fr)
	}
	beta := read(t, root, "beta/fr/participation/petitions/index.html")
	// The table of contents of a shared page is rendered once for every
	// commune, except where a heading shows the commune's facts.
	if !strings.Contains(beta, `">Déposer à Bêta</a></li>`) {
		t.Errorf("beta's table of contents lacks its own name:\n%s", beta)
	}
	if !strings.Contains(beta, "<bdi>100</bdi>") {
		t.Errorf("beta (2,782 inhabitants) should need 100 signatures")
	}
	// A page without translation switches to the other language's home and says so.
	leg := read(t, root, "beta/fr/procedures/legalisation/index.html")
	if !strings.Contains(leg, `href="../../../ar/index.html"`) {
		t.Errorf("legalisation has no switch to the Arabic home:\n%s", leg)
	}
	hub := read(t, root, "alpha/ar/participation/index.html")
	if !strings.Contains(hub, `href="../../ar/participation/petitions/index.html#`+"%D9%85%D9%86-") {
		t.Errorf("link with Arabic anchor not resolved:\n%s", hub)
	}
}

func TestBuildErrorsReportedTogetherAndOutputUntouched(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(root, "public"))

	broken := `
-- communes/beta/commune.yaml --
name: {ar: بيتا, fr: Bêta}
type: rural
region: "09"
province: "09.581"
populaton: 2782
census_year: 2024
contact:
  address: {ar: مقر الجماعة, fr: Siège de la commune}
-- content/participation/index.fr.md --
---
title: Participation citoyenne
---
Lisez le [guide](petitions.md#qui-peut-voter) et {{ commune.nom }}.
`
	for _, f := range txtar.Parse([]byte(broken)).Files {
		if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(f.Name)), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := run(t, root, build.Options{})
	var list diag.List
	if !errors.As(err, &list) {
		t.Fatalf("want a diag.List, got %v", err)
	}
	got := err.Error()
	for _, want := range []string{
		`communes/beta/commune.yaml:5:1: unknown key "populaton"; did you mean "population"?`,
		// The pages are checked too, though a profile is broken.
		`content/participation/index.fr.md:4:10: broken link "petitions.md#qui-peut-voter": no heading with the anchor #qui-peut-voter`,
		`content/participation/index.fr.md:4:50: unknown placeholder "commune.nom"; did you mean "commune.name"?`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack %q:\n%s", want, got)
		}
	}
	if after := snapshot(t, filepath.Join(root, "public")); !equalTrees(before, after) {
		t.Errorf("a failed build changed public/")
	}
	leftovers, _ := filepath.Glob(filepath.Join(root, ".public.*-*"))
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

// A fact a page needs and a commune lacks is reported at the commune's
// profile, once per commune and fact, naming the page; a commune whose
// profile is broken does not hide another commune's problems.
func TestMissingFactsAtTheProfile(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- content/contact.fr.md --
---
title: Contact
---
Horaires : {{ contact.hours }}.

Courriel : {{ contact.email }}. Encore {{ contact.hours }}.

Information : {{ information_officer.name }}.
-- content/contact.ar.md --
---
title: اتصل بنا
---
{{ contact.hours or "استفسروا بمقر الجماعة" }}
-- communes/gamma/commune.yaml --
name: {ar: غاما, fr: Gamma}
type: rural
region: "09"
province: "09.581"
population: 2782
census_year: 2024
demo: yes please
contact:
  address: {ar: مقر الجماعة, fr: Siège de la commune}
`)
	_, err := run(t, root, build.Options{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var got []string
	for _, line := range strings.Split(err.Error(), "\n") {
		if strings.HasPrefix(line, "communes/") {
			got = append(got, line)
		}
	}
	want := []string{
		`communes/alpha/commune.yaml:9:1: the fr pages need contact.hours; add it under contact:, as in hours: {ar: "…", fr: "du lundi au vendredi, 8 h 30 – 16 h 30"}; used by content/contact.fr.md:4:12 and 1 other place`,
		`communes/beta/commune.yaml: the fr pages need information_officer.name; add the block information_officer: with its name: {ar: "…", fr: "…"}, as docs/commune.yaml shows; used by content/contact.fr.md:8:15`,
		`communes/beta/commune.yaml:8:1: the fr pages need contact.email; add it under contact:, as in email: contact@commune.ma; used by content/contact.fr.md:6:12`,
		`communes/beta/commune.yaml:8:1: the fr pages need contact.hours; add it under contact:, as in hours: {ar: "…", fr: "du lundi au vendredi, 8 h 30 – 16 h 30"}; used by content/contact.fr.md:4:12 and 1 other place`,
		`communes/gamma/commune.yaml: the fr pages need information_officer.name; add the block information_officer: with its name: {ar: "…", fr: "…"}, as docs/commune.yaml shows; used by content/contact.fr.md:8:15`,
		`communes/gamma/commune.yaml:7:7: expected true or false, found "yes please"`,
		`communes/gamma/commune.yaml:8:1: the fr pages need contact.email; add it under contact:, as in email: contact@commune.ma; used by content/contact.fr.md:6:12`,
		`communes/gamma/commune.yaml:8:1: the fr pages need contact.hours; add it under contact:, as in hours: {ar: "…", fr: "du lundi au vendredi, 8 h 30 – 16 h 30"}; used by content/contact.fr.md:4:12 and 1 other place`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// An error of a shared page in some communes' sites names five of them
// and counts the others.
func TestErrorInManySitesNamesFive(t *testing.T) {
	t.Parallel()
	overlay := `
-- content/participation/index.fr.md --
---
title: Participation citoyenne
---
Lisez le guide {{ if contact.phone }}{{ else }}{{ commune.nom }}{{ end }}.
`
	// Five more communes like beta.
	beta := fixture.File(t, "communes/beta/commune.yaml")
	for _, slug := range []string{"c1", "c2", "c3", "c4", "c5"} {
		overlay += "-- communes/" + slug + "/commune.yaml --\n" + beta
	}
	_, err := run(t, newProject(t, overlay), build.Options{})
	want := `content/participation/index.fr.md:4:48: unknown placeholder "commune.nom"; did you mean "commune.name"?; in the sites of beta, c1, c2, c3, c4 and 1 other`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

// Progress counts the communes as their sites are complete.
func TestProgressCountsCommunes(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	var mu sync.Mutex
	var calls [][2]int
	_, err := run(t, root, build.Options{Progress: func(done, total int) {
		mu.Lock()
		calls = append(calls, [2]int{done, total})
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(calls, func(a, b [2]int) int { return a[0] - b[0] })
	if want := [][2]int{{0, 2}, {1, 2}, {2, 2}}; !slices.Equal(calls, want) {
		t.Errorf("Progress calls %v, want %v", calls, want)
	}
}

func TestBuildRenderErrorsHavePositions(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- content/participation/index.fr.md --
---
title: Participation citoyenne
---
Lisez le [guide](petitions.md#qui-peut-voter).

Et {{ commune.nom }}, [ceci](absente.md).
`)
	_, err := run(t, root, build.Options{})
	if err == nil {
		t.Fatal("build succeeded")
	}
	got := err.Error()
	for _, want := range []string{
		`content/participation/index.fr.md:4:10: broken link "petitions.md#qui-peut-voter": no heading with the anchor #qui-peut-voter in content/participation/petitions.fr.md; did you mean #qui-peut-signer?`,
		`content/participation/index.fr.md:6:4: unknown placeholder "commune.nom"; did you mean "commune.name"?`,
		`content/participation/index.fr.md:6:23: broken link "absente.md": no such page`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors lack\n%s\ngot\n%s", want, got)
		}
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	first := snapshot(t, filepath.Join(root, "public"))
	if _, err := run(t, root, build.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if !equalTrees(first, snapshot(t, filepath.Join(root, "public"))) {
		t.Error("two builds of the same input differ")
	}
}

func TestBuildRemovesStaleFiles(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(root, "public", "alpha", "ar", "news", "fete", "index.html")
	if err := os.RemoveAll(filepath.Join(root, "communes", "alpha", "content")); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a removed page survived the build")
	}
}

func TestBuildOneCommune(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	betaBefore := snapshot(t, filepath.Join(root, "public", "beta"))
	rep, err := run(t, root, build.Options{Commune: "alpha"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Communes != 1 {
		t.Errorf("communes = %d", rep.Communes)
	}
	if !equalTrees(betaBefore, snapshot(t, filepath.Join(root, "public", "beta"))) {
		t.Error("building alpha changed beta")
	}
	if _, err := os.Stat(filepath.Join(root, "public", "alpha", ".tadafor-output")); err == nil {
		t.Error("the marker leaked into a commune site")
	}
	_, err = run(t, root, build.Options{Commune: "alfa"})
	if err == nil || !strings.Contains(err.Error(), `no commune "alfa" in communes/; did you mean "alpha"?`) {
		t.Errorf("unknown commune: %v", err)
	}
}

func TestBuildRefusesDangerousOutput(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	foreign := filepath.Join(t.TempDir(), "mine")
	if err := os.MkdirAll(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(foreign, "thesis.txt"), []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ out, want string }{
		{root, "it contains the project"},
		{filepath.Dir(root), "it contains the project"},
		{"/", "refusing to write into /"},
		{filepath.Join(root, "content"), "inside the project's content/ folder"},
		{filepath.Join(root, "communes", "alpha", "out"), "inside the project's communes/ folder"},
		{foreign, "it was not made by tadafor build"},
	} {
		_, err := run(t, root, build.Options{Out: tt.out})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("out %s: got %v, want %q", tt.out, err, tt.want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "thesis.txt")); string(b) != "precious" {
		t.Error("a foreign folder was touched")
	}
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func equalTrees(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// TestThirdLanguageIsConfiguration adds Tamazight with a settings entry,
// a catalog and a page: no code knows about it.
func TestThirdLanguageIsConfiguration(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- tadafor.yaml --
languages:
  - {code: ar, name: العربية, dir: rtl, locale: ar-MA}
  - {code: fr, name: Français, dir: ltr, locale: fr-MA}
  - {code: zgh, name: ⵜⴰⵎⴰⵣⵉⵖⵜ, dir: ltr, locale: zgh-MA}
-- content/index.zgh.md --
---
title: ⴰⵏⵙⵓⴼ
---
ⴰⵏⵙⵓⴼ ⵙ {{ commune.name }}.
`)
	fr, err := os.ReadFile(filepath.Join(root, "themes", "default", "i18n", "fr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// A stand-in catalog: the French strings under the Tamazight code.
	if err := os.WriteFile(filepath.Join(root, "themes", "default", "i18n", "zgh.yaml"), fr, 0o644); err != nil {
		t.Fatal(err)
	}
	// Profiles name the commune in every language of the site.
	for _, slug := range []string{"alpha", "beta"} {
		p := filepath.Join(root, "communes", slug, "commune.yaml")
		b, _ := os.ReadFile(p)
		b = bytes.Replace(b, []byte("name: {ar:"), []byte("name: {zgh: ⵜⴰⵎⵙⵙⵓⵔⵜ, ar:"), 1)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	home := read(t, root, "alpha/zgh/index.html")
	if !strings.Contains(home, `<html lang="zgh" dir="ltr">`) || !strings.Contains(home, "ⵜⴰⵎⵙⵙⵓⵔⵜ") {
		t.Errorf("Tamazight home:\n%s", home)
	}
	// The census names regions and provinces in Arabic and French only:
	// the Tamazight home shows them in French, and check says so once
	// per kind of text.
	for label, value := range map[string]string{"Région": "Oriental", "Préfecture ou province": "Berkane"} {
		want := "<dt>" + label + `</dt><dd><bdi class="figure-value">` + value + "</bdi>"
		if !strings.Contains(home, want) {
			t.Errorf("Tamazight home lacks %s", want)
		}
	}
	res, err := check.Check(t.Context(), root, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fallbacks := map[string]int{}
	for _, f := range res.Findings.Warnings() {
		if what, _, ok := strings.Cut(f.Msg, ": missing in Standard Moroccan Tamazight, shown in French on the zgh pages"); ok {
			fallbacks[what]++
		}
	}
	if want := map[string]int{"region names": 1, "province names": 1, "legal references": 1, "the portal's title": 1}; !maps.Equal(fallbacks, want) {
		t.Errorf("check's warnings of texts shown in French: %v, want %v", fallbacks, want)
	}
	// The Arabic petitions page has no Tamazight version: the switcher
	// leads to the Tamazight home and says so.
	ar := read(t, root, "alpha/ar/participation/petitions/index.html")
	if !strings.Contains(ar, `href="../../../zgh/index.html" hreflang="zgh"`) || !strings.Contains(ar, "lang-missing") {
		t.Errorf("Arabic page lacks the switch to the Tamazight home")
	}

	// A name left TODO in Tamazight, as tadafor new writes it when the
	// census has none, is reported at the profile, for the pages that
	// say it, with its preposition or not.
	p := filepath.Join(root, "communes", "beta", "commune.yaml")
	b, _ := os.ReadFile(p)
	b = bytes.Replace(b, []byte("zgh: ⵜⴰⵎⵙⵙⵓⵔⵜ"), []byte("zgh: TODO"), 1)
	home = "---\ntitle: ⴰⵏⵙⵓⴼ\n---\n{{ commune.name }}, {{ commune.name_of }}.\n"
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content", "index.zgh.md"), []byte(home), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = run(t, root, build.Options{})
	want := "communes/beta/commune.yaml:1:7: the zgh pages need commune.name; write it in every language of the site, in place of any TODO; used by content/index.zgh.md:4:1 and 1 other place"
	var list diag.List
	if !errors.As(err, &list) || len(list)-len(list.Warnings()) != 1 || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v\nwant the one error %s", err, want)
	}
}

// TestCommuneOverridesALayout checks that one commune's layout override
// applies to it alone, and that an override of nothing is reported.
func TestCommuneOverridesALayout(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- communes/alpha/layouts/partials/footer.html --
<footer class="site-footer">the footer of alpha alone</footer>
`)
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, root, "alpha/fr/index.html"), "the footer of alpha alone") {
		t.Error("alpha's footer override not used")
	}
	if strings.Contains(read(t, root, "beta/fr/index.html"), "the footer of alpha alone") {
		t.Error("alpha's override leaked into beta")
	}

	root = newProject(t, `
-- communes/alpha/layouts/partials/fotter.html --
x
`)
	_, err := run(t, root, build.Options{})
	if err == nil || !strings.Contains(err.Error(), `communes/alpha/layouts/partials/fotter.html: this file overrides no layout of the theme "default"; did you mean "communes/alpha/layouts/partials/footer.html"?`) {
		t.Errorf("got %v", err)
	}
}

func TestSharedPageErrorNamesTheSitesConcerned(t *testing.T) {
	t.Parallel()
	// Only alpha has a news item, so a link to it from a shared page is
	// dead in beta's site alone.
	root := newProject(t, `
-- content/contact.fr.md --
---
title: Contact
---
Voir [la fête](news/fete.md).
`)
	_, err := run(t, root, build.Options{})
	want := `content/contact.fr.md:4:6: broken link "news/fete.md": the page exists in "ar" but not in "fr"; write its translation news/fete.fr.md; in the site of alpha`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	if err != nil && !strings.Contains(err.Error(), `"news/fete.md": no such page; did you mean "news/index.md"?; in the site of beta`) {
		t.Errorf("beta's error missing:\n%v", err)
	}
}

// TestPopulationDrivesPetitionThreshold changes one commune's population
// and checks that its petitions guide follows: the threshold is computed,
// never typed.
func TestPopulationDrivesPetitionThreshold(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		population, want string
	}{
		{"34999", "<bdi>100</bdi>"},
		{"35000", "<bdi>200</bdi>"},
	} {
		root := newProject(t)
		p := filepath.Join(root, "communes", "beta", "commune.yaml")
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.Replace(b, []byte("population: 2782"), []byte("population: "+tt.population), 1)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := run(t, root, build.Options{}); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"beta/ar/participation/petitions/index.html", "beta/fr/participation/petitions/index.html"} {
			if got := read(t, root, page); !strings.Contains(got, tt.want) {
				t.Errorf("population %s: %s lacks %s", tt.population, page, tt.want)
			}
		}
	}
}

// TestExampleGuidesAndProceduresInBothLanguages checks the project's own
// content: every guide and procedure exists in Arabic and in French.
func TestExampleGuidesAndProceduresInBothLanguages(t *testing.T) {
	t.Parallel()
	p, errs := build.Load(context.Background(), "../..", "")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	byKey := map[string]map[string]string{}
	for _, pg := range p.Shared {
		if k := pg.Meta.Kind; k == "guide" || k == "procedure" {
			if byKey[pg.Key] == nil {
				byKey[pg.Key] = map[string]string{}
			}
			byKey[pg.Key][pg.Lang] = string(k)
		}
	}
	guides, procedures := 0, 0
	for key, langs := range byKey {
		if langs["ar"] == "" || langs["fr"] == "" || langs["ar"] != langs["fr"] {
			t.Errorf("%s: kinds by language %v, want the same kind in ar and fr", key, langs)
		}
		switch langs["ar"] {
		case "guide":
			guides++
		case "procedure":
			procedures++
		}
	}
	if guides < 9 || procedures < 15 {
		t.Errorf("%d guides and %d procedures, want at least 9 and 15", guides, procedures)
	}
}

// TestOneCommuneReadsOnlyItsOwnPages checks that building one commune
// does not read the other communes' own pages, as it skips their records.
func TestOneCommuneReadsOnlyItsOwnPages(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- communes/beta/content/news/broken.fr.md --
---
title: [unclosed
---
`)
	if _, err := run(t, root, build.Options{Commune: "alpha"}); err != nil {
		t.Errorf("building alpha failed on beta's page: %v", err)
	}
	if _, err := run(t, root, build.Options{}); err == nil || !strings.Contains(err.Error(), "communes/beta/content/news/broken.fr.md") {
		t.Errorf("the full build should report beta's page: %v", err)
	}
}

// TestEventShowsItsTimes checks that an event page shows when it starts
// and ends, and that a list shows an event at its start, not at the date
// it was announced.
func TestEventShowsItsTimes(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- communes/alpha/content/news/meeting.fr.md --
---
title: Réunion d'information
kind: event
date: 2026-11-02
event:
  start: 2026-12-09T18:00
  end: 2026-12-09T19:30
---
Texte.
`)
	if _, err := run(t, root, build.Options{NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	page := read(t, root, "alpha/fr/news/meeting/index.html")
	for _, want := range []string{`<dt>Début</dt><dd><time datetime="2026-12-09T18:00">`, `<dt>Fin</dt><dd><time datetime="2026-12-09T19:30">`} {
		if !strings.Contains(page, want) {
			t.Errorf("event page lacks %s", want)
		}
	}
	home := read(t, root, "alpha/fr/index.html")
	if !strings.Contains(home, `<time datetime="2026-12-09T18:00">`) || strings.Contains(home, `<time datetime="2026-11-02">`) {
		t.Errorf("the home page lists the event at its announcement date, not its start")
	}
}

// TestProcedureHoursReplaceTheOffices checks that the hours a profile
// gives one procedure are shown instead of its office's, not beside them.
func TestProcedureHoursReplaceTheOffices(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- communes/beta/commune.yaml --
name: {ar: بيتا, fr: Bêta}
type: rural
region: "09"
province: "09.581"
population: 2782
census_year: 2024
demo: true
contact:
  address: {ar: مقر الجماعة, fr: Siège de la commune}
offices:
  - id: legalisation
    name: {ar: مكتب تصحيح الإمضاء, fr: bureau de la légalisation}
    hours: {ar: كل يوم, fr: tous les jours}
procedures:
  legalisation:
    office: legalisation
    hours: {ar: صباحا, fr: le matin seulement}
`)
	if _, err := run(t, root, build.Options{NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	page := read(t, root, "beta/fr/procedures/legalisation/index.html")
	if !strings.Contains(page, "le matin seulement") || strings.Contains(page, "tous les jours") {
		t.Errorf("the procedure's hours should replace the office's:\n%s", page)
	}
}

// realBeta is beta as a real commune (not a demonstration) with two
// phone numbers.
const realBeta = `
-- communes/beta/commune.yaml --
name: {ar: بيتا, fr: Bêta}
type: rural
region: "09"
province: "09.581"
population: 2782
census_year: 2024
contact:
  address: {ar: مقر الجماعة, fr: Siège de la commune}
  phone: [05 28 00 00 01, 05 28 00 00 02]
`

// TestListsUseTheLanguagesSeparator checks that several phone numbers are
// joined with the language's comma: «، » in Arabic, «, » in French.
func TestListsUseTheLanguagesSeparator(t *testing.T) {
	t.Parallel()
	root := newProject(t, realBeta)
	if _, err := run(t, root, build.Options{NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	for page, sep := range map[string]string{"beta/fr/index.html": ", ", "beta/ar/index.html": "، "} {
		if want := "05 28 00 00 01</a>" + sep + "<a "; !strings.Contains(read(t, root, page), want) {
			t.Errorf("%s lacks %q", page, want)
		}
	}
}

// TestPhonesDialOnlyOnRealSites checks that a commune's phone numbers are
// tel: links in international form, but plain text on a demonstration
// site, whose numbers must reach no one.
func TestPhonesDialOnlyOnRealSites(t *testing.T) {
	t.Parallel()
	root := newProject(t, realBeta)
	if _, err := run(t, root, build.Options{NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"beta/fr/index.html", "beta/fr/procedures/legalisation/index.html"} {
		// html/template writes the + as a character reference.
		if want := `<a href="tel:&#43;212528000001" dir="ltr">05 28 00 00 01</a>`; !strings.Contains(read(t, root, page), want) {
			t.Errorf("%s lacks %q", page, want)
		}
	}
	// alpha is a demonstration commune.
	for _, page := range []string{"alpha/fr/index.html", "alpha/ar/index.html", "alpha/404.html"} {
		got := read(t, root, page)
		if strings.Contains(got, "tel:") || !strings.Contains(got, `<bdi dir="ltr">05 36 00 00 01</bdi>`) {
			t.Errorf("%s: the demonstration number is not plain text", page)
		}
	}
}

// TestMinifyKeepsTheSharedTheme checks that minifying a project's layouts
// leaves the Theme it shares (with the live server's next project) as it
// was.
func TestMinifyKeepsTheSharedTheme(t *testing.T) {
	t.Parallel()
	p, errs := build.Load(context.Background(), newProject(t), "")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	th := p.Theme
	p.Minify(minify.New())
	if th.Layouts.Minified() || p.Theme == th || !p.Theme.Layouts.Minified() {
		t.Error("Minify changed the shared Theme, or did not minify the project's")
	}
}

// TestBuildStopsWhenCancelled cancels a build once it has written its
// first file (as Ctrl-C does through the context): the build stops
// between files, returns the context's error and leaves public/ as it
// was, without staging folders.
func TestBuildStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	full, err := run(t, root, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(root, "public"))
	// A change that a finished build would publish.
	news := filepath.Join(root, "communes", "alpha", "content", "news", "fete.ar.md")
	src, err := os.ReadFile(news)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(news, append(src, "\nجملة أخرى.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var done, total atomic.Int64
	_, err = build.Run(ctx, build.Options{Root: root, Workers: 1, Progress: func(n, of int) {
		done.Store(int64(n))
		total.Store(int64(of))
		if n == 1 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled build returned %v, want context.Canceled", err)
	}
	if n := done.Load(); n != 1 || total.Load() < 2 || full.Files == 0 {
		t.Errorf("the cancelled build finished %d of %d communes, want it to stop after the first", n, total.Load())
	}
	if after := snapshot(t, filepath.Join(root, "public")); !equalTrees(before, after) {
		t.Error("a cancelled build changed public/")
	}
	if leftovers, _ := filepath.Glob(filepath.Join(root, ".public.*-*")); len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

// TestLoadStopsWhenCancelled checks that loading reads no more files once
// the context is done: a broken profile and page are not even reported.
func TestLoadStopsWhenCancelled(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- communes/beta/commune.yaml --
populaton: 1
-- content/broken.fr.md --
no front matter
`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, errs := build.Load(ctx, root, "")
	if p != nil || len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("Load with a cancelled context = %v, %v; want only context.Canceled", p, errs)
	}
	if _, err := build.Run(ctx, build.Options{Root: root}); !errors.Is(err, context.Canceled) {
		t.Errorf("Run with a cancelled context = %v, want context.Canceled", err)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a cancelled build made public/: %v", err)
	}
}

// TestHomeListsTheServices checks that the home page lists first the
// pages of the profile's services, else those of tadafor.yaml, and that a
// service that names no page stops the build at its line.
func TestHomeListsTheServices(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- tadafor.yaml --
baseURL: https://communes.example/
services:
  - participation/index
  - participation/petitions
-- communes/beta/commune.yaml --
name: {ar: بيتا, fr: Bêta}
type: rural
region: "09"
province: "09.581"
population: 2782
census_year: 2024
demo: true
contact:
  address: {ar: مقر الجماعة, fr: Siège de la commune}
services:
  - procedures/legalisation
`)
	if _, err := run(t, root, build.Options{NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	services := regexp.MustCompile(`(?s)<ul class="services">(.*?)</ul>`)
	for _, tt := range []struct{ page, want string }{
		{"alpha/fr/index.html", `<li><a href="../fr/participation/index.html">Participation citoyenne</a></li>` + "\n" + `<li><a href="../fr/participation/petitions/index.html">Pétitions</a></li>`},
		{"beta/fr/index.html", `<li><a href="../fr/procedures/legalisation/index.html">Légalisation de signature</a></li>`},
		{"beta/ar/index.html", ""}, // no Arabic page of the procedure: no list
	} {
		m := services.FindStringSubmatch(read(t, root, tt.page))
		got := ""
		if m != nil {
			got = strings.TrimSpace(m[1])
		}
		if got != tt.want {
			t.Errorf("%s lists the services\n%s\nwant\n%s", tt.page, got, tt.want)
		}
	}

	if err := os.WriteFile(filepath.Join(root, "tadafor.yaml"), []byte("services:\n  - participation/petition\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := run(t, root, build.Options{})
	if want := `tadafor.yaml:2:5: no page "participation/petition" for the home page's services; did you mean "participation/petitions"?`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
}
