package e2e

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/css"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// pair is one page of a commune in Arabic and the same page in French.
type pair struct{ ar, fr webPage }

// pairsOf returns, for every commune, its pages of the kind in Arabic and
// in French.
func pairsOf(t *testing.T, kind string) []pair {
	t.Helper()
	byCommune := map[string]*pair{}
	var order []string
	for _, p := range pagesOf(t, kind) {
		if byCommune[p.Commune] == nil {
			byCommune[p.Commune] = &pair{}
			order = append(order, p.Commune)
		}
		switch p.Lang {
		case "ar":
			byCommune[p.Commune].ar = p
		case "fr":
			byCommune[p.Commune].fr = p
		}
	}
	var out []pair
	for _, c := range order {
		if pr := byCommune[c]; pr.ar.Path != "" && pr.fr.Path != "" {
			out = append(out, *pr)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no commune has a page of kind %q in both Arabic and French", kind)
	}
	return out
}

// rowsJS returns the boxes of the elements that match the selector and
// sit on the same line as the first of them.
const rowsJS = `((sel) => {
	const boxes = [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
	if (boxes.length === 0) throw new Error("nothing matches " + sel);
	return boxes.filter((r) => Math.abs(r.top - boxes[0].top) < 2)
		.map((r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom}));
})`

// inOrder reports whether the boxes follow one another from the right
// (rtl) or from the left.
func inOrder(boxes []rect, rtl bool) bool {
	for i := 1; i < len(boxes); i++ {
		if rtl && boxes[i].Right > boxes[i-1].Left+1 || !rtl && boxes[i].Left < boxes[i-1].Right-1 {
			return false
		}
	}
	return true
}

// startGapJS returns, in page coordinates, the box between the start edge
// of the element that matches the selector (the right edge in Arabic) and
// the start of its content: where a list marker, a ::before icon or a
// summary's triangle is drawn.
const startGapJS = `((sel) => {
	const e = document.querySelector(sel);
	if (!e) throw new Error("nothing matches " + sel);
	const r = e.getBoundingClientRect(), range = document.createRange();
	range.selectNodeContents(e);
	const c = range.getClientRects()[0];
	const rtl = getComputedStyle(e).direction === "rtl";
	const left = rtl ? c.right : r.left, right = rtl ? r.right : c.left;
	return {left: left + scrollX, top: r.top + scrollY, right: right + scrollX, bottom: r.bottom + scrollY};
})`

// boxJS returns the page-coordinates box of the element that matches the
// selector.
const boxJS = `((sel) => {
	const e = document.querySelector(sel);
	if (!e) throw new Error("nothing matches " + sel);
	const r = e.getBoundingClientRect();
	return {left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY};
})`

// shot returns the picture of the box r of the page (page coordinates),
// drawn four times larger.
func shot(b *tab, r rect) image.Image {
	b.t.Helper()
	data, err := chromedp.Run(b.ctx, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Clip:                  &page.Viewport{X: r.Left, Y: r.Top, Width: r.Right - r.Left, Height: r.Bottom - r.Top, Scale: 4},
			CaptureBeyondViewport: new(true),
		})
		return res.Data, err
	})
	if err != nil {
		b.t.Fatalf("screenshot of %+v: %v", r, err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		b.t.Fatalf("decode the screenshot: %v", err)
	}
	return img
}

// pointing tells which way the shape drawn in dark pixels on a light
// background points: a chevron or a triangle has its tip on the side
// where its middle rows lean. It returns +1 for right, -1 for left and 0
// when there is no shape or it leans neither way.
func pointing(img image.Image) int {
	b := img.Bounds()
	dark := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		return r>>8 < 0xa0 && g>>8 < 0xa0 && bl>>8 < 0xa0
	}
	top, bottom := b.Max.Y, b.Min.Y
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if dark(x, y) {
				top, bottom = min(top, y), max(bottom, y)
			}
		}
	}
	if bottom-top < 4 {
		return 0
	}
	third := (bottom - top) / 3
	var mid, outer struct{ sum, n float64 }
	for y := top; y <= bottom; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if !dark(x, y) {
				continue
			}
			if y > top+third && y < bottom-third {
				mid.sum, mid.n = mid.sum+float64(x), mid.n+1
			} else {
				outer.sum, outer.n = outer.sum+float64(x), outer.n+1
			}
		}
	}
	if mid.n == 0 || outer.n == 0 {
		return 0
	}
	switch d := mid.sum/mid.n - outer.sum/outer.n; {
	case d > 1:
		return 1
	case d < -1:
		return -1
	}
	return 0
}

