package scaffold

import (
	"strings"
	"unicode"

	"github.com/tadafor/tadafor/internal/search"
)

// Fold prepares a commune name for comparison, so that the ways one name
// is typed compare equal: the letters folded as search.Fold folds them
// (case, accents, harakat, tatweel, the forms of alef, hamza, ta marbuta
// and alef maqsura, œ spelt oe, Arabic-Indic digits), then every character
// that is not a letter or a digit removed (spaces, hyphens, apostrophes).
// "Sidi-Slimane", "sidi slimane" and "SIDI SLIMANE" fold alike, as do
// "أصيلة" and "اصيله". Fold is safe for concurrent use.
func Fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, search.Fold(s))
}
