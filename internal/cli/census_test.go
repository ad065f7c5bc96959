package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
)

// censusSample are communes of the census chosen for their edges: every
// type, the communes divided into arrondissements, the smallest and the
// largest population, names with hamza, apostrophes, hyphens, accents and
// a vowel first, and names several communes share.
var censusSample = []struct{ code, why string }{
	{"06.141.01.0", "Casablanca: arrondissements, the largest population"},
	{"04.421.01.0", "Rabat: arrondissements"},
	{"03.231.01.0", "Fès: arrondissements, an accent"},
	{"10.521.05.05", "Chbika: the smallest population"},
	{"01.573.01.05", "M'diq: an apostrophe, urban"},
	{"01.331.07.11", "Souk L'qolla: an apostrophe, rural"},
	{"02.533.03.15", "Ouled M'hamed: an apostrophe, a name two communes share, a vowel first"},
	{"02.381.01.15", "Ras-El-Ma: hyphens, hamza (رأس الماء)"},
	{"03.231.01.03", "Méchouar-Fès-El Jadid: hyphens and accents"},
	{"01.051.01.09", "Ajdir (أجدير): hamza, a name two communes share"},
	{"03.061.03.07", "Ait Ouallal (آيت ولال): madda, a vowel first"},
	{"01.331.01.03", "Larache (العرائش): hamza on ya"},
	{"02.533.03.05", "El Atef: rural, a vowel first"},
	{"02.381.07.09", "Hassi-Berkane: an h first, a hyphen"},
}

// TestEveryKindOfCensusCommuneBuilds starts communes of every kind with
// "tadafor new commune --code", as a new user would, and builds and
// checks them with the project's own shared pages and theme: the build
// succeeds and check finds no error (the address left TODO is a warning).
func TestEveryKindOfCensusCommuneBuilds(t *testing.T) {
	t.Parallel()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, dir := range []string{"content", "themes"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	types := map[site.CommuneType]bool{}
	for _, c := range censusSample {
		code, stdout, stderr := run("new", "commune", "--root", root, "--code", c.code)
		if code != exitOK {
			t.Fatalf("new commune --code %s (%s): %d\n%s%s", c.code, c.why, code, stdout, stderr)
		}
		rc, _ := ref.Commune(c.code)
		types[rc.Type] = true
		if rc.HasArrondissements() {
			src, err := os.ReadFile(filepath.Join(root, "communes", rc.Slug, "commune.yaml"))
			if err != nil || !strings.Contains(string(src), "\narrondissements: true\n") {
				t.Errorf("%s: the profile does not say arrondissements: true (%v)", c.why, err)
			}
		}
	}
	if !types["urban"] || !types["rural"] {
		t.Fatalf("the sample lacks a type: %v", types)
	}

	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := run("build", "--root", root, "--out", out)
	if code != exitOK {
		t.Fatalf("build: %d\n%s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "built 14 communes: ") {
		t.Errorf("build: %q", stdout)
	}
	code, stdout, _ = run("check", "--root", root)
	if code != exitOK || !regexp.MustCompile(`\n0 errors, 28 warnings in \d+ files\n$`).MatchString(stdout) {
		t.Errorf("check: %d\n%s", code, stdout)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if strings.Contains(line, "warning:") && !strings.Contains(line, `.address.ar" is still "TODO"`) && !strings.Contains(line, `.address.fr" is still "TODO"`) {
			t.Errorf("check warns about more than the address: %s", line)
		}
	}

	// What a citizen reads: the name with its preposition, the commune's
	// facts, no TODO, and a sentence where a fact is missing.
	for _, tt := range []struct{ file, want string }{
		{"m-diq/fr/index.html", "la commune <bdi>de M’diq</bdi>"},
		{"el-atef/fr/index.html", "la commune <bdi>d’El Atef</bdi>"},
		// A commune divided into arrondissements needs 400 signatures.
		{"casablanca/fr/participation/petitions/index.html", "<strong><bdi>400</bdi> signatures</strong>"},
		{"chbika/fr/contact/index.html", "Téléphone</strong>\u00a0: pas encore publié sur ce site"},
		{"chbika/ar/contact/index.html", "لم ينشر بعد على هذا الموقع"},
		{"chbika/fr/participation/access-to-information/index.html", "pas encore indiqué sur ce site"},
	} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(tt.file)))
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.Contains(string(b), tt.want) {
			t.Errorf("%s lacks %q", tt.file, tt.want)
		}
	}
	_ = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "TODO") {
				t.Errorf("%s shows TODO", p)
			}
		}
		return nil
	})
}
