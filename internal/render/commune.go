package render

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/site"
)

// NameOfParam is the placeholder of the commune's name as it follows a
// noun, with the preposition its language needs: "la commune
// {{ commune.name_of }}" reads "la commune d’El Ksiba".
const NameOfParam = "commune.name_of"

// communeSite is one commune's site: a tree per language and what its
// pages share.
type communeSite struct {
	r           *renderer
	in          *Commune
	commune     *site.Commune
	trees       []*tree // in the order of the site's languages
	static      map[string]string
	langCodes   map[string]bool
	params      map[string]map[string]string // by language
	base        string                       // absolute address of the site's root with a final "/", or ""
	gens        []*generated                 // pages made from the commune's records
	ind         indicators.Commune           // figures computed from the records
	communeView *CommuneView                 // what layouts see of the commune
	charts      map[string]*Charts           // by language
	partials    siteParts                    // see Partials.Site
	pageParts   memo[pagePartKey]            // see Partials.Page, for pages whose headings show the commune's facts
	edition     time.Time                    // see edition
	menusMu     sync.Mutex
	menus       map[string][]Link // by language and depth, see menu
	texts       searchTexts       // the text of the pages rendered, for the search index
	sums        sums[dep, uint64] // the sums of the values its outputs read, see reads.go
}

// plannedSite is the site of c with only what its outputs' paths need
// (see communeSite.jobs): its trees and static files. local are the
// commune's own pages, parsed or not.
func (r *renderer) plannedSite(c *Commune, shared, local []*doc) *communeSite {
	cs := &communeSite{r: r, in: c, commune: c.Profile, static: c.Static, langCodes: map[string]bool{}}
	cs.gens = append(r.recordPages(c.Profile), r.searchPage())
	for _, l := range r.in.Settings.Languages {
		cs.langCodes[l.Code] = true
		cs.trees = append(cs.trees, buildTree(l.Code, shared, local, cs.gens))
	}
	return cs
}

// staticErrors reports the static files of the site in a folder the
// site generates whole: a language's, or the open data's. A static file
// at the address of another output is reported with every collision of
// outputs (see checkPaths).
func (cs *communeSite) staticErrors() {
	for _, rel := range slices.Sorted(maps.Keys(cs.static)) {
		first, _, inFolder := strings.Cut(rel, "/")
		if !inFolder || !cs.langCodes[first] && first != OpenDataDir {
			continue
		}
		what := "the site's pages in " + first
		if first == OpenDataDir {
			what = "the site's open data"
		}
		e := diag.Errorf(diag.Pos{File: path.Join(project.CommunesDir, cs.commune.Slug, project.StaticDir, rel)},
			"a static file cannot be in the folder %s/, which holds %s", first, what)
		e.Hint = "move it to another folder of static/, such as docs/, and link it from there"
		cs.r.report(e)
	}
}

// newCommuneSite prepares the site of c for rendering; its outputs were
// checked (see renderer.checkOutputs).
func (r *renderer) newCommuneSite(c *Commune, shared, local []*doc) *communeSite {
	cs := r.plannedSite(c, shared, local)
	cs.params = map[string]map[string]string{}
	cs.menus = map[string][]Link{}
	cs.ind = indicators.For(c.Profile)
	cs.communeView = &CommuneView{Commune: c.Profile, facts: c.Facts}
	cs.charts = map[string]*Charts{}
	for _, l := range r.in.Settings.Languages {
		cs.charts[l.Code] = &Charts{fmt: r.fmts[l.Code], ind: &cs.ind}
		cs.params[l.Code] = c.Facts.In(l.Code, r.cats[l.Code])
		// The kind of commune and the name with its preposition follow
		// the interface strings, so that a new language needs no code.
		if typ, err := r.cats[l.Code].T("commune_type_" + string(c.Profile.Type)); err == nil {
			cs.params[l.Code]["commune.type"] = typ
		}
		if name, ok := cs.params[l.Code]["commune.name"]; ok {
			// NameOf replaces the rule in the languages it is written
			// in: it never falls back to another language's.
			of, in := c.Profile.NameOf.In(l.Code)
			if in != l.Code || of == site.ToWrite {
				of = r.cats[l.Code].NameOf(name)
			}
			cs.params[l.Code][NameOfParam] = of
		}
		// Typeset once: the pages' bodies, where they go, are typeset
		// before they are filled in (see renderer.body).
		rule := r.typo.Lookup(l.Code)
		for k, v := range cs.params[l.Code] {
			cs.params[l.Code][k] = rule.Text(v)
		}
	}
	cs.base = c.Profile.BaseURL
	if cs.base == "" && r.in.Settings.BaseURL != "" {
		cs.base = strings.TrimSuffix(r.in.Settings.BaseURL, "/") + "/" + c.Profile.Slug + "/"
	}
	if cs.base != "" && !strings.HasSuffix(cs.base, "/") {
		cs.base += "/"
	}
	cs.edition = edition(c.Profile, cs.trees)
	return cs
}

