package render

import (
	"cmp"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/tadafor/tadafor/internal/markdown"
	"github.com/tadafor/tadafor/internal/site"
)

// doc is a parsed page: its front matter, source and Markdown AST. Shared
// docs are parsed once and rendered for every commune.
type doc struct {
	page *site.Page
	md   *markdown.Doc
}

// generated is a page made from a commune's records rather than written
// in Markdown. A Markdown page at the same key, if any, gives its title
// and an introduction.
type generated struct {
	key    string
	layout string    // e.g. "pages/records/petitions.html"
	title  site.Text // by language
	desc   site.Text
	weight int
	menu   bool
	record any // the record shown, for a page about one record
	// unlisted keeps the page out of its section's list of pages.
	unlisted bool
}

// node is one page of one commune site in one language.
type node struct {
	*doc
	gen    *generated // nil for a page written in Markdown
	lang   string
	dir    string // output folder relative to the commune site's root, e.g. "ar/participation/petitions"
	parent *node
	kids   []*node
	sum    atomic.Uint64 // see renderer.nodeSum; 0 until computed
}

// file is the node's output file relative to the commune site's root.
func (n *node) file() string { return n.dir + "/index.html" }

// hasID reports whether the page has a heading with this anchor.
func (n *node) hasID(id string) bool { return n.md != nil && n.md.HasID(id) }

// isSection reports whether the node is a section's own page.
func (n *node) isSection() bool {
	return n.page.Key == "index" || strings.HasSuffix(n.page.Key, "/index")
}

// tree is one commune site in one language: its pages by key, with
// parents, children and output folders worked out.
type tree struct {
	lang  string
	byKey map[string]*node
	nodes []*node // sorted by key
	home  *node
	menu  []*node
	// titles counts the pages of each title.
	titles map[string]int
}

// buildTree merges the shared docs with the commune's own (which win on
// the same key) for one language and links parents and children.
func buildTree(lang string, shared, local []*doc, gens []*generated) *tree {
	t := &tree{lang: lang, byKey: map[string]*node{}}
	for _, list := range [][]*doc{shared, local} {
		for _, d := range list {
			if d.page.Lang == lang {
				t.byKey[d.page.Key] = &node{doc: d, lang: lang}
			}
		}
	}
	for _, g := range gens {
		if n, ok := t.byKey[g.key]; ok {
			n.gen = g
			continue
		}
		p := &site.Page{Key: g.key, Lang: lang, Meta: site.FrontMatter{
			Title: g.title.Get(lang), Description: g.desc.Get(lang), Kind: site.KindPage, Weight: g.weight, Menu: g.menu,
		}}
		t.byKey[g.key] = &node{doc: &doc{page: p}, gen: g, lang: lang}
	}
	keys := make([]string, 0, len(t.byKey))
	for k := range t.byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.nodes = append(t.nodes, t.byKey[k])
	}
	t.home = t.byKey["index"]
	for _, n := range t.nodes {
		n.parent = t.parentOf(n.page.Key)
		if n.parent != nil && (n.gen == nil || !n.gen.unlisted) {
			n.parent.kids = append(n.parent.kids, n)
		}
	}
	for _, n := range t.nodes {
		n.dir = t.dirOf(n)
		slices.SortStableFunc(n.kids, byWeight)
		if n.page.Meta.Menu {
			t.menu = append(t.menu, n)
		}
	}
	slices.SortStableFunc(t.menu, byWeight)
	t.titles = map[string]int{}
	for _, n := range t.nodes {
		t.titles[n.page.Meta.Title]++
	}
	return t
}

// byWeight orders pages by weight, then newest date first, then title.
func byWeight(a, b *node) int {
	return cmp.Or(cmp.Compare(a.page.Meta.Weight, b.page.Meta.Weight),
		b.page.Meta.Date.Compare(a.page.Meta.Date.Time),
		strings.Compare(a.page.Meta.Title, b.page.Meta.Title))
}

// parentOf finds the closest existing section page above key.
func (t *tree) parentOf(key string) *node {
	if key == "index" {
		return nil
	}
	dir := path.Dir(key)
	if strings.HasSuffix(key, "/index") {
		dir = path.Dir(dir)
	}
	for {
		k := "index"
		if dir != "." {
			k = dir + "/index"
		}
		if n, ok := t.byKey[k]; ok {
			return n
		}
		if dir == "." {
			return nil
		}
		dir = path.Dir(dir)
	}
}

// dirOf is a node's output folder (see OutputDir).
func (t *tree) dirOf(n *node) string {
	return OutputDir(t.lang, n.page.Key, func(key string) *site.Page {
		if m := t.byKey[key]; m != nil {
			return m.page
		}
		return nil
	})
}

// OutputDir is the folder of the page key in language lang, relative to
// its site's root: the key's segments, each replaced by the slug of its
// section page (or of the page itself, for the last one) when page finds
// one that has a slug.
func OutputDir(lang, key string, page func(key string) *site.Page) string {
	k := strings.TrimSuffix(strings.TrimSuffix(key, "index"), "/")
	if k == "" {
		return lang
	}
	section := key == "index" || strings.HasSuffix(key, "/index")
	segs := strings.Split(k, "/")
	out := []string{lang}
	for i, seg := range segs {
		owner := key
		if i < len(segs)-1 || section {
			owner = strings.Join(segs[:i+1], "/") + "/index"
		}
		if p := page(owner); p != nil && p.Meta.Slug != "" {
			seg = p.Meta.Slug
		}
		out = append(out, seg)
	}
	return strings.Join(out, "/")
}

// ancestors returns the node's parents from the home page down.
func (n *node) ancestors() []*node {
	var list []*node
	for p := n.parent; p != nil; p = p.parent {
		list = append(list, p)
	}
	slices.Reverse(list)
	return list
}

// relURL is the link from a page in folder fromDir to target, a file path
// relative to the commune site's root, with each segment escaped. It
// always climbs to the site's root first ("../../fr/x/index.html", never a
// shortcut such as "../x/index.html"), so that a link depends only on the
// depth of the page: pages of equal depth share the same links, which is
// what lets a partial be rendered once per depth (see Partials.Site).
func relURL(fromDir, target string) string { return rootOf(fromDir) + escapePath(target) }

// rootOf is the relative path from a page in folder dir to the commune
// site's root: "" at the root, "../../" two folders down.
func rootOf(dir string) string {
	if dir == "" {
		return ""
	}
	return strings.Repeat("../", strings.Count(dir, "/")+1)
}

// escapePath escapes each segment of a slash path for use in a URL.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
