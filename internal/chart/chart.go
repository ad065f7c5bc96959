// Package chart draws the small charts of the commune sites as inline SVG,
// at generation time, for html/template: no script, no image file, no
// third-party library.
//
// The charts are made to be read by everyone:
//
//   - without colour: every value is written next to its bar, bars are told
//     apart by their labels, and the two parts of a Share are told apart by
//     a hatch pattern as well as by their labels;
//   - in Arabic: with Options.Dir "rtl" every horizontal coordinate is
//     mirrored (bars start at the right and grow leftwards, labels sit on
//     the right, values at the inline end of their bars) and the text
//     carries direction="rtl" so Arabic labels mixed with numbers or Latin
//     words come out in the right order;
//   - on a phone: the SVG has a viewBox and width="100%", no pixel size,
//     and its font size in user units stays at least 12 CSS pixels when the
//     chart is drawn 288 pixels wide (a 320-pixel screen less the page's
//     margins); long labels are wrapped on several lines;
//   - with a screen reader: the SVG has role="img" and aria-labelledby
//     naming its <title> and <desc>.
//
// Colours come from the theme's stylesheet through classes (chart-bar,
// chart-track, chart-label, chart-value, chart-seg, chart-hatch-bg,
// chart-hatch-line, chart-empty), so forced-colours mode and print can
// restyle them; the few presentation attributes in the output are only
// fallbacks for a page without the stylesheet.
//
// Numbers are formatted by the caller (Bar.Display, Part.Display) so that
// Arabic and French formats come from the i18n catalogs; a chart never
// formats a number itself except as a fallback.
//
// Every chart must be followed, in the page, by a table of the same data
// (the table is written by the theme's templates, not by this package):
// the table is what a screen-reader user navigates, what a user copies,
// and what survives when SVG is not drawn. Wrap both in a <figure> whose
// <figcaption> repeats the chart's title.
//
// Output is deterministic: the same input gives the same bytes. The
// functions are pure and safe for concurrent use.
package chart

