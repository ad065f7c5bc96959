package search

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
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

// term is a term of an index and its place in the index's postings.
type term struct {
	text string
	id   int32
}

// slots find the postings of a term in an index by the term's number in
// a TermCache: slot[number] is their place plus one, 0 for none. Every
// slot is 0 again when an index is written.
// It also holds the postings of an index, reused from index to index.
type slots struct {
	slot  []int32
	links []link
}

var slotsPool = sync.Pool{New: func() any { return new(slots) }}

// of returns the slot of term number id.
func (s *slots) of(id int32) *int32 {
	if int(id) >= len(s.slot) {
		s.slot = append(s.slot, make([]int32, int(id)+1-len(s.slot)+1024)...)
	}
	return &s.slot[id]
}

// postings are the postings of a term, in the order of the pages: a
// chain of links, first to last, with how many they are.
type postings struct{ first, last, n int32 }

// link is a posting and the place of the term's next one in the links
// of the index, -1 for none: the postings of every term are in one
// slice, instead of a slice for each term.
type link struct {
	posting
	next int32
}

// maxPooledLinks is the most links kept for the next index.
const maxPooledLinks = 1 << 20

// posting is what the index keeps of a term in one page.
type posting struct {
	doc     int32
	sum     int32 // the weights of its occurrences
	passage int32 // the first passage it is in, plus one; 0 when only in the title
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
	if cache == nil {
		cache = &TermCache{}
	}
	// The postings of each term, in the order the terms are met; found
	// by the term's number in cache through slots.
	var terms []postings
	var met []int32 // the number of each term in terms
	sl := slotsPool.Get().(*slots)
	links := sl.links[:0]
	note := func(doc int, t *textTerms, weight, passage int) {
		for _, r := range t.terms {
			k := sl.of(r.id)
			if *k == 0 {
				terms = append(terms, postings{-1, -1, 0})
				met = append(met, r.id)
				*k = int32(len(terms))
			}
			ps := &terms[*k-1]
			if ps.last >= 0 && links[ps.last].doc == int32(doc) {
				last := &links[ps.last]
				last.sum += int32(weight * r.weight)
				if last.passage == 0 {
					last.passage = int32(passage)
				}
				continue
			}
			links = append(links, link{posting{int32(doc), int32(weight * r.weight), int32(passage)}, -1})
			at := int32(len(links) - 1)
			if ps.last >= 0 {
				links[ps.last].next = at
			} else {
				ps.first = at
			}
			ps.last = at
			ps.n++
		}
	}
	// Each text once, by its hash and whether it is a heading's; a text
	// whose hash another text has is told apart in same.
	type key struct {
		hash    uint64
		heading bool
	}
	type text struct {
		s       string
		heading bool
	}
	ids := map[key]int{}
	var same map[text]int
	texts, heads := []*textTerms{}, []int{}
	docs := make([][]int, len(ix.Docs)) // the passages of each page
	for i, d := range ix.Docs {
		note(i, cache.termsOf(d.Title, maphash.String(seed, d.Title)), titleWeight, 0)
		passages := make([]int, len(d.Passages))
		for j, p := range d.Passages {
			w := textWeight
			if p.Heading {
				w = headingWeight
			}
			h := maphash.String(seed, p.Text)
			tt := cache.termsOf(p.Text, h)
			note(i, tt, w, j+1)
			k := key{h, p.Heading}
			id, ok := ids[k]
			if ok && texts[id].text != p.Text {
				id, ok = same[text{p.Text, p.Heading}]
			}
			if !ok {
				id = len(texts)
				if _, taken := ids[k]; taken {
					if same == nil {
						same = map[text]int{}
					}
					same[text{p.Text, p.Heading}] = id
				} else {
					ids[k] = id
				}
				texts = append(texts, tt)
				if p.Heading {
					heads = append(heads, id)
				}
			}
			passages[j] = id
		}
		docs[i] = passages
	}

	keys := make([]term, len(terms))
	cache.mu.RLock()
	for i, id := range met {
		keys[i] = term{cache.names[id], int32(i)}
		sl.slot[id] = 0
	}
	cache.mu.RUnlock()
	slices.SortFunc(keys, func(a, b term) int { return strings.Compare(a.text, b.text) })

	b := make([]byte, 0, ix.size(texts, docs, keys, terms))
	b = append(b, `tadaforSearchIndex({"msg":`...)
	b = appendMap(b, ix.Messages)
	b = append(b, `,"counts":`...)
	b = appendArray(b, ix.Counts, appendString)
	b = append(b, `,"shown":`...)
	b = strconv.AppendInt(b, int64(ix.Shown), 10)
	b = append(b, `,"kinds":`...)
	b = appendArray(b, ix.Kinds, appendString)
	b = append(b, `,"texts":`...)
	b = append(b, '[')
	for i, t := range texts {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, t.json...)
	}
	b = append(b, ']')
	b = append(b, `,"heads":`...)
	b = appendArray(b, heads, appendInt)
	b = append(b, `,"docs":[`...)
	for i, d := range ix.Docs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendString(b, d.Dir)
		b = append(b, ',')
		b = appendString(b, d.Title)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(d.Kind), 10)
		b = append(b, ',')
		b = appendArray(b, docs[i], appendInt)
		b = append(b, ']')
	}
	b = append(b, `],"terms":`...)
	joined := make([]string, len(keys))
	for i, t := range keys {
		joined[i] = t.text
	}
	b = appendString(b, strings.Join(joined, " "))
	b = append(b, `,"post":[`...)
	for i, t := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		prev := int32(0)
		for at := terms[t.id].first; at >= 0; at = links[at].next {
			p := links[at]
			if at != terms[t.id].first {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, int64(p.doc-prev), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(scoreOf(int(p.sum))), 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, int64(p.passage), 10)
			prev = p.doc
		}
		b = append(b, ']')
	}
	b = append(b, "]});\n"...)
	sl.links = nil
	if cap(links) <= maxPooledLinks { // a very large index does not stay in memory
		sl.links = links[:0]
	}
	slotsPool.Put(sl)
	return b
}

