package serve

import (
	"bytes"
	"context"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/minify"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/watch"
)

// builder renders a project into the files of snapshots: everything the
// first time, then, starting from the last build that succeeded, only the
// outputs that read something a batch of changes touched, as the render
// of that build recorded (see render.Record). It is not safe for
// concurrent use.
type builder struct {
	root    string
	only    string
	min     *minify.Minifier // nil: serve outputs unminified
	docs    *render.DocCache
	texts   *render.TextCache
	workers int

	good     *build.Project   // the project of the files served, loaded without errors
	goodList diag.List        // the warnings it was loaded with
	files    map[string]*file // its outputs
	rec      *render.Record   // what its outputs read
	changed  map[string]bool  // files changed on disk since good was loaded
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
	// scope says which sites were rendered; edited lists the Markdown
	// pages changed, for --navigate.
	scope  scope
	edited []pageChange
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
// that is enough) and renders what the changes since the last good build
// touch.
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
	out.edited = editedPages(b.good, p, b.changed)

	start = time.Now()
	rendered, rec, rlist := b.render(ctx, p)
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
	out.files, out.changed = apply(b.files, rendered, rec)
	out.scope = scopeOf(rec, b.rec == nil)
	out.warnings = append(list.Warnings(), rlist.Warnings()...)
	b.good, b.goodList, b.files, b.rec = p, list, out.files, rec
	clear(b.changed)
	b.docs.Prune()
	return out
}

// errorsOf keeps the errors of a list, leaving out the warnings.
func errorsOf(list diag.List) diag.List {
	return slices.DeleteFunc(slices.Clone(list), func(e *diag.Error) bool { return e.Severity != diag.SevError })
}

// render renders into files the outputs that read something changed
// since the last good build (all of them the first time), and returns
// them with the render's record.
func (b *builder) render(ctx context.Context, p *build.Project) (map[string]*file, *render.Record, diag.List) {
	rec := &render.Record{}
	changed := make(map[string]bool, len(b.changed))
	for f := range b.changed {
		changed[filepath.Join(b.root, filepath.FromSlash(f))] = true
	}
	opt := render.Options{Docs: b.docs, Texts: b.texts, Workers: b.workers, Record: rec, Previous: b.rec,
		Changed:              func(file string) bool { return changed[filepath.Clean(file)] },
		NotFoundAtDomainRoot: true} // the handler places the 404 pages where it serves them
	if b.min != nil {
		opt.MinifyHTML = b.min.HTML
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

// apply makes the files of the next snapshot: every output of the
// project (rec.Outputs), rendered now or, when the render did not run it
// (see render.Record.Stands), as it was in prev. It also lists the paths whose content changed or
// that were removed.
func apply(prev map[string]*file, rendered map[string]*file, rec *render.Record) (map[string]*file, []string) {
	files := maps.Clone(rendered)
	for p := range rec.Outputs {
		if f, ok := prev[p]; ok && rec.Stands(p) {
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