// id is the identity of an output of this commune site.
func (cs *communeSite) id(kind Kind, lang, key string) OutputID {
	return OutputID{Site: cs.commune.Slug, Lang: lang, Kind: kind, Key: key}
}

// out is the output path of a file of this commune site.
func (cs *communeSite) out(rel string) string { return cs.commune.Slug + "/" + rel }

// jobs lists the rendering work of the commune site, with the outputs
// of each piece.
func (cs *communeSite) jobs() []job {
	var jobs []job
	for _, rel := range slices.Sorted(maps.Keys(cs.static)) {
		jobs = append(jobs, job{id: cs.id(KindStatic, "", rel), out: []planned{{path: cs.out(rel), from: cs.staticSource(rel)}},
			run: func(rd *reads) error {
				rd.add(depStatic, "", rel)
				return cs.r.sink(Output{Path: cs.out(rel), Source: cs.static[rel]})
			}})
	}
	var data []planned
	for _, name := range openDataNames(cs.r.langs) {
		data = append(data, planned{path: cs.out(OpenDataDir + "/" + name), what: "the site's open data"})
	}
	jobs = append(jobs,
		job{id: cs.id(KindLanguages, "", ""), out: ownFile(cs.out("index.html"), "the site's page of languages"), run: cs.languagesPage},
		job{id: cs.id(KindNotFound, "", ""), out: ownFile(cs.out("404.html"), "the site's 404 page"), run: cs.notFoundPage},
		job{id: cs.id(KindSitemap, "", ""), out: ownFile(cs.out("sitemap.xml"), "the site's sitemap"), run: cs.sitemap},
		job{id: cs.id(KindRobots, "", ""), out: ownFile(cs.out("robots.txt"), "the site's robots.txt"), run: cs.robots},
		job{id: cs.id(KindOpenData, "", ""), out: data, run: cs.openData},
		job{id: cs.id(KindHtaccess, "", ""), out: ownFile(cs.out(".htaccess"), "the site's .htaccess"), run: cs.htaccess},
	)
	for _, t := range cs.trees {
		jobs = append(jobs,
			job{id: cs.id(KindFeed, t.lang, ""), out: ownFile(cs.out(t.lang+"/feed.xml"), "the site's feed in "+t.lang),
				run: func(rd *reads) error { return cs.feed(rd, t) }},
			job{id: cs.id(KindCalendar, t.lang, ""), out: ownFile(cs.out(t.lang+"/calendar.ics"), "the site's calendar in "+t.lang),
				run: func(rd *reads) error { return cs.calendar(rd, t) }})
		if t.home == nil {
			jobs = append(jobs, job{run: func(*reads) error {
				return diag.Errorf(diag.Pos{File: path.Join(project.ContentDir, "index."+t.lang+".md")}, "the site has no home page in %q", t.lang)
			}})
		}
		for _, n := range t.nodes {
			out := []planned{{path: cs.out(n.file()), from: pageSource(n, cs.commune.Slug)}}
			if n.page.Key == SearchKey {
				// Written after the pages, by searchIndex.
				out = append(out, planned{path: cs.out(n.dir + "/" + searchIndexFile), what: "the site's search index in " + t.lang,
					id: cs.id(KindSearchIndex, t.lang, "")})
			}
			jobs = append(jobs, job{id: cs.id(KindPage, t.lang, n.page.Key), out: out, run: func(rd *reads) error { return cs.page(rd, t, n) }})
		}
	}
	if cs.r.opt.extra != nil {
		jobs = append(jobs, cs.r.opt.extra(cs)...)
	}
	return jobs
}

