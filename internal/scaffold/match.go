package scaffold

import (
	"cmp"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/refdata"
)

// Matcher finds communes of the census by name. It is built once by
// NewMatcher and is safe for concurrent use.
type Matcher struct {
	communes []refdata.Commune
	folded   [][]string // Fold of the French name, Arabic name and slug of each commune
}

// NewMatcher returns a Matcher over the communes of ref.
func NewMatcher(ref *refdata.Data) *Matcher {
	m := &Matcher{communes: ref.Communes()}
	m.folded = make([][]string, len(m.communes))
	for i, c := range m.communes {
		m.folded[i] = []string{Fold(c.Name["fr"]), Fold(c.Name["ar"]), Fold(c.Slug)}
	}
	return m
}

// Find returns the communes whose Arabic or French name (or census slug)
// matches name once both are folded (see Fold): those whose name is
// exactly name when there are any, else those whose name starts with it,
// else those whose name contains it. Several communes mean the name is
// ambiguous; none, that no commune matches. The communes are sorted by
// French name, then code.
func (m *Matcher) Find(name string) []refdata.Commune {
	q := Fold(name)
	if q == "" {
		return nil
	}
	for _, match := range []func(string, string) bool{
		func(n, q string) bool { return n == q },
		strings.HasPrefix,
		strings.Contains,
	} {
		var found []refdata.Commune
		for i, names := range m.folded {
			if slices.ContainsFunc(names, func(n string) bool { return match(n, q) }) {
				found = append(found, m.communes[i])
			}
		}
		if len(found) > 0 {
			slices.SortFunc(found, func(a, b refdata.Commune) int {
				return cmp.Or(strings.Compare(a.Name["fr"], b.Name["fr"]), strings.Compare(a.Code, b.Code))
			})
			return found
		}
	}
	return nil
}

// Suggest returns the commune whose folded name is closest to name, for
// a "did you mean" when Find found none, and whether there is one close
// enough.
func (m *Matcher) Suggest(name string) (refdata.Commune, bool) {
	q := Fold(name)
	var candidates []string
	owner := map[string]int{}
	for i, names := range m.folded {
		for _, n := range names[:2] {
			if _, dup := owner[n]; !dup && n != "" {
				owner[n] = i
				candidates = append(candidates, n)
			}
		}
	}
	if s := diag.Suggest(q, candidates); s != "" {
		return m.communes[owner[s]], true
	}
	return refdata.Commune{}, false
}
