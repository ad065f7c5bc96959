package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/deploy"
	"github.com/tadafor/tadafor/internal/deploy/ftps"
	"github.com/tadafor/tadafor/internal/deploy/s3"
	"github.com/tadafor/tadafor/internal/deploy/sftp"
	"github.com/tadafor/tadafor/internal/outdir"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
)

const deployExamples = `  tadafor deploy --commune berkane              publish public/berkane/ where its profile's deploy: says
  tadafor deploy --commune berkane --dry-run    list what would be uploaded and deleted
  tadafor deploy --commune berkane --delete     also delete the pages removed from the site
  tadafor deploy --all --portal                 publish every commune and the portal
  tadafor deploy --commune berkane --to sftp://web@host.ma/var/www/berkane
Secrets come from the environment, never from the project: TADAFOR_PASSWORD or
~/.netrc (SFTP, FTP), the SSH agent or TADAFOR_SSH_KEY (SFTP), AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY (S3). See docs/hosting.md.
`

// deployFlags are the options of "tadafor deploy".
type deployFlags struct {
	root, out, commune, to string
	all, portal            bool
	dryRun, del, quiet     bool
	insecureFTP, acceptKey bool
	parallel, jobs         int
}

func runDeploy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("deploy", "deploy [--commune SLUG | --all] [--portal] [--to URL] [--dry-run] [--delete] [-q]", deployExamples, stderr)
	var f deployFlags
	fs.StringVar(&f.root, "root", ".", "the project `folder` (with content/, communes/ and themes/)")
	fs.StringVar(&f.out, "out", "", "the built `folder` (default: public under the project folder)")
	fs.StringVar(&f.commune, "commune", "", "publish the site of the commune of this `slug`")
	fs.BoolVar(&f.all, "all", false, "publish every commune whose profile has a deploy: address")
	fs.BoolVar(&f.portal, "portal", false, "publish the portal, where tadafor.yaml's deploy: says")
	fs.StringVar(&f.to, "to", "", "publish to this `URL` instead of the one of the profile or tadafor.yaml")
	fs.BoolVar(&f.dryRun, "dry-run", false, "list what would be uploaded and deleted, and change nothing")
	fs.BoolVar(&f.del, "delete", false, "delete the files published before that the site no longer has (never any other file)")
	fs.IntVar(&f.parallel, "parallel", 4, "transfers at once to each destination, each on its own connection")
	fs.IntVar(&f.jobs, "jobs", 4, "sites published at once with --all")
	fs.BoolVar(&f.insecureFTP, "insecure-ftp", false, "allow ftp:// addresses, which send the password and the files unencrypted")
	fs.BoolVar(&f.acceptKey, "accept-new-host-key", false, "trust an SFTP server seen for the first time, after printing its key's fingerprint")
	fs.BoolVar(&f.quiet, "q", false, "quiet: print nothing but errors")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	usageErr := func(format string, args ...any) int {
		fmt.Fprintf(stderr, "tadafor deploy: "+format+"\n", args...)
		return exitUsage
	}
	switch {
	case f.commune == "" && !f.all && !f.portal:
		return usageErr("say what to publish: --commune SLUG, --all or --portal")
	case f.commune != "" && f.all:
		return usageErr("--commune and --all cannot go together")
	case f.to != "" && (f.all || (f.portal && f.commune != "")):
		return usageErr("--to names one destination: use it with --commune or --portal alone")
	case f.parallel < 1 || f.parallel > 64:
		return usageErr("--parallel %d: choose from 1 to 64", f.parallel)
	case f.jobs < 1:
		return usageErr("--jobs %d: choose 1 or more", f.jobs)
	}
	if f.commune != "" {
		if msg := unknownCommune(f.root, f.commune); msg != "" {
			return usageErr("%s", msg)
		}
	}
	var to *url.URL
	if f.to != "" {
		u, err := site.ParseDestination(f.to)
		if err != nil {
			return usageErr("--to: %v", err)
		}
		to = u
	}

	targets, code := deployTargets(ctx, f, to, stderr)
	if code >= 0 {
		return code
	}
	if len(targets) == 0 {
		fmt.Fprintln(stderr, "tadafor deploy: no site to publish: no profile has a deploy: address (see docs/hosting.md)")
		return exitError
	}
	if code := buildIfStale(ctx, f, targets, stdout, stderr); code >= 0 {
		return code
	}
	return publish(ctx, f, targets, stdout, stderr)
}

