package site

// Records are a commune's own public records, kept in YAML files beside
// its profile (communes/<slug>/data/<name>.yaml, one file per list; every
// file is optional and an absent one is an empty list). They are
// validated like the profile, with positions, and every figure the sites
// show about them is computed from them, never typed in.
type Records struct {
	Council     *Council      `yaml:"-"` // data/council.yaml
	Sessions    []Session     `yaml:"-"` // data/sessions.yaml, key "sessions"
	Petitions   []Petition    `yaml:"-"` // data/petitions.yaml, key "petitions"
	Budgets     []BudgetCycle `yaml:"-"` // data/budget.yaml, key "cycles"
	Bodies      []Body        `yaml:"-"` // data/bodies.yaml, key "bodies"
	CoCreations []CoCreation  `yaml:"-"` // data/cocreation.yaml, key "projects"
	Documents   []Document    `yaml:"-"` // data/documents.yaml, key "documents"
	// Files maps the name of each data file read (its name without
	// ".yaml": "council", "sessions", "petitions", "budget", "bodies",
	// "cocreation", "documents") to its path from the project root, for
	// messages and open-data links. An absent file has no entry.
	Files map[string]string `yaml:"-"`
}

// Gender of a member, for the share of women among members (an
// indicator of the gender approach).
type Gender string

// Genders.
const (
	Woman Gender = "woman"
	Man   Gender = "man"
)

// Values lists the genders, for the decoder.
func (Gender) Values() []string { return []string{string(Woman), string(Man)} }

// Member is a member of the council or of a body.
type Member struct {
	Name   Text   `yaml:"name" check:"required"`
	Gender Gender `yaml:"gender" check:"required"`
	Role   Text   `yaml:"role"`
	// Party is the member's list or party, as published (optional).
	Party string `yaml:"party"`
}

// Council is the commune council: its president, bureau, members and
// standing committees. Each councillor is listed once: the president
// under President, the other members of the bureau under Bureau and every
// other councillor under Members, so that the council is President, Bureau
// and Members together.
type Council struct {
	// Mandate is the term, e.g. "2021-2027".
	Mandate    string      `yaml:"mandate" check:"required"`
	President  Member      `yaml:"president" check:"required"`
	Bureau     []Member    `yaml:"bureau"`
	Members    []Member    `yaml:"members"`
	Committees []Committee `yaml:"committees"`
}

// Committee is a standing committee of the council.
type Committee struct {
	Name    Text   `yaml:"name" check:"required"`
	Chair   Text   `yaml:"chair"`
	Members []Text `yaml:"members"`
	Remit   Text   `yaml:"remit"`
}

// SessionKind says whether a council session is ordinary or extraordinary.
type SessionKind string

// Session kinds.
const (
	Ordinary      SessionKind = "ordinary"
	Extraordinary SessionKind = "extraordinary"
)

// Values lists the session kinds, for the decoder.
func (SessionKind) Values() []string { return []string{string(Ordinary), string(Extraordinary)} }

// Session is a council session.
type Session struct {
	// ID is a short identifier used in addresses, e.g. "2026-02".
	ID   string      `yaml:"id" check:"required,slug"`
	Kind SessionKind `yaml:"kind" check:"required"`
	// Date is the opening sitting; End the last one, if several.
	Date Date `yaml:"date" check:"required"`
	End  Date `yaml:"end"`
	// Place of the session.
	Place Text `yaml:"place"`
	// Agenda items, in order.
	Agenda []Text `yaml:"agenda"`
	// Decisions is a summary of the decisions taken.
	Decisions []Text `yaml:"decisions"`
	// Minutes is a file under static/ (e.g. "docs/pv-2026-02.pdf") or an
	// https address.
	Minutes string `yaml:"minutes"`
	// Derived while loading from the minutes file (0 and the extension of
	// the address for an https address): its size in bytes and its format,
	// the upper-case extension such as "PDF".
	MinutesSize   int64  `yaml:"-"`
	MinutesFormat string `yaml:"-"`
}

// Held reports whether the session took place: it has decisions or
// minutes. A session without either is announced, not yet held.
func (s Session) Held() bool {
	return len(s.Decisions) > 0 || s.Minutes != ""
}

// FilerType says who filed a petition.
type FilerType string

