package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
)

var langs = site.DefaultSettings().Languages

func TestLookup(t *testing.T) {
	t.Parallel()
	ref := loadRef(t)
	m := NewMatcher(ref)
	tests := []struct {
		code, name string
		want       string // code found, or the error
	}{
		{code: "01.511.01.01", want: "01.511.01.01"},
		{code: " 01.511.01.01 ", want: "01.511.01.01"},
		{name: "اصيلة", want: "01.511.01.01"},
		{name: "tetouan", want: "01.571.01.11"},
		{code: "01.511.01.99", want: `no commune of the census has the code "01.511.01.99"`},
		{name: "Asilah", want: `no commune of the census has the name "Asilah"; did you mean Assilah (أصيلة, code 01.511.01.01)?`},
		{name: "sidi boubker", want: `2 communes match "sidi boubker"`},
	}
	for _, tt := range tests {
		c, err := Lookup(ref, m, tt.code, tt.name)
		got := c.Code
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Lookup(%q, %q) = %q, want %q", tt.code, tt.name, got, tt.want)
		}
	}
	var amb *AmbiguousError
	if _, err := Lookup(ref, m, "", "sidi boubker"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("ambiguous name: %v", err)
	}
}

// TestGeneratedProfile writes the profile of communes of each kind and
// checks that it loads without any problem as it is, names the census
// facts, and still loads cleanly once every TODO is written.
func TestGeneratedProfile(t *testing.T) {
	t.Parallel()
	ref := loadRef(t)
	for _, code := range []string{
		"01.511.01.01", // Assilah, urban
		"09.581.09.05", // Ammelne, rural
		"06.141.01.0",  // Casablanca, divided into arrondissements
	} {
		c, _ := ref.Commune(code)
		t.Run(c.Slug, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			file, err := WriteCommune(root, c.Slug, c, ref, langs)
			if err != nil {
				t.Fatal(err)
			}
			if file != "communes/"+c.Slug+"/commune.yaml" {
				t.Errorf("file = %q", file)
			}
			src, err := os.ReadFile(filepath.Join(root, file))
			if err != nil {
				t.Fatal(err)
			}
			got, errs := commune.Parse(file, c.Slug, src, []string{"ar", "fr"}, ref)
			if len(errs) > 0 {
				t.Fatalf("the profile as written has problems:\n%s\n%s", errs.Error(), src)
			}
			if got.Code != c.Code || got.Name["ar"] != c.Name["ar"] || got.Name["fr"] != c.Name["fr"] || got.Type != c.Type ||
				got.Region != c.Region || got.Province != c.Province || got.Population != c.Population2024 ||
				got.CensusYear != 2024 || got.Arrondissements != c.HasArrondissements() || got.Demo {
				t.Errorf("profile = %+v, census = %+v", got, c)
			}
			if n := todoValues(string(src)); n != 2 {
				t.Errorf("%d values are TODO; want the address in each language", n)
			}
			if n := todoValues(uncomment(string(src))); n < 15 {
				t.Errorf("%d values are TODO once uncommented; want every optional field", n)
			}
			for _, want := range []string{"# EN: ", "# FR: ", "address:\n    ar: TODO\n    fr: TODO\n"} {
				if !strings.Contains(string(src), want) {
					t.Errorf("profile lacks %q", want)
				}
			}

			// Only the address to write.
			filled := strings.ReplaceAll(string(src), "    ar: TODO\n    fr: TODO\n", "    ar: شارع الحسن الثاني\n    fr: avenue Hassan II\n")
			if _, errs := commune.Parse(file, c.Slug, []byte(filled), []string{"ar", "fr"}, ref); len(errs) > 0 {
				t.Errorf("with the address written:\n%s", errs.Error())
			}

			// Every optional field uncommented and written.
			all := fillAll(uncomment(string(src)))
			p, errs := commune.Parse(file, c.Slug, []byte(all), []string{"ar", "fr"}, ref)
			if len(errs) > 0 {
				t.Errorf("with every field written:\n%s\n%s", errs.Error(), all)
			}
			if todoValues(all) > 0 || p.InformationOfficer == nil || len(p.Offices) != 1 || len(p.Contact.Phone) != 1 || p.Contact.Map == "" {
				t.Errorf("not every field was uncommented and written:\n%s", all)
			}
		})
	}
}

// todoValues counts the lines that are not comments and contain TODO.
func todoValues(s string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if t := strings.TrimSpace(l); !strings.HasPrefix(t, "#") && strings.Contains(t, "TODO") {
			n++
		}
	}
	return n
}

// commentedYAML matches a commented-out line of YAML in a generated
// profile (and not an explanation).
var commentedYAML = regexp.MustCompile(`(?m)^(\s*)# ((?:  )*(?:- )?[a-z_-]+:(?: .*)?|(?:  )+- .*)$`)

func uncomment(s string) string { return commentedYAML.ReplaceAllString(s, "$1$2") }

// fillAll writes a plausible value for every TODO, after its key.
func fillAll(s string) string {
	s = strings.ReplaceAll(s, "https://TODO", "https://www.commune.ma")
	s = strings.ReplaceAll(s, "sftp://TODO@TODO/", "sftp://web@host.commune.ma/")
	lines := strings.Split(s, "\n")
	key := ""
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if k, _, ok := strings.Cut(t, ":"); ok && !strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "- ") {
			key = k
		}
		if !strings.Contains(l, "TODO") || strings.HasPrefix(t, "#") {
			continue
		}
		v := "نص"
		switch key {
		case "phone", "fax":
			v = "05 39 00 00 01"
		case "email":
			v = "contact@commune.ma"
		}
		lines[i] = strings.Replace(l, "TODO", v, 1)
	}
	return strings.Join(lines, "\n")
}

