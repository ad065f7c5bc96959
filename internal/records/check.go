package records

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// checker checks decoded records against each other. It is used once,
// by one goroutine.
type checker struct {
	c     *site.Commune
	langs []string
	r     site.Records
	// pos and paths are keyed by data file name.
	pos   map[string]yamldecode.Positions
	paths map[string]string

	static      fs.FS
	staticDir   string   // e.g. "communes/berkane/static", for messages
	staticFiles []string // every file under static, read once when needed
	staticRead  bool

	errs diag.List
}

// at returns the position of path in the data file name.
func (k *checker) at(name, path string) diag.Pos {
	if p, ok := k.pos[name]; ok {
		if pos := p.Get(path); pos.File != "" {
			return pos
		}
	}
	return diag.Pos{File: k.paths[name]}
}

// add reports an error at path in the data file name, unless the decoder
// already reported an error there.
func (k *checker) add(name, path, format string, args ...any) *diag.Error {
	pos := k.at(name, path)
	e := diag.Errorf(pos, format, args...)
	if !k.hasErrorAt(pos) {
		k.errs = append(k.errs, e)
	}
	return e // a hint set on a dropped error is harmless
}

// warn reports a warning at path in the data file name.
func (k *checker) warn(name, path, format string, args ...any) *diag.Error {
	e := k.add(name, path, format, args...)
	e.Severity = diag.SevWarning
	return e
}

func (k *checker) hasErrorAt(pos diag.Pos) bool {
	return slices.ContainsFunc(k.errs, func(e *diag.Error) bool { return e.Severity == diag.SevError && e.Pos == pos })
}

// line returns the line of path in the data file name, for messages such
// as "already listed on line 12".
func (k *checker) line(name, path string) int {
	return k.at(name, path).Line
}

// check runs every consistency check.
func (k *checker) check() {
	k.council()
	k.sessions()
	k.petitions()
	k.budgets()
	k.bodies()
	k.coCreations()
	k.documents()
	k.translations()
}

// day formats a date as written in the files.
func day(d site.Date) string {
	if d.HasClock() {
		return d.Format("2006-01-02T15:04")
	}
	return d.Format("2006-01-02")
}

