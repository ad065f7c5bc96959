package render

import (
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

// edition is the date of the newest thing the commune site's sources say
// was written, reviewed or done: a news item, a procedure's review, a
// record of the past (a petition's steps, a held session, a body's
// creation, an opinion and its response, a published document, a
// project's milestone). It stands for when the site last changed where a
// file must say so (a feed without entries, a calendar's DTSTAMP):
// derived from the inputs, it keeps two builds of the same sources
// identical, as the wall clock would not. What is scheduled (an announced
// session, an event, a budget phase) is left out, since it may lie in the
// future. A site with no date at all has the first day of its census
// year, the date of its oldest fact.
func edition(c *site.Commune, trees []*tree) time.Time {
	var newest time.Time
	add := func(d site.Date) {
		if d.After(newest) {
			newest = d.Time
		}
	}
	for _, t := range trees {
		for _, n := range t.nodes {
			if n.gen == nil {
				add(site.Date{Time: lastChange(n.page)})
			}
		}
	}
	rec := &c.Records
	for _, s := range rec.Sessions {
		if s.Held() {
			add(s.Date)
			add(s.End)
		}
	}
	for _, p := range rec.Petitions {
		add(p.Filed)
		for _, h := range p.History {
			add(h.Date)
		}
	}
	for _, b := range rec.Bodies {
		add(b.Created)
		for _, o := range b.Opinions {
			add(o.Date)
			add(o.Responded)
		}
	}
	for _, d := range rec.Documents {
		add(d.Date)
	}
	for _, cy := range rec.Budgets {
		for _, p := range cy.Projects {
			for _, m := range p.Milestones {
				add(m.Date)
			}
		}
	}
	if newest.IsZero() {
		return time.Date(c.CensusYear, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	return newest
}
