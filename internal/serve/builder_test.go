package serve

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/fixture"
	"github.com/tadafor/tadafor/internal/watch"
)

// newProject writes the fixture project into a temporary folder with the
// project's themes.
func newProject(t testing.TB) string {
	t.Helper()
	return fixture.Write(t)
}

// edit is a change to the project's files: the text of each file, ""
// to remove it, or a func of the old text.
type edit map[string]any

// apply makes the edit and returns the events a watcher would report.
func (e edit) apply(t *testing.T, root string) []watch.Event {
	t.Helper()
	var events []watch.Event
	for _, rel := range slices.Sorted(maps.Keys(e)) {
		p := filepath.Join(root, filepath.FromSlash(rel))
		old, err := os.ReadFile(p)
		op := watch.Write
		if err != nil {
			op = watch.Create
		}
		var text string
		switch v := e[rel].(type) {
		case string:
			text = v
		case func(string) string:
			text = v(string(old))
			if text == string(old) {
				t.Fatalf("the edit of %s changes nothing: the fixture no longer has what it edits", rel)
			}
		}
		if text == "" {
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			op = watch.Remove
		} else {
			writeFile(t, root, rel, text)
		}
		events = append(events, watch.Event{Path: rel, Op: op})
	}
	return events
}

// replace returns an edit func replacing the first old by new.
func replace(old, new string) func(string) string {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// afterLine returns an edit func inserting text after the first line
// that starts with prefix.
func afterLine(prefix, text string) func(string) string {
	return func(s string) string {
		lines := strings.SplitAfter(s, "\n")
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), prefix) {
				return strings.Join(slices.Insert(lines, i+1, text+"\n"), "")
			}
		}
		return s
	}
}

// replaceLine returns an edit func replacing the first line that starts
// with prefix.
func replaceLine(prefix, line string) func(string) string {
	return func(s string) string {
		lines := strings.SplitAfter(s, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				lines[i] = line + "\n"
				return strings.Join(lines, "")
			}
		}
		return s
	}
}

