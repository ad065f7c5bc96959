// Package indicators computes the figures the sites show about a
// commune's records — petitions filed, accepted and answered in time,
// budget projects by status, the share of women among members, sessions
// held — and sums them by region for the programme portal. Figures are
// always computed from the records, never typed in, and depend on nothing
// else (not on the current time), so two builds show the same figures.
// The types have plain fields for templates and charts.
package indicators

import (
	"cmp"
	"slices"
	"time"

	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/site"
)

// Share counts women among the members of a council or body.
type Share struct {
	Women int
	Men   int
	// Total is Women + Men.
	Total int
	// Percent is the share of women, Women*100/Total rounded to the
	// nearest whole number (half up); 0 when Total is 0.
	Percent int
}

func (s *Share) count(g site.Gender) {
	switch g {
	case site.Woman:
		s.Women++
	case site.Man:
		s.Men++
	default:
		return
	}
	s.Total++
	s.Percent = percent(s.Women, s.Total)
}

func (s *Share) add(o Share) {
	s.Women += o.Women
	s.Men += o.Men
	s.Total += o.Total
	s.Percent = percent(s.Women, s.Total)
}

// percent is n*100/total rounded half up, 0 when total is 0.
func percent(n, total int) int {
	if total <= 0 {
		return 0
	}
	return (n*200 + total) / (2 * total)
}

// Petitions counts petitions by outcome. A petition is counted by its
// current status (the last of its history) except in Accepted.
type Petitions struct {
	// Filed is every petition received.
	Filed int
	// Accepted counts petitions the bureau found admissible, whatever
	// happened next.
	Accepted int
	// Rejected counts petitions found not admissible.
	Rejected int
	// Deliberated counts petitions the council deliberated on (status
	// "answered").
	Deliberated int
	// Withdrawn counts petitions withdrawn by their filers.
	Withdrawn int
	// Pending counts petitions still awaiting an outcome (filed,
	// examining, accepted or scheduled).
	Pending int
	// Answered is Rejected + Deliberated: the filers know the outcome.
	Answered int
	// AnsweredInTime counts the answered petitions answered within the
	// legal time: a rejection within law.PetitionAnswerMonths of filing,
	// or a deliberation no later than the next ordinary session after the
	// acceptance (see NextOrdinarySession).
	AnsweredInTime int
	// InTimePercent is AnsweredInTime*100/Answered, rounded; 0 when no
	// petition is answered.
	InTimePercent int
}

func (p *Petitions) add(o Petitions) {
	p.Filed += o.Filed
	p.Accepted += o.Accepted
	p.Rejected += o.Rejected
	p.Deliberated += o.Deliberated
	p.Withdrawn += o.Withdrawn
	p.Pending += o.Pending
	p.Answered += o.Answered
	p.AnsweredInTime += o.AnsweredInTime
	p.InTimePercent = percent(p.AnsweredInTime, p.Answered)
}

// Projects counts the projects of participatory budget cycles by status
// (site.Project.Status); each project is counted once, in its furthest
// status.
type Projects struct {
	Total      int
	Proposed   int
	Unfeasible int
	Feasible   int
	Selected   int
	InProgress int
	Completed  int
	// Retained is Selected + InProgress + Completed: the projects the
	// vote retained.
	Retained int
}

func (p *Projects) count(s site.ProjectStatus) {
	p.Total++
	switch s {
	case site.ProjectProposed:
		p.Proposed++
	case site.ProjectUnfeasible:
		p.Unfeasible++
	case site.ProjectFeasible:
		p.Feasible++
	case site.ProjectSelected:
		p.Selected++
	case site.ProjectInProgress:
		p.InProgress++
	case site.ProjectCompleted:
		p.Completed++
	}
	p.Retained = p.Selected + p.InProgress + p.Completed
}

func (p *Projects) add(o Projects) {
	p.Total += o.Total
	p.Proposed += o.Proposed
	p.Unfeasible += o.Unfeasible
	p.Feasible += o.Feasible
	p.Selected += o.Selected
	p.InProgress += o.InProgress
	p.Completed += o.Completed
	p.Retained += o.Retained
}

// SessionYear counts the council sessions held in one year, by kind.
type SessionYear struct {
	Year          int
	Ordinary      int
	Extraordinary int
	// Total is Ordinary + Extraordinary.
	Total int
}