// target is one site to publish.
type target struct {
	name string // a commune's slug, or "portal"
	slug string // "" for the portal
	url  *url.URL
}

// deployTargets lists the sites to publish with their destinations, from
// the profiles and tadafor.yaml; it returns an exit code to stop with, or
// -1.
func deployTargets(ctx context.Context, f deployFlags, to *url.URL, stderr io.Writer) ([]target, int) {
	settings, errs := project.LoadSettings(f.root)
	if errs.HasErrors() {
		printErrors(stderr, errs.Err())
		return nil, exitError
	}
	var targets []target
	if f.commune != "" || f.all {
		ref, err := refdata.Load()
		if err != nil {
			fmt.Fprintln(stderr, "error:", err)
			return nil, exitError
		}
		communes, errs := commune.LoadAll(ctx, f.root, site.Codes(settings.Languages), ref)
		if errs.HasErrors() {
			fmt.Fprintf(stderr, "nothing was published: %s in the profiles\n", problems(printErrors(stderr, errs.Err())))
			return nil, exitError
		}
		for _, c := range communes {
			if f.commune != "" && c.Slug != f.commune {
				continue
			}
			u := to
			if u == nil && c.Deploy != "" {
				u, _ = site.ParseDestination(string(c.Deploy)) // checked when loaded
			}
			if u == nil {
				msg := fmt.Sprintf("%s has no deploy: address; add one (see docs/hosting.md) or give --to", c.File)
				if f.commune != "" {
					fmt.Fprintln(stderr, "tadafor deploy:", msg)
					return nil, exitError
				}
				if !f.quiet {
					fmt.Fprintf(stderr, "%s: skipped: %s\n", c.Slug, msg)
				}
				continue
			}
			targets = append(targets, target{name: c.Slug, slug: c.Slug, url: u})
		}
	}
	if f.portal {
		u := to
		if u == nil && settings.Deploy != "" {
			u, _ = site.ParseDestination(string(settings.Deploy))
		}
		if u == nil {
			fmt.Fprintf(stderr, "tadafor deploy: %s has no deploy: address for the portal; add one (see docs/hosting.md) or give --to\n", project.SettingsFile)
			return nil, exitError
		}
		targets = append(targets, target{name: "portal", url: u})
	}
	for _, t := range targets {
		if t.url.Scheme == "ftp" && !f.insecureFTP {
			fmt.Fprintf(stderr, "tadafor deploy: %s: ftp:// sends the password and the files unencrypted; use ftps:// (FTP with TLS) if the host offers it, or add --insecure-ftp\n", t.url.Redacted())
			return nil, exitUsage
		}
	}
	return targets, -1
}

// buildIfStale builds the sites that are missing or older than their
// sources, and says so; it returns an exit code to stop with, or -1.
func buildIfStale(ctx context.Context, f deployFlags, targets []target, stdout, stderr io.Writer) int {
	opts := build.Options{Root: f.root, Out: f.out}
	var reasons []string
	for _, t := range targets {
		reason, err := build.Stale(opts, t.slug)
		if err != nil {
			fmt.Fprintln(stderr, "error:", err)
			return exitError
		}
		if reason != "" {
			reasons = append(reasons, reason)
		}
	}
	if len(reasons) == 0 {
		return -1
	}
	if len(targets) == 1 && targets[0].slug != "" {
		opts.Commune = targets[0].slug
	}
	if !f.quiet {
		what := "every site"
		if opts.Commune != "" {
			what = opts.Target()
		}
		fmt.Fprintf(stdout, "%s: building %s first\n", reasons[0], what)
	}
	build.TuneGC()
	rep, err := build.Run(ctx, opts)
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	if err != nil {
		fmt.Fprintf(stderr, "build failed with %s; nothing was published\n", problems(printErrors(stderr, err)))
		return exitError
	}
	return -1
}

