// Package i18n holds the interface strings of a theme in one language (a
// catalog), selects plural forms by the CLDR rules of the language's
// locale, and formats numbers and dates the way the locale writes them.
//
// A catalog is a YAML file, themes/<theme>/i18n/<lang>.yaml, mapping
// message keys to texts:
//
//	skip_link: "Aller au contenu principal"        # a text
//	published_on: "Publié le {date}"                # a text with a placeholder
//	communes:                                       # a plural message
//	  one: "{n} commune"
//	  many: "{n} communes"
//	  other: "{n} communes"
//	months: [janvier, février, …]                   # a list
//
// A placeholder is a name between braces; "{{" and "}}" write literal
// braces. A plural message has one text per CLDR plural category the
// locale uses (Arabic: zero, one, two, few, many, other; French: one,
// many, other), and {n} in it is the count. Some keys are used by the
// formatting methods and have a fixed shape: months (12 names, January
// first), weekdays (7 names, Sunday first, optional), date_long (with
// {day}, {month} and {year}), date_time (with {date} and {time}),
// date_first_day (optional: how day 1 is written, "1er" in French),
// name_of and name_of_vowel (optional: a name with the preposition "of"
// of the language, see NameOf), and the language's typography, optional
// (see Catalog.Typography).
//
// Languages are data: a new language, Tamazight (zgh-MA) for instance,
// needs a catalog file and an entry in the site's settings (site.Lang),
// nothing else.
//
// Plural categories come from golang.org/x/text/feature/plural (CLDR 32
// tables) with the one later CLDR change that matters here applied on top:
// in French, Spanish, Italian, Portuguese and Catalan an exact multiple of
// a million is "many" (CLDR 32 has no "many" for them). Only a language
// whose rules changed since CLDR 32 in some other way would need an entry
// in that table.
// Numbers are formatted with golang.org/x/text/message and number, whose
// CLDR data gives exactly what the Moroccan locales need: for ar-MA and
// fr-MA, Western digits, "." between thousands and a decimal comma
// (1.234.567 and 1.234,5); fr (France) in those tables groups with a
// no-break space (U+00A0), newer CLDR with a narrow one.
package i18n

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/typography"
	"github.com/tadafor/tadafor/internal/yamldecode"
	"golang.org/x/text/language"
	xmessage "golang.org/x/text/message"
	"golang.org/x/text/unicode/norm"
)

// Catalog is the interface strings of one language. A Catalog is
// immutable once loaded and safe for concurrent use.
type Catalog struct {
	file    string
	lang    site.Lang
	rules   *rules
	printer *xmessage.Printer
	msgs    map[string]*message
	keys    []string // sorted
	typo    *typography.Rule
	quotes  [2]string // opening and closing marks; empty for the default
}

// reservedKey describes a key the formatting methods use.
type reservedKey struct {
	key      string
	kind     kind
	items    int      // for lists: the exact number of items, 0 for any
	args     []string // for texts: the placeholders allowed
	required bool
	// perLanguage marks a key only some languages need.
	perLanguage bool
	example     string
}

// reservedKeys are the keys with a fixed shape.
var reservedKeys = []reservedKey{
	{key: "months", kind: kindList, items: 12, required: true, example: "months: [janvier, février, mars, …]"},
	{key: "weekdays", kind: kindList, items: 7, example: "weekdays: [dimanche, lundi, …]"},
	{key: "date_long", kind: kindText, args: []string{"day", "month", "year"}, required: true, example: `date_long: "{day} {month} {year}"`},
	{key: "date_time", kind: kindText, args: []string{"date", "time"}, required: true, example: `date_time: "{date} à {time}"`},
	{key: "date_first_day", kind: kindText, args: []string{}, perLanguage: true, example: `date_first_day: "1er"`},
	{key: typographySpaces, kind: kindList, perLanguage: true, example: typographySpaces + `: ["\u202f;", "\u00a0:", "«\u202f"]`},
	{key: typographyApostrophe, kind: kindText, args: []string{}, perLanguage: true, example: typographyApostrophe + `: "’"`},
	{key: typographyQuotes, kind: kindList, items: 2, perLanguage: true, example: typographyQuotes + `: ["“", "”"]`},
	{key: "name_of", kind: kindText, args: []string{"name"}, perLanguage: true, example: `name_of: "de {name}"`},
	{key: "name_of_vowel", kind: kindText, args: []string{"name"}, perLanguage: true, example: `name_of_vowel: "d’{name}"`},
}