import (
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bar is one category of a horizontal bar chart.
type Bar struct {
	// Label names the category; it is user data and is escaped.
	Label string
	// Value is the bar's length; a negative value counts as 0.
	Value int
	// Display is the value as written at the end of the bar, formatted by
	// the caller for the page's language; "" writes Value in ASCII digits.
	Display string
}

// Part is one of the two parts of a Share chart.
type Part struct {
	// Label names the part, e.g. "Women"; it is escaped.
	Label string
	// Value is the part's count; a negative value counts as 0.
	Value int
	// Display is the count and percentage as written beside the part,
	// formatted by the caller (see Percents), e.g. "12 (40 %)"; ""
	// writes the count and a rounded percentage in ASCII digits.
	Display string
}

// Options are the settings common to every chart.
type Options struct {
	// Title is the chart's accessible name (its <title>); it should not be
	// empty and should repeat the figure's caption.
	Title string
	// Desc is the chart's accessible description (its <desc>); "" writes
	// every label with its displayed value.
	Desc string
	// Dir is "rtl" for right-to-left languages; anything else is "ltr".
	Dir string
	// Lang is the language of the labels, written as the lang attribute
	// when not empty.
	Lang string
	// ID is unique in the page; the ids of the title, description and
	// pattern derive from it. Characters other than ASCII letters, digits,
	// '-' and '_' are replaced by '-'; "" is "chart".
	ID string
	// Max is the value of a full-length bar in HBar, so that charts can
	// share a scale; when it is smaller than the largest value, the largest
	// value is used.
	Max int
	// Empty is the message drawn when there is nothing to chart (no bars,
	// or a Share whose parts are both zero), formatted by the caller, e.g.
	// "No petition received yet"; when "" such a chart is not drawn at all
	// and the functions return "".
	Empty string
}

// Geometry, in user units of the viewBox. The viewBox is Width wide, so a
// chart drawn 288 CSS pixels wide scales user units by 288/Width: 0.9, and
// FontSize becomes 13.5 pixels.
const (
	Width    = 320 // width of every chart's viewBox
	FontSize = 15  // size of every text, labels and values

	pad      = 2                   // outer margin
	lineH    = 19                  // distance between two lines of text
	barH     = 18                  // thickness of a bar
	labelGap = 3                   // between a label and its bar
	rowGap   = 12                  // between two rows
	valueGap = 6                   // between the end of a bar and its value
	charW    = 0.55 * FontSize     // estimated mean advance of a label's character
	digitW   = 0.62 * FontSize     // estimated advance of a bold digit or sign
	ascent   = FontSize            // from a line's top to its baseline
	midBase  = barH/2 + FontSize/3 // from a bar's top to a baseline centred on it
	shareH   = 26                  // thickness of a Share's bar
	swatch   = 16                  // side of a legend swatch
)

// HBar draws one horizontal bar per category, in the order given, each
// with its label above it and its displayed value at its end. All-zero
// data draws empty tracks with every value written; no bars draws
// o.Empty (or returns "" when o.Empty is "").
func HBar(bars []Bar, o Options) template.HTML {
	if len(bars) == 0 {
		return empty(o)
	}
	c := newCanvas(o)
	maxV := max(o.Max, 1)
	valueW := 0.0
	for _, b := range bars {
		maxV = max(maxV, b.Value)
		valueW = max(valueW, textWidth(display(b)))
	}
	trackW := Width - 2*pad - valueGap - valueW
	lineRunes := maxRunes(Width - 2*pad)

	y := float64(pad)
	for i, b := range bars {
		if i > 0 {
			y += rowGap
		}
		lines := wrap(b.Label, lineRunes)
		for k, l := range lines {
			c.text("chart-label", pad, y+ascent+float64(k*lineH), l, false)
		}
		y += float64(len(lines)*lineH + labelGap)
		w := trackW * float64(max(b.Value, 0)) / float64(maxV)
		c.rect("chart-track", pad, y, trackW, barH, `fill="none"`)
		if w > 0 {
			c.rect("chart-bar", pad, y, w, barH, "")
		}
		c.text("chart-value", pad+w+valueGap, y+midBase, display(b), true)
		y += barH
	}
	if o.Desc == "" {
		parts := make([]string, len(bars))
		for i, b := range bars {
			parts[i] = b.Label + ": " + display(b)
		}
		c.desc = strings.Join(parts, c.sep())
	}
	return c.svg(y + pad)
}

// Share draws a single bar split in two parts in proportion to their
// values, the first solid and the second hatched, then one legend line
// per part with a swatch of its fill, its label and its display. Two zero
// parts draw o.Empty (or return "" when o.Empty is "").
func Share(parts [2]Part, o Options) template.HTML {
	a, b := max(parts[0].Value, 0), max(parts[1].Value, 0)
	if a+b == 0 {
		return empty(o)
	}
	c := newCanvas(o)
	pct := Percents(a, b)
	shows := [2]string{}
	for i, p := range parts {
		shows[i] = p.Display
		if shows[i] == "" {
			shows[i] = strconv.Itoa(max(p.Value, 0)) + " (" + strconv.Itoa(pct[i]) + "%)"
		}
	}
	hatch := c.id + "-hatch"
	c.defs = `<defs><pattern id="` + hatch + `" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
		`<rect class="chart-hatch-bg" width="6" height="6" fill="#fff"/>` +
		`<path class="chart-hatch-line" d="M3 0V6" stroke="#000" stroke-width="2.5"/></pattern></defs>` + "\n"
	fills := [2]string{"", `fill="url(#` + hatch + `)"`}
	classes := [2]string{"chart-seg chart-bar", "chart-seg"}

	full := float64(Width - 2*pad)
	y := float64(pad)
	w0 := full * float64(a) / float64(a+b)
	if a > 0 {
		c.rect(classes[0], pad, y, w0, shareH, fills[0])
	}
	if b > 0 {
		c.rect(classes[1], pad+w0, y, full-w0, shareH, fills[1])
	}
	y += shareH
	textX := float64(pad + swatch + valueGap)
	lineRunes := maxRunes(Width - textX - pad)
	for i, p := range parts {
		y += rowGap
		c.rect(classes[i], pad, y+1, swatch, swatch, fills[i])
		lines := wrap(p.Label, lineRunes)
		for k, l := range lines {
			c.text("chart-label", textX, y+ascent+float64(k*lineH), l, false)
		}
		y += float64(len(lines) * lineH)
		c.text("chart-value", textX, y+ascent, shows[i], true)
		y += lineH
	}
	if o.Desc == "" {
		c.desc = parts[0].Label + ": " + shows[0] + c.sep() + parts[1].Label + ": " + shows[1]
	}
	return c.svg(y + pad)
}

// Percents returns the share of each value in their sum as whole
// percentages that add up to exactly 100 (largest remainder method, ties
// to the earlier value), or all zeros when the sum is zero. Negative
// values count as 0.
func Percents(values ...int) []int {
	out := make([]int, len(values))
	total := 0
	for _, v := range values {
		total += max(v, 0)
	}
	if total == 0 {
		return out
	}
	rem := make([]int, len(values))
	left := 100
	for i, v := range values {
		n := max(v, 0) * 100
		out[i], rem[i] = n/total, n%total
		left -= out[i]
	}
	for ; left > 0; left-- {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	return out
}

// empty draws the "no data" chart, or returns "" when o.Empty is "".
func empty(o Options) template.HTML {
	if o.Empty == "" {
		return ""
	}
	c := newCanvas(o)
	lines := wrap(o.Empty, maxRunes(Width-2*pad))
	for k, l := range lines {
		c.text("chart-empty", pad, pad+ascent+float64(k*lineH), l, false)
	}
	if o.Desc == "" {
		c.desc = o.Empty
	}
	return c.svg(float64(pad + len(lines)*lineH + pad))
}

// display is the text written at the end of a bar.
func display(b Bar) string {
	if b.Display != "" {
		return b.Display
	}
	return strconv.Itoa(max(b.Value, 0))
}

// textWidth estimates the advance of a displayed value at FontSize, in
// bold, generously so that the longest value always fits.
func textWidth(s string) float64 {
	return float64(utf8.RuneCountInString(s)) * digitW
}

// maxRunes is how many characters fit, by estimate, in width user units.
func maxRunes(width float64) int {
	return max(int(width/charW), 1)
}

// wrap breaks s into lines of at most n characters at spaces; a word
// longer than n stays whole on its own line. Line breaks and runs of
// spaces in s count as one space. It returns at least one line.
func wrap(s string, n int) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(s) {
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= n:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	return append(lines, cur)
}
