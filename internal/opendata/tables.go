package opendata

import (
	"strconv"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

// Table is one records list flattened for CSV.
type Table struct {
	// Name is the list's name, usable as a file name stem, e.g.
	// "petitions" for petitions.csv.
	Name string
	// Head names the columns; every row has one cell per column.
	Head []string
	// Rows holds one row per record, in the order of the list.
	Rows [][]string
}

// Tables flattens every list of r, always in the same order and always
// all of them (an empty list gives a table with its head and no rows), so
// the set of published files does not depend on the data: council-members,
// council-committees, sessions, petitions, budget-projects, body-members,
// body-opinions, cocreation, documents. A nil r gives empty tables.
func Tables(r *site.Records, langs []string) []Table {
	if r == nil {
		r = &site.Records{}
	}
	return []Table{
		named("council-members", table(CouncilMembers(r.Council, langs))),
		named("council-committees", table(Committees(r.Council, langs))),
		named("sessions", table(Sessions(r.Sessions, langs))),
		named("petitions", table(Petitions(r.Petitions, langs))),
		named("budget-projects", table(Projects(r.Budgets, langs))),
		named("body-members", table(BodyMembers(r.Bodies, langs))),
		named("body-opinions", table(Opinions(r.Bodies, langs))),
		named("cocreation", table(CoCreations(r.CoCreations, langs))),
		named("documents", table(Documents(r.Documents, langs))),
	}
}

// table makes a Table of a flattening's result.
func table(head []string, rows [][]string) Table { return Table{Head: head, Rows: rows} }

// named sets the name of t.
func named(name string, t Table) Table {
	t.Name = name
	return t
}

// column is one field of a flattened record: a text in several languages
// (one column per language, named name_<lang>) or a single value.
type column[T any] struct {
	name string
	text func(T) site.Text
	val  func(T) string
}

// str is a single-valued column.
func str[T any](name string, f func(T) string) column[T] { return column[T]{name: name, val: f} }

// txt is a column per language.
func txt[T any](name string, f func(T) site.Text) column[T] {
	return column[T]{name: name, text: f}
}

// flatten applies cols to every record of list.
func flatten[T any](cols []column[T], list []T, langs []string) (head []string, rows [][]string) {
	for _, c := range cols {
		if c.text == nil {
			head = append(head, c.name)
			continue
		}
		for _, l := range langs {
			head = append(head, c.name+"_"+l)
		}
	}
	rows = make([][]string, 0, len(list))
	for _, rec := range list {
		row := make([]string, 0, len(head))
		for _, c := range cols {
			if c.text == nil {
				row = append(row, c.val(rec))
				continue
			}
			t := c.text(rec)
			// A column per language holds the text as written in it:
			// data never falls back to another language.
			for _, l := range langs {
				row = append(row, t[l])
			}
		}
		rows = append(rows, row)
	}
	return head, rows
}

// Petitions flattens petitions, one row each: ref, title_*, filer,
// filer_name_*, filed, signatures, channel, status and status_date (the
// latest status), history (one "date status" line per change, oldest
// first), decision_*, reason_*, session.
func Petitions(list []site.Petition, langs []string) (head []string, rows [][]string) {
	type P = site.Petition
	return flatten([]column[P]{
		str("ref", func(p P) string { return p.Ref }),
		txt("title", func(p P) site.Text { return p.Title }),
		str("filer", func(p P) string { return string(p.Filer) }),
		txt("filer_name", func(p P) site.Text { return p.FilerName }),
		str("filed", func(p P) string { return date(p.Filed) }),
		str("signatures", func(p P) string { return strconv.Itoa(p.Signatures) }),
		str("channel", func(p P) string { return p.Channel }),
		str("status", func(p P) string { return string(p.Status()) }),
		str("status_date", func(p P) string {
			if len(p.History) == 0 {
				return ""
			}
			return date(p.History[len(p.History)-1].Date)
		}),
		str("history", func(p P) string {
			lines := make([]string, len(p.History))
			for i, s := range p.History {
				lines[i] = date(s.Date) + " " + string(s.Status)
			}
			return strings.Join(lines, "\n")
		}),
		txt("decision", func(p P) site.Text { return p.Decision }),
		txt("reason", func(p P) site.Text { return p.Reason }),
		str("session", func(p P) string { return p.Session }),
	}, list, langs)
}

// Sessions flattens council sessions: id, kind, date, end, held ("true"
// once it has decisions or minutes), place_*, agenda_*, decisions_* (one
// item per line), minutes, minutes_size (octets, "" when unknown),
// minutes_format.
func Sessions(list []site.Session, langs []string) (head []string, rows [][]string) {
	type S = site.Session
	return flatten([]column[S]{
		str("id", func(s S) string { return s.ID }),
		str("kind", func(s S) string { return string(s.Kind) }),
		str("date", func(s S) string { return date(s.Date) }),
		str("end", func(s S) string { return date(s.End) }),
		str("held", func(s S) string { return strconv.FormatBool(s.Held()) }),
		txt("place", func(s S) site.Text { return s.Place }),
		txt("agenda", func(s S) site.Text { return lines(s.Agenda) }),
		txt("decisions", func(s S) site.Text { return lines(s.Decisions) }),
		str("minutes", func(s S) string { return s.Minutes }),
		str("minutes_size", func(s S) string { return size(s.MinutesSize) }),
		str("minutes_format", func(s S) string { return s.MinutesFormat }),
	}, list, langs)
}

// projectRow is a project with its budget cycle.
type projectRow struct {
	cycle *site.BudgetCycle
	site.Project
}

// Projects flattens the projects of participatory budget cycles, one row
// per project with its cycle: cycle, cycle_title_*, cycle_amount, id,
// title_*, area_*, cost, feasible ("true", "false" or "" before review),
// reason_*, votes, selected, proposer_*, status (site.Project.Status),
// progress (of the last milestone, "" without one), milestones_* (one
// "date progress% title" line per milestone, in order).
func Projects(cycles []site.BudgetCycle, langs []string) (head []string, rows [][]string) {
	var list []projectRow
	for i := range cycles {
		for _, p := range cycles[i].Projects {
			list = append(list, projectRow{&cycles[i], p})
		}
	}
	type P = projectRow
	return flatten([]column[P]{
		str("cycle", func(p P) string { return p.cycle.ID }),
		txt("cycle_title", func(p P) site.Text { return p.cycle.Title }),
		str("cycle_amount", func(p P) string { return strconv.Itoa(p.cycle.Amount) }),
		str("id", func(p P) string { return p.ID }),
		txt("title", func(p P) site.Text { return p.Title }),
		txt("area", func(p P) site.Text { return p.Area }),
		str("cost", func(p P) string { return strconv.Itoa(p.Cost) }),
		str("feasible", func(p P) string {
			if p.Feasible == nil {
				return ""
			}
			return strconv.FormatBool(*p.Feasible)
		}),
		txt("reason", func(p P) site.Text { return p.Reason }),
		str("votes", func(p P) string { return strconv.Itoa(p.Votes) }),
		str("selected", func(p P) string { return strconv.FormatBool(p.Selected) }),
		txt("proposer", func(p P) site.Text { return p.Proposer }),
		str("status", func(p P) string { return string(p.Status()) }),
		str("progress", func(p P) string {
			if len(p.Milestones) == 0 {
				return ""
			}
			return strconv.Itoa(p.Progress())
		}),
		txt("milestones", func(p P) site.Text {
			items := make([]site.Text, len(p.Milestones))
			for i, m := range p.Milestones {
				prefix := date(m.Date) + " " + strconv.Itoa(m.Progress) + "% "
				items[i] = site.Text{}
				for l, s := range m.Title {
					items[i][l] = prefix + s
				}
			}
			return lines(items)
		}),
	}, list, langs)
}

// bodyMember is a member with the body it sits on.
type bodyMember struct {
	body *site.Body
	site.Member
}

// BodyMembers flattens the members of consultative bodies, one row per
// member with the body: body, body_kind, body_name_*, name_*, gender,
// role_*, party.
func BodyMembers(bodies []site.Body, langs []string) (head []string, rows [][]string) {
	var list []bodyMember
	for i := range bodies {
		for _, m := range bodies[i].Members {
			list = append(list, bodyMember{&bodies[i], m})
		}
	}
	type M = bodyMember
	return flatten([]column[M]{
		str("body", func(m M) string { return m.body.ID }),
		str("body_kind", func(m M) string { return m.body.Kind }),
		txt("body_name", func(m M) site.Text { return m.body.Name }),
		txt("name", func(m M) site.Text { return m.Name }),
		str("gender", func(m M) string { return string(m.Gender) }),
		txt("role", func(m M) site.Text { return m.Role }),
		str("party", func(m M) string { return m.Party }),
	}, list, langs)
}

// bodyOpinion is an opinion with the body that gave it.
type bodyOpinion struct {
	body *site.Body
	site.Opinion
}

// Opinions flattens the opinions of consultative bodies, one row per
// opinion with the body: body, body_kind, body_name_*, date, subject_*,
// summary_*, response_*, responded.
func Opinions(bodies []site.Body, langs []string) (head []string, rows [][]string) {
	var list []bodyOpinion
	for i := range bodies {
		for _, o := range bodies[i].Opinions {
			list = append(list, bodyOpinion{&bodies[i], o})
		}
	}
	type O = bodyOpinion
	return flatten([]column[O]{
		str("body", func(o O) string { return o.body.ID }),
		str("body_kind", func(o O) string { return o.body.Kind }),
		txt("body_name", func(o O) site.Text { return o.body.Name }),
		str("date", func(o O) string { return date(o.Date) }),
		txt("subject", func(o O) site.Text { return o.Subject }),
		txt("summary", func(o O) site.Text { return o.Summary }),
		txt("response", func(o O) site.Text { return o.Response }),
		str("responded", func(o O) string { return date(o.Responded) }),
	}, list, langs)
}

// CoCreations flattens co-creation projects: id, title_*, partners_* (one
// partner per line), amount, status, start, end, summary_*.
func CoCreations(list []site.CoCreation, langs []string) (head []string, rows [][]string) {
	type C = site.CoCreation
	return flatten([]column[C]{
		str("id", func(c C) string { return c.ID }),
		txt("title", func(c C) site.Text { return c.Title }),
		txt("partners", func(c C) site.Text { return lines(c.Partners) }),
		str("amount", func(c C) string { return strconv.Itoa(c.Amount) }),
		str("status", func(c C) string { return c.Status }),
		str("start", func(c C) string { return date(c.Start) }),
		str("end", func(c C) string { return date(c.End) }),
		txt("summary", func(c C) site.Text { return c.Summary }),
	}, list, langs)
}

// Documents flattens published documents: title_*, category, file, date,
// size (octets, "" when unknown), format.
func Documents(list []site.Document, langs []string) (head []string, rows [][]string) {
	type D = site.Document
	return flatten([]column[D]{
		txt("title", func(d D) site.Text { return d.Title }),
		str("category", func(d D) string { return d.Category }),
		str("file", func(d D) string { return d.File }),
		str("date", func(d D) string { return date(d.Date) }),
		str("size", func(d D) string { return size(d.Size) }),
		str("format", func(d D) string { return d.Format }),
	}, list, langs)
}

// councilMember is a council member with their position.
type councilMember struct {
	mandate, position string
	site.Member
}

// CouncilMembers flattens the council, one row per member, the president
// first, then the bureau, then the other members: mandate, position
// ("president", "bureau" or "member"), name_*, gender, role_*, party. A
// nil council gives the head and no rows.
func CouncilMembers(c *site.Council, langs []string) (head []string, rows [][]string) {
	var list []councilMember
	if c != nil {
		list = append(list, councilMember{c.Mandate, "president", c.President})
		for _, m := range c.Bureau {
			list = append(list, councilMember{c.Mandate, "bureau", m})
		}
		for _, m := range c.Members {
			list = append(list, councilMember{c.Mandate, "member", m})
		}
	}
	type M = councilMember
	return flatten([]column[M]{
		str("mandate", func(m M) string { return m.mandate }),
		str("position", func(m M) string { return m.position }),
		txt("name", func(m M) site.Text { return m.Name }),
		str("gender", func(m M) string { return string(m.Gender) }),
		txt("role", func(m M) site.Text { return m.Role }),
		str("party", func(m M) string { return m.Party }),
	}, list, langs)
}

// Committees flattens the council's standing committees: name_*, chair_*,
// members_* (one member per line), remit_*. A nil council gives the head
// and no rows.
func Committees(c *site.Council, langs []string) (head []string, rows [][]string) {
	var list []site.Committee
	if c != nil {
		list = c.Committees
	}
	type C = site.Committee
	return flatten([]column[C]{
		txt("name", func(c C) site.Text { return c.Name }),
		txt("chair", func(c C) site.Text { return c.Chair }),
		txt("members", func(c C) site.Text { return lines(c.Members) }),
		txt("remit", func(c C) site.Text { return c.Remit }),
	}, list, langs)
}

// size writes a file size in octets, "" when unknown (0).
func size(n int64) string {
	if n <= 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// date writes d as "2006-01-02", or "2006-01-02T15:04" when it has a time
// of day, and "" when zero.
func date(d site.Date) string {
	switch {
	case d.IsZero():
		return ""
	case d.HasClock():
		return d.Format("2006-01-02T15:04")
	}
	return d.Format(time.DateOnly)
}

// lines joins a list of texts language by language, one item per line;
// an item missing in a language is left out of that language's cell.
func lines(items []site.Text) site.Text {
	out := site.Text{}
	for _, it := range items {
		for l, s := range it {
			if s == "" {
				continue
			}
			if out[l] != "" {
				out[l] += "\n"
			}
			out[l] += s
		}
	}
	return out
}
