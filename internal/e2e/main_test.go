package e2e

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tadafor/tadafor/internal/build"
)

// timeout bounds everything one test (or subtest) does in the browser, so
// that a hung browser fails the test instead of blocking the run. It is an
// upper bound for a machine in trouble, far above what a test takes on a
// busy one, never what decides a test.
const timeout = 10 * time.Minute

// env is what TestMain prepares once for every test: the example project
// built and served, and one browser whose tabs the tests share. TestMain
// writes it before any test runs; the tests only read it.
var env struct {
	url       string          // the server's address, without a trailing slash
	out       string          // the folder the example project was built into
	browser   context.Context // a chromedp context with a running browser, or nil
	noBrowser error           // why no browser was found
	startErr  error           // why the browser that was found did not start
}

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

// runMain builds and serves the example project, starts the browser, runs
// the tests and cleans up after them; it returns the exit code.
func runMain(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "tadafor-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(tmp)

	out := filepath.Join(tmp, "public")
	if _, err := build.Run(context.Background(), build.Options{Root: "../..", Out: out}); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: build the example project: %v\n", err)
		return 1
	}
	srv := httptest.NewServer(withSecurityHeaders(http.FileServer(http.Dir(out)))) // listens on the loopback only
	defer srv.Close()
	env.url = srv.URL
	env.out = out

	exe, err := findBrowser()
	if err != nil {
		env.noBrowser = err
		return m.Run()
	}
	profile := filepath.Join(tmp, "profile")
	browser, stop, err := startBrowser(exe, profile)
	if err != nil {
		env.startErr = err
		return m.Run()
	}
	defer stop()
	env.browser = browser
	return m.Run()
}

// findBrowser returns the browser to run: $CHROME_PATH when it is set,
// else the first of chromium, chromium-browser and google-chrome on PATH.
func findBrowser() (string, error) {
	if p := os.Getenv("CHROME_PATH"); p != "" {
		exe, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("CHROME_PATH=%s is not a program: %w", p, err)
		}
		return exe, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if exe, err := exec.LookPath(name); err == nil {
			return exe, nil
		}
	}
	return "", errors.New("none of chromium, chromium-browser or google-chrome is on PATH, and CHROME_PATH is not set")
}

// startBrowser launches exe headless with a fresh profile in dir and waits
// at most timeout for it to answer. stop ends the browser and waits for it.
func startBrowser(exe, dir string) (browser context.Context, stop func(), err error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	stop = func() {
		cancelBrowser()
		cancelAlloc()
	}
	// The first action starts the browser and ties its life to the context
	// it runs with, so it cannot carry the timeout itself.
	started := make(chan error, 1)
	go func() { started <- chromedp.Do(browser) }()
	select {
	case err = <-started:
	case <-time.After(timeout):
		err = fmt.Errorf("no answer after %v", timeout)
	}
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("start %s: %w", exe, err)
	}
	return browser, stop, nil
}

// tab is one browser tab, opened for one test.
type tab struct {
	t   testing.TB
	ctx context.Context
}

// needBrowser skips the test when no browser was found, or fails it when
// $CI is "true" (a missing browser must not pass unnoticed there) or when
// the browser did not start.
func needBrowser(t testing.TB) {
	t.Helper()
	switch {
	case env.noBrowser != nil:
		msg := fmt.Sprintf("no browser for the end-to-end tests: %v; install Chromium (make test-deps) or set CHROME_PATH", env.noBrowser)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	case env.startErr != nil:
		t.Fatal(env.startErr)
	}
}

// newTab opens a tab in the shared browser; it closes when the test ends,
// and every action in it fails once the test has run for timeout. Without
// a browser it skips or fails the test as needBrowser does.
func newTab(t testing.TB) *tab {
	t.Helper()
	needBrowser(t)
	tabCtx, closeTab := chromedp.NewContext(env.browser)
	t.Cleanup(closeTab)
	ctx, cancel := context.WithTimeout(tabCtx, timeout)
	t.Cleanup(cancel) // runs before closeTab
	return &tab{t: t, ctx: ctx}
}

// do runs the actions in order and fails the test at the first error.
func (b *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// open loads the page at path on the test server and fails the test
// unless it was served.
func (b *tab) open(path string) {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(env.url+path))
	if err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
	if resp.Status != http.StatusOK {
		b.t.Fatalf("open %s: HTTP status %d", path, resp.Status)
	}
}

// eval evaluates the JavaScript expression js in the tab's page and
// decodes its JSON value into T, failing the test on error.
func eval[T any](b *tab, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}
