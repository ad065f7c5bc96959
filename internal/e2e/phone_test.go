package e2e

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// The first screen of a phone, in CSS pixels.
const phoneWidth, phoneHeight = 360, 740

// maxHeader is the most the header may take of a phone's first screen.
const maxHeader = 120

// screen is where the parts of a page a citizen needs first end on a
// phone, in CSS pixels from the top.
type screen struct {
	Header   float64   `json:"header"`
	Title    float64   `json:"title"`
	Search   float64   `json:"search"`   // the home page's search field; 0 elsewhere
	Services []float64 `json:"services"` // the home page's services, each link's bottom
	Menu     float64   `json:"menu"`     // the "Menu" button
}

const screenJS = `(() => {
	const bottom = (e) => e ? e.getBoundingClientRect().bottom + scrollY : 0;
	return {
		header: bottom(document.querySelector(".site-header")),
		title: bottom(document.querySelector("main h1")),
		search: bottom(document.querySelector(".home-search input")),
		services: [...document.querySelectorAll(".services a")].map(bottom),
		menu: bottom(document.querySelector(".menu > summary")),
	};
})()`

// TestFirstScreenOnAPhone opens the home page of every commune in both
// languages, and a guide and a procedure, on a 360×740 phone: the header
// takes less than maxHeader pixels with its "Menu" button, the title is on
// the first screen despite the demonstration banner, and on the home page
// the search field and every one of the most used services are too.
func TestFirstScreenOnAPhone(t *testing.T) {
	t.Parallel()
	pages := pagesOf(t, "home", "guide", "procedure")
	var mu sync.Mutex
	var rows []string
	forEachPage(t, pages, func(t *testing.T, b *tab, p webPage) {
		b.do("set a phone's viewport", chromedp.EmulateViewport(phoneWidth, phoneHeight))
		b.open(p.Path)
		s := eval[screen](b, screenJS)
		if s.Header > maxHeader {
			t.Errorf("%s: the header ends at %.0f px, want at most %d", p.Path, s.Header, maxHeader)
		}
		if s.Menu == 0 || s.Menu > s.Header {
			t.Errorf("%s: the Menu button ends at %.0f px, not in the header (%.0f px)", p.Path, s.Menu, s.Header)
		}
		if s.Title == 0 || s.Title > phoneHeight {
			t.Errorf("%s: the title ends at %.0f px, below the first screen (%d px)", p.Path, s.Title, phoneHeight)
		}
		last := 0.0
		if p.Kind == "home" {
			for _, y := range append(s.Services, s.Search) {
				last = max(last, y)
			}
			if len(s.Services) == 0 || s.Search == 0 || last > phoneHeight {
				t.Errorf("%s: the search field ends at %.0f px and the services at %v px: want both, above %d px", p.Path, s.Search, s.Services, phoneHeight)
			}
		}
		mu.Lock()
		rows = append(rows, fmt.Sprintf("| %s | %.0f | %.0f | %.0f | %.0f |", p.Path, s.Header, s.Title, s.Search, last))
		mu.Unlock()
	})
	slices.Sort(rows)
	t.Logf("where the first screen's parts end on a %d×%d phone, in px (0: none):\n| page | header | title | search field | last service |\n|---|--:|--:|--:|--:|\n%s",
		phoneWidth, phoneHeight, strings.Join(rows, "\n"))
}

// TestMenuOnAPhone checks the main menu without JavaScript: on a phone it
// is one "Menu" button whose links show only once it is pressed; on a
// desktop the links show and the button does not.
func TestMenuOnAPhone(t *testing.T) {
	t.Parallel()
	forEachPage(t, pagesOf(t, "guide"), func(t *testing.T, b *tab, p webPage) {
		type menu struct {
			Button bool `json:"button"`
			Links  int  `json:"links"`
			Shown  int  `json:"shown"`
		}
		const menuJS = `(() => {
			const links = [...document.querySelectorAll(".main-nav a")];
			return {button: document.querySelector(".menu > summary").checkVisibility(), links: links.length,
				shown: links.filter((a) => a.checkVisibility() && a.getBoundingClientRect().height >= 24).length};
		})()`
		b.do("turn scripts off on a phone", scripts(false), chromedp.EmulateViewport(phoneWidth, phoneHeight))
		defer b.do("turn scripts on", scripts(true))
		b.open(p.Path)
		closed := eval[menu](b, menuJS)
		if !closed.Button || closed.Links == 0 || closed.Shown != 0 {
			t.Errorf("%s on a phone: the button shows: %v, %d of %d links show before it is pressed", p.Path, closed.Button, closed.Shown, closed.Links)
		}
		b.do("press Menu", chromedp.Click(chromedp.CSS(".menu > summary")))
		if open := eval[menu](b, menuJS); open.Shown != open.Links {
			t.Errorf("%s on a phone: %d of %d links show once Menu is pressed", p.Path, open.Shown, open.Links)
		}
		b.do("set a desktop's viewport", chromedp.EmulateViewport(1280, 800))
		b.open(p.Path)
		if wide := eval[menu](b, menuJS); wide.Button || wide.Shown != wide.Links {
			t.Errorf("%s on a desktop: the button shows: %v, %d of %d links show", p.Path, wide.Button, wide.Shown, wide.Links)
		}
	})
}