// brandSide tells where, across the picture, the pixels of the theme's
// brand colour (#0b5d3b) lie: their mean position from 0 (left edge) to 1
// (right edge), or -1 when there are none.
func brandSide(img image.Image) float64 {
	b := img.Bounds()
	var sum, n float64
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, 0x0b) && near(g>>8, 0x5d) && near(bl>>8, 0x3b) {
				sum, n = sum+float64(x-b.Min.X), n+1
			}
		}
	}
	if n == 0 {
		return -1
	}
	return sum / n / float64(b.Dx())
}

// near tells whether the colour component v is within 12 of want.
func near(v, want uint32) bool { return v+12 >= want && v <= want+12 }

// TestArabicMirrorsTheLayout compares the Arabic and French pages of each
// commune on a desktop: in Arabic the menu and the breadcrumbs start at
// the right and run leftwards, the breadcrumbs' separators and the
// triangle of a disclosure point left, and the numbers of a procedure's
// steps stand at the right; in French all of it is the other way round.
func TestArabicMirrorsTheLayout(t *testing.T) {
	t.Parallel()
	needBrowser(t)
	type check struct {
		kind string
		run  func(t *testing.T, b *tab, p webPage, rtl bool)
	}
	dir := func(rtl bool) (string, int) {
		if rtl {
			return "right to left", -1
		}
		return "left to right", 1
	}
	checks := []check{
		{"home", func(t *testing.T, b *tab, p webPage, rtl bool) {
			name, _ := dir(rtl)
			items := eval[[]rect](b, rowsJS+`(".main-nav li")`)
			ul := eval[rect](b, boxJS+`(".main-nav ul")`)
			if len(items) < 3 || !inOrder(items, rtl) {
				t.Errorf("%s: the menu's items do not run %s: %+v", p.Path, name, items)
			}
			if first := items[0]; rtl && ul.Right-first.Right > 16 || !rtl && first.Left-ul.Left > 16 {
				t.Errorf("%s: the menu does not start at the %s edge: first item %+v in %+v", p.Path, map[bool]string{true: "right", false: "left"}[rtl], first, ul)
			}
		}},
		{"guide", func(t *testing.T, b *tab, p webPage, rtl bool) {
			name, way := dir(rtl)
			if crumbs := eval[[]rect](b, rowsJS+`(".breadcrumbs li")`); len(crumbs) < 2 || !inOrder(crumbs, rtl) {
				t.Errorf("%s: the breadcrumbs do not run %s: %+v", p.Path, name, crumbs)
			}
			if got := pointing(shot(b, eval[rect](b, startGapJS+`(".breadcrumbs li + li")`))); got != way {
				t.Errorf("%s: the breadcrumbs' separator points %s, want %s (towards the next crumb)", p.Path, side(got), side(way))
			}
		}},
		{"procedure", func(t *testing.T, b *tab, p webPage, rtl bool) {
			at := brandSide(shot(b, eval[rect](b, boxJS+`(".steps > li")`)))
			if at < 0 || rtl && at < 0.8 || !rtl && at > 0.2 {
				t.Errorf("%s: the number of the first step is drawn at %.2f of the step's width (0 left, 1 right, -1 nowhere)", p.Path, at)
			}
		}},
		{"results", func(t *testing.T, b *tab, p webPage, rtl bool) {
			_, way := dir(rtl)
			if got := pointing(shot(b, eval[rect](b, startGapJS+`("details.chart-data > summary")`))); got != way {
				t.Errorf("%s: the closed disclosure's triangle points %s, want %s (the reading direction)", p.Path, side(got), side(way))
			}
		}},
	}
	for _, c := range checks {
		for _, pr := range pairsOf(t, c.kind) {
			t.Run(pr.ar.Commune+"/"+c.kind, func(t *testing.T) {
				t.Parallel()
				b := newTab(t)
				b.do("set the viewport", chromedp.EmulateViewport(1280, 800))
				for _, p := range []webPage{pr.ar, pr.fr} {
					b.open(p.Path)
					c.run(t, b, p, p.Lang == "ar")
				}
			})
		}
	}
}

