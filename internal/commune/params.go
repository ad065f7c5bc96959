package commune

import (
	"fmt"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/site"
)

// Params returns the raw facts a shared page may use as placeholders, by
// name: "commune.name" (site.Text), "commune.region" (site.Text),
// "commune.province" (site.Text), "commune.population" (int),
// "commune.census_year" (site.Year),
// "contact.address"/"contact.hours" (site.Text), "contact.phone" (string,
// first phone), "contact.email" (string), "information_officer.name"
// (site.Text), "information_officer.email" (string), "fee_decision"
// (site.Text, the council's decision on local taxes and fees),
// "open_data_licence" (string, an SPDX identifier),
// "petition.signatures" (int, from law.PetitionSignatures),
// "petition.answer_months" (int), "access_info.answer_days",
// "access_info.extension_days", "access_info.urgent_days",
// "access_info.complaint_days", "access_info.cdai_days" (ints from
// internal/law), and every figure of law.Figures as "law." + its name
// (its Param: an int, or a time.Month for a month).
// Absent optional facts are simply missing from the map (Needs says how
// to add each); a text is formatted per language, and a language where it
// is not written (see site.Text.Written) lacks it. "commune.type" and
// "commune.name_of" come from the theme's interface strings.
//
// The map is new at each call; its site.Text values share the commune's
// maps and must not be modified. Params returns nil for a nil commune and
// is safe for concurrent use.
func Params(c *site.Commune) map[string]any {
	if c == nil {
		return nil
	}
	p := map[string]any{
		"commune.population":         c.Population,
		"commune.census_year":        site.Year(c.CensusYear),
		"petition.signatures":        law.PetitionSignatures(c.Population, c.Arrondissements),
		"petition.answer_months":     law.PetitionAnswerMonths,
		"access_info.answer_days":    law.InfoAnswerDays,
		"access_info.extension_days": law.InfoExtensionDays,
		"access_info.urgent_days":    law.InfoUrgentDays,
		"access_info.complaint_days": law.InfoComplaintDays,
		"access_info.cdai_days":      law.InfoCDAIDays,
	}
	// Every legal figure, so that pages state them from the one place
	// they are kept: {{ law.petition.signatures.small }}.
	for _, f := range law.Figures() {
		p["law."+f.Name] = f.Param()
	}
	setText := func(name string, t site.Text) {
		if len(t) > 0 {
			p[name] = t
		}
	}
	setString := func(name, s string) {
		if s != "" {
			p[name] = s
		}
	}
	setText("commune.name", c.Name)
	setText("commune.region", c.RegionName)
	setText("commune.province", c.ProvinceName)
	setText("contact.address", c.Contact.Address)
	setText("contact.hours", c.Contact.Hours)
	if len(c.Contact.Phone) > 0 {
		setString("contact.phone", c.Contact.Phone[0])
	}
	setString("contact.email", c.Contact.Email)
	setText("fee_decision", c.FeeDecision)
	setString("open_data_licence", c.OpenDataLicence)
	if o := c.InformationOfficer; o != nil {
		setText("information_officer.name", o.Name)
		setString("information_officer.email", o.Email)
	}
	return p
}

// optional are the facts of Params a profile may lack or leave to write:
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

// Needs returns, for every optional fact of Params, the error to report
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
