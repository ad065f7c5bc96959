package render

import (
	"slices"
	"strings"
	"sync"

	"github.com/tadafor/tadafor/internal/search"
	"github.com/tadafor/tadafor/internal/site"
)

// SearchKey is the key of each commune site's search page, made like the
// pages of records: a Markdown page at this key gives it its title and an
// introduction.
const SearchKey = "search"

// searchIndexFile is the index's file in the search page's folder.
const searchIndexFile = "index.js"

// searchPage is the generated search page of a commune site. It is in no
// list of pages: the header of every page leads to it.
func (r *renderer) searchPage() *generated {
	return &generated{key: SearchKey, layout: "pages/search.html", title: r.inEveryLang("search_title"),
		desc: r.inEveryLang("search_desc"), weight: 100, unlisted: true}
}

// searchKinds are the kinds of page the search results tell apart, with
// the interface string naming each.
var searchKinds = []string{"search_kind_page", "search_kind_section", "kind_guide", "kind_procedure",
	"search_kind_news", "search_kind_event", "search_kind_records"}

// searchKind is the position in searchKinds of the kind of page n.
func searchKind(n *node) int {
	key := "search_kind_page"
	switch {
	case n.gen != nil:
		key = "search_kind_records"
	case n.page.Meta.Kind == site.KindGuide:
		key = "kind_guide"
	case n.page.Meta.Kind == site.KindProcedure:
		key = "kind_procedure"
	case n.page.Meta.Kind == site.KindNews:
		key = "search_kind_news"
	case n.page.Meta.Kind == site.KindEvent:
		key = "search_kind_event"
	case n.isSection():
		key = "search_kind_section"
	}
	return slices.Index(searchKinds, key)
}

// searched reports whether the search index holds page n: every page but
// the home page and the search page itself.
func searched(n *node) bool { return n.page.Key != "index" && n.page.Key != SearchKey }

// TextCache keeps what the search index holds of each page between
// renders, so that the live server writes a site's index again without
// rendering its unchanged pages. It is safe for concurrent use.
type TextCache struct {
	mu   sync.Mutex
	docs map[siteLang]map[string]search.Doc // by page key
}

type siteLang struct{ slug, lang string }

// NewTextCache returns an empty cache.
func NewTextCache() *TextCache { return &TextCache{docs: map[siteLang]map[string]search.Doc{}} }

func (c *TextCache) get(sl siteLang) map[string]search.Doc {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[sl]
}

// keep replaces the pages kept for the sites and languages of docs.
func (c *TextCache) keep(docs map[siteLang]map[string]search.Doc) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for sl, d := range docs {
		c.docs[sl] = d
	}
}

// searchTexts are the texts of the pages of one commune site rendered in
// one render, by language and page key.
type searchTexts struct {
	mu   sync.Mutex
	docs map[string]map[string][]search.Passage
}

// keepText keeps the text of page n, whose HTML is page.
func (cs *communeSite) keepText(t *tree, n *node, page []byte) {
	if !searched(n) {
		return
	}
	passages := cs.r.texts.Extract(page)
	cs.texts.mu.Lock()
	defer cs.texts.mu.Unlock()
	if cs.texts.docs == nil {
		cs.texts.docs = map[string]map[string][]search.Passage{}
	}
	if cs.texts.docs[t.lang] == nil {
		cs.texts.docs[t.lang] = map[string][]search.Passage{}
	}
	cs.texts.docs[t.lang][n.page.Key] = passages
}

func (cs *communeSite) text(t *tree, key string) ([]search.Passage, bool) {
	cs.texts.mu.Lock()
	defer cs.texts.mu.Unlock()
	p, ok := cs.texts.docs[t.lang][key]
	return p, ok
}

// searchIndex writes the search index of the site in t's language, once
// its pages are rendered, when it is wanted (see renderer.wants) or a page
// it holds was rendered. The text of a page not rendered in this render
// is taken from Options.Texts, or the page is rendered again for its text
// when the cache has not got it.
func (cs *communeSite) searchIndex(t *tree) error {
	page := t.byKey[SearchKey]
	if page == nil || cs.r.failed() {
		return nil // a render that failed publishes nothing
	}
	id := cs.id(KindSearchIndex, t.lang, "")
	cs.texts.mu.Lock()
	rendered := len(cs.texts.docs[t.lang]) > 0
	cs.texts.mu.Unlock()
	if !cs.r.wants(cs, id) && !rendered {
		return nil
	}
	return cs.r.recorded(cs, id, func(rd *reads) error { return cs.writeSearchIndex(rd, t, page) })
}