// Body sums up one consultative body.
type Body struct {
	ID   string
	Kind string
	Name site.Text
	// Members counts the body's members by gender.
	Members Share
	// Opinions counts the opinions the body gave; Responded those the
	// council responded to.
	Opinions  int
	Responded int
}

// Commune holds the indicators of one commune.
type Commune struct {
	Petitions Petitions
	Projects  Projects
	// Council counts the councillors (president, bureau and members) by
	// gender; all zero when the commune has no council.yaml.
	Council Share
	// Bodies sums up each consultative body, in the order of bodies.yaml.
	Bodies []Body
	// BodyMembers counts the members of every body together.
	BodyMembers Share
	// IEECAG is true when the commune has described its IEECAG.
	IEECAG bool
	// Opinions and Responded count the opinions of every body and those
	// the council responded to.
	Opinions  int
	Responded int
	// Sessions counts the sessions held (site.Session.Held) by year, oldest
	// first; SessionsHeld is their total and SessionsPlanned counts the
	// sessions announced but not yet held.
	Sessions        []SessionYear
	SessionsHeld    int
	SessionsPlanned int
	// CoCreations and Documents count the co-creation projects and the
	// published documents.
	CoCreations int
	Documents   int
}

// For computes the indicators of commune c from its records; a nil c
// gives zero indicators. It does not modify c and is safe for concurrent
// use.
func For(c *site.Commune) Commune {
	var ind Commune
	if c == nil {
		return ind
	}
	r := c.Records
	ind.Petitions = petitions(r)
	for _, cy := range r.Budgets {
		for _, p := range cy.Projects {
			ind.Projects.count(p.Status())
		}
	}
	if co := r.Council; co != nil {
		ind.Council.count(co.President.Gender)
		for _, m := range co.Bureau {
			ind.Council.count(m.Gender)
		}
		for _, m := range co.Members {
			ind.Council.count(m.Gender)
		}
	}
	for _, b := range r.Bodies {
		ib := Body{ID: b.ID, Kind: b.Kind, Name: b.Name, Opinions: len(b.Opinions)}
		for _, m := range b.Members {
			ib.Members.count(m.Gender)
		}
		for _, o := range b.Opinions {
			if len(o.Response) > 0 {
				ib.Responded++
			}
		}
		ind.Bodies = append(ind.Bodies, ib)
		ind.BodyMembers.add(ib.Members)
		ind.Opinions += ib.Opinions
		ind.Responded += ib.Responded
		ind.IEECAG = ind.IEECAG || b.Kind == "ieecag"
	}
	ind.Sessions, ind.SessionsHeld, ind.SessionsPlanned = sessions(r.Sessions)
	ind.CoCreations = len(r.CoCreations)
	ind.Documents = len(r.Documents)
	return ind
}

func sessions(ss []site.Session) (years []SessionYear, held, planned int) {
	for _, s := range ss {
		if !s.Held() {
			planned++
			continue
		}
		held++
		y := s.Date.Year()
		i := slices.IndexFunc(years, func(sy SessionYear) bool { return sy.Year == y })
		if i < 0 {
			years = append(years, SessionYear{Year: y})
			i = len(years) - 1
		}
		if s.Kind == site.Extraordinary {
			years[i].Extraordinary++
		} else {
			years[i].Ordinary++
		}
		years[i].Total++
	}
	slices.SortFunc(years, func(a, b SessionYear) int { return cmp.Compare(a.Year, b.Year) })
	return years, held, planned
}

func petitions(r site.Records) Petitions {
	var p Petitions
	for _, pe := range r.Petitions {
		p.Filed++
		if !pe.StatusDate(site.Accepted).IsZero() {
			p.Accepted++
		}
		switch pe.Status() {
		case site.Rejected:
			p.Rejected++
		case site.Answered:
			p.Deliberated++
		case site.Withdrawn:
			p.Withdrawn++
		default:
			p.Pending++
		}
		if InTime(pe, r.Sessions) {
			p.AnsweredInTime++
		}
	}
	p.Answered = p.Rejected + p.Deliberated
	p.InTimePercent = percent(p.AnsweredInTime, p.Answered)
	return p
}

