package build_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
)

// withProcedure makes beta's profile name the legalisation procedure, so
// that removing that page is an error in the profile.
const withProcedure = `
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
procedures:
  legalisation:
    note: {ar: ملاحظة, fr: Une note}
`

// TestPatchMatchesLoad applies edits of Markdown files one after the
// other and checks after each that Patch gives what Load gives.
func TestPatchMatchesLoad(t *testing.T) {
	t.Parallel()
	steps := []struct {
		what  string
		write map[string]string // path → text; "" removes the file
	}{
		{"edit a shared page's body", map[string]string{
			"content/participation/petitions.fr.md": "---\ntitle: Pétitions\nkind: guide\n---\n## Qui peut signer ?\n\nAutre texte.\n",
		}},
		{"edit its title", map[string]string{
			"content/participation/petitions.fr.md": "---\ntitle: Les pétitions\nkind: guide\n---\n## Qui peut signer ?\n",
		}},
		{"add a page and its translation", map[string]string{
			"content/participation/youth.ar.md": "---\ntitle: الشباب\n---\nنص.\n",
			"content/participation/youth.fr.md": "---\ntitle: Jeunes\n---\nTexte.\n",
		}},
		{"make one a draft", map[string]string{
			"content/participation/youth.fr.md": "---\ntitle: Jeunes\ndraft: true\n---\nTexte.\n",
		}},
		{"remove the other", map[string]string{"content/participation/youth.ar.md": ""}},
		{"edit a commune's own page", map[string]string{
			"communes/alpha/content/news/fete.ar.md": "---\ntitle: خبر\nkind: news\ndate: 2026-10-02\n---\nنص آخر.\n",
		}},
		{"override a shared page in one commune", map[string]string{
			"communes/beta/content/participation/petitions.fr.md": "---\ntitle: Pétitions à Bêta\nkind: guide\n---\n## Qui peut signer ?\n",
		}},
		{"files Load passes over", map[string]string{
			"content/_drafts/x.fr.md": "not even front matter",
			"content/.x.fr.md":        "hidden",
			"content/notes.txt":       "not Markdown",
		}},
		{"a page in a new folder of a commune without pages", map[string]string{
			"communes/beta/content/news/deep/item.fr.md": "---\ntitle: Nouvelle\nkind: news\ndate: 2026-09-01\n---\nTexte.\n",
		}},
		{"remove the procedure page the profile names", map[string]string{"content/procedures/legalisation.fr.md": ""}},
		{"and put it back", map[string]string{
			"content/procedures/legalisation.fr.md": "---\ntitle: Légalisation\nkind: procedure\nprocedure:\n  purpose: P.\n  who: [Tous]\n  documents: [{items: [CNI]}]\n  cost: Gratuit\n  delay: Immédiat\n  where: Bureau\n  steps: [Venir]\n  legal: [Loi 55-19]\n  reviewed: 2026-11-20\n---\nTexte.\n",
		}},
		{"break a page's front matter", map[string]string{
			"content/participation/index.fr.md": "---\ntitle: Participation\nkind: guidee\n---\nTexte.\n",
		}},
	}
	for _, only := range []string{"", "beta"} {
		t.Run("only="+only, func(t *testing.T) {
			t.Parallel()
			root := newProject(t, withProcedure)
			p, list := build.Load(context.Background(), root, only)
			if list.HasErrors() {
				t.Fatal(list)
			}
			for _, s := range steps {
				var changed []string
				for f, text := range s.write {
					changed = append(changed, f)
					path := filepath.Join(root, filepath.FromSlash(f))
					if text == "" {
						if err := os.Remove(path); err != nil {
							t.Fatal(err)
						}
						continue
					}
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				patched, plist, ok := p.Patch(list, changed)
				if only != "" && strings.HasPrefix(changed[0], "communes/alpha/") {
					if ok {
						t.Errorf("%s: Patch applied a change to a commune that is not loaded", s.what)
					}
					continue
				}
				if !ok {
					t.Fatalf("%s: Patch refused %q", s.what, changed)
				}
				loaded, llist := build.Load(context.Background(), root, only)
				if got, want := plist.Error(), llist.Error(); got != want {
					t.Fatalf("%s: Patch reports\n%s\nLoad reports\n%s", s.what, got, want)
				}
				if llist.HasErrors() {
					if s.what == "remove the procedure page the profile names" && !strings.Contains(llist.Error(), `no procedure page "legalisation"`) {
						t.Errorf("%s: %v", s.what, llist)
					}
					if _, _, ok := patched.Patch(plist, changed); ok {
						t.Errorf("%s: Patch applied to a project with errors", s.what)
					}
					continue // the next step starts from the same project
				}
				compareProjects(t, s.what, patched, loaded)
				p, list = patched, plist
			}
		})
	}
}

func compareProjects(t *testing.T, what string, got, want *build.Project) {
	t.Helper()
	g, w := got.Project, want.Project
	if !reflect.DeepEqual(got.Settings, want.Settings) {
		t.Errorf("%s: settings differ", what)
	}
	if !reflect.DeepEqual(g.Shared, w.Shared) {
		t.Errorf("%s: shared pages differ:\n%s\nwant\n%s", what, pageList(g.Shared), pageList(w.Shared))
	}
	if !reflect.DeepEqual(g.AllCommunes, w.AllCommunes) {
		t.Errorf("%s: the portal's communes differ", what)
	}
	if len(g.Communes) != len(w.Communes) {
		t.Fatalf("%s: %d communes, want %d", what, len(g.Communes), len(w.Communes))
	}
	for i := range g.Communes {
		gc, wc := g.Communes[i], w.Communes[i]
		slug := wc.Profile.Slug
		if !reflect.DeepEqual(gc.Profile, wc.Profile) {
			t.Errorf("%s: profile of %s differs", what, slug)
		}
		if !reflect.DeepEqual(gc.Pages, wc.Pages) {
			t.Errorf("%s: pages of %s:\n%s\nwant\n%s", what, slug, pageList(gc.Pages), pageList(wc.Pages))
		}
		if !reflect.DeepEqual(gc.Static, wc.Static) || !reflect.DeepEqual(gc.Facts, wc.Facts) {
			t.Errorf("%s: static files or facts of %s differ", what, slug)
		}
		if !slices.Equal(gc.Layouts.Names(), wc.Layouts.Names()) {
			t.Errorf("%s: layouts of %s differ", what, slug)
		}
	}
}

func pageList(pages []*site.Page) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString("  " + p.File + " " + p.Key + " " + p.Lang + " " + p.Meta.Title + "\n")
	}
	return b.String()
}

func TestPatchRefuses(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	p, list := build.Load(context.Background(), root, "")
	if list.HasErrors() {
		t.Fatal(list)
	}
	for _, changed := range [][]string{
		{"tadafor.yaml"},
		{"communes/alpha/commune.yaml"},
		{"communes/alpha/static/logo.svg"},
		{"communes/gamma/content/index.fr.md"}, // not a commune of the project
		{"themes/default/layouts/base.html"},
		{"content/index.fr.md", "themes/default/i18n/fr.yaml"},
	} {
		if _, _, ok := p.Patch(list, changed); ok {
			t.Errorf("Patch applied %q", changed)
		}
	}
	withErr := diag.List{{Pos: diag.Pos{File: "content/index.fr.md"}, Msg: "broken"}}
	if _, _, ok := p.Patch(withErr, []string{"content/index.fr.md"}); ok {
		t.Error("Patch applied to a project loaded with errors")
	}
}
