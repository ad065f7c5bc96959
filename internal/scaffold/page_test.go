package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/content"
	"github.com/tadafor/tadafor/internal/site"
)

func TestPageFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		path string
		want string // files joined by " ", or the error
	}{
		{"participation/youth-council", "content/participation/youth-council.ar.md content/participation/youth-council.fr.md"},
		{"content/participation/youth-council.fr.md", "content/participation/youth-council.ar.md content/participation/youth-council.fr.md"},
		{"./participation/youth-council.md", "content/participation/youth-council.ar.md content/participation/youth-council.fr.md"},
		{"participation/index", "content/participation/index.ar.md content/participation/index.fr.md"},
		{"communes/berkane/content/news/market-day", "communes/berkane/content/news/market-day.ar.md communes/berkane/content/news/market-day.fr.md"},
		{"Participation/Youth Council", `page path "Participation/Youth Council": folders and file names are made of lower-case ASCII letters, digits and hyphens; did you mean "participation/youth-council"?`},
		{"participation/conseil-des-jeunes-é", `page path "participation/conseil-des-jeunes-é": folders and file names are made of lower-case ASCII letters, digits and hyphens; did you mean "participation/conseil-des-jeunes-e"?`},
		{"participation/مجلس", `page path "participation/مجلس": folders and file names are made of lower-case ASCII letters, digits and hyphens`},
		{"../outside", `page path "../outside": folders and file names are made of lower-case ASCII letters, digits and hyphens`},
		{"/participation/x", "content/participation/x.ar.md content/participation/x.fr.md"},
		{"participation//x", `page path "participation//x": folders and file names are made of lower-case ASCII letters, digits and hyphens`},
		{"_drafts/x", `page path "_drafts/x": folders and file names are made of lower-case ASCII letters, digits and hyphens; did you mean "drafts/x"?`},
		{"participation/", `page path "participation/": the path names no page; did you mean "participation/index"?`},
		{"content/", `page path "content/": the path names no page; did you mean "index"?`},
		{"communes/berkane/news/x", `page path "communes/berkane/news/x": a commune's page is written communes/<slug>/content/<path>`},
		{"communes/Berkane/content/x", `page path "communes/Berkane/content/x": a commune's page is written communes/<slug>/content/<path>`},
	}
	for _, tt := range tests {
		files, err := PageFiles(tt.path, langs)
		got := strings.Join(files, " ")
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("PageFiles(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}

// TestWritePage writes a page of each kind and reads it back as a build
// does: only a date left TODO is an error.
func TestWritePage(t *testing.T) {
	t.Parallel()
	today := time.Date(2026, 3, 2, 15, 4, 0, 0, time.UTC)
	tests := []struct {
		kind site.Kind
		errs []string // for each language
	}{
		{kind: site.KindPage},
		{kind: site.KindGuide},
		{kind: site.KindNews},
		{kind: site.KindEvent, errs: []string{`content/x/y.%s.md:9:10: expected a date such as 2026-03-01, or a date and time such as 2026-03-01T18:30, found "TODO"`}},
		{kind: site.KindProcedure, errs: []string{`content/x/y.%s.md:28:13: expected a date such as 2026-03-01, or a date and time such as 2026-03-01T18:30, found "TODO"`}},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			files, err := WritePage(root, "x/y", tt.kind, langs, today)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(files, []string{"content/x/y.ar.md", "content/x/y.fr.md"}) {
				t.Errorf("files = %q", files)
			}
			for _, f := range files {
				src, err := os.ReadFile(filepath.Join(root, f))
				if err != nil {
					t.Fatal(err)
				}
				lang := strings.TrimSuffix(f[strings.LastIndexByte(f[:len(f)-3], '.')+1:], ".md")
				p, errs := content.Parse(f, strings.TrimPrefix(f, "content/"), src, []string{"ar", "fr"})
				var got []string
				for _, e := range errs {
					got = append(got, e.Error())
				}
				var want []string
				for _, e := range tt.errs {
					want = append(want, strings.ReplaceAll(e, "%s", lang))
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: problems %q, want %q\n%s", f, got, want, src)
				}
				if p == nil || p.Meta.Kind != tt.kind || p.Meta.Title != "TODO" || !strings.Contains(string(p.Body), "TODO") {
					t.Errorf("%s: page %+v", f, p)
				}
				if tt.kind == site.KindNews && p.Meta.Date.Format("2006-01-02") != "2026-03-02" {
					t.Errorf("date = %v", p.Meta.Date)
				}
				if tt.kind == site.KindProcedure {
					pr := p.Meta.Procedure
					if pr == nil || pr.Purpose != "TODO" || pr.Cost != "TODO" || pr.Online == nil || pr.Sheet != "https://TODO" ||
						len(pr.Who) != 1 || len(pr.Documents) != 1 || len(pr.Steps) != 1 || len(pr.Legal) != 1 || pr.Complaint != "TODO" {
						t.Errorf("procedure = %+v", pr)
					}
				}
			}
		})
	}
}

func TestWritePageNeverOverwrites(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	fr := filepath.Join(root, "content", "x.fr.md")
	if err := os.MkdirAll(filepath.Dir(fr), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(fr, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := WritePage(root, "x", site.KindPage, langs, time.Now())
	var ee *ExistsError
	if !errors.As(err, &ee) || ee.File != "content/x.fr.md" {
		t.Errorf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "x.ar.md")); err == nil {
		t.Error("the Arabic file was written though the French one exists")
	}
	if b, _ := os.ReadFile(fr); string(b) != "mine" {
		t.Errorf("the file was changed: %q", b)
	}
}

func TestWriteLocalPage(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	_, err := WritePage(root, "communes/berkane/content/news/x", site.KindNews, langs, time.Now())
	if err == nil || err.Error() != `page path "communes/berkane/content/news/x": there is no commune berkane (no file communes/berkane/commune.yaml)` {
		t.Errorf("without the commune: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(root, "communes", "berkane"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "communes", "berkane", "commune.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := WritePage(root, "communes/berkane/content/news/x", site.KindNews, langs, time.Now())
	if err != nil || len(files) != 2 {
		t.Errorf("files %q, err %v", files, err)
	}
	if _, err := WritePage(root, "x", site.Kind("faq"), langs, time.Now()); err == nil || err.Error() != `unknown kind "faq"` {
		t.Errorf("unknown kind: %v", err)
	}
}
