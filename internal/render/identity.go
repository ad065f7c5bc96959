package render

import (
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// OutputID names one output of a render, or one piece of rendering work
// that writes several files together (the open data): which site, in which
// language, what it is and, for a page or a static file, which one. The
// live server keeps what each read (see Record) to render again only what
// a change touches.
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

// wants reports whether the output id of the site cs (nil for the
// portal) is to be rendered: Select accepts it and, with
// Options.Previous, it is new or a value it read has changed since. A job
// without a kind is always run.
func (r *renderer) wants(cs *communeSite, id OutputID) bool {
	if id.Kind == 0 {
		return true
	}
	if r.opt.Select != nil && !r.opt.Select(id) {
		return false
	}
	return r.stale(cs, id)
}

// stale reports whether the output id must be rendered again: the
// previous render did not record it, or a value it read then has changed.
// An output that need not be rendered keeps its reads in the new record.
func (r *renderer) stale(cs *communeSite, id OutputID) bool {
	prev := r.opt.Previous
	if prev == nil {
		return true
	}
	rs := prev.reads[id]
	if rs == nil {
		return true
	}
	for i, d := range rs.deps {
		if r.changed(cs, d, rs.sums[i]) {
			return true
		}
	}
	r.opt.Record.carry(id, rs)
	return false
}

// Record is what a render knows of its outputs: which exist, which it
// rendered, and what each read (see reads.go). The live server keeps it
// to pass as Options.Previous to the next render, and to tell which files
// of the previous one are still outputs of the project.
type Record struct {
	// Outputs are the identities of the outputs, by path relative to the
	// output folder: every output planned, rendered or not (a planned
	// file may not be written: the sitemap of a site without an address).
	Outputs map[string]OutputID
	// Rendered are the outputs this render ran; the others are as the
	// render of Options.Previous left them.
	Rendered map[OutputID]bool

	mu    sync.Mutex
	seed  maphash.Seed
	reads map[OutputID]*readSet // what each output read when last rendered
}

// readSet is what an output read, with the sum of each value then. It is
// not modified once made: a record shares it with the next.
type readSet struct {
	deps []dep
	sums []uint64
}

// Stands reports whether the output at path is one of the project's that
// this render did not run: the file the render of Options.Previous wrote
// there is still the output.
func (rec *Record) Stands(path string) bool {
	id, ok := rec.Outputs[path]
	return ok && !rec.Rendered[id]
}

// start prepares the record of a render that follows prev (nil for the
// first), returning the seed of the sums: the same as prev's, for the
// sums to compare.
func (rec *Record) start(prev *Record) maphash.Seed {
	seed := maphash.MakeSeed()
	if prev != nil {
		seed = prev.seed
	}
	if rec != nil {
		rec.seed = seed
	}
	return seed
}

// read records that the output id was rendered and read deps, whose sums
// are computed in the render r (cs is the output's site, nil for the
// portal). It is safe for concurrent use.
func (rec *Record) read(r *renderer, cs *communeSite, id OutputID, rd *reads) {
	if rec == nil || rd == nil {
		return
	}
	rs := &readSet{deps: make([]dep, 0, len(rd.deps)), sums: make([]uint64, 0, len(rd.deps))}
	for d := range rd.deps {
		rs.deps = append(rs.deps, d)
		rs.sums = append(rs.sums, r.sum(cs, d))
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.init()
	rec.Rendered[id] = true
	rec.reads[id] = rs
}

// carry keeps what the output id, not rendered again, read when it was.
func (rec *Record) carry(id OutputID, rs *readSet) {
	if rec == nil {
		return
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.init()
	rec.reads[id] = rs
}

func (rec *Record) init() {
	if rec.reads == nil {
		rec.reads = map[OutputID]*readSet{}
		rec.Rendered = map[OutputID]bool{}
	}
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
