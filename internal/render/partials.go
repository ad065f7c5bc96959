package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
	"github.com/tadafor/tadafor/internal/typography"
)

// Partials run partial layouts once for many pages, a large part of what
// a build saves: layouts reach them as .Partials
//
//	{{ .Partials.Site "partials/footer.html" }}
//	{{ .Partials.Page "partials/toc.html" }}
//
// Each kind gives its partial only the data that is the same on every
// page that reuses it, so that a partial cannot show another page's
// title by mistake: it fails with the partial's line instead.
type Partials struct {
	v *View
}

// Site returns the output of the partial name (such as
// "partials/footer.html") run with the page's SiteView: rendered once and
// reused by every page of the commune site with the same language and
// depth (which decides every relative link, see relURL) and, for a
// partial that shows the menu, the same entry of it marked. On the portal
// it is run for each page.
func (p Partials) Site(name string) (template.HTML, error) {
	v := p.v
	if v.siteParts == nil {
		html, _, err := v.runSite(name)
		return html, err
	}
	k := partialKey{lang: v.Lang.Code, base: v.Links.base, name: name}
	return v.done(v.siteParts.get(k, v.menuKey, v.typo, v.Lang.Code, func() (template.HTML, bool, error) { return v.runSite(name) }))
}

// OwnView is the data a partial run by Partials.Page receives: what a
// page shows of itself, the same in every commune site.
type OwnView struct {
	// Title, Page and TOC are the page's, as in View.
	Title string
	Page  *PageView
	TOC   []markdown.Heading
	// Lang is the page's language, Fmt writes in it.
	Lang site.Lang
	Fmt  *Fmt
}

// Page returns the output of the partial name (such as
// "partials/toc.html") run with the page's OwnView: for a page shared by
// every commune, rendered once in its language and reused by every
// commune site with the same layouts. Where the page's headings show the
// commune's facts ({{ commune.name }}) it is rendered for each commune,
// and on any other page for each page.
func (p Partials) Page(name string) (template.HTML, error) {
	v := p.v
	s := v.pageScope
	if s == nil {
		return v.runOwn(name)
	}
	k := s.key
	k.name = name
	return v.done(s.parts.get(k, v.typo, v.Lang.Code, func() (template.HTML, error) { return v.runOwn(name) }))
}

// runSite runs the partial name with the page's SiteView, and says
// whether it read the menu.
func (v *View) runSite(name string) (html template.HTML, readMenu bool, err error) {
	sv := v.siteView()
	html, err = v.execute(name, sv)
	return html, sv.menuRead, explainScope(err, name, "Site", sv)
}

// runOwn runs the partial name with the page's OwnView.
func (v *View) runOwn(name string) (template.HTML, error) {
	own := &OwnView{Title: v.Title, Page: v.Page, TOC: v.TOC, Lang: v.Lang, Fmt: v.Fmt}
	html, err := v.execute(name, own)
	return html, explainScope(err, name, "Page", own)
}

// explainScope completes the error of a partial run by Partials.Site or
// Partials.Page with data, when it asked data for what data does not
// hold: what differs between the pages the partial is kept for.
func explainScope(err error, name, method string, data any) error {
	var e *diag.Error
	if !errors.As(err, &e) || e.Hint != "" || !strings.Contains(e.Msg, fmt.Sprintf("in type %T", data)) {
		return err
	}
	e.Hint = fmt.Sprintf("%s is run by .Partials.%s, kept for many pages: it sees only what they share (%T, see docs/themes.md); "+
		"to show what is the page's own, include it with {{ template %q . }}", name, method, data, name)
	return err
}

// execute runs the partial name with data.
func (v *View) execute(name string, data any) (template.HTML, error) {
	if v.layouts == nil {
		return "", fmt.Errorf("partial %q: no layouts", name)
	}
	var b bytes.Buffer
	if err := v.layouts.ExecutePartial(&b, v.Layout, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// done records a kept partial, typeset, as a part of the page the
// typography pass need not read again, and returns it for the layout.
func (v *View) done(p part, err error) (template.HTML, error) {
	if err != nil {
		return "", err
	}
	v.typeset = append(v.typeset, p.raw)
	return p.html, nil
}

// menuKey tells which entry of the main menu the page is or is inside of.
func (v *View) menuKey() string {
	for i, m := range v.Menu {
		switch {
		case m.Current:
			return strconv.Itoa(i) + "="
		case m.Ancestor:
			return strconv.Itoa(i) + "<"
		}
	}
	return ""
}

// partialKey tells apart the renderings of a partial in one commune site
// (Partials.Site).
type partialKey struct {
	lang, base, name string
	// byMenu is set for a partial that shows the menu, kept for each
	// entry marked (menu, see View.menuKey).
	byMenu bool
	menu   string
}

// siteParts keeps the partials of Partials.Site of one commune site for
// one rendering: once per language and depth, or for a partial that read
// the menu, once per entry of the menu marked. It is safe for concurrent
// use.
type siteParts struct {
	mu    sync.Mutex
	parts map[partialKey]part
	// byMenu are the partials (by key without menu) that read the menu.
	byMenu map[partialKey]bool
}

// get returns the partial kept under k, or renders it, typesets it for
// language lang with typo and keeps it: under k when it did not read the
// menu, else under k and the page's menu key (which menuKey gives, only
// when needed). Two pages asking at once may both render it: the result
// is the same, since whether a partial reads the menu depends only on
// what k stands for.
func (s *siteParts) get(k partialKey, menuKey func() string, typo typography.Rules, lang string, render func() (template.HTML, bool, error)) (part, error) {
	site := k
	s.mu.Lock()
	if s.byMenu[site] {
		k.byMenu, k.menu = true, menuKey()
	}
	p, ok := s.parts[k]
	s.mu.Unlock()
	if ok {
		return p, nil
	}
	html, readMenu, err := render()
	if err != nil {
		return part{}, err
	}
	p.raw = typo.HTML(nil, []byte(html), lang)
	p.html = template.HTML(p.raw)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.parts == nil {
		s.parts = map[partialKey]part{}
		s.byMenu = map[partialKey]bool{}
	}
	if readMenu && !k.byMenu {
		s.byMenu[site] = true
		k.byMenu, k.menu = true, menuKey()
	}
	s.parts[k] = p
	return p, nil
}

// pagePartKey tells apart the renderings of a partial of a shared page
// (Partials.Page), for every commune site of a rendering, or for one
// site when the page's headings show the commune's facts.
type pagePartKey struct {
	layouts *theme.Layouts // the commune's: an override renders its own
	doc     *markdown.Doc  // the shared page
	name    string
}

// pageScope is what Partials.Page needs of a page: nil on a page that is
// not shared by every commune (a commune's own page, a generated page).
type pageScope struct {
	parts *memo[pagePartKey]
	key   pagePartKey
}
