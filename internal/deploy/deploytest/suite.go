package deploytest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/deploy"
)

// WriteSite writes a site of about n files into dir, laid out as a
// commune's: a stylesheet, images and documents, pages in two languages,
// feeds, a sitemap. Every page names version and links the stylesheet;
// it ends with </html>, so that a half-written page can be told.
func WriteSite(t testing.TB, dir string, n int, version string) {
	t.Helper()
	write := func(rel, content string) {
		name := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("css/style.css", "body{font-family:sans-serif}/*"+version+"*/\n"+strings.Repeat("p{margin:0 0 1em}\n", 200))
	write("logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>`)
	write("docs/budget.pdf", "%PDF-1.4\n"+strings.Repeat("binary-ish content ", 3000))
	write("data/commune.json", `{"version":"`+version+`"}`)
	write("sitemap.xml", "<urlset><!--"+version+"--></urlset>\n")
	write("robots.txt", "User-agent: *\nAllow: /\n")
	write("404.html", page("404", version))
	write("index.html", page("languages", version))
	pages := max(n-8, 2) / 2
	for _, lang := range []string{"ar", "fr"} {
		write(lang+"/feed.xml", "<feed><!--"+version+"--></feed>\n")
		for i := range pages - 1 {
			write(fmt.Sprintf("%s/section-%d/page-%d/index.html", lang, i%7, i), page(fmt.Sprintf("%s page %d", lang, i), version))
		}
	}
}

// page is an HTML page of some 6 kB, like a commune site's.
func page(title, version string) string {
	return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>` + title +
		`</title><link rel="stylesheet" href="/css/style.css"></head><body><main><h1>` + title + `</h1><p>version ` + version + `</p>` +
		strings.Repeat("<p>نص الصفحة، texte de la page.</p>", 120) + "</main></body></html>\n"
}

// Target is a destination under test and the folder of the server's
// disk where the site's root is stored.
type Target struct {
	Dest deploy.Destination
	Dir  string
}

// Run deploys site to target with opts and fails the test on error.
func Run(t testing.TB, site string, dest deploy.Destination, opts deploy.Options) deploy.Result {
	t.Helper()
	res, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest, opts)
	if err != nil {
		t.Fatalf("deploy to %s: %v", dest, err)
	}
	return res
}

// Suite checks what every destination must do: a first deploy sends
// everything, a second nothing; an edited page sends only itself; a
// removed page is deleted only with Delete, and files that tadafor did
// not publish are never touched; a dry run changes nothing. The sites
// have about n files (at least 20).
func Suite(t *testing.T, n int, newTarget func(t *testing.T) Target) {
	n = max(n, 20)
	t.Run("FirstDeployThenNoChange", func(t *testing.T) {
		tg := newTarget(t)
		site := t.TempDir()
		WriteSite(t, site, n, "v1")
		first := Run(t, site, tg.Dest, deploy.Options{})
		if first.Unchanged != 0 || len(first.Uploaded) < n {
			t.Fatalf("first deploy: %d uploaded, %d unchanged", len(first.Uploaded), first.Unchanged)
		}
		SameFiles(t, site, tg.Dir)
		again := Run(t, site, tg.Dest, deploy.Options{})
		if len(again.Uploaded) != 0 || again.Unchanged != len(first.Uploaded) {
			t.Fatalf("deploy without change: uploaded %v, %d unchanged", paths(again.Uploaded), again.Unchanged)
		}
	})
	t.Run("OneEditedPageOnly", func(t *testing.T) {
		tg := newTarget(t)
		site := t.TempDir()
		WriteSite(t, site, n, "v1")
		Run(t, site, tg.Dest, deploy.Options{})
		edited := "fr/section-1/page-1/index.html"
		if err := os.WriteFile(filepath.Join(site, edited), []byte(page("edited", "v2")), 0o644); err != nil {
			t.Fatal(err)
		}
		res := Run(t, site, tg.Dest, deploy.Options{})
		if got := paths(res.Uploaded); !slices.Equal(got, []string{edited}) {
			t.Fatalf("after editing one page, uploaded %v", got)
		}
		SameFiles(t, site, tg.Dir)
	})
	t.Run("RemovedPageAndForeignFiles", func(t *testing.T) {
		tg := newTarget(t)
		site := t.TempDir()
		WriteSite(t, site, n, "v1")
		Run(t, site, tg.Dest, deploy.Options{})
		foreign := []string{"stats/index.html", "fr/section-1/notes.txt"}
		for _, f := range foreign {
			name := filepath.Join(tg.Dir, filepath.FromSlash(f))
			os.MkdirAll(filepath.Dir(name), 0o755)
			if err := os.WriteFile(name, []byte("the host's own file"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		removed := "fr/section-1/page-1/index.html"
		if err := os.RemoveAll(filepath.Join(site, "fr/section-1/page-1")); err != nil {
			t.Fatal(err)
		}
		kept := Run(t, site, tg.Dest, deploy.Options{})
		if !slices.Equal(kept.Kept, []string{removed}) || len(kept.Deleted) != 0 {
			t.Fatalf("without Delete: kept %v, deleted %v", kept.Kept, kept.Deleted)
		}
		if _, err := os.Stat(filepath.Join(tg.Dir, removed)); err != nil {
			t.Fatalf("the removed page was deleted without Delete: %v", err)
		}
		del := Run(t, site, tg.Dest, deploy.Options{Delete: true})
		if !slices.Equal(del.Deleted, []string{removed}) {
			t.Fatalf("with Delete: deleted %v", del.Deleted)
		}
		if _, err := os.Stat(filepath.Join(tg.Dir, removed)); err == nil {
			t.Fatal("the removed page is still there after a deploy with Delete")
		}
		for _, f := range foreign {
			if b, err := os.ReadFile(filepath.Join(tg.Dir, filepath.FromSlash(f))); err != nil || string(b) != "the host's own file" {
				t.Errorf("%s, not published by tadafor, was touched: %q, %v", f, b, err)
			}
		}
		SameFiles(t, site, tg.Dir)
	})
	t.Run("DryRunChangesNothing", func(t *testing.T) {
		tg := newTarget(t)
		site := t.TempDir()
		WriteSite(t, site, n, "v1")
		res := Run(t, site, tg.Dest, deploy.Options{DryRun: true})
		if len(res.Uploaded) < n {
			t.Fatalf("a dry run plans %d uploads", len(res.Uploaded))
		}
		if n := countFiles(t, tg.Dir); n != 0 {
			t.Fatalf("a dry run wrote %d files", n)
		}
		Run(t, site, tg.Dest, deploy.Options{})
		WriteSite(t, site, n, "v2")
		os.RemoveAll(filepath.Join(site, "fr/section-2"))
		before := Snapshot(t, tg.Dir)
		res = Run(t, site, tg.Dest, deploy.Options{DryRun: true, Delete: true})
		if len(res.Uploaded) == 0 || len(res.Deleted) == 0 {
			t.Fatalf("a dry run plans %d uploads and %d deletions", len(res.Uploaded), len(res.Deleted))
		}
		if after := Snapshot(t, tg.Dir); after != before {
			t.Fatal("a dry run changed the destination")
		}
	})
}

func paths(files []deploy.File) []string {
	var p []string
	for _, f := range files {
		p = append(p, f.Path)
	}
	slices.Sort(p)
	return p
}

// SameFiles checks that every file of the site is in dir with the same
// content.
func SameFiles(t testing.TB, site, dir string) {
	t.Helper()
	err := filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Errorf("%s is not at the destination: %v", rel, err)
		} else if string(got) != string(want) {
			t.Errorf("%s differs at the destination", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Snapshot lists the files of dir with their sizes and contents.
func Snapshot(t testing.TB, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			fmt.Fprintf(&b, "%s %d %x\n", p, len(data), data)
		}
		return nil
	})
	return b.String()
}

func countFiles(t testing.TB, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// Interrupted checks that a deploy whose connections are cut in the
// middle leaves a site that serves complete pages — every page the web
// server gives is whole, an old or a new version, and its stylesheet is
// there — and that running the deploy again completes it. The
// destination viaProxy reaches the server through proxy; direct reaches
// it straight. The cut comes after cutAfter bytes sent through the
// proxy, or halfway through the site's bytes when it is 0.
// The site has about n files.
func Interrupted(t *testing.T, n int, tg Target, direct, viaProxy deploy.Destination, proxy *Proxy, cutAfter int64) {
	web := StartNginx(t, tg.Dir)
	site := t.TempDir()
	WriteSite(t, site, n, "v1")
	Run(t, site, direct, deploy.Options{})
	WriteSite(t, site, n, "v2")

	// Cut halfway through the bytes to send, refuse new connections, and
	// do not retry: the deploy stops with the site half replaced.
	var total int64
	filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if info, err := d.Info(); err == nil && !d.IsDir() {
			total += info.Size()
		}
		return nil
	})
	if cutAfter == 0 {
		cutAfter = total / 2
	}
	proxy.CutAfter(cutAfter, false)
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, viaProxy, deploy.Options{Parallel: 2, Retry: deploy.Retry{Attempts: 1}})
	if err == nil {
		t.Fatal("the deploy through a cut connection succeeded")
	}
	if proxy.Cuts() != 1 {
		t.Fatalf("the proxy cut %d times", proxy.Cuts())
	}
	if !strings.Contains(err.Error(), "run the same command again") {
		t.Errorf("the error does not say what to do: %v", err)
	}
	versions := checkServed(t, web, site)
	if versions["v2"] == 0 || versions["v1"] == 0 {
		t.Logf("after the cut the web server gives %d old and %d new pages", versions["v1"], versions["v2"])
	}

	proxy.Restore()
	res := Run(t, site, direct, deploy.Options{})
	if len(res.Uploaded) == 0 {
		t.Fatal("the rerun uploaded nothing")
	}
	SameFiles(t, site, tg.Dir)
	if v := checkServed(t, web, site); v["v1"] != 0 {
		t.Errorf("after the rerun %d pages are still old", v["v1"])
	}
}

// checkServed fetches every page of the site from the web server and
// checks that each is complete and its stylesheet is served; it counts
// the pages of each version.
func checkServed(t *testing.T, web *Nginx, site string) map[string]int {
	t.Helper()
	client := &http.Client{Timeout: time.Minute}
	get := func(rel string) (int, string) {
		resp, err := client.Get(web.URL + "/" + rel)
		if err != nil {
			t.Fatalf("GET /%s: %v", rel, err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatalf("GET /%s: %v", rel, err)
		}
		return resp.StatusCode, string(body)
	}
	if code, css := get("css/style.css"); code != 200 || !strings.Contains(css, "p{margin") {
		t.Errorf("the stylesheet is not served whole: %d", code)
	}
	versions := map[string]int{}
	filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		code, body := get(filepath.ToSlash(rel))
		switch {
		case code != 200:
			t.Errorf("/%s: HTTP %d", rel, code)
		case !strings.HasSuffix(body, "</html>\n"):
			t.Errorf("/%s is served incomplete (%d bytes)", rel, len(body))
		case strings.Contains(body, "version v1"):
			versions["v1"]++
		case strings.Contains(body, "version v2"):
			versions["v2"]++
		default:
			t.Errorf("/%s has no version", rel)
		}
		return nil
	})
	return versions
}
