package e2e

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/tadafor/tadafor/internal/search"
)

// pagefindBin is Pagefind's command, installed by npm (make test-deps) from
// the version pinned in package.json.
var pagefindBin = filepath.Join("..", "..", "node_modules", ".bin", "pagefind")

// cpuSlowdown is the CPU throttling of the measures: a phone-class CPU.
const cpuSlowdown = 4

// BenchmarkSearchAgainstPagefind compares the site's search with Pagefind
// run on the same built site (the largest example commune, both
// languages), and logs a table: the bytes a first query downloads
// (gzip-compressed, as a web server sends them), the time of a query with
// the CPU slowed down 4× in Chromium, cold (from opening the page to the
// results shown) and warm, the time to build the index, and the recall on
// searchCases. Run it with make bench; the figures depend on the machine,
// which may be busy.
func BenchmarkSearchAgainstPagefind(b *testing.B) {
	needBrowser(b)
	if _, err := os.Stat(pagefindBin); err != nil {
		b.Skipf("no Pagefind (%v): run npm ci at the repository root", err)
	}
	site := filepath.Join(b.TempDir(), searchCommune)
	if err := os.CopyFS(site, os.DirFS(filepath.Join(env.out, searchCommune))); err != nil {
		b.Fatal(err)
	}

	// Index build time: ours is what the build adds to read the pages'
	// text and write the two indexes; Pagefind's is its command.
	pages := sitePages(b, site)
	ours := medianOf(5, func() { buildIndexes(pages) })
	// Pagefind reads the same part of the pages: <main>, without what ours
	// leaves out, nor the home and search pages, which ours does not index.
	pagefindArgs := []string{"--site", site, "--root-selector", "main",
		"--exclude-selectors", "nav, form, svg, [data-search-ignore], [hidden], .home, .search-page", "--quiet"}
	theirs := medianOf(3, func() {
		if out, err := exec.Command(pagefindBin, pagefindArgs...).CombinedOutput(); err != nil {
			b.Fatalf("pagefind: %v\n%s", err, out)
		}
	})
	for _, lang := range []string{"ar", "fr"} {
		if err := os.WriteFile(filepath.Join(site, lang, "pagefind.html"), []byte(pagefindPage(lang)), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(site, "pagefind-bench.js"), []byte(pagefindScript), 0o644); err != nil {
		b.Fatal(err)
	}
	sent := &bytesSent{}
	srv := httptest.NewServer(sent.count(gzipped(http.FileServer(http.Dir(site)))))
	defer srv.Close()

	type row struct {
		engine                  string
		firstBytes, engineBytes [2]int
		cold, warm              [2]time.Duration
		found5, found10, total  [2]int
		misses                  []string
		ranks                   map[string]int
	}
	rows := []*row{{engine: "tadafor", ranks: map[string]int{}}, {engine: "Pagefind 1.6", ranks: map[string]int{}}}
	for li, lang := range []string{"ar", "fr"} {
		first := firstCase(lang)
		for ei, r := range rows {
			load := srv.URL + "/" + lang + "/search/index.html?q=" + url.QueryEscape(first.query)
			run := oursQuery
			if ei == 1 {
				load = srv.URL + "/" + lang + "/pagefind.html?q=" + url.QueryEscape(first.query)
				run = pagefindQuery
			}
			m := measure(b, load, run, lang, sent)
			r.firstBytes[li], r.engineBytes[li], r.cold[li], r.warm[li] = m.pageBytes+m.engineBytes, m.engineBytes, m.cold, m.warm
			for _, c := range searchCases {
				if c.lang != lang {
					continue
				}
				r.total[li]++
				rank := rankOf(m.results[c.query], c.want)
				r.ranks[c.lang+" "+c.query] = rank
				if rank > 0 && rank <= searchTop {
					r.found5[li]++
				}
				if rank > 0 && rank <= 10 {
					r.found10[li]++
				} else {
					r.misses = append(r.misses, c.query)
				}
			}
		}
	}
	var t strings.Builder
	fmt.Fprintf(&t, "search on %s (%d pages per language), Chromium with the CPU slowed down %d×, loopback HTTP with gzip:\n", searchCommune, len(pages["ar"]), cpuSlowdown)
	fmt.Fprintf(&t, "| engine | bytes, first query ar / fr (of which the engine's) | first query, cold ar / fr | query, warm (median) ar / fr | index build (both languages) | recall top %d ar / fr | recall top 10 ar / fr |\n|---|--:|--:|--:|--:|--:|--:|\n", searchTop)
	builds := []time.Duration{ours, theirs}
	for i, r := range rows {
		fmt.Fprintf(&t, "| %s | %.1f KB (%.1f) / %.1f KB (%.1f) | %s / %s | %s / %s | %s | %d/%d / %d/%d | %d/%d / %d/%d |\n", r.engine,
			kib(r.firstBytes[0]), kib(r.engineBytes[0]), kib(r.firstBytes[1]), kib(r.engineBytes[1]),
			ms(r.cold[0]), ms(r.cold[1]), ms(r.warm[0]), ms(r.warm[1]), ms(builds[i]),
			r.found5[0], r.total[0], r.found5[1], r.total[1], r.found10[0], r.total[0], r.found10[1], r.total[1])
	}
	for _, r := range rows {
		if len(r.misses) > 0 {
			fmt.Fprintf(&t, "%s misses (not in its first 10 results): %q\n", r.engine, r.misses)
		}
	}
	fmt.Fprintf(&t, "\nrank of the expected page (0: not in the first 10):\n| query | what it tries | tadafor | Pagefind |\n|---|---|--:|--:|\n")
	for _, c := range searchCases {
		k := c.lang + " " + c.query
		fmt.Fprintf(&t, "| %s | %s | %d | %d |\n", c.query, c.what, rows[0].ranks[k], rows[1].ranks[k])
	}
	b.Log(t.String())
	b.ReportMetric(float64(rows[0].engineBytes[0]), "tadafor-ar-B")
	b.ReportMetric(float64(rows[1].engineBytes[0]), "pagefind-ar-B")
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// medianOf runs f n times and returns its median duration.
func medianOf(n int, f func()) time.Duration {
	var ds []time.Duration
	for range n {
		start := time.Now()
		f()
		ds = append(ds, time.Since(start))
	}
	slices.Sort(ds)
	return ds[n/2]
}

// sitePages reads every page of each language of site, as the build has
// them in memory: by language, the folder and HTML of each page.
func sitePages(b *testing.B, site string) map[string][][2]string {
	pages := map[string][][2]string{}
	for _, lang := range []string{"ar", "fr"} {
		err := filepath.WalkDir(filepath.Join(site, lang), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.Name() != "index.html" {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(site, filepath.Dir(p))
			pages[lang] = append(pages[lang], [2]string{filepath.ToSlash(rel), string(data)})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return pages
}

// buildIndexes does what the build adds to a site for its search: read
// the text of each page and write the index of each language.
func buildIndexes(pages map[string][][2]string) {
	for _, list := range pages {
		ix := &search.Index{}
		for _, p := range list {
			ix.Docs = append(ix.Docs, search.Doc{Dir: p[0], Title: p[0], Passages: search.Extract([]byte(p[1]))})
		}
		_ = ix.Script(nil)
	}
}

// bytesSent counts the bytes of the bodies a server sends, by path: what
// the browser downloads, from the page itself or from a worker.
type bytesSent struct {
	mu     sync.Mutex
	byPath map[string]int
}

func (s *bytesSent) reset() {
	s.mu.Lock()
	s.byPath = map[string]int{}
	s.mu.Unlock()
}

// take returns the bytes sent since reset.
func (s *bytesSent) take() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.byPath)
}

func (s *bytesSent) count(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		s.mu.Lock()
		if s.byPath != nil {
			s.byPath[r.URL.Path] += cw.n
		}
		s.mu.Unlock()
	})
}

type countingWriter struct {
	http.ResponseWriter
	n int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += n
	return n, err
}

// gzipped compresses text responses as a web server does.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		typ := mime.TypeByExtension(path.Ext(r.URL.Path))
		if strings.HasSuffix(r.URL.Path, "/") {
			typ = "text/html"
		}
		text := strings.HasPrefix(typ, "text/") || strings.Contains(typ, "javascript") || strings.Contains(typ, "json")
		if !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		body := rec.Body.Bytes()
		if rec.Code != http.StatusOK {
			w.WriteHeader(rec.Code)
			w.Write(body)
			return
		}
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(body)
		zw.Close()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", fmt.Sprint(z.Len()))
		w.Header().Del("Accept-Ranges")
		io.Copy(w, &z)
	})
}

