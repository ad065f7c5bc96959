package render

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
	"github.com/tadafor/tadafor/internal/typography"
)

// View is the data every layout receives. Fields that do not apply to a
// page are empty; methods give the interface strings and formats of the
// page's language. See docs/themes.md.
type View struct {
	// Title is the page title alone; SiteName the commune's (or the portal's) name.
	Title    string
	SiteName string
	// TitleSection is the title of the section the page is in when
	// another page of the site has the same title, for the document's
	// title to tell them apart; "" otherwise.
	TitleSection string
	// Description summarises the page for search engines and link
	// previews (the meta description); every page has one.
	Description string
	// Lang is the page's language; Langs every language of the site.
	Lang  site.Lang
	Langs []site.Lang
	// Layout is the page layout used, e.g. "pages/guide.html".
	Layout string
	// Commune is nil on the portal.
	Commune *site.Commune
	// Page is the content page shown, nil on generated pages.
	Page *PageView
	// Record is the record a generated page is about (a *site.Session,
	// *site.Petition, …), nil on other pages.
	Record any
	// Content is the rendered Markdown body.
	Content template.HTML
	// TOC lists the page's second-level headings.
	TOC []markdown.Heading
	// Menu is the main navigation; Crumbs the path from home to the page's parent.
	Menu   []Link
	Crumbs []Link
	// Switch links to the page in each other language (or to that
	// language's home, with Missing set, when the page has no translation).
	Switch []LangLink
	// Children are the pages of a section; News and Events the commune's
	// news and events in this language, newest first.
	Children []*PageView
	News     []*PageView
	Events   []*PageView
	// Figures are the commune's key figures (home page).
	Figures []Figure
	// Services are the pages the home page lists first.
	Services []*PageView
	// Regions groups the communes by region (portal).
	Regions []Region
	// Indicators are the commune's figures computed from its records
	// (home and results pages); Programme sums them up by region (portal).
	Indicators *indicators.Commune
	Programme  *indicators.Programme
	// URLs, relative to the page: the home page, the stylesheet, the
	// news feed of this language, and the page itself when published at
	// a known address (Canonical, absolute).
	HomeURL   string
	CSSURL    string
	FeedURL   string
	LogoURL   string
	Canonical string
	// Alternates are the absolute addresses of the page in each language,
	// for hreflang links; empty when the site's address is unknown.
	Alternates []LangLink
	// JSONLD describes the commune for search engines (home page).
	JSONLD template.JS
	// SearchURL is the address of the site's search page, where the
	// search box of every page leads; "" on the portal.
	SearchURL string
	// AZ lists the site's guides and procedures by the first letter of
	// their title, and SearchIndexURL is the address of the script of the
	// search index (search page).
	AZ             []Letter
	SearchIndexURL string

	cat  *i18n.Catalog
	cats map[string]*i18n.Catalog
	tree *tree // the site in this language, nil on the portal
	// linkBase is what every link of the page to its own site starts
	// with: the way up from its folder to the site's root (rootOf), or "/"
	// on the 404 page, served at any address (see also Cached).
	linkBase string
	// params are the commune's raw facts (see commune.Params).
	params map[string]any
	// layouts run the partials of Cached, which keeps them in partials
	// (nil on the portal: nothing is cached there).
	layouts  *theme.Layouts
	partials *memo[partialKey]
	// pageScope is set on a shared page, for CachedPage.
	pageScope *pageScope
	// typeset are the parts of the page already typeset for its
	// language: its body (see renderer.body) and its cached partials.
	typeset [][]byte
	// typo is the typography of the site's languages, for the cached
	// partials (nil on the portal).
	typo typography.Rules
}

// URLOf returns the address of the page with key (e.g. "contact" or
// "participation/index") in this language, or "" when there is none.
func (v *View) URLOf(key string) string {
	if v.tree == nil {
		return ""
	}
	n, ok := v.tree.byKey[key]
	if !ok {
		return ""
	}
	return v.linkBase + escapePath(n.file())
}

// PageView is what layouts see of a content page.
type PageView struct {
	Key         string
	Title       string
	Description string
	Kind        site.Kind
	URL         string // relative to the page being rendered
	Date        site.Date
	Meta        *site.FrontMatter
	IsSection   bool
}

// Link is an entry of a menu or of breadcrumbs.
type Link struct {
	Title string
	URL   string
	// Current is set on the page itself; Ancestor on a section containing it.
	Current  bool
	Ancestor bool
}

// LangLink is a link to another language version.
type LangLink struct {
	Lang    site.Lang
	URL     string
	Missing bool
}

// Figure is a key figure: a label and its formatted value.
type Figure struct {
	Label string
	Value string
	Note  string
}

// Region is a region of the portal with its communes.
type Region struct {
	Name     string
	Communes []CommuneLink
}

// CommuneLink is a commune on the portal.
type CommuneLink struct {
	Name       string
	Province   string
	Type       string
	Population string
	URL        string
	Demo       bool
}

