package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Words calls fn with each word of text, in order: a run of letters,
// marks, digits and invisible formatting characters (so that an
// apostrophe, a hyphen or a dot ends a word: l'état, Béni-Mellal,
// watiqa.ma). start and end are the word's byte offsets in text.
func Words(text string, fn func(word string, start, end int)) {
	start := -1
	for i, r := range text {
		if inWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(text[start:i], start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(text[start:], start, len(text))
	}
}

func inWord(r rune) bool {
	switch {
	case r < 0x80: // most of a French text, without the tables
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case r >= 'ء' && r <= 'ي': // most of an Arabic text
		return true
	}
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || unicode.Is(unicode.Cf, r)
}

// Term is a search term and how surely it reads its word.
type Term struct {
	Text string
	// Weight is 2 for a reading of the whole word, or of the word after
	// its definite article, and 1 for a reading that takes a first letter
	// of the word for a particle (و ف ب ك ل), which may belong to the word
	// itself (وثيقة, بطاقة).
	Weight int
}

// Terms returns the terms under which a word of a page is indexed, best
// reading first: none for a stop word or a single letter, one for most
// words, one for each reading of an Arabic word that may start with
// particles. An Arabic word that may start with the definite article is
// indexed only under the readings without it (الأسرة under اسر, not
// الاسر): QueryTerms reads a typed word that way too. A word that folds
// into several (a ligature of words) gives the terms of each.
func Terms(word string) []Term { return terms(word, false) }

// QueryTerms returns the terms to look up for a word typed in the search
// box: those of Terms, and for an Arabic word every reading, with and
// without what may be an article (التزام under التزام and تزام), so that
// it meets the page's terms however the page wrote the word.
func QueryTerms(word string) []Term { return terms(word, true) }

func terms(word string, query bool) []Term {
	var out []Term
	parts(Fold(word), func(part string, class int) {
		switch class {
		case digits:
			out = add(out, part, 2)
		case arabic:
			if utf8.RuneCountInString(part) < 2 || arabicStop[part] {
				return
			}
			out = arabicTerms(out, part, query)
		default:
			if utf8.RuneCountInString(part) < 2 || latinStop[part] {
				return
			}
			out = add(out, frenchStem(part), 2)
		}
	})
	return out
}

// The classes of the parts of a folded word.
const (
	letters = iota // letters of any script but Arabic
	arabic
	digits
)

// parts cuts a folded word into runs of Arabic letters, other letters and
// digits, dropping anything else.
func parts(s string, fn func(part string, class int)) {
	start, class := -1, 0
	for i, r := range s {
		c := -1
		switch {
		case unicode.IsLetter(r) && unicode.Is(unicode.Arabic, r):
			c = arabic
		case unicode.IsLetter(r):
			c = letters
		case unicode.IsDigit(r):
			c = digits
		}
		if start >= 0 && c != class {
			fn(s[start:i], class)
			start = -1
		}
		if c >= 0 && start < 0 {
			start, class = i, c
		}
	}
	if start >= 0 {
		fn(s[start:], class)
	}
}

// add appends a term, or raises the weight of the same term already there.
func add(terms []Term, text string, weight int) []Term {
	for i := range terms {
		if terms[i].Text == text {
			terms[i].Weight = max(terms[i].Weight, weight)
			return terms
		}
	}
	return append(terms, Term{text, weight})
}

// Particles that may open an Arabic word, in the order a word takes them:
// a conjunction, a preposition, the definite article. ل followed by the
// article is written لل.
var (
	conjunctions = []string{"", "و", "ف"}
	prepositions = []string{"", "ب", "ك", "ل"}
	articles     = []string{"", "ال"}
)

// arabicSuffixes are stripped in this order, each at most once, while at
// least two letters remain (Lucene's ArabicStemmer; ة and ية, which Fold
// has turned into ه and يه, are left out).
var arabicSuffixes = []string{"ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"}

// reading is one way to read an Arabic word: the particles it starts
// with and what remains.
type reading struct {
	rest    string
	article bool // the particles end with the article
	weight  int
}

// readings lists the ways of reading w as particles and a word: w itself
// first, then without the particles it may start with. The article must
// leave two letters, a particle alone three.
func readings(w string) []reading {
	out := []reading{{w, false, 2}}
	for _, c := range conjunctions {
		for _, p := range prepositions {
			for _, a := range articles {
				prefix := c + p + a
				if p == "ل" && a == "ال" {
					prefix = c + "لل"
				}
				rest, ok := strings.CutPrefix(w, prefix)
				if !ok || prefix == "" {
					continue
				}
				n := utf8.RuneCountInString(rest)
				switch {
				case a != "" && n >= 2:
					out = append(out, reading{rest, true, 2})
				case a == "" && n >= 3:
					out = append(out, reading{rest, false, 1})
				}
			}
		}
	}
	return out
}

// arabicTerms appends the terms of the Arabic word w. A page's word that
// may start with the article is indexed only under the readings that take
// it so. A query reads the word every way, and reads again without the
// article a reading that starts with one (الالتزام: التزام, then تزام),
// which is how the page indexed a word whose own first letters are ال.
func arabicTerms(out []Term, w string, query bool) []Term {
	rs := readings(w)
	article := slices.ContainsFunc(rs, func(r reading) bool { return r.article })
	for _, r := range rs {
		if query {
			out = add(out, arabicStem(r.rest), r.weight)
			if rest, ok := strings.CutPrefix(r.rest, "ال"); ok && r.article && utf8.RuneCountInString(rest) >= 2 {
				out = add(out, arabicStem(rest), r.weight)
			}
			continue
		}
		if r.article || !article {
			out = add(out, arabicStem(r.rest), r.weight)
		}
	}
	return out
}

// arabicStem strips the common suffixes of an Arabic word.
func arabicStem(w string) string {
	n := utf8.RuneCountInString(w)
	for _, s := range arabicSuffixes {
		k := utf8.RuneCountInString(s)
		if n >= k+2 && strings.HasSuffix(w, s) {
			w = w[:len(w)-len(s)]
			n -= k
		}
	}
	return w
}

// frenchStem makes a French plural singular: bureaux → bureau, locaux →
// local, documents → document; words of three letters or fewer are kept.
func frenchStem(w string) string {
	n := utf8.RuneCountInString(w)
	switch {
	case n >= 5 && strings.HasSuffix(w, "eaux"):
		return w[:len(w)-1]
	case n >= 5 && strings.HasSuffix(w, "aux"):
		return w[:len(w)-3] + "al"
	case n >= 4 && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x")):
		return w[:len(w)-1]
	}
	return w
}

// Stop words, folded: too frequent to tell pages apart, they are neither
// indexed nor searched. French elided forms (l', d', qu') are among them.
// على is not one: folded, it is the name علي.
var (
	latinStop = setOf("le", "la", "les", "de", "des", "du", "un", "une", "et", "en", "au", "aux", "ou", "pour",
		"par", "sur", "dans", "avec", "sans", "est", "sont", "qui", "que", "qu", "ce", "cet", "cette", "ces",
		"se", "sa", "son", "ses", "leur", "leurs", "il", "elle", "ils", "elles", "vous", "votre", "vos", "nous",
		"ne", "pas", "lorsqu", "puisqu", "jusqu", "quoiqu", "presqu")
	arabicStop = setOf("في", "من", "الى", "عن", "ان", "او", "ام", "ما", "لا", "لم", "لن", "قد", "ثم", "هذا",
		"هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "هو", "هي", "هم", "مع", "كما", "اذا", "عند", "حتي")
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