// size is about the length of the script of ix, whose texts, passages,
// terms and postings are given: a little more, so that the script is
// written without growing its buffer.
func (ix *Index) size(texts []*textTerms, docs [][]int, keys []term, terms []postings) int {
	n := 4 << 10 // the interface strings, the punctuation
	for _, t := range texts {
		n += len(t.json) + 1
	}
	for i, d := range ix.Docs {
		n += 2*len(d.Dir) + 2*len(d.Title) + 16 + 8*len(docs[i]) // their JSON escapes at most doubling them
	}
	for _, t := range keys {
		n += 2*len(t.text) + 4 + 12*int(terms[t.id].n)
	}
	return n
}

// TermCache keeps the terms of the texts indexes are made of, and of
// their words: the sites of a build share most of their texts (the shared
// pages) and nearly all their words, which are then read once. Each term
// has a number, so that an index hashes a text once and its terms not at
// all. It is safe for concurrent use; the zero value is ready.
type TermCache struct {
	mu    sync.RWMutex
	texts map[uint64]*textTerms // by the text's hash (maphash, seed)
	// seen are the hashes of the texts met once: a text is kept when met
	// again, so that the texts only one commune has (its facts) are not.
	seen  metOnce
	words map[string][]termRef
	ids   map[string]int32 // a term's number
	names []string         // the term of each number
	// sentences are the terms of the sentences of texts of several, when
	// met twice (seenSentences are the hashes of those met once): the
	// texts that name a commune's fact share their other sentences.
	sentences     map[string][]termRef
	seenSentences metOnce
	// keptTexts and keptSentences count what texts and sentences keep.
	keptTexts, keptSentences budget
}

// textTerms are the terms of the words of a text, each once with the sum
// of its weights.
type textTerms struct {
	text  string
	json  []byte // text as a JSON string
	terms []termRef
}

// termRef is a term, by its number in a TermCache, and a weight.
type termRef struct {
	id     int32
	weight int
}

// seed hashes the texts of every index.
var seed = maphash.MakeSeed()

// maxSeenTexts is the most hashes of texts, and of sentences, met once a
// TermCache keeps: past it, it forgets them all. A text or a sentence
// longer than maxPartBytes is read each time, and never kept (see
// budget).
const maxSeenTexts = 1 << 16

// termsPool holds the slices termsOf gathers a text's terms in.
var termsPool = sync.Pool{New: func() any { return new([]termRef) }}

// termsOf returns the terms of text, whose hash is h.
func (c *TermCache) termsOf(text string, h uint64) *textTerms {
	c.mu.RLock()
	t, ok := c.texts[h]
	c.mu.RUnlock()
	if ok && t.text == text {
		return t
	}
	t = &textTerms{text: text, json: appendString(make([]byte, 0, len(text)+2), text)}
	// The terms are gathered in a slice reused from text to text, then
	// copied once at their number. A text of several sentences is read
	// sentence by sentence: a passage that names a commune's fact shares
	// its other sentences with the other communes.
	sc := termsPool.Get().(*[]termRef)
	terms := (*sc)[:0]
	if strings.Contains(strings.TrimSuffix(text, sentenceEnd), sentenceEnd) {
		st := termsPool.Get().(*[]termRef)
		for rest := text; rest != ""; {
			sentence := rest
			if i := strings.Index(rest, sentenceEnd); i >= 0 {
				sentence = rest[:i+len(sentenceEnd)]
			}
			rest = rest[len(sentence):]
			var more []termRef
			more, *st = c.sentenceTerms(sentence, *st)
			terms = mergeTerms(terms, more)
		}
		termsPool.Put(st)
	} else {
		terms = c.wordTerms(terms, text)
	}
	if len(terms) > 0 {
		t.terms = slices.Clone(terms)
	}
	*sc = terms
	termsPool.Put(sc)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(text) > maxPartBytes || !c.seen.again(h, maxSeenTexts) {
		return t
	}
	if _, taken := c.texts[h]; !taken && c.keptTexts.take(len(text)+len(t.json)) {
		if c.texts == nil {
			c.texts = map[uint64]*textTerms{}
		}
		c.texts[h] = t
	}
	return t
}

