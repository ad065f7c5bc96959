package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tadafor/tadafor/internal/webmeta"
)

// withSecurityHeaders serves what next serves with the headers the
// published sites are served with (the .htaccess, docs/hosting.md), so
// that every browser test sees the pages as visitors do, under the
// Content-Security-Policy.
func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, h := range webmeta.SecurityHeaders {
			w.Header().Set(h.Name, h.Value)
		}
		next.ServeHTTP(w, r)
	})
}

// recordViolations makes the tab note, from the next page loaded on,
// what the Content-Security-Policy blocks.
func recordViolations() chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
			Source: `window.__csp = []; document.addEventListener("securitypolicyviolation",
				(e) => window.__csp.push(e.violatedDirective + " blocks " + (e.blockedURI || "inline") + " at line " + e.lineNumber));`,
		})
		return chromedp.Void{}, err
	}
}

// underCSP is what a page shows under the policy.
type underCSP struct {
	Violations []string `json:"violations"`
	Rules      int      `json:"rules"`  // CSS rules of the stylesheets applied
	Broken     []string `json:"broken"` // images that did not load
	Charts     int      `json:"charts"` // inline SVG charts drawn
}

const underCSPJS = `({
	violations: window.__csp || [],
	rules: [...document.styleSheets].reduce((n, s) => n + s.cssRules.length, 0),
	broken: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src),
	charts: [...document.querySelectorAll("svg.chart")].filter((s) => s.getBoundingClientRect().height > 0).length,
})`

// TestEveryPageKindWorksUnderTheContentSecurityPolicy loads a page of
// every kind in every language with the security headers of the
// published sites: nothing is blocked (no inline script or style; the
// JSON-LD is data), the stylesheet applies, every image loads.
func TestEveryPageKindWorksUnderTheContentSecurityPolicy(t *testing.T) {
	t.Parallel()
	resp, err := http.Get(env.url + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Content-Security-Policy"); got != webmeta.ContentSecurityPolicy {
		t.Fatalf("the test server sends Content-Security-Policy %q", got)
	}
	first := firstOfEachKind(allPages(t))
	forEachPage(t, pagesWhere(t, func(p webPage) bool { return first[p.Path] }), func(t *testing.T, b *tab, p webPage) {
		b.do("record violations", recordViolations(), chromedp.EmulateViewport(1280, 800))
		b.open(p.Path)
		got := eval[underCSP](b, underCSPJS)
		if len(got.Violations) > 0 {
			t.Errorf("%s: the Content-Security-Policy blocks: %s", p.Path, strings.Join(got.Violations, "; "))
		}
		if got.Rules == 0 {
			t.Errorf("%s: no stylesheet applies", p.Path)
		}
		if len(got.Broken) > 0 {
			t.Errorf("%s: images not shown: %q", p.Path, got.Broken)
		}
	})
}
