package serve

import (
	"bytes"
	"maps"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
)

// plan says which outputs a change touches: render.Options.Select
// accepts exactly those. The files of the previous snapshot that are no
// output of the project any more are left out (see apply).
type plan struct {
	// full renders everything; the result replaces the whole snapshot.
	full bool
	// portal re-renders the programme portal; static its static files
	// (the theme's, at the root), by path.
	portal bool
	static map[string]bool
	// sites are the commune sites touched, by slug.
	sites map[string]*sitePlan
	// layouts are the page layouts modified, by site ("" for the portal):
	// the outputs that ran one of them are rendered again. ran is the
	// page layout each output ran when it was last rendered.
	layouts map[string]map[string]bool
	ran     map[render.OutputID]string
	// removed is set when a commune or a static file is gone: the next
	// snapshot leaves out their files.
	removed bool
	// pages are the Markdown pages that changed, for --navigate.
	pages []pageChange
}

// sitePlan is what a change touches in one commune site.
type sitePlan struct {
	// whole re-renders every output of the site; stale files are dropped.
	whole bool
	// langs re-renders every page and the feed of these languages; stale
	// pages of the language are dropped.
	langs map[string]bool
	// keys are pages by language and key; the language "" stands for
	// every language.
	keys map[string]map[string]bool
	// under re-renders, by language ("" for every language), the pages
	// whose key starts with one of the prefixes (the pages below a
	// section).
	under map[string][]string
	// other are the site's outputs in no language, by kind; lists are, by
	// language, the outputs of one language other than its pages (the
	// feed and the calendar, which list its news and events, and the
	// search index).
	other map[render.Kind]bool
	lists map[string]bool
	// static files by path relative to the site's root.
	static map[string]bool
}

// pageChange is a Markdown page created, edited or removed.
type pageChange struct {
	file    string
	key     string
	lang    string
	commune string // "" for a shared page
	removed bool
}

func (p *plan) site(slug string) *sitePlan {
	if p.sites == nil {
		p.sites = map[string]*sitePlan{}
	}
	sp := p.sites[slug]
	if sp == nil {
		sp = &sitePlan{langs: map[string]bool{}, keys: map[string]map[string]bool{}, under: map[string][]string{},
			other: map[render.Kind]bool{}, lists: map[string]bool{}, static: map[string]bool{}}
		p.sites[slug] = sp
	}
	return sp
}

func (sp *sitePlan) key(lang, key string) {
	if sp.keys[lang] == nil {
		sp.keys[lang] = map[string]bool{}
	}
	sp.keys[lang][key] = true
}

// empty reports whether the plan renders and drops nothing.
func (p *plan) empty() bool {
	return !p.full && !p.portal && len(p.static) == 0 && len(p.sites) == 0 && len(p.layouts) == 0 && !p.removed
}

// accept is the render.Options.Select of the plan.
func (p *plan) accept(id render.OutputID) bool {
	if p.full {
		return true
	}
	if l, ok := p.ran[id]; ok && p.layouts[id.Site][l] {
		return true
	}
	static := id.Kind == render.KindStatic
	if id.Site == "" {
		if static {
			return p.static[id.Key]
		}
		return p.portal
	}
	sp := p.sites[id.Site]
	switch {
	case sp == nil:
		return false
	case sp.whole:
		return true
	case static:
		return sp.static[id.Key]
	case id.Lang == "":
		return sp.other[id.Kind]
	case sp.langs[id.Lang]:
		return true
	case id.Kind != render.KindPage:
		return sp.lists[id.Lang]
	case sp.keys[id.Lang][id.Key] || sp.keys[""][id.Key]:
		return true
	}
	for _, prefix := range slices.Concat(sp.under[id.Lang], sp.under[""]) {
		if strings.HasPrefix(id.Key, prefix) {
			return true
		}
	}
	return false
}

