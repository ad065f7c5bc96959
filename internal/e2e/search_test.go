package e2e

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/tadafor/tadafor/internal/search"
)

// found is what the search page shows after a query: the status
// announced and the folders of the pages listed, in order.
type found struct {
	Status string   `json:"status"`
	Pages  []string `json:"pages"`
	Marked int      `json:"marked"` // words marked in the passages shown
}

// foundJS reads the results shown: each link's folder from the site's root.
const foundJS = `(() => {
	const root = new URL(document.getElementById("search-form").dataset.root, location.href).href;
	return {
		status: document.getElementById("search-status").textContent,
		pages: [...document.querySelectorAll("#search-list h3 a")].map((a) => a.href.slice(root.length).replace(/\/index\.html$/, "")),
		marked: document.querySelectorAll("#search-list mark").length,
	};
})()`

// queryJS types each query of a list in the search page's box, submits
// it, and reads the results: one call for all, to spare round trips.
const queryJS = `((queries) => queries.map((q) => {
	const form = document.getElementById("search-form");
	form.querySelector("input[name=q]").value = q;
	form.requestSubmit();
	return ` + foundJS + `;
}))`

// query runs the queries in the search page open in b.
func query(b *tab, queries ...string) []found {
	b.t.Helper()
	js, _ := json.Marshal(queries)
	return eval[[]found](b, queryJS+"("+string(js)+")")
}

// firstCase is the first of searchCases in lang.
func firstCase(lang string) searchCase {
	i := slices.IndexFunc(searchCases, func(c searchCase) bool { return c.lang == lang })
	return searchCases[i]
}

// rankOf is the position of want among pages, from 1, or 0.
func rankOf(pages []string, want string) int {
	return slices.Index(pages, want) + 1
}

// TestSearchFindsTheSpellingsOfAWord types every query of searchCases in
// the search page of its language, as a citizen would on a phone: the page
// must come among the first results, the count is announced and the
// words found are marked.
func TestSearchFindsTheSpellingsOfAWord(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ar", "fr"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			b := newTab(t)
			b.do("set a phone's viewport", chromedp.EmulateViewport(360, 740))
			b.open("/" + searchCommune + "/" + lang + "/search/index.html")
			var cases []searchCase
			var queries []string
			for _, c := range searchCases {
				if c.lang == lang {
					cases, queries = append(cases, c), append(queries, c.query)
				}
			}
			results := query(b, append(queries, "zzzqqq")...)
			for i, c := range cases {
				got := results[i]
				if r := rankOf(got.Pages, c.want); r == 0 || r > searchTop {
					t.Errorf("%q (%s): %s comes %d, want among the first %d: %q", c.query, c.what, c.want, r, searchTop, got.Pages)
				}
				if got.Status == "" || got.Marked == 0 {
					t.Errorf("%q: the status announces %q and %d words are marked", c.query, got.Status, got.Marked)
				}
			}
			if got := results[len(cases)]; len(got.Pages) > 0 || got.Status == "" {
				t.Errorf("a word found nowhere lists %q and announces %q", got.Pages, got.Status)
			}
		})
	}
}

// TestSearchFromTheHeaderOverHTTPAndFromTheDisk types a query in the
// header's search box of a guide, served over HTTP and opened from the
// disk (file://), and presses Enter: the search page opens with the
// query and its results.
func TestSearchFromTheHeaderOverHTTPAndFromTheDisk(t *testing.T) {
	t.Parallel()
	for _, src := range []string{"http", "file"} {
		for _, c := range []searchCase{firstCase("ar"), firstCase("fr")} {
			t.Run(src+"/"+c.lang, func(t *testing.T) {
				t.Parallel()
				b := newTab(t)
				b.do("set a phone's viewport", chromedp.EmulateViewport(360, 740))
				start := "/" + searchCommune + "/" + c.lang + "/participation/petitions/index.html"
				if src == "http" {
					b.open(start)
				} else {
					b.do("open from the disk", chromedp.Navigate("file://"+filepath.ToSlash(filepath.Join(env.out, start))))
				}
				js, _ := json.Marshal(c.query)
				b.do("type in the header's box", chromedp.Evaluate[chromedp.Void](`document.getElementById("header-q").value = `+string(js)))
				if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
					chromedp.Steps(chromedp.Focus(chromedp.CSS("#header-q")), chromedp.KeyEvent(kb.Enter)))); err != nil {
					t.Fatalf("press Enter in the header's search box: %v", err)
				}
				loc, _ := url.Parse(eval[string](b, `location.href`))
				if !strings.HasSuffix(loc.Path, "/search/index.html") && !strings.HasSuffix(loc.Path, "/search/") || loc.Query().Get("q") != c.query {
					t.Fatalf("Enter leads to %s, want the search page with q=%s", loc, c.query)
				}
				got := eval[found](b, foundJS)
				if rankOf(got.Pages, c.want) == 0 {
					t.Errorf("%s: the search page lists %q for %q, without %s", loc, got.Pages, c.query, c.want)
				}
				if src == "file" && len(got.Pages) > 0 {
					// The links of the results open files that exist.
					href := eval[string](b, `document.querySelector("#search-list h3 a").href`)
					u, _ := url.Parse(href)
					if _, err := os.Stat(filepath.FromSlash(u.Path)); err != nil {
						t.Errorf("the first result leads to %s: %v", href, err)
					}
				}
			})
		}
	}
}