// view prepares the data common to every page of one language whose
// links start with base: the way up to the site's root from the page's
// folder (rootOf), or "/" on a page served at any address. Its layout
// may link to any page of the language (Links.Page).
func (cs *communeSite) view(rd *reads, t *tree, base string) *View {
	rd.add(depShape, t.lang, "")
	rd.add(depMenu, t.lang, "")
	lang := cs.r.in.Settings.Languages[slices.Index(cs.r.langs, t.lang)]
	v := &View{
		SiteName:  cs.commune.Name.Get(t.lang),
		Lang:      lang,
		Langs:     cs.r.in.Settings.Languages,
		Commune:   cs.communeView,
		CSSURL:    base + "css/style.css",
		FeedURL:   base + escapePath(t.lang+"/feed.xml"),
		Fmt:       cs.r.fmts[t.lang],
		Links:     Links{tree: t, base: base, langs: cs.r.langs},
		Charts:    cs.charts[t.lang],
		layouts:   cs.in.Layouts,
		siteParts: &cs.partials,
		typo:      cs.r.typo,
	}
	v.Partials = Partials{v}
	if t.home != nil {
		v.HomeURL = base + escapePath(t.home.file())
	}
	if cs.commune.Logo != "" {
		v.LogoURL = base + escapePath(cs.commune.Logo)
	}
	if n := t.byKey[SearchKey]; n != nil {
		v.SearchURL = base + escapePath(n.file())
	}
	v.Menu = cs.menu(t, base)
	return v
}

// menu returns the main menu of a page of tree t whose links start with
// base: a copy, for the page to mark its entry, of the links made once
// per base.
func (cs *communeSite) menu(t *tree, base string) []Link {
	key := t.lang + "\x00" + base
	cs.menusMu.Lock()
	defer cs.menusMu.Unlock()
	links, ok := cs.menus[key]
	if !ok {
		for _, m := range t.menu {
			links = append(links, Link{Title: m.page.Meta.Title, URL: base + escapePath(m.file())})
		}
		cs.menus[key] = links
	}
	return slices.Clone(links)
}

// addNews lists the commune's news and events in this language, newest
// first (for the home page and the feed only: other pages do not show them).
func (cs *communeSite) addNews(rd *reads, v *View, t *tree, dir string) {
	rd.add(depNews, t.lang, "")
	for _, n := range t.nodes {
		switch n.page.Meta.Kind {
		case site.KindNews:
			v.News = append(v.News, cs.pageView(n, dir))
		case site.KindEvent:
			v.Events = append(v.Events, cs.pageView(n, dir))
		}
	}
	newest := func(a, b *PageView) int {
		return cmp.Or(b.Date.Compare(a.Date.Time), strings.Compare(a.Key, b.Key))
	}
	slices.SortFunc(v.News, newest)
	slices.SortFunc(v.Events, newest)
}

func (cs *communeSite) pageView(n *node, dir string) *PageView {
	m := &n.page.Meta
	return &PageView{Key: n.page.Key, Title: m.Title, Description: m.Description, Kind: m.Kind,
		URL: relURL(dir, n.file()), Date: m.Date, Meta: m, IsSection: n.isSection()}
}

// page renders one content page, and keeps its text for the search index.
func (cs *communeSite) page(rd *reads, t *tree, n *node) error {
	return cs.pageHTML(rd, t, n, func(html []byte, minified bool) error {
		cs.keepText(t, n, html)
		return cs.r.sink(Output{Path: cs.out(n.file()), Data: html, Minified: minified})
	})
}

