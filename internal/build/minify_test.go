package build_test

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/minify"
)

// TestMinifiedLayoutsMatchMinifiedPages builds the example project twice,
// as written and minified (layouts and Markdown minified once, not each
// page), and checks that every page says the same: minifying both gives
// the same bytes, and the minified build is within 1 % of that size.
func TestMinifiedLayoutsMatchMinifiedPages(t *testing.T) {
	t.Parallel()
	raw, small := t.TempDir(), t.TempDir()
	for _, b := range []struct {
		out string
		raw bool
	}{{raw, true}, {small, false}} {
		if _, err := build.Run(t.Context(), build.Options{Root: filepath.Join("..", ".."), Out: b.out, NoMinify: b.raw}); err != nil {
			t.Fatal(err)
		}
	}
	m := minify.New()
	var pages, rawSize, smallSize int
	err := filepath.WalkDir(raw, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(raw, p)
		asWritten, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		built, err := os.ReadFile(filepath.Join(small, rel))
		if err != nil {
			return err
		}
		want, err := m.HTML(asWritten)
		if err != nil {
			return err
		}
		got, err := m.HTML(built)
		if err != nil {
			return err
		}
		if string(got) != string(want) {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s: the minified build says something else from byte %d:\n got …%s…\nwant …%s…", rel, i,
				got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
		pages++
		rawSize += len(want)
		smallSize += len(built)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Fatalf("only %d pages compared", pages)
	}
	if float64(smallSize) > 1.01*float64(rawSize) {
		t.Errorf("minified build %d bytes, %d once minified page by page: more than 1 %% apart", smallSize, rawSize)
	}
	t.Logf("%d pages: %d bytes built, %d minified page by page", pages, smallSize, rawSize)
}

// TestLayoutErrorNamesTheLineAsWritten checks that an error while running
// a layout names its line in the file, though pages run minified layouts.
func TestLayoutErrorNamesTheLineAsWritten(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- communes/alpha/layouts/partials/footer.html --
<footer class="site-footer">

<p>
{{ .Fmt.T "no_such_key" }}
</p>
</footer>
`)
	for _, noMinify := range []bool{false, true} {
		_, err := run(t, root, build.Options{NoMinify: noMinify})
		if err == nil || !strings.Contains(err.Error(), "communes/alpha/layouts/partials/footer.html:4:7:") {
			t.Errorf("minify %v: got %v, want the error at communes/alpha/layouts/partials/footer.html:4:7", !noMinify, err)
		}
	}
}

var hrefRE = regexp.MustCompile(`(?:href|src)="([^"#:]*)(#[^"]*)?"`)

// TestEveryLinkLeadsToAFile checks, in every page of the example project,
// that every relative link reaches a file of the output, and that the
// main menu marks the section the page is in: the header, menu and footer
// are rendered once per depth and menu entry (Partials.Site), so a page
// showing another page's copy would fail here.
func TestEveryLinkLeadsToAFile(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	if _, err := build.Run(t.Context(), build.Options{Root: filepath.Join("..", ".."), Out: out}); err != nil {
		t.Fatal(err)
	}
	navRE := regexp.MustCompile(`<a href="([^"]*)" aria-current="(page|true)"`)
	var links int
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		page, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		// A 404 page's links start with the path of its site's address:
		// the examples are published in the portal's folders, and the
		// output folder is the portal's root.
		root404 := filepath.Base(p) == "404.html"
		for _, m := range hrefRE.FindAllSubmatch(page, -1) {
			href, err := url.PathUnescape(string(m[1]))
			if err != nil || href == "" {
				continue
			}
			target := filepath.Join(filepath.Dir(p), filepath.FromSlash(href))
			if root404 {
				target = filepath.Join(out, filepath.FromSlash(href))
			}
			if st, err := os.Stat(target); err != nil || st.IsDir() {
				t.Errorf("%s: link %q leads nowhere", rel, m[1])
			}
			links++
		}
		// A page inside a menu section has that entry marked, and only it.
		marked := navRE.FindAllSubmatch(page, -1)
		if len(marked) > 1 {
			t.Errorf("%s: %d menu entries marked", rel, len(marked))
		}
		for _, m := range marked {
			entry, _ := url.PathUnescape(string(m[1]))
			section := filepath.Dir(filepath.Join(filepath.Dir(p), filepath.FromSlash(entry)))
			if !strings.HasPrefix(filepath.Dir(p)+string(filepath.Separator), section+string(filepath.Separator)) {
				t.Errorf("%s: the menu marks %s, a section the page is not in", rel, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if links < 10000 {
		t.Errorf("only %d links checked", links)
	}
}

// TestEverySharedPageMinifiesOnce checks that the minifier keeps the holes
// of every shared page of the project, conditionals included: a page it
// could not keep them in would be minified again in every commune.
func TestEverySharedPageMinifiesOnce(t *testing.T) {
	t.Parallel()
	p, errs := build.Load(t.Context(), filepath.Join("..", ".."), "")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	m := minify.New()
	conditionals := 0
	for _, page := range p.Shared {
		d, errs := p.Markdown.Parse(page.File, page.Body, page.BodyLine, page.Lang)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		for _, prm := range d.Params() {
			if prm.Optional {
				conditionals++
			}
		}
		if _, err := d.Compiled().Transform(m.HTML); err != nil {
			t.Errorf("%s: %v", page.File, err)
		}
	}
	if conditionals < 50 {
		t.Errorf("only %d conditions and fallbacks in the shared pages", conditionals)
	}
}
