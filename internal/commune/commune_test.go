package commune_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
)

var langs = []string{"ar", "fr"}

// refData loads the reference data once for all tests.
var refData = sync.OnceValues(refdata.Load)

func ref(t testing.TB) *refdata.Data {
	t.Helper()
	d, err := refData()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

const file = "communes/berkane/commune.yaml"

// base is a valid profile; the tests change one line of it or add lines
// at its end (line 10).
const base = `name: {ar: بركان, fr: Berkane}
code: "02.113.01.09"
type: urban
region: "02"
province: "02.113"
population: 99069
census_year: 2024
contact:
  address: {ar: عنوان, fr: Adresse}
`

// edit returns base with the line starting with prefix replaced by line,
// or removed when line is empty.
func edit(t *testing.T, prefix, line string) string {
	t.Helper()
	lines := strings.SplitAfter(base, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			if line != "" {
				line += "\n"
			}
			lines[i] = line
			return strings.Join(lines, "")
		}
	}
	t.Fatalf("no line %q in base", prefix)
	return ""
}

func TestParseValid(t *testing.T) {
	t.Parallel()
	c, errs := commune.Parse(file, "berkane", []byte(base), langs, ref(t))
	if len(errs) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", errs)
	}
	want := &site.Commune{
		Slug: "berkane", File: file,
		Name: site.Text{"ar": "بركان", "fr": "Berkane"}, Code: "02.113.01.09", Type: "urban",
		Region: "02", Province: "02.113", Population: 99069, CensusYear: 2024,
		Contact:      site.Contact{Address: site.Text{"ar": "عنوان", "fr": "Adresse"}},
		RegionName:   site.Text{"ar": "الشرق", "fr": "Oriental"},
		ProvinceName: site.Text{"ar": "بركان", "fr": "Berkane"},
		// Where the messages about missing facts point.
		Where: map[string]diag.Pos{"name": {File: file, Line: 1, Col: 7}, "contact:key": {File: file, Line: 8, Col: 1}, "contact.address": {File: file, Line: 9, Col: 12}},
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	casablanca := `name: {ar: الدار البيضاء, fr: Casablanca}
code: "06.141.01.0"
type: urban
region: "06"
province: "06.141"
population: 3215935
census_year: 2024
contact: {address: {ar: عنوان, fr: Adresse}}
`
	tests := []struct {
		name, src, want string
	}{
		{"unknown key with did-you-mean", base + "populaton: 3\n",
			`communes/berkane/commune.yaml:10:1: unknown key "populaton"; did you mean "population"?`},
		{"unknown nested key", base + "  phones: [05 36 00 00 01]\n",
			`communes/berkane/commune.yaml:10:3: unknown key "phones"; did you mean "phone"?`},
		{"wrong type", edit(t, "population:", "population: many"),
			`communes/berkane/commune.yaml:6:13: expected a whole number written with digits only, such as 12345, found "many"`},
		{"thousands separator", edit(t, "population:", "population: 99 069"),
			`communes/berkane/commune.yaml:6:13: expected a whole number written with digits only, such as 12345, found "99 069"`},
		{"unknown licence", "open_data_licence: CC-BY\n" + base,
			`communes/berkane/commune.yaml:1:20: expected one of "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "ODbL-1.0", found "CC-BY"`},
		{"fee decision in one language only", "fee_decision: {fr: arrêté fiscal n° 1/2021}\n" + base,
			`communes/berkane/commune.yaml:1:15: missing the "ar" text of "fee_decision"; add a line "ar: …" under "fee_decision"`},
		{"malformed phone", base + "  phone: [05 36 00 00 01, 36 00 00 01]\n",
			`communes/berkane/commune.yaml:10:27: expected a Moroccan phone number, found "36 00 00 01"; write it as +212 5 22 12 34 56 or 05 22 12 34 56 (ten digits starting with 05, 06, 07 or 08)`},
		{"malformed e-mail", base + "  email: contact@berkane\n",
			`communes/berkane/commune.yaml:10:10: expected an e-mail address such as contact@commune.ma, found "contact@berkane"; the domain after the @ needs a dot, such as commune.ma`},
		{"e-mail address with a copy to another", base + "  email: contact@berkane.ma?bcc=x@y.ma\n",
			`communes/berkane/commune.yaml:10:10: expected an e-mail address such as contact@commune.ma, found "contact@berkane.ma?bcc=x@y.ma"; write the address alone, such as contact@commune.ma: no ?, #, &, =, /, %, :, ; or , (a mail link would read them as more than an address)`},
		{"key written twice", base + "  address: {ar: عنوان آخر, fr: Autre adresse}\n",
			`communes/berkane/commune.yaml:10:3: duplicate key "address"; it is already defined at communes/berkane/commune.yaml:9:3; remove one of them (only the last one would count)`},
		{"malformed URL", base + "  website: berkane.example\n",
			`communes/berkane/commune.yaml:10:12: expected a web address starting with https://, found "berkane.example"`},
		{"http instead of https", base + "base_url: http://berkane.example/\n",
			`communes/berkane/commune.yaml:10:11: expected a secure web address (https://), found "http://berkane.example/"; replace http:// by https://`},
		{"unknown language", edit(t, "name:", "name: {ar: بركان, fr: Berkane, en: Berkane}"),
			`communes/berkane/commune.yaml:1:32: unknown language "en"; the site's languages are ar, fr`},
		{"missing language", edit(t, "name:", "name: {ar: بركان}"),
			`communes/berkane/commune.yaml:1:7: missing the "fr" text of "name"; add a line "fr: …" under "name"`},
		{"region name instead of code", edit(t, "region:", "region: Oriental"),
			`communes/berkane/commune.yaml:4:9: expected an HCP region code such as "02"; "Oriental" is region "02"`},
		{"region name in Arabic", edit(t, "region:", "region: الشرق"),
			`communes/berkane/commune.yaml:4:9: expected an HCP region code such as "02"; "الشرق" is region "02"`},
		{"region name without accents", edit(t, "region:", "region: souss massa"),
			`communes/berkane/commune.yaml:4:9: expected an HCP region code such as "09"; "souss massa" is region "09"`},
		{"province code as region", edit(t, "region:", `region: "02.113"`),
			`communes/berkane/commune.yaml:4:9: expected an HCP region code such as "02"; "02.113" is a province of region "02"`},
		{"misspelt region name", edit(t, "region:", "region: Oriantal"),
			`communes/berkane/commune.yaml:4:9: unknown region "Oriantal"; did you mean "02" (Oriental)?`},
		{"region without its leading zero", edit(t, "region:", "region: 2"),
			`communes/berkane/commune.yaml:4:9: unknown region "2"; did you mean "02" (Oriental)?`},
		{"unknown region", edit(t, "region:", `region: "13"`),
			`communes/berkane/commune.yaml:4:9: unknown region "13"; write one of the HCP region codes: "01" (Tanger-Tétouan-Al Hoceima), "02" (Oriental), "03" (Fès-Meknès), "04" (Rabat-Salé-Kénitra), "05" (Béni Mellal-Khénifra), "06" (Casablanca-Settat), "07" (Marrakech-Safi), "08" (Drâa-Tafilalet), "09" (Souss-Massa), "10" (Guelmim-Oued Noun), "11" (Laâyoune-Sakia El Hamra), "12" (Dakhla-Oued Ed-Dahab)`},
		{"province of another region", edit(t, "region:", `region: "09"`),
			`communes/berkane/commune.yaml:5:11: province "02.113" (Berkane) is in region "02" (Oriental), not in region "09" (Souss-Massa); correct "region" or "province"`},
		{"province name instead of code", edit(t, "province:", "province: Berkane"),
			`communes/berkane/commune.yaml:5:11: expected an HCP province code such as "02.113"; "Berkane" is province "02.113"`},
		{"prefecture name instead of code", edit(t, "province:", "province: oujda angad"),
			`communes/berkane/commune.yaml:5:11: expected an HCP province code such as "02.411"; "oujda angad" is prefecture "02.411"`},
		{"misspelt province code", edit(t, "province:", `province: "02.213"`),
			`communes/berkane/commune.yaml:5:11: unknown province "02.213"; did you mean "02.113" (Berkane)?`},
		{"unknown province", edit(t, "province:", `province: "02.999"`),
			`communes/berkane/commune.yaml:5:11: unknown province "02.999"; the provinces and prefectures of region "02" are: "02.411" (Oujda-Angad), "02.381" (Nador), "02.167" (Driouch), "02.275" (Jerada), "02.113" (Berkane), "02.533" (Taourirt), "02.265" (Guercif), "02.251" (Figuig)`},
		{"prefecture of arrondissements", strings.Replace(casablanca, `province: "06.141"`, `province: "06.141.01.00"`, 1) + "arrondissements: true\n",
			`communes/berkane/commune.yaml:5:11: "06.141.01.00" (Casablanca-Anfa) is a prefecture of arrondissements, which has no communes; the communes of Casablanca are in prefecture "06.141"`},
		{"code of another province", edit(t, "code:", `code: "09.581.09.05"`),
			`communes/berkane/commune.yaml:2:7: code "09.581.09.05" is the commune of Ammelne, in province "09.581", not in province "02.113"; correct "code" or "province"`},
		{"unknown code", edit(t, "code:", `code: "02.113.01.99"`),
			`communes/berkane/commune.yaml:2:7: unknown commune code "02.113.01.99"; the commune of Berkane in province "02.113" has code "02.113.01.09"`},
		{"type differs from the census", edit(t, "type:", "type: rural"),
			`communes/berkane/commune.yaml:3:7: type "rural" does not match the census: Berkane is urban; write "type: urban"`},
		{"population differs from the census", edit(t, "population:", "population: 99000"),
			`communes/berkane/commune.yaml:6:13: warning: population 99000 differs from the 2024 census, which counted 99069 inhabitants in Berkane; write "population: 99069"`},
		{"population differs from the 2014 census", edit(t, "census_year:", "census_year: 2014"),
			`communes/berkane/commune.yaml:6:13: warning: population 99069 differs from the 2014 census, which counted 109237 inhabitants in Berkane; write "population: 109237"`},
		{"census year", edit(t, "census_year:", "census_year: 2020"),
			`communes/berkane/commune.yaml:7:14: expected 2024 or 2014 (the years of the HCP censuses), found 2020`},
		{"arrondissements on a commune without them", base + "arrondissements: true\n",
			`communes/berkane/commune.yaml:10:18: Berkane is not divided into arrondissements; only Tanger, Fès, Rabat, Salé, Casablanca and Marrakech are; remove "arrondissements: true"`},
		{"arrondissements forgotten", casablanca,
			`communes/berkane/commune.yaml:2:7: Casablanca is divided into arrondissements; write "arrondissements: true"`},
		{"arrondissements false", casablanca + "arrondissements: false\n",
			`communes/berkane/commune.yaml:9:18: Casablanca is divided into arrondissements; write "arrondissements: true"`},
		{"arrondissements without code", strings.Replace(casablanca, `code: "06.141.01.0"`+"\n", "", 1) + "arrondissements: true\n",
			`communes/berkane/commune.yaml:8:18: warning: "arrondissements: true" cannot be checked without "code"; if this is Casablanca, add "code: 06.141.01.0"`},
		{"arrondissements without code elsewhere", edit(t, "code:", "") + "arrondissements: true\n",
			`communes/berkane/commune.yaml:9:18: warning: "arrondissements: true" cannot be checked without "code"; only Tanger, Fès, Rabat, Salé, Casablanca and Marrakech are divided into arrondissements; add the commune's code`},
		{"logo outside static", base + "logo: ../../berkane.svg\n",
			`communes/berkane/commune.yaml:10:7: expected a path under the folder static/ of the commune, such as "logo.svg", found "../../berkane.svg"; write the path from static/, with "/" between folders`},
		{"logo not an image", base + "logo: logo.pdf\n",
			`communes/berkane/commune.yaml:10:7: expected an image file (.svg, .png, .jpg or .webp), found "logo.pdf"`},
		{"missing required fields", "name: {ar: بركان, fr: Berkane}\ninformation_officer: {email: a@berkane.example}\n",
			strings.Join([]string{
				`communes/berkane/commune.yaml:1:1: missing required key "census_year"; add a line "census_year: …"`,
				`communes/berkane/commune.yaml:1:1: missing required key "contact"; add a line "contact: …"`,
				`communes/berkane/commune.yaml:1:1: missing required key "population"; add a line "population: …"`,
				`communes/berkane/commune.yaml:1:1: missing required key "province"; add a line "province: …"`,
				`communes/berkane/commune.yaml:1:1: missing required key "region"; add a line "region: …"`,
				`communes/berkane/commune.yaml:1:1: missing required key "type"; add a line "type: …"`,
				`communes/berkane/commune.yaml:2:22: missing required key "name" in "information_officer"; add a line "name: …"`,
			}, "\n")},
		{"empty required value", edit(t, "type:", `type: ""`),
			`communes/berkane/commune.yaml:3:7: "type" must not be empty`},
		{"syntax error", base + "contact: [\n",
			`communes/berkane/commune.yaml:10:1: invalid YAML: did not find expected node content; check the indentation and quote values that contain ": " or start with a special character`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errs := commune.Parse(file, "berkane", []byte(tt.src), langs, ref(t))
			if got := errs.Error(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestParseSlug(t *testing.T) {
	t.Parallel()
	_, errs := commune.Parse("communes/Sidi Slimane/commune.yaml", "Sidi Slimane", []byte(base), langs, ref(t))
	want := `communes/Sidi Slimane: folder name "Sidi Slimane" must be made of lower-case ASCII letters, digits and hyphens; rename the folder "sidi-slimane"`
	if got := errs.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	_, errs = commune.Load(t.TempDir(), "../etc", langs, ref(t))
	want = `communes/../etc: folder name "../etc" must be made of lower-case ASCII letters, digits and hyphens; rename the folder "etc"`
	if got := errs.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// writeTree writes the files of a txtar archive under a new temporary
// folder and returns it.
func writeTree(t *testing.T, archive string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestLoadAllReportsErrorsOfEveryCommuneSorted(t *testing.T) {
	t.Parallel()
	root := writeTree(t, `
-- communes/zagora/commune.yaml --
name: {ar: زاكورة, fr: Zagora}
type: urban
region: Drâa-Tafilalet
province: "08.587"
population: 40000
census_year: 2024
contact: {address: {ar: ع, fr: A}, email: zagora}
-- communes/berkane/commune.yaml --
name: {ar: بركان, fr: Berkane}
code: "02.113.01.09"
type: urban
region: "02"
province: "02.113"
population: 99000
census_year: 2024
logo: logo.svg
contact: {address: {ar: ع, fr: A}}
nom: Berkane
-- communes/ammelne/commune.yaml --
name: {ar: أملن, fr: Ammelne}
code: "09.581.09.05"
type: rural
region: "09"
province: "09.581"
population: 2782
census_year: 2024
logo: static/logo.svg
contact: {address: {ar: ع, fr: A}}
-- communes/ammelne/static/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- communes/copy/commune.yaml --
name: {ar: أملن, fr: Ammelne}
code: "09.581.09.05"
type: rural
region: "09"
province: "09.581"
population: 2782
census_year: 2024
contact: {address: {ar: ع, fr: A}}
-- communes/empty/static/logo.svg --
<svg/>
-- communes/_template/commune.yaml --
not: checked
-- communes/.git/commune.yaml --
not: checked
-- communes/README.md --
Not a commune.
`)
	communes, errs := commune.LoadAll(context.Background(), root, langs, ref(t))
	want := strings.Join([]string{
		`communes/ammelne/commune.yaml:8:7: logo "static/logo.svg" not found: there is no file communes/ammelne/static/static/logo.svg; the path starts from static/: write "logo: logo.svg"`,
		`communes/berkane/commune.yaml:6:13: warning: population 99000 differs from the 2024 census, which counted 99069 inhabitants in Berkane; write "population: 99069"`,
		`communes/berkane/commune.yaml:8:7: logo "logo.svg" not found: there is no file communes/berkane/static/logo.svg; put the file there, or remove the line "logo"`,
		`communes/berkane/commune.yaml:10:1: unknown key "nom"; did you mean "name"?`,
		`communes/copy/commune.yaml:2:7: code "09.581.09.05" is already the code of communes/ammelne/commune.yaml; each commune has its own folder; remove one of the two`,
		`communes/empty: missing commune.yaml; write the profile communes/empty/commune.yaml, or rename the folder to start with "_" to skip it`,
		`communes/zagora/commune.yaml:3:9: expected an HCP region code such as "08"; "Drâa-Tafilalet" is region "08"`,
		`communes/zagora/commune.yaml:7:43: expected an e-mail address such as contact@commune.ma, found "zagora"; an e-mail address has exactly one @`,
	}, "\n")
	if got := errs.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var slugs []string
	for _, c := range communes {
		slugs = append(slugs, c.Slug)
	}
	if got := strings.Join(slugs, " "); got != "ammelne berkane copy zagora" {
		t.Errorf("communes = %s", got)
	}
}

func TestLoadAllWithoutCommunesFolder(t *testing.T) {
	t.Parallel()
	_, errs := commune.LoadAll(context.Background(), t.TempDir(), langs, ref(t))
	want := `communes: missing folder; every commune has its folder communes/<slug>/ with a commune.yaml`
	if got := errs.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestLoadFindsTheLogo(t *testing.T) {
	t.Parallel()
	root := writeTree(t, "-- communes/berkane/commune.yaml --\n"+base+"logo: img/logo.svg\n-- communes/berkane/static/img/logo.svg --\n<svg/>\n")
	c, errs := commune.Load(root, "berkane", langs, ref(t))
	if len(errs) > 0 || c.Logo != "img/logo.svg" {
		t.Errorf("Load = %+v, %v", c, errs)
	}
	c, errs = commune.Load(root, "ammelne", langs, ref(t))
	want := `communes/ammelne: missing commune.yaml; write the profile communes/ammelne/commune.yaml, or rename the folder to start with "_" to skip it`
	if got := errs.Error(); c != nil || got != want {
		t.Errorf("got %v\n%s\nwant\n%s", c, got, want)
	}
}

// The demonstration profiles load without any error or warning.
func TestDemoProfiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		slug       string
		name       site.Text
		population int
		region     string
		province   string
		signatures int
	}{
		{"berkane", site.Text{"ar": "بركان", "fr": "Berkane"}, 99069, "Oriental", "Berkane", 200},
		{"ammelne", site.Text{"ar": "أملن", "fr": "Ammelne"}, 2782, "Souss-Massa", "Tiznit", 100},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			t.Parallel()
			c, errs := commune.Load("../..", tt.slug, langs, ref(t))
			if len(errs) > 0 {
				t.Fatalf("diagnostics:\n%v", errs)
			}
			if !reflect.DeepEqual(c.Name, tt.name) || c.Population != tt.population || c.CensusYear != 2024 || !c.Demo ||
				c.RegionName["fr"] != tt.region || c.ProvinceName["fr"] != tt.province || c.InformationOfficer == nil {
				t.Errorf("Load(%s) = %+v", tt.slug, c)
			}
			if got := commune.FactsOf(c).PetitionSignatures; got != tt.signatures {
				t.Errorf("PetitionSignatures = %d, want %d", got, tt.signatures)
			}
		})
	}
}

// catalog loads the default theme's interface strings of language code.
func catalog(t *testing.T, code, dir string) *i18n.Catalog {
	t.Helper()
	file := filepath.Join("..", "..", "themes", "default", "i18n", code+".yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cat, errs := i18n.Load(file, src, site.Lang{Code: code, Dir: dir})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return cat
}

// The facts are formatted for each language: numbers with its digits and
// grouping, years without grouping, months by name, texts where written.
func TestFacts(t *testing.T) {
	t.Parallel()
	c, errs := commune.Parse(file, "berkane", []byte(base+"  phone: [05 36 00 00 01, 05 36 00 00 02]\n  email: contact@berkane.example\n"), langs, ref(t))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	fr, ar := catalog(t, "fr", "ltr"), catalog(t, "ar", "rtl")
	want := map[string]string{
		"commune.name":               "Berkane",
		"commune.region":             "Oriental",
		"commune.province":           "Berkane",
		"commune.population":         fr.FormatInt(99069),
		"commune.census_year":        "2024",
		"contact.address":            "Adresse",
		"contact.phone":              "05 36 00 00 01",
		"contact.email":              "contact@berkane.example",
		"petition.signatures":        "200",
		"petition.answer_months":     "3",
		"access_info.answer_days":    "20",
		"access_info.extension_days": "20",
		"access_info.urgent_days":    "3",
		"access_info.complaint_days": "20",
		"access_info.cdai_days":      "30",
	}
	for _, f := range law.Figures() {
		want["law."+f.Name] = fr.FormatInt(f.Value)
	}
	want["law.council.session_month.1"] = "février"
	want["law.council.session_month.2"] = "mai"
	want["law.council.session_month.3"] = "octobre"
	facts := commune.FactsOf(c)
	if got := facts.In("fr", fr); !reflect.DeepEqual(got, want) {
		t.Errorf("In(fr) =\n%v\nwant\n%v", got, want)
	}
	if facts.PetitionSignatures != 200 {
		t.Errorf("PetitionSignatures = %d, want 200", facts.PetitionSignatures)
	}
	arabic := facts.In("ar", ar)
	for name, value := range map[string]string{"commune.name": "بركان", "commune.population": ar.FormatInt(99069), "contact.phone": "05 36 00 00 01"} {
		if arabic[name] != value {
			t.Errorf("In(ar)[%q] = %q, want %q", name, arabic[name], value)
		}
	}
	if fr.FormatInt(99069) == "99069" {
		t.Errorf("the French catalog writes 99069 without grouping: the test shows nothing")
	}

	c.Type, c.Arrondissements = "rural", true
	c.Contact.Hours = site.Text{"fr": "8 h 30 – 16 h 30"}
	c.InformationOfficer = &site.Person{Name: site.Text{"fr": "N"}, Email: "i@berkane.example"}
	c.FeeDecision = site.Text{"fr": "arrêté fiscal n° 1/2021"}
	c.OpenDataLicence = "CC-BY-4.0"
	facts = commune.FactsOf(c)
	got := facts.In("fr", fr)
	for name, value := range map[string]string{
		"fee_decision":              "arrêté fiscal n° 1/2021",
		"open_data_licence":         "CC-BY-4.0",
		"petition.signatures":       "400",
		"contact.hours":             "8 h 30 – 16 h 30",
		"information_officer.name":  "N",
		"information_officer.email": "i@berkane.example",
	} {
		if got[name] != value {
			t.Errorf("In(fr)[%q] = %q, want %q", name, got[name], value)
		}
	}
	// A text written only in French falls back to French.
	if s := facts.In("ar", ar)["contact.hours"]; s != "8 h 30 – 16 h 30" {
		t.Errorf("In(ar)[contact.hours] = %q, want the French text", s)
	}
	if commune.FactsOf(nil) != nil {
		t.Error("FactsOf(nil) is not nil")
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{base, base + "arrondissements: true\nlogo: ../x\n", "region: Oriental\nprovince: x\ncode: y\n", "- [\n", "a: &x 1\nb: *x\n", "name: \"x", "\x01"} {
		f.Add(seed)
	}
	if src, err := os.ReadFile("../../docs/commune.yaml"); err == nil {
		f.Add(string(src))
	}
	d, err := refData()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, errs := commune.Parse(file, "berkane", []byte(src), langs, d)
		if c == nil {
			t.Fatal("Parse returned a nil commune")
		}
		for _, e := range errs {
			// A few YAML syntax errors (an unterminated quoted string, a
			// control character) come from the YAML library without a
			// line: they name the file only.
			syntax := strings.HasPrefix(e.Msg, "invalid YAML: ")
			if e.Pos.File != file || !syntax && (e.Pos.Line < 1 || e.Pos.Col < 1) {
				t.Errorf("error without a position in the file: %#v", e)
			}
		}
		commune.FactsOf(c)
	})
}

// A profile written from the census figures of any commune is valid.
func TestEveryCensusCommuneValidates(t *testing.T) {
	t.Parallel()
	d := ref(t)
	for _, cm := range d.Communes() {
		src := fmt.Sprintf("name: {ar: %q, fr: %q}\ncode: %q\ntype: %s\nregion: %q\nprovince: %q\npopulation: %d\ncensus_year: 2024\narrondissements: %t\ncontact: {address: {ar: ع, fr: A}}\n",
			cm.Name["ar"], cm.Name["fr"], cm.Code, cm.Type, cm.Region, cm.Province, cm.Population2024, cm.HasArrondissements())
		if _, errs := commune.Parse("communes/"+cm.Slug+"/commune.yaml", cm.Slug, []byte(src), langs, d); len(errs) > 0 {
			t.Errorf("%s:\n%v", cm.Code, errs)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	src, err := os.ReadFile(docsFile)
	if err != nil {
		b.Fatal(err)
	}
	d := ref(b)
	for b.Loop() {
		if _, errs := commune.Parse("docs/commune.yaml", "berkane", src, langs, d); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// Needs points at the line to write or the block to add to, saying how.
func TestNeeds(t *testing.T) {
	t.Parallel()
	src := strings.Replace(base, "address: {ar: عنوان, fr: Adresse}", "address: {ar: TODO, fr: Adresse}\n  hours: {fr: de 8 h à 16 h}", 1)
	c, errs := commune.Parse(file, "berkane", []byte(src), langs, ref(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	needs := commune.Needs(c)
	for name, want := range map[string]string{
		"commune.name":              `communes/berkane/commune.yaml:1:7: the pages need commune.name; write it in every language of the site, in place of any TODO`,
		"contact.address":           `communes/berkane/commune.yaml:9:12: the pages need contact.address; write it in every language of the site, in place of any TODO`,
		"contact.hours":             `communes/berkane/commune.yaml:10:10: the pages need contact.hours; write it in every language of the site, in place of any TODO`,
		"contact.phone":             `communes/berkane/commune.yaml:8:1: the pages need contact.phone; add it under contact:, as in phone: [05 36 00 00 01]`,
		"contact.email":             `communes/berkane/commune.yaml:8:1: the pages need contact.email; add it under contact:, as in email: contact@commune.ma`,
		"information_officer.name":  `communes/berkane/commune.yaml: the pages need information_officer.name; add the block information_officer: with its name: {ar: "…", fr: "…"}, as docs/commune.yaml shows`,
		"information_officer.email": `communes/berkane/commune.yaml: the pages need information_officer.email; add the block information_officer: with its email: information@commune.ma, as docs/commune.yaml shows`,
	} {
		if e := needs[name]; e == nil || e.Error() != want {
			t.Errorf("%s: %v\nwant %s", name, e, want)
		}
	}
	if len(needs) != 7 {
		t.Errorf("%d needs, want 7", len(needs))
	}
	// A text still TODO in a language is missing there.
	if got, ok := commune.FactsOf(c).In("ar", catalog(t, "ar", "rtl"))["contact.address"]; ok {
		t.Errorf("the address still TODO in Arabic is written %q", got)
	}
}

// The example communes are demonstrations: every phone number of their
// profiles is one of 05 00 00 00 xx, which no subscriber has (Moroccan
// fixed numbers are 05 2x and 05 3x), and none uses a commune's real area
// code.
func TestExampleCommunesPhonesReachNoOne(t *testing.T) {
	t.Parallel()
	communes, errs := commune.LoadAll(t.Context(), "../..", langs, ref(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	demo := regexp.MustCompile(`^05 00 00 00 \d\d$`)
	seen := map[string]string{}
	checked := 0
	for _, c := range communes {
		if !c.Demo {
			t.Errorf("%s: the example communes are demonstrations (demo: true)", c.Slug)
			continue
		}
		phones := append(slices.Clone(c.Contact.Phone), c.Contact.Fax...)
		if o := c.InformationOfficer; o != nil && o.Phone != "" {
			phones = append(phones, o.Phone)
		}
		for _, o := range c.Offices {
			phones = append(phones, o.Phone...)
		}
		for _, p := range phones {
			checked++
			if !demo.MatchString(p) {
				t.Errorf("%s: phone %q could reach someone; use 05 00 00 00 xx", c.Slug, p)
			}
			if other, dup := seen[p]; dup && other != c.Slug {
				t.Errorf("%s and %s share the phone %q", other, c.Slug, p)
			}
			seen[p] = c.Slug
		}
	}
	if checked < 10 {
		t.Errorf("checked only %d phone numbers", checked)
	}
}
