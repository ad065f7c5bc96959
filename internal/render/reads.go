package render

import (
	"hash/maphash"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
)

// While a render runs with Options.Record, each output records the values
// it reads (deps) where they are looked up: the site's pages, its trees,
// its profile, its layouts and static files, the settings and interface
// strings. The record keeps a fingerprint (sum) of each value, taken of
// the value itself rather than of the file it comes from, so that a file
// saved unchanged changes nothing. A render given that record as
// Options.Previous renders again only the outputs that read a value whose
// sum changed, and those it did not know; so an output written in render
// is rebuilt by the live server without the server knowing what it is.
//
// Some deps are coarse on purpose, where a finer record would cost more
// than it saves or depend on what a theme does: every page of a language
// reads the addresses of all its pages (a layout may link to any, see
// Links.Page), and every output of a site its whole profile, its records
// and the layouts its page layout shares (base and partials).

// depKind is what kind of value an output read.
type depKind uint8

const (
	// depProject is the settings and the interface strings: every output
	// reads them.
	depProject depKind = iota + 1
	// depCommunes is every commune's profile and records (the portal).
	depCommunes
	// depProfile is a site's profile, records and facts.
	depProfile
	// depLayouts is what a site's page layouts share (base, partials) and
	// which page layouts exist; depLayout one page layout's own file.
	depLayouts
	depLayout
	// depStatic is a static file of a site, or of the portal, by path.
	depStatic
	// depShape is the key and address of every page of a site in a
	// language; depMenu its menu, titles and addresses.
	depShape
	depMenu
	// depPage is a page's front matter, address and kind, or its
	// absence; depBody its Markdown; depIDs the anchors of its headings;
	// depAddr its address alone.
	depPage
	depBody
	depIDs
	depAddr
	// depTitle is how many pages of the language have the title key.
	depTitle
	// depNews, depGuides and depAll are the front matter and address of
	// a language's news and events, of its guides and procedures, and of
	// every page.
	depNews
	depGuides
	depAll
	// depEdition is the site's edition date (see edition).
	depEdition
)

// dep names one value an output read.
type dep struct {
	kind depKind
	site string // the commune's slug; "" for the portal and the project
	lang string
	key  string
}

// reads collects the deps of one output while it renders. A nil *reads
// records nothing: a render without Options.Record pays for nothing else.
// It is used by one goroutine.
type reads struct {
	site string
	deps map[dep]struct{}
}

// newReads returns what collects the reads of an output of site ("" for
// the portal), or nil when the render keeps no record.
func (r *renderer) newReads(site string) *reads {
	if r.opt.Record == nil {
		return nil
	}
	return &reads{site: site, deps: map[dep]struct{}{}}
}

// add records that the output read the value of kind in lang at key.
func (rd *reads) add(kind depKind, lang, key string) {
	if rd == nil {
		return
	}
	d := dep{kind: kind, site: rd.site, lang: lang, key: key}
	if kind == depProject || kind == depCommunes {
		d.site = ""
	}
	rd.deps[d] = struct{}{}
}

// page records that the output read the front matter and address of the
// page key in lang (or that there is none).
func (rd *reads) page(lang, key string) { rd.add(depPage, lang, key) }

// pages returns every page of t, sorted by key, recording that the output
// read their front matter and addresses.
func (t *tree) pages(rd *reads) []*node {
	rd.add(depAll, t.lang, "")
	return t.nodes
}

// lookup returns the page key of t, or nil, recording that the output
// read its front matter and address, or its absence.
func (t *tree) lookup(rd *reads, key string) *node {
	rd.page(t.lang, key)
	return t.byKey[key]
}

// fingerprints computes the sums of one render, each once. It is safe
// for concurrent use.
type fingerprints struct {
	seed     maphash.Seed
	pages    sums[*site.Page, [2]uint64] // front matter, body
	anchors  sums[*markdown.Doc, uint64]
	layouts  sums[*theme.Layouts, uint64]
	profiles sums[*site.Commune, uint64]
	project  sums[dep, uint64] // the deps of the portal and the project
}

