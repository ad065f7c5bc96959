// Package build is the pipeline behind "tadafor build": load the settings,
// profiles, content and theme, render every site, minify, and write the
// result into a staging folder that replaces the output folder only when
// everything succeeded.
package build

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/content"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/minify"
	"github.com/tadafor/tadafor/internal/outdir"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/records"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
)

// Options say what to build and where.
type Options struct {
	// Root is the project folder (default ".").
	Root string
	// Out is the output folder (default "public" under Root).
	Out string
	// Commune, when set, builds only that commune's site into
	// Out/<slug>, leaving the rest of Out as it is.
	Commune string
	// Workers is the number of pages rendered at once (default: CPUs).
	Workers int
	// NoMinify writes the HTML and CSS as the templates produce them
	// (for golden tests and theme work).
	NoMinify bool
	// Progress, when set, is told how far the build is: first with no
	// commune done, then each time a commune's site is complete, with the
	// number done and the number to build; it is called from several
	// goroutines at once.
	Progress func(done, total int)
	// Waiting, when set, is called once if the build must wait for
	// another build of the same output folder to finish.
	Waiting func()
}

func (o Options) withDefaults() Options {
	if o.Root == "" {
		o.Root = "."
	}
	if o.Out == "" {
		o.Out = filepath.Join(o.Root, "public")
	}
	return o
}

// OutOrDefault is the output folder, Out or its default.
func (o Options) OutOrDefault() string { return o.withDefaults().Out }

// Target is the folder a build replaces: the output folder, or the
// commune's folder inside it.
func (o Options) Target() string {
	o = o.withDefaults()
	if o.Commune != "" {
		return filepath.Join(o.Out, o.Commune)
	}
	return o.Out
}

// TuneGC sets the garbage collector as a build wants it, unless GOGC or
// GOMEMLIMIT is set: a build allocates much short-lived memory (one page
// after another) and keeps little alive, so collecting half as often
// costs little memory and saves time (see make bench); a soft limit then
// makes the collector run more often when the heap nears gcMemoryLimit,
// so that a build of many communes stays within it.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(gcMemoryLimit)
	}
}

// gcMemoryLimit is the memory a build tries to stay within: a few times
// what it keeps alive while it renders the communes of the whole country,
// a few at a time (see make bench-national), and 10 MiB below make bench's
// target for the resident memory, which the runtime's own memory and the
// program's code add to.
const gcMemoryLimit = 140 << 20

// Report sums up a successful build.
type Report struct {
	Communes int
	Pages    int64 // HTML pages
	Files    int64 // every file written
	Bytes    int64
	Duration time.Duration
	// Warnings were found but did not stop the build.
	Warnings diag.List
	// Output says where the output folder stands, also after an error;
	// Aside, when it is outdir.Missing, where the new output is.
	Output outdir.Outcome
	Aside  string
}

// Project is a loaded project, ready to render.
type Project struct {
	Root string
	*render.Project
}

// Load reads and validates everything a build needs. only, when set,
// restricts the communes rendered to that one. All problems are returned
// together, sorted; warnings alone leave a usable project. When ctx is
// done, Load stops between files and returns ctx's error in the list.
func Load(ctx context.Context, root, only string) (*Project, diag.List) {
	var errs diag.List
	settings, serrs := project.LoadSettings(root)
	errs = append(errs, serrs...)
	if serrs.HasErrors() {
		return nil, errs
	}
	langs := site.Codes(settings.Languages)
	ref, err := refdata.Load()
	if err != nil {
		errs.Append(fmt.Errorf("load reference data: %w", err))
		return nil, errs
	}
	communes, cerrs := commune.LoadAll(ctx, root, langs, ref)
	errs = append(errs, cerrs...)
	if ctx.Err() != nil {
		return nil, errs
	}
	if len(communes) == 0 && !cerrs.HasErrors() {
		errs.Add(diag.Pos{File: project.CommunesDir}, "no commune to build").Hint = "add a folder communes/<slug> with a commune.yaml (see docs/commune.yaml)"
	}
	var slugs []string
	for _, c := range communes {
		slugs = append(slugs, c.Slug)
		if slices.Contains(langs, c.Slug) || c.Slug == "css" {
			errs.Add(diag.Pos{File: c.File}, "the commune folder name %q is reserved", c.Slug).Hint = "rename the folder communes/" + c.Slug
		}
	}
	selected := communes
	if only != "" {
		i := slices.IndexFunc(communes, func(c *site.Commune) bool { return c.Slug == only })
		if i < 0 {
			e := errs.Add(diag.Pos{}, "no commune %q in communes/", only)
			e.Unknown(only, slugs, "the communes are")
			return nil, errs
		}
		selected = communes[i : i+1]
	}
	own := make([]string, len(selected)) // the communes whose own pages are read
	for i, c := range selected {
		own[i] = c.Slug
	}
	set, lerrs := content.Load(ctx, root, langs, own)
	errs = append(errs, lerrs...)
	if ctx.Err() != nil {
		return nil, errs
	}
	perCommune := make([]diag.List, len(communes))
	par.Each(len(communes), func(i int) {
		c := communes[i]
		if (only != "" && c.Slug != only) || ctx.Err() != nil {
			return // the portal, which needs every commune's records, is not built
		}
		var rerrs diag.List
		c.Records, rerrs = records.Load(root, c, langs)
		perCommune[i] = append(rerrs, checkPages(c, set.Shared, set.Local[c.Slug])...)
	})
	errs = append(errs, commune.CheckServices(settings.Services, settings.ServicesPos, project.SettingsFile, set.Shared)...)
	for _, l := range perCommune {
		errs = append(errs, l...)
	}
	if err := ctx.Err(); err != nil {
		errs.Append(err)
		return nil, errs
	}
	th, terrs := theme.Load(root, settings.Theme, settings.Languages)
	errs = append(errs, terrs...)
	if th == nil {
		errs.Sort()
		return nil, errs
	}

	quotes := map[string]markdown.Quotes{}
	for code, cat := range th.Catalogs {
		if opening, closing := cat.Quotes(); opening != "" {
			quotes[code] = markdown.Quotes{Open: opening, Close: closing}
		}
	}
	dirs := map[string]string{}
	for _, l := range settings.Languages {
		if l.Dir != "" {
			dirs[l.Code] = l.Dir
		}
	}
	md := markdown.New(markdown.WithQuotes(quotes), markdown.WithDirections(dirs))
	in := &render.Project{Settings: settings, Theme: th, Markdown: md, Shared: set.Shared}
	if only == "" {
		in.Portal, in.AllCommunes = true, communes
	}
	for _, c := range selected {
		layouts, lerrs := th.ForCommune(root, c.Slug)
		errs = append(errs, lerrs...)
		static, serrs := th.StaticFor(root, c.Slug)
		errs = append(errs, serrs...)
		in.Communes = append(in.Communes, &render.Commune{
			Profile: c, Pages: set.Local[c.Slug], Layouts: layouts, Static: static, Facts: commune.FactsOf(c), Needs: commune.Needs(c),
		})
	}
	errs.Sort()
	return &Project{Root: root, Project: in}, errs
}

