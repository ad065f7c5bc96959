package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
)

// testFiles are the outputs of a small build, as under public/.
func testFiles() map[string]*file {
	files := map[string]*file{}
	for p, text := range map[string]string{
		"index.html":                            `<!DOCTYPE html><html lang="ar" dir="rtl"><head><title>Portal</title></head><body><h1>Portal</h1></body></html>`,
		"css/style.css":                         `body{color:#000}`,
		"berkane/index.html":                    `<html lang="ar" dir="rtl"><body>languages</body></html>`,
		"berkane/404.html":                      `<html lang="ar" dir="rtl"><head><link rel="stylesheet" href="/css/style.css"></head><BODY class="x">berkane 404 <a href="/ar/index.html">home</a> <a href="//x.ma/">x</a></BODY></html>`,
		"berkane/ar/index.html":                 `<html lang="ar" dir="rtl"><body>berkane home</body></html>`,
		"berkane/ar/participation/index.html":   `<html lang="ar" dir="rtl"><body>participation</body></html>`,
		"berkane/ar/feed.xml":                   `<?xml version="1.0"?><feed></feed>`,
		"berkane/css/style.css":                 `body{color:#111}`,
		"berkane/sitemap.xml":                   `<?xml version="1.0"?><urlset></urlset>`,
		"berkane/robots.txt":                    "User-agent: *\n",
		"berkane/docs/budget.pdf":               "%PDF-1.4 budget",
		"berkane/fr/العرائض/index.html":         `<html lang="fr" dir="ltr"><body>pétitions</body></html>`,
		"ammelne/fr/index.html":                 `<html lang="fr" dir="ltr"><body>ammelne home</body></html>`,
		"ammelne/index.html":                    `<html lang="ar" dir="rtl"><body>ammelne languages</body></html>`,
		"ammelne/ar/participation/index.html":   `<html lang="ar" dir="rtl"><body>ammelne participation</body></html>`,
		"ammelne/ar/participation/x/index.html": `no body tags at all`,
	} {
		files[p] = newFile(p, []byte(text))
	}
	return files
}

func newTestHandler(snap *snapshot, only string) *handler {
	hub := NewHub(func() Hello { return Hello{Instance: "test", Gen: snap.gen} })
	return &handler{current: func() *snapshot { return snap }, hub: hub, instance: "test", only: only,
		hosts: hosts{port: "80", bind: "127.0.0.1"}}
}

type response struct {
	status int
	header http.Header
	body   string
}