// dayOf is the calendar day of d: records are compared by day.
func dayOf(d site.Date) time.Time {
	y, m, dd := d.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

// before reports whether a falls on an earlier day than b; a zero date
// (missing or malformed, already reported) is never before or after.
func before(a, b site.Date) bool {
	return !a.IsZero() && !b.IsZero() && dayOf(a).Before(dayOf(b))
}

// display returns the text of t in the first site language that has it.
func (k *checker) display(t site.Text) string {
	for _, l := range k.langs {
		if s := strings.TrimSpace(t[l]); s != "" {
			return s
		}
	}
	keys := make([]string, 0, len(t))
	for l := range t {
		keys = append(keys, l)
	}
	slices.Sort(keys)
	for _, l := range keys {
		if s := strings.TrimSpace(t[l]); s != "" {
			return s
		}
	}
	return ""
}

// sameText returns the first site language in which a and b are the
// same non-empty text, or "" when they differ in every language.
func (k *checker) sameText(a, b site.Text) string {
	for _, l := range k.langs {
		if s := strings.TrimSpace(a[l]); s != "" && s == strings.TrimSpace(b[l]) {
			return l
		}
	}
	return ""
}

// textLang returns the first site language in which t is written, for
// pointing at its value.
func (k *checker) textLang(t site.Text) string {
	for _, l := range k.langs {
		if strings.TrimSpace(t[l]) != "" {
			return l
		}
	}
	return ""
}

// textPath is the path of t's value in its first language.
func (k *checker) textPath(path string, t site.Text) string {
	if l := k.textLang(t); l != "" {
		return path + "." + l
	}
	return path
}

// unique reports, for each ID written twice in a list, an error at the
// second one naming the line of the first. id returns the ID of item i
// and the path of its value.
func (k *checker) unique(name string, n int, what, hint string, id func(i int) (string, string)) {
	first := map[string]string{}
	for i := range n {
		v, p := id(i)
		if v == "" {
			continue
		}
		if fp, dup := first[v]; dup {
			k.add(name, p, "%s %q is already listed on line %d", what, v, k.line(name, fp)).Hint = hint
			continue
		}
		first[v] = p
	}
}

// nonNegative reports a negative amount, cost or count.
func (k *checker) nonNegative(name, path string, n int, what string) {
	if n < 0 {
		k.add(name, path, "%s must not be negative, found %d", what, n)
	}
}

var mandateRE = regexp.MustCompile(`^(\d{4})-(\d{4})$`)

// council checks that each councillor is listed once, that committees are
// made of councillors, and the mandate.
func (k *checker) council() {
	co := k.r.Council
	if co == nil {
		return
	}
	const f = CouncilFile
	if m := mandateRE.FindStringSubmatch(co.Mandate); m != nil {
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		if to <= from {
			k.add(f, "mandate", "the mandate %q ends before it starts", co.Mandate).Hint = "write the first and last years, e.g. \"2021-2027\""
		}
	} else if co.Mandate != "" {
		k.add(f, "mandate", "expected the years of the mandate such as \"2021-2027\", found %q", co.Mandate)
	}
	type person struct {
		name site.Text
		path string
	}
	people := []person{{co.President.Name, "president.name"}}
	for i, m := range co.Bureau {
		people = append(people, person{m.Name, fmt.Sprintf("bureau[%d].name", i)})
	}
	for i, m := range co.Members {
		people = append(people, person{m.Name, fmt.Sprintf("members[%d].name", i)})
	}
	for i, p := range people {
		for _, q := range people[:i] {
			if l := k.sameText(p.name, q.name); l != "" {
				k.add(f, p.path+"."+l, "%q is already listed on line %d", strings.TrimSpace(p.name[l]), k.line(f, q.path)).Hint =
					"list each councillor once: the president under \"president\", the other members of the bureau under \"bureau\", everyone else under \"members\""
				break
			}
		}
	}
	var all []string
	for _, p := range people {
		if s := k.display(p.name); s != "" {
			all = append(all, s)
		}
	}
	isMember := func(t site.Text) bool {
		return slices.ContainsFunc(people, func(p person) bool { return k.sameText(t, p.name) != "" })
	}
	notMember := func(path string, t site.Text) {
		e := k.add(f, k.textPath(path, t), "%q is not a member of the council", k.display(t))
		if q := diag.DidYouMean(k.display(t), all); q != "" {
			e.Msg += "; " + q
		} else {
			e.Hint = "write the name as under \"president\", \"bureau\" or \"members\""
		}
	}
	for i, cm := range co.Committees {
		if len(cm.Chair) > 0 && !isMember(cm.Chair) {
			notMember(fmt.Sprintf("committees[%d].chair", i), cm.Chair)
		}
		for j, m := range cm.Members {
			if len(m) > 0 && !isMember(m) {
				notMember(fmt.Sprintf("committees[%d].members[%d]", i, j), m)
			}
		}
	}
}

// sessions checks IDs, dates and minutes.
func (k *checker) sessions() {
	const f = SessionsFile
	ss := k.r.Sessions
	k.unique(f, len(ss), "session", "give each session its own id, such as \"2026-02\"", func(i int) (string, string) {
		return ss[i].ID, fmt.Sprintf("sessions[%d].id", i)
	})
	months := law.OrdinarySessionMonths()
	for i := range ss {
		s := &ss[i]
		p := fmt.Sprintf("sessions[%d]", i)
		if before(s.End, s.Date) {
			k.add(f, p+".end", "the session ends on %s, before it opens on %s", day(s.End), day(s.Date)).Hint = "\"end\" is the day of the last sitting"
		}
		if s.Kind == site.Ordinary && !s.Date.IsZero() && (s.Date.Day() > 7 || !slices.Contains(months, s.Date.Month())) {
			e := k.warn(f, p+".date", "an ordinary session opens in the first week of February, May or October, not on %s", day(s.Date))
			e.Hint = "check the date, or write \"kind: extraordinary\" (organic law 113-14, art. 33)"
		}
		if s.Minutes != "" {
			s.MinutesSize, s.MinutesFormat = k.file(f, p+".minutes", s.Minutes)
		}
	}
}

// petitionRefRE is what a petition reference may be made of, so that it
// can name a page.
var petitionRefRE = regexp.MustCompile(`^[A-Za-z0-9]+([._-][A-Za-z0-9]+)*$`)

// next lists the statuses a petition may go to from each status, after
// the procedure of organic law 113-14 (arts. 121–125): deposit, the
// bureau's examination, then acceptance (the next ordinary session) or a
// reasoned rejection; the filers may withdraw it until it is decided.
func next(s site.PetitionStatus) []site.PetitionStatus {
	switch s {
	case site.Filed:
		return []site.PetitionStatus{site.Examining, site.Accepted, site.Rejected, site.Withdrawn}
	case site.Examining:
		return []site.PetitionStatus{site.Accepted, site.Rejected, site.Withdrawn}
	case site.Accepted:
		return []site.PetitionStatus{site.Scheduled, site.Answered, site.Withdrawn}
	case site.Scheduled:
		return []site.PetitionStatus{site.Answered, site.Withdrawn}
	}
	return nil // rejected, answered and withdrawn are final
}

func quoted[S ~string](list []S) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(string(s))
	}
	return strings.Join(q, " or ")
}