// classify works out what the changes between the project old (whose
// outputs are served) and cur touch. changed lists the files changed in
// between, relative to root with "/" separators: it tells which layouts
// and static files changed, which the loaded projects do not show; pages
// and profiles are compared directly.
func classify(root string, old, cur *build.Project, changed map[string]bool) *plan {
	p := &plan{}
	if old == nil || !reflect.DeepEqual(old.Settings, cur.Settings) {
		p.full = true
		return p
	}
	themeDir := path.Join(project.ThemesDir, cur.Settings.Theme) + "/"
	for f := range changed {
		if strings.HasPrefix(f, themeDir+project.I18nDir+"/") {
			p.full = true
			return p
		}
	}
	portal := cur.Portal
	oldSites := sitesOf(old)
	curSites := sitesOf(cur)
	all := slices.Sorted(maps.Keys(curSites))

	// Layouts, of the theme or of one commune.
	for _, f := range slices.Sorted(maps.Keys(changed)) {
		if rel, ok := strings.CutPrefix(f, themeDir+project.LayoutsDir+"/"); ok {
			p.layout(rel, all, portal, old.Theme.Layouts, cur.Theme.Layouts)
			continue
		}
		slug, rest, ok := communeFile(f)
		if c := curSites[slug]; ok && c != nil {
			if rel, ok := strings.CutPrefix(rest, project.LayoutsDir+"/"); ok {
				var before *theme.Layouts
				if o := oldSites[slug]; o != nil {
					before = o.Layouts
				}
				p.layout(rel, []string{slug}, false, before, c.Layouts)
			}
		}
	}

	// Communes added, removed or whose profile or records changed.
	for slug, o := range oldSites {
		if curSites[slug] == nil {
			p.removed = true
			p.portal = portal
			continue
		}
		if !reflect.DeepEqual(o.Profile, curSites[slug].Profile) {
			p.site(slug).whole = true
			p.portal = portal
		}
	}
	for slug := range curSites {
		if oldSites[slug] == nil {
			p.site(slug).whole = true
			p.portal = portal
		}
	}

	// Static files: the theme's at the portal's root, and each site's.
	abs := map[string]bool{}
	for f := range changed {
		abs[filepath.Join(root, filepath.FromSlash(f))] = true
	}
	if portal {
		for _, d := range staticDiff(old.Theme.Static, cur.Theme.Static, abs) {
			if d.gone {
				p.removed = true
			} else {
				if p.static == nil {
					p.static = map[string]bool{}
				}
				p.static[d.rel] = true
			}
		}
	}
	for _, slug := range all {
		o := oldSites[slug]
		if o == nil {
			continue
		}
		for _, d := range staticDiff(o.Static, curSites[slug].Static, abs) {
			if d.gone {
				p.removed = true
			} else {
				p.site(slug).static[d.rel] = true
			}
			if d.gone || d.added {
				// A page that links to the file is checked again.
				p.linkers(cur, []string{slug}, "", path.Base(d.rel))
			}
		}
	}

	// Markdown pages, compared one by one.
	oldPages, curPages := pagesOf(old), pagesOf(cur)
	for _, file := range slices.Sorted(maps.Keys(union(oldPages, curPages))) {
		o, n := oldPages[file], curPages[file]
		if o == n || (o != nil && n != nil && samePage(o, n)) {
			continue
		}
		p.page(cur, all, o, n)
	}
	return p
}

// layout plans the change of the layout file rel (under layouts/) for
// the sites listed, and for the portal when portal is set. A page layout
// modified re-renders the outputs that ran it (see ran); a partial, or a
// layout added or removed (which may change the layout a page picks),
// every output.
func (p *plan) layout(rel string, sites []string, portal bool, before, after *theme.Layouts) {
	if before != nil && after != nil && before.Has(rel) && after.Has(rel) {
		if p.layouts == nil {
			p.layouts = map[string]map[string]bool{}
		}
		if portal {
			sites = append(slices.Clone(sites), "")
		}
		for _, s := range sites {
			if p.layouts[s] == nil {
				p.layouts[s] = map[string]bool{}
			}
			p.layouts[s][rel] = true
		}
		return
	}
	for _, s := range sites {
		p.site(s).whole = true
	}
	p.portal = p.portal || portal
}

// page plans the change of one Markdown page from o to n (either may be
// nil: created or removed) in the sites that show it.
func (p *plan) page(cur *build.Project, all []string, o, n *site.Page) {
	pg := n
	if pg == nil {
		pg = o
	}
	p.pages = append(p.pages, pageChange{file: pg.File, key: pg.Key, lang: pg.Lang, commune: pg.Commune, removed: n == nil})
	sites := []string{pg.Commune}
	if pg.Commune == "" {
		sites = sitesShowing(cur, pg.Key, pg.Lang)
	} else if !slices.Contains(all, pg.Commune) {
		return
	}
	key, lang := pg.Key, pg.Lang
	section := key == "index" || strings.HasSuffix(key, "/index")
	news := func(pg *site.Page) bool {
		return pg != nil && (pg.Meta.Kind == site.KindNews || pg.Meta.Kind == site.KindEvent)
	}
	for _, s := range sites {
		sp := p.site(s)
		switch {
		case o == nil || n == nil || o.Meta.Slug != n.Meta.Slug:
			// The page appears, disappears or moves: any page may link to
			// it (layouts look pages up by key), the translations' language
			// switchers point to it, the menu and lists may show it.
			sp.langs[lang] = true
			sp.key("", key)
			if section && key != "index" {
				// The pages below it may move too: their translations'
				// switchers point to them.
				sp.under[""] = append(sp.under[""], strings.TrimSuffix(key, "index"))
			}
			sp.other[render.KindNotFound] = true
			sp.other[render.KindLanguages] = true
			sp.other[render.KindSitemap] = true
		case !reflect.DeepEqual(o.Meta, n.Meta):
			// Its title, description, date, kind or order may show in
			// its section's list, its pages' breadcrumbs, the menu, the
			// home page's news and the feed.
			sp.key(lang, key)
			for _, a := range ancestors(key) {
				sp.key(lang, a)
			}
			if section {
				if key == "index" {
					sp.langs[lang] = true
				} else {
					sp.under[lang] = append(sp.under[lang], strings.TrimSuffix(key, "index"))
				}
			}
			if news(o) || news(n) {
				sp.key(lang, "index")
				sp.lists[lang] = true
			}
			// The search page lists every guide and procedure by title.
			sp.key(lang, render.SearchKey)
			if o.Meta.Menu || n.Meta.Menu {
				sp.langs[lang] = true
				sp.other[render.KindNotFound] = true
				sp.other[render.KindLanguages] = true
			}
			sp.other[render.KindSitemap] = true
		default:
			sp.key(lang, key)
		}
	}
	if o != nil && n != nil && reflect.DeepEqual(o.Meta, n.Meta) && !slices.Equal(headings(o.Body), headings(n.Body)) {
		// Links to the page's headings are checked again.
		base := path.Base(key)
		p.linkers(cur, sites, lang, base+".md", base+"."+lang+".md")
	}
}

