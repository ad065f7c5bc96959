package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"testing"
)

// decoded is the data of Index.Script.
type decoded struct {
	Msg    map[string]string `json:"msg"`
	Counts []string          `json:"counts"`
	Shown  int               `json:"shown"`
	Kinds  []string          `json:"kinds"`
	Texts  []string          `json:"texts"`
	Heads  []int             `json:"heads"`
	Docs   [][]any           `json:"docs"`
	Terms  string            `json:"terms"`
	Post   [][]int           `json:"post"`
}

func decode(t *testing.T, script []byte) decoded {
	t.Helper()
	body, ok := bytes.CutPrefix(script, []byte("tadaforSearchIndex("))
	body, ok2 := bytes.CutSuffix(body, []byte(");\n"))
	if !ok || !ok2 {
		t.Fatalf("the script is not a call of tadaforSearchIndex: %.80s…", script)
	}
	var d decoded
	if err := json.Unmarshal(body, &d); err != nil {
		t.Fatalf("decode the index: %v", err)
	}
	return d
}

func TestIndexScript(t *testing.T) {
	t.Parallel()
	ix := &Index{
		Kinds:    []string{"page", "guide"},
		Messages: map[string]string{"first": "the first 20"},
		Counts:   []string{"none", "one", "two"},
		Docs: []Doc{
			{Dir: "ar/participation/petitions", Title: "العرائض", Kind: 1, Passages: []Passage{
				{Text: "تقديم عريضة إلى المجلس"}, {Text: "من يوقع؟", Heading: true}, {Text: "موقع تجريبي"},
			}},
			{Dir: "ar/contact", Title: "اتصل بنا", Passages: []Passage{
				{Text: "موقع تجريبي"}, {Text: "العرائض والشكايات"},
			}},
		},
	}
	script := ix.Script(nil)
	cache := &TermCache{}
	for range 2 {
		if again := ix.Script(cache); !bytes.Equal(script, again) {
			t.Fatal("two scripts of one index differ")
		}
	}
	d := decode(t, script)
	if d.Msg["first"] != "the first 20" || !slices.Equal(d.Counts, ix.Counts) || !slices.Equal(d.Kinds, ix.Kinds) {
		t.Errorf("the interface strings are %v %v %v", d.Msg, d.Counts, d.Kinds)
	}
	// Each text once; the headings listed.
	if want := []string{"تقديم عريضة إلى المجلس", "من يوقع؟", "موقع تجريبي", "العرائض والشكايات"}; !slices.Equal(d.Texts, want) {
		t.Errorf("texts = %q, want %q", d.Texts, want)
	}
	if !slices.Equal(d.Heads, []int{1}) {
		t.Errorf("heads = %v, want [1]", d.Heads)
	}
	if got, _ := json.Marshal(d.Docs); string(got) != `[["ar/participation/petitions","العرائض",1,[0,1,2]],["ar/contact","اتصل بنا",0,[2,3]]]` {
		t.Errorf("docs = %s", got)
	}
	terms := strings.Split(d.Terms, " ")
	if !slices.IsSorted(terms) || len(terms) != len(d.Post) {
		t.Fatalf("%d terms, sorted: %v, for %d postings", len(terms), slices.IsSorted(terms), len(d.Post))
	}
	// The term of العرائض: in the title of the first page, in the text
	// of the second (its second passage).
	i := slices.Index(terms, "عرايض")
	if i < 0 {
		t.Fatalf("no term عرايض in %q", terms)
	}
	p := d.Post[i]
	if len(p) != 6 || p[0] != 0 || p[2] != 0 || p[3] != 1 || p[5] != 2 || p[1] <= p[4] {
		t.Errorf("postings of عرايض = %v, want [0 title-score 0 1 text-score 2] with the title scoring more", p)
	}
	// A stop word is not indexed.
	if slices.Contains(terms, "الي") {
		t.Errorf("the stop word إلى is indexed: %q", terms)
	}
}

// The script writes its strings as encoding/json does, without escaping
// HTML: the index a page loads is the same however it is written.
func TestScriptStringsAsEncodingJSON(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", "l’état & <b>", `a "quote" and a \ backslash`, "tab\tline\nfeed\r\f\b\x00\x1f\x7f",
		"بطاقة\u2028إلى\u2029", "bad \xff utf-8 \xe2\x80", "é", "\u2028", "end\u2029", "\xe2\x80\xa8x", "\xe2\x80\xaa"} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); string(got) != strings.TrimSuffix(want.String(), "\n") {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want.String())
		}
	}
	// The whole script reads back and writes again to the same bytes.
	ix := &Index{Kinds: []string{"page"}, Messages: map[string]string{"b": "2", "a": `"1"`}, Shown: 10,
		Docs: []Doc{{Dir: "fr/a", Title: `Le "titre"`, Passages: []Passage{{Text: "Un texte\tcourt", Heading: true}, {Text: "un autre"}}}}}
	script := ix.Script(nil)
	d := decode(t, script) // its fields in the script's order
	var want bytes.Buffer
	want.WriteString("tadaforSearchIndex(")
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		t.Fatal(err)
	}
	want.Truncate(want.Len() - 1)
	want.WriteString(");\n")
	if !bytes.Equal(script, want.Bytes()) {
		t.Errorf("script:\n%s\nencoding/json:\n%s", script, want.Bytes())
	}
}

