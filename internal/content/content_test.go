package content

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/tadafor/tadafor/internal/site"
)

var langs = []string{"ar", "fr"}

func TestParse(t *testing.T) {
	t.Parallel()
	src := "---\ntitle: العرائض\nkind: guide\nweight: 2\n---\n\n## مقدمة\n"
	p, errs := Parse("content/p/petitions.ar.md", "p/petitions.ar.md", []byte(src), langs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if p.Key != "p/petitions" || p.Lang != "ar" || p.Meta.Title != "العرائض" || p.Meta.Kind != site.KindGuide || p.Meta.Weight != 2 {
		t.Errorf("page = %+v", p)
	}
	if p.BodyLine != 6 || string(p.Body) != "\n## مقدمة\n" {
		t.Errorf("body line %d body %q", p.BodyLine, p.Body)
	}
}

func TestParseKeepsArabicSlugAndItsPosition(t *testing.T) {
	t.Parallel()
	p, errs := Parse("content/participation/petitions.ar.md", "participation/petitions.ar.md", []byte("---\ntitle: العرائض\nslug: العرائض\n---\n"), langs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if p.Meta.Slug != "العرائض" || p.SlugPos.String() != "content/participation/petitions.ar.md:3:7" {
		t.Errorf("slug %q at %s", p.Meta.Slug, p.SlugPos)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, rel, src, want string
	}{
		{"no language", "a/b.md", "---\ntitle: x\n---\n", `content/a/b.md: cannot tell the language of "b.md"; name the file <name>.<language>.md, with a language among ar, fr (e.g. b.ar.md)`},
		{"unknown language", "a/b.en.md", "---\ntitle: x\n---\n", `content/a/b.en.md: cannot tell the language of "b.en.md"; name the file <name>.<language>.md, with a language among ar, fr (e.g. b.en.ar.md)`},
		{"no front matter", "a.ar.md", "# title\n", `content/a.ar.md:1:1: missing front matter; start the file with a line ---, then "title: …", then a line ---`},
		{"unclosed", "a.ar.md", "\n---\ntitle: x\n\nbody\n", `content/a.ar.md:2:1: front matter is not closed; end the front matter with a line containing only ---`},
		{"misspelt key in file lines", "a.ar.md", "\n---\ntitle: x\ndescripton: y\n---\n", `content/a.ar.md:4:1: unknown key "descripton"; did you mean "description"?`},
		{"missing title", "a.ar.md", "---\nkind: page\n---\n", `content/a.ar.md:2:1: missing required key "title"; add a line "title: …"`},
		{"bad kind", "a.ar.md", "---\ntitle: x\nkind: guidee\n---\n", `content/a.ar.md:3:7: expected one of "page", "guide", "procedure", "news", "event", found "guidee"; did you mean "guide"?`},
		{"news without date", "a.ar.md", "---\ntitle: x\nkind: news\n---\n", `content/a.ar.md:3:1: a news page needs "date" in its front matter; add "date: …" (see docs/content.md)`},
		{"procedure fields on a guide", "a.ar.md", "---\ntitle: x\nkind: guide\nprocedure:\n  purpose: p\n  who: [a]\n  documents: [{items: [a]}]\n  cost: c\n  delay: d\n  where: w\n  steps: [s]\n  legal: [l]\n  reviewed: 2026-01-01\n---\n", `content/a.ar.md:4:1: "procedure" is only allowed on procedure pages, not on a guide page; add "kind: procedure" or remove "procedure"`},
		{"event ends before start", "a.ar.md", "---\ntitle: x\nkind: event\nevent: {start: 2026-03-02T10:00, end: 2026-03-01}\n---\n", `content/a.ar.md:4:39: the event ends before it starts; check event.start and event.end`},
		{"slug with slash", "a.ar.md", "---\ntitle: x\nslug: a/b\n---\n", `content/a.ar.md:3:7: slug "a/b" cannot be one segment of an address: it has a slash ("/"); use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`},
		{"slug climbing out", "a/b/leaf.fr.md", "---\ntitle: x\nslug: '..'\n---\n", `content/a/b/leaf.fr.md:3:7: slug ".." cannot be one segment of an address: it has a dot ("."); use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`},
		{"slug dropping the page", "a.fr.md", "---\ntitle: x\nslug: .\n---\n", `content/a.fr.md:3:7: slug "." cannot be one segment of an address: it has a dot ("."); use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`},
		{"slug naming a generated file", "a.fr.md", "---\ntitle: x\nslug: feed.xml\n---\n", `content/a.fr.md:3:7: slug "feed.xml" cannot be one segment of an address: it has a dot ("."); use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`},
		{"slug with a direction mark", "a.ar.md", "---\ntitle: x\nslug: \"العرائض\\u200f\"\n---\n", `content/a.ar.md:3:7: slug "العرائض\u200f" cannot be one segment of an address: it has an invisible character (U+200F); use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`},
		{"file name with a dot", "calendar.ics.fr.md", "---\ntitle: x\n---\n", `content/calendar.ics.fr.md: the name "calendar.ics" cannot be one segment of an address: it has a dot ("."); rename the file or folder: use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`},
		{"folder name with a space", "my folder/a.fr.md", "---\ntitle: x\n---\n", `content/my folder/a.fr.md: the name "my folder" cannot be one segment of an address: it has a space; rename the file or folder: use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`},
		{"duplicate key in file lines", "a.ar.md", "\n---\ntitle: x\nweight: 1\ntitle: y\n---\n", `content/a.ar.md:5:1: duplicate key "title"; it is already defined at content/a.ar.md:3:1; remove one of them (only the last one would count)`},
		{"year before 1900", "a.ar.md", "---\ntitle: x\nkind: news\ndate: 0226-03-01\n---\n", `content/a.ar.md:4:7: expected a date in 1900 or later, found "0226-03-01"; check the year, written with four digits: 2026-03-01`},
		{"watiqa on a procedure it does not serve", "procedures/death-certificate-extract.fr.md", "---\ntitle: x\nkind: procedure\nprocedure:\n  purpose: p\n  who: [a]\n  documents: [{items: [a]}]\n  cost: c\n  delay: d\n  where: w\n  online: {label: watiqa.ma, url: \"https://www.watiqa.ma\"}\n  steps: [s]\n  legal: [l]\n  reviewed: 2026-01-01\n---\n", `content/procedures/death-certificate-extract.fr.md:11:35: watiqa does not offer this procedure online; remove "online" (watiqa serves: procedures/birth-certificate-extract, procedures/birth-certificate-full-copy, procedures/civil-status-online), or add the procedure to the portal's list in internal/law once the portal offers it`},
		{"idarati's home page as a sheet", "procedures/x.ar.md", "---\ntitle: x\nkind: procedure\nprocedure:\n  purpose: p\n  who: [a]\n  documents: [{items: [a]}]\n  cost: c\n  delay: d\n  where: w\n  steps: [s]\n  legal: [l]\n  sheet: https://www.idarati.ma\n  reviewed: 2026-01-01\n---\n", `content/procedures/x.ar.md:13:10: "https://www.idarati.ma" is the home page of idarati, not the sheet of this procedure; remove "sheet": the page then invites a search on idarati.ma; write the address of the procedure's own sheet once you have checked it`},
		{"tab in yaml", "a.ar.md", "---\ntitle: x\n\tkind: page\n---\n", `content/a.ar.md:3:1: invalid YAML: found a tab character that violates indentation; YAML does not allow tabs for indentation: indent with spaces`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errs := Parse("content/"+tt.rel, tt.rel, []byte(tt.src), langs)
			if got := errs.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestParseCRLFAndBOM(t *testing.T) {
	t.Parallel()
	p, errs := Parse("x.fr.md", "x.fr.md", []byte("\xef\xbb\xbf---\r\ntitle: Accueil\r\n---\r\nTexte\r\n"), langs)
	if len(errs) > 0 || p.Meta.Title != "Accueil" || string(p.Body) != "Texte\n" || p.BodyLine != 4 {
		t.Fatalf("%v %+v", errs, p)
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	write := func(name, src string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("content/index.ar.md", "---\ntitle: الرئيسية\n---\n")
	write("content/index.fr.md", "---\ntitle: Accueil\n---\n")
	write("content/_drafts/x.ar.md", "not even front matter")
	write("content/old.fr.md", "---\ntitle: Old\ndraft: true\n---\n")
	write("communes/a/content/news/n.fr.md", "---\ntitle: N\nkind: news\ndate: 2026-01-02\n---\n")
	set, errs := Load(context.Background(), root, langs, []string{"a", "b"})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(set.Shared) != 2 || set.Shared[0].Lang != "ar" || len(set.Local["a"]) != 1 || set.Local["a"][0].Commune != "a" {
		t.Errorf("set = %+v", set)
	}
	if got := set.Local["a"][0].File; got != "communes/a/content/news/n.fr.md" {
		t.Errorf("file = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("---\ntitle: x\nkind: event\nevent: {start: 2026-03-02}\n---\nbody")
	f.Add("\n\n---\n---\n")
	f.Add("---\ntitle: [\n---\n")
	f.Fuzz(func(t *testing.T, src string) {
		p, errs := Parse("f.ar.md", "f.ar.md", []byte(src), langs)
		for _, e := range errs {
			if e.Pos.File != "f.ar.md" {
				t.Fatalf("error without file: %v", e)
			}
		}
		if p != nil && p.BodyLine < 1 {
			t.Fatalf("body line %d", p.BodyLine)
		}
	})
}

func TestSkipped(t *testing.T) {
	t.Parallel()
	for rel, want := range map[string]bool{
		"guide.ar.md":            false,
		"participation/x.fr.md":  false,
		"notes.txt":              true,
		".draft.ar.md":           true,
		"_partials/x.ar.md":      true,
		"a/.hidden/x.ar.md":      true,
		"a//x.ar.md":             true,
		"participation/_x.fr.md": true,
	} {
		if got := Skipped(rel); got != want {
			t.Errorf("Skipped(%q) = %v, want %v", rel, got, want)
		}
	}
}