func get(h http.Handler, method, target string, header map[string]string) response {
	req := httptest.NewRequest(method, "http://localhost"+target, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return response{rec.Code, rec.Header(), rec.Body.String()}
}

func TestHandler(t *testing.T) {
	t.Parallel()
	snap := &snapshot{gen: 7, files: testFiles()}
	tests := []struct {
		target   string
		status   int
		ctype    string
		contains string // in the body
		location string
	}{
		{"/", 200, "text/html; charset=utf-8", "<h1>Portal</h1>", ""},
		{"/index.html", 200, "text/html; charset=utf-8", "<h1>Portal</h1>", ""},
		{"/berkane/", 200, "text/html; charset=utf-8", "languages", ""},
		{"/berkane/ar/", 200, "text/html; charset=utf-8", "berkane home", ""},
		{"/berkane/ar/participation/", 200, "text/html; charset=utf-8", "participation", ""},
		{"/berkane/ar/participation", 302, "", "", "/berkane/ar/participation/"},
		{"/berkane/ar/participation?x=1", 302, "", "", "/berkane/ar/participation/?x=1"},
		{"/berkane/fr/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D8%A6%D8%B6/", 200, "text/html; charset=utf-8", "pétitions", ""},
		{"/css/style.css", 200, "text/css; charset=utf-8", "color:#000", ""},
		{"/berkane/ar/feed.xml", 200, "application/atom+xml; charset=utf-8", "<feed>", ""},
		{"/berkane/sitemap.xml", 200, "application/xml; charset=utf-8", "<urlset>", ""},
		{"/berkane/robots.txt", 200, "text/plain; charset=utf-8", "User-agent", ""},
		{"/berkane/docs/budget.pdf", 200, "application/pdf", "%PDF", ""},
		{"/berkane/nope", 404, "text/html; charset=utf-8", "berkane 404", ""},
		// The commune's 404 page is made for its own domain's root: its
		// links move under /berkane/ here.
		{"/berkane/fr/nope", 404, "text/html; charset=utf-8", `<link rel="stylesheet" href="/berkane/css/style.css"></head><BODY class="x">berkane 404 <a href="/berkane/ar/index.html">home</a> <a href="//x.ma/">x</a>`, ""},
		{"/berkane/ar/nope/deeper/", 404, "text/html; charset=utf-8", "berkane 404", ""},
		{"/ammelne/nope", 404, "text/html; charset=utf-8", "No page has this address", ""},
		{"/nope", 404, "text/html; charset=utf-8", "No page has this address", ""},
		// Nothing outside the snapshot can be named: a path is cleaned and
		// looked up in a map.
		{"/../../../../etc/passwd", 404, "text/html; charset=utf-8", "No page has this address", ""},
		{"/%2e%2e/%2e%2e/etc/passwd", 404, "text/html; charset=utf-8", "No page has this address", ""},
		{"/berkane/..%2f..%2f..%2fetc%2fpasswd", 404, "text/html; charset=utf-8", "No page has this address", ""},
		{"/berkane/ar/..%5c..%5cetc%5cpasswd", 404, "text/html; charset=utf-8", "berkane 404", ""},
		{"/berkane/%2e%2e/index.html", 200, "text/html; charset=utf-8", "<h1>Portal</h1>", ""},
		{"/berkane%2far%2f", 200, "text/html; charset=utf-8", "berkane home", ""},
		{"/berkane/ar/%00", 404, "text/html; charset=utf-8", "berkane 404", ""},
		{"//berkane//ar//", 200, "text/html; charset=utf-8", "berkane home", ""},
	}
	h := newTestHandler(snap, "")
	for _, tt := range tests {
		r := get(h, "GET", tt.target, nil)
		if r.status != tt.status {
			t.Errorf("GET %s: status %d, want %d", tt.target, r.status, tt.status)
		}
		if tt.ctype != "" && r.header.Get("Content-Type") != tt.ctype {
			t.Errorf("GET %s: Content-Type %q, want %q", tt.target, r.header.Get("Content-Type"), tt.ctype)
		}
		if !strings.Contains(r.body, tt.contains) {
			t.Errorf("GET %s: body %q does not contain %q", tt.target, r.body, tt.contains)
		}
		if loc := r.header.Get("Location"); loc != tt.location {
			t.Errorf("GET %s: Location %q, want %q", tt.target, loc, tt.location)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no X-Content-Type-Options: nosniff", tt.target)
		}
	}
}

func TestHandlerOneCommune(t *testing.T) {
	t.Parallel()
	h := newTestHandler(&snapshot{files: testFiles()}, "berkane")
	tests := []struct {
		target   string
		status   int
		contains string
	}{
		{"/", 200, "languages"},
		{"/ar/", 200, "berkane home"},
		{"/css/style.css", 200, "color:#111"},
		{"/ammelne/ar/participation/", 404, "berkane 404"},
		{"/../ammelne/fr/", 404, "berkane 404"},
		{"/%2e%2e/index.html", 200, "languages"},
		{"/nope", 404, "berkane 404"},
		{"/fr/nope", 404, `<a href="/ar/index.html">home</a>`}, // served at the root, as published
	}
	for _, tt := range tests {
		r := get(h, "GET", tt.target, nil)
		if r.status != tt.status || !strings.Contains(r.body, tt.contains) {
			t.Errorf("GET %s: %d %q, want %d with %q", tt.target, r.status, r.body, tt.status, tt.contains)
		}
	}
}

func TestHandlerHeaders(t *testing.T) {
	t.Parallel()
	snap := &snapshot{files: testFiles()}
	h := newTestHandler(snap, "")
	page := get(h, "GET", "/berkane/ar/", nil)
	if cc := page.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("HTML Cache-Control %q, want no-store", cc)
	}
	css := get(h, "GET", "/css/style.css", nil)
	etag := css.header.Get("ETag")
	if cc := css.header.Get("Cache-Control"); cc != "no-cache" || etag == "" {
		t.Errorf("CSS Cache-Control %q, ETag %q", cc, etag)
	}
	if r := get(h, "GET", "/css/style.css", map[string]string{"If-None-Match": etag}); r.status != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", r.status)
	}
	if r := get(h, "GET", "/berkane/docs/budget.pdf", map[string]string{"Range": "bytes=0-3"}); r.status != http.StatusPartialContent || r.body != "%PDF" {
		t.Errorf("range: %d %q", r.status, r.body)
	}
	head := get(h, "HEAD", "/berkane/ar/", nil)
	if head.status != 200 || head.body != "" || head.header.Get("Content-Length") != strconv.Itoa(len(page.body)) {
		t.Errorf("HEAD: %d %q, Content-Length %s for %d bytes", head.status, head.body, head.header.Get("Content-Length"), len(page.body))
	}
	if r := get(h, "POST", "/berkane/ar/", nil); r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", r.status, r.header.Get("Allow"))
	}
}