func TestScoreLookedUp(t *testing.T) {
	t.Parallel()
	for sum := -2; sum < 10000; sum++ {
		if scoreOf(sum) != score(sum) {
			t.Fatalf("scoreOf(%d) = %d, score gives %d", sum, scoreOf(sum), score(sum))
		}
	}
}

// wantTerms are the terms of the words of text, each once with the sum of
// its weights, in the order met: what TermCache.termsOf gives.
func wantTerms(text string) []Term {
	var out []Term
	Words(text, func(w string, _, _ int) {
		for _, t := range Terms(w) {
			i := slices.IndexFunc(out, func(o Term) bool { return o.Text == t.Text })
			if i < 0 {
				out = append(out, t)
			} else {
				out[i].Weight += t.Weight
			}
		}
	})
	return out
}

// FuzzTermCache checks that a TermCache gives the terms of any text as
// its words give them, whatever texts it read before: texts of several
// sentences are read by their sentences, which it keeps.
func FuzzTermCache(f *testing.F) {
	f.Add("La commune de Tiznit. Texte commun. ", "La commune de Tata")
	f.Add("تعمل جماعة تيزنيت على الاستقبال. وتسهر المصالح على النشر.", "Fin. . x")
	f.Fuzz(func(t *testing.T, a, b string) {
		var c TermCache
		for _, text := range []string{a, b, a + ". " + b, b + ". " + a, a + ". " + b, a + ". " + a + ". " + b} {
			got := c.termsOf(text, maphash.String(seed, text))
			var named []Term
			c.mu.RLock()
			for _, r := range got.terms {
				named = append(named, Term{c.names[r.id], r.weight})
			}
			c.mu.RUnlock()
			if want := wantTerms(text); !slices.Equal(named, want) {
				t.Fatalf("terms of %q: %v, want %v", text, named, want)
			}
		}
	})
}

// The sentences two communes' texts share are kept, and those that name
// a commune's fact are not.
func TestTermCacheKeepsSharedSentences(t *testing.T) {
	t.Parallel()
	var c TermCache
	for _, name := range []string{"Tiznit", "Berkane", "Tata"} {
		text := "La commune de " + name + " accueille le public. Les horaires sont affichés."
		c.termsOf(text, maphash.String(seed, text))
	}
	if _, ok := c.sentences["Les horaires sont affichés."]; !ok {
		t.Error("the sentence three communes share is not kept")
	}
	for s := range c.sentences {
		if strings.Contains(s, "commune de") {
			t.Errorf("a sentence met once is kept: %q", s)
		}
	}
}

// A text is kept when met again, and a text met once (a commune's fact)
// is not.
func TestTermCacheKeepsTextsMetTwice(t *testing.T) {
	t.Parallel()
	var c TermCache
	for _, text := range []string{"Texte commun", "Tiznit", "Texte commun", "Tata"} {
		c.termsOf(text, maphash.String(seed, text))
	}
	if len(c.texts) != 1 {
		t.Errorf("the cache keeps %d texts, want 1: the text met twice", len(c.texts))
	}
	for _, tt := range c.texts {
		if tt.text != "Texte commun" {
			t.Errorf("a text met once is kept: %q", tt.text)
		}
	}
}

// A long text or sentence is read each time and never kept, so that the
// cache's size is bounded in bytes as well as in texts.
func TestTermCacheKeepsNoLongText(t *testing.T) {
	t.Parallel()
	var c TermCache
	long := strings.Repeat("mot ", maxPartBytes/4+1)
	texts := []string{long, long + ". Court.", long + ". Court."}
	for _, text := range append(texts, texts...) {
		tt := c.termsOf(text, maphash.String(seed, text))
		if len(tt.terms) != 2 && len(tt.terms) != 1 {
			t.Fatalf("terms of %d bytes: %v", len(text), tt.terms)
		}
	}
	for _, tt := range c.texts {
		t.Errorf("a text of %d bytes is kept", len(tt.text))
	}
	for s := range c.sentences {
		if len(s) > maxPartBytes {
			t.Errorf("a sentence of %d bytes is kept", len(s))
		}
	}
	if _, ok := c.sentences["Court."]; !ok {
		t.Error("the short sentence met twice is not kept")
	}
}

// However many texts and sentences indexes share, the cache keeps at most
// maxCachedBytes of each.
func TestTermCacheKeepsWithinItsBudget(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("mot ", 12000/4)
	var c TermCache
	for i := range 2 * maxCachedBytes / 12000 {
		text := fmt.Sprintf("%d %s. Fin.", i, long)
		for range 2 {
			if tt := c.termsOf(text, maphash.String(seed, text)); len(tt.terms) != 3 {
				t.Fatalf("text %d has the terms %v, want 3", i, tt.terms)
			}
		}
	}
	texts, sentences := 0, 0
	for _, tt := range c.texts {
		texts += len(tt.text) + len(tt.json)
	}
	for s := range c.sentences {
		sentences += len(s)
	}
	if texts > maxCachedBytes || texts != c.keptTexts.bytes || len(c.texts) == 0 {
		t.Errorf("the cache keeps %d texts of %d bytes, counts %d, most %d", len(c.texts), texts, c.keptTexts.bytes, maxCachedBytes)
	}
	if sentences > maxCachedBytes || sentences != c.keptSentences.bytes || len(c.sentences) == 0 {
		t.Errorf("the cache keeps %d sentences of %d bytes, counts %d, most %d", len(c.sentences), sentences, c.keptSentences.bytes, maxCachedBytes)
	}
}
