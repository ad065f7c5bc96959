package i18n

import (
	"math"
	"slices"
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// categoryNames are the CLDR plural categories as written in catalogs,
// indexed by plural.Form.
var categoryNames = [...]string{
	plural.Other: "other",
	plural.Zero:  "zero",
	plural.One:   "one",
	plural.Two:   "two",
	plural.Few:   "few",
	plural.Many:  "many",
}

// categoryOrder lists the categories in CLDR order, for messages.
var categoryOrder = [...]plural.Form{plural.Zero, plural.One, plural.Two, plural.Few, plural.Many, plural.Other}

// parseCategory returns the plural.Form named s.
func parseCategory(s string) (plural.Form, bool) {
	for f, name := range categoryNames {
		if name == s {
			return plural.Form(f), true
		}
	}
	return 0, false
}

// allCategoryNames returns every category name in CLDR order.
func allCategoryNames() []string {
	names := make([]string, len(categoryOrder))
	for i, f := range categoryOrder {
		names[i] = categoryNames[f]
	}
	return names
}

// millionManyLangs are the languages whose CLDR cardinal rules select
// "many" for exact multiples of a million ("1 million d'habitants"): a
// rule CLDR added after version 32, the version golang.org/x/text's
// tables are generated from. The rule is the same for all of them
// (e = 0 and i != 0 and i % 1000000 = 0 and v = 0, or e != 0..5, which
// for whole numbers written out in digits is i != 0 and i % 1000000 = 0);
// their other categories match golang.org/x/text.
var millionManyLangs = []string{"ca", "es", "fr", "it", "pt"}

// rules selects the CLDR cardinal plural category of whole numbers for one
// locale. A rules value is immutable and safe for concurrent use.
type rules struct {
	tag         language.Tag
	millionMany bool
	// used marks the categories that some whole number selects; "other"
	// is always marked, since CLDR requires it of every message.
	used [len(categoryNames)]bool
}

// newRules returns the plural rules of tag.
func newRules(tag language.Tag) *rules {
	r := &rules{tag: tag}
	base, _ := tag.Base()
	r.millionMany = slices.Contains(millionManyLangs, base.String())
	r.used[plural.Other] = true
	// CLDR cardinal rules for whole numbers depend on n % 100, n % 1000 and
	// a few exact values; probing 0..1099 and powers of ten finds every
	// category a whole number can select.
	for n := range 1100 {
		r.used[r.form(n)] = true
	}
	for n := 10_000; n <= 1_000_000_000; n *= 10 {
		r.used[r.form(n)] = true
	}
	return r
}

// form returns the plural category of n (its absolute value).
func (r *rules) form(n int) plural.Form {
	if n < 0 {
		if n == math.MinInt {
			n = math.MaxInt
		} else {
			n = -n
		}
	}
	if r.millionMany && n != 0 && n%1_000_000 == 0 {
		return plural.Many
	}
	return plural.Cardinal.MatchPlural(r.tag, n, 0, 0, 0, 0)
}

// usedNames returns the names of the used categories in CLDR order.
func (r *rules) usedNames() []string {
	var names []string
	for _, f := range categoryOrder {
		if r.used[f] {
			names = append(names, categoryNames[f])
		}
	}
	return names
}

// usedList returns the used categories as "one, many, other".
func (r *rules) usedList() string {
	return strings.Join(r.usedNames(), ", ")
}
