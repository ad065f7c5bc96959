package e2e

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// language is what the browser made of a page's language and direction.
type language struct {
	Lang      string `json:"lang"`
	Dir       string `json:"dir"`
	Direction string `json:"direction"` // the computed direction of <body>
	Path      string `json:"path"`
}

const languageJS = `({
	lang: document.documentElement.lang,
	dir: document.documentElement.dir,
	direction: getComputedStyle(document.body).direction,
	path: location.pathname,
})`

func TestArabicPageAndItsFrenchTranslation(t *testing.T) {
	t.Parallel()
	b := newTab(t)
	b.open("/berkane/ar/participation/petitions/index.html")

	// http.FileServer answers a request for …/index.html with a redirect to
	// the folder, so the pages reached by a click end with a slash.
	steps := []struct {
		click string // hreflang of the switcher's link to click, "" for none
		want  language
	}{
		{"", language{"ar", "rtl", "rtl", "/berkane/ar/participation/petitions/"}},
		{"fr", language{"fr", "ltr", "ltr", "/berkane/fr/participation/petitions/"}},
		{"ar", language{"ar", "rtl", "rtl", "/berkane/ar/participation/petitions/"}},
	}
	for _, s := range steps {
		when := "on the first page"
		if s.click != "" {
			when = "after clicking the switcher's link to " + s.click
			link := chromedp.CSS(`nav.lang-switch a[hreflang="` + s.click + `"]`)
			if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(link))); err != nil {
				t.Fatalf("click the language switcher's link to %s: %v", s.click, err)
			}
		}
		got := eval[language](b, languageJS)
		got.Path = strings.TrimSuffix(got.Path, "index.html")
		if got != s.want {
			t.Errorf("%s: got %+v, want %+v", when, got, s.want)
		}
	}
}

// overflow is the page's width against the viewport's, with the widest
// elements that stick out of the viewport.
type overflow struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Widest      []string `json:"widest"`
}

// overflowJS lists the elements that reach beyond the viewport on either
// side (left for right-to-left pages), widest first, leaving out those
// inside a box that scrolls or clips them.
const overflowJS = `(() => {
	const root = document.documentElement, width = root.clientWidth;
	const clipped = (e) => {
		for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
			if (getComputedStyle(a).overflowX !== "visible") return true;
		}
		return false;
	};
	const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
	const out = [];
	for (const e of document.body.querySelectorAll("*")) {
		const r = e.getBoundingClientRect();
		if (r.width === 0 || (r.right <= width + 0.5 && r.left >= -0.5) || clipped(e)) continue;
		const text = (e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
		out.push([r.width, name(e) + " left=" + Math.round(r.left) + " right=" + Math.round(r.right) + " " + JSON.stringify(text)]);
	}
	out.sort((a, b) => b[0] - a[0]);
	return {scrollWidth: root.scrollWidth, clientWidth: width, widest: out.slice(0, 8).map((o) => o[1])};
})()`

// phonePages covers every kind of page of both example communes in both
// languages, and the pages outside them.
func phonePages() []string {
	pages := []string{"/index.html", "/fr/index.html"} // the portal
	communes := []struct{ slug, news, event string }{
		{"berkane", "new-website", "petition-info-meeting"},
		{"ammelne", "equality-body", "participation-meeting"},
	}
	kinds := []string{
		"",                                   // home
		"participation/",                     // section
		"participation/petitions/",           // guide
		"procedures/signature-legalisation/", // procedure
		"contact/",                           // contact
		"accessibility/",                     // plain page
	}
	for _, c := range communes {
		pages = append(pages, "/"+c.slug+"/index.html", "/"+c.slug+"/404.html") // language chooser, 404
		for _, lang := range []string{"ar", "fr"} {
			for _, k := range append(kinds, "news/"+c.news+"/", "news/"+c.event+"/") {
				pages = append(pages, "/"+c.slug+"/"+lang+"/"+k+"index.html")
			}
		}
	}
	return pages
}

func TestNothingOverflowsOnAPhone(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	for _, path := range phonePages() {
		t.Run(strings.TrimPrefix(path, "/"), func(t *testing.T) {
			t.Parallel()
			b := newTab(t)
			// Not a mobile emulation: a mobile viewport widens itself to
			// fit content that overflows, which would hide the fault.
			b.do("set a 320 px viewport", chromedp.EmulateViewport(320, 640))
			b.open(path)
			got := eval[overflow](b, overflowJS)
			if got.ScrollWidth > got.ClientWidth {
				t.Errorf("%s scrolls sideways on a 320 px screen: the page is %d px wide for %d px; widest elements out of view:\n\t%s",
					path, got.ScrollWidth, got.ClientWidth, strings.Join(got.Widest, "\n\t"))
			}
		})
	}
}

