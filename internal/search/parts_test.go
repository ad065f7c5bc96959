package search

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// The main content of a page of three sites that differ in a fact, and
// pages whose parts could be read wrongly on their own.
var cachePages = []string{
	`<html><body><header>x</header><main><nav><ol><li><a href=../>Accueil</a></ol></nav><h1>Titre</h1><div class=prose>` +
		`<p>La commune de Tiznit<p>Texte commun à tous.<h2 id=a>Pièces</h2><ul><li>une<li>deux <a href=x>lien</a></ul>` +
		`<p>Avant <span>un fait : Tiznit</span> après<table><tr><th>A<td>B<tr><td>C<td>D</table><p>Fin</div></main><footer>f</footer>`,
	`<html><body><header>x</header><main><nav><ol><li><a href=../>Accueil</a></ol></nav><h1>Titre</h1><div class=prose>` +
		`<p>La commune de Berkane<p>Texte commun à tous.<h2 id=a>Pièces</h2><ul><li>une<li>deux <a href=x>lien</a></ul>` +
		`<p>Avant <span>un fait : Berkane</span> après<table><tr><th>A<td>B<tr><td>C<td>D</table><p>Fin</div></main><footer>f</footer>`,
	`<html><body><header>x</header><main><nav><ol><li><a href=../>Accueil</a></ol></nav><h1>Titre</h1><div class=prose>` +
		`<p>La commune de Tata<p>Texte commun à tous.<h2 id=a>Pièces</h2><ul><li>une<li>deux <a href=x>lien</a></ul>` +
		`<p>Avant <span>un fait : Tata</span> après<table><tr><th>A<td>B<tr><td>C<td>D</table><p>Fin</div></main><footer>f</footer>`,
	// A passage begun before a part and ended in it, in a heading.
	`<main><h3>Début <em>du titre<p>suite</em> fin</h3><p>a<li>b<div hidden><p>caché<p>encore</div><p>vu</main>`,
	`<main><h3>Début <em>du titre<p>suite</em> fin</h3><p>a<li>b<div hidden><p>caché<p>encore</div><p>vu</main>`,
	// Block tags inside what is not a tag: an attribute, a comment, a script.
	`<main><p>a<a title="x <p>y" href=#>z</a><p>b</main>`,
	`<main><p>a<a title=x<p>y>z</a><p>b</main>`,
	`<main><p>a<!-- <p>c --><p>b</main>`,
	`<main><p>a<script>if (a<p) {}</script><p>b<style>p<p{}</style><p>c<title><p></title></main>`,
	`<main><p>a<textarea><p>b</textarea><p>c</main>`,
	// No main: the whole page.
	`<!doctype html><body><p>one<p>two</body>`,
	`<body><p>one<p>two<nav><p>menu</nav><p>three</body>`,
	// Entities, white space and a part that starts with text.
	"text first<main>\n  <p>  l&#39;état  <p>\n&amp;<p> <b>gras</b>  </main>",
}

func TestExtractCacheReadsAsExtract(t *testing.T) {
	t.Parallel()
	var c ExtractCache
	for round := range 3 { // the third round finds every part kept
		for _, page := range cachePages {
			got, want := c.Extract([]byte(page)), Extract([]byte(page))
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round %d, %q:\ncached %+v\nwant   %+v", round, page, got, want)
			}
		}
	}
	var nilCache *ExtractCache
	if got, want := nilCache.Extract([]byte(cachePages[0])), Extract([]byte(cachePages[0])); !reflect.DeepEqual(got, want) {
		t.Errorf("nil cache: %+v, want %+v", got, want)
	}
}

func TestExtractCacheKeepsSharedParts(t *testing.T) {
	t.Parallel()
	var c ExtractCache
	c.Extract([]byte(cachePages[0]))
	if c.kept.entries != 0 {
		t.Errorf("the first page kept %d parts, want none: no part was met twice", c.kept.entries)
	}
	c.Extract([]byte(cachePages[1]))
	shared := c.kept.entries
	if shared < 10 {
		t.Errorf("the second page kept %d parts, want one by block the two pages share", shared)
	}
	// The third site's page differs in the two paragraphs that name the
	// commune, met once: they are read and not kept.
	c.Extract([]byte(cachePages[2]))
	if c.kept.entries != shared {
		t.Errorf("the third page kept %d more parts, want none", c.kept.entries-shared)
	}
	for k, entries := range c.parts {
		if strings.Contains(k, "Tiznit") || strings.Contains(k, "Berkane") || strings.Contains(k, "Tata") {
			t.Errorf("a part met once was kept: %q (%d states)", k, len(entries))
		}
	}
}

