package render

import (
	"encoding/json"
	"html/template"
	"strings"

	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/typography"
)

// communeJSONLD describes the commune for search engines as a schema.org
// GovernmentOrganization, in language lang, with properties schema.org
// defines for it (a page's language is the page's, not the
// organisation's). The organisation has one @id in every language, from
// the site's address base (or its own website when base is unknown), so
// that its descriptions are known to be one; its url is its own website
// when the profile gives one, else the site's root. The telephone is
// written in international form (+212…). A demonstration commune asserts
// no contact detail: its street, telephone and e-mail are invented, and
// a machine reading them would not see the banner that says so.
func communeJSONLD(c *site.Commune, base, lang string, rule *typography.Rule) template.JS {
	name := rule.Text(c.Name.Get(lang))
	org := organisation{
		Context:    "https://schema.org",
		Type:       "GovernmentOrganization",
		Name:       name,
		Address:    postalAddress{Type: "PostalAddress", Locality: name, Region: rule.Text(c.RegionName.Get(lang)), Country: "MA"},
		AreaServed: area{Type: "AdministrativeArea", Name: name},
	}
	home := c.Contact.Website
	if home == "" {
		home = base
	}
	if home != "" {
		org.URL = home
		id := base
		if id == "" {
			id = strings.TrimSuffix(home, "/") + "/"
		}
		org.ID = id + "#commune"
	}
	if !c.Demo {
		if street := c.Contact.Address.Written(lang); street != "" {
			org.Address.Street = rule.Text(street)
		}
		for _, p := range c.Contact.Phone {
			if tel := internationalPhone(p); tel != "" {
				org.Telephone = tel
				break
			}
		}
		org.Email = c.Contact.Email
	}
	b, _ := json.Marshal(org) // strings only: always marshals
	return template.JS(b)
}

// organisation is a schema.org GovernmentOrganization, its properties
// in the order of their names (as search engines' tools show them).
type organisation struct {
	Context    string        `json:"@context"`
	ID         string        `json:"@id,omitempty"`
	Type       string        `json:"@type"`
	Address    postalAddress `json:"address"`
	AreaServed area          `json:"areaServed"`
	Email      string        `json:"email,omitempty"`
	Name       string        `json:"name"`
	Telephone  string        `json:"telephone,omitempty"`
	URL        string        `json:"url,omitempty"`
}

// postalAddress is a schema.org PostalAddress.
type postalAddress struct {
	Type     string `json:"@type"`
	Country  string `json:"addressCountry"`
	Locality string `json:"addressLocality"`
	Region   string `json:"addressRegion"`
	Street   string `json:"streetAddress,omitempty"`
}

// area is a schema.org AdministrativeArea.
type area struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// internationalPhone writes a Moroccan phone number in international form
// ("05 36 00 00 01" → "+212536000001"; "+212 5…" and "00212 5…" as well),
// or returns "" for a number it cannot place.
func internationalPhone(phone string) string {
	d := telDigits(phone)
	switch {
	case strings.HasPrefix(d, "+") && len(d) > 4:
		return d
	case strings.HasPrefix(d, "00") && len(d) > 5:
		return "+" + d[2:]
	case len(d) == 10 && d[0] == '0':
		return "+212" + d[1:]
	}
	return ""
}