// sums keeps the fingerprint of each value computed in one render. It is
// safe for concurrent use; the zero value is empty.
type sums[K comparable, S any] struct {
	mu sync.Mutex
	m  map[K]S
}

// get returns the sum kept for k, computing it and keeping it the first
// time. Two outputs asking at once may both compute it: the sum is the
// same.
func (c *sums[K, S]) get(k K, compute func() S) S {
	c.mu.Lock()
	s, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return s
	}
	s = compute()
	c.mu.Lock()
	if c.m == nil {
		c.m = map[K]S{}
	}
	c.m[k] = s
	c.mu.Unlock()
	return s
}

func (f *fingerprints) hash() maphash.Hash {
	var h maphash.Hash
	h.SetSeed(f.seed)
	return h
}

// sum is the fingerprint of the value d names in this render; cs is the
// site of d (unused for the deps of the portal and the project).
func (r *renderer) sum(cs *communeSite, d dep) uint64 {
	if d.site == "" || cs == nil {
		return r.fp.project.get(d, func() uint64 { return r.compute(nil, d) })
	}
	return cs.sums.get(d, func() uint64 { return r.compute(cs, d) })
}

// changed reports whether the value d has changed since it had the sum
// old: its sum differs or, for a static file, the file was written since.
// It is asked once of each value (see renderer.depChanged): the sums of a
// site's values are not kept.
func (r *renderer) changed(cs *communeSite, d dep, old uint64) bool {
	var sum uint64
	if d.site == "" || cs == nil {
		sum = r.sum(nil, d)
	} else {
		sum = r.compute(cs, d)
	}
	if sum != old {
		return true
	}
	if d.kind == depStatic && r.opt.Changed != nil {
		if file := r.staticOf(cs)[d.key]; file != "" && r.opt.Changed(file) {
			return true
		}
	}
	return false
}

// absent is written for a value that does not exist.
const absent = "\x00absent"

func (r *renderer) compute(cs *communeSite, d dep) uint64 {
	hash := r.fp.hash()
	h := &hash
	switch d.kind {
	case depProject:
		writeValue(h, reflect.ValueOf(r.in.Settings))
		writeValue(h, reflect.ValueOf(r.in.Theme.Catalogs))
		h.WriteString(r.in.Theme.Name)
		writeValue(h, reflect.ValueOf([]bool{r.opt.MinifyHTML != nil, r.opt.NotFoundAtDomainRoot, r.in.Portal}))
	case depCommunes:
		for _, c := range r.in.AllCommunes {
			writeUint(h, r.profileSum(c))
		}
	case depProfile:
		writeUint(h, r.profileSum(cs.commune))
		writeValue(h, reflect.ValueOf(cs.in.Facts))
		writeValue(h, reflect.ValueOf(cs.in.Needs))
		h.WriteString(cs.base)
	case depLayouts:
		writeUint(h, r.layoutsSum(r.layoutsOf(cs)))
	case depLayout:
		src, ok := r.layoutsOf(cs).Source(d.key)
		if !ok {
			src = absent
		}
		h.WriteString(src)
	case depStatic:
		file, ok := r.staticOf(cs)[d.key]
		if !ok {
			file = absent
		}
		h.WriteString(file)
	case depEdition:
		writeValue(h, reflect.ValueOf(cs.edition))
	default:
		r.computeTree(h, cs, d)
	}
	return h.Sum64()
}