// TestSearchWithoutJavaScript submits the header's box with scripts off:
// the search page opens and says that searching needs JavaScript, hides
// the search field that could not work, and lists every guide and
// procedure of the site from A to Z.
func TestSearchWithoutJavaScript(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"ar", "fr"} {
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			b := newTab(t)
			b.do("turn scripts off", chromedp.EmulateViewport(360, 740), scripts(false))
			b.open("/" + searchCommune + "/" + lang + "/participation/petitions/index.html")
			if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil,
				chromedp.Steps(chromedp.Focus(chromedp.CSS("#header-q")), chromedp.KeyEvent("x"), chromedp.KeyEvent(kb.Enter)))); err != nil {
				t.Fatalf("submit the header's search box: %v", err)
			}
			got := eval[struct {
				Path    string   `json:"path"`
				Note    bool     `json:"note"`
				Field   bool     `json:"field"`
				Letters int      `json:"letters"`
				Pages   []string `json:"pages"`
			}](b, `(() => {
				const shown = (e) => !!e && e.checkVisibility();
				return {
					path: location.pathname,
					note: shown(document.querySelector(".search-nojs")),
					field: shown(document.getElementById("search-q")),
					letters: document.querySelectorAll(".az-letters a").length,
					pages: [...document.querySelectorAll(".az-list a")].filter(shown).map((a) => a.href),
				};
			})()`)
			if !strings.Contains(got.Path, "/search/") || !got.Note || got.Field {
				t.Errorf("without JavaScript the header's box leads to %s, the note shows: %v, the field shows: %v", got.Path, got.Note, got.Field)
			}
			want := guidesAndProcedures(t, lang)
			var listed []string
			for _, h := range got.Pages {
				u, _ := url.Parse(h)
				listed = append(listed, strings.TrimSuffix(strings.TrimPrefix(u.Path, "/"+searchCommune+"/"), "/index.html"))
			}
			slices.Sort(listed)
			if !slices.Equal(listed, want) || got.Letters < 5 {
				t.Errorf("the A–Z index lists %d pages under %d letters:\n%q\nwant every guide and procedure:\n%q", len(listed), got.Letters, listed, want)
			}
		})
	}
}

