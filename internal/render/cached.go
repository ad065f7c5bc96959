package render

import (
	"html/template"
	"sync"

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
