package refdata_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
)

func load(t testing.TB) *refdata.Data {
	t.Helper()
	d, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestCounts(t *testing.T) {
	t.Parallel()
	d := load(t)
	regions := d.Regions()
	provinces := 0
	for _, r := range regions {
		provinces += len(d.Provinces(r.Code))
	}
	communes := d.Communes()
	urban := 0
	for _, c := range communes {
		if c.Type == site.Urban {
			urban++
		}
	}
	got := []int{len(regions), provinces, len(communes), urban}
	if want := []int{12, 83, 1503, 242}; !slices.Equal(got, want) {
		t.Errorf("regions, provinces, communes, urban = %v, want %v", got, want)
	}
}

func TestEveryCommuneHasItsRegionAndProvince(t *testing.T) {
	t.Parallel()
	d := load(t)
	total := 0
	for _, c := range d.Communes() {
		total += c.Population2024
		r, ok := d.Region(c.Region)
		if !ok {
			t.Errorf("%s: unknown region %q", c.Code, c.Region)
		}
		p, ok := d.Province(c.Province)
		if !ok {
			t.Errorf("%s: unknown province %q", c.Code, c.Province)
			continue
		}
		if p.Region != r.Code {
			t.Errorf("%s: province %s is in region %s, the commune in %s", c.Code, p.Code, p.Region, c.Region)
		}
		if p.Type == refdata.TypePrefectureOfArrondissements {
			t.Errorf("%s: in a prefecture of arrondissements", c.Code)
		}
		if c.Name["ar"] == "" || c.Name["fr"] == "" || c.Slug == "" {
			t.Errorf("%s: missing name or slug: %+v", c.Code, c)
		}
		if byCode, _ := d.Commune(c.Code); byCode.Slug != c.Slug {
			t.Errorf("Commune(%q) = %+v", c.Code, byCode)
		}
		if bySlug, _ := d.CommuneBySlug(c.Slug); bySlug.Code != c.Code {
			t.Errorf("CommuneBySlug(%q) = %+v", c.Slug, bySlug)
		}
	}
	if total != 36828330 {
		t.Errorf("national population = %d, want 36828330", total)
	}
}

func TestLookups(t *testing.T) {
	t.Parallel()
	d := load(t)
	if r, ok := d.Region("02"); !ok || r.Name["fr"] != "Oriental" || r.Name["ar"] != "الشرق" || r.Population != 2294665 {
		t.Errorf("Region(02) = %+v, %v", r, ok)
	}
	if p, ok := d.Province("02.113"); !ok || p.Name["fr"] != "Berkane" || p.Type != refdata.TypeProvince || p.Region != "02" {
		t.Errorf("Province(02.113) = %+v, %v", p, ok)
	}
	want := refdata.Commune{Code: "02.113.01.09", Slug: "berkane", Type: "urban", Region: "02", Province: "02.113", Population2024: 99069, Population2014: 109237}
	want.Name = site.Text{"ar": "بركان", "fr": "Berkane"}
	if c, ok := d.CommuneBySlug("berkane"); !ok || !reflect.DeepEqual(c, want) {
		t.Errorf("CommuneBySlug(berkane) = %+v, want %+v", c, want)
	}
	if c, ok := d.Commune("12.391.05.05"); !ok || c.Population2014 != 0 {
		t.Errorf("Mijik has no 2014 count: %+v", c)
	}
	for _, code := range []string{"", "13", "02.999"} {
		if _, ok := d.Region(code); ok {
			t.Errorf("Region(%q) found", code)
		}
		if _, ok := d.Province(code); ok {
			t.Errorf("Province(%q) found", code)
		}
		if _, ok := d.Commune(code); ok {
			t.Errorf("Commune(%q) found", code)
		}
	}
	if got := d.Provinces("13"); got != nil {
		t.Errorf("Provinces(13) = %v", got)
	}
	if got := len(d.Provinces("06")); got != 17 {
		t.Errorf("len(Provinces(06)) = %d, want 9 and 8 prefectures of arrondissements", got)
	}
}

func TestSixCommunesHaveArrondissements(t *testing.T) {
	t.Parallel()
	var got []string
	for _, c := range load(t).Communes() {
		if c.HasArrondissements() {
			got = append(got, c.Name["fr"])
		}
	}
	want := []string{"Tanger", "Fès", "Rabat", "Salé", "Casablanca", "Marrakech"}
	if !slices.Equal(got, want) {
		t.Errorf("communes with arrondissements = %v, want %v", got, want)
	}
}

func TestReturnedSlicesAreTheCallers(t *testing.T) {
	t.Parallel()
	d := load(t)
	d.Regions()[0].Code = "xx"
	d.Communes()[0].Code = "xx"
	if d.Regions()[0].Code != "01" || d.Communes()[0].Code != "01.511.01.0" {
		t.Error("modifying a returned slice changed the data")
	}
}

// BenchmarkParse measures what the first Load costs.
func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := refdata.Parse(); err != nil {
			b.Fatal(err)
		}
	}
}