// T returns the interface string key, with args as name/value pairs.
// Hyphens in key read as underscores, so that a key can be built from a
// value such as a status: (print "project_status_" .Status).
func (v *View) T(key string, args ...any) (string, error) { return v.cat.T(msgKey(key), args...) }

// Label writes text as the label of a value that follows it: "Horaires :"
// in French, with the language's "label" message.
func (v *View) Label(text string) string {
	s, err := v.cat.T("label", "label", text)
	if err != nil {
		return text
	}
	return s
}

// N returns the plural form of key for n.
func (v *View) N(key string, n int, args ...any) (string, error) {
	return v.cat.N(msgKey(key), n, args...)
}

func msgKey(key string) string { return strings.ReplaceAll(key, "-", "_") }

// TL returns the interface string key in the language lang (for pages
// that speak every language, such as the 404 page).
func (v *View) TL(lang, key string, args ...any) (string, error) {
	cat, ok := v.cats[lang]
	if !ok {
		return "", fmt.Errorf("no interface strings for language %q", lang)
	}
	return cat.T(msgKey(key), args...)
}

// Num formats an integer for the page's language.
func (v *View) Num(n int) string { return v.cat.FormatInt(n) }

// Date formats a date for the page's language ("7 يوليوز 2015").
func (v *View) Date(d site.Date) string { return v.cat.FormatDate(d.Time) }

// DateTime formats a date and its time of day.
func (v *View) DateTime(d site.Date) string {
	if !d.HasClock() {
		return v.cat.FormatDate(d.Time)
	}
	return v.cat.FormatDateTime(d.Time)
}

// ISO formats a date as a machine-readable value for <time datetime>.
func (v *View) ISO(d site.Date) string {
	if d.HasClock() {
		return d.Format("2006-01-02T15:04")
	}
	return d.Format(time.DateOnly)
}

// Text returns t in the page's language, "" when it is not written there
// (missing, or still TODO: see site.Text.Written).
func (v *View) Text(t site.Text) string { return t.Written(v.Lang.Code) }

// Tel turns a written phone number into a tel: link, in international
// form when the number is Moroccan (tel:+212…), so that it dials from
// abroad too.
func (v *View) Tel(phone string) template.URL {
	if intl := internationalPhone(phone); intl != "" {
		return template.URL("tel:" + intl)
	}
	return template.URL("tel:" + telDigits(phone))
}

// Slug turns a record's reference into the segment of its page's address
// ("P-2026/001" → "p-2026-001").
func (v *View) Slug(s string) string { return segment.ToID(s) }

// FileURL is the address of a file of the site's static folder (e.g. a
// document's "docs/budget-2026.pdf"), or the address itself when it is
// already absolute (https://…).
func (v *View) FileURL(file string) string {
	if strings.Contains(file, "://") {
		return file
	}
	file = strings.TrimPrefix(file, "/")
	return v.linkBase + escapePath(file)
}

// FileSize formats a size in bytes for the page's language ("12,5 kB").
func (v *View) FileSize(n int64) string {
	switch {
	case n <= 0:
		return ""
	case n < 1<<20:
		s, _ := v.cat.T("size_kb", "n", v.cat.FormatDecimal(float64(n)/1024, 1))
		return s
	}
	s, _ := v.cat.T("size_mb", "n", v.cat.FormatDecimal(float64(n)/(1<<20), 1))
	return s
}

// Percent formats part/whole as a whole percentage ("45 %"), or "" when
// whole is zero.
func (v *View) Percent(part, whole int) string {
	if whole == 0 {
		return ""
	}
	s, _ := v.cat.T("percent", "n", (part*100+whole/2)/whole)
	return s
}

// DemoFigures reports whether the portal's figures sum up the records of
// a demonstration commune, which the portal must then say as the
// commune's own site does.
func (v *View) DemoFigures() bool {
	for _, r := range v.Regions {
		for _, c := range r.Communes {
			if c.Demo {
				return true
			}
		}
	}
	return false
}

// Threshold is the number of signatures a citizens' petition needs in the
// commune (0 on the portal).
func (v *View) Threshold() int {
	n, _ := v.params["petition.signatures"].(int)
	return n
}

// Local is how the commune does the procedure shown, where it differs from
// the shared page: its office (nil when none is named) and details.
type Local struct {
	Office *site.Office
	site.LocalProcedure
}

// LocalProcedure returns the commune's own office, hours and fee for the
// procedure page shown, or nil when its profile says nothing of it.
func (v *View) LocalProcedure() *Local {
	if v.Commune == nil || v.Page == nil {
		return nil
	}
	name, ok := strings.CutPrefix(v.Page.Key, "procedures/")
	if !ok {
		return nil
	}
	lp, ok := v.Commune.Procedures[name]
	if !ok {
		return nil
	}
	l := &Local{LocalProcedure: lp}
	for i := range v.Commune.Offices {
		if v.Commune.Offices[i].ID == lp.Office {
			l.Office = &v.Commune.Offices[i]
		}
	}
	return l
}
