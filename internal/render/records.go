package render

import (
	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
)

// Keys of the pages made from a commune's records. A Markdown page at one
// of these keys gives the page its title and an introduction.
const (
	CouncilKey    = "council/composition"
	SessionsKey   = "council/meetings/index"
	PetitionsKey  = "participation/petitions-received/index"
	BudgetKey     = "participation/budget/index"
	BodiesKey     = "participation/bodies/index"
	CoCreationKey = "participation/co-creation-projects"
	ResultsKey    = "participation/results"
	DocumentsKey  = "documents/index"
)

// recordPages lists the pages made from a commune's records: one page per
// list, always (an empty list has a clear empty state), and one page per
// session, petition, budget project and consultative body.
func (r *renderer) recordPages(c *site.Commune) []*generated {
	rec := &c.Records
	texts := r.inEveryLangWith
	title := r.inEveryLang
	gens := []*generated{
		{key: CouncilKey, layout: "pages/records/council.html", title: title("rec_council"), desc: title("rec_council_desc"), weight: 10},
		{key: SessionsKey, layout: "pages/records/sessions.html", title: title("rec_sessions"), desc: title("rec_sessions_desc"), weight: 11},
		{key: PetitionsKey, layout: "pages/records/petitions.html", title: title("rec_petitions"), desc: title("rec_petitions_desc"), weight: 20},
		{key: BudgetKey, layout: "pages/records/budget.html", title: title("rec_budget"), desc: title("rec_budget_desc"), weight: 21},
		{key: BodiesKey, layout: "pages/records/bodies.html", title: title("rec_bodies"), desc: title("rec_bodies_desc"), weight: 22},
		{key: CoCreationKey, layout: "pages/records/cocreation.html", title: title("rec_cocreation"), desc: title("rec_cocreation_desc"), weight: 23},
		{key: ResultsKey, layout: "pages/records/results.html", title: title("rec_results"), desc: title("rec_results_desc"), weight: 5},
		{key: DocumentsKey, layout: "pages/records/documents.html", title: title("rec_documents"), desc: title("rec_documents_desc"), weight: 60, menu: true},
	}
	for i := range rec.Sessions {
		s := &rec.Sessions[i]
		args := func(_ string, cat *i18n.Catalog) []any {
			kind, _ := cat.T("session_kind_" + string(s.Kind))
			return []any{"kind", kind, "date", cat.FormatDate(s.Date.Time)}
		}
		gens = append(gens, &generated{key: sessionKey(s.ID), layout: "pages/records/session.html",
			title: texts("rec_session", args), desc: texts("rec_session_desc", args), record: s})
	}
	for i := range rec.Petitions {
		p := &rec.Petitions[i]
		desc := texts("rec_petition_desc", func(_ string, cat *i18n.Catalog) []any {
			return []any{"ref", p.Ref, "date", cat.FormatDate(p.Filed.Time)}
		})
		gens = append(gens, &generated{key: petitionKey(p.Ref), layout: "pages/records/petition.html",
			title: p.Title, desc: desc, record: p})
	}
	for i := range rec.Budgets {
		cy := &rec.Budgets[i]
		for j := range cy.Projects {
			p := &cy.Projects[j]
			desc := texts("rec_project_desc", func(code string, _ *i18n.Catalog) []any {
				return []any{"title", p.Title.Get(code), "cycle", cy.Title.Get(code)}
			})
			gens = append(gens, &generated{key: projectKey(cy.ID, p.ID), layout: "pages/records/project.html",
				title: p.Title, desc: desc, record: &ProjectRecord{Cycle: cy, Project: p}})
		}
	}
	for i := range rec.Bodies {
		b := &rec.Bodies[i]
		desc := texts("rec_body_desc", func(code string, _ *i18n.Catalog) []any { return []any{"name", b.Name.Get(code)} })
		gens = append(gens, &generated{key: bodyKey(b.ID), layout: "pages/records/body.html", title: b.Name, desc: desc, record: b})
	}
	return gens
}

// The keys of the pages of one record: a session by its ID, a petition by
// its reference, a budget project by its cycle's ID and its own, a
// consultative body by its ID.
func sessionKey(id string) string             { return "council/meetings/" + id }
func petitionKey(ref string) string           { return "participation/petitions-received/" + segment.ToID(ref) }
func projectKey(cycle, project string) string { return "participation/budget/" + cycle + "-" + project }
func bodyKey(id string) string                { return "participation/bodies/" + id }

// inEveryLang is the interface string key in every language.
func (r *renderer) inEveryLang(key string, args ...any) site.Text {
	return r.inEveryLangWith(key, func(string, *i18n.Catalog) []any { return args })
}

// inEveryLangWith is the interface string key in every language, with
// the arguments args gives for each language (nil: none).
func (r *renderer) inEveryLangWith(key string, args func(code string, cat *i18n.Catalog) []any) site.Text {
	t := site.Text{}
	for code, cat := range r.cats {
		var a []any
		if args != nil {
			a = args(code, cat)
		}
		s, err := cat.T(key, a...)
		if err != nil {
			s = key
		}
		t[code] = s
	}
	return t
}

// ProjectRecord is a budget project with the cycle it belongs to.
type ProjectRecord struct {
	Cycle   *site.BudgetCycle
	Project *site.Project
}