// computeTree writes the deps on a site's pages in one language.
func (r *renderer) computeTree(h *maphash.Hash, cs *communeSite, d dep) {
	var t *tree
	for _, tr := range cs.trees {
		if tr.lang == d.lang {
			t = tr
		}
	}
	if t == nil {
		h.WriteString(absent)
		return
	}
	n := t.byKey[d.key]
	list := func(keep func(n *node) bool) {
		for _, n := range t.nodes {
			if keep(n) {
				h.WriteString(n.page.Key)
				writeUint(h, r.nodeSum(n))
			}
		}
	}
	switch d.kind {
	case depShape:
		for _, n := range t.nodes {
			h.WriteString(n.page.Key)
			h.WriteByte(0)
			h.WriteString(n.dir)
			h.WriteByte(0)
		}
	case depMenu:
		for _, m := range t.menu {
			h.WriteString(m.page.Meta.Title)
			h.WriteByte(0)
			h.WriteString(m.dir)
			h.WriteByte(0)
		}
	case depTitle:
		writeUint(h, uint64(t.titles[d.key]))
	case depNews:
		list(func(n *node) bool { return n.page.Meta.Kind == site.KindNews || n.page.Meta.Kind == site.KindEvent })
	case depGuides:
		list(func(n *node) bool {
			return n.page.Meta.Kind == site.KindGuide || n.page.Meta.Kind == site.KindProcedure
		})
	case depAll:
		list(func(*node) bool { return true })
	case depPage, depBody, depIDs, depAddr:
		if n == nil {
			h.WriteString(absent)
			return
		}
		switch d.kind {
		case depPage:
			writeUint(h, r.nodeSum(n))
		case depBody:
			writeUint(h, r.pageSums(n.page)[1])
		case depIDs:
			if n.md != nil {
				writeUint(h, r.anchorsSum(n.md))
			}
		case depAddr:
			h.WriteString(n.dir)
		}
	}
}

// nodeSum is the fingerprint of what a page shows of another: its front
// matter, address, kind and, for a page made from records, its layout.
func (r *renderer) nodeSum(n *node) uint64 {
	if s := n.sum.Load(); s != 0 {
		return s
	}
	h := r.fp.hash()
	writeUint(&h, r.pageSums(n.page)[0])
	h.WriteString(n.dir)
	h.WriteByte(0)
	if n.gen != nil {
		h.WriteString(n.gen.layout)
		writeValue(&h, reflect.ValueOf([]bool{n.gen.unlisted, n.gen.menu}))
	}
	s := h.Sum64()
	n.sum.Store(s)
	return s
}

// pageSums are the fingerprints of a page's front matter and of its
// body, computed once per page for every site that shows it.
func (r *renderer) pageSums(p *site.Page) [2]uint64 {
	return r.fp.pages.get(p, func() (s [2]uint64) {
		h := r.fp.hash()
		for _, x := range []string{p.Key, p.Lang, p.Commune, p.File} {
			h.WriteString(x)
			h.WriteByte(0)
		}
		writeValue(&h, reflect.ValueOf(p.Meta))
		s[0] = h.Sum64()
		h.Reset()
		h.WriteString(p.File)
		writeUint(&h, uint64(p.BodyLine))
		h.Write(p.Body)
		s[1] = h.Sum64()
		return s
	})
}

// anchorsSum is the fingerprint of the anchors of a page's headings,
// computed once per page for every site that shows it.
func (r *renderer) anchorsSum(d *markdown.Doc) uint64 {
	return r.fp.anchors.get(d, func() uint64 {
		h := r.fp.hash()
		for _, hd := range d.Headings() {
			h.WriteString(hd.ID)
			h.WriteByte(0)
		}
		return h.Sum64()
	})
}

// profileSum is the fingerprint of a commune's profile and records.
func (r *renderer) profileSum(c *site.Commune) uint64 {
	return r.fp.profiles.get(c, func() uint64 {
		h := r.fp.hash()
		writeValue(&h, reflect.ValueOf(c))
		return h.Sum64()
	})
}