// rect is an element's box in the viewport.
type rect struct {
	Left   float64 `json:"left"`
	Top    float64 `json:"top"`
	Right  float64 `json:"right"`
	Bottom float64 `json:"bottom"`
}

// focusJS describes the focused element and its box, with the viewport's
// size.
const focusJS = `(() => {
	const e = document.activeElement, r = e.getBoundingClientRect();
	return {
		element: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + e.className : ""),
		skipLink: e.matches("a.skip-link"),
		box: {left: r.left, top: r.top, right: r.right, bottom: r.bottom},
		width: innerWidth, height: innerHeight,
	};
})()`

type focus struct {
	Element  string  `json:"element"`
	SkipLink bool    `json:"skipLink"`
	Box      rect    `json:"box"`
	Width    float64 `json:"width"`
	Height   float64 `json:"height"`
}

func TestSkipLinkAndKeyboard(t *testing.T) {
	t.Parallel()
	b := newTab(t)
	b.open("/berkane/ar/participation/petitions/index.html")

	b.do("press Tab", chromedp.KeyEvent(kb.Tab))
	got := eval[focus](b, focusJS)
	if !got.SkipLink {
		t.Fatalf("after one Tab the focus is on %s, want the skip link a.skip-link", got.Element)
	}
	if r := got.Box; r.Left < 0 || r.Top < 0 || r.Right > got.Width || r.Bottom > got.Height || r.Right <= r.Left || r.Bottom <= r.Top {
		t.Errorf("the focused skip link is at %+v, not inside the %gx%g viewport", r, got.Width, got.Height)
	}

	b.do("press Enter", chromedp.KeyEvent(kb.Enter))
	_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.activeElement.matches("main#main")`,
		chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		t.Errorf("after Enter on the skip link the focus is on %s, want main#main (%v)", eval[focus](b, focusJS).Element, err)
	}
}

func TestRTLMirrorsLayout(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	tests := []struct {
		path string
		rtl  bool
	}{
		{"/berkane/ar/index.html", true},
		{"/berkane/fr/index.html", false},
		{"/ammelne/ar/index.html", true},
		{"/ammelne/fr/index.html", false},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			t.Parallel()
			b := newTab(t)
			// Wide enough for the brand and the switcher to share a row.
			b.do("set a 1280 px viewport", chromedp.EmulateViewport(1280, 800))
			b.open(tt.path)
			got := eval[struct{ Brand, Switch rect }](b, `(() => {
				const box = (s) => {
					const e = document.querySelector(s);
					if (!e) throw new Error("no " + s);
					const r = e.getBoundingClientRect();
					return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
				};
				return {Brand: box(".site-header .brand"), Switch: box(".site-header .lang-switch")};
			})()`)
			if tt.rtl && got.Switch.Right > got.Brand.Left {
				t.Errorf("right to left: the language switcher (%g–%g px) is not left of the brand (%g–%g px)",
					got.Switch.Left, got.Switch.Right, got.Brand.Left, got.Brand.Right)
			}
			if !tt.rtl && got.Brand.Right > got.Switch.Left {
				t.Errorf("left to right: the brand (%g–%g px) is not left of the language switcher (%g–%g px)",
					got.Brand.Left, got.Brand.Right, got.Switch.Left, got.Switch.Right)
			}
		})
	}
}

// TestScreenshots saves full-page screenshots of a guide and a procedure
// in both languages, on a phone and on a desktop, for people to look at.
// Each must be exactly as wide as its viewport.
func TestScreenshots(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	dir := os.Getenv("E2E_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "tadafor-e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	pages := []struct{ name, path string }{
		{"petitions", "participation/petitions/"},              // a guide
		{"legalisation", "procedures/signature-legalisation/"}, // a procedure
	}
	for _, page := range pages {
		for _, lang := range []string{"ar", "fr"} {
			for _, width := range []int64{320, 1280} {
				file := fmt.Sprintf("berkane-%s-%s-%d.png", lang, page.name, width)
				t.Run(file, func(t *testing.T) {
					t.Parallel()
					b := newTab(t)
					b.do("set the viewport", chromedp.EmulateViewport(width, 800))
					b.open("/berkane/" + lang + "/" + page.path + "index.html")
					shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatalf("screenshot: %v", err)
					}
					cfg, err := png.DecodeConfig(bytes.NewReader(shot))
					if err != nil {
						t.Fatalf("decode the screenshot: %v", err)
					}
					if int64(cfg.Width) != width {
						t.Errorf("the screenshot is %d px wide, want %d: the page is wider than the viewport", cfg.Width, width)
					}
					if err := os.WriteFile(filepath.Join(dir, file), shot, 0o644); err != nil {
						t.Fatal(err)
					}
				})
			}
		}
	}
}
