package commune

import (
	"fmt"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/site"
)

// Fact is the value of one of a commune's facts as a page shows it: it
// formats itself for a language, with that language's catalog for numbers
// and month names, or reports that the commune lacks it there.
type Fact interface {
	// Format returns the fact written in language lang, and false when
	// the commune lacks it in that language.
	Format(lang string, cat *i18n.Catalog) (string, bool)
}

// Number is a count, with the language's digits and grouping (99 069).
type Number int

// Format writes n with the language's digits and grouping.
func (n Number) Format(_ string, cat *i18n.Catalog) (string, bool) {
	return cat.FormatInt(int(n)), true
}

// Year is a calendar year, written without grouping (2024).
type Year int

// Format writes y without grouping.
func (y Year) Format(_ string, cat *i18n.Catalog) (string, bool) { return cat.FormatYear(int(y)), true }

// Month is a month of the year, by its name in the language.
type Month time.Month

// Format names m in the language (its catalog's "months"); a catalog
// without the month lacks the fact.
func (m Month) Format(_ string, cat *i18n.Catalog) (string, bool) {
	months, err := cat.Strings("months")
	if err != nil || m < 1 || int(m) > len(months) {
		return "", false
	}
	return months[m-1], true
}

// Text is a fact written per language (a name, an address), shown as
// site.Text.Written gives it; a language where it is still to write, or
// that no fallback language has, lacks it.
type Text site.Text

// Format returns t in lang, when written there.
func (t Text) Format(lang string, _ *i18n.Catalog) (string, bool) {
	s := site.Text(t).Written(lang)
	return s, s != ""
}

// Verbatim is a fact written the same in every language: a phone
// number, an e-mail address, a licence's SPDX identifier.
type Verbatim string

// Format returns v as it is.
func (v Verbatim) Format(string, *i18n.Catalog) (string, bool) { return string(v), true }

// Facts are the facts of a commune that shared pages show as
// placeholders, by name: "commune.name", "commune.region",
// "commune.province" (Text), "commune.population" (Number),
// "commune.census_year" (Year), "contact.address", "contact.hours"
// (Text), "contact.phone" (Verbatim, the first phone), "contact.email"
// (Verbatim), "information_officer.name" (Text),
// "information_officer.email" (Verbatim), "fee_decision" (Text, the
// council's decision on local taxes and fees), "open_data_licence"
// (Verbatim, an SPDX identifier), "petition.signatures" (Number, from
// law.PetitionSignatures), "petition.answer_months",
// "access_info.answer_days", "access_info.extension_days",
// "access_info.urgent_days", "access_info.complaint_days",
// "access_info.cdai_days" (Numbers from internal/law), and every figure
// of law.Figures as "law." + its name (a Number, or a Month for a month
// of the year). An optional fact the profile lacks is simply absent
// (Needs says how to add each). "commune.type" and "commune.name_of"
// come from the theme's interface strings.
//
// Facts are read-only once made, and safe for concurrent use.
type Facts struct {
	// PetitionSignatures is the number of signatures a citizens' petition
	// needs in the commune (law.PetitionSignatures).
	PetitionSignatures int

	byName map[string]Fact
}

// FactsOf returns the facts of c, or nil for a nil commune. Their Text
// values share the commune's maps.
func FactsOf(c *site.Commune) *Facts {
	if c == nil {
		return nil
	}
	f := &Facts{PetitionSignatures: law.PetitionSignatures(c.Population, c.Arrondissements)}
	f.byName = map[string]Fact{
		"commune.population":         Number(c.Population),
		"commune.census_year":        Year(c.CensusYear),
		"petition.signatures":        Number(f.PetitionSignatures),
		"petition.answer_months":     Number(law.PetitionAnswerMonths),
		"access_info.answer_days":    Number(law.InfoAnswerDays),
		"access_info.extension_days": Number(law.InfoExtensionDays),
		"access_info.urgent_days":    Number(law.InfoUrgentDays),
		"access_info.complaint_days": Number(law.InfoComplaintDays),
		"access_info.cdai_days":      Number(law.InfoCDAIDays),
	}
	// Every legal figure, so that pages state them from the one place
	// they are kept: {{ law.petition.signatures.small }}.
	for _, fig := range law.Figures() {
		f.byName["law."+fig.Name] = lawFact(fig)
	}
	setText := func(name string, t site.Text) {
		if len(t) > 0 {
			f.byName[name] = Text(t)
		}
	}
	setVerbatim := func(name, s string) {
		if s != "" {
			f.byName[name] = Verbatim(s)
		}
	}
	setText("commune.name", c.Name)
	setText("commune.region", c.RegionName)
	setText("commune.province", c.ProvinceName)
	setText("contact.address", c.Contact.Address)
	setText("contact.hours", c.Contact.Hours)
	if len(c.Contact.Phone) > 0 {
		setVerbatim("contact.phone", c.Contact.Phone[0])
	}
	setVerbatim("contact.email", c.Contact.Email)
	setText("fee_decision", c.FeeDecision)
	setVerbatim("open_data_licence", c.OpenDataLicence)
	if o := c.InformationOfficer; o != nil {
		setText("information_officer.name", o.Name)
		setVerbatim("information_officer.email", o.Email)
	}
	return f
}