// TestScriptOnlyInHTML checks that the live-reload script goes into
// every HTML response, once, before </body>, and into nothing else, and
// that the snapshot's own bytes are left as built.
func TestScriptOnlyInHTML(t *testing.T) {
	t.Parallel()
	snap := &snapshot{gen: 3, files: testFiles()}
	before := map[string]string{}
	for p, f := range snap.files {
		before[p] = string(f.data)
	}
	h := newTestHandler(snap, "")
	for _, target := range []string{"/", "/berkane/ar/", "/berkane/nope", "/nope", "/ammelne/ar/participation/x/",
		"/css/style.css", "/berkane/ar/feed.xml", "/berkane/sitemap.xml", "/berkane/robots.txt", "/berkane/docs/budget.pdf"} {
		r := get(h, "GET", target, nil)
		html := strings.HasPrefix(r.header.Get("Content-Type"), "text/html")
		n := strings.Count(r.body, "data-tadafor-live")
		switch {
		case html && n != 1:
			t.Errorf("%s: the script is there %d times", target, n)
		case !html && n != 0:
			t.Errorf("%s (%s): the script is injected", target, r.header.Get("Content-Type"))
		case html && strings.Contains(strings.ToLower(r.body), "</body>") &&
			!strings.Contains(strings.ToLower(r.body), "</script></body>"):
			t.Errorf("%s: the script is not right before </body>: %s", target, r.body)
		case html && !strings.Contains(r.body, `"gen":3`):
			t.Errorf("%s: the script does not carry the snapshot's generation", target)
		}
	}
	for p, f := range snap.files {
		if string(f.data) != before[p] {
			t.Errorf("%s was modified in the snapshot", p)
		}
	}
}

func TestInject(t *testing.T) {
	t.Parallel()
	tests := []struct {
		page, panel, want string
	}{
		{"<html><body>x</body></html>", "", "<html><body>x<S></body></html>"},
		{"<html><BODY class=a>x</BODY></html>", "", "<html><BODY class=a>x<S></BODY></html>"},
		{"<html><body>x</body></html>", "<P>", "<html><body><P>x<S></body></html>"},
		{"<html><body class=\"a\">x<p>a</body> in text</p></body></html>", "<P>", "<html><body class=\"a\"><P>x<p>a</body> in text</p><S></body></html>"},
		{"no tags", "<P>", "<P>no tags<S>"},
		{"", "", "<S>"},
	}
	for _, tt := range tests {
		if got := string(inject([]byte(tt.page), []byte(tt.panel), []byte("<S>"))); got != tt.want {
			t.Errorf("inject(%q, %q) = %q, want %q", tt.page, tt.panel, got, tt.want)
		}
	}
}

