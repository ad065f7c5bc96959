package i18n

import (
	"unicode"
	"unicode/utf8"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/typography"
)

// The keys of a language's typography, both optional:
//
//	typography_spaces: ["\u202f;", "\u202f?", "\u00a0:", "«\u202f"]
//	typography_apostrophe: "’"
//
// Each item of typography_spaces is a no-break space and a mark, in the
// order they are written: "\u00a0:" sets a no-break space before every
// colon, "«\u202f" a narrow one after every opening guillemet.
// typography_apostrophe is the character that replaces the typewriter
// apostrophe (').
const (
	typographySpaces     = "typography_spaces"
	typographyApostrophe = "typography_apostrophe"
	typographyQuotes     = "typography_quotes"
)

// Quotes returns the quotation marks of the catalog's language, opening
// and closing, which pages' "…" and <<…>> become; "" and "" when the
// catalog leaves them to the default, guillemets « ». The spaces inside
// them, where the language wants some, are the typography's (see
// Typography).
func (c *Catalog) Quotes() (opening, closing string) { return c.quotes[0], c.quotes[1] }

// quotes reads typography_quotes, whose shape checkReserved has checked,
// reporting at the key a mark that is not one character.
func quotes(msgs map[string]*message, errs *diag.List) [2]string {
	m, ok := msgs[typographyQuotes]
	if !ok {
		return [2]string{}
	}
	for _, q := range m.items {
		if r, size := utf8.DecodeRuneInString(q); size != len(q) || r == utf8.RuneError || unicode.IsSpace(r) {
			errs.Add(m.keyPos, "each item of %q must be one quotation mark, found %q", typographyQuotes, q).Hint =
				`write it as typography_quotes: ["“", "”"]; the spaces inside the marks are typography_spaces'`
			delete(msgs, typographyQuotes)
			return [2]string{}
		}
	}
	return [2]string{m.items[0], m.items[1]}
}

// Typography returns the typography of the catalog's language, which the
// renderer applies to every text written in it (see package typography),
// or nil when the catalog says none.
func (c *Catalog) Typography() *typography.Rule { return c.typo }

// typography reads the typography keys of msgs, reporting what is wrong
// at the key and dropping the key then.
func (c *Catalog) typography(msgs map[string]*message, errs *diag.List) *typography.Rule {
	var spaces []typography.Space
	var apostrophe rune
	bad := func(key, format string, args ...any) {
		e := errs.Add(msgs[key].keyPos, format, args...)
		e.Hint = `write it as typography_spaces: ["\u202f;", "\u00a0:", "«\u202f"] (a no-break space U+00A0, U+202F or U+2007, then the mark it goes before; or the mark, then the space after it) and typography_apostrophe: "’"`
		delete(msgs, key)
	}
	if m, ok := msgs[typographySpaces]; ok {
		for i, item := range m.items {
			s, err := typography.ParseSpace(item)
			if err != nil {
				bad(typographySpaces, "item %d of %q: %v", i+1, typographySpaces, err)
				return nil
			}
			spaces = append(spaces, s)
		}
	}
	if m, ok := msgs[typographyApostrophe]; ok {
		s, _ := c.render(typographyApostrophe, &m.text, nil, nil)
		r, size := utf8.DecodeRuneInString(s)
		if size != len(s) || r == utf8.RuneError {
			bad(typographyApostrophe, "%q must be one character, found %q", typographyApostrophe, s)
			return nil
		}
		apostrophe = r
	}
	if spaces == nil && apostrophe == 0 {
		return nil
	}
	rule, err := typography.New(spaces, apostrophe)
	if err != nil {
		key := typographySpaces
		if _, ok := msgs[key]; !ok {
			key = typographyApostrophe
		}
		bad(key, "%v", err)
		return nil
	}
	return rule
}