// isOptional reports whether key is one only some languages need, which
// Compare never reports as missing or extra.
func isOptional(key string) bool {
	for _, r := range reservedKeys {
		if r.key == key {
			return r.perLanguage
		}
	}
	return false
}

// Load decodes the catalog src of lang, read from file (the name used in
// positions). The plural categories and number formats are those of
// lang.Locale, or of lang.Code when Locale is empty.
//
// Load reports every problem with its file:line:col: invalid YAML, a value
// of the wrong type, an empty message, a malformed placeholder, an unknown
// plural category (with a suggestion), a plural message lacking a
// category the locale uses (an error) or having one it never uses (a
// warning), and a reserved key of the wrong shape or missing. The catalog
// is returned even when the list holds errors, without the faulty
// messages, so that it can still be compared; it should not be used to
// render pages then.
func Load(file string, src []byte, lang site.Lang) (*Catalog, diag.List) {
	var errs diag.List
	locale := lang.Locale
	if locale == "" {
		locale = lang.Code
	}
	tag, err := language.Parse(locale)
	if err != nil {
		e := errs.Add(diag.Pos{File: file}, "invalid locale %q of language %q: %v", locale, lang.Code, err)
		e.Hint = `set the language's locale to a BCP 47 tag such as "ar-MA"`
		tag = language.Und
	}
	c := &Catalog{
		file:    file,
		lang:    lang,
		rules:   newRules(tag),
		printer: xmessage.NewPrinter(tag),
	}
	l := &loader{src: src, rules: c.rules, locale: locale, msgs: map[string]*message{}, keyPos: map[string]diag.Pos{}}
	_, derrs := yamldecode.Decode(src, l, yamldecode.Options{File: file, FirstLine: 1})
	errs = append(errs, derrs...)
	c.msgs = l.msgs
	switch {
	case l.decoded:
		for _, r := range reservedKeys {
			checkReserved(r, l, file, &errs)
		}
		c.typo = c.typography(l.msgs, &errs)
		c.quotes = quotes(l.msgs, &errs)
	case !derrs.HasErrors():
		// A document that is only null: the decoder never calls l.
		e := errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "expected a mapping of message keys to texts, found nothing")
		e.Hint = `write one message per line, as in skip_link: "…"`
	}
	c.keys = slices.Sorted(maps.Keys(c.msgs))
	errs.Sort()
	return c, errs
}

// checkReserved checks the shape of reserved key r, dropping the message
// when it is wrong so that the formatting methods never see it.
func checkReserved(r reservedKey, l *loader, file string, errs *diag.List) {
	m, ok := l.msgs[r.key]
	if !ok {
		if _, present := l.keyPos[r.key]; r.required && !present {
			e := errs.Add(diag.Pos{File: file}, "missing key %q", r.key)
			e.Hint = "add a line " + r.example
		}
		return
	}
	bad := func(format string, args ...any) {
		errs.Add(m.keyPos, format, args...).Hint = "write it as " + r.example
		delete(l.msgs, r.key)
	}
	if m.kind != r.kind {
		bad("%q must be %s, found %s", r.key, r.kind, m.kind)
		return
	}
	switch r.kind {
	case kindList:
		if r.items > 0 && len(m.items) != r.items {
			bad("%q must list %d items, found %d", r.key, r.items, len(m.items))
		}
	case kindText:
		for _, a := range m.text.args() {
			if !slices.Contains(r.args, a) {
				if len(r.args) == 0 {
					bad("%q takes no placeholder, found {%s}", r.key, a)
					return
				}
				bad("unknown placeholder {%s} in %q, which may use %s", a, r.key, braceList(r.args))
				return
			}
		}
	}
}

// braceList writes names as placeholders: "{day}, {month}, {year}".
func braceList(names []string) string {
	quoted := make([]string, len(names))
	for i, n := range names {
		quoted[i] = "{" + n + "}"
	}
	return strings.Join(quoted, ", ")
}

