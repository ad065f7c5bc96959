// Package serve is the live preview behind "tadafor serve": it builds the
// commune sites into memory and serves them over HTTP, watches the
// project's files, re-renders only what each change touches, and tells
// the browsers to reload once the new files are all in place. A build
// error leaves the server up: every page then shows the errors over the
// last pages built without errors, until the files are fixed.
//
// Nothing is written to disk. The files served are a snapshot, a map from
// path to bytes replaced as a whole after each build, so that a request
// cannot reach any other file and a response never mixes two builds.
package serve

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/watch"
)

// DefaultPort is the port served when none is given.
const DefaultPort = 1313

// watched returns the top-level files and folders of a project whose
// changes are rebuilt.
func watched() []string { return project.Inputs() }

// Options say what to serve and how.
type Options struct {
	// Root is the project folder (default ".").
	Root string
	// Commune, when set, serves only that commune's site, at the root of
	// the server as it will be at the root of its domain.
	Commune string
	// Bind is the address to listen on (default 127.0.0.1, this machine
	// only); Port its port, 0 for any free one.
	Bind string
	Port int
	// Poll compares the files every half second instead of asking the
	// system to report changes.
	Poll bool
	// Navigate sends the browsers to the page that changed.
	Navigate bool
	// NoMinify serves the HTML and CSS as the templates produce them.
	NoMinify bool
	// Workers is the number of pages rendered at once (default: CPUs).
	Workers int
	// Log receives the console output; nil discards it.
	Log io.Writer
	// OnBuild, when set, is called after each build with what it did,
	// once the browsers have been told; it must not block for long.
	OnBuild func(BuildInfo)
}

// BuildInfo describes one build of the live server.
type BuildInfo struct {
	// Changed are the files whose changes were built (nil for the first
	// build), relative to the project root.
	Changed []string
	// Rendered is the number of files rendered, Pages the number of HTML
	// pages among them; Modified the number of files served whose content
	// changed or that were removed.
	Rendered int
	Pages    int
	Modified int
	// Errors are the build's errors, nil when it succeeded.
	Errors diag.List
	// Patched is set when only the changed Markdown files were read
	// again, instead of the whole project.
	Patched bool
	// Load, Render and Total are the time taken to read the project, to
	// render, and in all, up to the browsers being told.
	Load, Render, Total time.Duration
	// Gen is the generation of the snapshot served after the build.
	Gen uint64
}

// Server is a running live preview. Its methods are safe for concurrent
// use.
type Server struct {
	opts     Options
	root     string
	instance string
	builder  *builder
	watcher  *watch.Watcher
	hub      *Hub
	handler  *handler
	srv      *http.Server
	ln       net.Listener
	snap     atomic.Pointer[snapshot]

	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
	once   sync.Once
	logMu  sync.Mutex
	errMu  sync.Mutex
	err    error
	warned string // the warnings printed last, owned by the goroutine that builds
}

// New builds the project into memory, starts watching its files and
// starts serving; it returns once the server accepts connections. The
// server runs until ctx is done or Close is called. A project that does
// not build is not an error: its errors are printed and shown in the
// browser. New fails when the project folder cannot be read, when the
// address cannot be listened on, or when ctx ends during the first build.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Root == "" {
		opts.Root = "."
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if st, err := os.Stat(opts.Root); err != nil {
		return nil, fmt.Errorf("serve: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("serve: %s is not a folder", opts.Root)
	}
	id := make([]byte, 8)
	rand.Read(id)
	s := &Server{opts: opts, root: opts.Root, instance: hex.EncodeToString(id)}
	s.ctx, s.cancel = context.WithCancel(ctx)
	s.builder = newBuilder(opts.Root, opts.Commune, opts.NoMinify)
	s.builder.workers = opts.Workers
	s.hub = NewHub(func() Hello {
		snap := s.snap.Load()
		return Hello{Instance: s.instance, Gen: snap.gen, Pages: snap.pages}
	})
	s.handler = &handler{current: s.snap.Load, hub: s.hub, instance: s.instance, only: opts.Commune}

	// Listen first, to fail at once when the port is taken; connections
	// wait until the first build is served.
	var err error
	s.ln, err = net.Listen("tcp", net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port)))
	if err != nil {
		s.cancel()
		return nil, fmt.Errorf("serve: %w; choose another port with --port", err)
	}
	s.handler.hosts = newHosts(opts.Bind, s.ln.Addr())
	// Watch before building: a change made during the first build is
	// not lost.
	s.watcher, err = watch.New(s.ctx, opts.Root, watched(), watch.Options{Poll: opts.Poll, Logf: s.logf})
	if err != nil {
		s.ln.Close()
		s.cancel()
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.logf("building the sites in memory…")
	start := time.Now()
	out := s.builder.build(s.ctx)
	if err := s.ctx.Err(); err != nil {
		s.watcher.Close()
		s.ln.Close()
		s.cancel()
		return nil, fmt.Errorf("serve: %w", err)
	}
	s.publish(out, nil, start)

	s.srv = &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       time.Minute,
		BaseContext:       func(net.Listener) context.Context { return s.ctx },
		ErrorLog:          log.New(logWriter{s}, "http: ", 0),
	}
	s.wg.Add(2)
	go func() {
		defer s.wg.Done()
		if err := s.srv.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.fail(fmt.Errorf("serve: %w", err))
		}
	}()
	go s.loop()

	how := "watching content/, communes/, themes/ and " + project.SettingsFile + " for changes"
	if s.watcher.Polling() {
		how += fmt.Sprintf(" by polling every %v", watch.DefaultPollInterval)
	}
	s.logf("%s", how)
	if ip := net.ParseIP(opts.Bind); ip == nil || !ip.IsLoopback() {
		s.logf("warning: listening on %s, not only on this machine: anyone who can reach it can read the preview", opts.Bind)
	}
	s.logf("serving %s (press Ctrl-C to stop)", s.URL())
	return s, nil
}

