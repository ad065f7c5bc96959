package render

import (
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/project"
)

// job is one piece of rendering work with the outputs it may write,
// known before anything is rendered, so that two outputs at one address
// are found before a file is written.
type job struct {
	// id is what Options.Select is asked; a job without a kind (an error to
	// report) runs whatever Select says.
	id  OutputID
	out []planned
	// run renders the outputs, recording in rd what it reads (see
	// reads.go) beyond what every output reads: the settings and
	// interface strings, and for a commune site's, its profile and shared
	// layouts. Static files read only themselves.
	run func(rd *reads) error
}

// planned is the path of an output, relative to the output folder, and
// where it comes from: a source file (at the slug that gave the address,
// when one did) or, for a file the site makes itself, what it is.
type planned struct {
	path string
	from diag.Pos
	what string
	// portal is set on an output of the portal checked with a site's.
	portal bool
	// id, when set, is the output's own identity, which its job's does
	// not say (the search index, planned with the search page).
	id OutputID
}

// source names where an output comes from, for messages.
func (p planned) source() string {
	if p.from.File != "" {
		return p.from.String()
	}
	return p.what
}

// ownFile plans a file the site makes itself.
func ownFile(path, what string) []planned { return []planned{{path: path, what: what}} }

// pageSource is where the address of a page comes from: its slug when it
// has one, its file, or the commune's records for a page made from them.
func pageSource(n *node, slug string) diag.Pos {
	switch {
	case n.page.File == "":
		return diag.Pos{File: path.Join(project.CommunesDir, slug, project.DataDir)}
	case n.page.Meta.Slug != "":
		return n.page.SlugPos
	}
	return diag.Pos{File: n.page.File}
}

// staticSource is the file a static output of the commune site copies,
// relative to the project root.
func (cs *communeSite) staticSource(rel string) diag.Pos {
	th := cs.r.in.Theme
	if th.Static[rel] == cs.static[rel] {
		return diag.Pos{File: path.Join(project.ThemesDir, th.Name, project.StaticDir, rel)}
	}
	return diag.Pos{File: path.Join(project.CommunesDir, cs.commune.Slug, project.StaticDir, rel)}
}

// portalJobs are the programme portal's outputs: the theme's static files
// and a page per language.
func (r *renderer) portalJobs() []job {
	in := r.in
	var jobs []job
	for _, rel := range slices.Sorted(maps.Keys(in.Theme.Static)) {
		from := diag.Pos{File: path.Join(project.ThemesDir, in.Theme.Name, project.StaticDir, rel)}
		jobs = append(jobs, job{id: OutputID{Kind: KindStatic, Key: rel}, out: []planned{{path: rel, from: from}},
			run: func(rd *reads) error {
				rd.add(depStatic, "", rel)
				return r.sink(Output{Path: rel, Source: in.Theme.Static[rel]})
			}})
	}
	jobs = append(jobs, job{id: OutputID{Kind: KindHtaccess}, out: ownFile(".htaccess", "the portal's .htaccess"),
		run: func(*reads) error { return r.emit(".htaccess", Htaccess("")) }})
	for i, l := range in.Settings.Languages {
		file := "index.html"
		if i > 0 {
			file = l.Code + "/index.html"
		}
		jobs = append(jobs, job{id: OutputID{Lang: l.Code, Kind: KindPortal}, out: ownFile(file, "the portal's page in "+l.Code),
			run: func(rd *reads) error { return r.portal(rd, l) }})
	}
	jobs = append(jobs,
		job{id: OutputID{Kind: KindRobots}, out: ownFile("robots.txt", "the portal's robots.txt"), run: r.portalRobots},
		job{id: OutputID{Kind: KindSitemap}, out: []planned{{path: "sitemap.xml", what: "the portal's sitemap index"}, {path: PortalSitemap, what: "the portal's sitemap"}}, run: r.portalSitemaps},
		job{id: OutputID{Kind: KindNotFound}, out: ownFile("404.html", "the portal's 404 page"), run: r.portalNotFound})
	return jobs
}