// FuzzExtractCache checks that the cache reads any pages as Extract does,
// whatever it read before.
func FuzzExtractCache(f *testing.F) {
	for _, p := range cachePages {
		f.Add(p, strings.ReplaceAll(p, "Tiznit", "Tata"))
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var c ExtractCache
		for _, page := range []string{a, b, a, b} {
			if got, want := c.Extract([]byte(page)), Extract([]byte(page)); !reflect.DeepEqual(got, want) {
				t.Fatalf("cached %+v, want %+v for %q", got, want, page)
			}
		}
	})
}

// A long part is read each time rather than kept, and gives the same
// text either way.
func TestExtractCacheKeepsNoLongPart(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("mot ", maxPartBytes/4+1)
	page := []byte("<html><body><main><p>" + long + "<p>court</main>")
	var c ExtractCache
	for range 3 {
		if got, want := c.Extract(page), Extract(page); !reflect.DeepEqual(got, want) {
			t.Fatalf("cached extraction differs:\n%v\nwant\n%v", got, want)
		}
	}
	for part := range c.parts {
		if len(part) > maxPartBytes {
			t.Errorf("a part of %d bytes is kept", len(part))
		}
	}
	if c.kept.entries == 0 {
		t.Error("the short part met three times is not kept")
	}
}

// A block that differs from commune to commune only in a fact is read,
// from the third commune on, by the parts around the fact that the
// communes share: only the fact is read again.
func TestExtractCacheKeepsThePartsAroundAFact(t *testing.T) {
	t.Parallel()
	var c ExtractCache
	for _, page := range cachePages[:2] {
		c.Extract([]byte(page))
	}
	around := []string{"<p>Avant ", "</span> après"}
	for _, part := range around {
		if len(c.parts[part]) == 0 {
			t.Errorf("the part %q that two communes share around their fact is not kept", part)
		}
	}
	page := []byte(cachePages[2])
	if got, want := c.Extract(page), Extract(page); !reflect.DeepEqual(got, want) {
		t.Errorf("the third commune's page reads %+v, want %+v", got, want)
	}
}

// The parts of a page nested deeper than maxCachedDepth are read without
// the cache, whose keys would grow with the depth, and give the same text.
func TestExtractCacheReadsDeepPartsWithout(t *testing.T) {
	t.Parallel()
	page := []byte("<main>" + strings.Repeat("<b>x<div>y", 3*maxCachedDepth) + "</main>")
	var c ExtractCache
	for range 3 {
		if got, want := c.Extract(page), Extract(page); !reflect.DeepEqual(got, want) {
			t.Fatalf("cached extraction differs:\n%v\nwant\n%v", got, want)
		}
	}
	if c.kept.entries == 0 {
		t.Error("no part of the page's shallow start is kept")
	}
	for part, entries := range c.parts {
		for _, e := range entries {
			if len(e.text.open) > maxCachedDepth+strings.Count(part, "<") {
				t.Errorf("the part %q is kept with %d elements open", part, len(e.text.open))
			}
		}
	}
}

// However many parts pages share, the cache keeps at most maxCachedBytes
// of them, and still gives what Extract gives.
func TestExtractCacheKeepsWithinItsBudget(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("mot ", 15000/4)
	var c ExtractCache
	for i := range 2 * maxCachedBytes / 15000 {
		page := []byte(fmt.Sprintf("<html><body><main><p>%d %s</main>", i, long))
		for range 2 {
			if got, want := c.Extract(page), Extract(page); !reflect.DeepEqual(got, want) {
				t.Fatalf("page %d: cached extraction differs", i)
			}
		}
	}
	kept := 0
	for part, entries := range c.parts {
		for _, e := range entries {
			kept += len(part) + len(e.state) + e.text.size()
		}
	}
	if kept > maxCachedBytes || kept != c.kept.bytes {
		t.Errorf("the cache keeps %d bytes, counts %d, most %d", kept, c.kept.bytes, maxCachedBytes)
	}
	if len(c.parts) == 0 {
		t.Error("no part is kept")
	}
}