// checkPages checks what a profile says of pages: the procedures it
// details and the services its home page lists.
func checkPages(c *site.Commune, shared, local []*site.Page) diag.List {
	return append(commune.CheckProcedures(c, shared, local), commune.CheckServices(c.Services, c.ServicesPos, c.File, shared, local)...)
}

// Minify minifies the project's layouts once, instead of minifying every
// page written; a render with the option MinifyHTML then minifies each
// Markdown page once for all communes too. Layouts the minifier would
// break are kept as they are; their pages are then minified one by one
// by the writer.
func (p *Project) Minify(m *minify.Minifier) {
	in := p.Project
	done := map[*theme.Layouts]*theme.Layouts{}
	small := func(l *theme.Layouts) *theme.Layouts {
		if l == nil {
			return nil
		}
		if s, ok := done[l]; ok {
			return s
		}
		s, err := l.Minify(m.Template)
		if err != nil {
			s = l
		}
		done[l] = s
		return s
	}
	th := *in.Theme // the Theme is shared, and immutable
	th.Layouts = small(th.Layouts)
	in.Theme = &th
	for _, c := range in.Communes {
		c.Layouts = small(c.Layouts)
	}
}

// Run builds the project. It takes the output folder's lock (see
// package outdir), waiting for another build of the same folder to
// finish, and replaces the output only when everything succeeded. On
// error the Report says where the output stands (Output; Unchanged for
// every error before the new output is put in place) and the error is a
// diag.List (problems in the user's files) or a plain error (the system
// failed; a failure to write the output is reported once).
func Run(ctx context.Context, opts Options) (Report, error) {
	start := time.Now()
	opts = opts.withDefaults()
	out, err := outdir.Resolve(opts.Root, opts.Out)
	if err != nil {
		return Report{}, err
	}
	p, errs := Load(ctx, opts.Root, opts.Commune)
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if errs.HasErrors() {
		// Every problem at once: those of the other communes too.
		errs = append(errs, RenderErrors(ctx, p, render.Options{}, errs)...)
		return Report{}, errs.Err()
	}
	rep := Report{Warnings: errs.Warnings(), Communes: len(p.Communes)}
	ropt := render.Options{Workers: opts.Workers}

	lock, err := outdir.Acquire(ctx, out, opts.Waiting)
	if err != nil {
		return rep, err
	}
	defer lock.Release()
	target := out
	if opts.Commune != "" {
		if err := outdir.Mark(out); err != nil {
			return rep, err
		}
		target = filepath.Join(out, opts.Commune)
	}
	stage, notes, err := outdir.NewStage(target, opts.Commune != "")
	for _, n := range notes {
		rep.Warnings = append(rep.Warnings, &diag.Error{Severity: diag.SevWarning, Msg: n})
	}
	if err != nil {
		return rep, err
	}
	defer stage.Discard()

	var min *minify.Minifier
	if !opts.NoMinify {
		min = minify.New()
		p.Minify(min)
		ropt.MinifyHTML = min.HTML
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := &writer{dir: filepath.Clean(stage.Dir()), name: opts.Target(), pub: NewPublisher(min), stop: cancel}
	if opts.Progress != nil {
		var done atomic.Int64
		total := len(p.Communes)
		opts.Progress(0, total)
		ropt.Done = func() { opts.Progress(int(done.Add(1)), total) }
	}
	if opts.Commune != "" {
		w.prefix = opts.Commune + "/"
	}
	rerrs := render.Render(ctx, p.Project, ropt, w.write)
	if err := w.failure(); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err // stopped: the output is left as it was
	}
	if rerrs.HasErrors() {
		// The warnings of the loading too: every problem at once.
		errs := append(rep.Warnings, rerrs...)
		rep.Warnings = nil
		return rep, errs.Err()
	}
	rep.Warnings = append(rep.Warnings, rerrs.Warnings()...)
	rep.Output, err = stage.Commit()
	rep.Aside = stage.Aside
	if rep.Output == outdir.Replaced && err != nil {
		// The new output is in place: the build succeeded, and the next
		// one removes what is left.
		rep.Warnings = append(rep.Warnings, &diag.Error{Severity: diag.SevWarning, Msg: err.Error()})
		err = nil
	}
	if err != nil {
		return rep, err
	}
	rep.Pages, rep.Files, rep.Bytes = w.pages.Load(), w.files.Load(), w.bytes.Load()
	rep.Duration = time.Since(start)
	return rep, nil
}