func TestWriteCommuneNeverOverwrites(t *testing.T) {
	t.Parallel()
	ref := loadRef(t)
	c, _ := ref.Commune("01.511.01.01")
	root := t.TempDir()
	p := filepath.Join(root, "communes", "assilah", "commune.yaml")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := WriteCommune(root, "assilah", c, ref, langs)
	var ee *ExistsError
	if !errors.As(err, &ee) || !errors.Is(err, fs.ErrExist) || err.Error() != "communes/assilah/commune.yaml already exists; tadafor new never overwrites a file" {
		t.Errorf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "mine" {
		t.Errorf("the file was changed: %q", b)
	}
}

func TestWriteCommuneInvalidSlug(t *testing.T) {
	t.Parallel()
	ref := loadRef(t)
	c, _ := ref.Commune("01.331.01.01")
	for _, slug := range []string{"Ksar-El-Kebir", "ksar el kebir", "-ksar", "ksar--kebir", "القصر", ""} {
		_, err := WriteCommune(t.TempDir(), slug, c, ref, langs)
		want := `cannot be a commune's folder name: use lower-case ASCII letters, digits and hyphens, such as "ksar-el-kebir"`
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("slug %q: err = %v", slug, err)
		}
	}
}

func TestProfileInAThirdLanguage(t *testing.T) {
	t.Parallel()
	ref := loadRef(t)
	c, _ := ref.Commune("01.511.01.01")
	three := append(append([]site.Lang(nil), langs...), site.Lang{Code: "zgh", Name: "ⵜⴰⵎⴰⵣⵉⵖⵜ", Dir: "ltr", Locale: "zgh-MA"})
	src, err := CommuneProfile("assilah", c, ref, three)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "name:\n  ar: \"أصيلة\"\n  fr: \"Assilah\"\n  zgh: TODO\n") {
		t.Errorf("names:\n%s", src)
	}
	if _, errs := commune.Parse("communes/assilah/commune.yaml", "assilah", src, []string{"ar", "fr", "zgh"}, ref); len(errs) > 0 {
		t.Errorf("problems: %s", errs.Error())
	}
}

// TestTemplateHasEveryField checks that the profile template explains
// every key of a profile and of its contact, so that it follows
// site.Commune when a field is added.
func TestTemplateHasEveryField(t *testing.T) {
	t.Parallel()
	src, err := templates.ReadFile("templates/commune.yaml.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	check := func(typ reflect.Type, indent string) {
		for i := range typ.NumField() {
			key, _, _ := strings.Cut(typ.Field(i).Tag.Get("yaml"), ",")
			if key == "-" || key == "" {
				continue
			}
			if !strings.Contains(text, "\n"+indent+key+":") && !strings.Contains(text, "\n"+indent+"# "+key+":") {
				t.Errorf("the template has no line %q, not even commented out", indent+key+":")
			}
			if !strings.Contains(text, "\n"+indent+"# "+key+" — ") {
				t.Errorf("the template does not explain %q", key)
			}
		}
	}
	check(reflect.TypeFor[site.Commune](), "")
	check(reflect.TypeFor[site.Contact](), "  ")
}

// TestEveryCensusProfileLoads writes the profile of every commune of the
// census, as "tadafor new commune --code" does, and checks that each loads
// without any error or warning, under its census folder name, with the
// census names as they are (apostrophes, hyphens, hamza).
func TestEveryCensusProfileLoads(t *testing.T) {
	t.Parallel()
	ref := loadRef(t)
	all := ref.Communes()
	if len(all) != 1503 {
		t.Fatalf("%d communes in the census", len(all))
	}
	problems := make([]string, len(all))
	arrondissements := make([]bool, len(all))
	par.Each(len(all), func(i int) {
		c := all[i]
		if !segment.IsID(c.Slug) {
			problems[i] = fmt.Sprintf("%s: folder name %q", c.Code, c.Slug)
			return
		}
		src, err := CommuneProfile(c.Slug, c, ref, langs)
		if err != nil {
			problems[i] = err.Error()
			return
		}
		p, errs := commune.Parse(CommuneFile(c.Slug), c.Slug, src, []string{"ar", "fr"}, ref)
		switch {
		case len(errs) > 0:
			problems[i] = fmt.Sprintf("%s (%s):\n%s", c.Code, c.Name["fr"], errs.Error())
		case p.Name["ar"] != c.Name["ar"] || p.Name["fr"] != c.Name["fr"] || p.Code != c.Code || p.Arrondissements != c.HasArrondissements():
			problems[i] = fmt.Sprintf("%s: profile %v %v %q, census %v %v %q", c.Code, p.Name, p.Arrondissements, p.Code, c.Name, c.HasArrondissements(), c.Code)
		}
		arrondissements[i] = p != nil && p.Arrondissements
	})
	arr := 0
	for i, p := range problems {
		if p != "" {
			t.Error(p)
		}
		if arrondissements[i] {
			arr++
		}
	}
	if arr != 6 {
		t.Errorf("%d communes with arrondissements, want 6", arr)
	}
}
