package render

import (
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	deps, ok := prev.reads[id]
	if !ok {
		return true
	}
	for _, i := range deps {
		if r.depChanged(cs, i) {
			return true
		}
	}
	r.opt.Record.carry(id, deps)
	return false
}

// depChanged reports whether the value of Previous's dep i has changed,
// finding it out once per render.
func (r *renderer) depChanged(cs *communeSite, i int32) bool {
	v := &r.verdicts[i]
	switch v.Load() {
	case verdictSame:
		return false
	case verdictChanged:
		return true
	}
	changed := r.changed(cs, r.prevDeps[i], r.opt.Previous.sums[i])
	if changed {
		v.Store(verdictChanged)
	} else {
		v.Store(verdictSame)
	}
	return changed
}

// The verdicts on the deps of Options.Previous.
const (
	verdictUnknown = iota
	verdictSame
	verdictChanged
)

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

	mu   sync.Mutex
	seed maphash.Seed
	deps *depTable
	// reads are what each output read, by index in deps; sums the sum of
	// each value of deps as this render found it (or the previous, for
	// one no output rendered now read).
	reads map[OutputID][]int32
	sums  []uint64
}

// depTable numbers the deps of a line of records, each render's adding
// those it meets first: an output's reads are a list of numbers, which a
// record shares with the next when the output is not rendered again.
type depTable struct {
	mu    sync.Mutex
	index map[dep]int32
	deps  []dep
}

// number returns the number of d, giving it one the first time.
func (t *depTable) number(d dep) int32 {
	t.mu.Lock()
	defer t.mu.Unlock()
	i, ok := t.index[d]
	if !ok {
		i = int32(len(t.deps))
		t.index[d] = i
		t.deps = append(t.deps, d)
	}
	return i
}

// Stands reports whether the output at path is one of the project's that
// this render did not run: the file the render of Options.Previous wrote
// there is still the output.
func (rec *Record) Stands(path string) bool {
	id, ok := rec.Outputs[path]
	return ok && !rec.Rendered[id]
}

// start prepares r to record in rec what a render that follows prev (nil
// for the first) reads: the sums are taken with the same seed as prev's,
// for them to compare, and the deps numbered in the same table.
func (r *renderer) start(rec, prev *Record) {
	r.fp.seed = maphash.MakeSeed()
	table := &depTable{index: map[dep]int32{}}
	if prev != nil {
		r.fp.seed = prev.seed
		table = prev.deps
		table.mu.Lock()
		r.prevDeps = table.deps[:len(prev.sums):len(prev.sums)]
		table.mu.Unlock()
		r.verdicts = make([]atomic.Int32, len(prev.sums))
	}
	if rec != nil {
		rec.seed = r.fp.seed
		rec.deps = table
		if prev != nil {
			rec.sums = slices.Clone(prev.sums)
		}
	}
}

// read records that the output id was rendered and read what rd
// collected, whose sums are computed in the render r (cs is the
// output's site, nil for the portal). It is safe for concurrent use.
func (rec *Record) read(r *renderer, cs *communeSite, id OutputID, rd *reads) {
	if rec == nil || rd == nil {
		return
	}
	deps := make([]int32, 0, len(rd.deps))
	sums := make([]uint64, 0, len(rd.deps))
	for d := range rd.deps {
		deps = append(deps, rec.deps.number(d))
		sums = append(sums, r.sum(cs, d))
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.init()
	rec.Rendered[id] = true
	rec.reads[id] = deps
	for k, i := range deps {
		if int(i) >= len(rec.sums) {
			rec.sums = append(rec.sums, make([]uint64, int(i)+1-len(rec.sums))...)
		}
		rec.sums[i] = sums[k]
	}
}

// carry keeps what the output id, not rendered again, read when it was.
func (rec *Record) carry(id OutputID, deps []int32) {
	if rec == nil {
		return
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	rec.init()
	rec.reads[id] = deps
}

func (rec *Record) init() {
	if rec.reads == nil {
		rec.reads = map[OutputID][]int32{}
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