// layoutsSum is the fingerprint of what the page layouts of l share: the
// files other than page layouts, and which page layouts exist.
func (r *renderer) layoutsSum(l *theme.Layouts) uint64 {
	return r.fp.layouts.get(l, func() uint64 {
		h := r.fp.hash()
		pages := map[string]bool{}
		for _, name := range l.Names() {
			pages[name] = true
			h.WriteString(name)
			h.WriteByte(0)
		}
		for _, rel := range l.Files() {
			if !pages[rel] {
				src, _ := l.Source(rel)
				h.WriteString(rel)
				h.WriteByte(0)
				h.WriteString(src)
				h.WriteByte(0)
			}
		}
		return h.Sum64()
	})
}

// layoutsOf are the layouts of the site cs, the theme's for the portal.
func (r *renderer) layoutsOf(cs *communeSite) *theme.Layouts {
	if cs == nil {
		return r.in.Theme.Layouts
	}
	return cs.in.Layouts
}

// staticOf are the static files of the site cs, the theme's for the
// portal.
func (r *renderer) staticOf(cs *communeSite) map[string]string {
	if cs == nil {
		return r.in.Theme.Static
	}
	return cs.static
}

func writeUint(h *maphash.Hash, n uint64) {
	var b [8]byte
	for i := range b {
		b[i] = byte(n >> (8 * i))
	}
	h.Write(b[:])
}

var timeType = reflect.TypeFor[time.Time]()

// writeValue writes v to h so that equal values write the same: map
// entries in any order, pointers and interfaces by what they hold,
// unexported fields too. Functions and channels are left out, and so are
// values of golang.org/x packages, which our types only derive (a
// catalog's number printer from its language).
func writeValue(h *maphash.Hash, v reflect.Value) {
	writeValueIn(h, v, map[uintptr]bool{})
}

// writeValueIn writes v; path holds the pointers being written, to stop
// at a cycle.
func writeValueIn(h *maphash.Hash, v reflect.Value, path map[uintptr]bool) {
	if !v.IsValid() {
		h.WriteByte(0)
		return
	}
	t := v.Type()
	if strings.HasPrefix(t.PkgPath(), "golang.org/x/") {
		return
	}
	if t == timeType {
		if v.CanInterface() {
			tm := v.Interface().(time.Time)
			writeUint(h, uint64(tm.UnixNano()))
			h.WriteString(tm.Location().String())
			return
		}
		writeUint(h, v.Field(0).Uint()) // wall
		writeUint(h, uint64(v.Field(1).Int()))
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		} else {
			h.WriteByte(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		writeUint(h, uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		writeUint(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		writeUint(h, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		writeUint(h, math.Float64bits(real(c)))
		writeUint(h, math.Float64bits(imag(c)))
	case reflect.String:
		writeUint(h, uint64(v.Len()))
		h.WriteString(v.String())
	case reflect.Slice, reflect.Array:
		writeUint(h, uint64(v.Len()))
		if v.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8 {
			h.Write(v.Bytes())
			return
		}
		for i := range v.Len() {
			writeValueIn(h, v.Index(i), path)
		}
	case reflect.Map:
		// The sum of the entries' own sums does not depend on their order.
		var total uint64
		it := v.MapRange()
		for it.Next() {
			e := &maphash.Hash{}
			e.SetSeed(h.Seed())
			writeValueIn(e, it.Key(), path)
			writeValueIn(e, it.Value(), path)
			total += e.Sum64()
		}
		writeUint(h, uint64(v.Len()))
		writeUint(h, total)
	case reflect.Pointer:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		p := v.Pointer()
		if path[p] {
			h.WriteByte(3)
			return
		}
		path[p] = true
		h.WriteByte(1)
		writeValueIn(h, v.Elem(), path)
		delete(path, p)
	case reflect.Interface:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		h.WriteString(v.Elem().Type().String())
		writeValueIn(h, v.Elem(), path)
	case reflect.Struct:
		for i := range v.NumField() {
			writeValueIn(h, v.Field(i), path)
		}
	default: // functions, channels, unsafe pointers
		h.WriteByte(byte(v.Kind()))
	}
}
