package law_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/law"
)

func TestPetitionSignatures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name            string
		population      int
		arrondissements bool
		want            int
	}{
		{"small commune", 2782, false, 100},
		{"just under the threshold", 34999, false, 100},
		{"at the threshold", 35000, false, 200},
		{"large commune", 99069, false, 200},
		{"commune with arrondissements", 3215935, true, 400},
		{"arrondissements decide whatever the population", 34999, true, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := law.PetitionSignatures(tt.population, tt.arrondissements); got != tt.want {
				t.Errorf("PetitionSignatures(%d, %v) = %d, want %d", tt.population, tt.arrondissements, got, tt.want)
			}
		})
	}
}

func TestFiguresAreComplete(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, f := range law.Figures() {
		if seen[f.Name] {
			t.Errorf("duplicate figure %q", f.Name)
		}
		seen[f.Name] = true
		if f.Value <= 0 || f.Unit == "" || f.Ref["ar"] == "" || f.Ref["fr"] == "" {
			t.Errorf("incomplete figure %+v", f)
		}
		// A site in a third language states the reference in French.
		if got := f.Ref.Get("zgh"); got != f.Ref["fr"] {
			t.Errorf("%s: reference in Tamazight %q, want the French one", f.Name, got)
		}
		// The petition thresholds are still [to verify] in the domain
		// facts; the council's sessions (art. 33) have been confirmed.
		wantVerify := strings.HasPrefix(f.Name, "petition.signatures") || f.Name == "petition.population_threshold"
		if f.ToVerify != wantVerify {
			t.Errorf("%s: ToVerify = %v, want %v", f.Name, f.ToVerify, wantVerify)
		}
	}
}

func TestLookup(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		value    int
		unit     string
		toVerify bool
	}{
		{"petition.signatures.small", 100, "signatures", true},
		{"petition.signatures.large", 200, "signatures", true},
		{"petition.signatures.arrondissements", 400, "signatures", true},
		{"petition.population_threshold", 35000, "inhabitants", true},
		{"petition.answer_months", 3, "months", false},
		{"access_info.answer_days", 20, "working days", false},
		{"access_info.extension_days", 20, "working days", false},
		{"access_info.urgent_days", 3, "days", false},
		{"access_info.urgent_extension_days", 3, "days", false},
		{"access_info.complaint_days", 20, "working days", false},
		{"access_info.cdai_days", 30, "days", false},
		{"council.ordinary_sessions", 3, "sessions", false},
		{"council.session_week", 1, "week of the month", false},
		{"council.session_month.1", 2, "month of the year", false},
		{"council.session_month.2", 5, "month of the year", false},
		{"council.session_month.3", 10, "month of the year", false},
		{"complaint.ack_days", 15, "days", false},
		{"complaint.answer_months", 2, "months", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f, ok := law.Lookup(tt.name)
			if !ok || f.Value != tt.value || f.Unit != tt.unit || f.ToVerify != tt.toVerify {
				t.Errorf("Lookup(%q) = %+v, %v", tt.name, f, ok)
			}
		})
	}
	if _, ok := law.Lookup("petition.signatures"); ok {
		t.Error("Lookup of an unknown name succeeded")
	}
}

func TestReferences(t *testing.T) {
	t.Parallel()
	// The thresholds, still to verify, are stated with the article that
	// gives them.
	sig, _ := law.Lookup("petition.signatures.small")
	if !strings.Contains(sig.Ref["fr"], "113-14") || !strings.Contains(sig.Ref["fr"], "article 123") || !strings.Contains(sig.Ref["ar"], "المادة 123") {
		t.Errorf("signatures reference = %v", sig.Ref)
	}
	months, _ := law.Lookup("petition.answer_months")
	if !strings.Contains(months.Ref["fr"], "121 à 125") || !strings.Contains(months.Ref["ar"], "113.14") {
		t.Errorf("petition reference = %v", months.Ref)
	}
	sessions, _ := law.Lookup("council.session_month.1")
	if !strings.Contains(sessions.Ref["fr"], "article 33") || !strings.Contains(sessions.Ref["ar"], "المادة 33") {
		t.Errorf("sessions reference = %v", sessions.Ref)
	}
	info, _ := law.Lookup("access_info.cdai_days")
	if !strings.Contains(info.Ref["fr"], "31-13") || !strings.Contains(info.Ref["ar"], "31.13") {
		t.Errorf("access to information reference = %v", info.Ref)
	}
	// Each call returns fresh maps: a caller cannot change another's.
	sig.Ref["fr"] = "changed"
	if again, _ := law.Lookup("petition.signatures.small"); again.Ref["fr"] == "changed" {
		t.Error("Figures shares its maps")
	}
}

func TestOrdinarySessionMonths(t *testing.T) {
	t.Parallel()
	got := law.OrdinarySessionMonths()
	if want := []time.Month{time.February, time.May, time.October}; !slices.Equal(got, want) || len(got) != law.OrdinarySessionsPerYear {
		t.Errorf("OrdinarySessionMonths() = %v, want %v", got, want)
	}
}
