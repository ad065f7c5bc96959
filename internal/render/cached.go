package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"github.com/tadafor/tadafor/internal/theme"
)

// partialCache keeps the partials a commune site renders through
// View.Cached. It lives as long as one rendering of the site.
type partialCache struct {
	layouts *theme.Layouts
	mu      sync.Mutex
	html    map[string]template.HTML
}

func newPartialCache(l *theme.Layouts) *partialCache {
	return &partialCache{layouts: l, html: map[string]template.HTML{}}
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
	c := v.partials
	if c == nil {
		return v.executePartial(name)
	}
	var key strings.Builder
	base := rootOf(v.dir)
	if v.root {
		base = "/"
	}
	key.WriteString(v.Lang.Code + "\x00" + base + "\x00" + name)
	for _, k := range keys {
		fmt.Fprintf(&key, "\x00%v", k)
	}
	c.mu.Lock()
	html, ok := c.html[key.String()]
	c.mu.Unlock()
	if ok {
		return html, nil
	}
	html, err := v.executePartial(name)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	c.html[key.String()] = html
	c.mu.Unlock()
	return html, nil
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
			return fmt.Sprintf("%d=", i)
		case m.Ancestor:
			return fmt.Sprintf("%d<", i)
		}
	}
	return ""
}
