// Package render turns loaded sites into output files: every page of every
// commune in every language, the feeds, sitemaps and the programme portal.
// It is pure: it reads nothing from disk and hands each output to a sink.
package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/search"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
	"github.com/tadafor/tadafor/internal/typography"
)

// Project is a loaded project, validated, ready to render: what a render
// reads. How a render runs is in Options.
type Project struct {
	Settings site.Settings
	Theme    *theme.Theme
	Markdown *markdown.Converter
	// Shared pages, rendered for every commune.
	Shared []*site.Page
	// Communes to render.
	Communes []*Commune
	// Portal renders the programme portal, which lists AllCommunes.
	Portal      bool
	AllCommunes []*site.Commune
}

// Options say how one render runs.
type Options struct {
	// Workers is the number of pages rendered at once (default: CPUs).
	Workers int
	// Select, when set, limits the outputs rendered to those it accepts.
	Select func(OutputID) bool
	// Docs, when set, keeps parsed Markdown across renders, so that an
	// unchanged file is not parsed again.
	Docs *DocCache
	// MinifyHTML, when set, minifies the HTML of each Markdown page once,
	// when it is compiled, rather than in every commune's output; with
	// it, the HTML of minified layouts needs no further minifying.
	MinifyHTML func([]byte) ([]byte, error)
	// NotFoundAtDomainRoot writes the links of every 404 page from the
	// root of the domain ("/fr/index.html"), for a server that places
	// them itself (the live preview). Otherwise they start with the path
	// of the site's address ("/berkane/fr/index.html" for a site at
	// https://communes.example/berkane/), so that the page works where the
	// site is published, at a domain's root or in a folder.
	NotFoundAtDomainRoot bool
	// Done, when set, is called once for each commune when every output
	// of its site has been handed to the sink (or failed), from any
	// goroutine: how far a long render is.
	Done func()
	// Texts, when set, keeps what the search indexes hold of each page
	// across renders (see TextCache); a render that fails leaves it as it
	// was.
	Texts *TextCache
	// Record, when set, is filled in with what the render knows of its
	// outputs (see Record), also those Select leaves out.
	Record *Record
	// Previous, when set, is the Record of an earlier render of the
	// project whose outputs are kept: only the outputs it does not know,
	// and those that read a value that has changed since, are rendered.
	// Changed then reports whether a file on disk (a static file, as in
	// Commune.Static) was written since that render; the rest the render
	// compares itself.
	Previous *Record
	Changed  func(file string) bool

	// extra, when set, adds outputs to each commune site: how a test adds
	// an output the way a new one is written.
	extra func(cs *communeSite) []job
}

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
	// Facts are the facts shared pages may use as placeholders.
	Facts *commune.Facts
	// Needs are the optional facts pages may use, each with the error to
	// report, at the profile, when a page needs it without a fallback and
	// the commune lacks it (see commune.Needs).
	Needs map[string]*diag.Error
}

// Output is one output file, by slash path relative to the output
// folder. Either Data holds its content, or Source names a file on disk
// to publish as it is.
type Output struct {
	Path   string
	Data   []byte
	Source string
	// Minified is set on HTML made from minified layouts (see
	// theme.Layouts.Minify) and Markdown (Options.MinifyHTML): it needs no
	// further minifying.
	Minified bool
}

// Sink receives outputs; it is called from several goroutines at once and
// must not keep Data after it returns (the buffer is reused).
type Sink func(Output) error

