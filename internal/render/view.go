package render

import (
	"html/template"

	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
	"github.com/tadafor/tadafor/internal/typography"
)

// View is the data a page layout receives: what the page shows. Fields
// that do not apply to a page are empty. Its helpers write values in the
// page's language (.Fmt), make links (.Links), draw charts (.Charts) and
// run a partial once for many pages (.Partials). See docs/themes.md.
//
// What every page of the site shares in the page's language is repeated
// from SiteView rather than embedded: html/template reaches a promoted
// field through a search that allocates at every use.
type View struct {
	// SiteName is the commune's (or the portal's) name.
	SiteName string
	// Title is the page title alone.
	Title string
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
	// Commune is the commune of the site, nil on the portal.
	Commune *CommuneView
	// Page is the content page shown, nil on generated pages.
	Page *PageView
	// Record is the record a generated page is about (a *site.Session,
	// *site.Petition, …), nil on other pages.
	Record any
	// Content is the rendered Markdown body.
	Content template.HTML
	// TOC lists the page's second-level headings.
	TOC []markdown.Heading
	// Menu is the main navigation, the page's entry (or the section it
	// is in) marked; Crumbs the path from home to the page's parent.
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
	// Regions groups the communes by region (portal), and DemoFigures
	// says whether the portal's figures sum up the records of a
	// demonstration commune, which the portal must then say as the
	// commune's own site does.
	Regions     []Region
	DemoFigures bool
	// Indicators are the commune's figures computed from its records
	// (home and results pages); Programme sums them up by region (portal).
	Indicators *indicators.Commune
	Programme  *indicators.Programme
	// URLs, relative to the page: the home page, the stylesheet, the
	// news feed of this language, the logo, and the site's search page,
	// where the search box of every page leads ("" on the portal).
	HomeURL   string
	CSSURL    string
	FeedURL   string
	LogoURL   string
	SearchURL string
	// Canonical is the page's absolute address, when the site's is known.
	Canonical string
	// Alternates are the absolute addresses of the page in each language,
	// for hreflang links; empty when the site's address is unknown.
	Alternates []LangLink
	// JSONLD describes the commune for search engines (home page).
	JSONLD template.JS
	// AZ lists the site's guides and procedures by the first letter of
	// their title, and SearchIndexURL is the address of the script of the
	// search index (search page).
	AZ             []Letter
	SearchIndexURL string

	// Fmt writes interface strings, numbers and dates in the language.
	Fmt *Fmt
	// Links are the addresses of the site's pages and files from the page.
	Links Links
	// Charts draw the commune's figures (nil on the portal).
	Charts *Charts
	// Partials run partials rendered once for many pages.
	Partials Partials

	// layouts run the partials (see Partials); siteParts keeps those of
	// Partials.Site (nil on the portal: nothing is kept there).
	layouts   *theme.Layouts
	siteParts *siteParts
	// pageScope is set on a shared page, for Partials.Page.
	pageScope *pageScope
	// typeset are the parts of the page already typeset for its
	// language: its body (see renderer.body) and its kept partials.
	typeset [][]byte
	// typo is the typography of the site's languages, for the kept
	// partials.
	typo typography.Rules
}

// SiteView is what every page of a site shares in one language at one
// depth of folders, as View has it: the data a partial run by
// Partials.Site receives, so that such a partial cannot show what differs
// from page to page.
type SiteView struct {
	SiteName  string
	Lang      site.Lang
	Langs     []site.Lang
	Commune   *CommuneView
	HomeURL   string
	CSSURL    string
	FeedURL   string
	LogoURL   string
	SearchURL string
	Fmt       *Fmt
	Links     Links
	Charts    *Charts

	// menu is the page's main navigation; menuRead is set once the
	// partial reads it (see Menu).
	menu     []Link
	menuRead bool
}

// Menu is the main navigation, the page's entry (or the section it is
// in) marked. A partial of Partials.Site that shows it is kept for each
// entry the page may be in.
func (s *SiteView) Menu() []Link {
	s.menuRead = true
	return s.menu
}

// siteView is what the page shares with the others of its site, language
// and depth.
func (v *View) siteView() *SiteView {
	return &SiteView{SiteName: v.SiteName, Lang: v.Lang, Langs: v.Langs, Commune: v.Commune, HomeURL: v.HomeURL,
		CSSURL: v.CSSURL, FeedURL: v.FeedURL, LogoURL: v.LogoURL, SearchURL: v.SearchURL, Fmt: v.Fmt, Links: v.Links,
		Charts: v.Charts, menu: v.Menu}
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
