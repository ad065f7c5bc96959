package e2e

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// maxWeight is the most a page's HTML and CSS may weigh together, gzip
// compressed: what a phone downloads on its first visit.
const maxWeight = 30 * 1024

var stylesheet = regexp.MustCompile(`<link rel="?stylesheet"? href="?([^" >]+)`)

// weight is the size of a page and of its style sheets, raw and gzip
// compressed, in bytes.
type weight struct {
	HTML, HTMLGzip, CSS, CSSGzip int
}

// weigh reads the built page and its style sheets from env.out.
func weigh(p webPage) (weight, error) {
	file := filepath.Join(env.out, filepath.FromSlash(p.Path))
	if strings.HasSuffix(p.Path, "/") {
		file = filepath.Join(file, "index.html")
	}
	html, err := os.ReadFile(file)
	if err != nil {
		return weight{}, err
	}
	w := weight{HTML: len(html), HTMLGzip: gzipSize(html)}
	for _, m := range stylesheet.FindAllSubmatch(html, -1) {
		href := string(m[1])
		var css string
		switch {
		case strings.HasPrefix(href, "/"):
			// A 404 page links from the path of its site's address: the
			// examples are published in the portal's folders.
			css = href
		default:
			css = path.Join(path.Dir(p.Path+"x"), href) // relative to the page's folder
		}
		b, err := os.ReadFile(filepath.Join(env.out, filepath.FromSlash(css)))
		if err != nil {
			return weight{}, fmt.Errorf("the style sheet %s: %w", href, err)
		}
		w.CSS += len(b)
		w.CSSGzip += gzipSize(b)
	}
	if w.CSS == 0 {
		return weight{}, fmt.Errorf("%s links no style sheet", p.Path)
	}
	return w, nil
}

// gzipSize returns the size of b compressed by gzip at its default level,
// the one web servers use most.
func gzipSize(b []byte) int {
	var buf bytes.Buffer
	z := gzip.NewWriter(&buf)
	z.Write(b) // a bytes.Buffer does not fail
	z.Close()
	return buf.Len()
}

// TestPagesWeighLittle weighs the HTML and CSS of a page of every kind of
// every commune in both languages, raw and gzip compressed, logs them as
// a table (the heaviest page of each kind), and fails a page whose HTML
// and CSS weigh more than maxWeight compressed. The theme downloads no
// font (TestNoFontIsDownloaded), so there is none to add.
func TestPagesWeighLittle(t *testing.T) {
	t.Parallel()
	heaviest := map[string]webPage{}
	weights := map[string]weight{}
	var kinds []string
	for _, p := range allPages(t) {
		w, err := weigh(p)
		if err != nil {
			t.Errorf("weigh %s: %v", p.Path, err)
			continue
		}
		if total := w.HTMLGzip + w.CSSGzip; total > maxWeight {
			t.Errorf("%s weighs %.1f KB of HTML and CSS compressed (HTML %.1f KB, CSS %.1f KB), more than %d KB",
				p.Path, kib(total), kib(w.HTMLGzip), kib(w.CSSGzip), maxWeight/1024)
		}
		k := p.Kind
		if _, ok := heaviest[k]; !ok {
			kinds = append(kinds, k)
		}
		if old, ok := weights[k]; !ok || w.HTMLGzip > old.HTMLGzip {
			heaviest[k], weights[k] = p, w
		}
	}
	var table strings.Builder
	fmt.Fprintf(&table, "the heaviest page of each kind, in KB (fonts: none downloaded):\n")
	fmt.Fprintf(&table, "| kind | page | HTML | HTML gzip | CSS | CSS gzip | HTML+CSS gzip |\n|---|---|--:|--:|--:|--:|--:|\n")
	for _, k := range requiredKinds {
		w, ok := weights[k]
		if !ok {
			continue
		}
		fmt.Fprintf(&table, "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.1f |\n",
			k, heaviest[k].Path, kib(w.HTML), kib(w.HTMLGzip), kib(w.CSS), kib(w.CSSGzip), kib(w.HTMLGzip+w.CSSGzip))
	}
	t.Log(table.String())
}

// kib converts bytes to kibibytes.
func kib(n int) float64 { return float64(n) / 1024 }

// TestNoFontIsDownloaded loads a page of every kind in both languages and
// lists what it
// downloads besides itself: the style sheet and images only, no font (the
// theme names fonts the phone already has, and declares no @font-face).
func TestNoFontIsDownloaded(t *testing.T) {
	t.Parallel()
	first := firstOfEachKind(allPages(t))
	forEachPage(t, pagesWhere(t, func(p webPage) bool { return first[p.Path] }), func(t *testing.T, b *tab, p webPage) {
		b.open(p.Path)
		got, err := chromedp.Run(b.ctx, chromedp.Evaluate[struct {
			Faces     int      `json:"faces"`
			Resources []string `json:"resources"`
		}](`document.fonts.ready.then(() => ({
			faces: document.fonts.size,
			resources: performance.getEntriesByType("resource").map((r) => r.initiatorType + " " + r.name),
		}))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: list the downloads: %v", p.Path, err)
		}
		if got.Faces > 0 {
			t.Errorf("%s declares %d web fonts (@font-face)", p.Path, got.Faces)
		}
		for _, r := range got.Resources {
			kind, url, _ := strings.Cut(r, " ")
			script := kind == "script" && p.Kind == "search" // the search and its index
			if kind != "link" && kind != "img" && !script || regexp.MustCompile(`\.(woff2?|ttf|otf|eot)(\?|$)`).MatchString(url) {
				t.Errorf("%s downloads %s (%s): want only its style sheet and images (and on the search page its scripts)", p.Path, url, kind)
			}
		}
	})
}
