// Package segment holds the two rules for the names that become one segment
// of a published address, so that each is written once:
//
//   - A page segment — a page's "slug" in its front matter, and the names
//     of the files and folders under content/ — is read by citizens:
//     letters of any script (Arabic addresses such as
//     /ar/المشاركة-المواطنة/العرائض are expected), their combining marks,
//     digits, "-" and "_", in composed form (NFC). See Check.
//   - An identifier — a commune's folder name, a theme's name, the id of a
//     record or an office — is typed by the people who run the sites, in
//     shell commands, host configurations and addresses shared by every
//     language: lower-case ASCII letters and digits in groups joined by
//     single hyphens. See IsID.
//
// Neither ever holds ".", "/", "\", a space, a control or an invisible
// character, so a name that passes cannot climb out of its folder, hide,
// or look like another. The writer checks every output path again on its
// own (defence in depth).
package segment

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxBytes is the longest page segment, in bytes of UTF-8: file systems
// allow 255 bytes in a name; 200 leaves room and is about 100 Arabic
// letters.
const MaxBytes = 200

// MaxIDLen is the longest identifier.
const MaxIDLen = 100

// Problem says what keeps s from being a page segment, "" when it can be
// one. The text completes "…: %q has " style messages: it is a short
// phrase such as `a dot ('.')` or `an invisible character (U+200F)`.
func Problem(s string) string {
	switch {
	case s == "":
		return "nothing"
	case !utf8.ValidString(s):
		return "bytes that are not UTF-8"
	case len(s) > MaxBytes:
		return fmt.Sprintf("%d bytes, more than the %d a folder name may have", len(s), MaxBytes)
	}
	for i, r := range s {
		switch {
		case invisible(r):
			return describe(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_':
		case unicode.In(r, unicode.Mn, unicode.Mc) && i > 0:
			// the marks of the letter before it (Arabic harakat)
		default:
			return describe(r)
		}
	}
	if !norm.NFC.IsNormalString(s) {
		return "letters written in decomposed form (a letter, then its accent as a separate character)"
	}
	return ""
}

// Check returns a message and a hint when s cannot be a page segment, or
// two empty strings.
func Check(s string) (msg, hint string) {
	p := Problem(s)
	if p == "" {
		return "", ""
	}
	msg = fmt.Sprintf("%q cannot be one segment of an address: it has %s", s, p)
	hint = `use letters of any script, digits, "-" and "_", e.g. "العرائض" or "petitions"`
	if nfc := norm.NFC.String(s); nfc != s && Problem(nfc) == "" {
		hint = fmt.Sprintf("write %q (the same letters, composed)", nfc)
	}
	return msg, hint
}

// describe names a character that has no place in a segment.
func describe(r rune) string {
	switch r {
	case '.':
		return `a dot (".")`
	case '/':
		return `a slash ("/")`
	case '\\':
		return `a backslash ("\")`
	case ' ':
		return "a space"
	case utf8.RuneError:
		return "an invalid character (U+FFFD)"
	}
	switch {
	case invisible(r) || unicode.IsSpace(r):
		return fmt.Sprintf("an invisible character (U+%04X)", r)
	case unicode.In(r, unicode.Mn, unicode.Mc):
		return fmt.Sprintf("an accent or mark (U+%04X) with no letter before it", r)
	}
	return fmt.Sprintf("the character %q", r)
}

// invisible reports whether r shows nothing: controls, formatting
// characters (direction marks, zero-width joiners) and the other
// characters Unicode says to ignore (variation selectors, Hangul
// fillers), which would let two different names look the same.
func invisible(r rune) bool {
	return unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp,
		unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// IsID reports whether s is an identifier: lower-case ASCII letters and
// digits in groups joined by single hyphens, at most MaxIDLen long.
func IsID(s string) bool {
	if s == "" || len(s) > MaxIDLen || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// latin spells out the Latin letters that are not a base letter and a
// mark.
var latin = map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'ł': "l", 'đ': "d"}

// ToID turns a name into the closest identifier: lower case, accents
// dropped, every run of other characters (Arabic letters included) made
// one hyphen. "Conseil Municipal" becomes "conseil-municipal" and
// "Sidi Slimane" "sidi-slimane". The result is "" when nothing of the name
// is left, and may be longer than MaxIDLen.
func ToID(name string) string {
	var b strings.Builder
	hyphen := false
	word := func(s string) {
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s)
		hyphen = false
	}
	for _, r := range norm.NFKD.String(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			word(string(r))
		case latin[r] != "":
			word(latin[r])
		case unicode.Is(unicode.Mn, r):
			// an accent of the letter before it
		default:
			hyphen = true
		}
	}
	return b.String()
}
