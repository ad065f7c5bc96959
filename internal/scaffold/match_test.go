package scaffold

import (
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/refdata"
)

func loadRef(tb testing.TB) *refdata.Data {
	tb.Helper()
	ref, err := refdata.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return ref
}

func TestFind(t *testing.T) {
	t.Parallel()
	m := NewMatcher(loadRef(t))
	tests := []struct {
		name  string
		codes []string
	}{
		{"أصيلة", []string{"01.511.01.01"}},
		{"اصيلة", []string{"01.511.01.01"}},
		{"اصيله", []string{"01.511.01.01"}},
		{"أَصِيلَة", []string{"01.511.01.01"}},
		{"assilah", []string{"01.511.01.01"}},
		{"ASSILAH", []string{"01.511.01.01"}},
		{"tetouan", []string{"01.571.01.11"}},
		{"Ksar el kébir", []string{"01.331.01.01"}},
		{"ksar-el-kebir", []string{"01.331.01.01"}},
		{"sidi slimane", []string{"04.491.01.07"}}, // exact, though other names start with it
		{"الدار البيضاء", []string{"06.141.01.0"}},
		{"berkan", []string{"02.113.01.09"}}, // the only name starting so
		{"sidi boubker", []string{"02.275.09.15", "07.427.09.15"}},
		{"سيدي بوبكر", []string{"02.275.09.15", "07.427.09.15"}},
		{"", nil},
		{"-'", nil},
		{"qqqqzzzz", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range m.Find(tt.name) {
			got = append(got, c.Code)
		}
		if !slices.Equal(got, tt.codes) {
			t.Errorf("Find(%q) = %v, want %v", tt.name, got, tt.codes)
		}
	}
}

func TestSuggest(t *testing.T) {
	t.Parallel()
	m := NewMatcher(loadRef(t))
	if c, ok := m.Suggest("Asilah"); !ok || c.Code != "01.511.01.01" {
		t.Errorf("Suggest(Asilah) = %v, %v", c.Name, ok)
	}
	if c, ok := m.Suggest("qqqqzzzzqqqq"); ok {
		t.Errorf("Suggest(nonsense) = %v", c.Name)
	}
}

// FuzzMatch checks that every commune Find returns matches the name,
// that a commune's own name always finds it, and that Find never panics.
func FuzzMatch(f *testing.F) {
	ref := loadRef(f)
	m := NewMatcher(ref)
	communes := ref.Communes()
	for _, s := range []string{"أصيلة", "sidi", "ait", "ـ", "", "Fès", "01.511"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, name string, i int) {
		q := Fold(name)
		for _, c := range m.Find(name) {
			if !strings.Contains(Fold(c.Name["fr"]), q) && !strings.Contains(Fold(c.Name["ar"]), q) && !strings.Contains(Fold(c.Slug), q) {
				t.Fatalf("Find(%q) returned %s (%s), which does not contain %q", name, c.Name["fr"], c.Name["ar"], q)
			}
		}
		c := communes[uint(i)%uint(len(communes))]
		for _, n := range []string{c.Name["fr"], c.Name["ar"], strings.ToUpper(c.Name["fr"]), c.Name["ar"] + "ـ"} {
			if !slices.ContainsFunc(m.Find(n), func(x refdata.Commune) bool { return x.Code == c.Code }) {
				t.Fatalf("Find(%q) misses %s", n, c.Code)
			}
		}
	})
}
