package search

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"أسرة", "اسره"},
		{"إدارة", "اداره"},
		{"آسفي", "اسفي"},
		{"ٱلرباط", "الرباط"},
		{"مؤسسة", "موسسه"},
		{"بئر", "بير"},
		{"مُحَمَّدِيَّة", "محمديه"},
		{"الـــرباط", "الرباط"},
		{"مولاى", "مولاي"},
		{"ﺍﻟﺮﺑﺎﻁ", "الرباط"}, // presentation forms
		{"ی ک", "ي ك"},       // Persian keyboard
		{"٢٠٢٤ ۱۳", "2024 13"},
		{"Légalisation", "legalisation"},
		{"L’État", "l’etat"},
		{"Œuvre ÇA", "oeuvre ca"},
		{"idarati.ma", "idarati.ma"},
		{"a\u200cb\u200fc\u00add", "abcd"}, // joiners, marks of direction, soft hyphen
		{"ΣΑΣ σας", "σασ σασ"},
		{"İstanbul", "istanbul"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWords(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"l'état civil", []string{"l", "état", "civil"}},
		{"Béni-Mellal, watiqa.ma !", []string{"Béni", "Mellal", "watiqa", "ma"}},
		{"القانون رقم 31.13", []string{"القانون", "رقم", "31", "13"}},
		{"مُحَمَّد، والـــرباط؟", []string{"مُحَمَّد", "والـــرباط"}},
		{"«\u00a0pétition\u00a0»", []string{"pétition"}},
		{"", nil},
	}
	for _, tt := range tests {
		var got []string
		Words(tt.in, func(w string, start, end int) {
			if tt.in[start:end] != w {
				t.Errorf("Words(%q): %q at %d:%d", tt.in, w, start, end)
			}
			got = append(got, w)
		})
		if !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// texts writes terms as "term:weight term:weight".
func texts(ts []Term) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
		if t.Weight != 2 {
			b.WriteString(":1")
		}
	}
	return b.String()
}

func TestTerms(t *testing.T) {
	t.Parallel()
	tests := []struct{ word, index, query string }{
		// The spellings of one word share a term.
		{"أسرة", "اسر", "اسر"},
		{"الاسره", "اسر", "الاسر اسر"},
		{"للأسرة", "اسر", "للاسر لاسر:1 اسر"},
		{"والأسرة", "اسر", "والاسر الاسر:1 اسر"},
		{"لأسرة", "لاسر اسر:1", "لاسر اسر:1"},
		{"الأُسَر", "اسر", "الاسر اسر"},
		// A first letter that may be a particle or the word's own.
		{"وثيقة", "وثيق ثيق:1", "وثيق ثيق:1"},
		{"الوثيقة", "وثيق", "الوثيق وثيق"},
		{"بطاقة", "بطاق طاق:1", "بطاق طاق:1"},
		// A word whose own first letters are ال: the query reads it both ways.
		{"التزام", "تزام", "التزام تزام"},
		{"الالتزام", "التزام", "الالتزام التزام تزام"},
		// Plurals and suffixes (Lucene's light stemmer).
		{"الجماعات", "جماع", "الجماع جماع"},
		{"المواطنين", "مواطن", "المواطن مواطن"},
		{"المواطنون", "مواطن", "المواطن مواطن"},
		{"مستشفى", "مستشف", "مستشف"},
		// Too short to take a particle off.
		{"بيت", "بيت", "بيت"},
		{"وطن", "وطن", "وطن"},
		// Stop words and single letters.
		{"في", "", ""},
		{"و", "", ""},
		{"على", "عل", "عل"},
		// Digits, in either script.
		{"٢٠٢٤", "2024", "2024"},
		{"2024", "2024", "2024"},
		// French: case, accents, plurals; elided articles are stop words.
		{"Démarches", "demarche", "demarche"},
		{"bureaux", "bureau", "bureau"},
		{"locaux", "local", "local"},
		{"pièces", "piece", "piece"},
		{"prix", "pri", "pri"},
		{"cas", "cas", "cas"},
		{"l", "", ""},
		{"qu", "", ""},
		{"les", "", ""},
		// A word folding into several words.
		{"ﷺ", "صل له عل وسلم سلم:1", "صل الل له عل وسلم سلم:1"},
		// Letters of two scripts in one word.
		{"Wifiمجاني", "wifi مجان", "wifi مجان"},
	}
	for _, tt := range tests {
		if got := texts(Terms(tt.word)); got != tt.index {
			t.Errorf("Terms(%q) = %q, want %q", tt.word, got, tt.index)
		}
		if got := texts(QueryTerms(tt.word)); got != tt.query {
			t.Errorf("QueryTerms(%q) = %q, want %q", tt.word, got, tt.query)
		}
	}
}

