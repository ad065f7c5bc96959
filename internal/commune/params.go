package commune

import (
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
// Absent optional facts are simply missing from the map;
// "commune.type" comes from the theme's interface strings.
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
