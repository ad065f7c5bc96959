package render

import (
	"slices"
	"strconv"
	"strings"
	"sync"
)

// OutputID names one output of a render, or one piece of rendering work
// that writes several files together (the open data): which site, in which
// language, what it is and, for a page or a static file, which one. The
// live server asks Options.Select about each to render only what a change
// touches.
type OutputID struct {
	// Site is the commune's slug; "" for the programme portal.
	Site string
	// Lang is the language of the output; "" for those in no language
	// (static files, sitemaps, the 404 page, which says it in every one).
	Lang string
	Kind Kind
	// Key is the page's key for KindPage, the path relative to the site's
	// root for KindStatic, and "" for the others.
	Key string
}

// Kind is what an output is.
type Kind uint8

// The kinds of outputs.
const (
	// KindPage is a content page, written from Markdown or from the
	// commune's records, by key.
	KindPage Kind = iota + 1
	// KindStatic is a file published as it is, by path.
	KindStatic
	// KindLanguages is a site's page of languages, at its root.
	KindLanguages
	// KindNotFound is the 404 page of a site or of the portal.
	KindNotFound
	// KindSitemap is a site's sitemap, or the portal's sitemap and the
	// sitemap index.
	KindSitemap
	KindRobots
	KindHtaccess
	// KindOpenData is the commune's records as CSV tables and JSON.
	KindOpenData
	// KindFeed and KindCalendar list a site's news and events in a
	// language.
	KindFeed
	KindCalendar
	// KindSearchIndex is the search index of a site in a language.
	KindSearchIndex
	// KindPortal is the portal's page in a language.
	KindPortal
)

var kindNames = [...]string{KindPage: "page", KindStatic: "static", KindLanguages: "languages", KindNotFound: "404",
	KindSitemap: "sitemap", KindRobots: "robots", KindHtaccess: "htaccess", KindOpenData: "opendata", KindFeed: "feed",
	KindCalendar: "calendar", KindSearchIndex: "search-index", KindPortal: "portal"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// String shows the identity in messages and test failures, as
// site/lang/kind/key with the empty parts left out.
func (id OutputID) String() string {
	parts := []string{id.Site, id.Lang, id.Kind.String(), id.Key}
	if id.Site == "" {
		parts[0] = "portal"
	}
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), "/")
}

// wants reports whether Select accepts the output id; a job without a
// kind is always run.
func (r *renderer) wants(id OutputID) bool {
	return r.opt.Select == nil || id.Kind == 0 || r.opt.Select(id)
}

// Record is what a render knows of its outputs, for the live server to
// tell, after a render that Select limited, which files of the previous
// one are still outputs of the project.
type Record struct {
	// Outputs are the identities of the outputs, by path relative to the
	// output folder: every output planned, whether Select kept it or not
	// (a planned file may not be written: the sitemap of a site without
	// an address).
	Outputs map[string]OutputID
	// Layouts are the page layouts (e.g. "pages/guide.html") that the
	// outputs rendered ran, by output.
	Layouts map[OutputID]string

	mu sync.Mutex
}

// ranLayout records that the output at path ran the page layout name.
func (rec *Record) ranLayout(path, name string) {
	if rec == nil {
		return
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.Layouts == nil {
		rec.Layouts = map[OutputID]string{}
	}
	rec.Layouts[rec.Outputs[path]] = name
}

// add records the outputs of jobs; it is safe for concurrent use.
func (rec *Record) add(jobs []job) {
	if rec == nil {
		return
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	if rec.Outputs == nil {
		rec.Outputs = map[string]OutputID{}
	}
	for _, j := range jobs {
		for _, p := range j.out {
			id := j.id
			if p.id.Kind != 0 {
				id = p.id
			}
			rec.Outputs[p.path] = id
		}
	}
}
