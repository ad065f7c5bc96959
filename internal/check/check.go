// Package check is "tadafor check": everything a build validates, done in
// memory without writing anything, plus the lints an editor needs before
// publishing — translations missing in one language, images without
// alternative text, skipped heading levels, empty items and "TODO" values
// left in front matter and profiles, addresses on domains reserved for
// examples — and, on request, the links to other sites. Every finding is a
// diag.Error with its file:line:col, severity and hint; the coverage of
// each language (pages and interface strings) comes as a summary beside
// them.
package check

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/netip"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/site"
)

// Options say what to check.
type Options struct {
	// Commune, when set, checks the shared pages and that commune's site
	// only (every profile is still read, as a build does).
	Commune string
	// External also requests every http(s) address the pages and
	// profiles link to, and reports those that fail as warnings. It is
	// off by default: it needs the network and takes time.
	External bool
	// Timeout bounds each request of the external check (default 10 s).
	Timeout time.Duration
	// Parallel is the number of requests made at once by the external
	// check (default 8).
	Parallel int

	// allow, in tests only, lets the external check request local test
	// servers.
	allow *allowance
}

// allowance is what the external check may request besides public
// addresses, in tests: the addresses of local test servers, and the
// certificates that sign theirs.
type allowance struct {
	addrs []netip.AddrPort
	roots *x509.CertPool
}

// Defaults of Options.
const (
	DefaultTimeout  = 10 * time.Second
	DefaultParallel = 8
)

// Result is the outcome of a check.
type Result struct {
	// Findings are every problem found, sorted by position and without
	// duplicates. Errors stop a build; warnings do not.
	Findings diag.List
	// Coverage tells how much of the site each language has.
	Coverage Coverage
	// Files is the number of input files checked: the settings, profiles,
	// records, Markdown pages and interface-string catalogs.
	Files int
}

// Errors returns the number of error findings.
func (r *Result) Errors() int { return len(r.Findings) - len(r.Findings.Warnings()) }

// Warnings returns the number of warning findings.
func (r *Result) Warnings() int { return len(r.Findings.Warnings()) }

// Run checks the project at root and returns every finding, sorted. The
// error is non-nil only when the check itself could not run (root is not
// a readable folder, or ctx was cancelled); problems in the project's
// files are findings. Run is safe for concurrent use.
func Run(ctx context.Context, root string, opts Options) (diag.List, error) {
	r, err := Check(ctx, root, opts)
	if err != nil {
		return nil, err
	}
	return r.Findings, nil
}

// Check is Run with the coverage report and the number of files checked.
// It writes nothing to disk. Check is safe for concurrent use.
func Check(ctx context.Context, root string, opts Options) (*Result, error) {
	if root == "" {
		root = "."
	}
	st, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("check: %s is not a folder", root)
	}
	res := &Result{}
	p, errs := build.Load(ctx, root, opts.Commune)
	res.Findings = append(res.Findings, errs...)
	if p != nil {
		c := newChecker(root, p, errs)
		c.parse()
		res.Findings = append(res.Findings, build.RenderErrors(ctx, p, render.Options{Docs: c.docCache}, errs)...)
		c.lint()
		if opts.External {
			c.external(ctx, opts)
		}
		res.Findings = append(res.Findings, c.findings...)
		res.Coverage = c.coverage()
		res.Files = c.files()
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	res.Findings.Sort()
	return res, nil
}

// checker holds the state of one check.
type checker struct {
	root     string
	p        *build.Project
	langs    []site.Lang
	loadErrs map[diag.Pos]bool // positions of the errors of the loading
	docs     []*pageDoc
	docCache *render.DocCache // the parsed pages, which the render takes
	findings diag.List
	// urls are the web addresses used, with the position of each use,
	// for the external check.
	urls map[string][]diag.Pos
}

// pageDoc is a page with its parsed Markdown (nil when it could not be
// parsed); page.Commune names the commune of a commune's own page.
type pageDoc struct {
	page *site.Page
	md   *markdown.Doc
}

func newChecker(root string, p *build.Project, errs diag.List) *checker {
	c := &checker{root: root, p: p, langs: p.Settings.Languages, loadErrs: map[diag.Pos]bool{}}
	for _, e := range errs {
		if e.Severity == diag.SevError {
			c.loadErrs[e.Pos] = true
		}
	}
	return c
}

// pages returns every page checked: the shared ones, then the local
// pages of each commune checked.
func (c *checker) pages() []*site.Page {
	pages := append([]*site.Page(nil), c.p.Shared...)
	for _, cm := range c.p.Communes {
		pages = append(pages, cm.Pages...)
	}
	return pages
}

// parse parses the Markdown of every page, into a cache the render then
// takes them from. The errors of the parse are those the render reports
// too (duplicates are dropped when sorting); they are kept so that they
// show when the project cannot be rendered.
func (c *checker) parse() {
	in := c.p
	c.docCache = render.NewDocCache()
	pages := c.pages()
	c.docs = make([]*pageDoc, len(pages))
	errs := make([]diag.List, len(pages))
	par.Each(len(pages), func(i int) {
		md, list := c.docCache.Parse(in.Markdown, pages[i])
		c.docs[i], errs[i] = &pageDoc{page: pages[i], md: md}, list
	})
	for _, list := range errs {
		c.findings = append(c.findings, list...)
	}
}

// lint runs every lint.
func (c *checker) lint() {
	c.translations()
	c.fallbacks()
	for _, d := range c.docs {
		c.images(d)
		c.headings(d)
		c.bodyTODOs(d)
		c.frontMatter(d)
		c.links(d)
	}
	for _, cm := range c.p.Communes {
		c.profile(cm.Profile)
	}
}

// add records a finding.
func (c *checker) add(sev diag.Severity, pos diag.Pos, hint, format string, args ...any) {
	e := diag.Errorf(pos, format, args...)
	e.Severity = sev
	e.Hint = hint
	c.findings = append(c.findings, e)
}

// files counts the input files checked.
func (c *checker) files() int {
	n := len(c.docs) + len(c.p.Theme.Catalogs)
	if _, err := os.Stat(filepath.Join(c.root, project.SettingsFile)); err == nil {
		n++
	}
	for _, cm := range c.p.Communes {
		n += 1 + len(cm.Profile.Records.Files)
	}
	return n
}

// readFile reads a project file named by its slash path from the root.
func (c *checker) readFile(file string) ([]byte, error) {
	return project.ReadFile(c.root, path.Clean(file))
}