// URL returns the address of the server's start page.
func (s *Server) URL() string {
	return "http://" + s.ln.Addr().String() + "/"
}

// Handler returns the server's HTTP handler: the snapshot, and the
// live-reload stream at EventsPath.
func (s *Server) Handler() http.Handler { return s.handler }

// Wait blocks until the server stops (its context is done, Close was
// called, or it could not go on serving), shuts everything down cleanly
// and returns the error that stopped it, nil when it was asked to stop.
func (s *Server) Wait() error {
	<-s.ctx.Done()
	s.once.Do(s.shutdown)
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return s.err
}

// Close stops the server and waits for it, as Wait does.
func (s *Server) Close() error {
	s.cancel()
	return s.Wait()
}

// shutdown ends the live-reload streams, lets the requests under way
// finish, stops the watcher and waits for every goroutine.
func (s *Server) shutdown() {
	s.hub.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := s.srv.Shutdown(ctx); err != nil {
		s.srv.Close()
	}
	s.watcher.Close()
	s.wg.Wait()
	s.logf("stopped")
}

func (s *Server) fail(err error) {
	s.errMu.Lock()
	if s.err == nil {
		s.err = err
	}
	s.errMu.Unlock()
	s.cancel()
}

// loop builds each batch of changes as it comes.
func (s *Server) loop() {
	defer s.wg.Done()
	for {
		select {
		case <-s.ctx.Done():
			return
		case batch, ok := <-s.watcher.Events():
			if !ok {
				return
			}
			start := time.Now()
			out := s.builder.update(s.ctx, batch)
			if s.ctx.Err() != nil {
				return
			}
			s.publish(out, batch, start)
		}
	}
}

// publish serves the outcome of a build: it swaps the snapshot in when
// something changed, then tells the browsers, then prints what happened.
func (s *Server) publish(out outcome, batch []watch.Event, start time.Time) {
	prev := s.snap.Load()
	next := &snapshot{files: out.files, errs: out.errs}
	var msg *Message
	switch {
	case prev == nil:
	case out.errs != nil:
		if prev.errs != nil && prev.errs.Error() == out.errs.Error() {
			next = nil // the same errors again
		} else {
			msg = &Message{Kind: "reload"}
		}
	case prev.errs != nil:
		msg = &Message{Kind: "reload"} // fixed: the panel goes away
	case len(out.changed) == 0:
		next = nil // nothing the browser could see
	case s.onlyStylesheets(out):
		msg = &Message{Kind: "css", Paths: s.urls(out.changed)}
	default:
		msg = &Message{Kind: "reload"}
		if s.opts.Navigate {
			msg.Pages = s.urls(s.builder.navTargets(out.edited, out.files))
		}
	}
	gen := prev.genOrZero()
	if next != nil {
		if prev != nil {
			gen++
		}
		next.gen = gen
		if next.errs != nil {
			next.overlay, next.errPage = newOverlay(s.root, next.errs, len(next.files) > 0)
		}
		if msg != nil {
			msg.Gen = gen
			next.pages = msg.Pages
		}
		s.snap.Store(next)
		if msg != nil {
			s.hub.Publish(*msg)
		}
	}
	info := BuildInfo{
		Rendered: out.rendered, Pages: out.pages, Modified: len(out.changed), Errors: out.errs, Patched: out.patched,
		Load: out.load, Render: out.render, Total: time.Since(start), Gen: gen,
	}
	for _, e := range batch {
		info.Changed = append(info.Changed, e.Path)
	}
	s.report(info, out, prev)
	if s.opts.OnBuild != nil {
		s.opts.OnBuild(info)
	}
}