// A query meets the page's word whatever the spelling typed.
func TestQueryMeetsPage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		page    string
		queries []string
	}{
		{"الأسرة", []string{"الاسره", "أسرة", "اسرة", "للأسرة", "لأسرة", "والأسرة", "بالأسرة", "الأسر"}},
		{"للأسرة", []string{"الاسره", "أسرة", "الأسرة"}},
		{"وثيقة", []string{"الوثيقة", "والوثيقة", "وثيقه", "بالوثيقة"}},
		{"الوثيقة", []string{"وثيقة", "لوثيقة"}},
		{"التزام", []string{"الالتزام", "والتزام", "بالالتزام"}},
		{"الالتزام", []string{"التزام", "والالتزام"}},
		{"إمضاء", []string{"الإمضاء", "امضاء", "الامضاء"}},
		{"مستشفى", []string{"مستشفي", "المستشفى"}},
		{"٣١.١٣", []string{"31.13"}},
		{"l’état", []string{"Etat", "ÉTAT", "etats", "d'état"}},
		{"légalisation", []string{"LEGALISATION", "legalisations"}},
	}
	for _, tt := range tests {
		var page []string
		Words(tt.page, func(w string, _, _ int) {
			for _, t := range Terms(w) {
				page = append(page, t.Text)
			}
		})
		for _, q := range tt.queries {
			var query []string
			Words(q, func(w string, _, _ int) {
				for _, t := range QueryTerms(w) {
					query = append(query, t.Text)
				}
			})
			if !slices.ContainsFunc(query, func(s string) bool { return slices.Contains(page, s) }) {
				t.Errorf("the query %q (%q) does not meet the page's %q (%q)", q, query, tt.page, page)
			}
		}
	}
}

func TestInitial(t *testing.T) {
	t.Parallel()
	tests := []struct{ title, letter string }{
		{"الحالة المدنية", "ح"},
		{"إمضاء", "ا"},
		{"رخصة البناء", "ر"},
		{"الم", "ا"}, // too short to be an article
		{"Légalisation de signature", "L"},
		{"L'état civil", "E"},
		{"Les pétitions", "P"},
		{"« Extrait »", "E"},
		{"2024 en chiffres", "0–9"},
		{"", "#"},
	}
	for _, tt := range tests {
		if _, got := Initial(tt.title); got != tt.letter {
			t.Errorf("Initial(%q) = %q, want %q", tt.title, got, tt.letter)
		}
	}
}

// FuzzTerms checks the rules on any input: folding is idempotent and
// leaves no mark, no tatweel and no upper case; words are the text's own
// bytes; every term is folded, non-empty and valid UTF-8; the query reads
// a word at least every way the index does.
func FuzzTerms(f *testing.F) {
	for _, s := range []string{"للأسرة", "Légalisation", "ﷺ", "وثيقة", "İstanbul", "٢٠٢٤", "l'état", "\u200c", "ـ", "a\xffb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		folded := Fold(s)
		if again := Fold(folded); again != folded {
			t.Fatalf("Fold(%q) = %q, but Fold of that is %q", s, folded, again)
		}
		for _, r := range folded {
			if r == 'ـ' || unicode.IsMark(r) || unicode.IsUpper(r) && unicode.ToLower(r) != r {
				t.Fatalf("Fold(%q) = %q keeps %q", s, folded, r)
			}
		}
		Words(s, func(w string, start, end int) {
			if start < 0 || end > len(s) || start >= end || s[start:end] != w {
				t.Fatalf("Words(%q): %q at %d:%d", s, w, start, end)
			}
			index, query := Terms(w), QueryTerms(w)
			for _, term := range index {
				if term.Text == "" || !utf8.ValidString(term.Text) || Fold(term.Text) != term.Text || term.Weight < 1 || term.Weight > 2 {
					t.Fatalf("Terms(%q) has %+v", w, term)
				}
				if !slices.ContainsFunc(query, func(q Term) bool { return q.Text == term.Text }) {
					t.Fatalf("QueryTerms(%q) = %v lacks %q of Terms", w, query, term.Text)
				}
			}
		})
	})
}
