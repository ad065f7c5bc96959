package e2e

import (
	"context"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// webPage is one page of the built example project that the tests look at:
// one of each kind, for every commune and language.
type webPage struct {
	Commune string // the commune's slug; "" for the programme portal
	Lang    string // the lang attribute of <html>
	Kind    string // home, section, guide, procedure… (see pageKinds)
	Path    string // the address on the test server, from its root
}

// name is the page's subtest name: commune/lang/kind.
func (p webPage) name() string {
	c := p.Commune
	if c == "" {
		c = "portal"
	}
	return c + "/" + p.Lang + "/" + p.Kind
}

// preferred names, for the kinds of which a site has many pages, the one to
// look at; the other kinds take their first page in path order. A kind
// listed with its own path ("contact", "news-list") is that page, whatever
// its layout.
var preferred = map[string]string{
	"section":   "participation/",
	"guide":     "participation/petitions/",
	"procedure": "procedures/signature-legalisation/",
	"page":      "accessibility/",
	"contact":   "contact/",
	"news-list": "news/",
}

// requiredKinds are the kinds of page that the example project must show
// at least once: every layout of the theme, and the generated pages.
var requiredKinds = []string{
	"portal", "languages", "404", "home", "section", "news-list", "guide", "procedure", "news", "event",
	"contact", "page", "council", "sessions", "session", "petitions", "petition", "budget", "project",
	"bodies", "body", "cocreation", "results", "documents",
}

var (
	bodyLayout = regexp.MustCompile(`<body class="?layout-([a-z0-9-]+)`)
	htmlLang   = regexp.MustCompile(`<html lang="?([a-zA-Z-]+)`)
)

// discovered holds the pages found in the built project, found once.
var discovered = sync.OnceValues(discoverPages)

// allPages returns one page of each kind for every commune and language
// of the built example project, the portal in each language, and each
// commune's language chooser and 404 page. It fails the test when the
// built project cannot be read or misses a kind.
func allPages(t *testing.T) []webPage {
	t.Helper()
	pages, err := discovered()
	if err != nil {
		t.Fatalf("list the pages of the built project: %v", err)
	}
	seen := map[string]bool{}
	for _, p := range pages {
		seen[p.Kind] = true
	}
	for _, k := range requiredKinds {
		if !seen[k] {
			t.Errorf("the example project has no page of kind %q: the browser tests cannot look at it", k)
		}
	}
	return pages
}

// pagesOf returns the pages of allPages whose kind is one of kinds.
func pagesOf(t *testing.T, kinds ...string) []webPage {
	t.Helper()
	return pagesWhere(t, func(p webPage) bool { return slices.Contains(kinds, p.Kind) })
}

// pagesWhere returns the pages of allPages that keep says to keep.
func pagesWhere(t *testing.T, keep func(webPage) bool) []webPage {
	t.Helper()
	var out []webPage
	for _, p := range allPages(t) {
		if keep(p) {
			out = append(out, p)
		}
	}
	return out
}

// discoverPages reads the built project in env.out; see allPages.
func discoverPages() ([]webPage, error) {
	root := env.out
	var pages []webPage
	read := func(file string) (layout, lang string, err error) {
		b, err := os.ReadFile(file)
		if err != nil {
			return "", "", err
		}
		if m := bodyLayout.FindSubmatch(b); m != nil {
			layout = string(m[1])
		}
		if m := htmlLang.FindSubmatch(b); m != nil {
			lang = string(m[1])
		}
		return layout, lang, nil
	}
	for _, portal := range []string{"index.html", "fr/index.html"} {
		_, lang, err := read(filepath.Join(root, portal))
		if err != nil {
			return nil, err
		}
		pages = append(pages, webPage{Lang: lang, Kind: "portal", Path: "/" + strings.TrimSuffix(portal, "index.html")})
	}
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		slug := e.Name()
		if !e.IsDir() {
			continue
		}
		layout, lang, err := read(filepath.Join(root, slug, "index.html"))
		if err != nil || layout != "languages" {
			continue // not a commune's site (the French portal, the stylesheet)
		}
		pages = append(pages, webPage{slug, lang, "languages", "/" + slug + "/"})
		if _, lang, err = read(filepath.Join(root, slug, "404.html")); err != nil {
			return nil, err
		}
		pages = append(pages, webPage{slug, lang, "404", "/" + slug + "/404.html"})

		langs, err := os.ReadDir(filepath.Join(root, slug))
		if err != nil {
			return nil, err
		}
		for _, l := range langs {
			dir := filepath.Join(root, slug, l.Name())
			if _, err := os.Stat(filepath.Join(dir, "index.html")); !l.IsDir() || err != nil {
				continue // data/, css/, docs/
			}
			found, err := kindsIn(dir, read)
			if err != nil {
				return nil, err
			}
			for _, kind := range slices.Sorted(maps.Keys(found)) {
				rel := found[kind]
				pages = append(pages, webPage{slug, l.Name(), kind, "/" + slug + "/" + l.Name() + "/" + rel})
			}
		}
	}
	return pages, nil
}

