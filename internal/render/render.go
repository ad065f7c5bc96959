// Package render turns loaded sites into output files: every page of every
// commune in every language, the feeds, sitemaps and the programme portal.
// It is pure: it reads nothing from disk and hands each output to a sink.
package render

import (
	"bytes"
	"context"
	"github.com/tadafor/tadafor/internal/indicators"
	"html/template"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/search"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
)

// Input is everything a render needs, already loaded and validated.
type Input struct {
	Settings site.Settings
	Theme    *theme.Theme
	Markdown *markdown.Converter
	// Shared pages, rendered for every commune.
	Shared []*site.Page
	// Communes to render.
	Communes []*Commune
	// AllCommunes are listed on the portal; the portal is rendered only
	// when it is set.
	AllCommunes []*site.Commune
	// Workers is the number of pages rendered at once (default: CPUs).
	Workers int
	// Select, when set, limits the outputs rendered to those it accepts:
	// a page by its commune's slug, language and key, the other outputs
	// by the pseudo keys below (with lang ""). The live server uses it to
	// render only what a change touches.
	Select func(slug, lang, key string) bool
	// Docs, when set, keeps parsed Markdown across renders, so that an
	// unchanged file is not parsed again.
	Docs *DocCache
	// MinifyHTML, when set, minifies the HTML of each Markdown page once,
	// when it is compiled, rather than in every commune's output.
	MinifyHTML func([]byte) ([]byte, error)
	// Texts, when set, keeps what the search indexes hold of each page
	// across renders (see TextCache); a render that fails leaves it as it
	// was.
	Texts *TextCache
}

// Pseudo keys of the outputs that are not content pages, for Select.
// Static files are StaticKey followed by their path; the portal's
// outputs have the slug "".
const (
	StaticKey    = "#static:"
	LanguagesKey = "#languages"
	NotFoundKey  = "#404"
	SitemapKey   = "#sitemap"
	RobotsKey    = "#robots"
	FeedKey      = "#feed"
	PortalKey    = "#portal"
)

// Commune is one commune to render with what is its own.
type Commune struct {
	Profile *site.Commune
	// Pages are the commune's local pages and overrides.
	Pages []*site.Page
	// Layouts are the theme's layouts with the commune's overrides.
	Layouts *theme.Layouts
	// Static are the files published as they are, by path relative to the
	// commune site's root, with their paths on disk.
	Static map[string]string
	// Params are the raw facts shared pages may use as placeholders.
	Params map[string]any
}

// Output is one output file, by slash path relative to the output
// folder. Either Data holds its content, or Source names a file on disk
// to publish as it is.
type Output struct {
	Path   string
	Data   []byte
	Source string
	// Minified is set on HTML made from minified layouts (see
	// theme.Layouts.Minify) and Markdown (Input.MinifyHTML): it needs no
	// further minifying.
	Minified bool
}

// Sink receives outputs; it is called from several goroutines at once and
// must not keep Data after it returns (the buffer is reused).
type Sink func(Output) error