// pagefindPage is a page that runs Pagefind on the query of its address
// and keeps the results, as Pagefind's own interface would show them (the
// first 10 with their data).
func pagefindPage(lang string) string {
	return `<!doctype html><html lang="` + lang + `"><head><meta charset="utf-8"><title>Pagefind</title>` +
		`<script src="../pagefind-bench.js" type="module"></script></head><body><ol id="results"></ol></body></html>`
}

const pagefindScript = `
const pagefind = await import("./pagefind/pagefind.js");
await pagefind.init();
window.pfSearch = async (q) => {
	const s = await pagefind.search(q);
	const data = await Promise.all(s.results.slice(0, 10).map((r) => r.data()));
	const list = document.getElementById("results");
	list.replaceChildren(...data.map((d) => { const li = document.createElement("li"); li.innerHTML = d.meta.title + " " + d.excerpt; return li; }));
	return data.map((d) => d.url);
};
const q = new URLSearchParams(location.search).get("q");
if (q) await pfSearch(q);
window.pfReady = true;
`

// engineQuery runs one query in the page and resolves to the folders of
// its results, best first.
type engineQuery string

const (
	oursQuery engineQuery = `(async (q) => {
		const form = document.getElementById("search-form");
		form.querySelector("input[name=q]").value = q;
		form.requestSubmit();
		return ` + foundJS + `.pages;
	})`
	pagefindQuery engineQuery = `(async (q) => (await pfSearch(q)).map((u) => u.replace(/^\//, "").replace(/\/(index\.html)?$/, "")))`
)

