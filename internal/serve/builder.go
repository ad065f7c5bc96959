package serve

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/minify"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/watch"
)

// builder renders a project into the files of snapshots: everything the
// first time, then only what each batch of changes touches, starting from
// the last build that succeeded. It is not safe for concurrent use.
type builder struct {
	root    string
	only    string
	min     *minify.Minifier // nil: serve outputs unminified
	docs    *render.DocCache
	texts   *render.TextCache
	workers int

	good     *build.Project             // the project of the files served, loaded without errors
	goodList diag.List                  // the warnings it was loaded with
	files    map[string]*file           // its outputs
	ran      map[render.OutputID]string // the page layout each ran (see render.Record)
	changed  map[string]bool            // files changed on disk since good was loaded
}

func newBuilder(root, only string, noMinify bool) *builder {
	b := &builder{root: root, only: only, docs: render.NewDocCache(), texts: render.NewTextCache(), changed: map[string]bool{}}
	if !noMinify {
		b.min = minify.New()
	}
	return b
}

// outcome is the result of one build.
type outcome struct {
	// files are the files to serve: the new ones, or the last good ones
	// when the build failed.
	files map[string]*file
	// errs are the build's errors, nil when it succeeded; warnings its
	// warnings.
	errs     diag.List
	warnings diag.List
	// rendered is the number of outputs rendered, pages the number of
	// HTML pages among them; changed lists the output paths whose content
	// changed or that were removed.
	rendered int
	pages    int
	changed  []string
	plan     *plan
	// patched is set when only the changed Markdown files were read.
	patched      bool
	load, render time.Duration
}

// update records the changes of a batch and builds the project.
func (b *builder) update(ctx context.Context, events []watch.Event) outcome {
	for _, e := range events {
		b.changed[e.Path] = true
	}
	return b.build(ctx)
}

// build loads the project (reading only the changed Markdown files when
// that is enough), works out what the changes since the last good build
// touch, and renders that.
func (b *builder) build(ctx context.Context) outcome {
	start := time.Now()
	var (
		p    *build.Project
		list diag.List
		out  = outcome{files: b.files}
	)
	if b.good != nil {
		p, list, out.patched = b.good.Patch(b.goodList, slices.Sorted(maps.Keys(b.changed)))
	}
	if !out.patched {
		p, list = build.Load(ctx, b.root, b.only)
		if b.min != nil && p != nil {
			p.Minify(b.min) // as tadafor build does; a patched project keeps it
		}
	}
	out.load = time.Since(start)
	if list.HasErrors() {
		out.errs = errorsOf(list)
		return out
	}
	pl := classify(b.root, b.good, p, b.changed)
	pl.ran = b.ran
	out.plan = pl
	if pl.empty() {
		b.good, b.goodList = p, list
		out.warnings = list.Warnings()
		clear(b.changed)
		return out
	}

	start = time.Now()
	rendered, rec, rlist := b.render(ctx, p, pl)
	out.render = time.Since(start)
	out.rendered = len(rendered)
	for p := range rendered {
		if path.Ext(p) == ".html" {
			out.pages++
		}
	}
	if rlist.HasErrors() {
		out.errs = errorsOf(rlist)
		return out
	}
	if err := ctx.Err(); err != nil {
		out.errs = diag.List{{Msg: err.Error(), Err: err}}
		return out
	}
	out.files, out.changed = apply(b.files, pl.accept, rendered, rec.Outputs)
	b.ran = ranLayouts(b.ran, rec)
	out.warnings = append(list.Warnings(), rlist.Warnings()...)
	b.good, b.goodList, b.files = p, list, out.files
	clear(b.changed)
	b.docs.Prune()
	return out
}

// errorsOf keeps the errors of a list, leaving out the warnings.
func errorsOf(list diag.List) diag.List {
	return slices.DeleteFunc(slices.Clone(list), func(e *diag.Error) bool { return e.Severity != diag.SevError })
}

// render renders the outputs the plan accepts into files, and returns
// them with the render's record.
func (b *builder) render(ctx context.Context, p *build.Project, pl *plan) (map[string]*file, *render.Record, diag.List) {
	rec := &render.Record{}
	opt := render.Options{Docs: b.docs, Texts: b.texts, Workers: b.workers, Record: rec,
		NotFoundAtDomainRoot: true} // the handler places the 404 pages where it serves them
	if b.min != nil {
		opt.MinifyHTML = b.min.HTML
	}
	if !pl.full {
		opt.Select = pl.accept
	}
	out := map[string]*file{}
	var mu sync.Mutex
	pub := build.NewPublisher(b.min) // static files may have changed since the last build
	sink := func(o render.Output) error {
		data, err := pub.Bytes(o)
		if err != nil {
			return err
		}
		if o.Source == "" {
			data = bytes.Clone(data) // the renderer reuses its buffer
		}
		f := newFile(o.Path, data)
		mu.Lock()
		out[o.Path] = f
		mu.Unlock()
		return nil
	}
	list := render.Render(ctx, p.Project, opt, sink)
	return out, rec, list
}

// ranLayouts returns the page layout each output of the project ran when
// it was last rendered: as in prev, but as rec says for those rendered
// now, and without the outputs that are gone.
func ranLayouts(prev map[render.OutputID]string, rec *render.Record) map[render.OutputID]string {
	ran := make(map[render.OutputID]string, len(rec.Outputs))
	for _, id := range rec.Outputs {
		if l, ok := rec.Layouts[id]; ok {
			ran[id] = l
		} else if l, ok := prev[id]; ok {
			ran[id] = l
		}
	}
	return ran
}

// apply makes the files of the next snapshot: every output of the
// project, by path with its identity (outputs), rendered now or, when
// the plan did not accept it, as it was in prev. It also lists the paths
// whose content changed or that were removed.
func apply(prev map[string]*file, accept func(render.OutputID) bool, rendered map[string]*file, outputs map[string]render.OutputID) (map[string]*file, []string) {
	files := maps.Clone(rendered)
	for p, id := range outputs {
		if _, done := files[p]; done {
			continue
		}
		if f, ok := prev[p]; ok && !accept(id) {
			files[p] = f
		}
	}
	var changed []string
	for p, f := range rendered {
		if old, ok := prev[p]; !ok || !bytes.Equal(old.data, f.data) {
			changed = append(changed, p)
		}
	}
	for p := range prev {
		if _, ok := files[p]; !ok {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	return files, changed
}

// navTargets returns the output paths (as under public/) of the page
// that changed last among those of the plan, in every site and language
// where it is published, or nil.
func (b *builder) navTargets(pl *plan, files map[string]*file) []string {
	if pl == nil || b.good == nil {
		return nil
	}
	var chosen *pageChange
	var newest time.Time
	for i := range pl.pages {
		pc := &pl.pages[i]
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