// Render renders in and hands every output to sink. It returns every
// problem found (unknown placeholders, dead links, template errors),
// sorted; on errors some outputs may already have been handed over.
func Render(ctx context.Context, in *Input, sink Sink) diag.List {
	r := &renderer{in: in, sink: sink, cats: in.Theme.Catalogs, langs: site.Codes(in.Settings.Languages)}
	workers := in.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	// Parse every Markdown file once, then prepare the communes' sites,
	// on every core.
	shared := parsed(r.parseAll(ctx, in.Shared))
	for _, d := range shared {
		r.bodies.Store(d.md, &compiledBody{})
	}
	var pages []*site.Page
	for _, c := range in.Communes {
		pages = append(pages, c.Pages...)
	}
	local := r.parseAll(ctx, pages)
	own := make([][]*doc, len(in.Communes))
	for i, c := range in.Communes {
		own[i] = parsed(local[:len(c.Pages)])
		local = local[len(c.Pages):]
	}
	sites := make([]*communeSite, len(in.Communes))
	par.Each(len(sites), func(i int) { sites[i] = r.newCommuneSite(in.Communes[i], shared, own[i]) })
	if len(r.errs) > 0 {
		return r.result()
	}

	// Render every output.
	jobs := make(chan func() error)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for job := range jobs {
				r.report(job())
			}
		})
	}
	send := func(job func() error) bool {
		select {
		case jobs <- job:
			return true
		case <-ctx.Done():
			return false
		}
	}
	func() {
		if in.AllCommunes != nil {
			for _, rel := range slices.Sorted(maps.Keys(in.Theme.Static)) {
				if in.Select != nil && !in.Select("", "", StaticKey+rel) {
					continue
				}
				if !send(func() error { return sink(Output{Path: rel, Source: in.Theme.Static[rel]}) }) {
					return
				}
			}
			if in.Select == nil || in.Select("", "", HtaccessKey) {
				if !send(func() error { return r.emit(".htaccess", Htaccess("")) }) {
					return
				}
			}
			for _, l := range in.Settings.Languages {
				if in.Select != nil && !in.Select("", l.Code, PortalKey) {
					continue
				}
				if !send(func() error { return r.portal(l) }) {
					return
				}
			}
		}
		for _, cs := range sites {
			for _, job := range cs.jobs() {
				if !send(job) {
					return
				}
			}
		}
	}()
	close(jobs)
	wg.Wait()

	// The search indexes, once the pages they hold are rendered.
	type siteTree struct {
		cs *communeSite
		t  *tree
	}
	var indexes []siteTree
	for _, cs := range sites {
		for _, t := range cs.trees {
			indexes = append(indexes, siteTree{cs, t})
		}
	}
	if ctx.Err() == nil {
		par.Each(len(indexes), func(i int) { r.report(indexes[i].cs.searchIndex(indexes[i].t)) })
	}
	if err := ctx.Err(); err != nil {
		r.report(err)
	}
	list := r.result()
	if !list.HasErrors() {
		in.Texts.keep(r.kept)
	}
	return list
}

// renderer holds the state of one Render call.
type renderer struct {
	in    *Input
	sink  Sink
	langs []string
	cats  map[string]*i18n.Catalog

	progOnce sync.Once
	prog     indicators.Programme

	// buffers are reused across pages: a build renders thousands.
	buffers sync.Pool
	// bodies are the shared Markdown pages, by *markdown.Doc: each is
	// minified once and filled in for each commune.
	bodies sync.Map
	// pageParts are the partials of shared pages, see View.CachedPage.
	pageParts memo[pagePartKey]

	mu   sync.Mutex
	errs diag.List
	// kept are the pages each search index written holds, for Input.Texts;
	// terms the terms of their texts, which the sites share.
	kept  map[siteLang]map[string]search.Doc
	terms search.TermCache
	// siteErrs are the errors of shared pages, which repeat in every
	// commune site: reported once, naming the sites when not all.
	siteErrs map[string]*siteError
}

type siteError struct {
	err   *diag.Error
	sites []string
}

// reportIn records errors found while rendering the site of slug.
func (r *renderer) reportIn(slug string, errs diag.List) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.siteErrs == nil {
		r.siteErrs = map[string]*siteError{}
	}
	for _, e := range errs {
		k := e.Error()
		se, ok := r.siteErrs[k]
		if !ok {
			se = &siteError{err: e}
			r.siteErrs[k] = se
		}
		se.sites = append(se.sites, slug)
	}
}

func (r *renderer) report(err error) {
	if err == nil {
		return
	}
	r.mu.Lock()
	r.errs.Append(err)
	r.mu.Unlock()
}