// publish deploys every target and prints each result; the exit code
// says whether any failed.
func publish(ctx context.Context, f deployFlags, targets []target, stdout, stderr io.Writer) int {
	out := build.Options{Root: f.root, Out: f.out}.Target()
	communes := map[string]bool{}
	if entries, err := os.ReadDir(filepath.Join(f.root, commune.Dir)); err == nil {
		for _, e := range entries {
			communes[e.Name()] = true
		}
	}
	var noticeMu sync.Mutex
	notice := func(s string) {
		noticeMu.Lock()
		defer noticeMu.Unlock()
		fmt.Fprintln(stderr, s)
	}
	// The sites are read from a snapshot: a build that replaces public/
	// during a long deploy cannot give it a mix of two builds.
	parts := make([]string, 0, len(targets))
	for _, t := range targets {
		if t.slug == "" {
			parts = []string{""}
			break
		}
		parts = append(parts, t.slug)
	}
	snap, err := outdir.TakeSnapshot(ctx, out, parts, func() {
		if !f.quiet {
			fmt.Fprintf(stderr, "waiting for the build of %s to finish…\n", out)
		}
	})
	if err != nil {
		fmt.Fprintln(stderr, "tadafor deploy: read the built sites:", err)
		return exitError
	}
	defer snap.Remove()
	jobs := make([]deploy.Job, len(targets))
	for i, t := range targets {
		dest, err := openDestination(t.url, f, notice)
		if err != nil {
			fmt.Fprintln(stderr, "tadafor deploy:", err)
			return exitUsage
		}
		s := deploy.Site{Dir: filepath.Join(snap.Dir, t.slug)}
		if t.slug == "" {
			s = deploy.Site{Dir: snap.Dir, Skip: func(rel string, dir bool) bool {
				// The portal is what public/ holds besides the communes'
				// sites and the build's own files.
				return !strings.Contains(rel, "/") && ((dir && communes[rel]) || (strings.HasPrefix(rel, ".") && rel != ".htaccess"))
			}}
		}
		jobs[i] = deploy.Job{Name: t.name, Site: s, Dest: dest}
		if t.url.Scheme == "ftp" && !f.quiet {
			fmt.Fprintf(stderr, "warning: %s is not encrypted: the password and the files can be read on the network\n", t.url.Redacted())
		}
	}

	meter := &deploy.Meter{}
	var status *statusLine
	if !f.quiet && !f.dryRun && isTerminal(stderr) {
		status = startStatus(stderr, progress(meter, time.Now()))
	}
	prefix := func(j deploy.Job) string {
		if len(jobs) == 1 {
			return ""
		}
		return j.Name + ": "
	}
	var failedNames []string
	failed := deploy.All(ctx, jobs, f.jobs, deploy.Options{Delete: f.del, DryRun: f.dryRun, Parallel: f.parallel, Meter: meter},
		func(j deploy.Job, res deploy.Result, err error) {
			for _, w := range res.Warnings {
				status.printf(stderr, "%swarning: %s\n", prefix(j), w)
			}
			if err != nil {
				failedNames = append(failedNames, j.Name)
				status.printf(stderr, "%s%v\n", prefix(j), err)
				return
			}
			if f.dryRun {
				for _, u := range res.Uploaded {
					status.printf(stdout, "%swould upload %s (%s)\n", prefix(j), u.Path, humanBytes(u.Size))
				}
				for _, d := range res.Deleted {
					status.printf(stdout, "%swould delete %s\n", prefix(j), d)
				}
			}
			if !f.quiet || f.dryRun {
				status.printf(stdout, "%s%s\n", prefix(j), summary(res, f.dryRun))
			}
		})
	status.stop()
	if failed > 0 {
		if len(jobs) > 1 {
			slices.Sort(failedNames)
			fmt.Fprintf(stderr, "%d of %d sites were not published: %s\n", failed, len(jobs), strings.Join(failedNames, ", "))
		}
		return exitError
	}
	return exitOK
}