func (p *snapshot) genOrZero() uint64 {
	if p == nil {
		return 0
	}
	return p.gen
}

// onlyStylesheets reports whether the build changed stylesheets and
// nothing else, which the browsers swap without reloading.
func (s *Server) onlyStylesheets(out outcome) bool {
	for _, p := range out.changed {
		if path.Ext(p) != ".css" || out.files[p] == nil {
			return false
		}
	}
	return true
}

// urls turns output paths into the addresses they are served at, as a
// browser writes them.
func (s *Server) urls(paths []string) []string {
	var out []string
	for _, p := range paths {
		if s.opts.Commune != "" {
			rest, ok := strings.CutPrefix(p, s.opts.Commune+"/")
			if !ok {
				continue
			}
			p = rest
		}
		if dir, ok := strings.CutSuffix(p, "index.html"); ok && (dir == "" || strings.HasSuffix(dir, "/")) {
			p = dir
		}
		out = append(out, (&url.URL{Path: "/" + p}).EscapedPath())
	}
	return out
}

// report prints what a build did.
func (s *Server) report(info BuildInfo, out outcome, prev *snapshot) {
	if out.errs == nil {
		// Warnings are printed when they change, not at every build.
		if w := out.warnings.Error(); w != s.warned {
			s.warned = w
			for _, w := range out.warnings {
				s.logf("%s", w.Error())
			}
		}
	}
	what := "first build"
	if len(info.Changed) > 0 {
		what = info.Changed[0]
		if n := len(info.Changed) - 1; n > 0 {
			what += fmt.Sprintf(" and %d more %s", n, plural(n, "file", "files"))
		}
	}
	took := info.Total.Round(100 * time.Microsecond)
	read := "load"
	if info.Patched {
		read = "read changed files"
	}
	if info.Errors != nil {
		n := len(info.Errors)
		s.logf("%s: the build failed with %d %s (the browser shows them over the last good pages):", what, n, plural(n, "error", "errors"))
		for _, e := range info.Errors {
			s.logf("  %s", e.Error())
		}
		return
	}
	fixed := ""
	if prev != nil && prev.errs != nil {
		fixed = "fixed; "
	}
	if out.scope.empty() {
		s.logf("%s: %snothing to re-render (%s %v)", what, fixed, read, info.Load.Round(100*time.Microsecond))
		return
	}
	sites := func() int {
		n := 0
		for p := range out.files {
			if strings.HasSuffix(p, "/404.html") && strings.Count(p, "/") == 1 {
				n++
			}
		}
		return n
	}
	if len(info.Changed) == 0 {
		n := sites()
		s.logf("built %d %s of %d %s in %v (load %v, render %v)", len(out.files), plural(len(out.files), "file", "files"),
			n, plural(n, "site", "sites"), took, info.Load.Round(time.Millisecond), info.Render.Round(time.Millisecond))
		return
	}
	var scope string
	portal := out.scope.portal
	switch n := out.scope.sites; {
	case out.scope.everything:
		n = sites()
		scope = fmt.Sprintf("everything (%d %s)", n, plural(n, "site", "sites"))
	case n > 0 && portal:
		scope = fmt.Sprintf("%d %s and the portal", n, plural(n, "site", "sites"))
	case n > 0:
		scope = fmt.Sprintf("%d %s", n, plural(n, "site", "sites"))
	default:
		scope = "the portal"
	}
	s.logf("%s: %s%d %s re-rendered (%d %s) in %s, %d changed, in %v (%s %v, render %v)",
		what, fixed, info.Pages, plural(info.Pages, "page", "pages"), info.Rendered, plural(info.Rendered, "file", "files"),
		scope, info.Modified, took, read, info.Load.Round(100*time.Microsecond), info.Render.Round(100*time.Microsecond))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// logf prints a line of console output with the time of day.
func (s *Server) logf(format string, args ...any) {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	fmt.Fprintf(s.opts.Log, "%s %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// logWriter sends the HTTP server's own messages to the console.
type logWriter struct{ s *Server }

func (w logWriter) Write(p []byte) (int, error) {
	w.s.logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}