// InTime reports whether petition p was answered within the legal time:
//
//   - rejected: the rejection is dated no later than the same day
//     law.PetitionAnswerMonths months after the filing date (the agent
//     receives a reasoned decision within three months of receipt);
//   - answered: the council deliberated no later than the next ordinary
//     session after the acceptance (the accepted petition goes on the
//     agenda of the next ordinary session): the opening day of the session
//     named by p.Session (found in sessions), or the date of "answered"
//     when it names none, is on or before NextOrdinarySession(acceptance
//     date).
//
// Any other petition is not answered, so not answered in time. InTime is
// safe for concurrent use.
func InTime(p site.Petition, sessions []site.Session) bool {
	switch p.Status() {
	case site.Rejected:
		rejected, filed := p.StatusDate(site.Rejected), p.StatusDate(site.Filed)
		if filed.IsZero() {
			filed = p.Filed
		}
		return !filed.IsZero() && !dayOf(rejected.Time).After(dayOf(filed.Time).AddDate(0, law.PetitionAnswerMonths, 0))
	case site.Answered:
		accepted := p.StatusDate(site.Accepted)
		if accepted.IsZero() {
			return false
		}
		deliberated := p.StatusDate(site.Answered).Time
		for _, s := range sessions {
			if s.ID == p.Session && p.Session != "" && !s.Date.IsZero() {
				deliberated = s.Date.Time
				break
			}
		}
		return !dayOf(deliberated).After(NextOrdinarySession(accepted.Time))
	}
	return false
}

// NextOrdinarySession returns the last day of the first ordinary session
// period that begins after day t: the end of the first week (the 7th) of
// the first of February, May and October (law.OrdinarySessionMonths)
// whose 1st falls after t. It is safe for concurrent use.
func NextOrdinarySession(t time.Time) time.Time {
	t = dayOf(t)
	months := law.OrdinarySessionMonths()
	for y := t.Year(); ; y++ {
		for _, m := range months {
			if first := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC); first.After(t) {
				return first.AddDate(0, 0, 6)
			}
		}
	}
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Region sums up the communes of one region for the programme portal.
type Region struct {
	// Code and Name are the region's HCP code and name; both are empty in
	// the total of every region.
	Code string
	Name site.Text
	// Communes counts the communes of the region.
	Communes int
	// IEECAG counts the communes that described their IEECAG.
	IEECAG int
	// Bodies counts the consultative bodies of every commune.
	Bodies      int
	Petitions   Petitions
	Projects    Projects
	Council     Share
	BodyMembers Share
	// SessionsHeld counts the council sessions held.
	SessionsHeld int
	Opinions     int
	Responded    int
	CoCreations  int
}

func (r *Region) add(c Commune) {
	r.Communes++
	if c.IEECAG {
		r.IEECAG++
	}
	r.Bodies += len(c.Bodies)
	r.Petitions.add(c.Petitions)
	r.Projects.add(c.Projects)
	r.Council.add(c.Council)
	r.BodyMembers.add(c.BodyMembers)
	r.SessionsHeld += c.SessionsHeld
	r.Opinions += c.Opinions
	r.Responded += c.Responded
	r.CoCreations += c.CoCreations
}

// Programme is the results table of the programme: one row per region
// and their total.
type Programme struct {
	// Regions are ordered by code; only regions with a commune appear.
	Regions []Region
	Total   Region
}

// Aggregate sums the indicators of communes by region (site.Commune.Region,
// named after the first commune's RegionName). Nil communes are skipped.
// It does not modify the communes and is safe for concurrent use.
func Aggregate(communes []*site.Commune) Programme {
	var prog Programme
	for _, c := range communes {
		if c == nil {
			continue
		}
		ind := For(c)
		i := slices.IndexFunc(prog.Regions, func(r Region) bool { return r.Code == c.Region })
		if i < 0 {
			prog.Regions = append(prog.Regions, Region{Code: c.Region, Name: c.RegionName})
			i = len(prog.Regions) - 1
		}
		if len(prog.Regions[i].Name) == 0 {
			prog.Regions[i].Name = c.RegionName
		}
		prog.Regions[i].add(ind)
		prog.Total.add(ind)
	}
	slices.SortFunc(prog.Regions, func(a, b Region) int { return cmp.Compare(a.Code, b.Code) })
	return prog
}