// openDestination returns the destination of u.
func openDestination(u *url.URL, f deployFlags, notice func(string)) (deploy.Destination, error) {
	env := deploy.OSEnv()
	switch u.Scheme {
	case "file":
		return deploy.NewFolder(u), nil
	case "sftp":
		return sftp.New(u, sftp.Config{Env: env, AcceptNewHostKey: f.acceptKey, Notice: notice}), nil
	case "ftps", "ftp":
		return ftps.New(u, ftps.Config{Env: env}), nil
	case "s3":
		return s3.New(u, s3.Config{Env: env, Notice: notice}), nil
	}
	return nil, fmt.Errorf("%s: unknown scheme %s://", u.Redacted(), u.Scheme)
}

// summary is the one line that sums up a deploy:
// "uploaded 37 files (1.2 MB), deleted 2, unchanged 702, 3.4 s".
func summary(res deploy.Result, dryRun bool) string {
	var b strings.Builder
	verb, del := "uploaded", "deleted"
	if dryRun {
		verb, del = "would upload", "delete"
	}
	n := len(res.Uploaded)
	fmt.Fprintf(&b, "%s %d %s (%s), %s %d, unchanged %d", verb, n, plural(n, "file", "files"), humanBytes(res.Bytes), del, len(res.Deleted), res.Unchanged)
	if !dryRun {
		fmt.Fprintf(&b, ", %s", seconds(res.Duration))
	}
	if k := len(res.Kept); k > 0 {
		fmt.Fprintf(&b, "; %d %s no longer in the site left in place (--delete removes %s)", k, plural(k, "file", "files"), plural(k, "it", "them"))
	}
	if res.Compared {
		b.WriteString("; the destination had no manifest, so its files were compared one by one")
	}
	return b.String()
}

func seconds(d time.Duration) string {
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// progress returns the text of the progress line of m:
// "uploading 37/120 files, 1.2/3.4 MB, 850.0 kB/s".
func progress(m *deploy.Meter, start time.Time) func() string {
	return func() string {
		done := m.Bytes.Load()
		rate := float64(done) / max(time.Since(start).Seconds(), 0.001)
		return fmt.Sprintf("uploading %d/%d files, %s/%s, %s/s", m.Files.Load(), m.FilesTotal.Load(),
			humanBytes(done), humanBytes(m.BytesTotal.Load()), humanBytes(int64(rate)))
	}
}

// statusLine keeps a line of progress at the bottom of a terminal, and
// prints other lines above it. A nil *statusLine just prints.
type statusLine struct {
	mu       sync.Mutex
	w        io.Writer
	text     func() string
	shown    bool
	done     chan struct{}
	finished chan struct{}
}

// startStatus shows text on w, redrawn every 100 ms, once the work has
// taken more than a moment.
func startStatus(w io.Writer, text func() string) *statusLine {
	s := &statusLine{w: w, text: text, done: make(chan struct{}), finished: make(chan struct{})}
	go func() {
		defer close(s.finished)
		timer := time.NewTimer(700 * time.Millisecond)
		defer timer.Stop()
		select {
		case <-s.done:
			return
		case <-timer.C:
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			s.draw()
			select {
			case <-s.done:
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// printf prints a line to w above the status line.
func (s *statusLine) printf(w io.Writer, format string, args ...any) {
	if s == nil {
		fmt.Fprintf(w, format, args...)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.erase()
	fmt.Fprintf(w, format, args...)
}

// draw writes the line over the one drawn before: back to the start of
// the line, erase it, write the text.
func (s *statusLine) draw() {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.w, "\r\033[K%s", s.text())
	s.shown = true
}

// erase erases the line, if one is drawn; s.mu is held.
func (s *statusLine) erase() {
	if s.shown {
		fmt.Fprint(s.w, "\r\033[K")
		s.shown = false
	}
}

// stop erases the status line.
func (s *statusLine) stop() {
	if s == nil {
		return
	}
	close(s.done)
	<-s.finished
	s.mu.Lock()
	defer s.mu.Unlock()
	s.erase()
}