// side names the direction that pointing returns.
func side(way int) string {
	switch way {
	case 1:
		return "right"
	case -1:
		return "left"
	}
	return "neither way"
}

// latinRun is a phone number, a law number or an e-mail address found in
// an Arabic page, with its parts in the order the eye meets them from left
// to right.
type latinRun struct {
	Kind  string   `json:"kind"`
	Text  string   `json:"text"`
	Shown []string `json:"shown"`
	Where string   `json:"where"` // the element that holds it
}

// latinRunsJS finds the phone numbers, law numbers and e-mail addresses in
// the page's text and returns, for each on a single line, its parts sorted
// by their position on screen (Range.getClientRects).
const latinRunsJS = `(() => {
	const patterns = [
		["phone", /\b0\d(?: \d\d){4}\b/g, /\d+/g],
		["law", /\b\d\.\d\d\.\d{3}\b/g, /\d+/g],
		["email", /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, /[\w+-]+/g],
	];
	const out = [];
	const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		if (n.parentElement.closest("script, .visually-hidden")) continue;
		for (const [kind, whole, part] of patterns) {
			for (const m of n.data.matchAll(whole)) {
				const parts = [];
				for (const p of m[0].matchAll(part)) {
					const r = document.createRange();
					r.setStart(n, m.index + p.index);
					r.setEnd(n, m.index + p.index + p[0].length);
					const box = r.getClientRects()[0];
					if (box) parts.push({text: p[0], left: box.left, top: box.top});
				}
				if (parts.length === 0 || parts.some((p) => Math.abs(p.top - parts[0].top) > 2)) continue; // wrapped
				parts.sort((a, b) => a.left - b.left);
				const e = n.parentElement;
				out.push({kind, text: m[0], shown: parts.map((p) => p.text),
					where: e.tagName.toLowerCase() + (e.getAttribute("dir") ? "[dir=" + e.getAttribute("dir") + "]" : "")});
			}
		}
	}
	return out;
})()`

// TestArabicKeepsLatinRunsInOrder looks, in every Arabic page, at the
// phone numbers, law numbers and e-mail addresses inside the Arabic text:
// on screen their parts read left to right in their written order (05 36
// 00 00 01, 2.16.403, contact@commune.example), not reversed by the
// right-to-left paragraph around them.
func TestArabicKeepsLatinRunsInOrder(t *testing.T) {
	t.Parallel()
	var arabic []webPage
	for _, p := range allPages(t) {
		if p.Lang == "ar" {
			arabic = append(arabic, p)
		}
	}
	// Where each kind must be found, so that the test cannot pass on
	// pages that have none.
	want := map[string][]string{"contact": {"phone", "email"}, "guide": {"law"}}
	forEachPage(t, arabic, func(t *testing.T, b *tab, p webPage) {
		b.do("set the viewport", chromedp.EmulateViewport(1280, 800))
		b.open(p.Path)
		found := map[string]bool{}
		for _, run := range eval[[]latinRun](b, latinRunsJS) {
			found[run.Kind] = true
			written := splitRun(run)
			if strings.Join(run.Shown, " ") != strings.Join(written, " ") {
				t.Errorf("%s: the %s %q in %s shows as %q from left to right, want %q",
					p.Path, run.Kind, run.Text, run.Where, run.Shown, written)
			}
		}
		for _, kind := range want[p.Kind] {
			if !found[kind] {
				t.Errorf("%s: no %s on one line of the page to check", p.Path, kind)
			}
		}
	})
}

// splitRun returns the parts of the run in written order, as latinRunsJS
// cuts them.
func splitRun(r latinRun) []string {
	return strings.FieldsFunc(r.Text, func(c rune) bool {
		switch r.Kind {
		case "email":
			return c == '@' || c == '.'
		}
		return c < '0' || c > '9'
	})
}

