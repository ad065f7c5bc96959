package build_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// goldenPages are the outputs compared with testdata/golden: one of each
// kind of page in both languages, and the generated files.
var goldenPages = []string{
	"index.html",
	"fr/index.html",
	"404.html",
	"robots.txt",
	"sitemap.xml",
	"portal-sitemap.xml",
	"alpha/index.html",
	"alpha/404.html",
	"alpha/sitemap.xml",
	"alpha/robots.txt",
	"alpha/.htaccess",
	"alpha/ar/index.html",
	"alpha/fr/index.html",
	"alpha/ar/feed.xml",
	"alpha/ar/participation/index.html",
	"alpha/ar/participation/petitions/index.html",
	"alpha/fr/participation/petitions/index.html",
	"beta/fr/participation/petitions/index.html",
	"alpha/ar/news/fete/index.html",
	"beta/fr/procedures/legalisation/index.html",
	"alpha/ar/council/composition/index.html",
	"alpha/fr/council/meetings/index.html",
	"alpha/ar/council/meetings/2026-02/index.html",
	"alpha/ar/participation/petitions-received/index.html",
	"alpha/fr/participation/petitions-received/p-2025-001/index.html",
	"beta/ar/participation/petitions-received/index.html",
	"alpha/ar/participation/budget/index.html",
	"alpha/fr/participation/budget/b2026-park/index.html",
	"alpha/ar/participation/bodies/ieecag/index.html",
	"alpha/ar/participation/results/index.html",
	"alpha/fr/documents/index.html",
	"alpha/ar/calendar.ics",
	"alpha/data/petitions.csv",
	"alpha/fr/search/index.html",
	"alpha/ar/search/index.js",
}

// TestGoldenPages compares the unminified output of the fixture with
// testdata/golden; run `go test ./internal/build -run Golden -update`
// after an intended change and review the diff.
func TestGoldenPages(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	if _, err := run(t, root, build.Options{NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	for _, name := range goldenPages {
		got := read(t, root, name)
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(name))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run with -update to create it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs from %s:\n%s", name, golden, lineDiff(string(want), got))
		}
	}
}