// petitions checks references, filers, signatures, the status history
// and the session that examined each petition.
func (k *checker) petitions() {
	const f = PetitionsFile
	ps := k.r.Petitions
	k.unique(f, len(ps), "petition", "give each petition its own reference, such as \"P-2026-001\"", func(i int) (string, string) {
		return ps[i].Ref, fmt.Sprintf("petitions[%d].ref", i)
	})
	sessions := map[string]site.Session{}
	var ids []string
	for _, s := range k.r.Sessions {
		if _, dup := sessions[s.ID]; s.ID != "" && !dup {
			sessions[s.ID] = s
			ids = append(ids, s.ID)
		}
	}
	needed := law.PetitionSignatures(k.c.Population, k.c.Arrondissements)
	for i := range ps {
		p := &ps[i]
		at := fmt.Sprintf("petitions[%d]", i)
		if p.Ref != "" && !petitionRefRE.MatchString(p.Ref) {
			k.add(f, at+".ref", "expected a reference of letters, digits, hyphens and dots, such as \"P-2026-001\", found %q", p.Ref).Hint = "it names the petition's page: write \"2026-03\" rather than \"03/2026\""
		}
		switch p.Filer {
		case site.Citizens:
			if len(p.FilerName) > 0 {
				k.add(f, at+".filer_name", "a citizens' petition is published without the names of its filers").Hint = "remove \"filer_name\"; it names an association only"
			}
			k.signatures(p, at, needed)
		case site.Association:
			if len(p.FilerName) == 0 {
				k.add(f, at+".filer", "a petition of an association names the association").Hint = "add \"filer_name\" with the association's name"
			}
		}
		k.nonNegative(f, at+".signatures", p.Signatures, "the number of signatures")
		k.history(p, at)
		k.petitionSession(p, at, sessions, ids)
	}
}

// signatures checks the signatures of a citizens' petition against the
// threshold of the commune.
func (k *checker) signatures(p *site.Petition, at string, needed int) {
	const f = PetitionsFile
	switch st := p.Status(); {
	case p.Signatures == 0:
		k.add(f, at+".filer", "a citizens' petition gives its number of valid signatures").Hint = "add a line \"signatures: …\""
	case p.Signatures > 0 && p.Signatures < needed && st != site.Rejected && st != site.Withdrawn:
		e := k.warn(f, at+".signatures", "%d signatures is fewer than the %d a citizens' petition needs in this commune", p.Signatures, needed)
		e.Hint = "check the number: with fewer signatures the petition is not admissible (organic law 113-14, arts. 121–125)"
	}
}