// pageHTML renders one content page and hands its HTML to then, which must
// not keep it (the buffer is reused), recording in rd what it reads.
func (cs *communeSite) pageHTML(rd *reads, t *tree, n *node, then func(html []byte, minified bool) error) error {
	v := cs.view(rd, t, rootOf(n.dir))
	v.Page = cs.pageView(n, n.dir)
	v.Title = n.page.Meta.Title
	v.Description = n.page.Meta.Description
	rd.page(t.lang, n.page.Key)
	rd.add(depBody, t.lang, n.page.Key)
	rd.add(depTitle, t.lang, v.Title)
	if t.titles[v.Title] > 1 && n.parent != nil {
		v.TitleSection = n.parent.page.Meta.Title
	}
	v.Layout = cs.layoutOf(n)
	rd.add(depLayout, "", v.Layout)
	if n.gen != nil {
		v.Record = n.gen.record
	}
	ancestors := n.ancestors()
	for i := range v.Menu {
		m := t.menu[i]
		v.Menu[i].Current = m == n
		v.Menu[i].Ancestor = m != n && slices.Contains(ancestors, m)
	}
	for _, a := range ancestors {
		rd.page(t.lang, a.page.Key)
		v.Crumbs = append(v.Crumbs, Link{Title: a.page.Meta.Title, URL: relURL(n.dir, a.file())})
	}
	for _, k := range n.kids {
		rd.page(t.lang, k.page.Key)
		v.Children = append(v.Children, cs.pageView(k, n.dir))
	}
	if n.md != nil {
		var varies bool // the headings show the commune's facts
		params := cs.params[t.lang]
		for _, h := range n.md.Headings() {
			if h.Level == 2 {
				if h.Filled() {
					varies = true
					h.Text = h.Fill(func(name string) (string, bool) { v, ok := params[name]; return v, ok })
				}
				v.TOC = append(v.TOC, h)
			}
		}
		if _, shared := cs.r.bodies.Load(n.md); shared {
			v.pageScope = &pageScope{parts: &cs.r.pageParts, key: pagePartKey{layouts: cs.in.Layouts, doc: n.md}}
			if varies {
				// Kept with the site, not for the whole rendering.
				v.pageScope.parts = &cs.pageParts
			}
		}
	}
	for i, other := range cs.trees {
		lang := cs.r.in.Settings.Languages[i]
		rd.add(depAddr, other.lang, n.page.Key)
		rd.add(depAddr, other.lang, "index")
		tr, ok := other.byKey[n.page.Key]
		if cs.base != "" && ok {
			v.Alternates = append(v.Alternates, LangLink{Lang: lang, URL: cs.base + escapePath(tr.dir) + "/"})
		}
		if other == t {
			continue
		}
		switch {
		case ok:
			v.Switch = append(v.Switch, LangLink{Lang: lang, URL: relURL(n.dir, tr.file())})
		case other.home != nil:
			v.Switch = append(v.Switch, LangLink{Lang: lang, URL: relURL(n.dir, other.home.file()), Missing: true})
		}
	}
	if cs.base != "" {
		v.Canonical = cs.base + escapePath(n.dir) + "/"
	}
	if n == t.home {
		v.Alternates = cs.homeAlternates(rd)
	}
	if n == t.home || n.page.Key == ResultsKey {
		v.Indicators = &cs.ind
	}
	if n == t.home {
		cs.addNews(rd, v, t, n.dir)
		v.Figures = cs.figures(v)
		v.JSONLD = communeJSONLD(cs.commune, cs.base, t.lang, cs.r.typo.Lookup(t.lang))
		v.Services = cs.services(rd, t, n.dir)
	}
	if n.page.Key == SearchKey {
		rd.add(depGuides, t.lang, "")
		v.AZ = cs.azIndex(t, n.dir)
		v.SearchIndexURL = searchIndexFile
	}

	if n.md != nil {
		body := cs.r.buffer()
		defer cs.r.release(body)
		e := &env{site: cs, tree: t, node: n, params: cs.params[t.lang], reads: rd}
		page, typeset := cs.r.body(n.md)
		if errs := page.Render(body, e); errs.HasErrors() {
			cs.r.reportIn(cs.in, t.lang, errs)
			return nil
		}
		v.Content = htmlOf(body.Bytes())
		if typeset {
			v.typeset = append(v.typeset, body.Bytes())
		}
	}
	return cs.r.execute(cs.in.Layouts, v.Layout, v, then)
}

// layoutOf is the page layout of node n.
func (cs *communeSite) layoutOf(n *node) string {
	if n.gen != nil {
		return n.gen.layout
	}
	return layoutFor(cs.in.Layouts, n)
}

// services are the pages the home page lists first: those of the
// profile, else of tadafor.yaml, else site.DefaultServices; a page the
// site does not have in t's language is left out.
func (cs *communeSite) services(rd *reads, t *tree, dir string) []*PageView {
	list := cs.commune.Services
	if list == nil {
		list = cs.r.in.Settings.Services
	}
	if list == nil {
		list = site.DefaultServices
	}
	var out []*PageView
	for _, key := range list {
		if n := t.lookup(rd, key); n != nil {
			out = append(out, cs.pageView(n, dir))
		}
	}
	return out
}

// figures are the commune's key figures for the home page.
func (cs *communeSite) figures(v *View) []Figure {
	c := cs.commune
	var figs []Figure
	f := v.Fmt
	add := func(labelKey, value, note string) {
		label, err := f.T(labelKey)
		if err != nil {
			label = labelKey
		}
		figs = append(figs, Figure{Label: label, Value: value, Note: note})
	}
	year, _ := f.T("census_year", "year", site.Year(c.CensusYear))
	add("population_label", f.Num(c.Population), year)
	if facts := cs.in.Facts; facts != nil {
		add("petition_threshold_label", f.Num(facts.PetitionSignatures), "")
	}
	ind := &cs.ind
	if ind.Petitions.Filed > 0 {
		add("ind_petitions_filed", f.Num(ind.Petitions.Filed), "")
	}
	if ind.Council.Total > 0 {
		add("ind_women_council", f.percent(ind.Council.Percent), "")
	}
	if ind.Projects.Retained > 0 {
		add("ind_projects_retained", f.Num(ind.Projects.Retained), "")
	}
	add("region", c.RegionName.Get(v.Lang.Code), "")
	add("province", c.ProvinceName.Get(v.Lang.Code), "")
	return figs
}