// arabicFont is what TestArabicTextIsLegible learns of a paragraph.
type arabicFont struct {
	Text       string  `json:"text"`
	Lang       string  `json:"lang"`
	FontSize   float64 `json:"fontSize"`
	LineHeight float64 `json:"lineHeight"`
	Family     string  `json:"family"`
}

// TestArabicTextIsLegible measures the body text of Arabic pages on a
// phone: at least 16 px, lines at least 1.6 times as tall, and drawn
// mostly with an Arabic typeface (as CSS.getPlatformFontsForNode reports
// the fonts Chromium used; Debian's fonts-noto-core provides Noto Naskh
// Arabic).
func TestArabicTextIsLegible(t *testing.T) {
	t.Parallel()
	var pages []webPage
	for _, p := range pagesOf(t, "home", "guide", "procedure", "contact", "session") {
		if p.Lang == "ar" {
			pages = append(pages, p)
		}
	}
	forEachPage(t, pages, func(t *testing.T, b *tab, p webPage) {
		b.do("set the viewport", chromedp.EmulateViewport(320, 640))
		b.open(p.Path)
		const sel = "main p:not(.kind-label):not(.meta)"
		got := eval[arabicFont](b, `((sel) => {
			const e = [...document.querySelectorAll(sel)].find((p) => /[\u0600-\u06FF]{3}/.test(p.textContent));
			if (!e) throw new Error("no paragraph in Arabic");
			e.setAttribute("data-measured", "");
			const s = getComputedStyle(e);
			return {text: e.textContent.slice(0, 40), lang: e.closest("[lang]").lang,
				fontSize: parseFloat(s.fontSize), lineHeight: parseFloat(s.lineHeight), family: s.fontFamily};
		})(`+"`"+sel+"`"+`)`)
		if got.Lang != "ar" {
			t.Errorf("%s: the paragraph %q is in language %q, want ar", p.Path, got.Text, got.Lang)
		}
		if got.FontSize < 16 {
			t.Errorf("%s: Arabic body text is %.1f px, want at least 16", p.Path, got.FontSize)
		}
		if got.LineHeight < 1.6*got.FontSize {
			t.Errorf("%s: Arabic lines are %.1f px for %.1f px text (%.2f), want at least 1.6 times",
				p.Path, got.LineHeight, got.FontSize, got.LineHeight/got.FontSize)
		}
		fonts, err := chromedp.Run(b.ctx, func(ctx context.Context, tg *chromedp.Target) ([]*css.PlatformFontUsage, error) {
			ids, err := chromedp.QueryNodeIDs(chromedp.CSS("[data-measured]"))(ctx, tg)
			if err != nil {
				return nil, err
			}
			if _, err := cdp.Call(ctx, tg, css.Enable, cdp.Empty{}); err != nil {
				return nil, err
			}
			res, err := cdp.Call(ctx, tg, css.GetPlatformFontsForNode, css.GetPlatformFontsForNodeParams{NodeID: ids[0]})
			return res.Fonts, err
		})
		if err != nil {
			t.Fatalf("fonts used: %v", err)
		}
		var used []string
		var best *css.PlatformFontUsage
		for _, f := range fonts {
			used = append(used, fmt.Sprintf("%s (%g glyphs)", f.FamilyName, f.GlyphCount))
			if best == nil || f.GlyphCount > best.GlyphCount {
				best = f
			}
		}
		if best == nil || !isArabicFont(best.FamilyName) {
			t.Errorf("%s: the paragraph %q is drawn with %s, want an Arabic typeface first (font-family: %s)",
				p.Path, got.Text, strings.Join(used, ", "), got.Family)
		}
		t.Logf("%s: %.0f px on %.1f px lines, fonts used: %s", p.Path, got.FontSize, got.LineHeight, strings.Join(used, ", "))
	})
}

// isArabicFont tells whether the family is a typeface made for Arabic.
func isArabicFont(family string) bool {
	for _, name := range []string{"Arabic", "Naskh", "Kufi", "Amiri", "Scheherazade", "Geeza", "Lateef"} {
		if strings.Contains(family, name) {
			return true
		}
	}
	return false
}