// history checks that a petition's history starts with "filed" on the
// filing date, is chronological, follows the allowed transitions, and
// that the outcome is explained.
func (k *checker) history(p *site.Petition, at string) {
	const f = PetitionsFile
	h := p.History
	if len(h) == 0 {
		return // required: already reported
	}
	hp := func(i int) string { return fmt.Sprintf("%s.history[%d]", at, i) }
	if h[0].Status != site.Filed && h[0].Status != "" {
		e := k.add(f, hp(0)+".status", "the history starts with %q; a petition's history starts with \"filed\"", h[0].Status)
		e.Hint = fmt.Sprintf("add \"- {status: filed, date: %s}\" as its first line", day(p.Filed))
	} else if h[0].Status == site.Filed && !p.Filed.IsZero() && !h[0].Date.IsZero() && !dayOf(h[0].Date).Equal(dayOf(p.Filed)) {
		e := k.add(f, hp(0)+".date", "\"filed\" is dated %s, but the petition was filed on %s", day(h[0].Date), day(p.Filed))
		e.Hint = "write the same date in both"
	}
	for i := 1; i < len(h); i++ {
		prev, cur := h[i-1], h[i]
		if prev.Status != "" && cur.Status != "" && !slices.Contains(next(prev.Status), cur.Status) {
			e := k.add(f, hp(i)+".status", "a petition cannot go from %q to %q", prev.Status, cur.Status)
			if n := next(prev.Status); len(n) > 0 {
				e.Hint = fmt.Sprintf("after %q comes %s", prev.Status, quoted(n))
			} else {
				e.Hint = fmt.Sprintf("%q is final: nothing comes after it", prev.Status)
			}
		}
		if before(cur.Date, prev.Date) {
			e := k.add(f, hp(i)+".date", "%q is dated %s, before the previous status %q of %s", cur.Status, day(cur.Date), prev.Status, day(prev.Date))
			e.Hint = "list the statuses oldest first, each dated on or after the one before"
		}
	}
	for i, c := range h {
		switch {
		case c.Status == site.Rejected && len(p.Reason) == 0:
			k.add(f, hp(i)+".status", "a rejected petition gives the reason of the decision").Hint = "add \"reason\" to the petition: the grounds the bureau gave the agent"
		case c.Status == site.Answered && len(p.Decision) == 0:
			k.add(f, hp(i)+".status", "an answered petition gives the council's decision").Hint = "add \"decision\" to the petition: a summary of the council's deliberation"
		}
	}
}

// petitionSession checks the session that examined a petition: it exists,
// the petition was accepted, and the session came after the acceptance.
func (k *checker) petitionSession(p *site.Petition, at string, sessions map[string]site.Session, ids []string) {
	const f = PetitionsFile
	accepted := p.StatusDate(site.Accepted)
	if p.Session == "" {
		for i, c := range p.History {
			if c.Status == site.Scheduled || c.Status == site.Answered {
				e := k.warn(f, fmt.Sprintf("%s.history[%d].status", at, i), "the petition is %s but names no session", c.Status)
				e.Hint = "add \"session\" with the id of the session, as in sessions.yaml"
				break
			}
		}
		return
	}
	s, ok := sessions[p.Session]
	if !ok {
		e := k.add(f, at+".session", "unknown session %q", p.Session)
		if len(ids) == 0 {
			e.Hint = "describe the session in sessions.yaml"
		}
		e.Unknown(p.Session, ids, "the sessions are")
		return
	}
	if !slices.ContainsFunc(p.History, func(c site.StatusChange) bool { return c.Status == site.Accepted }) {
		k.add(f, at+".session", "only an accepted petition goes before the council, and this one was not accepted").Hint = "add the status \"accepted\" with its date, or remove \"session\""
		return
	}
	if before(s.Date, accepted) {
		e := k.add(f, at+".session", "session %q opened on %s, before the petition was accepted on %s", s.ID, day(s.Date), day(accepted))
		e.Hint = "name the session that examined the petition after its acceptance"
		return
	}
	for i, c := range p.History {
		if c.Status == site.Answered && before(c.Date, s.Date) {
			k.add(f, fmt.Sprintf("%s.history[%d].date", at, i), "the petition is answered on %s, before session %q opened on %s", day(c.Date), s.ID, day(s.Date)).Hint = "date \"answered\" on or after the sitting that deliberated"
		}
	}
}

// budgets checks each cycle's phases and projects.
func (k *checker) budgets() {
	const f = BudgetFile
	cs := k.r.Budgets
	k.unique(f, len(cs), "cycle", "give each cycle its own id, such as \"2026\"", func(i int) (string, string) {
		return cs[i].ID, fmt.Sprintf("cycles[%d].id", i)
	})
	type ref struct{ cycle, project int }
	var projects []ref
	for i, c := range cs {
		for j := range c.Projects {
			projects = append(projects, ref{i, j})
		}
	}
	k.unique(f, len(projects), "project", "give each project its own id, in every cycle", func(n int) (string, string) {
		r := projects[n]
		return cs[r.cycle].Projects[r.project].ID, fmt.Sprintf("cycles[%d].projects[%d].id", r.cycle, r.project)
	})
	for i := range cs {
		k.cycle(&cs[i], fmt.Sprintf("cycles[%d]", i))
	}
}