// linkers re-renders the pages in lang ("" for any) of the sites listed
// whose Markdown mentions one of names, as a link to a file does.
func (p *plan) linkers(cur *build.Project, sites []string, lang string, names ...string) {
	mentions := func(pg *site.Page) bool {
		if lang != "" && pg.Lang != lang {
			return false
		}
		for _, n := range names {
			if bytes.Contains(pg.Body, []byte(n)) {
				return true
			}
		}
		return false
	}
	var shared []*site.Page
	for _, pg := range cur.Shared {
		if mentions(pg) {
			shared = append(shared, pg)
		}
	}
	for _, c := range cur.Communes {
		if !slices.Contains(sites, c.Profile.Slug) {
			continue
		}
		sp := p.site(c.Profile.Slug)
		for _, pg := range shared {
			sp.key(pg.Lang, pg.Key)
		}
		for _, pg := range c.Pages {
			if mentions(pg) {
				sp.key(pg.Lang, pg.Key)
			}
		}
	}
}

// sitesShowing lists the sites where the shared page key in lang shows:
// those that do not replace it with a page of their own.
func sitesShowing(cur *build.Project, key, lang string) []string {
	var out []string
	for _, c := range cur.Communes {
		own := slices.ContainsFunc(c.Pages, func(pg *site.Page) bool { return pg.Key == key && pg.Lang == lang })
		if !own {
			out = append(out, c.Profile.Slug)
		}
	}
	return out
}

// ancestors lists the keys of the section pages above key, up to the
// home page ("index"), whether they exist or not.
func ancestors(key string) []string {
	var out []string
	dir := path.Dir(key)
	if strings.HasSuffix(key, "/index") {
		dir = path.Dir(dir)
	}
	if key == "index" {
		return nil
	}
	for dir != "." {
		out = append(out, dir+"/index")
		dir = path.Dir(dir)
	}
	return append(out, "index")
}

// headings returns the lines of a Markdown body that are, or may be,
// headings: those starting with "#", and those underlined by a line of
// "=" or "-".
func headings(body []byte) []string {
	var out []string
	lines := bytes.Split(body, []byte("\n"))
	for i, l := range lines {
		t := bytes.TrimSpace(l)
		if bytes.HasPrefix(t, []byte("#")) {
			out = append(out, string(t))
			continue
		}
		if i > 0 && len(t) > 0 && (len(bytes.Trim(t, "=")) == 0 || len(bytes.Trim(t, "-")) == 0) {
			out = append(out, string(bytes.TrimSpace(lines[i-1]))+"\n"+string(t))
		}
	}
	return out
}

// samePage reports whether two loads of a page are the same.
func samePage(a, b *site.Page) bool {
	return a.Key == b.Key && a.Lang == b.Lang && a.Commune == b.Commune && a.BodyLine == b.BodyLine &&
		bytes.Equal(a.Body, b.Body) && reflect.DeepEqual(a.Meta, b.Meta)
}

// sitesOf indexes a project's commune sites by slug.
func sitesOf(p *build.Project) map[string]*render.Commune {
	m := make(map[string]*render.Commune, len(p.Communes))
	for _, c := range p.Communes {
		m[c.Profile.Slug] = c
	}
	return m
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

// communeFile splits "communes/<slug>/<rest>".
func communeFile(f string) (slug, rest string, ok bool) {
	r, ok := strings.CutPrefix(f, project.CommunesDir+"/")
	if !ok {
		return "", "", false
	}
	slug, rest, ok = strings.Cut(r, "/")
	return slug, rest, ok
}

// staticChange is a static file of a site changed, added or gone.
type staticChange struct {
	rel   string
	added bool
	gone  bool
}

// staticDiff compares two lists of static files (path in the site →
// file on disk) given the files changed on disk.
func staticDiff(old, cur map[string]string, changed map[string]bool) []staticChange {
	var out []staticChange
	for _, rel := range slices.Sorted(maps.Keys(union(old, cur))) {
		o, had := old[rel]
		c, has := cur[rel]
		switch {
		case !has:
			out = append(out, staticChange{rel: rel, gone: true})
		case !had:
			out = append(out, staticChange{rel: rel, added: true})
		case o != c || changed[filepath.Clean(c)]:
			out = append(out, staticChange{rel: rel})
		}
	}
	return out
}
