package scaffold

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// arabicFold maps the Arabic letters that are written in several ways to
// one form. The letters with a hamza or madda above or below (أ إ آ ؤ ئ)
// need no entry: their compatibility decomposition is the bare letter and
// a combining mark, which Fold drops.
var arabicFold = map[rune]rune{
	'ٱ': 'ا', // alef wasla
	'ة': 'ه', // ta marbuta
	'ى': 'ي', // alef maqsura
	'ی': 'ي', // Farsi yeh, from a Persian keyboard
	'ک': 'ك', // keheh
}

// latinFold spells out the Latin letters that are not a base letter and
// a mark.
var latinFold = map[rune]string{
	'œ': "oe",
	'æ': "ae",
	'ß': "ss",
	'ø': "o",
	'ł': "l",
	'đ': "d",
}

// Fold prepares a commune name for comparison, so that the ways one name
// is typed compare equal: lower case; accents, cedillas and the Arabic
// short vowels and other diacritics (harakat, shadda, sukun, tanwin)
// dropped; the alef forms أ إ آ ٱ made ا, hamza on waw or ya (ؤ ئ) made
// و and ي, ta marbuta ة made ه, alef maqsura ى made ي; œ spelt oe;
// tatweel, spaces, hyphens, apostrophes and every other character that is
// not a letter or a digit removed. "Sidi-Slimane", "sidi slimane" and
// "SIDI SLIMANE" fold alike, as do "أصيلة" and "اصيله". Fold is safe for
// concurrent use.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		r = unicode.ToLower(r)
		if f, ok := arabicFold[r]; ok {
			r = f
		}
		if f, ok := latinFold[r]; ok {
			b.WriteString(f)
			continue
		}
		if r == 'ـ' || unicode.Is(unicode.Mn, r) || !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