// incrementalSteps are edits of every kind, applied in turn.
var incrementalSteps = []struct {
	what string
	edit edit
	// rendered, when not zero, is the most files the incremental build may
	// render (to check that it does not render everything).
	rendered int
	// fails is set on the edits that break the project: both builds must
	// report the same errors. Every other edit must build.
	fails bool
}{
	// The page and the search index of each site.
	{"the body of a shared page", edit{"content/participation/petitions.fr.md": replace("au moins", "au minimum")}, 4, false},
	{"a heading a link points to", edit{"content/participation/petitions.fr.md": replace("Qui peut signer ?", "Qui signe ?")}, 0, true},
	{"the link fixed", edit{"content/participation/index.fr.md": replace("#qui-peut-signer", "#qui-signe")}, 0, false},
	{"a page's title", edit{"content/participation/petitions.ar.md": replace("title: العرائض", "title: العرائض المواطنة")}, 16, false},
	{"a page put in the menu", edit{"content/participation/petitions.fr.md": replace("kind: guide", "kind: guide\nmenu: true")}, 0, false},
	{"a section's slug", edit{"content/participation/index.fr.md": replace("menu: true", "menu: true\nslug: participer")}, 0, false},
	{"a new page", edit{"content/participation/youth.fr.md": "---\ntitle: Jeunes\n---\nVoir [les pétitions](petitions.md).\n"}, 0, false},
	{"the page removed", edit{"content/participation/youth.fr.md": ""}, 0, false},
	{"a menu page made a draft", edit{"content/contact.ar.md": replace("weight: 9", "weight: 9\ndraft: true")}, 0, false},
	{"a commune's override of a shared page", edit{"communes/beta/content/participation/petitions.fr.md": "---\ntitle: Pétitions à Bêta\nkind: guide\n---\n## Qui signe ?\n"}, 0, false},
	{"the override removed", edit{"communes/beta/content/participation/petitions.fr.md": ""}, 0, false},
	{"the body of a commune's own page", edit{"communes/alpha/content/news/fete.ar.md": replace("هذا خبر تجريبي.", "هذا خبر تجريبي آخر.")}, 2, false},
	{"a news item's date", edit{"communes/alpha/content/news/fete.ar.md": replace("2026-10-01", "2026-10-05")}, 8, false},
	{"an event's title", edit{"communes/alpha/content/news/open-day.fr.md": replace("title: Journée portes ouvertes", "title: Portes ouvertes")}, 8, false},
	{"a commune's own page added", edit{"communes/alpha/content/participation/youth.fr.md": "---\ntitle: Jeunes d'Alpha\n---\nVoir [les pétitions](petitions.md#qui-signe).\n"}, 0, false},
	{"a heading of a page it links to", edit{"content/participation/petitions.fr.md": replace("## Qui signe ?", "## Qui signe ?\n\n## Comment signer ?")}, 0, false},
	{"the commune's page removed", edit{"communes/alpha/content/participation/youth.fr.md": ""}, 0, false},
	{"a broken link", edit{"content/index.fr.md": replace("Bienvenue", "[Bienvenue](nowhere.md)")}, 0, true},
	{"fixed, with the page of the link added", edit{"content/nowhere.fr.md": "---\ntitle: Nulle part\n---\nIci.\n"}, 0, false},
	{"a profile", edit{"communes/alpha/commune.yaml": replace("population: 99069", "population: 99070")}, 0, false},
	{"a broken profile", edit{"communes/beta/commune.yaml": replace("population: 2782", "population: many")}, 0, true},
	{"the profile fixed", edit{"communes/beta/commune.yaml": replace("population: many", "population: 2782")}, 0, false},
	{"the stylesheet", edit{"themes/default/static/css/style.css": func(s string) string { return s + "\n.edited{color:red}\n" }}, 3, false},
	{"a commune's static file added", edit{"communes/beta/static/docs/new.pdf": "%PDF-1.4 new"}, 1, false},
	{"a theme's static file added", edit{"themes/default/static/img/mark.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"}, 3, false},
	{"a commune's static file in its place", edit{"communes/alpha/static/img/mark.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>alpha</title></svg>"}, 1, false},
	{"the theme's static file removed", edit{"themes/default/static/img/mark.svg": ""}, 0, false},
	{"a static file a page links to removed", edit{"communes/alpha/static/docs/budget.pdf": ""}, 0, true},
	{"and put back", edit{"communes/alpha/static/docs/budget.pdf": "%PDF-1.4 budget, again"}, 0, false},
	{"a commune's static file edited", edit{"communes/beta/static/docs/new.pdf": "%PDF-1.4 new, edited"}, 0, false},
	{"a record edited", edit{"communes/alpha/data/sessions.yaml": replace("fr: Examen de la pétition", "fr: Examen de la pétition reçue")}, 0, false},
	{"a records file added", edit{"communes/beta/data/sessions.yaml": "sessions:\n  - id: 2026-02\n    kind: ordinary\n    date: 2026-02-02\n    place: {ar: قاعة الاجتماعات, fr: salle de réunion}\n"}, 0, false},
	{"a record of the new file edited", edit{"communes/beta/data/sessions.yaml": replace("fr: salle de réunion", "fr: salle du conseil")}, 0, false},
	{"a broken records file", edit{"communes/alpha/data/sessions.yaml": replace("date: 2026-02-02T10:00", "date: someday")}, 0, true},
	{"the records file fixed", edit{"communes/alpha/data/sessions.yaml": replace("date: someday", "date: 2026-02-02T09:00")}, 0, false},
	{"the records file removed", edit{"communes/beta/data/sessions.yaml": ""}, 0, false},
	{"the home page layout", edit{"themes/default/layouts/pages/home.html": afterLine(`{{ define "main" }}`, "<p>edited home</p>")}, 4, false},
	// Each page layout re-renders the outputs that ran it, and only those.
	{"the guide layout", edit{"themes/default/layouts/pages/guide.html": afterLine(`{{ define "main" }}`, "<p>edited guide</p>")}, 8, false},
	{"the search page layout", edit{"themes/default/layouts/pages/search.html": afterLine(`{{ define "main" }}`, "<p>edited search</p>")}, 4, false},
	{"the portal layout", edit{"themes/default/layouts/pages/portal.html": afterLine(`{{ define "main" }}`, "<p>edited portal</p>")}, 2, false},
	{"the 404 layout", edit{"themes/default/layouts/pages/404.html": afterLine(`{{ define "main" }}`, "<p>edited 404</p>")}, 3, false},
	{"a partial", edit{"themes/default/layouts/partials/footer.html": afterLine("<footer", "<p>edited footer</p>")}, 0, false},
	{"a commune's own layout", edit{"communes/beta/layouts/partials/footer.html": "<footer><p>beta's own footer</p></footer>\n"}, 0, false},
	{"the commune's layout edited", edit{"communes/beta/layouts/partials/footer.html": replace("beta's own footer", "beta's footer, edited")}, 0, false},
	{"the commune's layout removed", edit{"communes/beta/layouts/partials/footer.html": ""}, 0, false},
	{"a page layout", edit{"themes/default/layouts/pages/page.html": afterLine(`{{ define "main" }}`, "<p>edited page</p>")}, 0, false},
	{"the interface strings", edit{"themes/default/i18n/fr.yaml": replaceLine("footer_about:", `footer_about: "Édité"`)}, 0, false},
	{"a new commune", edit{"communes/gamma/commune.yaml": "name: {ar: غاما, fr: Gamma}\ntype: rural\nregion: \"09\"\nprovince: \"09.581\"\npopulation: 2782\ncensus_year: 2024\ndemo: true\ncontact:\n  address: {ar: مقر الجماعة, fr: Siège de la commune}\n"}, 0, false},
	{"the commune removed", edit{"communes/gamma": ""}, 0, false},
	{"the settings", edit{"tadafor.yaml": replace("baseURL: https://communes.example/", "baseURL: https://communes.example.ma/")}, 0, false},
}

