package serve

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"time"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
)

// pageChange is a Markdown page created, edited or removed.
type pageChange struct {
	file    string
	key     string
	lang    string
	commune string // "" for a shared page
	removed bool
}

// editedPages lists the Markdown pages among the files changed between
// the projects old (nil the first time) and cur.
func editedPages(old, cur *build.Project, changed map[string]bool) []pageChange {
	if old == nil {
		return nil
	}
	var files []string
	for f := range changed {
		if path.Ext(f) == ".md" {
			files = append(files, f)
		}
	}
	if len(files) == 0 {
		return nil
	}
	slices.Sort(files)
	oldPages, curPages := pagesOf(old), pagesOf(cur)
	var out []pageChange
	for _, f := range files {
		pg, removed := curPages[f], false
		if pg == nil {
			pg, removed = oldPages[f], true
		}
		if pg != nil {
			out = append(out, pageChange{file: f, key: pg.Key, lang: pg.Lang, commune: pg.Commune, removed: removed})
		}
	}
	return out
}

// pagesOf indexes a project's Markdown pages by file.
func pagesOf(p *build.Project) map[string]*site.Page {
	m := map[string]*site.Page{}
	for _, pg := range p.Shared {
		m[pg.File] = pg
	}
	for _, c := range p.Communes {
		for _, pg := range c.Pages {
			m[pg.File] = pg
		}
	}
	return m
}

// navTargets returns the output paths (as under public/) of the page
// that changed last among those edited, in every site and language where
// it is published, or nil.
func (b *builder) navTargets(edited []pageChange, files map[string]*file) []string {
	if b.good == nil {
		return nil
	}
	var chosen *pageChange
	var newest time.Time
	for i := range edited {
		pc := &edited[i]
		if pc.removed {
			continue
		}
		info, err := os.Stat(filepath.Join(b.root, filepath.FromSlash(pc.file)))
		if err == nil && (chosen == nil || info.ModTime().After(newest)) {
			chosen, newest = pc, info.ModTime()
		}
	}
	if chosen == nil {
		return nil
	}
	find := func(c *render.Commune, key, lang string) *site.Page {
		for _, list := range [][]*site.Page{c.Pages, b.good.Shared} {
			for _, pg := range list {
				if pg.Key == key && pg.Lang == lang {
					return pg
				}
			}
		}
		return nil
	}
	var out []string
	for _, c := range b.good.Communes {
		if chosen.commune != "" && chosen.commune != c.Profile.Slug {
			continue
		}
		for _, l := range b.good.Settings.Languages {
			if find(c, chosen.key, l.Code) == nil {
				continue
			}
			p := c.Profile.Slug + "/" + render.OutputDir(l.Code, chosen.key, func(key string) *site.Page { return find(c, key, l.Code) }) + "/index.html"
			if _, ok := files[p]; ok {
				out = append(out, p)
			}
		}
	}
	return out
}

// scope is what a build rendered, for the console.
type scope struct {
	everything bool
	portal     bool
	sites      int
}

// scopeOf says what the render of rec rendered; full is set when it
// rendered every output.
func scopeOf(rec *render.Record, full bool) scope {
	s := scope{everything: full}
	sites := map[string]bool{}
	for id := range rec.Rendered {
		if id.Site == "" {
			s.portal = true
		} else {
			sites[id.Site] = true
		}
	}
	s.sites = len(sites)
	return s
}

// empty reports whether nothing was rendered.
func (s scope) empty() bool { return !s.everything && !s.portal && s.sites == 0 }

func union[V any](a, b map[string]V) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for k := range a {
		m[k] = true
	}
	for k := range b {
		m[k] = true
	}
	return m
}