func (k *checker) cycle(c *site.BudgetCycle, at string) {
	const f = BudgetFile
	k.nonNegative(f, at+".amount", c.Amount, "the amount")
	order := site.PhaseName("").Values()
	var voting *site.Phase
	last := -1
	for i := range c.Phases {
		ph := &c.Phases[i]
		p := fmt.Sprintf("%s.phases[%d]", at, i)
		idx := slices.Index(order, string(ph.Name))
		if ph.Name == "voting" {
			voting = ph
		}
		if before(ph.End, ph.Start) {
			k.add(f, p+".end", "phase %q ends on %s, before it starts on %s", ph.Name, day(ph.End), day(ph.Start))
		}
		if i > 0 {
			prev := c.Phases[i-1]
			if idx >= 0 && idx <= last {
				e := k.add(f, p+".name", "phase %q comes after %q", ph.Name, prev.Name)
				e.Hint = "list each phase once, in this order: " + strings.Join(order, ", ")
			} else if !prev.End.IsZero() && !ph.Start.IsZero() && !dayOf(ph.Start).After(dayOf(prev.End)) {
				e := k.add(f, p+".start", "phase %q starts on %s, before the previous phase %q ends on %s", ph.Name, day(ph.Start), prev.Name, day(prev.End))
				e.Hint = "phases do not overlap: start it on " + prev.End.AddDate(0, 0, 1).Format("2006-01-02") + " or later"
			}
		}
		if idx > last {
			last = idx
		}
	}
	selectedCost := 0
	for j := range c.Projects {
		pr := &c.Projects[j]
		p := fmt.Sprintf("%s.projects[%d]", at, j)
		k.nonNegative(f, p+".cost", pr.Cost, "the cost")
		k.nonNegative(f, p+".votes", pr.Votes, "the number of votes")
		feasible := pr.Feasible != nil && *pr.Feasible
		unfeasible := pr.Feasible != nil && !*pr.Feasible
		if unfeasible && len(pr.Reason) == 0 {
			k.add(f, p+".feasible", "a project found not feasible gives the reason").Hint = "add \"reason\": why the technical review found it not feasible"
		}
		switch {
		case pr.Votes > 0 && unfeasible:
			k.add(f, p+".votes", "a project found not feasible is not put to the vote").Hint = "remove \"votes\", or correct \"feasible\""
		case pr.Votes > 0 && voting == nil:
			k.add(f, p+".votes", "votes, but the cycle has no \"voting\" phase").Hint = "add the phase \"voting\" with its dates"
		}
		if pr.Selected && !feasible {
			e := k.add(f, p+".selected", "a project is selected only if the technical review found it feasible")
			e.Hint = "write \"feasible: true\" once it is reviewed, or \"selected: false\""
		}
		if pr.Selected {
			selectedCost += pr.Cost
		}
		k.milestones(pr, p, voting)
	}
	if c.Amount > 0 && selectedCost > c.Amount {
		e := k.warn(f, at+".amount", "the selected projects cost %d dirhams in all, more than the envelope of %d", selectedCost, c.Amount)
		e.Hint = "check the costs, the selection and the amount"
	}
}

// milestones checks that a project's milestones belong to a selected
// project, follow the vote, and are chronological with a progress that
// never decreases.
func (k *checker) milestones(pr *site.Project, at string, voting *site.Phase) {
	const f = BudgetFile
	if len(pr.Milestones) > 0 && !pr.Selected {
		k.add(f, at+".milestones", "only a selected project has milestones").Hint = "write \"selected: true\", or remove the milestones"
	}
	for i, m := range pr.Milestones {
		p := fmt.Sprintf("%s.milestones[%d]", at, i)
		if m.Progress < 0 || m.Progress > 100 {
			k.add(f, p+".progress", "expected a progress from 0 to 100 (percent), found %d", m.Progress)
		}
		if voting != nil && before(m.Date, voting.End) {
			k.add(f, p+".date", "the milestone is dated %s, before the vote ended on %s", day(m.Date), day(voting.End)).Hint = "a project is carried out after it is selected"
		}
		if i == 0 {
			continue
		}
		prev := pr.Milestones[i-1]
		if before(m.Date, prev.Date) {
			k.add(f, p+".date", "the milestone is dated %s, before the previous one of %s", day(m.Date), day(prev.Date)).Hint = "list the milestones oldest first"
		}
		if m.Progress < prev.Progress {
			k.add(f, p+".progress", "progress goes down from %d to %d", prev.Progress, m.Progress).Hint = "progress is the share of the project done so far: it never decreases"
		}
	}
}

