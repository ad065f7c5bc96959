// Package search owns the rules that turn text into search terms, and
// builds the index a commune site's search page queries in the browser.
//
// The rules exist twice, once here (to index every page when the site is
// built) and once in the theme's script (themes/default/static/js/search.js,
// to read what a citizen types); a browser test runs both over every word of
// the example sites and requires the same terms. Change them together.
//
// A text is cut into words (Words), each word is folded (Fold: case,
// accents, harakat, tatweel, the forms of alef, hamza, ta marbuta and alef
// maqsura, Arabic-Indic digits) and turned into terms (Terms): French
// elisions and plurals, and, for Arabic, the definite article, the
// particles و ف ب ك ل and the common suffixes, in the spirit of Lucene's
// ArabicNormalizer and ArabicStemmer. An Arabic word whose first letters may
// be a particle or part of the word (وثيقة, بطاقة) gives a term for each
// reading, so that الوثيقة and وثيقة, للأسرة and أسرة share one.
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// letterFold maps the letters that are written in several ways to one
// form. The letters with a hamza or madda (أ إ آ ؤ ئ) need no entry: their
// compatibility decomposition is the bare letter and a combining mark,
// which Fold drops.
var letterFold = map[rune]string{
	'ٱ': "ا", // alef wasla
	'ة': "ه", // ta marbuta
	'ى': "ي", // alef maqsura
	'ی': "ي", // Farsi yeh, from a Persian keyboard
	'ک': "ك", // keheh
	'ە': "ه", // ae, the base of heh with yeh above (ۀ)
	'œ': "oe",
	'æ': "ae",
	'ß': "ss",
	'ø': "o",
	'ł': "l",
	'đ': "d",
	'ς': "σ", // final sigma: browsers lower-case Σ to ς at the end of a word
}

// Fold prepares text for comparison, so that the ways one word is typed
// compare equal: lower case; accents, cedillas and the Arabic short vowels
// and other marks (harakat, shadda, sukun, tanwin) dropped; the alef forms
// أ إ آ ٱ made ا, hamza on waw or ya (ؤ ئ) made و and ي, ta marbuta ة made
// ه, alef maqsura ى made ي; œ spelt oe; Arabic-Indic digits (٠١٢ and ۰۱۲)
// made 0-9; tatweel and invisible formatting characters removed. Other
// characters (spaces, punctuation) are kept. Fold is safe for concurrent
// use.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		r = unicode.ToLower(r)
		switch {
		case r >= '٠' && r <= '٩':
			b.WriteRune('0' + r - '٠')
		case r >= '۰' && r <= '۹':
			b.WriteRune('0' + r - '۰')
		case r == 'ـ' || unicode.IsMark(r) || unicode.Is(unicode.Cf, r):
		default:
			if f, ok := letterFold[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
