package chart

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// canvas collects the elements of one chart. Coordinates are given as if
// the chart were left-to-right; rect and text mirror them when rtl.
type canvas struct {
	id, lang, title, desc string
	rtl                   bool
	defs                  string
	body                  strings.Builder
}

// newCanvas starts a chart with the options' identity and direction.
func newCanvas(o Options) *canvas {
	return &canvas{
		id:    cleanID(o.ID),
		lang:  o.Lang,
		title: o.Title,
		desc:  o.Desc,
		rtl:   o.Dir == "rtl",
	}
}

// sep separates the items of a generated description.
func (c *canvas) sep() string {
	if c.rtl {
		return "؛ "
	}
	return "; "
}

// rect draws a rectangle of class cls; extra holds further attributes.
func (c *canvas) rect(cls string, x, y, w, h float64, extra string) {
	if c.rtl {
		x = Width - x - w
	}
	c.body.WriteString(`<rect class="` + cls + `" x="` + num(x) + `" y="` + num(y) + `" width="` + num(w) + `" height="` + num(h) + `"`)
	if extra != "" {
		c.body.WriteString(" " + extra)
	}
	c.body.WriteString("/>\n")
}

// text writes s at x (the inline start of the text) on baseline y. With
// the root's direction, text-anchor="start" puts the text's right edge at
// x in right-to-left charts and its left edge at x otherwise.
func (c *canvas) text(cls string, x, y float64, s string, bold bool) {
	if c.rtl {
		x = Width - x
	}
	c.body.WriteString(`<text class="` + cls + `" x="` + num(x) + `" y="` + num(y) + `" text-anchor="start"`)
	if bold {
		c.body.WriteString(` font-weight="700"`)
	}
	c.body.WriteString(">" + escape(s) + "</text>\n")
}

// svg returns the finished chart, height user units high.
func (c *canvas) svg(height float64) template.HTML {
	var b strings.Builder
	dir := "ltr"
	if c.rtl {
		dir = "rtl"
	}
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img"`)
	b.WriteString(` aria-labelledby="` + c.id + `-title ` + c.id + `-desc"`)
	b.WriteString(` viewBox="0 0 ` + strconv.Itoa(Width) + " " + num(height) + `" width="100%"`)
	b.WriteString(` direction="` + dir + `" font-size="` + strconv.Itoa(FontSize) + `"`)
	if c.lang != "" {
		b.WriteString(` lang="` + escape(c.lang) + `"`)
	}
	b.WriteString(">\n")
	b.WriteString(`<title id="` + c.id + `-title">` + escape(c.title) + "</title>\n")
	b.WriteString(`<desc id="` + c.id + `-desc">` + escape(c.desc) + "</desc>\n")
	b.WriteString(c.defs)
	b.WriteString(c.body.String())
	b.WriteString("</svg>")
	return template.HTML(b.String()) // every piece of user text went through escape
}

// num formats a coordinate with at most two decimals and no trailing
// zeros, so that output is short and the same on every platform.
func num(f float64) string {
	f = math.Round(f*100) / 100
	if f == 0 {
		f = 0 // no "-0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// cleanID keeps ASCII letters, digits, '-' and '_' of id, replacing any
// other character by '-'; "" becomes "chart".
func cleanID(id string) string {
	if id == "" {
		return "chart"
	}
	out := make([]byte, 0, len(id))
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			out = append(out, byte(r))
		default:
			out = append(out, '-')
		}
	}
	return string(out)
}

// escape makes s safe as XML and HTML character data or attribute value:
// it escapes the five markup characters, turns line breaks and tabs into
// spaces, drops other characters XML forbids, and replaces invalid UTF-8
// by U+FFFD.
func escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				b.WriteRune('\uFFFD')
				continue
			}
			b.WriteRune(r)
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&#34;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20, r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			// not allowed in XML
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
