package search

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Doc is one page of a site, as the index knows it.
type Doc struct {
	// Dir is the page's folder from the site's root ("fr/contact"); the
	// page is its index.html.
	Dir   string
	Title string
	// Kind is the index of the page's kind in Index.Kinds.
	Kind     int
	Passages []Passage
}

// Index is what the search page of a commune site in one language needs:
// its pages and the terms found in them, with the words its script shows.
type Index struct {
	// Kinds are the names of the kinds of page, in the page's language.
	Kinds []string
	// Messages are the script's interface strings by name; Counts says
	// "n results" for each n from 0 to the number of pages.
	Messages map[string]string
	Counts   []string
	// Shown is how many results the page lists at most.
	Shown int
	Docs  []Doc
}

// How much a word counts where it is found: the page's title, a heading,
// the text.
const (
	titleWeight   = 12
	headingWeight = 4
	textWeight    = 1
)

// posting is what the index keeps of a term in one page.
type posting struct {
	doc     int
	sum     int // the weights of its occurrences
	passage int // the first passage it is in, plus one; 0 when only in the title
}

// Script returns the index as the script the search page loads. It calls
// tadaforSearchIndex with a plain object, which
// themes/default/static/js/search.js reads:
//
//	msg, counts, kinds, shown  as in Index
//	texts  the text of every passage, each text once
//	heads  the indexes in texts of the texts that are headings
//	docs   per page: [folder, title, kind, [index in texts of each passage]]
//	terms  every term, sorted, joined by spaces
//	post   per term: [page, score, passage, …], the page as the difference
//	       from the previous one, the score from 1 to 99, the passage's
//	       position in the page plus one (0: only in the title)
//
// A script, not JSON read with fetch, loads from the disk (file://) too.
// The output depends only on ix: two builds of one site are identical.
// cache, which may be nil, keeps the terms of each text for the next
// index.
func (ix *Index) Script(cache *TermCache) []byte {
	terms := map[string][]posting{}
	note := func(doc int, text string, weight, passage int) {
		for _, t := range cache.termsOf(text) {
			ps := terms[t.Text]
			if n := len(ps); n > 0 && ps[n-1].doc == doc {
				ps[n-1].sum += weight * t.Weight
				if ps[n-1].passage == 0 {
					ps[n-1].passage = passage
				}
				continue
			}
			terms[t.Text] = append(ps, posting{doc, weight * t.Weight, passage})
		}
	}
	type text struct {
		s       string
		heading bool
	}
	ids := map[text]int{}
	texts, heads := []string{}, []int{}
	docs := make([][]any, len(ix.Docs))
	for i, d := range ix.Docs {
		note(i, d.Title, titleWeight, 0)
		passages := make([]int, len(d.Passages))
		for j, p := range d.Passages {
			w := textWeight
			if p.Heading {
				w = headingWeight
			}
			note(i, p.Text, w, j+1)
			id, ok := ids[text{p.Text, p.Heading}]
			if !ok {
				id = len(texts)
				ids[text{p.Text, p.Heading}] = id
				texts = append(texts, p.Text)
				if p.Heading {
					heads = append(heads, id)
				}
			}
			passages[j] = id
		}
		docs[i] = []any{d.Dir, d.Title, d.Kind, passages}
	}

	keys := make([]string, 0, len(terms))
	for t := range terms {
		keys = append(keys, t)
	}
	slices.Sort(keys)
	post := make([][]int, len(keys))
	for i, t := range keys {
		prev := 0
		for _, p := range terms[t] {
			post[i] = append(post[i], p.doc-prev, score(p.sum), p.passage)
			prev = p.doc
		}
	}
	data := struct {
		Msg    map[string]string `json:"msg"`
		Counts []string          `json:"counts"`
		Shown  int               `json:"shown"`
		Kinds  []string          `json:"kinds"`
		Texts  []string          `json:"texts"`
		Heads  []int             `json:"heads"`
		Docs   [][]any           `json:"docs"`
		Terms  string            `json:"terms"`
		Post   [][]int           `json:"post"`
	}{ix.Messages, ix.Counts, ix.Shown, ix.Kinds, texts, heads, docs, strings.Join(keys, " "), post}
	var b bytes.Buffer
	b.WriteString("tadaforSearchIndex(")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(data)    // strings, numbers and slices of them always encode
	b.Truncate(b.Len() - 1) // the encoder's newline
	b.WriteString(");\n")
	return b.Bytes()
}

// TermCache keeps the terms of the texts indexes are made of, and of
// their words: the sites of a build share most of their texts (the shared
// pages) and nearly all their words, which are then read once. It is safe
// for concurrent use; the zero value is ready.
type TermCache struct {
	texts sync.Map // text → []Term
	words sync.Map // word → []Term
	// kept counts the texts: past maxCachedTexts, a new text is not kept,
	// so that the texts only one commune has (its name, its facts) do
	// not pile up over a whole country; the first sites have put the
	// shared texts in by then.
	kept atomic.Int64
}

// maxCachedTexts is the most texts a TermCache keeps.
const maxCachedTexts = 1 << 14

// termsOf returns the terms of every word of text, in order.
func (c *TermCache) termsOf(text string) []Term {
	if c == nil {
		var ts []Term
		Words(text, func(w string, _, _ int) { ts = append(ts, Terms(w)...) })
		return ts
	}
	if v, ok := c.texts.Load(text); ok {
		return v.([]Term)
	}
	var ts []Term
	Words(text, func(w string, _, _ int) {
		v, ok := c.words.Load(w)
		if !ok {
			v, _ = c.words.LoadOrStore(w, Terms(w))
		}
		ts = append(ts, v.([]Term)...)
	})
	if c.kept.Load() < maxCachedTexts {
		if _, loaded := c.texts.LoadOrStore(text, ts); !loaded {
			c.kept.Add(1)
		}
	}
	return ts
}

// score turns the weights of a term's occurrences in a page into 1–99:
// the first occurrences count most.
func score(sum int) int {
	return min(99, max(1, int(math.Round(10*math.Log2(1+float64(sum)/2)))))
}
