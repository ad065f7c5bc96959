package records_test

import (
	"context"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"

	"github.com/tadafor/tadafor/internal/records"
)

var langs = []string{"ar", "fr"}

var refData = sync.OnceValues(refdata.Load)

// The example communes of the repository load without any error or
// warning, and exercise every record type: ElKsiba alone has no
// petitions.yaml, for the empty states.
func TestExampleCommunes(t *testing.T) {
	t.Parallel()
	ref, err := refData()
	if err != nil {
		t.Fatal(err)
	}
	const root = "../.."
	communes, errs := commune.LoadAll(context.Background(), root, langs, ref)
	if len(errs) > 0 {
		t.Fatalf("profiles:\n%v", errs)
	}
	want := map[string]bool{"berkane": true, "ammelne": true, "settat": true, "amtar": true, "el-ksiba": true}
	regions := map[string]string{}
	for _, c := range communes {
		if !want[c.Slug] {
			continue
		}
		delete(want, c.Slug)
		if other, dup := regions[c.Region]; dup {
			t.Errorf("%s and %s are both in region %s", other, c.Slug, c.Region)
		}
		regions[c.Region] = c.Slug
		if !c.Demo {
			t.Errorf("%s: demo is not set", c.Slug)
		}
		r, errs := records.Load(root, c, langs)
		if len(errs) > 0 {
			t.Errorf("%s:\n%v", c.Slug, errs)
			continue
		}
		checkComplete(t, c.Slug, r)
	}
	for slug := range want {
		t.Errorf("missing example commune %s", slug)
	}
}

// checkComplete asserts that the records exercise every record type and
// state.
func checkComplete(t *testing.T, slug string, r site.Records) {
	t.Helper()
	co := r.Council
	if co == nil || len(co.Bureau) == 0 || len(co.Committees) == 0 {
		t.Errorf("%s: council without bureau or committees", slug)
	} else {
		genders := map[site.Gender]bool{co.President.Gender: true}
		for _, m := range append(co.Bureau, co.Members...) {
			genders[m.Gender] = true
		}
		if !genders[site.Woman] || !genders[site.Man] {
			t.Errorf("%s: the council needs members of both genders", slug)
		}
	}
	if n := len(r.Sessions); n < 3 || n > 5 {
		t.Errorf("%s: %d sessions, want 3 to 5", slug, n)
	}
	extra, minutes := false, false
	for _, s := range r.Sessions {
		extra = extra || s.Kind == site.Extraordinary
		minutes = minutes || (s.Minutes != "" && s.MinutesSize > 0 && s.MinutesFormat == "PDF")
	}
	if !extra || !minutes {
		t.Errorf("%s: sessions need an extraordinary one and minutes (extraordinary %v, minutes %v)", slug, extra, minutes)
	}
	if slug == "el-ksiba" {
		if _, ok := r.Files[records.PetitionsFile]; ok || len(r.Petitions) > 0 {
			t.Errorf("%s: has petitions, but it shows the empty state", slug)
		}
	} else {
		states := map[site.PetitionStatus]bool{}
		for _, p := range r.Petitions {
			states[p.Status()] = true
		}
		if !states[site.Rejected] || !states[site.Answered] || len(states) < 3 {
			t.Errorf("%s: petitions in states %v; want rejected, answered and another", slug, states)
		}
	}
	if len(r.Budgets) == 0 {
		t.Errorf("%s: no budget cycle", slug)
	} else {
		statuses := map[site.ProjectStatus]bool{}
		for _, p := range r.Budgets[0].Projects {
			statuses[p.Status()] = true
		}
		if n := len(r.Budgets[0].Projects); n < 4 || n > 6 || !statuses[site.ProjectUnfeasible] || len(statuses) < 4 {
			t.Errorf("%s: %d projects in the first cycle, statuses %v", slug, n, statuses)
		}
	}
	ieecag, optional, responded := false, false, false
	for _, b := range r.Bodies {
		if b.Kind == "ieecag" {
			ieecag = len(b.Members) > 0
		} else {
			optional = true
		}
		for _, o := range b.Opinions {
			responded = responded || len(o.Response) > 0
		}
	}
	if !ieecag || !optional || !responded {
		t.Errorf("%s: bodies: IEECAG with members %v, optional body %v, opinion with response %v", slug, ieecag, optional, responded)
	}
	if len(r.CoCreations) == 0 {
		t.Errorf("%s: no co-creation project", slug)
	}
	if len(r.Documents) < 3 {
		t.Errorf("%s: %d documents", slug, len(r.Documents))
	}
	for _, d := range r.Documents {
		if d.Size == 0 || d.Format != "PDF" {
			t.Errorf("%s: document %s: size %d, format %q", slug, d.File, d.Size, d.Format)
		}
	}
}
