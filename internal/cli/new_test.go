package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/scaffold"
)

func TestNewCommune(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		file   string // written
		code   int
		output string // contained in stdout+stderr
	}{
		{"by code", []string{"--code", "01.511.01.01"}, "communes/assilah/commune.yaml", exitOK,
			"wrote communes/assilah/commune.yaml: Assilah (أصيلة), urban, prefecture of Tanger-Assilah, code 01.511.01.01, 36039 inhabitants in 2024\n"},
		{"by Arabic name, spelt without hamza nor ta marbuta", []string{"--name", "اصيله"}, "communes/assilah/commune.yaml", exitOK, "code 01.511.01.01"},
		{"by Arabic name with harakat and tatweel", []string{"--name", "أَصِيـــلَة"}, "communes/assilah/commune.yaml", exitOK, "code 01.511.01.01"},
		{"by French name without accents", []string{"--name", "ksar el kebir"}, "communes/ksar-el-kebir/commune.yaml", exitOK, "code 01.331.01.01"},
		{"by folder name", []string{"tetouan"}, "communes/tetouan/commune.yaml", exitOK, "code 01.571.01.11"},
		{"own folder name, flags after it", []string{"asilah", "--code", "01.511.01.01"}, "communes/asilah/commune.yaml", exitOK,
			"next: write the town hall's address where it says TODO, then run: tadafor check --commune asilah"},
		{"ambiguous name", []string{"--name", "sidi boubker"}, "", exitError,
			"tadafor new commune: 2 communes match \"sidi boubker\":\n" +
				"   1. Sidi Boubker (سيدي بوبكر), rural, province of Jerada, code 02.275.09.15, 2354 inhabitants in 2024\n" +
				"   2. Sidi Boubker (سيدي بوبكر), rural, province of Rehamna, code 07.427.09.15, 5728 inhabitants in 2024\n" +
				"run the command again with --code and the code of the commune you mean\n"},
		{"unknown name", []string{"--name", "Asilah"}, "", exitError,
			`tadafor new commune: no commune of the census has the name "Asilah"; did you mean Assilah (أصيلة, code 01.511.01.01)?`},
		{"unknown code", []string{"--code", "1.511.01.01"}, "", exitError, `no commune of the census has the code "1.511.01.01"`},
		{"folder name that is no commune's name", []string{"qqqq-zzzz-xxxx"}, "", exitError,
			"tadafor new commune: no commune of the census has the name \"qqqq-zzzz-xxxx\"\n" +
				"a folder name that is not the commune's name needs --code CODE or --name NAME: tadafor new commune qqqq-zzzz-xxxx --code …\n"},
		{"invalid folder name", []string{"Assilah"}, "", exitUsage,
			"tadafor new commune: \"Assilah\" cannot be a commune's folder name: use lower-case ASCII letters, digits and hyphens, such as \"assilah\"\n" +
				"to start Assilah (أصيلة), urban, prefecture of Tanger-Assilah, code 01.511.01.01, 36039 inhabitants in 2024, write: tadafor new commune --code 01.511.01.01 (folder communes/assilah)\n"},
		{"a code as folder name", []string{"01.511.01.01"}, "", exitUsage, "write: tadafor new commune --code 01.511.01.01 (folder communes/assilah)"},
		{"missing argument", nil, "", exitUsage, "missing the commune: expected its folder name (SLUG), --code CODE or --name NAME"},
		{"both code and name", []string{"--code", "01.511.01.01", "--name", "x"}, "", exitUsage, "give --code or --name, not both"},
		{"two folder names", []string{"a", "b"}, "", exitUsage, `unexpected argument "b": expected one folder name (SLUG)`},
		{"unknown flag", []string{"--nmae", "x"}, "", exitUsage, "flag provided but not defined: -nmae"},
		{"help", []string{"-h"}, "", exitOK, `tadafor new commune --name "أصيلة"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			code, stdout, stderr := run(append([]string{"new", "commune", "--root", root}, tt.args...)...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.output) {
				t.Errorf("code %d, output:\n%s%s\nwant code %d, output containing:\n%s", code, stdout, stderr, tt.code, tt.output)
			}
			entries, _ := os.ReadDir(filepath.Join(root, "communes"))
			switch {
			case tt.file == "" && len(entries) > 0:
				t.Errorf("a folder was written: %v", entries)
			case tt.file != "":
				if _, err := os.Stat(filepath.Join(root, tt.file)); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

func TestNewCommuneNeverOverwrites(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	file := filepath.Join(root, "communes", "assilah", "commune.yaml")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run("new", "commune", "--root", root, "--name", "أصيلة")
	if code != exitError || stderr != "tadafor new commune: communes/assilah/commune.yaml already exists; tadafor new never overwrites a file\n" {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(file); string(b) != "mine\n" {
		t.Errorf("the file was changed: %q", b)
	}
}

// TestNewCommuneThenCheck starts a commune in a project, checks it (only
// the address is left to write), writes the address and checks again.
func TestNewCommuneThenCheck(t *testing.T) {
	t.Parallel()
	root := newProject(t, map[string]string{})
	if err := os.RemoveAll(filepath.Join(root, "communes", "assilah")); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("new", "commune", "--root", root, "--code", "09.581.09.05"); code != exitOK {
		t.Fatalf("new: %d %s", code, stderr)
	}
	file := filepath.Join(root, "communes", "ammelne", "commune.yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	line := 1 + strings.Count(string(src[:bytes.Index(src, []byte("  address:\n    ar: TODO"))]), "\n") + 1
	code, stdout, _ := run("check", "--root", root)
	want := fmt.Sprintf(`communes/ammelne/commune.yaml:%d:9: warning: "contact.address.ar" is still "TODO"; replace it with the real text before publishing
communes/ammelne/commune.yaml:%d:9: warning: "contact.address.fr" is still "TODO"; replace it with the real text before publishing
`, line, line+1)
	if code != exitOK || !strings.HasPrefix(stdout, want) || !strings.HasSuffix(stdout, "0 errors, 2 warnings in 7 files\n") {
		t.Errorf("check of the new profile: %d\n%s\nwant:\n%s", code, stdout, want)
	}
	src = bytes.Replace(src, []byte("  address:\n    ar: TODO\n    fr: TODO\n"), []byte("  address:\n    ar: مقر الجماعة\n    fr: siège de la commune\n"), 1)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, stdout, _ := run("check", "--root", root); code != exitOK || !strings.HasSuffix(stdout, "0 errors, 0 warnings in 7 files\n") {
		t.Errorf("check once the address is written: %d\n%s", code, stdout)
	}
}

func TestPickInteractively(t *testing.T) {
	t.Parallel()
	ref, err := refdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	m := scaffold.NewMatcher(ref)
	_, lerr := scaffold.Lookup(ref, m, "", "sidi boubker")
	var amb *scaffold.AmbiguousError
	if !errors.As(lerr, &amb) {
		t.Fatal(lerr)
	}
	var w bytes.Buffer
	c, err := pick(strings.NewReader("x\n3\n 2 \n"), &w, amb, ref)
	if err != nil || c.Code != "07.427.09.15" {
		t.Errorf("picked %v, %v", c.Code, err)
	}
	if !strings.Contains(w.String(), "which one? (1–2, or Enter to stop): \"x\" is not a number from 1 to 2\n") {
		t.Errorf("dialogue:\n%s", w.String())
	}
	if _, err := pick(strings.NewReader("\n"), &w, amb, ref); err != amb {
		t.Errorf("no answer: %v", err)
	}
}

func TestNewPage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		args   []string
		code   int
		output string
	}{
		{"guide", []string{"participation/youth-council", "--kind", "guide"}, exitOK,
			"wrote content/participation/youth-council.ar.md\nwrote content/participation/youth-council.fr.md\nnext: replace every TODO, then run: tadafor check\n"},
		{"default kind", []string{"about"}, exitOK, "wrote content/about.ar.md\n"},
		{"flags first", []string{"--kind", "procedure", "procedures/x"}, exitOK, "wrote content/procedures/x.fr.md\n"},
		{"unknown kind", []string{"x", "--kind", "guid"}, exitUsage, `unknown kind "guid": expected one of page, guide, procedure, news, event; did you mean "guide"?`},
		{"missing path", nil, exitUsage, "missing the page's PATH, such as participation/youth-council"},
		{"two paths", []string{"a", "b"}, exitUsage, `unexpected argument "b": expected one PATH`},
		{"bad path", []string{"Participation/Youth Council"}, exitUsage, `did you mean "participation/youth-council"?`},
		{"unknown commune", []string{"communes/nowhere/content/news/x"}, exitUsage, "there is no commune nowhere"},
		{"help", []string{"--help"}, exitOK, "tadafor new page procedures/building-permit --kind procedure"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(append([]string{"new", "page", "--root", t.TempDir()}, tt.args...)...)
			if code != tt.code || !strings.Contains(stdout+stderr, tt.output) {
				t.Errorf("code %d, output:\n%s%s\nwant code %d, output containing:\n%s", code, stdout, stderr, tt.code, tt.output)
			}
		})
	}
}

func TestNewPageNeverOverwrites(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if code, _, stderr := run("new", "page", "--root", root, "x"); code != exitOK {
		t.Fatal(stderr)
	}
	code, _, stderr := run("new", "page", "--root", root, "x", "--kind", "news")
	if code != exitError || stderr != "tadafor new page: content/x.ar.md already exists; tadafor new never overwrites a file\n" {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
}

func TestNewUsage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args   []string
		code   int
		output string
	}{
		{[]string{"new"}, exitUsage, `tadafor new: missing what to create: expected "commune" or "page"`},
		{[]string{"new", "comune"}, exitUsage, `tadafor new: unknown "comune": expected "commune" or "page"; did you mean "commune"?`},
		{[]string{"new", "-h"}, exitOK, "tadafor new page PATH [--kind page|guide|procedure|news|event]"},
		{[]string{"help"}, exitOK, "new       start a commune's profile or a page"},
	}
	for _, tt := range tests {
		code, stdout, stderr := run(tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.output) {
			t.Errorf("%v: code %d, output %q%q; want code %d containing %q", tt.args, code, stdout, stderr, tt.code, tt.output)
		}
	}
}