// lawFact is a legal figure as a fact: a month of the year by its name,
// any other figure as a number.
func lawFact(fig law.Figure) Fact {
	if fig.Unit == law.MonthOfYear {
		return Month(fig.Value)
	}
	return Number(fig.Value)
}

// In returns every fact the commune has in language lang, formatted with
// cat, by name; the map is new at each call.
func (f *Facts) In(lang string, cat *i18n.Catalog) map[string]string {
	if f == nil {
		return map[string]string{}
	}
	out := make(map[string]string, len(f.byName))
	for name, v := range f.byName {
		if s, ok := v.Format(lang, cat); ok {
			out[name] = s
		}
	}
	return out
}

// optional are the facts of Facts a profile may lack or leave to write:
// the placeholder, the path of its value in the profile, the block it is
// written in ("" for the top level), an example of its line, and whether
// it has a value per language. The name and the town hall's address are
// required, but "tadafor new" leaves them TODO where it has no value (the
// address; the name in a language the census lacks).
var optional = []struct {
	name, path, block, example string
	text                       bool
}{
	{"commune.name", "name", "", `name: {ar: "…", fr: "…"}`, true},
	{"contact.address", "contact.address", "contact", `address: {ar: "…", fr: "…"}`, true},
	{"contact.phone", "contact.phone", "contact", "phone: [05 36 00 00 01]", false},
	{"contact.email", "contact.email", "contact", "email: contact@commune.ma", false},
	{"contact.hours", "contact.hours", "contact", `hours: {ar: "…", fr: "du lundi au vendredi, 8 h 30 – 16 h 30"}`, true},
	{"information_officer.name", "information_officer.name", "information_officer", `name: {ar: "…", fr: "…"}`, true},
	{"information_officer.email", "information_officer.email", "information_officer", "email: information@commune.ma", false},
}

// Needs returns, for every optional fact of Facts, the error to report
// when a page needs it and the profile of c lacks it: at the value to
// write or the block to add it to, saying how. The map is new at each
// call; Needs is safe for concurrent use.
func Needs(c *site.Commune) map[string]*diag.Error {
	needs := make(map[string]*diag.Error, len(optional))
	for _, o := range optional {
		e := &diag.Error{Pos: diag.Pos{File: c.File}, Msg: "the pages need " + o.name}
		if pos, ok := c.Where[o.path]; ok && o.text {
			// Written, but not in every language, or still TODO.
			e.Pos = pos
			e.Hint = fmt.Sprintf("write it in every language of the site, in place of any %s", site.ToWrite)
		} else if pos, ok := c.Where[o.block+":key"]; ok && o.block != "" {
			e.Pos = pos
			e.Hint = fmt.Sprintf("add it under %s:, as in %s", o.block, o.example)
		} else {
			e.Hint = fmt.Sprintf("add the block %s: with its %s, as docs/commune.yaml shows", o.block, o.example)
		}
		needs[o.name] = e
	}
	return needs
}

// wherePaths are the paths of the profile whose positions Needs uses.
func wherePaths() []string {
	var paths []string
	for _, o := range optional {
		paths = append(paths, o.path)
		if o.block != "" {
			paths = append(paths, o.block+":key")
		}
	}
	return paths
}