// Lang returns the language of the catalog.
func (c *Catalog) Lang() site.Lang { return c.lang }

// File returns the file the catalog was loaded from.
func (c *Catalog) File() string { return c.file }

// Keys returns the keys of the catalog, sorted. The caller may modify the
// returned slice.
func (c *Catalog) Keys() []string { return slices.Clone(c.keys) }

// Has reports whether the catalog has a usable message for key.
func (c *Catalog) Has(key string) bool {
	_, ok := c.msgs[key]
	return ok
}

// Pos returns the position of key in the catalog file, or the file alone
// when the catalog has no such key.
func (c *Catalog) Pos(key string) diag.Pos {
	if m, ok := c.msgs[key]; ok {
		return m.keyPos
	}
	return diag.Pos{File: c.file}
}

// lookup returns the message key, which must be of kind k.
func (c *Catalog) lookup(key string, k kind) (*message, error) {
	m, ok := c.msgs[key]
	if !ok {
		msg := fmt.Sprintf("i18n: %s: unknown message key %q", c.file, key)
		if q := diag.DidYouMean(key, c.keys); q != "" {
			msg += "; " + q
		}
		return nil, errors.New(msg)
	}
	if m.kind != k {
		return nil, fmt.Errorf("i18n: %s: message %q is %s, not %s", m.keyPos, key, m.kind, k)
	}
	return m, nil
}

// T returns the text of message key with its placeholders replaced by
// args, given as name/value pairs: T("demo_banner", "name", "Tiznit").
// A value may be a string, an integer (formatted with FormatInt), a
// site.Year (FormatYear: no grouping separator), a time.Time (FormatDate), a site.Date
// (FormatDate, or FormatDateTime when it has a time of day) or a
// fmt.Stringer. Arguments the text does not use are ignored. T returns an
// error for an unknown key, a key that is not a text, malformed args, an
// unsupported value or a placeholder without an argument.
func (c *Catalog) T(key string, args ...any) (string, error) {
	m, err := c.lookup(key, kindText)
	if err != nil {
		return "", err
	}
	return c.render(key, &m.text, args, nil)
}

// N returns the form of plural message key that the CLDR rules of the
// catalog's locale select for n (its absolute value), with {n} replaced by
// FormatInt(n), whatever args say, and the other placeholders by args as
// in T. It returns an error for an unknown key, a key that is not a plural
// message, a form the message lacks (only possible when Load reported
// errors) or a problem with args as in T.
func (c *Catalog) N(key string, n int, args ...any) (string, error) {
	m, err := c.lookup(key, kindPlural)
	if err != nil {
		return "", err
	}
	f := c.rules.form(n)
	t, ok := m.form(f)
	if !ok {
		return "", fmt.Errorf("i18n: %s: plural message %q has no %q form (for %d)", m.keyPos, key, categoryNames[f], n)
	}
	return c.render(key, t, args, &n)
}

// Strings returns a copy of the items of list message key (months,
// weekdays). It returns an error for an unknown key or a key that is not a
// list.
func (c *Catalog) Strings(key string) ([]string, error) {
	m, err := c.lookup(key, kindList)
	if err != nil {
		return nil, err
	}
	return slices.Clone(m.items), nil
}

// NameOf returns name with the preposition "of" as the language writes it
// after a noun ("la commune de Berkane", "la commune d’El Ksiba"): the
// message name_of, or name_of_vowel before a name that starts with a
// vowel (a, e, i, o or u, accented or not; not h nor y), with {name}
// replaced by name. Without those messages (Arabic needs none: جماعة
// بركان) it is name itself.
func (c *Catalog) NameOf(name string) string {
	key := "name_of"
	if startsWithVowel(name) && c.Has("name_of_vowel") {
		key = "name_of_vowel"
	}
	if !c.Has(key) {
		return name
	}
	s, err := c.T(key, "name", name)
	if err != nil {
		return name // the message was checked when loaded
	}
	return s
}

// startsWithVowel reports whether s starts with a, e, i, o or u, in
// either case and with any accent.
func startsWithVowel(s string) bool {
	for _, r := range norm.NFD.String(s) {
		return strings.ContainsRune("aeiouAEIOU", r)
	}
	return false
}