// TestOverlay serves a snapshot whose latest build failed: every HTML
// page carries the panel with every error over the last good page; other
// files are served as they are; with no good page, the panel is a page
// of its own.
func TestOverlay(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	writeFile(t, root, "communes/berkane/commune.yaml", "name: {ar: بركان, fr: Berkane}\npopulation: many\n")
	writeFile(t, root, "content/a.ar.md", "---\ntitle: أ\n---\nرابط [مكسور](b.md) هنا\n")
	errs := diag.List{
		{Pos: diag.Pos{File: "communes/berkane/commune.yaml", Line: 2, Col: 13}, Msg: "population must be a whole number", Hint: "write it in digits"},
		{Pos: diag.Pos{File: "content/a.ar.md", Line: 4, Col: 6}, Msg: `broken link "b.md": no such page`},
		{Msg: "an error without a position"},
	}
	panel, page := newOverlay(root, errs, true)
	snap := &snapshot{gen: 9, files: testFiles(), errs: errs, overlay: panel, errPage: page}
	h := newTestHandler(snap, "")
	for _, target := range []string{"/berkane/ar/", "/berkane/nope", "/"} {
		r := get(h, "GET", target, nil)
		for _, want := range []string{
			`<section id="tadafor-overlay" lang="en" dir="ltr" aria-labelledby="tadafor-overlay-title">`,
			`<h1 id="tadafor-overlay-title">The build failed with 3 errors</h1>`,
			`<code class="tadafor-where" dir="ltr">communes/berkane/commune.yaml:2:13</code>`,
			`population must be a whole number`, `Hint: write it in digits`,
			`<span class="tadafor-ln">2 │ </span>population: <mark>m</mark>any</pre>`,
			`<code class="tadafor-where" dir="ltr">content/a.ar.md:4:6</code>`,
			`<span class="tadafor-ln">4 │ </span>رابط <mark>[</mark>مكسور](b.md) هنا</pre>`,
			`an error without a position`,
			`data-tadafor-live`,
		} {
			if !strings.Contains(r.body, want) {
				t.Errorf("%s: no %q in\n%s", target, want, r.body)
			}
		}
		if i, j := strings.Index(r.body, "tadafor-overlay"), strings.Index(r.body, "<body"); i < j {
			t.Errorf("%s: the panel is not inside the body", target)
		}
	}
	if r := get(h, "GET", "/css/style.css", nil); strings.Contains(r.body, "tadafor") {
		t.Errorf("the stylesheet carries the panel: %q", r.body)
	}

	// No good build yet: the panel alone, as a page.
	panel, page = newOverlay(root, errs, false)
	h = newTestHandler(&snapshot{gen: 1, errs: errs, overlay: panel, errPage: page}, "")
	r := get(h, "GET", "/berkane/ar/", nil)
	if r.status != http.StatusInternalServerError {
		t.Errorf("status %d, want 500", r.status)
	}
	for _, want := range []string{`<html lang="en" dir="ltr">`, `<title>The build failed with 3 errors — tadafor serve</title>`,
		`<main>`, `<h1 id="tadafor-overlay-title">`, `data-tadafor-live`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("error page: no %q in\n%s", want, r.body)
		}
	}
	if strings.Count(r.body, `<h1 id="tadafor-overlay-title">`) != 1 {
		t.Error("the error page shows the panel twice")
	}
}

// TestOverlayNeverShowsAFileOutsideTheProject positions an error in a
// page that is a link to a file outside the project, as an error of its
// first line would be: the panel names the place but shows none of the
// file's lines.
func TestOverlayNeverShowsAFileOutsideTheProject(t *testing.T) {
	t.Parallel()
	root, elsewhere := t.TempDir(), t.TempDir()
	writeFile(t, elsewhere, "passwd", "root:x:0:0:root:/root:/bin/bash\n")
	writeFile(t, root, "content/index.ar.md", "---\ntitle: أ\n---\n")
	if err := os.Symlink(filepath.Join(elsewhere, "passwd"), filepath.Join(root, "content", "a.ar.md")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	errs := diag.List{{Pos: diag.Pos{File: "content/a.ar.md", Line: 1, Col: 1}, Msg: "missing front matter"}}
	panel, _ := newOverlay(root, errs, true)
	if strings.Contains(string(panel), "/bin/bash") {
		t.Errorf("the panel shows a file outside the project:\n%s", panel)
	}
	if !strings.Contains(string(panel), "content/a.ar.md:1:1") {
		t.Errorf("the panel lacks the error:\n%s", panel)
	}
}

func TestSplitAt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line              string
		col               int
		before, at, after string
	}{
		{"abc", 2, "a", "b", "c"},
		{"abc", 1, "", "a", "bc"},
		{"abc", 4, "abc", " ", ""},
		{"abc", 0, "abc", "", ""},
		{"عربي", 3, "عر", "ب", "ي"},
	}
	for _, tt := range tests {
		b, a, f := splitAt(tt.line, tt.col)
		if b != tt.before || a != tt.at || f != tt.after {
			t.Errorf("splitAt(%q, %d) = %q %q %q", tt.line, tt.col, b, a, f)
		}
	}
}

// sse reads a Server-Sent Events stream.
type sse struct {
	t    testing.TB
	body io.ReadCloser
	r    *bufio.Reader
}

func openSSE(t testing.TB, url string) *sse {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &sse{t: t, body: resp.Body, r: bufio.NewReader(resp.Body)}
	t.Cleanup(func() { resp.Body.Close() })
	return s
}

