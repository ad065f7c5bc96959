package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// scripts switches the page's own scripts on or off in the tab, from the
// next page loaded on. The test's evaluations run either way.
func scripts(on bool) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return chromedp.Void{}, err
	}
}

// reading is what a reader gets from a page: its main text, the links of
// the menu and of the language switcher, and the scripts it would run.
type reading struct {
	Lang    string   `json:"lang"`
	Main    int      `json:"main"` // characters of the main content's visible text
	Links   []string `json:"links"`
	Scripts []string `json:"scripts"` // scripts other than JSON-LD data, and noscript elements
}

const readingJS = `({
	lang: document.documentElement.lang,
	main: document.querySelector("main").innerText.trim().length,
	links: [...document.querySelectorAll(".main-nav a, .lang-switch a")].map((a) => a.href),
	scripts: [...document.querySelectorAll("script:not([type='application/ld+json']), noscript, [onclick], [onload]")]
		.map((e) => e.outerHTML.slice(0, 80)),
})`

// TestEverythingWorksWithoutJavaScript loads a page of every kind, in both
// languages, with scripts on and then off: the page has no script to lose
// (but the search page), shows the same main text and the same links, and with scripts off a click on the
// language switcher and on a menu item still leads to their pages.
func TestEverythingWorksWithoutJavaScript(t *testing.T) {
	t.Parallel()
	// One page of each kind and language: scripts change nothing that a
	// commune's content could, and every site has the same layouts.
	first := firstOfEachKind(allPages(t))
	forEachPage(t, pagesWhere(t, func(p webPage) bool { return first[p.Path] }), func(t *testing.T, b *tab, p webPage) {
		b.do("set the viewport", chromedp.EmulateViewport(1280, 800), scripts(true))
		b.open(p.Path)
		with := eval[reading](b, readingJS)
		b.do("turn scripts off", scripts(false))
		b.open(p.Path)
		without := eval[reading](b, readingJS)
		// The search page alone has scripts, and shows its search field
		// with them, a note and the A–Z index without them
		// (TestSearchWithoutJavaScript).
		if len(without.Scripts) > 0 && p.Kind != "search" {
			t.Errorf("%s: the page has scripts or script handlers: %s", p.Path, strings.Join(without.Scripts, ", "))
		}
		if with.Main != without.Main && p.Kind != "search" || strings.Join(with.Links, " ") != strings.Join(without.Links, " ") {
			t.Errorf("%s: without JavaScript the main text has %d characters and the links are %q; with it %d and %q",
				p.Path, without.Main, without.Links, with.Main, with.Links)
		}
		if without.Main == 0 {
			t.Errorf("%s: the main content is empty", p.Path)
		}

		for _, link := range []struct{ what, sel string }{
			{"the language switcher's first link", ".lang-switch a"},
			{"the menu's last item", ".main-nav li:last-child a"},
		} {
			href := eval[string](b, `(document.querySelector("`+link.sel+`") || {href: ""}).href`)
			if href == "" {
				continue // the page has no such link (the portal has no menu)
			}
			// (A 404 page's links start with the path of its site's
			// address, /<slug>/ for the examples, which the test server
			// publishes as the portal's host does: they are followed too.)
			if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.Click(chromedp.CSS(link.sel)))); err != nil {
				t.Fatalf("%s: click %s: %v", p.Path, link.what, err)
			}
			if got := eval[string](b, `location.href`); strings.TrimSuffix(got, "index.html") != strings.TrimSuffix(href, "index.html") {
				t.Errorf("%s: a click on %s leads to %s, want %s", p.Path, link.what, got, href)
			}
			if after := eval[reading](b, readingJS); after.Main == 0 {
				t.Errorf("%s: the page reached by %s shows no main text", p.Path, link.what)
			}
			b.open(p.Path) // (NavigateBack would wait for a load event that the back-forward cache never fires)
		}
	})
}
