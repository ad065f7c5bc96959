package render

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/content"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
)

// kindPageList is the kind of the output a test adds, as a new output
// would be added: a list of the pages of a site in a language.
const kindPageList Kind = 200

// pageLists writes, for each language of the site, the key, title and
// address of its pages, and the commune's name, reading them as any
// output does.
func pageLists(cs *communeSite) []job {
	var jobs []job
	for _, t := range cs.trees {
		file := cs.out(t.lang + "/pages.txt")
		jobs = append(jobs, job{id: cs.id(kindPageList, t.lang, ""), out: ownFile(file, "the list of pages in "+t.lang),
			run: func(rd *reads) error {
				var b strings.Builder
				fmt.Fprintf(&b, "%s\n", cs.commune.Name.Get(t.lang))
				for _, n := range t.pages(rd) {
					fmt.Fprintf(&b, "%s %s %s\n", n.page.Key, n.dir, n.page.Meta.Title)
				}
				return cs.r.emit(file, []byte(b.String()))
			}})
	}
	return jobs
}

// recordProject is a project of one commune with the shared pages given
// (path under content/ and text) and the commune's profile.
func recordProject(t *testing.T, pages map[string]string, profile string) *Project {
	t.Helper()
	settings := site.DefaultSettings()
	langs := site.Codes(settings.Languages)
	th, errs := theme.Load("../..", settings.Theme, settings.Languages)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	c, errs := commune.Parse("communes/alpha/commune.yaml", "alpha", []byte(profile), langs, ref)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	in := &Project{Settings: settings, Theme: th, Markdown: markdown.New()}
	for _, rel := range slices.Sorted(maps.Keys(pages)) {
		p, errs := content.Parse("content/"+rel, rel, []byte(pages[rel]), langs)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		in.Shared = append(in.Shared, p)
	}
	in.Communes = []*Commune{{Profile: c, Layouts: th.Layouts, Static: th.Static, Facts: commune.FactsOf(c), Needs: commune.Needs(c)}}
	return in
}

// renderFiles renders in and returns its outputs by path, with the
// render's record.
func renderFiles(t *testing.T, in *Project, opt Options) (map[string]string, *Record) {
	t.Helper()
	var mu sync.Mutex
	out := map[string]string{}
	opt.Workers = 2
	opt.Record = &Record{}
	opt.extra = pageLists
	errs := Render(context.Background(), in, opt, func(o Output) error {
		mu.Lock()
		defer mu.Unlock()
		out[o.Path] = string(o.Data)
		return nil
	})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return out, opt.Record
}

const recordProfile = `name: {ar: ألفا, fr: Alpha}
type: urban
region: "02"
province: "02.113"
population: 99069
census_year: 2024
demo: true
contact:
  address: {ar: شارع المثال, fr: Rue de l'exemple}
`

// An output added to render, which records what it reads where it looks
// it up, is rendered again after a render when, and only when, something
// it read changed: the files kept from the previous render and those
// rendered again are, after each edit, those of a full render.
func TestAnOutputAddedIsRenderedAgainWhenWhatItReadChanges(t *testing.T) {
	t.Parallel()
	pages := map[string]string{
		"index.ar.md":                   "---\ntitle: الرئيسية\n---\nمرحبا.\n",
		"index.fr.md":                   "---\ntitle: Accueil\n---\nBienvenue.\n",
		"participation/index.fr.md":     "---\ntitle: Participer\n---\nVoir [les pétitions](petitions.md#qui-peut-signer).\n",
		"participation/petitions.fr.md": "---\ntitle: Pétitions\nkind: guide\n---\n## Qui peut signer ?\n\nTout le monde.\n",
	}
	profile := recordProfile
	files, rec := renderFiles(t, recordProject(t, pages, profile), Options{})
	const list = "alpha/fr/pages.txt"
	if !strings.Contains(files[list], "participation/petitions fr/participation/petitions Pétitions") {
		t.Fatalf("%s:\n%s", list, files[list])
	}
	for _, step := range []struct {
		what   string
		edit   func()
		listed bool // whether the list of pages in French must be rendered again
	}{
		{"a page's body", func() { pages["participation/petitions.fr.md"] += "Sans condition.\n" }, false},
		{"a page's title", func() {
			pages["participation/petitions.fr.md"] = strings.Replace(pages["participation/petitions.fr.md"], "title: Pétitions", "title: Les pétitions", 1)
		}, true},
		{"a page added", func() { pages["contact.fr.md"] = "---\ntitle: Contact\n---\nÉcrivez-nous.\n" }, true},
		{"a section's slug", func() {
			pages["participation/index.fr.md"] = strings.Replace(pages["participation/index.fr.md"], "title: Participer", "title: Participer\nslug: participer", 1)
		}, true},
		{"a page in another language", func() { pages["contact.ar.md"] = "---\ntitle: اتصل بنا\n---\nراسلونا.\n" }, false},
		{"the commune's name", func() { profile = strings.Replace(profile, "fr: Alpha", "fr: Alpha-Ville", 1) }, true},
		{"the commune's population", func() { profile = strings.Replace(profile, "99069", "99070", 1) }, true},
		{"a page removed", func() { delete(pages, "contact.fr.md") }, true},
	} {
		step.edit()
		in := recordProject(t, pages, profile)
		got, next := renderFiles(t, in, Options{Previous: rec})
		if next.Rendered[next.Outputs[list]] != step.listed {
			t.Errorf("%s: the list of pages rendered again: %v, want %v", step.what, !step.listed, step.listed)
		}
		for p := range next.Outputs {
			if _, ok := files[p]; ok && next.Stands(p) {
				got[p] = files[p]
			}
		}
		want, _ := renderFiles(t, in, Options{})
		for _, p := range slices.Sorted(maps.Keys(union(got, want))) {
			if got[p] != want[p] {
				t.Errorf("%s: %s differs from a full render:\n%s\nwant\n%s", step.what, p, got[p], want[p])
			}
		}
		files, rec = got, next
	}
}

func union(a, b map[string]string) map[string]bool {
	m := map[string]bool{}
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}
