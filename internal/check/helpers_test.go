package check

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// stubLayouts are the layouts the renderer needs; the test theme has
// them all with a trivial body, plus any other the project's own theme
// has, so that the tests follow the renderer when it needs a new one.
var stubLayouts = []string{
	"base.html", "pages/404.html", "pages/event.html", "pages/guide.html", "pages/home.html",
	"pages/languages.html", "pages/news.html", "pages/page.html", "pages/portal.html",
	"pages/procedure.html", "pages/section.html",
}

// newProject writes a project into a temporary folder: testdata/base,
// layouts that render nothing, then the files of the txtar archive
// overlay (which replace those of the base). A file whose content is
// "(delete)" is removed instead.
func newProject(t *testing.T, overlay string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("testdata/base")); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, n := range stubLayouts {
		names[n] = true
	}
	real := filepath.Join("..", "..", "themes", "default", "layouts")
	_ = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(real, p)
			names[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	for n := range names {
		writeFile(t, root, "themes/default/layouts/"+n, "<!doctype html>\n")
	}
	for _, f := range txtar.Parse([]byte(overlay)).Files {
		if strings.TrimSpace(string(f.Data)) == "(delete)" {
			if err := os.Remove(filepath.Join(root, filepath.FromSlash(f.Name))); err != nil {
				t.Fatal(err)
			}
			continue
		}
		writeFile(t, root, f.Name, string(f.Data))
	}
	return root
}

func writeFile(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// lines runs a check of root and returns its findings as lines.
func lines(t *testing.T, root string, opts Options) []string {
	t.Helper()
	r, err := Check(context.Background(), root, opts)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, e := range r.Findings {
		out = append(out, Line(e))
	}
	return out
}