// writeSearchIndex writes the search index of the site in t's language,
// whose search page is page.
func (cs *communeSite) writeSearchIndex(rd *reads, t *tree, page *node) error {
	sl := siteLang{cs.commune.Slug, t.lang}
	before := cs.r.opt.Texts.get(sl)
	docs := map[string]search.Doc{}
	list := make([]search.Doc, 0, len(t.nodes))
	for _, n := range t.pages(rd) {
		if !searched(n) {
			continue
		}
		passages, ok := cs.text(t, n.page.Key)
		if !ok {
			if old, cached := before[n.page.Key]; cached {
				passages, ok = old.Passages, true
			}
		}
		if !ok {
			err := cs.pageHTML(nil, t, n, func(html []byte, _ bool) error {
				passages = cs.r.texts.Extract(html)
				return nil
			})
			if err != nil {
				return err
			}
		}
		d := search.Doc{Dir: n.dir, Title: n.page.Meta.Title, Kind: searchKind(n), Passages: passages}
		docs[n.page.Key] = d
		list = append(list, d)
	}
	cs.r.keepTexts(sl, docs)
	cat := cs.r.cats[t.lang]
	ix := &search.Index{Docs: list, Messages: map[string]string{}, Shown: searchShown}
	for _, k := range searchKinds {
		s, _ := cat.T(k)
		ix.Kinds = append(ix.Kinds, s)
	}
	// The script puts what was typed in place of {query}. A theme without
	// these strings shows the number alone.
	none, err := cat.T("search_none", "query", "{query}")
	if err != nil {
		none = "0"
	}
	ix.Counts = append(ix.Counts, none)
	for n := 1; n <= len(list); n++ {
		s, err := cat.N("search_results", n, "query", "{query}")
		if err != nil {
			s = cat.FormatInt(n)
		}
		ix.Counts = append(ix.Counts, s)
	}
	if first, err := cat.N("search_first", searchShown); err == nil {
		ix.Messages["first"] = first
	}
	return cs.r.emit(cs.out(page.dir+"/"+searchIndexFile), ix.Script(&cs.r.terms))
}

// searchShown is how many results the search page lists: the first ones
// are all a citizen reads, and each costs a phone time to lay out.
const searchShown = 10

// failed reports whether the render found an error so far.
func (r *renderer) failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.errs.HasErrors() || len(r.siteErrs) > 0 || len(r.absent) > 0
}

// keepTexts notes the pages an index was made of, for Options.Texts once
// the render succeeded.
func (r *renderer) keepTexts(sl siteLang, docs map[string]search.Doc) {
	if r.opt.Texts == nil {
		return // nothing to keep them for: a build forgets each site when done
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.kept == nil {
		r.kept = map[siteLang]map[string]search.Doc{}
	}
	r.kept[sl] = docs
}

// Letter is a letter of the search page's index of guides and procedures,
// with the pages whose title starts with it.
type Letter struct {
	Letter string
	ID     string // the anchor of its heading
	Pages  []*PageView
}

// azIndex lists the guides and procedures of tree t by the first letter
// of their title (see search.Initial), from the page in folder dir.
func (cs *communeSite) azIndex(t *tree, dir string) []Letter {
	type entry struct {
		sort, letter string
		page         *PageView
	}
	var entries []entry
	for _, n := range t.nodes {
		if k := n.page.Meta.Kind; k != site.KindGuide && k != site.KindProcedure {
			continue
		}
		sort, letter := search.Initial(n.page.Meta.Title)
		entries = append(entries, entry{sort, letter, cs.pageView(n, dir)})
	}
	slices.SortStableFunc(entries, func(a, b entry) int {
		return strings.Compare(a.sort, b.sort)
	})
	var out []Letter
	for _, e := range entries {
		if len(out) == 0 || out[len(out)-1].Letter != e.letter {
			out = append(out, Letter{Letter: e.letter, ID: "az-" + e.letter})
		}
		last := &out[len(out)-1]
		last.Pages = append(last.Pages, e.page)
	}
	return out
}
