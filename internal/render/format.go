package render

import (
	"fmt"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/site"
)

// Fmt writes values in the language of a page, with the theme's
// interface strings of that language: layouts reach it as .Fmt
//
//	{{ .Fmt.T "opening_hours" }}  {{ .Fmt.Num .Population }}  {{ .Fmt.Date .Page.Date }}
//
// One Fmt serves every page of a language in a render; it is safe for
// concurrent use.
type Fmt struct {
	lang site.Lang
	cat  *i18n.Catalog
	cats map[string]*i18n.Catalog
}

// newFmts returns a Fmt for each language of cats.
func newFmts(langs []site.Lang, cats map[string]*i18n.Catalog) map[string]*Fmt {
	fmts := make(map[string]*Fmt, len(langs))
	for _, l := range langs {
		fmts[l.Code] = &Fmt{lang: l, cat: cats[l.Code], cats: cats}
	}
	return fmts
}

// T returns the interface string key, with args as name/value pairs.
// Hyphens in key read as underscores, so that a key can be built from a
// value such as a status: (print "project_status_" .Status).
func (f *Fmt) T(key string, args ...any) (string, error) { return f.cat.T(msgKey(key), args...) }

// N returns the plural form of key for n.
func (f *Fmt) N(key string, n int, args ...any) (string, error) {
	return f.cat.N(msgKey(key), n, args...)
}

func msgKey(key string) string { return strings.ReplaceAll(key, "-", "_") }

// TL returns the interface string key in the language lang (for pages
// that speak every language, such as the 404 page).
func (f *Fmt) TL(lang, key string, args ...any) (string, error) {
	cat, ok := f.cats[lang]
	if !ok {
		return "", fmt.Errorf("no interface strings for language %q", lang)
	}
	return cat.T(msgKey(key), args...)
}

// Label writes text as the label of a value that follows it: "Horaires :"
// in French, with the language's "label" message.
func (f *Fmt) Label(text string) string {
	s, err := f.cat.T("label", "label", text)
	if err != nil {
		return text
	}
	return s
}

// Num formats an integer for the language.
func (f *Fmt) Num(n int) string { return f.cat.FormatInt(n) }

// Date formats a date for the language ("7 يوليوز 2015").
func (f *Fmt) Date(d site.Date) string { return f.cat.FormatDate(d.Time) }

// DateTime formats a date and its time of day, or the date alone when it
// has none.
func (f *Fmt) DateTime(d site.Date) string {
	if !d.HasClock() {
		return f.cat.FormatDate(d.Time)
	}
	return f.cat.FormatDateTime(d.Time)
}

// ISO formats a date as a machine-readable value for <time datetime>.
func (f *Fmt) ISO(d site.Date) string {
	if d.HasClock() {
		return d.Format("2006-01-02T15:04")
	}
	return d.Format(time.DateOnly)
}

// Text returns t in the language, "" when it is not written there
// (missing in it and in every fallback language, or still TODO: see
// site.Text.Written).
func (f *Fmt) Text(t site.Text) string { return t.Written(f.lang.Code) }

// FileSize formats a size in bytes for the language ("12,5 kB"), or ""
// for no size.
func (f *Fmt) FileSize(n int64) string {
	switch {
	case n <= 0:
		return ""
	case n < 1<<20:
		s, _ := f.cat.T("size_kb", "n", f.cat.FormatDecimal(float64(n)/1024, 1))
		return s
	}
	s, _ := f.cat.T("size_mb", "n", f.cat.FormatDecimal(float64(n)/(1<<20), 1))
	return s
}

// Percent formats part/whole as a whole percentage ("45 %"), or "" when
// whole is zero.
func (f *Fmt) Percent(part, whole int) string {
	if whole == 0 {
		return ""
	}
	return f.percent((part*100 + whole/2) / whole)
}

// percent writes n, a percentage, as the language does ("45 %").
func (f *Fmt) percent(n int) string {
	s, _ := f.cat.T("percent", "n", n)
	return s
}
