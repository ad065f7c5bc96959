package i18n

import (
	"math"
	"slices"
	"testing"

	"github.com/tadafor/tadafor/internal/site"
)

// categoryCatalog is a catalog whose plural message "c" names, in each
// form, the category of that form.
func categoryCatalog(t *testing.T, lang site.Lang) *Catalog {
	t.Helper()
	src := head + "c:\n"
	r := newRules(mustTag(t, lang.Locale))
	for _, name := range r.usedNames() {
		src += "  " + name + ": \"" + name + " {n}\"\n"
	}
	c, errs := Load("c.yaml", []byte(src), lang)
	if len(errs) > 0 {
		t.Fatalf("Load: %v", errs)
	}
	return c
}

func TestNSelectsTheCLDRCategory(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang site.Lang
		n    int
		want string
	}{
		{langAR, 0, "zero 0"},
		{langAR, 1, "one 1"},
		{langAR, 2, "two 2"},
		{langAR, 3, "few 3"},
		{langAR, 10, "few 10"},
		{langAR, 11, "many 11"},
		{langAR, 99, "many 99"},
		{langAR, 100, "other 100"},
		{langAR, 101, "other 101"},
		{langAR, 102, "other 102"},
		{langAR, 103, "few 103"},
		{langAR, 111, "many 111"},
		{langAR, 1000, "other 1.000"},
		{langAR, 1_000_000, "other 1.000.000"},
		{langAR, -3, "few \u200e-3"},
		{langFR, 0, "one 0"},
		{langFR, 1, "one 1"},
		{langFR, 2, "other 2"},
		{langFR, 1000, "other 1.000"},
		{langFR, 1_000_000, "many 1.000.000"},
		{langFR, 2_000_000, "many 2.000.000"},
		{langFR, 1_000_001, "other 1.000.001"},
		{langFR, -1, "one -1"},
		{langZGH, 0, "other 0"},
		{langZGH, 1, "other 1"},
		{langZGH, 1_000_000, "other 1\u00a0000\u00a0000"},
	}
	cats := map[string]*Catalog{}
	for _, l := range []site.Lang{langAR, langFR, langZGH} {
		cats[l.Code] = categoryCatalog(t, l)
	}
	for _, tt := range tests {
		got, err := cats[tt.lang.Code].N("c", tt.n)
		if err != nil || got != tt.want {
			t.Errorf("%s: N(c, %d) = %q, %v; want %q", tt.lang.Locale, tt.n, got, err, tt.want)
		}
	}
}

func TestRulesFormHandlesExtremes(t *testing.T) {
	t.Parallel()
	r := newRules(mustTag(t, "ar-MA"))
	for _, n := range []int{math.MinInt, math.MinInt + 1, math.MaxInt} {
		if f := r.form(n); int(f) >= len(categoryNames) {
			t.Errorf("form(%d) = %d, not a category", n, f)
		}
	}
}

func TestLocalesUseTheirCLDRCategories(t *testing.T) {
	t.Parallel()
	tests := []struct {
		locale string
		want   []string
	}{
		{"ar-MA", []string{"zero", "one", "two", "few", "many", "other"}},
		{"ar", []string{"zero", "one", "two", "few", "many", "other"}},
		{"fr-MA", []string{"one", "many", "other"}},
		{"fr", []string{"one", "many", "other"}},
		{"es", []string{"one", "many", "other"}},
		{"en", []string{"one", "other"}},
		{"zgh-MA", []string{"other"}},
		{"und", []string{"other"}},
	}
	for _, tt := range tests {
		if got := newRules(mustTag(t, tt.locale)).usedNames(); !slices.Equal(got, tt.want) {
			t.Errorf("%s uses %q, want %q", tt.locale, got, tt.want)
		}
	}
}
