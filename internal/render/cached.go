package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"sync"

	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/theme"
	"github.com/tadafor/tadafor/internal/typography"
)

// memo keeps rendered partials by key, typeset for their language; it is
// safe for concurrent use and lives as long as one rendering.
type memo[K comparable] struct {
	mu    sync.Mutex
	parts map[K]part
}

// part is a rendered partial, as the layout takes it and as the
// typography pass finds it in the page.
type part struct {
	html template.HTML
	raw  []byte
}

// get returns the partial kept under k, rendering it and typesetting it
// for language lang with typo, and keeping it, the first time. Two pages
// asking at once may both render it: the result is the same.
func (m *memo[K]) get(k K, typo typography.Rules, lang string, render func() (template.HTML, error)) (part, error) {
	m.mu.Lock()
	p, ok := m.parts[k]
	m.mu.Unlock()
	if ok {
		return p, nil
	}
	html, err := render()
	if err != nil {
		return part{}, err
	}
	p.raw = typo.HTML(nil, []byte(html), lang)
	p.html = template.HTML(p.raw)
	m.mu.Lock()
	if m.parts == nil {
		m.parts = map[K]part{}
	}
	m.parts[k] = p
	m.mu.Unlock()
	return p, nil
}

// done records a cached partial, typeset, as a part of the page the
// typography pass need not read again, and returns it for the layout.
func (v *View) done(p part, err error) (template.HTML, error) {
	if err != nil {
		return "", err
	}
	v.typeset = append(v.typeset, p.raw)
	return p.html, nil
}

// partialKey tells apart the renderings of a partial in one commune site
// (View.Cached).
type partialKey struct {
	lang, base, name string
	keys             string // the further keys given to Cached
}

// Cached returns the output of the partial layout name (such as
// "partials/footer.html") executed with this page's data, rendered once and
// reused by every page of the commune site that has the same language, the
// same depth (which decides every relative link, see relURL) and the same
// keys. A partial that shows something else of the page — its title, its
// translations — must either receive that as a key or not be cached. On
// the portal nothing is cached.
//
//	{{ .Cached "partials/footer.html" }}
//	{{ .Cached "partials/nav.html" .MenuKey }}
func (v *View) Cached(name string, keys ...any) (template.HTML, error) {
	if v.partials == nil {
		return v.executePartial(name)
	}
	k := partialKey{lang: v.Lang.Code, base: v.linkBase, name: name}
	for _, key := range keys {
		if s, ok := key.(string); ok {
			k.keys += "\x00" + s
		} else {
			k.keys += fmt.Sprintf("\x00%v", key)
		}
	}
	return v.done(v.partials.get(k, v.typo, v.Lang.Code, func() (template.HTML, error) { return v.executePartial(name) }))
}

// pagePartKey tells apart the renderings of a partial of a shared page
// (View.CachedPage), for every commune site of a rendering, or for one
// site when the page's headings show the commune's facts.
type pagePartKey struct {
	layouts *theme.Layouts // the commune's: an override renders its own
	doc     *markdown.Doc  // the shared page
	name    string
}

// pageScope is what CachedPage needs of a page: nil on a page that is not
// shared by every commune (a commune's own page, a generated page).
type pageScope struct {
	parts *memo[pagePartKey]
	key   pagePartKey
}

// CachedPage returns the output of the partial name (such as
// "partials/toc.html") rendered once for a shared page in its language and
// reused by every commune site with the same layouts: for a partial that
// shows only the page's own content (its title, front matter, headings) and
// interface strings, never the commune or other pages. Where the page's
// headings show the commune's facts ({{ commune.name }}), it is rendered
// for each commune.
//
//	{{ .CachedPage "partials/toc.html" }}
func (v *View) CachedPage(name string) (template.HTML, error) {
	s := v.pageScope
	if s == nil {
		return v.executePartial(name)
	}
	k := s.key
	k.name = name
	return v.done(s.parts.get(k, v.typo, v.Lang.Code, func() (template.HTML, error) { return v.executePartial(name) }))
}

// executePartial runs the partial name with v as data.
func (v *View) executePartial(name string) (template.HTML, error) {
	if v.layouts == nil {
		return "", fmt.Errorf("partial %q: no layouts", name)
	}
	var b bytes.Buffer
	if err := v.layouts.ExecutePartial(&b, v.Layout, name, v); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// MenuKey tells which entry of the main menu the page is or is inside of:
// the key under which a partial showing the menu is cached.
func (v *View) MenuKey() string {
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
