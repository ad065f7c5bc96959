package indicators_test

import (
	"context"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/indicators"
	"github.com/tadafor/tadafor/internal/records"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
)

// The figures of the example communes are those their demo records were
// written to show: every petition state, late answers in Berkane and
// Settat, no petition in El Ksiba, one region per commune.
func TestExampleCommunes(t *testing.T) {
	t.Parallel()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	langs := []string{"ar", "fr"}
	all, errs := commune.LoadAll(context.Background(), "../..", langs, ref)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var examples []*site.Commune
	got := map[string]indicators.Commune{}
	for _, c := range all {
		switch c.Slug {
		case "berkane", "ammelne", "settat", "amtar", "el-ksiba":
		default:
			continue
		}
		r, lerrs := records.Load("../..", c, langs)
		if lerrs.HasErrors() {
			t.Fatal(lerrs)
		}
		c.Records = r
		examples = append(examples, c)
		got[c.Slug] = indicators.For(c)
	}
	want := map[string]indicators.Petitions{
		"berkane":  {Filed: 5, Accepted: 3, Rejected: 1, Deliberated: 2, Pending: 2, Answered: 3, AnsweredInTime: 2, InTimePercent: 67},
		"ammelne":  {Filed: 4, Accepted: 2, Rejected: 1, Deliberated: 2, Pending: 1, Answered: 3, AnsweredInTime: 3, InTimePercent: 100},
		"settat":   {Filed: 5, Accepted: 2, Rejected: 1, Deliberated: 2, Withdrawn: 1, Pending: 1, Answered: 3, AnsweredInTime: 2, InTimePercent: 67},
		"amtar":    {Filed: 3, Accepted: 2, Rejected: 1, Deliberated: 1, Pending: 1, Answered: 2, AnsweredInTime: 2, InTimePercent: 100},
		"el-ksiba": {},
	}
	for slug, w := range want {
		if got[slug].Petitions != w {
			t.Errorf("%s: petitions %+v, want %+v", slug, got[slug].Petitions, w)
		}
		ind := got[slug]
		if ind.Projects.Unfeasible == 0 || ind.Projects.Completed == 0 || ind.Council.Women == 0 || !ind.IEECAG || ind.SessionsHeld < 3 {
			t.Errorf("%s: %+v", slug, ind)
		}
	}
	prog := indicators.Aggregate(examples)
	if len(prog.Regions) != 5 || prog.Total.Communes != 5 || prog.Total.IEECAG != 5 || prog.Total.Petitions.Filed != 17 {
		t.Errorf("Aggregate: %+v", prog)
	}
}