// kindsIn walks one language of a commune's site and returns, for each
// kind, the folder (relative to dir, with a trailing slash) of the page to
// look at.
func kindsIn(dir string, read func(string) (string, string, error)) (map[string]string, error) {
	found := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		layout, _, err := read(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, filepath.Dir(path))
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel) + "/"
		if rel == "./" {
			rel = ""
		}
		if _, ok := found[layout]; !ok && layout != "" {
			found[layout] = rel // WalkDir goes in lexical order: the first stays
		}
		for kind, want := range preferred {
			if rel == want {
				found[kind] = rel // whatever came first
			}
		}
		return nil
	})
	return found, err
}

// firstOfEachKind returns the set of the paths of the first page of
// each kind and language among pages: the pages to look at when one of
// each is enough, since every commune's site uses the same layouts.
func firstOfEachKind(pages []webPage) map[string]bool {
	first, seen := map[string]bool{}, map[string]bool{}
	for _, p := range pages {
		if k := p.Kind + "/" + p.Lang; !seen[k] {
			seen[k], first[p.Path] = true, true
		}
	}
	return first
}

// workers is how many tabs forEachPage keeps open: the browser, not the
// test process, does the work, so it runs more pages at once than
// -parallel (the number of processors by default) would.
const workers = 4

// forEachPage runs check on each page, in a subtest of its own named after
// the page, with a tab whose actions fail after timeout. It opens workers
// tabs in the shared browser and gives each tab one page after another, so
// a check must set what it changes in its tab (viewport, media) instead of
// counting on a fresh tab; it closes the tabs before returning.
func forEachPage(t *testing.T, pages []webPage, check func(t *testing.T, b *tab, p webPage)) {
	t.Helper()
	needBrowser(t)
	work := make(chan webPage)
	var wg sync.WaitGroup
	for range min(workers, len(pages)) {
		tabCtx, closeTab := openTab(t)
		wg.Go(func() {
			defer closeTab()
			for p := range work {
				// Subtests started from several goroutines run at the
				// same time, outside the -parallel limit.
				t.Run(p.name(), func(t *testing.T) {
					ctx, cancel := context.WithTimeout(tabCtx, timeout)
					defer cancel()
					check(t, &tab{t: t, ctx: ctx}, p)
				})
			}
		})
	}
	for _, p := range pages {
		work <- p
	}
	close(work)
	wg.Wait()
}

// openTab opens a tab in the shared browser that lives until close is
// called, whatever the contexts derived from it do. It fails the test when
// the tab does not open within timeout.
func openTab(t *testing.T) (ctx context.Context, close func()) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(env.browser)
	// The first action opens the tab and ties its life to the context it
	// runs with, so it cannot carry a timeout.
	opened := make(chan error, 1)
	go func() { opened <- chromedp.Do(ctx) }()
	select {
	case err := <-opened:
		if err != nil {
			cancel()
			t.Fatalf("open a tab: %v", err)
		}
	case <-time.After(timeout):
		cancel()
		t.Fatalf("open a tab: no answer after %v", timeout)
	}
	return ctx, cancel
}

// artifacts returns the folder where the tests save what people look at
// (screenshots, PDFs): $E2E_ARTIFACTS, or tadafor-e2e in the system's
// temporary folder. It creates it when missing.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("E2E_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "tadafor-e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