// checkOutputs reports every output path planned twice, or twice but
// for the case of its letters (which macOS, Windows and many hosts cannot
// keep apart), or planned both as a file and as a folder, at the
// position of each source. portal are the outputs of the portal, which
// share the output folder with the sites; the outputs of each site are
// planned, checked and dropped one site at a time.
//
// A static file that would hide a page the site makes is reported in
// r.errs.
func (r *renderer) checkOutputs(ctx context.Context, portal []job, shared []*doc) diag.List {
	var errs diag.List
	var portalOut []planned
	for _, j := range portal {
		portalOut = append(portalOut, j.out...)
	}
	checkPaths(&errs, "", portalOut)
	r.opt.Record.add(portal)
	siteErrs := make([]diag.List, len(r.in.Communes))
	par.Each(len(r.in.Communes), func(i int) {
		if ctx.Err() != nil {
			return
		}
		// The paths need no Markdown parsed.
		c := r.in.Communes[i]
		local := make([]*doc, len(c.Pages))
		for j, p := range c.Pages {
			local[j] = &doc{page: p}
		}
		cs := r.plannedSite(c, shared, local)
		cs.staticErrors()
		// The site's outputs, and the portal's in its folder or at its name.
		site := cs.commune.Slug + "/"
		var all []planned
		jobs := cs.jobs()
		r.opt.Record.add(jobs)
		for _, j := range jobs {
			all = append(all, j.out...)
		}
		for _, p := range portalOut {
			if low := strings.ToLower(p.path + "/"); strings.HasPrefix(low, strings.ToLower(site)) {
				p.portal = true
				all = append(all, p)
			}
		}
		checkPaths(&siteErrs[i], site, all)
	})
	for _, l := range siteErrs {
		errs = append(errs, l...)
	}
	if err := ctx.Err(); err != nil {
		r.report(err)
	}
	return errs
}

// checkPaths reports the outputs of all that collide. Messages name the
// paths of a site's outputs without the prefix site, so that two shared
// pages colliding in every site are reported once.
func checkPaths(errs *diag.List, site string, all []planned) {
	seen := make(map[string]planned, len(all)) // by path in lower case
	for _, p := range all {
		key := strings.ToLower(p.path)
		q, dup := seen[key]
		if !dup {
			seen[key] = p
			continue
		}
		show := shower(site, p, q)
		conflict(errs, p, q, func(x, y planned) string {
			if x.path == y.path {
				return fmt.Sprintf("two outputs at one address: %s is also written by %s", show(x.path), y.source())
			}
			return fmt.Sprintf("%s and %s differ only in the case of their letters, which macOS, Windows and many hosts cannot keep apart: the other is written by %s",
				show(x.path), show(y.path), y.source())
		})
	}
	blocking := map[string]bool{} // files in the way of folders, reported once each
	for _, p := range all {
		for dir := path.Dir(p.path); dir != "."; dir = path.Dir(dir) {
			q, ok := seen[strings.ToLower(dir)]
			if !ok {
				continue
			}
			if !blocking[q.path] {
				blocking[q.path] = true
				show := shower(site, p, q)
				conflict(errs, p, q, func(x, y planned) string {
					if x == p {
						return fmt.Sprintf("%s needs the folder %s, where %s writes a file", show(p.path), show(q.path), y.source())
					}
					return fmt.Sprintf("the file %s is in the way of the folder that %s needs for %s", show(q.path), y.source(), show(p.path))
				})
			}
			break
		}
	}
}

// shower returns how paths are shown in the message about a and b:
// without the prefix site, unless one is the portal's.
func shower(site string, a, b planned) func(string) string {
	if a.portal || b.portal {
		return func(p string) string { return p }
	}
	return func(p string) string { return strings.TrimPrefix(p, site) }
}

// conflict reports that a and b cannot both be written, at the position
// of each that has one; message says it at x, naming y.
func conflict(errs *diag.List, a, b planned, message func(x, y planned) string) {
	const hint = "change the slug of one of them, or rename its file"
	if a.from.File == "" && b.from.File == "" {
		errs.Add(diag.Pos{}, "%s", message(a, b))
		return
	}
	for i, x := range [][2]planned{{a, b}, {b, a}} {
		if x[0].from.File != "" && (i == 0 || a.from != b.from) {
			errs.Add(x[0].from, "%s", message(x[0], x[1])).Hint = hint
		}
	}
}

// Outputs returns the path of every output Render may write for in,
// sorted (a file such as the sitemap of a site without an address is
// planned, not written), or the problems that keep in from rendering,
// which Render would report.
func Outputs(ctx context.Context, in *Project) ([]string, diag.List) {
	r := newRenderer(in, Options{}, func(Output) error { return nil })
	shared := r.parseShared(ctx)
	var sites []*communeSite
	for _, c := range in.Communes {
		if cs := r.openSite(ctx, c, shared); cs != nil {
			cs.staticErrors()
			sites = append(sites, cs)
		}
	}
	if len(r.errs) > 0 {
		return nil, r.result()
	}
	var jobs []job
	if in.Portal {
		jobs = r.portalJobs()
	}
	for _, cs := range sites {
		jobs = append(jobs, cs.jobs()...)
	}
	var paths []string
	for _, j := range jobs {
		for _, p := range j.out {
			paths = append(paths, p.path)
		}
	}
	slices.Sort(paths)
	return paths, nil
}
