package deploytest_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/deploy/deploytest"
	"github.com/tadafor/tadafor/internal/render"
	"github.com/tadafor/tadafor/internal/webmeta"
)

// The .htaccess written beside each site works under Apache as shared
// hosting sets it up (AllowOverride FileInfo): the 404 page, the
// charset, compression, caching, the security headers, and tadafor's own
// files refused.
func TestHtaccessUnderApache(t *testing.T) {
	t.Parallel()
	// Apache's workers (www-data) must reach the folder.
	parent, err := os.MkdirTemp("", "tadafor-apache-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(parent) })
	os.Chmod(parent, 0o755)
	site := filepath.Join(parent, "site")
	deploytest.WriteSite(t, site, 20, "v1")
	files := map[string]string{
		".htaccess":              string(render.Htaccess("/" + webmeta.NotFound)),
		".tadafor-manifest.json": `{"secret":"no"}`,
		"ar/feed.xml":            "<feed/>",
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(site, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	filepath.WalkDir(parent, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
	web := deploytest.StartApache(t, site)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	get := func(path string) (*http.Response, string) {
		req, _ := http.NewRequest("GET", web.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		defer resp.Body.Close()
		var r io.Reader = resp.Body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			if r, err = gzip.NewReader(resp.Body); err != nil {
				t.Fatalf("GET %s: %v", path, err)
			}
		}
		body, _ := io.ReadAll(r)
		return resp, string(body)
	}

	resp, body := get("/index.html")
	if resp.StatusCode != 200 || !strings.Contains(body, "version v1") {
		t.Fatalf("GET /index.html: %d %q", resp.StatusCode, body)
	}
	for name, want := range map[string]string{
		"Content-Type":            "text/html; charset=utf-8",
		"Cache-Control":           "public, max-age=300",
		"Content-Encoding":        "gzip",
		"Content-Security-Policy": webmeta.ContentSecurityPolicy,
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("/index.html: %s = %q, want %q", name, got, want)
		}
	}
	for path, want := range map[string][2]string{
		"/css/style.css":   {"text/css; charset=utf-8", "public, max-age=3600"},
		"/docs/budget.pdf": {"application/pdf", "public, max-age=604800"},
		"/ar/feed.xml":     {"application/atom+xml; charset=utf-8", "public, max-age=300"},
	} {
		resp, _ := get(path)
		if resp.Header.Get("Content-Type") != want[0] || resp.Header.Get("Cache-Control") != want[1] {
			t.Errorf("%s: Content-Type %q, Cache-Control %q; want %q", path, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"), want)
		}
	}
	resp, body = get("/no/such/page/")
	if resp.StatusCode != 404 || !strings.Contains(body, "<title>404</title>") || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("an unknown address gives %d %q, want the site's 404.html with the headers", resp.StatusCode, body)
	}
	for _, private := range []string{"/.tadafor-manifest.json", "/.htaccess"} {
		if resp, body := get(private); resp.StatusCode != 404 && resp.StatusCode != 403 || strings.Contains(body, "secret") {
			t.Errorf("%s is served: %d %q", private, resp.StatusCode, body)
		}
	}
}
