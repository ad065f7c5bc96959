package serve

import (
	"bytes"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// handler serves the current snapshot. It never reads the disk: a
// request names a key of the snapshot's map of files, after its path is
// cleaned, so it cannot reach anything else.
type handler struct {
	current  func() *snapshot
	hub      *Hub
	instance string
	// only is the commune whose site is served at the root ("" when every
	// site is served under its folder, as in public/).
	only string
	// hosts are the names the server answers to; set once it listens.
	hosts hosts
}

// notFoundPage is served for an unknown address outside any commune site.
const notFoundPage = `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not found — tadafor serve</title></head>
<body><main><h1>Not found</h1><p>No page has this address. <a href="/">Go to the start page</a>.</p></main></body>
</html>
`

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.hosts.allowed(r.Host) {
		h.hosts.forbid(w, r.Host)
		return
	}
	if r.URL.Path == EventsPath {
		h.hub.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snap := h.current()
	w.Header().Set("X-Content-Type-Options", "nosniff")
	key, redirect := h.resolve(snap, r.URL.Path)
	if redirect != "" {
		if r.URL.RawQuery != "" {
			redirect += "?" + r.URL.RawQuery
		}
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, redirect, http.StatusFound)
		return
	}
	if f := snap.files[key]; f != nil {
		h.serveFile(w, r, snap, f, http.StatusOK)
		return
	}
	if snap.errs != nil && len(snap.files) == 0 {
		h.serveBytes(w, r, snap, http.StatusInternalServerError, snap.errPage)
		return
	}
	if nf := h.notFoundKey(key); snap.files[nf] != nil {
		f := snap.files[nf]
		if h.only == "" && f.html {
			// The page is made for the root of the commune's domain; here
			// the commune lives under /<slug>/.
			slug, _, _ := strings.Cut(nf, "/")
			h.serveBytes(w, r, snap, http.StatusNotFound, underFolder(f.data, slug))
			return
		}
		h.serveFile(w, r, snap, f, http.StatusNotFound)
		return
	}
	h.serveBytes(w, r, snap, http.StatusNotFound, []byte(notFoundPage))
}

// resolve maps a request's path (decoded) to a key of the snapshot. A
// folder's address serves its index.html; a folder named without its
// final slash is redirected to it, so that the page's relative links
// work.
func (h *handler) resolve(snap *snapshot, urlPath string) (key, redirect string) {
	clean := path.Clean("/" + urlPath)
	rel := strings.TrimPrefix(clean, "/")
	if h.only != "" {
		rel = path.Join(h.only, rel)
	}
	if rel == "" || strings.HasSuffix(urlPath, "/") {
		return path.Join(rel, "index.html"), ""
	}
	if _, ok := snap.files[rel]; ok {
		return rel, ""
	}
	if _, ok := snap.files[rel+"/index.html"]; ok {
		return "", clean + "/"
	}
	return rel, ""
}

// underFolder moves the links of a page written for the root of a domain
// ("/ar/index.html", as a commune's 404 page has) under /<folder>/.
func underFolder(page []byte, folder string) []byte {
	var b bytes.Buffer
	b.Grow(len(page) + 64)
	for {
		i := bytes.Index(page, []byte(`="/`))
		if i < 0 {
			break
		}
		b.Write(page[:i+3])
		page = page[i+3:]
		if len(page) == 0 || page[0] != '/' { // not "//host/…"
			b.WriteString(folder + "/")
		}
	}
	b.Write(page)
	return b.Bytes()
}

// notFoundKey is the 404 page of the site an unknown key falls in.
func (h *handler) notFoundKey(key string) string {
	if h.only != "" {
		return h.only + "/404.html"
	}
	slug, _, _ := strings.Cut(key, "/")
	return slug + "/404.html"
}

func (h *handler) serveFile(w http.ResponseWriter, r *http.Request, snap *snapshot, f *file, status int) {
	if f.html {
		h.serveBytes(w, r, snap, status, f.data)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "no-cache")
	if status != http.StatusOK {
		w.Header().Set("Content-Length", strconv.Itoa(len(f.data)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(f.data)
		}
		return
	}
	w.Header().Set("ETag", f.etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.data))
}

// serveBytes serves an HTML page with the live-reload script, and the
// error panel when the latest build failed; HTML is never cached.
func (h *handler) serveBytes(w http.ResponseWriter, r *http.Request, snap *snapshot, status int, page []byte) {
	var panel []byte
	if snap.errs != nil && !bytes.Equal(page, snap.errPage) {
		panel = snap.overlay
	}
	body := inject(page, panel, liveScript(h.instance, snap.gen))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// inject puts panel right after the opening <body> tag, first in reading
// order, and script right before </body> (at the end when the page has
// no such tags). It returns a new slice.
func inject(page, panel, script []byte) []byte {
	out := make([]byte, 0, len(page)+len(panel)+len(script))
	rest := page
	if len(panel) > 0 {
		at := 0
		if i := indexFold(page, "<body"); i >= 0 {
			if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
				at = i + j + 1
			}
		}
		out = append(out, page[:at]...)
		out = append(out, panel...)
		rest = page[at:]
	}
	end := lastIndexFold(rest, "</body>")
	if end < 0 {
		end = len(rest)
	}
	out = append(out, rest[:end]...)
	out = append(out, script...)
	return append(out, rest[end:]...)
}

// indexFold is the index of the first s (lower-case ASCII) in b, in any
// case, or -1.
func indexFold(b []byte, s string) int {
	for i := 0; i+len(s) <= len(b); i++ {
		if b[i] == s[0] && strings.EqualFold(string(b[i:i+len(s)]), s) {
			return i
		}
	}
	return -1
}

// lastIndexFold is the index of the last s (lower-case ASCII) in b, in
// any case, or -1.
func lastIndexFold(b []byte, s string) int {
	for i := len(b) - len(s); i >= 0; i-- {
		if b[i] == s[0] && strings.EqualFold(string(b[i:i+len(s)]), s) {
			return i
		}
	}
	return -1
}
