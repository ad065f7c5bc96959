// Package typography gives text the spaces and apostrophes its language's
// typography asks for, at the last moment: a French "Horaires : 8:30"
// gets a no-break space before its colon, "l'état" a typographic
// apostrophe, «texte» its narrow no-break spaces, whoever wrote the text
// (a Markdown page, its front matter, a profile, a record, an interface
// string or a template).
//
// The rules are data: a Rule is made from a list of marks with the space
// set before or after each (the theme's catalog of the language holds
// it, see package i18n), so a language with other habits, or none, needs
// no code.
//
// A Rule never touches what is not prose: code (<code>, <pre>, <kbd>,
// <samp>, <script>, <style>), a web address (http://…, www.…, a domain
// with a path), an e-mail address, a mark between two digits (a time
// such as 8:30), and text in another language (an element whose lang
// attribute names a language with another rule, or none). Applying a
// Rule twice gives the same result as applying it once.
//
// HTML is read with golang.org/x/net/html's tokenizer, which gives each
// token's bytes exactly as written: everything the rules do not change
// comes out byte for byte.
package typography

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rule is the typography of one language. It is immutable and safe for
// concurrent use; a nil *Rule changes nothing.
type Rule struct {
	before     map[rune]rune // a mark → the space set before it
	after      map[rune]rune // a mark → the space set after it
	apostrophe rune          // what replaces the typewriter apostrophe '; 0 keeps it
	// ascii marks the ASCII characters the rule acts on.
	ascii [utf8.RuneSelf]bool
}

// Space is a space a language sets beside a mark: the French narrow
// no-break space before a semicolon is Space{Mark: ';', Space: '\u202f',
// Before: true}.
type Space struct {
	Mark   rune
	Space  rune
	Before bool // before the mark; after it otherwise
}

// Spaces are the spaces a Rule may set: no-break ones, since a line must
// never start with a colon nor end with an opening guillemet.
var Spaces = []rune{'\u00a0', '\u202f', '\u2007'}

// ParseSpace reads a space as written in a catalog: the space followed by
// the mark ("\u202f;": a narrow no-break space before each semicolon) or
// the mark followed by the space ("«\u202f": one after each opening
// guillemet). It returns an error saying what is wrong otherwise.
func ParseSpace(item string) (Space, error) {
	runes := []rune(item)
	if len(runes) != 2 {
		return Space{}, fmt.Errorf("%q is %d characters, not a space and a mark", item, len(runes))
	}
	a, b := runes[0], runes[1]
	switch {
	case isRuleSpace(a) && isMark(b):
		return Space{Mark: b, Space: a, Before: true}, nil
	case isMark(a) && isRuleSpace(b):
		return Space{Mark: a, Space: b}, nil
	}
	return Space{}, fmt.Errorf("%q is not a no-break space (U+00A0, U+202F or U+2007) beside a punctuation mark", item)
}

func isRuleSpace(r rune) bool { return r == '\u00a0' || r == '\u202f' || r == '\u2007' }

// isMark reports whether r is a punctuation mark or symbol a rule may
// space: not a letter, digit, space, apostrophe or control character.
func isMark(r rune) bool {
	return (unicode.IsPunct(r) || unicode.IsSymbol(r)) && r != '\'' && r != '&' && r != '<' && r != '>'
}

// New returns the rule that sets spaces and replaces the typewriter
// apostrophe with apostrophe (0 keeps it). It returns an error when a
// mark has two spaces on the same side, or when apostrophe is not a
// letter-like mark.
func New(spaces []Space, apostrophe rune) (*Rule, error) {
	r := &Rule{before: map[rune]rune{}, after: map[rune]rune{}, apostrophe: apostrophe}
	for _, s := range spaces {
		if !isRuleSpace(s.Space) || !isMark(s.Mark) {
			return nil, fmt.Errorf("%q beside %q is not a no-break space beside a punctuation mark", s.Space, s.Mark)
		}
		side := r.after
		if s.Before {
			side = r.before
		}
		if _, dup := side[s.Mark]; dup {
			return nil, fmt.Errorf("the mark %q is given two spaces", s.Mark)
		}
		side[s.Mark] = s.Space
	}
	if apostrophe != 0 && (apostrophe == '\'' || unicode.IsSpace(apostrophe) || unicode.IsControl(apostrophe) || apostrophe == utf8.RuneError) {
		return nil, fmt.Errorf("%q cannot replace the apostrophe", apostrophe)
	}
	for _, side := range []map[rune]rune{r.before, r.after} {
		for m := range side {
			if m < utf8.RuneSelf {
				r.ascii[m] = true
			}
		}
	}
	r.ascii['\''] = apostrophe != 0
	return r, nil
}

// IsZero reports whether r changes nothing.
func (r *Rule) IsZero() bool {
	return r == nil || len(r.before) == 0 && len(r.after) == 0 && r.apostrophe == 0
}

// Text returns s, plain text (not HTML: "&amp;" is five characters), with
// the rule applied.
func (r *Rule) Text(s string) string {
	if r.IsZero() {
		return s
	}
	f := &fixer{rule: r, out: make([]byte, 0, len(s)+8)}
	f.text([]byte(s), false)
	return string(f.out)
}

// Rules are the rules of a site's languages, by language code ("fr").
// A language without a rule, or with a nil one, is written as it is.
type Rules map[string]*Rule

// Lookup returns the rule of language tag lang ("fr", "fr-MA"), or nil.
func (rs Rules) Lookup(lang string) *Rule {
	if r, ok := rs[lang]; ok {
		return r
	}
	if i := strings.IndexByte(lang, '-'); i > 0 {
		return rs[strings.ToLower(lang[:i])]
	}
	return rs[strings.ToLower(lang)]
}

// empty reports whether no language has a rule that changes anything.
func (rs Rules) empty() bool {
	for _, r := range rs {
		if !r.IsZero() {
			return false
		}
	}
	return true
}
