package site_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

func day(y int, m time.Month, d int) site.Date {
	return site.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func TestPetitionStatus(t *testing.T) {
	t.Parallel()
	p := site.Petition{History: []site.StatusChange{
		{Status: site.Filed, Date: day(2025, 10, 20)},
		{Status: site.Accepted, Date: day(2025, 11, 24)},
		{Status: site.Answered, Date: day(2026, 2, 2)},
	}}
	if got := p.Status(); got != site.Answered {
		t.Errorf("Status() = %q, want the last of the history", got)
	}
	if got := p.StatusDate(site.Accepted); !got.Equal(day(2025, 11, 24).Time) {
		t.Errorf("StatusDate(accepted) = %v", got)
	}
	if got := p.StatusDate(site.Rejected); !got.IsZero() {
		t.Errorf("StatusDate of a status never reached = %v", got)
	}
	if got := (site.Petition{}).Status(); got != "" {
		t.Errorf("Status() of an empty history = %q", got)
	}
}

func TestProjectStatus(t *testing.T) {
	t.Parallel()
	yes, no := true, false
	m := func(progress ...int) []site.Milestone {
		var ms []site.Milestone
		for _, p := range progress {
			ms = append(ms, site.Milestone{Progress: p})
		}
		return ms
	}
	for _, tt := range []struct {
		name     string
		p        site.Project
		want     site.ProjectStatus
		progress int
	}{
		{"not reviewed", site.Project{}, site.ProjectProposed, 0},
		{"not feasible", site.Project{Feasible: &no, Selected: true}, site.ProjectUnfeasible, 0},
		{"feasible", site.Project{Feasible: &yes}, site.ProjectFeasible, 0},
		{"selected", site.Project{Feasible: &yes, Selected: true}, site.ProjectSelected, 0},
		{"in progress", site.Project{Feasible: &yes, Selected: true, Milestones: m(100, 40)}, site.ProjectInProgress, 40},
		{"completed", site.Project{Feasible: &yes, Selected: true, Milestones: m(40, 100)}, site.ProjectCompleted, 100},
	} {
		if got := tt.p.Status(); got != tt.want {
			t.Errorf("%s: Status() = %q, want %q", tt.name, got, tt.want)
		}
		if got := tt.p.Progress(); got != tt.progress {
			t.Errorf("%s: Progress() = %d, want %d", tt.name, got, tt.progress)
		}
	}
}

func TestSessionHeld(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		s    site.Session
		want bool
	}{
		{"announced", site.Session{}, false},
		{"with decisions", site.Session{Decisions: []site.Text{{"fr": "Approbation"}}}, true},
		{"with minutes", site.Session{Minutes: "docs/pv.pdf"}, true},
	} {
		if got := tt.s.Held(); got != tt.want {
			t.Errorf("%s: Held() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// The enumerations list their constants for the decoder, in order.
func TestEnumValues(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		got  []string
		want string
	}{
		{"page kinds", site.Kind("").Values(), "page guide procedure news event"},
		{"commune types", site.CommuneType("").Values(), "urban rural"},
		{"genders", site.Gender("").Values(), "woman man"},
		{"session kinds", site.SessionKind("").Values(), "ordinary extraordinary"},
		{"filers", site.FilerType("").Values(), "citizens association"},
		{"petition statuses", site.PetitionStatus("").Values(), "filed examining accepted rejected scheduled answered withdrawn"},
		{"budget phases", site.PhaseName("").Values(), "informing proposing reviewing voting results implementing"},
	} {
		if got := join(tt.got); got != tt.want {
			t.Errorf("%s: Values() = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func join(s []string) string { return strings.Join(s, " ") }