// measured is what measure found for one engine and language.
type measured struct {
	pageBytes, engineBytes int
	cold, warm             time.Duration
	results                map[string][]string // by query
}

// measure opens load (a page that runs a first query) in a fresh browser
// context with the CPU slowed down, and measures the bytes it downloaded
// and the time until its results showed; then runs every query of its
// language twice and keeps the second run's median time and results.
func measure(b *testing.B, load string, run engineQuery, lang string, sent *bytesSent) measured {
	ctx, cancel := chromedp.NewContext(env.browser, chromedp.WithNewBrowserContext())
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	throttle := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: cpuSlowdown})
		return err
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740), throttle); err != nil {
		b.Fatal(err)
	}
	sent.reset()
	start := time.Now()
	if err := chromedp.Do(ctx, chromedp.Navigate(load)); err != nil {
		b.Fatal(err)
	}
	ready := `(window.pfReady === true) || (document.querySelectorAll("#search-list li").length > 0)`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](ready, chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		b.Fatalf("%s: no results: %v", load, err)
	}
	var m measured
	m.cold = time.Since(start)
	for p, n := range sent.take() {
		if strings.HasSuffix(p, ".css") || strings.HasSuffix(p, ".html") || strings.HasSuffix(p, "/") {
			m.pageBytes += n
		} else {
			m.engineBytes += n
		}
	}
	m.results = map[string][]string{}
	var times []time.Duration
	for pass := range 2 {
		for _, c := range searchCases {
			if c.lang != lang {
				continue
			}
			q, _ := json.Marshal(c.query)
			got, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
				Pages []string `json:"pages"`
				Ms    float64  `json:"ms"`
			}](`(async () => { const t0 = performance.now(); const pages = await `+string(run)+`(`+string(q)+`); return {pages, ms: performance.now() - t0}; })()`, chromedp.EvalAwaitPromise))
			if err != nil {
				b.Fatalf("%s: query %q: %v", load, c.query, err)
			}
			if pass == 1 {
				m.results[c.query] = got.Pages
				times = append(times, time.Duration(got.Ms*float64(time.Millisecond)))
			}
		}
	}
	slices.Sort(times)
	m.warm = times[len(times)/2]
	return m
}
