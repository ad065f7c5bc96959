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
	"github.com/tadafor/tadafor/internal/par"
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
	// Progress, when set, is called with the number of files written so
	// far, from several goroutines at once.
	Progress func(files int64)
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

// Target is the folder a build replaces: the output folder, or the
// commune's folder inside it.
func (o Options) Target() string {
	o = o.withDefaults()
	if o.Commune != "" {
		return filepath.Join(o.Out, o.Commune)
	}
	return o.Out
}

// TuneGC sets the garbage collector as a build wants it, unless GOGC is
// set: a build allocates much short-lived memory (one page after
// another) and keeps little alive, so collecting half as often costs
// little memory and saves time (see make bench).
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
}

// Report sums up a successful build.
type Report struct {
	Communes int
	Pages    int64 // HTML pages
	Files    int64 // every file written
	Bytes    int64
	Duration time.Duration
	// Warnings were found but did not stop the build.
	Warnings diag.List
}

// Project is a loaded project, ready to render.
type Project struct {
	Root     string
	Settings site.Settings
	Input    *render.Input
}

// Load reads and validates everything a build needs. only, when set,
// restricts the communes rendered to that one. All problems are returned
// together, sorted; warnings alone leave a usable project.
func Load(root, only string) (*Project, diag.List) {
	var errs diag.List
	settings, serrs := LoadSettings(root)
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
	communes, cerrs := commune.LoadAll(root, langs, ref)
	errs = append(errs, cerrs...)
	if len(communes) == 0 && !cerrs.HasErrors() {
		errs.Add(diag.Pos{File: "communes"}, "no commune to build").Hint = "add a folder communes/<slug> with a commune.yaml (see docs/commune.yaml)"
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
			if s := diag.Suggest(only, slugs); s != "" {
				e.Msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, errs
		}
		selected = communes[i : i+1]
	}
	own := make([]string, len(selected)) // the communes whose own pages are read
	for i, c := range selected {
		own[i] = c.Slug
	}
	set, lerrs := content.Load(root, langs, own)
	errs = append(errs, lerrs...)
	perCommune := make([]diag.List, len(communes))
	par.Each(len(communes), func(i int) {
		c := communes[i]
		if only != "" && c.Slug != only {
			return // the portal, which needs every commune's records, is not built
		}
		var rerrs diag.List
		c.Records, rerrs = records.Load(root, c, langs)
		perCommune[i] = append(rerrs, checkPages(c, set.Shared, set.Local[c.Slug])...)
	})
	errs = append(errs, commune.CheckServices(settings.Services, settings.ServicesPos, SettingsFile, set.Shared)...)
	for _, l := range perCommune {
		errs = append(errs, l...)
	}
	th, terrs := theme.Load(root, settings.Theme, settings.Languages)
	errs = append(errs, terrs...)
	if th == nil {
		errs.Sort()
		return nil, errs
	}

	in := &render.Input{Settings: settings, Theme: th, Markdown: markdown.New(), Shared: set.Shared}
	if only == "" {
		in.AllCommunes = communes
	}
	for _, c := range selected {
		layouts, lerrs := th.ForCommune(root, c.Slug)
		errs = append(errs, lerrs...)
		static, err := th.StaticFor(root, c.Slug)
		errs.Append(err)
		in.Communes = append(in.Communes, &render.Commune{
			Profile: c, Pages: set.Local[c.Slug], Layouts: layouts, Static: static, Params: commune.Params(c),
		})
	}
	errs.Sort()
	return &Project{Root: root, Settings: settings, Input: in}, errs
}

// checkPages checks what a profile says of pages: the procedures it
// details and the services its home page lists.
func checkPages(c *site.Commune, shared, local []*site.Page) diag.List {
	return append(commune.CheckProcedures(c, shared, local), commune.CheckServices(c.Services, c.ServicesPos, c.File, shared, local)...)
}

// Minify makes the project render minified pages: the layouts are
// minified once, and each Markdown page once for all communes, instead of
// minifying every page written. Layouts the minifier would break are kept
// as they are; their pages are then minified one by one by the writer.
func (p *Project) Minify(m *minify.Minifier) {
	in := p.Input
	in.MinifyHTML = m.HTML
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

// Run builds the project. On any error the output folder is left as it
// was and the error is a diag.List (problems in the user's files) or a
// plain error (the system failed).
func Run(ctx context.Context, opts Options) (Report, error) {
	start := time.Now()
	opts = opts.withDefaults()
	if err := checkOut(opts.Root, opts.Out); err != nil {
		return Report{}, err
	}
	p, errs := Load(opts.Root, opts.Commune)
	if errs.HasErrors() {
		return Report{}, errs.Err()
	}
	rep := Report{Warnings: errs.Warnings(), Communes: len(p.Input.Communes)}
	p.Input.Workers = opts.Workers

	target := opts.Target()
	if opts.Commune != "" {
		if err := markOut(opts.Out); err != nil {
			return Report{}, err
		}
	}
	stage, err := newStage(target)
	if err != nil {
		return Report{}, err
	}
	defer stage.discard()
	stage.keepMarker = opts.Commune == ""

	var min *minify.Minifier
	if !opts.NoMinify {
		min = minify.New()
		p.Minify(min)
	}
	w := &writer{dir: stage.dir, pub: NewPublisher(min), progress: opts.Progress}
	if opts.Commune != "" {
		w.prefix = opts.Commune + "/"
	}
	rerrs := render.Render(ctx, p.Input, w.write)
	if rerrs.HasErrors() {
		return Report{}, rerrs.Err()
	}
	rep.Warnings = append(rep.Warnings, rerrs.Warnings()...)
	if err := ctx.Err(); err != nil {
		return Report{}, err
	}
	if err := stage.commit(); err != nil {
		return Report{}, err
	}
	rep.Pages, rep.Files, rep.Bytes = w.pages.Load(), w.files.Load(), w.bytes.Load()
	rep.Duration = time.Since(start)
	return rep, nil
}

// writer writes outputs into the staging folder, minifying them; it is
// safe for concurrent use.
type writer struct {
	dir      string
	prefix   string // output paths start with it when building one commune
	pub      *Publisher
	progress func(int64)

	dirs                sync.Map
	pages, files, bytes atomic.Int64
}

func (w *writer) write(o render.Output) error {
	rel, ok := strings.CutPrefix(o.Path, w.prefix)
	if !ok {
		return nil // the portal, when building one commune
	}
	dst := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := w.mkdir(filepath.Dir(dst)); err != nil {
		return err
	}
	if w.pub.Copies(o) {
		return w.copyFile(o.Source, dst)
	}
	data, err := w.pub.Bytes(o)
	if err != nil {
		return err
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return err
	}
	if path.Ext(o.Path) == ".html" {
		w.pages.Add(1)
	}
	w.count(int64(len(data)))
	return nil
}

func (w *writer) count(n int64) {
	w.bytes.Add(n)
	files := w.files.Add(1)
	if w.progress != nil {
		w.progress(files)
	}
}

func (w *writer) mkdir(dir string) error {
	if _, ok := w.dirs.Load(dir); ok {
		return nil
	}
	// Pages come parent first: one mkdir, without MkdirAll's stat calls.
	err := fs.ErrNotExist
	if _, ok := w.dirs.Load(filepath.Dir(dir)); ok {
		if err = os.Mkdir(dir, 0o755); errors.Is(err, fs.ErrExist) {
			err = nil
		}
	}
	if err != nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err != nil {
		return err
	}
	w.dirs.Store(dir, true)
	return nil
}

func (w *writer) copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		w.count(n)
	}
	return err
}