// bodies checks the consultative bodies: IDs, one IEECAG, members listed
// once, and the dates of opinions and responses.
func (k *checker) bodies() {
	const f = BodiesFile
	bs := k.r.Bodies
	k.unique(f, len(bs), "body", "give each body its own id, such as \"ieecag\"", func(i int) (string, string) {
		return bs[i].ID, fmt.Sprintf("bodies[%d].id", i)
	})
	ieecag := -1
	for i, b := range bs {
		at := fmt.Sprintf("bodies[%d]", i)
		if b.Kind == "ieecag" {
			if ieecag >= 0 {
				k.add(f, at+".kind", "the IEECAG is already described on line %d", k.line(f, fmt.Sprintf("bodies[%d]", ieecag))).Hint = "a council has one IEECAG (organic law 113-14, art. 120); give other bodies their own kind"
			} else {
				ieecag = i
			}
		}
		for j, m := range b.Members {
			for jj := range j {
				if l := k.sameText(m.Name, b.Members[jj].Name); l != "" {
					p := fmt.Sprintf("%s.members[%d].name.%s", at, j, l)
					k.add(f, p, "%q is already listed on line %d", strings.TrimSpace(m.Name[l]), k.line(f, fmt.Sprintf("%s.members[%d]", at, jj))).Hint = "list each member once"
					break
				}
			}
		}
		for j, o := range b.Opinions {
			p := fmt.Sprintf("%s.opinions[%d]", at, j)
			if before(o.Date, b.Created) {
				k.add(f, p+".date", "the opinion is dated %s, before the body was created on %s", day(o.Date), day(b.Created))
			}
			switch {
			case len(o.Response) > 0 && o.Responded.IsZero() && !k.hasErrorAt(k.at(f, p+".responded")):
				k.add(f, p+".response", "the council's response gives its date").Hint = "add \"responded\" with the date of the response"
			case len(o.Response) == 0 && !o.Responded.IsZero():
				k.add(f, p+".responded", "a date of response, but no response").Hint = "add \"response\": a summary of the council's response"
			case before(o.Responded, o.Date):
				k.add(f, p+".responded", "the response is dated %s, before the opinion of %s", day(o.Responded), day(o.Date))
			}
		}
	}
}

// coCreations checks IDs, amounts and dates of co-creation projects.
func (k *checker) coCreations() {
	const f = CoCreationFile
	ps := k.r.CoCreations
	k.unique(f, len(ps), "project", "give each project its own id", func(i int) (string, string) {
		return ps[i].ID, fmt.Sprintf("projects[%d].id", i)
	})
	for i, p := range ps {
		at := fmt.Sprintf("projects[%d]", i)
		k.nonNegative(f, at+".amount", p.Amount, "the amount")
		if before(p.End, p.Start) {
			k.add(f, at+".end", "the project ends on %s, before it starts on %s", day(p.End), day(p.Start))
		}
		switch {
		case (p.Status == "ongoing" || p.Status == "completed") && p.Start.IsZero() && !k.hasErrorAt(k.at(f, at+".start")):
			k.add(f, at+".status", "a project that is %s gives its start date", p.Status).Hint = "add \"start\""
		case p.Status == "completed" && p.End.IsZero() && !k.hasErrorAt(k.at(f, at+".end")):
			k.add(f, at+".status", "a completed project gives its end date").Hint = "add \"end\""
		}
	}
}

// documents checks each document's file and fills its size and format.
func (k *checker) documents() {
	const f = DocumentsFile
	ds := k.r.Documents
	k.unique(f, len(ds), "the file", "list each document once", func(i int) (string, string) {
		return ds[i].File, fmt.Sprintf("documents[%d].file", i)
	})
	for i := range ds {
		d := &ds[i]
		if d.File != "" {
			d.Size, d.Format = k.file(f, fmt.Sprintf("documents[%d].file", i), d.File)
		}
	}
}
