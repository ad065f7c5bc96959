package build

import (
	"path"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/content"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
)

// Patch returns the project as Load would return it after the Markdown
// files changed (paths relative to the project root, with "/"
// separators) were created, written or removed, reading only those
// files: the live server uses it so that an edited page is loaded in a
// moment. prev is the list Load (or an earlier Patch) returned with p;
// the returned list replaces it.
//
// ok is false, and the caller must use Load, when prev holds errors or
// when a path is not one Patch knows how to apply: anything but a
// Markdown file under content/ or under the content/ folder of a commune
// of the project. Paths that Load ignores (hidden files, names starting
// with "_", files other than .md) are ignored. p is not modified; the
// returned project shares everything that did not change with it.
//
// Patch reads pages with content.ReadPage, as Load does, and checks the
// procedures named by the profiles against them again
// (TestPatchMatchesLoad checks that the two agree).
func (p *Project) Patch(prev diag.List, changed []string) (np *Project, errs diag.List, ok bool) {
	if prev.HasErrors() {
		return nil, nil, false
	}
	langs := site.Codes(p.Settings.Languages)
	slugs := map[string]int{} // commune slug → index in p.Communes
	for i, c := range p.Communes {
		slugs[c.Profile.Slug] = i
	}

	type edit struct {
		dir, rel, slug string
	}
	var edits []edit
	files := map[string]bool{}
	for _, f := range changed {
		dir, rel, slug, known := contentFile(f)
		if !known {
			return nil, nil, false
		}
		if slug != "" {
			if _, ok := slugs[slug]; !ok {
				return nil, nil, false
			}
		}
		if content.Skipped(rel) {
			continue
		}
		files[f] = true
		edits = append(edits, edit{dir: dir, rel: rel, slug: slug})
	}

	for _, e := range prev {
		if !files[e.Pos.File] {
			errs = append(errs, e)
		}
	}
	shared := slices.DeleteFunc(slices.Clone(p.Shared), func(pg *site.Page) bool { return files[pg.File] })
	local := make([][]*site.Page, len(p.Communes))
	for i, c := range p.Communes {
		local[i] = slices.DeleteFunc(slices.Clone(c.Pages), func(pg *site.Page) bool { return files[pg.File] })
	}
	for _, e := range edits {
		page, perrs := content.ReadPage(p.Root, e.dir, e.rel, e.slug, langs)
		errs = append(errs, perrs...)
		if page == nil {
			continue
		}
		if e.slug == "" {
			shared = append(shared, page)
		} else {
			i := slugs[e.slug]
			local[i] = append(local[i], page)
		}
	}

	in := *p.Project
	in.Shared = content.SortPages(shared)
	in.Communes = make([]*render.Commune, len(p.Communes))
	for i, c := range p.Communes {
		cc := *c
		cc.Pages = content.SortPages(local[i])
		if len(cc.Pages) == 0 {
			cc.Pages = nil // as content.Load leaves a commune without pages
		}
		in.Communes[i] = &cc
		errs = append(errs, checkPages(cc.Profile, in.Shared, cc.Pages)...)
	}
	errs = append(errs, commune.CheckServices(p.Settings.Services, p.Settings.ServicesPos, project.SettingsFile, in.Shared)...)
	errs.Sort()
	np = &Project{Root: p.Root, Project: &in}
	return np, errs, true
}

// contentFile splits a path relative to the project root into its
// content folder, the path inside it and the commune owning it ("" for
// the shared content/); known is false for a path in no content folder.
func contentFile(f string) (dir, rel, slug string, known bool) {
	if rel, ok := strings.CutPrefix(f, project.ContentDir+"/"); ok {
		return project.ContentDir, rel, "", true
	}
	rest, ok := strings.CutPrefix(f, commune.Dir+"/")
	if !ok {
		return "", "", "", false
	}
	slug, rest, _ = strings.Cut(rest, "/")
	rel, ok = strings.CutPrefix(rest, project.ContentDir+"/")
	if !ok || slug == "" {
		return "", "", "", false
	}
	return path.Join(commune.Dir, slug, project.ContentDir), rel, slug, true
}