// close ends the stream, as a browser leaving the page does.
func (s *sse) close() { s.body.Close() }

// next returns the next event's name and data, skipping comments and
// the retry field; it fails the test after a while.
func (s *sse) next() (name, data string) {
	s.t.Helper()
	type ev struct{ name, data string }
	got := make(chan ev, 1)
	go func() {
		var e ev
		for {
			line, err := s.r.ReadString('\n')
			if err != nil {
				got <- ev{"EOF", err.Error()}
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "" && e.name != "":
				got <- e
				return
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				e.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	select {
	case e := <-got:
		return e.name, e.data
	case <-time.After(patience):
		s.t.Fatalf("no event after %v", patience)
	}
	return "", ""
}

func TestHub(t *testing.T) {
	t.Parallel()
	snap := &snapshot{gen: 4, files: testFiles()}
	h := newTestHandler(snap, "")
	srv := startTestServer(t, h)
	s := openSSE(t, srv.URL+EventsPath)
	if name, data := s.next(); name != "hello" || data != `{"instance":"test","gen":4}` {
		t.Errorf("first event %s %s", name, data)
	}
	waitFor(t, func() bool { return h.hub.Clients() == 1 })
	h.hub.Publish(Message{Kind: "reload", Gen: 5, Pages: []string{"/berkane/ar/"}})
	if name, data := s.next(); name != "reload" || data != `{"kind":"reload","gen":5,"pages":["/berkane/ar/"]}` {
		t.Errorf("reload event %s %s", name, data)
	}
	h.hub.Publish(Message{Kind: "css", Gen: 6, Paths: []string{"/css/style.css"}})
	if name, data := s.next(); name != "css" || data != `{"kind":"css","gen":6,"paths":["/css/style.css"]}` {
		t.Errorf("css event %s %s", name, data)
	}
	h.hub.Close()
	if name, _ := s.next(); name != "EOF" {
		t.Errorf("after Close: event %s", name)
	}
	resp, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("a connection after Close: %d", resp.StatusCode)
	}
	if n := h.hub.Clients(); n != 0 {
		t.Errorf("%d clients after Close", n)
	}
}

func TestMergeMessages(t *testing.T) {
	t.Parallel()
	reload := func(gen uint64, pages ...string) Message { return Message{Kind: "reload", Gen: gen, Pages: pages} }
	css := func(gen uint64, paths ...string) Message { return Message{Kind: "css", Gen: gen, Paths: paths} }
	tests := []struct {
		old  *Message
		m    Message
		want Message
	}{
		{nil, reload(1), reload(1)},
		{&Message{Kind: "css", Gen: 1, Paths: []string{"/b.css"}}, css(2, "/a.css", "/b.css"), css(2, "/a.css", "/b.css")},
		{&Message{Kind: "css", Gen: 1, Paths: []string{"/a.css"}}, reload(2, "/x/"), reload(2, "/x/")},
		{&Message{Kind: "reload", Gen: 1, Pages: []string{"/x/"}}, css(2, "/a.css"), reload(2, "/x/")},
		{&Message{Kind: "reload", Gen: 1, Pages: []string{"/x/"}}, reload(2, "/y/"), reload(2, "/y/")},
	}
	for _, tt := range tests {
		got := merge(tt.old, tt.m)
		if got.Kind != tt.want.Kind || got.Gen != tt.want.Gen || strings.Join(got.Pages, ",") != strings.Join(tt.want.Pages, ",") ||
			strings.Join(got.Paths, ",") != strings.Join(tt.want.Paths, ",") {
			t.Errorf("merge(%+v, %+v) = %+v, want %+v", tt.old, tt.m, *got, tt.want)
		}
	}
}

// patience bounds how long a test waits for what must come: an upper
// bound for a machine in trouble, never what decides a test.
const patience = time.Minute

// waitFor polls cond until it holds, failing the test after patience.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met after %v", patience)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// startTestServer serves h on a loopback port, answering to its address.
func startTestServer(t *testing.T, h *handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(h)
	h.hosts = newHosts("127.0.0.1", srv.Listener.Addr())
	srv.Start()
	t.Cleanup(srv.Close)
	return srv
}

// TestHostCheck checks that the server answers only to its own names, so
// that a page of a site whose name was made to point at this machine (DNS
// rebinding) cannot read the preview, the error panel or the events.
func TestHostCheck(t *testing.T) {
	t.Parallel()
	snap := &snapshot{gen: 1, files: testFiles(), errs: diag.List{diag.Errorf(diag.Pos{File: "secret/commune.yaml", Line: 1}, "boom")}}
	snap.overlay = []byte("<div>ERROR PANEL</div>")
	addr := func(s string) net.Addr {
		a, err := net.ResolveTCPAddr("tcp", s)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tests := []struct {
		bind, listen, host string
		ok                 bool
	}{
		{"127.0.0.1", "127.0.0.1:1313", "127.0.0.1:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "localhost:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "LocalHost.:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "[::1]:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "127.0.0.2:1313", true},
		{"127.0.0.1", "127.0.0.1:1313", "attacker.example:1313", false},
		{"127.0.0.1", "127.0.0.1:1313", "localhost.attacker.example:1313", false},
		{"127.0.0.1", "127.0.0.1:1313", "127.0.0.1.nip.io:1313", false},
		{"127.0.0.1", "127.0.0.1:1313", "127.0.0.1:8080", false},
		{"127.0.0.1", "127.0.0.1:1313", "127.0.0.1", false},
		{"127.0.0.1", "127.0.0.1:1313", "192.168.1.20:1313", false},
		{"127.0.0.1", "127.0.0.1:1313", "", false},
		{"127.0.0.1", "127.0.0.1:80", "localhost", true},
		{"127.0.0.1", "127.0.0.1:80", "attacker.example", false},
		{"192.168.1.20", "192.168.1.20:1313", "192.168.1.20:1313", true},
		{"192.168.1.20", "192.168.1.20:1313", "192.168.1.21:1313", false},
		{"0.0.0.0", "0.0.0.0:1313", "192.168.1.20:1313", true},
		{"0.0.0.0", "0.0.0.0:1313", "[fe80::1%eth0]:1313", false},
		{"0.0.0.0", "0.0.0.0:1313", "preview.attacker.example:1313", false},
		{"::", "[::]:1313", "[2001:db8::1]:1313", true},
		{"myhost.lan", "192.168.1.20:1313", "MyHost.lan:1313", true},
	}
	for _, tt := range tests {
		h := newTestHandler(snap, "")
		h.hosts = newHosts(tt.bind, addr(tt.listen))
		for _, target := range []string{"/berkane/ar/", "/no/such/page", EventsPath} {
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Host = tt.host
			if target == EventsPath {
				// A stream would not end: a cancelled request reads its hello only.
				ctx, cancel := context.WithCancel(req.Context())
				cancel()
				req = req.WithContext(ctx)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			body := rec.Body.String()
			if got := rec.Code != http.StatusForbidden; got != tt.ok {
				t.Errorf("bind %s, Host %q, %s: status %d, want allowed = %v", tt.bind, tt.host, target, rec.Code, tt.ok)
			}
			if !tt.ok && (strings.Contains(body, "ERROR PANEL") || strings.Contains(body, "berkane") || !strings.Contains(body, "another web site")) {
				t.Errorf("Host %q, %s: the refusal says %q", tt.host, target, body)
			}
		}
	}
}

// TestEventsEndpoint checks that the live-reload stream answers GET only,
// and at most MaxClients browsers at once.
func TestEventsEndpoint(t *testing.T) {
	t.Parallel()
	h := newTestHandler(&snapshot{gen: 1, files: testFiles()}, "")
	srv := startTestServer(t, h)
	for _, method := range []string{http.MethodPost, http.MethodHead, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(method, srv.URL+EventsPath, nil)
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET" {
			t.Errorf("%s %s: %d, Allow %q", method, EventsPath, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	streams := make([]*sse, MaxClients)
	for i := range streams {
		streams[i] = openSSE(t, srv.URL+EventsPath)
		if name, _ := streams[i].next(); name != "hello" {
			t.Fatalf("stream %d: first event %q", i, name)
		}
	}
	if n := h.hub.Clients(); n != MaxClients {
		t.Fatalf("%d clients, want %d", n, MaxClients)
	}
	resp, err := http.Get(srv.URL + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("stream %d: status %d, want 503", MaxClients+1, resp.StatusCode)
	}
	// Once a browser leaves, another may come.
	streams[0].close()
	waitFor(t, func() bool { return h.hub.Clients() == MaxClients-1 })
	if name, _ := openSSE(t, srv.URL+EventsPath).next(); name != "hello" {
		t.Errorf("a stream after one left: first event %q", name)
	}
}