// writer writes outputs into the staging folder, minifying them; it is
// safe for concurrent use. The first failure to write stops the build
// (a full disk fails every file the same way): later outputs are passed
// over, and failure returns it alone.
type writer struct {
	dir    string
	name   string // the output folder as the user named it, for messages
	prefix string // output paths start with it when building one commune
	pub    *Publisher
	stop   context.CancelFunc

	made                folders
	pages, files, bytes atomic.Int64
	failOnce            sync.Once
	failed              atomic.Pointer[error]
}

func (w *writer) write(o render.Output) error {
	if w.failed.Load() != nil {
		return nil
	}
	rel, ok := strings.CutPrefix(o.Path, w.prefix)
	if !ok {
		return nil // the portal, when building one commune
	}
	dst, err := outdir.Join(w.dir, rel)
	if err != nil {
		return err
	}
	if err := w.mkdir(filepath.Dir(dst)); err != nil {
		return w.fail(rel, err)
	}
	if w.pub.Copies(o) {
		return w.copyFile(o.Source, dst, rel)
	}
	data, err := w.pub.Bytes(o)
	if err != nil {
		return err
	}
	if err := writeFile(dst, data, 0o644); err != nil {
		return w.fail(rel, err)
	}
	if path.Ext(o.Path) == ".html" {
		w.pages.Add(1)
	}
	w.count(int64(len(data)))
	return nil
}

// fail records the first failure to write and stops the build.
func (w *writer) fail(rel string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is the staging folder's: name the output's
	}
	w.failOnce.Do(func() {
		e := fmt.Errorf("cannot write %s: %w", filepath.Join(w.name, filepath.FromSlash(rel)), err)
		w.failed.Store(&e)
		w.stop()
	})
	return nil
}

// failure is the first failure to write, or nil.
func (w *writer) failure() error {
	if e := w.failed.Load(); e != nil {
		return *e
	}
	return nil
}
func (w *writer) count(n int64) {
	w.bytes.Add(n)
	w.files.Add(1)
}

// mkdir makes the folder dir of the staging folder and the folders above
// it that this build has not made yet: one system call for each folder,
// without MkdirAll's stat calls, whatever order the pages come in.
func (w *writer) mkdir(dir string) error {
	if dir == w.dir || w.made.has(dir) {
		return nil
	}
	if parent := filepath.Dir(dir); parent != dir { // w.dir is clean: its folders stop there
		if err := w.mkdir(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.made.add(dir)
	return nil
}

// folders is a set of the folders a build made; it is safe for concurrent
// use. The folders a build makes grow with the communes, while only those
// of the few sites being written matter: the set keeps the folders made
// last, two generations of at most maxKnownDirs, and forgets the older
// ones. A folder forgotten costs one more mkdir if it is met again.
type folders struct {
	mu       sync.Mutex
	new, old map[string]struct{}
}

// maxKnownDirs is how many folders a generation of the set holds.
const maxKnownDirs = 1 << 12

func (f *folders) has(dir string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.new[dir]; ok {
		return true
	}
	_, ok := f.old[dir]
	return ok
}

func (f *folders) add(dir string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.new) >= maxKnownDirs {
		f.old, f.new = f.new, nil
	}
	if f.new == nil {
		f.new = make(map[string]struct{}, maxKnownDirs)
	}
	f.new[dir] = struct{}{}
}

func (w *writer) copyFile(src, dst, rel string) error {
	in, err := openRegular(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return w.fail(rel, err)
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return w.fail(rel, err)
	}
	w.count(n)
	return nil
}
