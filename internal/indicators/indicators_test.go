package indicators_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/site"
)

func date(s string) site.Date {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return site.Date{Time: t}
}

func history(steps ...string) []site.StatusChange {
	var h []site.StatusChange
	for i := 0; i+1 < len(steps); i += 2 {
		h = append(h, site.StatusChange{Status: site.PetitionStatus(steps[i]), Date: date(steps[i+1])})
	}
	return h
}

func TestNextOrdinarySession(t *testing.T) {
	t.Parallel()
	tests := []struct{ accepted, want string }{
		{"2026-01-10", "2026-02-07"},
		{"2026-01-31", "2026-02-07"},
		{"2026-02-01", "2026-05-07"}, // the February session has begun: the next is May's
		{"2026-04-30", "2026-05-07"},
		{"2026-05-02", "2026-10-07"},
		{"2026-09-30", "2026-10-07"},
		{"2026-10-01", "2027-02-07"},
		{"2026-12-31", "2027-02-07"},
	}
	for _, tt := range tests {
		got := indicators.NextOrdinarySession(date(tt.accepted).Time).Format("2006-01-02")
		if got != tt.want {
			t.Errorf("NextOrdinarySession(%s) = %s, want %s", tt.accepted, got, tt.want)
		}
	}
}

func TestInTime(t *testing.T) {
	t.Parallel()
	sessions := []site.Session{
		{ID: "2026-02", Kind: site.Ordinary, Date: date("2026-02-02")},
		{ID: "2026-05", Kind: site.Ordinary, Date: date("2026-05-04")},
	}
	tests := []struct {
		name string
		p    site.Petition
		want bool
	}{
		{"rejected within three months", site.Petition{Filed: date("2026-01-15"), History: history("filed", "2026-01-15", "rejected", "2026-04-15")}, true},
		{"rejected a day late", site.Petition{Filed: date("2026-01-15"), History: history("filed", "2026-01-15", "rejected", "2026-04-16")}, false},
		{"deliberated at the next session", site.Petition{Session: "2026-02", History: history("filed", "2025-12-01", "accepted", "2026-01-20", "answered", "2026-02-10")}, true},
		{"deliberated a session later", site.Petition{Session: "2026-05", History: history("filed", "2025-12-01", "accepted", "2026-01-20", "answered", "2026-05-05")}, false},
		{"no session named: the date of the answer", site.Petition{History: history("filed", "2025-12-01", "accepted", "2026-01-20", "answered", "2026-02-06")}, true},
		{"no session named, late", site.Petition{History: history("filed", "2025-12-01", "accepted", "2026-01-20", "answered", "2026-02-08")}, false},
		{"accepted, not yet answered", site.Petition{History: history("filed", "2025-12-01", "accepted", "2026-01-20")}, false},
		{"withdrawn", site.Petition{History: history("filed", "2025-12-01", "withdrawn", "2025-12-20")}, false},
		{"no history", site.Petition{}, false},
	}
	for _, tt := range tests {
		if got := indicators.InTime(tt.p, sessions); got != tt.want {
			t.Errorf("%s: InTime = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestFor(t *testing.T) {
	t.Parallel()
	c := &site.Commune{Records: site.Records{
		Council: &site.Council{
			President: site.Member{Gender: site.Man},
			Bureau:    []site.Member{{Gender: site.Woman}, {Gender: site.Man}},
			Members:   []site.Member{{Gender: site.Woman}, {Gender: site.Man}, {Gender: site.Man}},
		},
		Sessions: []site.Session{
			{ID: "a", Kind: site.Ordinary, Date: date("2025-10-06"), Minutes: "docs/pv.pdf"},
			{ID: "b", Kind: site.Ordinary, Date: date("2026-02-02"), Decisions: []site.Text{{"fr": "D"}}},
			{ID: "c", Kind: site.Extraordinary, Date: date("2026-03-19"), Decisions: []site.Text{{"fr": "D"}}},
			{ID: "d", Kind: site.Ordinary, Date: date("2026-05-04"), Minutes: "docs/pv2.pdf"},
			{ID: "e", Kind: site.Extraordinary, Date: date("2026-12-17")}, // announced
		},
		Petitions: []site.Petition{
			{Filed: date("2025-11-03"), History: history("filed", "2025-11-03", "examining", "2025-11-10", "rejected", "2026-03-16")},
			{Filed: date("2026-01-05"), History: history("filed", "2026-01-05", "rejected", "2026-02-01")},
			{Session: "b", History: history("filed", "2025-10-20", "accepted", "2025-11-24", "answered", "2026-02-03")},
			{Session: "d", History: history("filed", "2025-12-08", "accepted", "2026-01-05", "answered", "2026-05-05")},
			{History: history("filed", "2026-09-14", "examining", "2026-09-21")},
			{History: history("filed", "2026-10-20", "accepted", "2026-11-09")},
			{History: history("filed", "2026-01-19", "withdrawn", "2026-02-20")},
		},
		Budgets: []site.BudgetCycle{
			{Projects: []site.Project{
				{},
				{Feasible: no()},
				{Feasible: yes()},
				{Feasible: yes(), Selected: true},
				{Feasible: yes(), Selected: true, Milestones: []site.Milestone{{Progress: 30}, {Progress: 60}}},
			}},
			{Projects: []site.Project{
				{Feasible: yes(), Selected: true, Milestones: []site.Milestone{{Progress: 40}, {Progress: 100}}},
			}},
		},
		Bodies: []site.Body{
			{ID: "ieecag", Kind: "ieecag", Name: site.Text{"fr": "IEECAG"},
				Members:  []site.Member{{Gender: site.Woman}, {Gender: site.Woman}, {Gender: site.Man}},
				Opinions: []site.Opinion{{Response: site.Text{"fr": "R"}}, {}}},
			{ID: "youth", Kind: "youth",
				Members:  []site.Member{{Gender: site.Woman}, {Gender: site.Man}},
				Opinions: []site.Opinion{{Response: site.Text{"fr": "R"}}}},
		},
		CoCreations: []site.CoCreation{{}, {}},
		Documents:   []site.Document{{}, {}, {}},
	}}
	want := indicators.Commune{
		Petitions: indicators.Petitions{
			Filed: 7, Accepted: 3, Rejected: 2, Deliberated: 2, Withdrawn: 1, Pending: 2,
			Answered: 4, AnsweredInTime: 2, InTimePercent: 50,
		},
		Projects: indicators.Projects{Total: 6, Proposed: 1, Unfeasible: 1, Feasible: 1, Selected: 1, InProgress: 1, Completed: 1, Retained: 3},
		Council:  indicators.Share{Women: 2, Men: 4, Total: 6, Percent: 33},
		Bodies: []indicators.Body{
			{ID: "ieecag", Kind: "ieecag", Name: site.Text{"fr": "IEECAG"}, Members: indicators.Share{Women: 2, Men: 1, Total: 3, Percent: 67}, Opinions: 2, Responded: 1},
			{ID: "youth", Kind: "youth", Members: indicators.Share{Women: 1, Men: 1, Total: 2, Percent: 50}, Opinions: 1, Responded: 1},
		},
		BodyMembers: indicators.Share{Women: 3, Men: 2, Total: 5, Percent: 60},
		IEECAG:      true,
		Opinions:    3,
		Responded:   2,
		Sessions: []indicators.SessionYear{
			{Year: 2025, Ordinary: 1, Total: 1},
			{Year: 2026, Ordinary: 2, Extraordinary: 1, Total: 3},
		},
		SessionsHeld:    4,
		SessionsPlanned: 1,
		CoCreations:     2,
		Documents:       3,
	}
	if got := indicators.For(c); !reflect.DeepEqual(got, want) {
		t.Errorf("For:\ngot  %+v\nwant %+v", got, want)
	}
}

func TestForEmpty(t *testing.T) {
	t.Parallel()
	for _, c := range []*site.Commune{nil, {}} {
		if got := indicators.For(c); !reflect.DeepEqual(got, indicators.Commune{}) {
			t.Errorf("For(%v) = %+v, want zero indicators", c, got)
		}
	}
}

func TestSharePercent(t *testing.T) {
	t.Parallel()
	tests := []struct{ women, men, want int }{
		{0, 0, 0}, {1, 0, 100}, {0, 3, 0}, {1, 2, 33}, {2, 1, 67}, {1, 7, 13}, {1, 1, 50}, {1, 199, 1}, {1, 200, 0},
	}
	for _, tt := range tests {
		var members []site.Member
		for range tt.women {
			members = append(members, site.Member{Gender: site.Woman})
		}
		for range tt.men {
			members = append(members, site.Member{Gender: site.Man})
		}
		c := &site.Commune{Records: site.Records{Council: &site.Council{Members: members}}}
		c.Records.Council.President.Gender = "" // an unknown gender is not counted
		if got := indicators.For(c).Council; got.Percent != tt.want || got.Total != tt.women+tt.men {
			t.Errorf("%d women, %d men: %+v, want %d %%", tt.women, tt.men, got, tt.want)
		}
	}
}

func TestAggregate(t *testing.T) {
	t.Parallel()
	oriental := site.Text{"ar": "الشرق", "fr": "Oriental"}
	souss := site.Text{"ar": "سوس ماسة", "fr": "Souss-Massa"}
	commune := func(region string, name site.Text, women, men, petitions int, ieecag bool) *site.Commune {
		c := &site.Commune{Region: region, RegionName: name, Records: site.Records{Council: &site.Council{}}}
		for range women {
			c.Records.Council.Members = append(c.Records.Council.Members, site.Member{Gender: site.Woman})
		}
		for range men {
			c.Records.Council.Members = append(c.Records.Council.Members, site.Member{Gender: site.Man})
		}
		for range petitions {
			c.Records.Petitions = append(c.Records.Petitions, site.Petition{Filed: date("2026-01-05"), History: history("filed", "2026-01-05", "rejected", "2026-02-01")})
		}
		if ieecag {
			c.Records.Bodies = []site.Body{{Kind: "ieecag", Members: []site.Member{{Gender: site.Woman}}}}
		}
		return c
	}
	got := indicators.Aggregate([]*site.Commune{
		commune("09", souss, 1, 3, 0, false),
		commune("02", oriental, 2, 2, 3, true),
		nil,
		commune("02", oriental, 1, 5, 1, true),
	})
	petitions := func(n int) indicators.Petitions {
		return indicators.Petitions{Filed: n, Rejected: n, Answered: n, AnsweredInTime: n, InTimePercent: map[bool]int{true: 100}[n > 0]}
	}
	want := indicators.Programme{
		Regions: []indicators.Region{
			{Code: "02", Name: oriental, Communes: 2, IEECAG: 2, Bodies: 2, Petitions: petitions(4),
				Council: indicators.Share{Women: 3, Men: 7, Total: 10, Percent: 30}, BodyMembers: indicators.Share{Women: 2, Total: 2, Percent: 100}},
			{Code: "09", Name: souss, Communes: 1, Petitions: petitions(0),
				Council: indicators.Share{Women: 1, Men: 3, Total: 4, Percent: 25}},
		},
		Total: indicators.Region{Communes: 3, IEECAG: 2, Bodies: 2, Petitions: petitions(4),
			Council: indicators.Share{Women: 4, Men: 10, Total: 14, Percent: 29}, BodyMembers: indicators.Share{Women: 2, Total: 2, Percent: 100}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Aggregate:\ngot  %+v\nwant %+v", got, want)
	}
}
