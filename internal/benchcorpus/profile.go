package benchcorpus

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/segment"
)

// pickCommunes chooses n communes of the census data, in turn from each
// of the five regions, at random within a region.
func pickCommunes(ref *refdata.Data, n int, seed uint64) ([]refdata.Commune, error) {
	byRegion := map[string][]refdata.Commune{}
	for _, c := range ref.Communes() {
		if c.Population2024 > 0 && segment.IsID(c.Slug) && c.Slug != "css" && c.Slug != "ar" && c.Slug != "fr" {
			byRegion[c.Region] = append(byRegion[c.Region], c)
		}
	}
	for _, code := range regions {
		list := byRegion[code]
		r := rng(seed, "communes", code)
		r.Shuffle(len(list), func(i, j int) { list[i], list[j] = list[j], list[i] })
	}
	out := make([]refdata.Commune, 0, n)
	for i := range n {
		code := regions[i%len(regions)]
		list := byRegion[code]
		k := i / len(regions)
		if k >= len(list) {
			return nil, fmt.Errorf("region %s has only %d communes, %d asked for", code, len(list), (n+len(regions)-1)/len(regions))
		}
		out = append(out, list[k])
	}
	return out, nil
}

// areaCodes are the fixed-line prefixes used for the invented phone
// numbers, by region.
var areaCodes = map[string]string{"06": "22", "02": "36", "09": "28", "01": "39", "05": "23"}

// officers are invented first names for the information officers.
var officers = [][2]string{
	{"سلمى", "Salma"}, {"يوسف", "Youssef"}, {"فاطمة", "Fatima"}, {"محمد", "Mohamed"},
	{"خديجة", "Khadija"}, {"عمر", "Omar"}, {"نادية", "Nadia"}, {"إدريس", "Driss"},
}

// profileYAML is the commune.yaml of census commune c, the i-th of the
// project: census facts unchanged, contacts and people invented.
func profileYAML(c refdata.Commune, i int) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	area := areaCodes[c.Region]
	officer := officers[i%len(officers)]
	w("# Generated benchmark profile (internal/benchcorpus): name, codes, type and population")
	w("# from the census (HCP, RGPH 2024); contacts and people invented (demo: true).")
	w("name:\n  ar: %s\n  fr: %s", q(c.Name["ar"]), q(c.Name["fr"]))
	w("code: %s", q(c.Code))
	w("type: %s", c.Type)
	w("region: %s", q(c.Region))
	w("province: %s", q(c.Province))
	w("population: %d", c.Population2024)
	w("census_year: 2024")
	w("arrondissements: %t", c.HasArrondissements())
	w("demo: true")
	if i%2 == 0 {
		w("base_url: https://%s.example/", c.Slug)
	}
	w("contact:")
	w("  address:\n    ar: %s\n    fr: %s",
		q("(عنوان تجريبي) مقر الجماعة، "+c.Name["ar"]),
		q("(adresse de démonstration) siège de la commune, "+c.Name["fr"]))
	w("  phone:\n    - 05 %s %02d %02d 01", area, i/100, i%100)
	if i%3 == 0 {
		w("    - +212 5 %s %02d %02d 03", area, i/100, i%100)
	}
	w("  fax:\n    - 05 %s %02d %02d 09", area, i/100, i%100)
	w("  email: contact@%s.example", c.Slug)
	w("  website: https://%s.example", c.Slug)
	w("  map: %s", q("https://www.openstreetmap.org/search?query="+url.QueryEscape(c.Name["fr"])))
	w("  hours:\n    ar: %s\n    fr: %s", q("من الاثنين إلى الجمعة، 8:30–16:30"), q("du lundi au vendredi, 8 h 30 – 16 h 30"))
	w("information_officer:")
	w("  name:\n    ar: %s\n    fr: %s", q("(اسم تجريبي) "+officer[0]+" المثال"), q("(nom de démonstration) "+officer[1]+" Exemple"))
	w("  role:\n    ar: %s\n    fr: %s", q("الشخص المكلف بتلقي طلبات الحصول على المعلومات"),
		q("personne chargée de recevoir les demandes d'accès à l'information"))
	w("  email: information@%s.example", c.Slug)
	w("  phone: 05 %s %02d %02d 02", area, i/100, i%100)
	return b.String()
}

// q quotes s as a YAML double-quoted string.
func q(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