// sentenceEnd ends a sentence, which no word spans (see Words).
const sentenceEnd = ". "

// mergeTerms appends to terms the terms of more, adding the weight of a
// term already there: the terms of two texts in a row.
func mergeTerms(terms, more []termRef) []termRef {
	for _, r := range more {
		i := slices.IndexFunc(terms, func(o termRef) bool { return o.id == r.id })
		if i < 0 {
			terms = append(terms, r)
		} else {
			terms[i].weight += r.weight
		}
	}
	return terms
}

// wordTerms returns the terms of the words of text, each once with the
// sum of its weights, gathered in buf.
func (c *TermCache) wordTerms(buf []termRef, text string) []termRef {
	for {
		terms := buf[:0]
		var missing []string
		c.mu.RLock()
		Words(text, func(w string, _, _ int) {
			refs, ok := c.words[w]
			if !ok {
				missing = append(missing, w)
			}
			terms = mergeTerms(terms, refs)
		})
		c.mu.RUnlock()
		if missing == nil {
			return terms
		}
		for _, w := range missing {
			c.addWord(w)
		}
		buf = terms
	}
}

// sentenceTerms returns the terms of sentence, kept when it is met
// again; those it reads are gathered in buf, returned grown.
func (c *TermCache) sentenceTerms(sentence string, buf []termRef) (terms, grown []termRef) {
	c.mu.RLock()
	terms, ok := c.sentences[sentence]
	c.mu.RUnlock()
	if ok {
		return terms, buf
	}
	terms = c.wordTerms(buf, sentence)
	h := maphash.String(seed, sentence)
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(sentence) > maxPartBytes || !c.seenSentences.again(h, maxSeenTexts) {
		return terms, terms
	}
	if _, taken := c.sentences[sentence]; !taken && c.keptSentences.take(len(sentence)) {
		if c.sentences == nil {
			c.sentences = map[string][]termRef{}
		}
		c.sentences[sentence] = slices.Clone(terms)
	}
	return terms, terms
}

// addWord keeps the terms of word w, numbering those new.
func (c *TermCache) addWord(w string) {
	ts := Terms(w)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.words[w]; ok {
		return
	}
	if c.words == nil {
		c.words, c.ids = map[string][]termRef{}, map[string]int32{}
	}
	refs := make([]termRef, len(ts))
	for i, t := range ts {
		id, ok := c.ids[t.Text]
		if !ok {
			id = int32(len(c.names))
			c.ids[t.Text] = id
			c.names = append(c.names, t.Text)
		}
		refs[i] = termRef{id, t.Weight}
	}
	c.words[w] = refs
}

// appendString appends s as a JSON string, as encoding/json writes it
// without escaping HTML.
func appendString(b []byte, s string) []byte {
	if plainJSON(s) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
}

// plainJSON reports whether s is a JSON string as it is: valid UTF-8
// without a control character, a quote, a backslash or the line and
// paragraph separators encoding/json escapes.
func plainJSON(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b < 0x20 || b == '"' || b == '\\':
			return false
		case b == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9): // U+2028, U+2029
			return false
		case b >= utf8.RuneSelf:
			ascii = false
		}
	}
	return ascii || utf8.ValidString(s)
}

// appendArray appends list as a JSON array, each element by appendOne
// (null when nil, as encoding/json writes it).
func appendArray[T any](b []byte, list []T, appendOne func([]byte, T) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i, x := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendOne(b, x)
	}
	return append(b, ']')
}

// appendInt appends n in decimal.
func appendInt(b []byte, n int) []byte { return strconv.AppendInt(b, int64(n), 10) }

// appendMap appends m as a JSON object, its keys sorted as encoding/json
// sorts them (null when nil).
func appendMap(b []byte, m map[string]string) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(m)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, m[k])
	}
	return append(b, '}')
}

// scores are score(sum) for the sums up to 2047, past which it is 99.
var scores = func() (s [2048]uint8) {
	for i := range s {
		s[i] = uint8(score(i))
	}
	return s
}()

// scoreOf is score, looked up.
func scoreOf(sum int) int {
	if 0 <= sum && sum < len(scores) {
		return int(scores[sum])
	}
	return score(sum)
}

// score turns the weights of a term's occurrences in a page into 1–99:
// the first occurrences count most.
func score(sum int) int {
	return min(99, max(1, int(math.Round(10*math.Log2(1+float64(sum)/2)))))
}