// guidesAndProcedures lists the folders of the guides and procedures of
// the search commune in lang, from the built files.
func guidesAndProcedures(t *testing.T, lang string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(env.out, searchCommune)
	err := filepath.WalkDir(filepath.Join(root, lang), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if m := bodyLayout.FindSubmatch(b); m != nil && (string(m[1]) == "guide" || string(m[1]) == "procedure") {
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// TestSearchResultsAreAccessible runs a query on the search page of each
// language, then checks what a keyboard and a screen reader get: the
// count in a status region (announced when it changes), no axe-core
// violation with the results shown, Tab from the field to the button and
// then to the first result, and in Arabic the results aligned to the
// right.
func TestSearchResultsAreAccessible(t *testing.T) {
	t.Parallel()
	src := needAxe(t)
	for _, c := range []searchCase{firstCase("ar"), firstCase("fr")} {
		t.Run(c.lang, func(t *testing.T) {
			t.Parallel()
			b := newTab(t)
			b.do("set a phone's viewport", chromedp.EmulateViewport(360, 740))
			b.open("/" + searchCommune + "/" + c.lang + "/search/index.html?q=" + url.QueryEscape(c.query))
			got := eval[found](b, foundJS)
			if len(got.Pages) == 0 {
				t.Fatalf("no result for %q", c.query)
			}
			live := eval[string](b, `(() => { const s = document.getElementById("search-status"); return s.getAttribute("role") + " " + (s.getAttribute("aria-live") || "polite"); })()`)
			if live != "status polite" || !strings.Contains(got.Status, c.query) {
				t.Errorf("the count %q is in a region %q, want a polite status naming the query", got.Status, live)
			}
			b.do("load axe-core", chromedp.Evaluate[chromedp.Void](src))
			violations, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]violation](axeRunJS, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("run axe-core: %v", err)
			}
			for _, v := range violations {
				t.Errorf("with results shown: %s (%s): %s, at %d elements", v.ID, v.Impact, v.Help, len(v.Nodes))
			}
			b.do("focus the field, then Tab twice", chromedp.Focus(chromedp.CSS("#search-q")), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
			if f := eval[string](b, `document.activeElement === document.querySelector("#search-list h3 a") ? "first result" : document.activeElement.outerHTML.slice(0, 60)`); f != "first result" {
				t.Errorf("two Tabs after the field reach %s, want the first result", f)
			}
			if c.lang == "ar" {
				edges := eval[[]float64](b, `(() => { const a = document.querySelector("#search-list h3 a").getBoundingClientRect(), l = document.getElementById("search-list").getBoundingClientRect(); return [a.right, l.right]; })()`)
				if edges[0] < edges[1]-1 {
					t.Errorf("in Arabic the first result ends %g px from the list's right edge, want it aligned right", edges[1]-edges[0])
				}
			}
		})
	}
}

// TestSearchNormalisersAgree runs the script's rules and internal/search's
// over every word of every example site and the words of the rules' own
// tests, and requires the same folding, the same terms and the same cut
// into words.
func TestSearchNormalisersAgree(t *testing.T) {
	t.Parallel()
	words, texts := exampleWords(t)
	b := newTab(t)
	b.open("/" + searchCommune + "/ar/search/index.html")
	const batch = 2000
	for i := 0; i < len(words); i += batch {
		chunk := words[i:min(i+batch, len(words))]
		js, _ := json.Marshal(chunk)
		got := eval[[][3]string](b, `(`+string(js)+`).map((w) => {
			const terms = (list) => list.map((t) => t.text + ":" + t.weight).join(" ");
			return [tadaforSearch.fold(w), terms(tadaforSearch.terms(w)), terms(tadaforSearch.queryTerms(w))];
		})`)
		for j, w := range chunk {
			want := [3]string{search.Fold(w), termString(search.Terms(w)), termString(search.QueryTerms(w))}
			if got[j] != want {
				t.Errorf("%q: the script gives %q, internal/search %q", w, got[j], want)
			}
		}
	}
	for i := 0; i < len(texts); i += batch / 10 {
		chunk := texts[i:min(i+batch/10, len(texts))]
		js, _ := json.Marshal(chunk)
		got := eval[[][]string](b, `(`+string(js)+`).map((t) => tadaforSearch.words(t))`)
		for j, text := range chunk {
			var want []string
			search.Words(text, func(w string, _, _ int) { want = append(want, w) })
			if !slices.Equal(got[j], want) && (len(got[j]) > 0 || len(want) > 0) {
				t.Errorf("the script cuts %q into %q, internal/search into %q", text, got[j], want)
			}
		}
	}
	t.Logf("%d words and %d passages compared", len(words), len(texts))
}

func termString(ts []search.Term) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s:%d", t.Text, t.Weight)
	}
	return b.String()
}

// exampleWords returns every distinct word and passage of the text of
// every page of the built example project, with words that try the rules'
// corners.
func exampleWords(t *testing.T) (words, texts []string) {
	t.Helper()
	seenWord, seenText := map[string]bool{}, map[string]bool{}
	add := func(text string) {
		if !seenText[text] {
			seenText[text] = true
			texts = append(texts, text)
		}
		search.Words(text, func(w string, _, _ int) {
			if !seenWord[w] {
				seenWord[w] = true
				words = append(words, w)
			}
		})
	}
	for _, w := range []string{"للأسرة", "الاسره", "أسرة", "وللأسرة", "التزام", "الالتزام", "ﷺ", "ﻻ", "İstanbul", "ΣΑΣ",
		"Wifiمجاني", "a\u200cb", "٢٠٢٤", "۱۴۰۳", "bureaux", "locaux", "ŒUVRE", "ﬁnance", "mḍ", "ٱلرحمن", "ۀ", "ی", "ک"} {
		add(w)
	}
	err := filepath.WalkDir(env.out, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(d.Name(), ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, ps := range search.Extract(b) {
			add(ps.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(words) < 5000 {
		t.Fatalf("only %d words in the example sites", len(words))
	}
	return words, texts
}
