package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// keyboardSetupJS lists the controls that Tab must reach (links, summaries,
// form fields, buttons and boxes with tabindex="0" that are shown), keeps
// the look of each without the focus, and from then on logs each element
// that takes the focus in window.__tadaforFocusLog, as focusedJS
// describes it. It returns the controls' descriptions and the elements
// that stay in place while the page scrolls (position fixed or sticky),
// which could hide the focused control.
const keyboardSetupJS = `(() => {
	const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "") +
		" " + JSON.stringify((e.textContent || "").trim().replace(/\s+/g, " ").slice(0, 30));
	const look = (e) => {
		const s = getComputedStyle(e);
		return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color].join(" | ");
	};
	// checkVisibility leaves out the content of a closed <details> (the
	// menu on a phone), which still has boxes.
	const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility === "visible" && e.checkVisibility();
	const controls = [...document.querySelectorAll(
		'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), ' +
		'textarea:not([disabled]), details > summary:first-of-type, [tabindex]:not([tabindex="-1"])')].filter(shown);
	const unfocused = new Map(controls.map((e) => [e, look(e)]));
	window.__tadaforFocused = (e) => {
		if (!e || e === document.body) return {index: -1, name: "body"};
		// The browser scrolls the focused element into view after this
		// event: do it now to measure where it will be.
		e.scrollIntoView({block: "nearest", inline: "nearest"});
		const s = getComputedStyle(e), r = e.getBoundingClientRect();
		const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
		const ring = s.boxShadow !== "none";
		const cx = Math.min(Math.max((r.left + r.right) / 2, 0), innerWidth - 1);
		const cy = Math.min(Math.max((r.top + r.bottom) / 2, 0), innerHeight - 1);
		const hit = document.elementFromPoint(cx, cy);
		return {
			index: controls.indexOf(e),
			name: name(e),
			visible: (outline || ring) && look(e) !== unfocused.get(e),
			look: look(e),
			unfocused: unfocused.get(e) || "",
			inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
			covered: !!hit && hit !== e && !e.contains(hit) && !hit.contains(e) ? name(hit) : "",
		};
	};
	window.__tadaforFocusLog = [];
	document.addEventListener("focusin", (ev) => __tadaforFocusLog.push(__tadaforFocused(ev.target)));
	const pinned = [...document.querySelectorAll("*")].filter((e) => {
		const p = getComputedStyle(e).position;
		return p === "fixed" || p === "sticky";
	}).map(name);
	return {controls: controls.map(name), pinned};
})()`

// focused describes an element that had the focus, from focusedJS.
type focused struct {
	Index     int    `json:"index"` // in keyboardSetupJS's controls, -1 for none
	Name      string `json:"name"`
	Visible   bool   `json:"visible"`
	Look      string `json:"look"`
	Unfocused string `json:"unfocused"`
	InView    bool   `json:"inView"`
	Covered   string `json:"covered"` // the element drawn over it, if any
}

// focusedJS describes the element that has the focus now.
const focusedJS = `window.__tadaforFocused(document.activeElement)`

// TestKeyboardReachesEverything goes through a page of every kind with the
// keyboard only, on a phone: Tab reaches every control once, in turn, each
// with a visible focus indicator, in view and covered by nothing (no part
// of the page stays in place while it scrolls); the skip link comes first
// and takes the focus to the main content.
func TestKeyboardReachesEverything(t *testing.T) {
	t.Parallel()
	forEachPage(t, allPages(t), func(t *testing.T, b *tab, p webPage) {
		b.do("set the viewport", chromedp.EmulateViewport(320, 640))
		b.open(p.Path)
		setup := eval[struct {
			Controls []string `json:"controls"`
			Pinned   []string `json:"pinned"`
		}](b, keyboardSetupJS)
		if len(setup.Pinned) > 0 {
			t.Errorf("%s: elements stay in place while the page scrolls (position fixed or sticky) and could hide the focus: %s",
				p.Path, strings.Join(setup.Pinned, ", "))
		}

		// One Tab per control and one more, which leaves the page.
		for range len(setup.Controls) + 1 {
			b.do("press Tab", chromedp.KeyEvent(kb.Tab))
		}
		reached := make([]bool, len(setup.Controls))
		var order []int
		for _, f := range eval[[]focused](b, `__tadaforFocusLog`) {
			if f.Index < 0 {
				t.Errorf("%s: Tab reached %s, which is not in the list of controls", p.Path, f.Name)
				continue
			}
			if reached[f.Index] {
				break // round the page again
			}
			reached[f.Index] = true
			order = append(order, f.Index)
			switch {
			case !f.Visible:
				t.Errorf("%s: %s has no visible focus indicator: focused %q, unfocused %q", p.Path, f.Name, f.Look, f.Unfocused)
			case !f.InView:
				t.Errorf("%s: the focused %s is out of view", p.Path, f.Name)
			case f.Covered != "":
				t.Errorf("%s: the focused %s is under %s", p.Path, f.Name, f.Covered)
			}
		}
		for i, ok := range reached {
			if !ok {
				t.Errorf("%s: Tab never reaches %s", p.Path, setup.Controls[i])
			}
		}
		for i := 1; i < len(order); i++ {
			if order[i] < order[i-1] {
				t.Errorf("%s: Tab goes from %s back to %s: the focus order is not the reading order",
					p.Path, setup.Controls[order[i-1]], setup.Controls[order[i]])
				break
			}
		}
		if len(order) == 0 || !strings.HasPrefix(setup.Controls[order[0]], "a.skip-link") {
			t.Fatalf("%s: the first Tab does not reach the skip link (a.skip-link)", p.Path)
		}
		if active := eval[focused](b, focusedJS); active.Index >= 0 {
			t.Errorf("%s: after a Tab on every control the focus is still on %s", p.Path, active.Name)
		}
		checkSkipLink(t, b, p)
	})
}