// Filer types.
const (
	Citizens    FilerType = "citizens"
	Association FilerType = "association"
)

// Values lists the filer types, for the decoder.
func (FilerType) Values() []string { return []string{string(Citizens), string(Association)} }

// PetitionStatus is a step in a petition's life, after the Decidim model
// of initiatives.
type PetitionStatus string

// Petition statuses, in the order a petition goes through them.
const (
	Filed     PetitionStatus = "filed"     // deposited, receipt given
	Examining PetitionStatus = "examining" // the bureau checks admissibility
	Accepted  PetitionStatus = "accepted"  // admissible: on the agenda of the next ordinary session
	Rejected  PetitionStatus = "rejected"  // not admissible: reasoned decision to the agent
	Scheduled PetitionStatus = "scheduled" // put on a session's agenda
	Answered  PetitionStatus = "answered"  // the council deliberated
	Withdrawn PetitionStatus = "withdrawn" // withdrawn by its filers
)

// Values lists the petition statuses in their order, for the decoder.
func (PetitionStatus) Values() []string {
	return []string{string(Filed), string(Examining), string(Accepted), string(Rejected), string(Scheduled), string(Answered), string(Withdrawn)}
}

// Petition is a petition received by the council.
type Petition struct {
	// Ref is the reference given at deposit, e.g. "P-2026-001".
	Ref   string    `yaml:"ref" check:"required"`
	Title Text      `yaml:"title" check:"required"`
	Filer FilerType `yaml:"filer" check:"required"`
	// FilerName names the association; citizens' petitions name no one.
	FilerName Text `yaml:"filer_name"`
	Filed     Date `yaml:"filed" check:"required"`
	// Signatures is the number of valid signatures.
	Signatures int `yaml:"signatures"`
	// Channel is "paper" (deposit at the town hall) or "online" (the national portal).
	Channel string `yaml:"channel" check:"required,oneof=paper|online"`
	// History lists the statuses with their dates, oldest first.
	History []StatusChange `yaml:"history" check:"required"`
	// Decision and Reason summarise the outcome.
	Decision Text `yaml:"decision"`
	Reason   Text `yaml:"reason"`
	// Session is the ID of the session that examined it, if any.
	Session string `yaml:"session"`
}

// Status returns the petition's current status: the last of its
// history, or "" when the history is empty.
func (p Petition) Status() PetitionStatus {
	if len(p.History) == 0 {
		return ""
	}
	return p.History[len(p.History)-1].Status
}

// StatusDate returns the date on which the petition first reached status
// s, or the zero Date when it never did.
func (p Petition) StatusDate(s PetitionStatus) Date {
	for _, h := range p.History {
		if h.Status == s {
			return h.Date
		}
	}
	return Date{}
}

// StatusChange is a dated status of a petition.
type StatusChange struct {
	Status PetitionStatus `yaml:"status" check:"required"`
	Date   Date           `yaml:"date" check:"required"`
	Note   Text           `yaml:"note"`
}

// BudgetCycle is one cycle of gender-sensitive participatory budgeting,
// after the CONSUL model of budgets.
type BudgetCycle struct {
	ID    string `yaml:"id" check:"required,slug"`
	Title Text   `yaml:"title" check:"required"`
	// Amount is the envelope in dirhams.
	Amount   int       `yaml:"amount"`
	Phases   []Phase   `yaml:"phases" check:"required"`
	Projects []Project `yaml:"projects"`
}

// PhaseName names a phase of a budget cycle.
type PhaseName string

// Values lists the phases of a budget cycle in their order.
func (PhaseName) Values() []string {
	return []string{"informing", "proposing", "reviewing", "voting", "results", "implementing"}
}

// Phase is a dated phase of a budget cycle.
type Phase struct {
	Name  PhaseName `yaml:"name" check:"required"`
	Start Date      `yaml:"start" check:"required"`
	End   Date      `yaml:"end" check:"required"`
}

// Project is a project proposed in a budget cycle.
type Project struct {
	ID    string `yaml:"id" check:"required,slug"`
	Title Text   `yaml:"title" check:"required"`
	// Area is the neighbourhood or douar concerned.
	Area Text `yaml:"area"`
	// Cost is the estimated cost in dirhams.
	Cost int `yaml:"cost"`
	// Feasible is the technical review's verdict; Reason explains a "no".
	Feasible *bool `yaml:"feasible"`
	Reason   Text  `yaml:"reason"`
	Votes    int   `yaml:"votes"`
	Selected bool  `yaml:"selected"`
	// Proposer says who proposed it (e.g. "a women's association").
	Proposer   Text        `yaml:"proposer"`
	Milestones []Milestone `yaml:"milestones"`
}

