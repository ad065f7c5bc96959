package webmeta

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestFor(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]string{
		"ar/index.html":   "text/html; charset=utf-8",
		"fr/feed.xml":     "application/atom+xml; charset=utf-8",
		"sitemap.xml":     "application/xml; charset=utf-8",
		"css/style.css":   "text/css; charset=utf-8",
		"docs/BUDGET.PDF": "application/pdf",
		"x.unknown":       "application/octet-stream",
	} {
		if got := For(p).ContentType; got != want {
			t.Errorf("%s: %q, want %q", p, got, want)
		}
	}
	if For("a.html").Cache.CacheControl() != "public, max-age=300" || For("a.pdf").Cache.MaxAge() <= For("a.css").Cache.MaxAge() {
		t.Error("pages must be kept less long than documents")
	}
}

// docs/hosting.md gives nginx and Caddy the same headers and caching as
// the .htaccess and the S3 metadata.
func TestHostingDocFollowsTheRules(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../docs/hosting.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, h := range SecurityHeaders {
		if n := strings.Count(doc, h.Value); n < 3 {
			t.Errorf("docs/hosting.md gives %s %q %d times, want 3 (the list, nginx, Caddy)", h.Name, h.Value, n)
		}
	}
	for _, c := range []Cache{Short, Medium, Long} {
		if n := strings.Count(doc, "max-age="+strconv.Itoa(c.MaxAge())); n < 3 {
			t.Errorf("docs/hosting.md gives max-age=%d %d times, want 3", c.MaxAge(), n)
		}
	}
}
