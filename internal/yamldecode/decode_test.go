package yamldecode_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

type profile struct {
	Name       site.Text `yaml:"name" check:"required,alllangs"`
	Type       string    `yaml:"type" check:"required,oneof=urban|rural"`
	Population int       `yaml:"population" check:"required,positive"`
	Phones     []string  `yaml:"phone" check:"phone"`
	Email      string    `yaml:"email" check:"email"`
	Site       string    `yaml:"site" check:"https"`
	Since      site.Date `yaml:"since"`
	Demo       bool      `yaml:"demo"`
	Kinds      []kind    `yaml:"kinds"`
	Office     *struct {
		Hours string `yaml:"hours" check:"required"`
	} `yaml:"office"`
}

// kind is an Enum: its values are listed by its method, not in a tag.
type kind string

func (kind) Values() []string { return []string{"guide", "procedure"} }

func decode(t *testing.T, src string) (profile, yamldecode.Positions, string) {
	t.Helper()
	var p profile
	pos, errs := yamldecode.Decode([]byte(src), &p, yamldecode.Options{File: "c.yaml", FirstLine: 1, Langs: []string{"ar", "fr"}})
	return p, pos, errs.Error()
}

func TestDecodeValid(t *testing.T) {
	t.Parallel()
	src := "name: {ar: بركان, fr: Berkane}\ntype: urban\npopulation: 99069\nphone: 05 36 61 23 45\nemail: contact@berkane.ma\nsite: https://berkane.ma\nsince: 2015-07-07\ndemo: true\noffice:\n  hours: 8h30-16h30\n"
	p, pos, errs := decode(t, src)
	if errs != "" {
		t.Fatalf("unexpected errors:\n%s", errs)
	}
	if p.Name["fr"] != "Berkane" || p.Population != 99069 || len(p.Phones) != 1 || !p.Demo || p.Office.Hours != "8h30-16h30" {
		t.Errorf("decoded %+v", p)
	}
	if !p.Since.Equal(time.Date(2015, 7, 7, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("since = %v", p.Since)
	}
	if got := pos["population"]; got != (diag.Pos{File: "c.yaml", Line: 3, Col: 13}) {
		t.Errorf("pos population = %v", got)
	}
	if got := pos.Get("office.hours.nothing"); got.Line != 10 {
		t.Errorf("Get falls back to parent: %v", got)
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	base := "name: {ar: س, fr: S}\ntype: rural\npopulation: 10\n"
	tests := []struct {
		name, src, want string
	}{
		{"misspelt key", base + "populaton: 3\n", `c.yaml:4:1: unknown key "populaton"; did you mean "population"?`},
		{"unknown key without suggestion", base + "zzzzzzzzzz: 3\n", `c.yaml:4:1: unknown key "zzzzzzzzzz"; expected one of: name, type, population, phone, email, site, since, demo, kinds, office`},
		{"wrong type", "name: {ar: س, fr: S}\ntype: rural\npopulation: many\n", `c.yaml:3:13: expected a whole number written with digits only, such as 12345, found "many"`},
		{"not positive", "name: {ar: س, fr: S}\ntype: rural\npopulation: -4\n", `c.yaml:3:13: expected a number greater than zero, found -4`},
		{"oneof", "name: {ar: س, fr: S}\ntype: rurale\npopulation: 1\n", `c.yaml:2:7: expected one of "urban", "rural", found "rurale"; did you mean "rural"?`},
		{"missing required", "name: {ar: س, fr: S}\ntype: rural\n", `c.yaml:1:1: missing required key "population"; add a line "population: …"`},
		{"missing language", "name: {ar: س}\ntype: rural\npopulation: 1\n", `c.yaml:1:7: missing the "fr" text of "name"; add a line "fr: …" under "name"`},
		{"unknown language", "name: {ar: س, fr: S, fx: S}\ntype: rural\npopulation: 1\n", `c.yaml:1:22: unknown language "fx"; the site's languages are ar, fr`},
		{"bad phone", base + "phone: [0536612345, 12345]\n", `c.yaml:4:21: expected a Moroccan phone number, found "12345"; write it as +212 5 22 12 34 56 or 05 22 12 34 56 (ten digits starting with 05, 06, 07 or 08)`},
		{"bad email", base + "email: contact@berkane\n", `c.yaml:4:8: expected an e-mail address such as contact@commune.ma, found "contact@berkane"; the domain after the @ needs a dot, such as commune.ma`},
		{"http not https", base + "site: http://berkane.ma\n", `c.yaml:4:7: expected a secure web address (https://), found "http://berkane.ma"; replace http:// by https://`},
		{"bad date", base + "since: 07/07/2015\n", `c.yaml:4:8: expected a date such as 2026-03-01, or a date and time such as 2026-03-01T18:30, found "07/07/2015"`},
		{"bool", base + "demo: yes\n", `c.yaml:4:7: expected true or false, found "yes"`},
		{"nested required", base + "office: {}\n", `c.yaml:4:9: missing required key "hours" in "office"; add a line "hours: …"`},
		{"list for text", base + "email: [a@b.ma]\n", `c.yaml:4:8: expected text, found a list`},
		{"tab indentation", base + "office:\n\thours: x\n", `c.yaml:5:1: invalid YAML: found character that cannot start any token; YAML does not allow tabs for indentation: indent with spaces`},
		{"unterminated quote", base + "email: \"x\n", `c.yaml:4:1: invalid YAML: found unexpected end of stream; check the indentation and quote values that contain ": " or start with a special character`},
		{"control character", base + "email: a\x01b\n", `c.yaml:4:9: invalid YAML: control characters are not allowed; check the indentation and quote values that contain ": " or start with a special character`},
		{"duplicate key", base + "email: a@b.ma\nphone: 0536612345\nemail: c@d.ma\n", `c.yaml:6:1: duplicate key "email"; it is already defined at c.yaml:4:1; remove one of them (only the last one would count)`},
		{"duplicate nested key", "name: {ar: س, fr: S, ar: ص}\ntype: rural\npopulation: 1\n", `c.yaml:1:22: duplicate key "ar"; it is already defined at c.yaml:1:8; remove one of them (only the last one would count)`},
		{"duplicate key in a list item", base + "office:\n  hours: a\n  hours: b\n", `c.yaml:6:3: duplicate key "hours"; it is already defined at c.yaml:5:3; remove one of them (only the last one would count)`},
		{"year before 1900", base + "since: 0205-07-07\n", `c.yaml:4:8: expected a date in 1900 or later, found "0205-07-07"; check the year, written with four digits: 2026-03-01`},
		{"date and time before 1900", base + "since: 1899-12-31T23:59\n", `c.yaml:4:8: expected a date in 1900 or later, found "1899-12-31T23:59"; check the year, written with four digits: 2026-03-01`},
		{"address with a query", base + "email: a@b.ma?bcc=x@y.ma\n", `c.yaml:4:8: expected an e-mail address such as contact@commune.ma, found "a@b.ma?bcc=x@y.ma"; write the address alone, such as contact@commune.ma: no ?, #, &, =, /, %, :, ; or , (a mail link would read them as more than an address)`},
		{"address with a name", base + "email: Commune <a@b.ma>\n", `c.yaml:4:8: expected an e-mail address such as contact@commune.ma, found "Commune <a@b.ma>"; write the address alone, such as contact@commune.ma, without a name, quotes or < >`},
		{"invalid UTF-8", base + "office:\n  hours: 8h\xe0 16h\n", `c.yaml:5:12: the text is not UTF-8: byte 0xE0 is not part of a character; save the file with the encoding UTF-8 (in most editors: Save as, then Encoding: UTF-8)`},
		{"enum", base + "kinds: [guide, procedur]\n", `c.yaml:4:16: expected one of "guide", "procedure", found "procedur"; did you mean "procedure"?`},
		{"enum far from every value", base + "kinds: zzzzzzzz\n", `c.yaml:4:8: expected one of "guide", "procedure", found "zzzzzzzz"`},
		{"empty required", "name: {ar: س, fr: S}\ntype: \"\"\npopulation: 1\n", `c.yaml:2:7: "type" must not be empty`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, _, got := decode(t, tt.src)
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestDecodeReportsAllErrorsSorted(t *testing.T) {
	t.Parallel()
	_, _, got := decode(t, "type: x\npopulaton: 1\nname: {ar: س, fr: S}\nemail: nope\n")
	lines := strings.Split(got, "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 errors, got:\n%s", got)
	}
	for i, prefix := range []string{"c.yaml:1:1: missing", "c.yaml:1:7: expected one of", "c.yaml:2:1: unknown key", "c.yaml:4:8: expected an e-mail"} {
		if !strings.HasPrefix(lines[i], prefix) {
			t.Errorf("line %d = %q, want prefix %q", i, lines[i], prefix)
		}
	}
}

func TestFirstLineOffset(t *testing.T) {
	t.Parallel()
	var p profile
	_, errs := yamldecode.Decode([]byte("populaton: 1\n"), &p, yamldecode.Options{File: "p.md", FirstLine: 2})
	if !strings.Contains(errs.Error(), "p.md:2:1: unknown key \"populaton\"") {
		t.Errorf("got %v", errs)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add("name: {ar: س, fr: S}\ntype: urban\npopulation: 99069\nphone: [05 36 61 23 45]\noffice: {hours: x}\n")
	f.Add("a: &x 1\nb: *x\n<<: {}\n")
	f.Add("- [\n")
	f.Add("a: b\nb: \"x\"%")
	f.Add("\r@")
	f.Add("name: \"x")
	f.Fuzz(func(t *testing.T, src string) {
		var p profile
		_, errs := yamldecode.Decode([]byte(src), &p, yamldecode.Options{File: "f.yaml", Langs: []string{"ar", "fr"}})
		for _, e := range errs {
			if e.Pos.File != "f.yaml" || e.Pos.Line < 1 {
				t.Fatalf("error without file: %v", e)
			}
		}
	})
}