// Render renders in as opt says and hands every output to sink. It
// returns every problem found (unknown placeholders, dead links, template
// errors), sorted; on errors some outputs may already have been handed
// over.
//
// Every output's path is checked before any is written; then the sites
// are rendered as a stream, a few at a time, each dropped once its pages
// and search indexes are written, so that the memory a render needs does
// not grow with the number of communes.
func Render(ctx context.Context, in *Project, opt Options, sink Sink) diag.List {
	r := newRenderer(in, opt, sink)
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	shared := r.parseShared(ctx)
	if len(r.errs) > 0 {
		return r.result()
	}

	// Every output is known before any is written.
	var portal []job
	if in.Portal {
		portal = r.portalJobs()
	}
	if errs := r.checkOutputs(ctx, portal, shared); len(r.errs) > 0 || len(errs) > 0 {
		r.errs = append(r.errs, errs...) // the workers have not started
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
	// send hands the jobs of the site cs (nil: the portal) that are
	// wanted to the workers; done, when set, is called once the last of
	// them has run.
	send := func(cs *communeSite, list []job, done func()) bool {
		list = slices.DeleteFunc(list, func(j job) bool { return !r.wants(cs, j.id) })
		for _, run := range counted(r.runs(cs, list), done) {
			if ctx.Err() != nil {
				return false // select would pick at random when both are ready
			}
			select {
			case jobs <- run:
			case <-ctx.Done():
				return false
			}
		}
		return true
	}
	// open holds a place for each site being rendered: a new site is
	// prepared only when one is done.
	open := make(chan struct{}, workers+1)
	func() {
		if !send(nil, portal, nil) {
			return
		}
		for _, c := range in.Communes {
			select {
			case open <- struct{}{}:
			case <-ctx.Done():
				return
			}
			cs := r.openSite(ctx, c, shared)
			if cs == nil { // its own pages could not be parsed
				<-open
				continue
			}
			done := func() {
				// The search indexes, once the pages they hold are rendered.
				if ctx.Err() == nil {
					for _, t := range cs.trees {
						r.report(cs.searchIndex(t))
					}
				}
				if opt.Done != nil {
					opt.Done()
				}
				<-open
			}
			if !send(cs, cs.jobs(), done) {
				return
			}
		}
	}()
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		r.report(err)
	}
	list := r.result()
	if !list.HasErrors() {
		opt.Texts.keep(r.kept)
	}
	return list
}

func newRenderer(in *Project, opt Options, sink Sink) *renderer {
	r := &renderer{in: in, opt: opt, sink: sink, cats: in.Theme.Catalogs, langs: site.Codes(in.Settings.Languages)}
	r.start(opt.Record, opt.Previous)
	r.fmts = newFmts(in.Settings.Languages, in.Theme.Catalogs)
	r.typo = typography.Rules{}
	for code, cat := range in.Theme.Catalogs {
		r.typo[code] = cat.Typography()
	}
	return r
}

// parseShared parses the shared pages once, on every core; problems are
// in r.errs.
func (r *renderer) parseShared(ctx context.Context) []*doc {
	shared := parsed(r.parseAll(ctx, r.in.Shared))
	for _, d := range shared {
		r.bodies.Store(d.md, &compiledBody{})
	}
	if err := ctx.Err(); err != nil {
		r.report(err)
	}
	return shared
}

// openSite parses the commune's own pages and prepares its site, or
// returns nil when a page could not be parsed (the problems are in
// r.errs).
func (r *renderer) openSite(ctx context.Context, c *Commune, shared []*doc) *communeSite {
	local := r.parseAll(ctx, c.Pages)
	own := parsed(local)
	if len(own) < len(local) || ctx.Err() != nil {
		return nil
	}
	return r.newCommuneSite(c, shared, own)
}

// runs returns the runs of the jobs of the site cs (nil: the portal),
// each recording what it reads in Options.Record.
func (r *renderer) runs(cs *communeSite, jobs []job) []func() error {
	runs := make([]func() error, len(jobs))
	for i, j := range jobs {
		runs[i] = func() error { return r.recorded(cs, j.id, j.run) }
	}
	return runs
}

// recorded runs the output id of the site cs (nil: the portal), and
// records in Options.Record what it read: what run reads, and what every
// output but a static file reads (the settings, interface strings and
// shared layouts, and a commune site's profile).
func (r *renderer) recorded(cs *communeSite, id OutputID, run func(*reads) error) error {
	site := ""
	if cs != nil {
		site = cs.commune.Slug
	}
	rd := r.newReads(site)
	if id.Kind != KindStatic {
		rd.add(depProject, "", "")
		rd.add(depLayouts, "", "")
		if cs != nil {
			rd.add(depProfile, "", "")
		}
	}
	err := run(rd)
	if id.Kind != 0 {
		r.opt.Record.read(r, cs, id, rd)
	}
	return err
}

// counted returns runs made to call done once the last of them has run
// (at once when there is none); done may be nil.
func counted(runs []func() error, done func()) []func() error {
	if done == nil {
		return runs
	}
	if len(runs) == 0 {
		done()
		return nil
	}
	var left atomic.Int64
	left.Store(int64(len(runs)))
	for i, run := range runs {
		runs[i] = func() error {
			defer func() {
				if left.Add(-1) == 0 {
					done()
				}
			}()
			return run()
		}
	}
	return runs
}

