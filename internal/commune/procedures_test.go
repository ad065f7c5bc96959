package commune_test

import (
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
)

func TestOfficesAndProcedures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src string
		want      []string
	}{
		{"valid", base + `offices:
  - id: civil-status
    name: {ar: مكتب الحالة المدنية, fr: bureau de l'état civil}
procedures:
  birth-certificate-extract: {office: civil-status}
`, nil},
		{"office defined twice", base + `offices:
  - {id: civil-status, name: {ar: أ, fr: A}}
  - {id: civil-status, name: {ar: ب, fr: B}}
`, []string{file + `:12:10: office "civil-status" is already defined on line 11; give each office its own id`}},
		{"unknown office", base + `offices:
  - {id: civil-status, name: {ar: أ, fr: A}}
  - {id: legalisation, name: {ar: ب, fr: B}}
procedures:
  birth-certificate-extract: {office: civil-statut}
  signature-legalisation:
    office: town-hall
`, []string{
			file + `:14:39: unknown office "civil-statut"; did you mean "civil-status"?`,
			file + `:16:13: unknown office "town-hall"; the offices are: civil-status, legalisation`,
		}},
		{"office without offices", base + "procedures:\n  signature-legalisation: {office: legalisation}\n",
			[]string{file + `:11:36: unknown office "legalisation"; describe the office under "offices" with "id: legalisation"`}},
		{"office that is not an id", base + "procedures:\n  signature-legalisation: {office: Bureau}\n",
			[]string{file + `:11:36: expected a name of lower-case letters, digits and hyphens, found "Bureau"; for example "my-theme"`}},
		{"malformed office phone", base + "offices:\n  - {id: a, name: {ar: أ, fr: A}, phone: [12 34]}\n",
			[]string{file + `:11:43: expected a Moroccan phone number, found "12 34"; write it as +212 5 22 12 34 56 or 05 22 12 34 56 (ten digits starting with 05, 06, 07 or 08)`}},
		{"office without name", base + "offices:\n  - {id: a}\n",
			[]string{file + `:11:5: missing required key "name" in "offices[0]"; add a line "name: …"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errs := commune.Parse(file, "berkane", []byte(tt.src), langs, ref(t))
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tt.want, "\n"); g != w {
				t.Errorf("got:\n%s\nwant:\n%s", g, w)
			}
		})
	}
}

func TestCheckProcedures(t *testing.T) {
	t.Parallel()
	page := func(key string, kind site.Kind) *site.Page {
		return &site.Page{Key: key, Lang: "fr", Meta: site.FrontMatter{Kind: kind}}
	}
	shared := []*site.Page{
		page("procedures/index", site.KindPage),
		page("procedures/birth-certificate-extract", site.KindProcedure),
		page("procedures/signature-legalisation", site.KindProcedure),
		page("participation/petitions", site.KindGuide),
	}
	local := []*site.Page{page("procedures/market-stall", site.KindProcedure)}
	src := base + `procedures:
  birth-certificate-extract: {}
  market-stall: {}
  signature-legalization: {}
  procedures/birth-certificate-extract: {}
  index: {}
  participation/petitions: {}
`
	c, errs := commune.Parse(file, "berkane", []byte(src), langs, ref(t))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if p := c.Procedures["market-stall"].Pos; p != (diag.Pos{File: file, Line: 12, Col: 3}) {
		t.Errorf("Pos of market-stall = %v", p)
	}
	errs = commune.CheckProcedures(c, shared, local)
	want := strings.Join([]string{
		file + `:13:3: no procedure page "signature-legalization" under content/procedures/; did you mean "signature-legalisation"?`,
		file + `:14:3: no procedure page "procedures/birth-certificate-extract" under content/procedures/; write the key without "procedures/": "birth-certificate-extract"`,
		file + `:15:3: no procedure page "index" under content/procedures/; the procedures are: birth-certificate-extract, market-stall, signature-legalisation`,
		file + `:16:3: no procedure page "participation/petitions" under content/procedures/; the procedures are: birth-certificate-extract, market-stall, signature-legalisation`,
	}, "\n")
	if errs.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", errs, want)
	}
	if errs := commune.CheckProcedures(&site.Commune{}, shared, nil); errs != nil {
		t.Errorf("no procedures: %v", errs)
	}
}
