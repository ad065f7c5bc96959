package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Initial returns how an A–Z index sorts a title and the letter it lists
// it under: the title folded (see Fold), without what comes before its
// first letter or digit nor a leading article (ال, le, la, les, l'), and
// the first character of that, in upper case, or "0–9" for a digit.
// الحالة المدنية is listed under ح, L'état civil under E.
func Initial(title string) (key, letter string) {
	f := strings.TrimLeftFunc(Fold(title), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, a := range []string{"ال", "le ", "la ", "les ", "l'", "l’"} {
		if rest, ok := strings.CutPrefix(f, a); ok && rest != "" {
			if r, _ := utf8.DecodeRuneInString(rest); unicode.IsLetter(r) && (a != "ال" || utf8.RuneCountInString(strings.Fields(rest)[0]) >= 2) {
				f = rest
				break
			}
		}
	}
	r, _ := utf8.DecodeRuneInString(f)
	switch {
	case f == "":
		return "", "#"
	case unicode.IsDigit(r):
		return f, "0–9"
	}
	return f, string(unicode.ToUpper(r))
}
