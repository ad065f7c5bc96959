package render

import (
	"hash/maphash"
	"sync"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/site"
)

// DocCache keeps parsed Markdown documents between renders, keyed by file
// and content, so that only changed files are parsed again. It is safe
// for concurrent use; the zero value is not: use NewDocCache.
type DocCache struct {
	seed maphash.Seed
	mu   sync.Mutex
	docs map[docKey]cached
	used map[docKey]bool // since the last Prune
}

type docKey struct {
	file string
	sum  uint64
}

type cached struct {
	doc  *markdown.Doc
	errs diag.List
}

// NewDocCache returns an empty cache.
func NewDocCache() *DocCache {
	return &DocCache{seed: maphash.MakeSeed(), docs: map[docKey]cached{}, used: map[docKey]bool{}}
}

// Parse returns the parsed page, from the cache when its file, language,
// first line and body are unchanged. A nil cache always parses.
func (c *DocCache) Parse(conv *markdown.Converter, p *site.Page) (*markdown.Doc, diag.List) {
	if c == nil {
		return conv.Parse(p.File, p.Body, p.BodyLine, p.Lang)
	}
	var h maphash.Hash
	h.SetSeed(c.seed)
	h.WriteString(p.Lang)
	h.WriteByte(byte(p.BodyLine))
	h.WriteByte(byte(p.BodyLine >> 8))
	h.Write(p.Body)
	k := docKey{file: p.File, sum: h.Sum64()}
	c.mu.Lock()
	e, ok := c.docs[k]
	c.used[k] = true
	c.mu.Unlock()
	if ok {
		return e.doc, e.errs
	}
	doc, errs := conv.Parse(p.File, p.Body, p.BodyLine, p.Lang)
	c.mu.Lock()
	c.docs[k] = cached{doc, errs}
	c.mu.Unlock()
	return doc, errs
}

// Prune forgets the documents not used since the previous Prune, so that
// old versions of edited files do not pile up.
func (c *DocCache) Prune() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.docs {
		if !c.used[k] {
			delete(c.docs, k)
		}
	}
	c.used = map[docKey]bool{}
}