// ProjectStatus is where a budget project stands, derived from its
// feasibility, selection and milestones (Project.Status).
type ProjectStatus string

// Project statuses, in the order a project goes through them; a project
// found not feasible stops at Unfeasible.
const (
	ProjectProposed   ProjectStatus = "proposed"    // not yet reviewed
	ProjectUnfeasible ProjectStatus = "unfeasible"  // the review found it not feasible
	ProjectFeasible   ProjectStatus = "feasible"    // feasible, not selected
	ProjectSelected   ProjectStatus = "selected"    // selected, no milestone yet
	ProjectInProgress ProjectStatus = "in-progress" // selected, last milestone below 100 %
	ProjectCompleted  ProjectStatus = "completed"   // selected, last milestone at 100 %
)

// Status returns where the project stands: proposed while Feasible is
// unset, unfeasible or feasible after the review, then selected, in
// progress once it has a milestone, and completed when its last milestone
// reaches 100 %.
func (p Project) Status() ProjectStatus {
	switch {
	case p.Feasible == nil:
		return ProjectProposed
	case !*p.Feasible:
		return ProjectUnfeasible
	case !p.Selected:
		return ProjectFeasible
	case len(p.Milestones) == 0:
		return ProjectSelected
	case p.Progress() >= 100:
		return ProjectCompleted
	}
	return ProjectInProgress
}

// Progress returns the progress of the project's last milestone, in
// percent, or 0 when it has none.
func (p Project) Progress() int {
	if len(p.Milestones) == 0 {
		return 0
	}
	return p.Milestones[len(p.Milestones)-1].Progress
}

// Milestone is a dated step of a project's implementation.
type Milestone struct {
	Date     Date `yaml:"date" check:"required"`
	Title    Text `yaml:"title" check:"required"`
	Progress int  `yaml:"progress"` // percent, 0–100
}

// Body is a consultative body: the IEECAG (mandatory, art. 120) or an
// optional one created under art. 119 (youth council, neighbourhood body,
// citizen council, civil-dialogue council).
type Body struct {
	ID       string    `yaml:"id" check:"required,slug"`
	Kind     string    `yaml:"kind" check:"required,oneof=ieecag|youth|neighbourhood|citizens|civil-dialogue"`
	Name     Text      `yaml:"name" check:"required"`
	Created  Date      `yaml:"created"`
	Members  []Member  `yaml:"members"`
	Opinions []Opinion `yaml:"opinions"`
}

// Opinion is a consultative opinion and the council's response.
type Opinion struct {
	Date     Date `yaml:"date" check:"required"`
	Subject  Text `yaml:"subject" check:"required"`
	Summary  Text `yaml:"summary"`
	Response Text `yaml:"response"`
	// Responded is when the council answered.
	Responded Date `yaml:"responded"`
}

// CoCreation is a project carried out jointly by associations and the
// commune.
type CoCreation struct {
	ID       string `yaml:"id" check:"required,slug"`
	Title    Text   `yaml:"title" check:"required"`
	Partners []Text `yaml:"partners" check:"required"`
	// Amount is the commune's contribution in dirhams.
	Amount  int    `yaml:"amount"`
	Status  string `yaml:"status" check:"required,oneof=proposed|agreed|ongoing|completed|cancelled"`
	Start   Date   `yaml:"start"`
	End     Date   `yaml:"end"`
	Summary Text   `yaml:"summary"`
}

// Document is a published document (action programme, budget, accounts,
// decisions, procurement). Size and format are read from the file.
type Document struct {
	Title    Text   `yaml:"title" check:"required"`
	Category string `yaml:"category" check:"required,oneof=action-programme|budget|accounts|decisions|procurement|other"`
	// File is a path under the commune's static/ folder, or an https address.
	File string `yaml:"file" check:"required"`
	Date Date   `yaml:"date" check:"required"`
	// Derived while loading.
	Size   int64  `yaml:"-"`
	Format string `yaml:"-"`
}