// TestIncrementalMatchesFull applies edits of every kind one after the
// other and checks after each that the files served after an
// incremental build are those of a full build of the project, byte for
// byte, or that both report the same errors.
func TestIncrementalMatchesFull(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		only     string
		noMinify bool
	}{{"", true}, {"alpha", true}, {"", false}} {
		only := c.only
		t.Run(fmt.Sprintf("only=%s,minify=%v", only, !c.noMinify), func(t *testing.T) {
			t.Parallel()
			root := newProject(t)
			ctx := context.Background()
			b := newBuilder(root, only, c.noMinify)
			if out := b.build(ctx); out.errs != nil {
				t.Fatal(out.errs)
			}
			for _, s := range incrementalSteps {
				events := s.edit.apply(t, root)
				out := b.update(ctx, events)
				full := newBuilder(root, only, c.noMinify).build(ctx)
				if got, want := out.errs.Error(), full.errs.Error(); got != want {
					t.Fatalf("%s: the incremental build reports\n%s\nthe full build\n%s", s.what, got, want)
				}
				if (full.errs != nil) != s.fails {
					t.Fatalf("%s: the full build reports %v", s.what, full.errs)
				}
				if full.errs != nil {
					continue
				}
				if s.rendered > 0 && out.rendered > s.rendered {
					t.Errorf("%s: %d files rendered, want at most %d", s.what, out.rendered, s.rendered)
				}
				compareFiles(t, s.what, out.files, full.files)
			}
		})
	}
}

func compareFiles(t *testing.T, what string, got, want map[string]*file) {
	t.Helper()
	var diffs []string
	for _, p := range slices.Sorted(maps.Keys(union(got, want))) {
		g, w := got[p], want[p]
		switch {
		case g == nil:
			diffs = append(diffs, "missing "+p)
		case w == nil:
			diffs = append(diffs, "stale "+p)
		case string(g.data) != string(w.data):
			diffs = append(diffs, "differs "+p)
		}
	}
	if len(diffs) > 0 {
		if len(diffs) > 10 {
			diffs = append(diffs[:10], "…")
		}
		t.Errorf("%s: the files served differ from a full build:\n  %s", what, strings.Join(diffs, "\n  "))
	}
}