// renderer holds the state of one Render call.
type renderer struct {
	in    *Project
	opt   Options
	sink  Sink
	langs []string
	cats  map[string]*i18n.Catalog
	// fmts write in each language, for the pages (see View.Fmt).
	fmts map[string]*Fmt
	// typo is the typography of each language, applied to every page
	// and text written in it.
	typo typography.Rules

	progOnce sync.Once
	prog     indicators.Programme

	// buffers are reused across pages: a build renders thousands.
	buffers sync.Pool
	// bodies are the shared Markdown pages, by *markdown.Doc: each is
	// minified once and filled in for each commune.
	bodies sync.Map
	// pageParts are the partials of shared pages, see Partials.Page.
	pageParts memo[pagePartKey]
	// fp computes the sums of the values outputs read (see reads.go);
	// prevDeps are the deps of Options.Previous, by number, and verdicts
	// say which have changed, once found out.
	fp       fingerprints
	prevDeps []dep
	verdicts []atomic.Int32

	mu   sync.Mutex
	errs diag.List
	// kept are the pages each search index written holds, for Options.Texts;
	// texts and terms read their texts and the terms of them, which the
	// sites share.
	kept  map[siteLang]map[string]search.Doc
	texts search.ExtractCache
	terms search.TermCache
	// siteErrs are the errors of shared pages, which repeat in every
	// commune site: reported once, naming the sites when not all.
	siteErrs map[string]*siteError
	// absent are the facts pages need and communes lack, by slug and
	// name: reported once each, at the commune's profile.
	absent map[[2]string]*absentFact
}

type siteError struct {
	err   *diag.Error
	sites []string
}

// factOf returns the fact of the profile placeholder name says: the name
// with its preposition is the commune's name.
func factOf(name string) string {
	if name == NameOfParam {
		return "commune.name"
	}
	return name
}

// need returns the error to report when a page needs the fact of
// placeholder name and the commune lacks it, or nil when name is no
// optional fact.
func (c *Commune) need(name string) *diag.Error { return c.Needs[factOf(name)] }

// absentFact is a fact a commune lacks and its pages need.
type absentFact struct {
	need  *diag.Error // see Commune.Needs
	name  string
	first diag.Pos // the first use, in order of position
	uses  int
	langs map[string]bool
}

