package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// widths are the viewport widths every page is laid out at: a small
// phone, a tablet and a desktop.
var widths = []int64{320, 768, 1280}

// clipping lists what a reader cannot see or reach on the page: boxes
// that hide part of their content (overflow hidden or clip, or text cut
// with an ellipsis), and boxes that scroll but cannot take the keyboard
// focus or have no name to announce. Visually hidden text, which is
// meant to be clipped, is left out.
type clipping struct {
	Clipped     []string `json:"clipped"`
	Unreachable []string `json:"unreachable"`
	Tables      []string `json:"tables"`
}

const clippingJS = `(() => {
	const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
	const text = (e) => JSON.stringify((e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40));
	const out = {clipped: [], unreachable: [], tables: []};
	for (const e of document.body.querySelectorAll("*")) {
		if (e.closest(".visually-hidden") || e.closest("svg")) continue;
		const s = getComputedStyle(e);
		if (s.display === "none") continue;
		const hides = (v) => v === "hidden" || v === "clip";
		const scrolls = (v) => v === "auto" || v === "scroll";
		const wide = e.scrollWidth > e.clientWidth + 1, tall = e.scrollHeight > e.clientHeight + 1;
		if ((hides(s.overflowX) && wide) || (hides(s.overflowY) && tall) ||
			(s.textOverflow === "ellipsis" && wide)) {
			out.clipped.push(name(e) + " shows " + e.clientWidth + "×" + e.clientHeight + " of " +
				e.scrollWidth + "×" + e.scrollHeight + " px " + text(e));
		}
		if ((scrolls(s.overflowX) && wide) || (scrolls(s.overflowY) && tall)) {
			const label = e.getAttribute("aria-label") || e.getAttribute("aria-labelledby") || "";
			if (e.tabIndex < 0 || e.getAttribute("role") !== "region" || !label.trim()) {
				out.unreachable.push(name(e) + " scrolls but has tabindex=" + e.getAttribute("tabindex") +
					" role=" + e.getAttribute("role") + " name=" + JSON.stringify(label) + " " + text(e));
			}
		}
	}
	// A table of records sits in a frame that scrolls; any other table fits
	// the column it is in.
	for (const t of document.querySelectorAll("main table")) {
		const wrap = t.parentElement;
		if (wrap.classList.contains("table-wrap")) {
			if (getComputedStyle(wrap).overflowX !== "auto" || wrap.getAttribute("tabindex") !== "0" ||
				wrap.getAttribute("role") !== "region" || !(wrap.getAttribute("aria-label") || "").trim()) {
				out.tables.push("the frame of " + text(t) + " is not a named, focusable region that scrolls: " + wrap.outerHTML.slice(0, 160));
			}
			continue;
		}
		const r = t.getBoundingClientRect(), c = wrap.getBoundingClientRect();
		if (r.left < c.left - 1 || r.right > c.right + 1) {
			out.tables.push("table " + text(t) + " is " + Math.round(r.width) + " px wide in a column of " + Math.round(c.width) + " px");
		}
	}
	return out;
})()`

// TestLayoutFitsEveryWidth lays out a page of every kind at each of
// widths: the page never scrolls sideways, nothing is clipped, a box that
// scrolls can be reached with the keyboard, and the tables of records
// scroll inside their own frame.
func TestLayoutFitsEveryWidth(t *testing.T) {
	t.Parallel()
	forEachPage(t, allPages(t), func(t *testing.T, b *tab, p webPage) {
		for i, width := range widths {
			// Not a mobile emulation: a mobile viewport widens itself to
			// fit content that overflows, which would hide the fault.
			b.do("set the viewport", chromedp.EmulateViewport(width, 800))
			if i == 0 {
				b.open(p.Path)
			}
			o := eval[overflow](b, overflowJS)
			if o.ScrollWidth > o.ClientWidth {
				t.Errorf("%s scrolls sideways at %d px: the page is %d px wide; widest elements out of view:\n\t%s",
					p.Path, width, o.ScrollWidth, strings.Join(o.Widest, "\n\t"))
			}
			c := eval[clipping](b, clippingJS)
			for _, what := range c.Clipped {
				t.Errorf("%s at %d px: clipped: %s", p.Path, width, what)
			}
			for _, what := range c.Unreachable {
				t.Errorf("%s at %d px: out of the keyboard's reach: %s", p.Path, width, what)
			}
			for _, what := range c.Tables {
				t.Errorf("%s at %d px: %s", p.Path, width, what)
			}
		}
	})
}