// checkSkipLink starts a new round of Tab from the top of the page: the
// skip link takes the focus, shows in view, and Enter moves the focus to
// <main>, from where the next Tab reaches the first control of the main
// content.
func checkSkipLink(t *testing.T, b *tab, p webPage) {
	t.Helper()
	b.do("start over", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur(), scrollTo(0, 0)`))
	b.do("press Tab", chromedp.KeyEvent(kb.Tab))
	if f := eval[focused](b, focusedJS); !strings.HasPrefix(f.Name, "a.skip-link") || !f.InView || !f.Visible {
		t.Fatalf("%s: the first Tab focuses %s (in view: %v, visible focus: %v), want the skip link in view", p.Path, f.Name, f.InView, f.Visible)
	}
	b.do("press Enter", chromedp.KeyEvent(kb.Enter))
	if _, err := chromedp.Run(b.ctx, chromedp.Poll[bool](`document.activeElement.matches("main#main")`,
		chromedp.WithPollingTimeout(timeout))); err != nil {
		t.Fatalf("%s: after Enter on the skip link the focus is on %s, want main#main (%v)",
			p.Path, eval[focused](b, focusedJS).Name, err)
	}
	b.do("press Tab", chromedp.KeyEvent(kb.Tab))
	inMain := eval[bool](b, `(() => {
		const main = document.querySelector("main"), e = document.activeElement;
		const first = [...main.querySelectorAll("a[href], summary, button, input, select, textarea, [tabindex='0']")]
			.find((c) => c.getClientRects().length > 0);
		return first ? e === first : !main.contains(e);
	})()`)
	if !inMain {
		t.Errorf("%s: Tab after the skip link focuses %s, not the first control of the main content", p.Path, eval[focused](b, focusedJS).Name)
	}
}

// smallTargetsJS lists the links, buttons and summaries smaller than
// 24×24 CSS pixels, leaving out the links inside a sentence (WCAG 2.5.8's
// inline exception): an inline link whose block holds other text.
const smallTargetsJS = `(() => {
	const norm = (s) => (s || "").replace(/\s+/g, " ").trim();
	const inSentence = (e) => {
		if (e.tagName !== "A" || getComputedStyle(e).display !== "inline") return false;
		let block = e.parentElement;
		while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
		return norm(block.textContent).length > norm(e.textContent).length;
	};
	const out = [];
	for (const e of document.querySelectorAll("a[href], button, summary, input, select")) {
		if (e.getClientRects().length === 0 || !e.checkVisibility() || inSentence(e)) continue;
		const r = e.getBoundingClientRect();
		if (r.width < 24 || r.height < 24) {
			const path = [];
			for (let a = e; a && a !== document.body; a = a.parentElement) {
				path.unshift(a.tagName.toLowerCase() + (typeof a.className === "string" && a.className ? "." + a.className.split(/\s+/)[0] : ""));
			}
			out.push(path.join(" > ") + " " + JSON.stringify(norm(e.textContent).slice(0, 30)) +
				" is " + r.width.toFixed(1) + "×" + r.height.toFixed(1) + " px");
		}
	}
	return out;
})()`

// TestTouchTargetsAreLargeEnough checks, on a phone, that every link,
// button and summary outside a sentence is at least 24×24 CSS pixels
// (WCAG 2.2, 2.5.8).
func TestTouchTargetsAreLargeEnough(t *testing.T) {
	t.Parallel()
	forEachPage(t, allPages(t), func(t *testing.T, b *tab, p webPage) {
		b.do("set the viewport", chromedp.EmulateViewport(320, 640))
		b.open(p.Path)
		for _, small := range eval[[]string](b, smallTargetsJS) {
			t.Errorf("%s: %s", p.Path, small)
		}
	})
}