func (r *renderer) result() diag.List {
	for _, se := range r.siteErrs {
		e := *se.err
		if n := len(se.sites); n < len(r.in.Communes) {
			slices.Sort(se.sites)
			where := "in the site of " + se.sites[0]
			if n > 1 {
				where = "in the sites of " + strings.Join(se.sites, ", ")
			}
			e.Hint = strings.TrimPrefix(e.Hint+"; "+where, "; ")
		}
		r.errs = append(r.errs, &e)
	}
	r.errs.Sort()
	return r.errs
}

// parseAll parses pages on every core, keeping their order; a page that
// could not be parsed is nil (see parsed).
func (r *renderer) parseAll(ctx context.Context, pages []*site.Page) []*doc {
	docs := make([]*doc, len(pages))
	par.Each(len(pages), func(i int) {
		if ctx.Err() != nil {
			return
		}
		md, errs := r.in.Docs.Parse(r.in.Markdown, pages[i])
		r.report(errs.Err())
		docs[i] = &doc{page: pages[i], md: md}
	})
	return docs
}

// parsed returns the documents parseAll could parse.
func parsed(docs []*doc) []*doc {
	return slices.DeleteFunc(slices.Clone(docs), func(d *doc) bool { return d == nil || d.md == nil })
}

// compiledBody is a shared Markdown page, minified once on first use.
type compiledBody struct {
	once sync.Once
	page *markdown.Compiled
}

// body returns page d ready to fill in: with MinifyHTML, minified (once
// for a shared page; a commune's own page, rendered once, is not kept).
func (r *renderer) body(d *markdown.Doc) *markdown.Compiled {
	v, ok := r.bodies.Load(d)
	if !ok {
		return r.minified(d)
	}
	b := v.(*compiledBody)
	b.once.Do(func() { b.page = r.minified(d) })
	return b.page
}

func (r *renderer) minified(d *markdown.Doc) *markdown.Compiled {
	page := d.Compiled()
	if r.in.MinifyHTML != nil {
		// A page the minifier cannot keep the holes of stays as it is.
		if small, err := page.Transform(r.in.MinifyHTML); err == nil {
			page = small
		}
	}
	return page
}

func (r *renderer) buffer() *bytes.Buffer {
	if b, ok := r.buffers.Get().(*bytes.Buffer); ok {
		return b
	}
	b := new(bytes.Buffer)
	b.Grow(32 << 10)
	return b
}

func (r *renderer) release(b *bytes.Buffer) {
	b.Reset()
	r.buffers.Put(b)
}

// emit hands rendered bytes to the sink.
func (r *renderer) emit(path string, data []byte) error {
	return r.sink(Output{Path: path, Data: data})
}

// render runs a layout and hands the result to the sink as path.
func (r *renderer) render(layouts *theme.Layouts, name string, v *View, path string) error {
	return r.execute(layouts, name, v, func(html []byte, minified bool) error {
		return r.sink(Output{Path: path, Data: html, Minified: minified})
	})
}

// execute runs a layout and hands the result to then, which must not keep
// it (the buffer is reused), saying whether it is minified already.
func (r *renderer) execute(layouts *theme.Layouts, name string, v *View, then func(html []byte, minified bool) error) error {
	buf := r.buffer()
	defer r.release(buf)
	if err := layouts.Execute(buf, name, v); err != nil {
		return err
	}
	return then(buf.Bytes(), layouts.Minified() && r.in.MinifyHTML != nil)
}

// layoutFor picks the page layout of a node: home, then the kind's own
// layout, then section for section pages, then page.
func layoutFor(l *theme.Layouts, n *node) string {
	if n.page.Key == "index" {
		return "pages/home.html"
	}
	if k := "pages/" + string(n.page.Meta.Kind) + ".html"; n.page.Meta.Kind != site.KindPage && l.Has(k) {
		return k
	}
	if n.isSection() && l.Has("pages/section.html") {
		return "pages/section.html"
	}
	return "pages/page.html"
}

// htmlOf marks rendered Markdown as safe HTML: goldmark escapes text
// and raw HTML is disabled, so the output is ours.
func htmlOf(b []byte) template.HTML { return template.HTML(b) }
