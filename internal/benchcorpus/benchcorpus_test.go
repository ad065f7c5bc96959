package benchcorpus

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/markdown"
)

// themes is the repository's themes folder.
const themes = "../../themes"

// generate writes a project with opts into a new temporary folder.
func generate(t *testing.T, opts Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "project")
	if opts.Themes == "" {
		opts.Themes = themes
	}
	if err := Generate(dir, opts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestGeneratedProjectBuilds(t *testing.T) {
	t.Parallel()
	root := generate(t, Options{Communes: 3, Pages: 5, Seed: 7})
	out := filepath.Join(t.TempDir(), "public")
	rep, err := build.Run(context.Background(), build.Options{Root: root, Out: out})
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	if rep.Communes != 3 {
		t.Errorf("built %d communes, want 3", rep.Communes)
	}
	if len(rep.Warnings) > 0 {
		t.Errorf("warnings: %v", rep.Warnings)
	}
	// 5 shared and 4 own pages per language and commune, at least.
	if min := int64(3 * 2 * (5 + 4)); rep.Pages < min {
		t.Errorf("built %d pages, want at least %d", rep.Pages, min)
	}
	entries, err := os.ReadDir(filepath.Join(root, "communes"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		for _, p := range []string{"ar/index.html", "fr/procedures/index.html", "fr/news/item-1/index.html"} {
			if _, err := os.Stat(filepath.Join(out, e.Name(), filepath.FromSlash(p))); err != nil {
				t.Errorf("missing output: %v", err)
			}
		}
	}
}

func TestDefaultCorpusHasEveryFeature(t *testing.T) {
	t.Parallel()
	root := generate(t, Options{Seed: 1})
	files := readTree(t, root)

	var shared, sharedBytes int
	communes := map[string]bool{}
	count := map[string]int{}
	features := []struct {
		name, lang, text string
	}{
		{"second-level heading", "", "\n## "},
		{"third-level heading", "", "\n### "},
		{"bullet list", "", "\n- "},
		{"numbered list", "", "\n1. "},
		{"table", "", "\n| --- |"},
		{"placeholder", "", "{{ commune.name }}"},
		{"signatures placeholder", "", "{{ petition.signatures }}"},
		{"direction span", "ar", "]{dir=ltr}"},
		{"language span", "ar", "]{lang=fr}"},
		{"link to a page of another section", "", "](../"},
		{"link to a heading of another page", "", ".md#"},
		{"link to a heading of the page", "", "](#"},
		{"Arabic heading anchor", "ar", ".md#ال"},
		{"procedure", "", "kind: procedure\n"},
		{"guide", "", "kind: guide\n"},
		{"section page in the menu", "", "menu: true\n"},
		{"localised address", "ar", "slug: "},
	}
	for name, data := range files {
		switch {
		case strings.HasPrefix(name, "content/"):
			shared++
			sharedBytes += len(data)
			for _, f := range features {
				if (f.lang == "" || strings.HasSuffix(name, "."+f.lang+".md")) && bytes.Contains(data, []byte(f.text)) {
					count[f.name]++
				}
			}
		case strings.HasPrefix(name, "communes/") && strings.HasSuffix(name, "/commune.yaml"):
			communes[name] = true
			if !bytes.Contains(data, []byte("demo: true")) || !bytes.Contains(data, []byte("census_year: 2024")) {
				t.Errorf("%s: not a demonstration profile of the 2024 census", name)
			}
		case strings.HasSuffix(name, ".md"):
			for _, kind := range []string{"news", "event"} {
				if bytes.Contains(data, []byte("kind: "+kind+"\n")) {
					count[kind]++
				}
			}
		}
	}
	if shared != 2*DefaultPages {
		t.Errorf("%d shared files, want %d", shared, 2*DefaultPages)
	}
	if len(communes) != DefaultCommunes {
		t.Errorf("%d communes, want %d", len(communes), DefaultCommunes)
	}
	if avg := sharedBytes / shared; avg < 6500 || avg > 7500 {
		t.Errorf("shared pages weigh %d bytes on average, want about 7000", avg)
	}
	for _, f := range features {
		if count[f.name] == 0 {
			t.Errorf("no shared page has a %s (%q)", f.name, f.text)
		}
	}
	if want := DefaultCommunes * 2 * newsPerCommune; count["news"] != want {
		t.Errorf("%d news files, want %d", count["news"], want)
	}
	if want := DefaultCommunes * 2; count["event"] != want {
		t.Errorf("%d event files, want %d", count["event"], want)
	}
}

func TestCommunesSpreadOverTheFiveRegions(t *testing.T) {
	t.Parallel()
	root := generate(t, Options{Communes: 10, Pages: 3})
	perRegion := map[string]int{}
	for name, data := range readTree(t, filepath.Join(root, "communes")) {
		if !strings.HasSuffix(name, "commune.yaml") {
			continue
		}
		_, after, _ := strings.Cut(string(data), "\nregion: \"")
		region, _, _ := strings.Cut(after, "\"")
		perRegion[region]++
	}
	for _, r := range []string{"01", "02", "05", "06", "09"} {
		if perRegion[r] != 2 {
			t.Errorf("region %s has %d communes, want 2 (all: %v)", r, perRegion[r], perRegion)
		}
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	t.Parallel()
	opts := Options{Communes: 5, Pages: 12, Seed: 42}
	a := readTree(t, generate(t, opts))
	b := readTree(t, generate(t, opts))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, data := range a {
		if !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
	}
	opts.Seed = 43
	c := readTree(t, generate(t, opts))
	if bytes.Equal(a["content/index.ar.md"], c["content/index.ar.md"]) {
		t.Error("another seed gives the same home page")
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	t.Parallel()
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		dir  string
		opts Options
		want string
	}{
		{"folder not empty", full, Options{Themes: themes}, "is not empty"},
		{"too few pages", filepath.Join(t.TempDir(), "p"), Options{Pages: 2, Themes: themes}, "need at least 3"},
		{"negative communes", filepath.Join(t.TempDir(), "p"), Options{Communes: -1, Themes: themes}, "-1 communes"},
		{"no themes", filepath.Join(t.TempDir(), "p"), Options{}, "no themes folder"},
		{"more communes than a region has", filepath.Join(t.TempDir(), "p"), Options{Communes: 5000, Themes: themes}, "has only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := Generate(tt.dir, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Generate() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestSlugMatchesMarkdownHeadingIDs(t *testing.T) {
	t.Parallel()
	conv := markdown.New()
	for lang, v := range vocabs {
		texts := append([]string{v.brief, v.brief + " 2"}, v.h2...)
		texts = append(texts, v.h3...)
		for _, text := range texts {
			doc, errs := conv.Parse("page.md", []byte("## "+text+"\n"), 1, lang)
			if errs.HasErrors() {
				t.Fatalf("%q: %v", text, errs)
			}
			if got, want := slug(text), doc.Headings()[0].ID; got != want {
				t.Errorf("%s heading %q: slug %q, markdown id %q", lang, text, got, want)
			}
		}
	}
}

func TestRelPath(t *testing.T) {
	t.Parallel()
	tests := []struct{ from, to, want string }{
		{"index", "procedures/index", "procedures/index.md"},
		{"procedures/index", "index", "../index.md"},
		{"procedures/a", "procedures/b", "b.md"},
		{"procedures/a", "council/index", "../council/index.md"},
		{"news/item-1", "participation/petitions", "../participation/petitions.md"},
	}
	for _, tt := range tests {
		if got := relPath(tt.from, tt.to); got != tt.want {
			t.Errorf("relPath(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestFloorConvertsEveryBodyTimesTimes(t *testing.T) {
	t.Parallel()
	root := generate(t, Options{Communes: 1, Pages: 5})
	src, err := ReadShared(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(src) != 10 {
		t.Fatalf("%d shared pages, want 10", len(src))
	}
	bodies := make([][]byte, len(src))
	for i, s := range src {
		if bytes.HasPrefix(s.Body, []byte("---")) || bytes.Contains(s.Body, []byte("\ntitle: ")) || len(s.Body) >= s.Size {
			t.Errorf("%s: front matter not stripped", s.File)
		}
		bodies[i] = s.Body
	}
	res, err := Floor(context.Background(), bodies, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Conversions != 30 || res.HTMLBytes == 0 {
		t.Errorf("Floor() = %+v, want 30 conversions and some HTML", res)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Floor(ctx, bodies, 3, 2); err == nil {
		t.Error("Floor() with a cancelled context succeeded")
	}
}
