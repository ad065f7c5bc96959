package render

import (
	"strings"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/site"
)

// CommuneView is the commune of a site as layouts see it: its profile,
// whose fields it has (.Commune.Name, .Commune.Contact, .Commune.Records,
// .Commune.Demo…), and what is looked up in it for a page. One serves
// every page of the site; it is safe for concurrent use.
type CommuneView struct {
	*site.Commune
	facts *commune.Facts
}

// Threshold is the number of signatures a citizens' petition needs in the
// commune.
func (c *CommuneView) Threshold() int {
	if c.facts == nil {
		return 0
	}
	return c.facts.PetitionSignatures
}

// Local is how the commune does a procedure, where it differs from the
// shared page: its office (nil when none is named) and details.
type Local struct {
	Office *site.Office
	site.LocalProcedure
}

// Procedure returns the commune's own office, hours and fee for the
// procedure page with key (such as .Page.Key,
// "procedures/birth-certificate-extract"),
// or nil when its profile says nothing of it.
func (c *CommuneView) Procedure(key string) *Local {
	name, ok := strings.CutPrefix(key, "procedures/")
	if !ok {
		return nil
	}
	lp, ok := c.Procedures[name]
	if !ok {
		return nil
	}
	l := &Local{LocalProcedure: lp}
	for i := range c.Offices {
		if c.Offices[i].ID == lp.Office {
			l.Office = &c.Offices[i]
		}
	}
	return l
}