// reportIn records errors found while rendering a page in language lang
// of the site of c.
func (r *renderer) reportIn(c *Commune, lang string, errs diag.List) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.siteErrs == nil {
		r.siteErrs = map[string]*siteError{}
		r.absent = map[[2]string]*absentFact{}
	}
	slug := c.Profile.Slug
	for _, e := range errs {
		var ae *markdown.AbsentError
		if errors.As(e, &ae) && c.need(ae.Name) != nil {
			name := factOf(ae.Name)
			k := [2]string{slug, name}
			a, ok := r.absent[k]
			if !ok {
				a = &absentFact{need: c.need(name), name: name, first: e.Pos, langs: map[string]bool{}}
				r.absent[k] = a
			}
			if e.Pos.Compare(a.first) < 0 {
				a.first = e.Pos
			}
			a.uses++
			a.langs[lang] = true
			continue
		}
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

// maxSitesNamed is how many sites an error of shared pages names before
// it counts the others.
const maxSitesNamed = 5

func (r *renderer) result() diag.List {
	for _, se := range r.siteErrs {
		e := *se.err
		if n := len(se.sites); n < len(r.in.Communes) {
			slices.Sort(se.sites)
			where := "in the site of " + se.sites[0]
			if n > maxSitesNamed {
				more := n - maxSitesNamed
				where = fmt.Sprintf("in the sites of %s and %d %s", strings.Join(se.sites[:maxSitesNamed], ", "), more, plural(more, "other", "others"))
			} else if n > 1 {
				where = "in the sites of " + strings.Join(se.sites, ", ")
			}
			e.Hint = strings.TrimPrefix(e.Hint+"; "+where, "; ")
		}
		r.errs = append(r.errs, &e)
	}
	for _, a := range r.absent {
		r.errs = append(r.errs, a.error(r.langs))
	}
	r.errs.Sort()
	return r.errs
}

// error is the error of a fact a commune lacks: at its profile, saying
// how to add it, then where the pages use it.
func (a *absentFact) error(langs []string) *diag.Error {
	e := *a.need
	if len(a.langs) < len(langs) {
		var in []string
		for _, l := range langs {
			if a.langs[l] {
				in = append(in, l)
			}
		}
		e.Msg = fmt.Sprintf("the %s pages need %s", strings.Join(in, " and "), a.name)
	}
	used := "used by " + a.first.String()
	if a.uses > 1 {
		used += fmt.Sprintf(" and %d other %s", a.uses-1, plural(a.uses-1, "place", "places"))
	}
	e.Hint = strings.TrimPrefix(e.Hint+"; "+used, "; ")
	return &e
}

// plural returns one or many by n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// parseAll parses pages on every core, keeping their order; a page that
// could not be parsed is nil (see parsed).
func (r *renderer) parseAll(ctx context.Context, pages []*site.Page) []*doc {
	docs := make([]*doc, len(pages))
	par.Each(len(pages), func(i int) {
		if ctx.Err() != nil {
			return
		}
		md, errs := r.opt.Docs.Parse(r.in.Markdown, pages[i])
		r.report(errs.Err())
		docs[i] = &doc{page: pages[i], md: md}
	})
	return docs
}

// parsed returns the documents parseAll could parse.
func parsed(docs []*doc) []*doc {
	return slices.DeleteFunc(slices.Clone(docs), func(d *doc) bool { return d == nil || d.md == nil })
}

// compiledBody is a shared Markdown page, minified and typeset once on
// first use.
type compiledBody struct {
	once    sync.Once
	page    *markdown.Compiled
	typeset bool
}

// body returns page d ready to fill in: with MinifyHTML, minified, and
// typeset for its language (once for a shared page; a commune's own page,
// rendered once, is not kept). typeset tells whether it could be: a page
// whose holes the pass could not keep is typeset with the page it is in.
func (r *renderer) body(d *markdown.Doc) (page *markdown.Compiled, typeset bool) {
	v, ok := r.bodies.Load(d)
	if !ok {
		return r.compileBody(d)
	}
	b := v.(*compiledBody)
	b.once.Do(func() { b.page, b.typeset = r.compileBody(d) })
	return b.page, b.typeset
}

func (r *renderer) compileBody(d *markdown.Doc) (page *markdown.Compiled, typeset bool) {
	page = d.Compiled()
	if r.opt.MinifyHTML != nil {
		// A page the minifier cannot keep the holes of stays as it is.
		if small, err := page.Transform(r.opt.MinifyHTML); err == nil {
			page = small
		}
	}
	// The holes' values are typeset with the commune's facts (newCommuneSite).
	set, err := page.Transform(func(b []byte) ([]byte, error) { return r.typo.HTML(nil, b, d.Lang()), nil })
	if err != nil {
		return page, false
	}
	return set, true
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

// render runs a layout, applies the typography of the page's language,
// and hands the result to the sink as path.
func (r *renderer) render(rd *reads, layouts *theme.Layouts, name string, v *View, path string) error {
	rd.add(depLayout, "", name)
	return r.execute(layouts, name, v, func(html []byte, minified bool) error {
		return r.sink(Output{Path: path, Data: html, Minified: minified})
	})
}

// execute runs a layout and hands the result to then, which must not keep
// it (the buffer is reused), saying whether it is minified already.
func (r *renderer) execute(layouts *theme.Layouts, name string, v *View, then func(html []byte, minified bool) error) error {
	buf := r.buffer()
	defer r.release(buf)
	w := &typesetWriter{buf: buf, v: v}
	if err := layouts.Execute(w, name, v); err != nil {
		return err
	}
	out := r.buffer()
	defer r.release(out)
	out.Write(r.typo.HTML(out.AvailableBuffer(), buf.Bytes(), v.Lang.Code, w.done...))
	return then(out.Bytes(), layouts.Minified() && r.opt.MinifyHTML != nil)
}

// typesetWriter writes a page's layout into buf and notes where the
// parts of the page already typeset (View.typeset) land, so that the
// typography pass need not look for them in the page. A layout prints
// each such part with one write of the part's bytes; a part printed
// otherwise, or not at all, is looked for by the pass.
type typesetWriter struct {
	buf  *bytes.Buffer
	v    *View
	done []typography.Done // v.typeset's parts, with where they were written
}

func (w *typesetWriter) Write(p []byte) (int, error) {
	for len(w.done) < len(w.v.typeset) {
		w.done = append(w.done, typography.Done{Part: w.v.typeset[len(w.done)], At: -1})
	}
	for i := range w.done {
		if d := &w.done[i]; d.At < 0 && len(d.Part) == len(p) && len(p) > 0 && bytes.Equal(d.Part, p) {
			d.At = w.buf.Len()
			break
		}
	}
	return w.buf.Write(p)
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
