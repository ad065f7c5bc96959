package e2e

import (
	"context"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/tadafor/tadafor/internal/serve"
)

// copyProject copies the example project at the repository root (its
// settings, content, communes and themes) into a temporary folder.
func copyProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"content", "communes", "themes"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	settings, err := os.ReadFile(filepath.Join("..", "..", "tadafor.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "tadafor.yaml"), settings, 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

// consoleLog collects the server's console output.
type consoleLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (c *consoleLog) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.b.Write(p)
}

func (c *consoleLog) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.b.String()
}

// waitUntil evaluates the JavaScript condition js in the tab until it is
// true, through the reloads the server causes, and fails the test after
// a while, with what the page shows.
func (b *tab) waitUntil(what, js string) {
	b.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) || b.ctx.Err() != nil {
			text, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
			b.t.Fatalf("%s: not seen after %v (last error: %v); the page shows:\n%s", what, timeout, err, text)
		}
		time.Sleep(50 * time.Millisecond) // an evaluation fails while the page reloads
	}
}

// TestServeLiveReload runs "tadafor serve" in-process on a copy of the
// example project, opens a page in the browser and edits files on disk:
// the browser shows each change by itself.
func TestServeLiveReload(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	root := copyProject(t)
	log := &consoleLog{}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := serve.New(ctx, serve.Options{Root: root, Log: log})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("server console:\n%s", log)
		}
	}()

	// The tab's time runs from here: the first build is not the browser's.
	b := newTab(t)
	page := "content/participation/petitions.fr.md"
	url := s.URL() + "berkane/fr/participation/petitions/"
	if resp, err := http.Get(url); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %v %v", url, resp, err)
	}
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(url))
	if err != nil || resp.Status != http.StatusOK {
		t.Fatalf("open %s: %v %v", url, resp, err)
	}
	// Marks the page: a reload forgets the mark.
	mark := func() { b.do("mark the page", chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`)) }
	reloaded := `window.notReloaded !== true`
	mark()

	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	// 1. A plain write.
	write(t, root, page, string(text)+"\nPremière modification faite sur le disque.\n")
	b.waitUntil("the text written in place", reloaded+` && document.body.innerText.includes("Première modification faite sur le disque.")`)
	mark()

	// 2. A save by rename, as vim and JetBrains editors do.
	write(t, root, page+".tmp", string(text)+"\nDeuxième modification, enregistrée par renommage.\n")
	if err := os.Rename(filepath.Join(root, filepath.FromSlash(page+".tmp")), filepath.Join(root, filepath.FromSlash(page))); err != nil {
		t.Fatal(err)
	}
	b.waitUntil("the text saved by rename", reloaded+` && document.body.innerText.includes("Deuxième modification, enregistrée par renommage.")`)
	mark()

	// 3. The stylesheet: swapped without reloading the page.
	css := "themes/default/static/css/style.css"
	style, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(css)))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, css, string(style)+"\nbody{outline:3px solid rgb(1, 2, 3)}\n")
	b.waitUntil("the new stylesheet, without a reload", `window.notReloaded === true && getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)

	// 4. A broken profile: the errors over the last good page.
	profile := "communes/berkane/commune.yaml"
	good, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(profile)))
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(good), "population: 99069", "population: beaucoup", 1)
	if broken == string(good) {
		t.Fatalf("%s no longer has the line population: 99069 that the test breaks", profile)
	}
	write(t, root, profile, broken)
	b.waitUntil("the error panel", `!!document.getElementById("tadafor-overlay")`)
	type panel struct {
		Lang, Dir, Heading, Text string
		Page                     bool
	}
	got := eval[panel](b, `(() => {
		const o = document.getElementById("tadafor-overlay");
		return {lang: o.lang, dir: o.dir, heading: o.querySelector("h1").innerText, text: o.innerText,
			page: document.body.innerText.includes("Deuxième modification")};
	})()`)
	if got.Lang != "en" || got.Dir != "ltr" || !strings.HasPrefix(got.Heading, "The build failed with") || !got.Page {
		t.Errorf("the panel: %+v", got)
	}
	for _, want := range []string{"communes/berkane/commune.yaml:", "population: beaucoup"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("the panel does not show %q:\n%s", want, got.Text)
		}
	}

	// 5. Fixed: the panel goes away by itself.
	write(t, root, profile, string(good))
	b.waitUntil("the page without the panel", `!document.getElementById("tadafor-overlay") && document.body.innerText.includes("Deuxième modification, enregistrée par renommage.")`)

	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("the server wrote public/")
	}
}

// write writes text to the file rel under root.
func write(t *testing.T, root, rel, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// startServe serves a copy of the example project in-process on a free
// loopback port (or on port, when not 0).
func startServe(t *testing.T, root string, opts serve.Options) *serve.Server {
	t.Helper()
	log := &consoleLog{}
	opts.Root, opts.Log = root, log
	s, err := serve.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		if t.Failed() {
			t.Logf("server console:\n%s", log)
		}
	})
	return s
}

// TestServeNavigate edits the Arabic version of a page while the browser
// shows a French page: with --navigate, the browser goes to that page, in
// French.
func TestServeNavigate(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	root := copyProject(t)
	s := startServe(t, root, serve.Options{Navigate: true})
	b := newTab(t) // its time runs once the sites are built
	start := "/berkane/fr/participation/petitions/"
	if resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(strings.TrimSuffix(s.URL(), "/")+start)); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("open %s: %v %v", start, resp, err)
	}
	page := "content/contact.ar.md"
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, page, string(text)+"\nتعديل للاختبار.\n")
	b.waitUntil("the French version of the page edited", `document.documentElement.lang === "fr" && location.pathname.startsWith("/berkane/fr/") && location.pathname !== "`+start+`" && document.body.innerText.includes("Nous contacter")`)
}

// TestServeReconnects stops the server while a page is open, edits the
// page and starts a server again on the same port: the page reloads by
// itself and shows the edit.
func TestServeReconnects(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	root := copyProject(t)
	first := startServe(t, root, serve.Options{})
	b := newTab(t) // its time runs once the sites are built
	url := first.URL() + "berkane/fr/participation/petitions/"
	if resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(url)); err != nil || resp.Status != http.StatusOK {
		t.Fatalf("open %s: %v %v", url, resp, err)
	}
	u, err := neturl.Parse(first.URL())
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	page := "content/participation/petitions.fr.md"
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, page, string(text)+"\nModifié pendant que le serveur était arrêté.\n")
	port, err := strconv.Atoi(u.Port())
	if err != nil {
		t.Fatal(err)
	}
	startServe(t, root, serve.Options{Port: port})
	b.waitUntil("the edit made while the server was stopped", `document.body.innerText.includes("Modifié pendant que le serveur était arrêté.")`)
}

// TestServeManyTabs opens more tabs than a browser opens connections to
// one server: every page still loads, and every tab shows an edit.
func TestServeManyTabs(t *testing.T) {
	t.Parallel()
	root := copyProject(t)
	s := startServe(t, root, serve.Options{})
	url := s.URL() + "berkane/fr/participation/petitions/"
	var tabs []*tab
	for i := range 8 {
		b := newTab(t)
		if resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(url)); err != nil || resp.Status != http.StatusOK {
			t.Fatalf("open %s in tab %d: %v %v", url, i+1, resp, err)
		}
		tabs = append(tabs, b)
	}
	page := "content/participation/petitions.fr.md"
	text, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	write(t, root, page, string(text)+"\nVu dans chaque onglet.\n")
	for _, b := range tabs {
		b.waitUntil("the edit", `document.body.innerText.includes("Vu dans chaque onglet.")`)
	}
}
