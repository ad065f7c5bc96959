package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{nil, exitUsage, "Usage: tadafor <command>"},
		{[]string{"biuld"}, exitUsage, `unknown command "biuld"; did you mean "build"?`},
		{[]string{"build", "--comune", "x"}, exitUsage, "flag provided but not defined: -comune"},
		{[]string{"build", "extra"}, exitUsage, `unexpected argument "extra"`},
		{[]string{"build", "-h"}, exitOK, "Examples:"},
		{[]string{"help"}, exitOK, ""},
	}
	for _, tt := range tests {
		code, stdout, stderr := run(tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.contains) {
			t.Errorf("%v: code %d, output %q%q; want code %d containing %q", tt.args, code, stdout, stderr, tt.code, tt.contains)
		}
	}
}

func TestVersion(t *testing.T) {
	t.Parallel()
	code, stdout, _ := run("version")
	if code != exitOK || !strings.HasPrefix(stdout, "tadafor ") {
		t.Errorf("version: %d %q", code, stdout)
	}
}

// TestBuildExample builds the project's own example communes, as the
// README's first command does, and checks the summary line.
func TestBuildExample(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := run("build", "--root", "../..", "--out", out)
	if code != exitOK {
		t.Fatalf("build failed (%d):\n%s", code, stderr)
	}
	if !regexp.MustCompile(`^built \d+ communes: \d+ pages, \d+ files, [\d.]+ (kB|MB) in \S+\n$`).MatchString(stdout) {
		t.Errorf("summary line = %q", stdout)
	}
	for _, f := range []string{"index.html", "berkane/ar/index.html", "ammelne/fr/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	code, stdout, _ = run("build", "--root", "../..", "--out", out, "-q", "--commune", "ammelne")
	if code != exitOK || stdout != "" {
		t.Errorf("quiet build: %d %q", code, stdout)
	}
}

func TestBuildFailureExitCode(t *testing.T) {
	t.Parallel()
	code, _, stderr := run("build", "--root", t.TempDir(), "--out", filepath.Join(t.TempDir(), "p"))
	if code != exitError || !strings.Contains(stderr, "build failed with") || !strings.Contains(stderr, "was left as it was") {
		t.Errorf("code %d, stderr %q", code, stderr)
	}
	// Without --out, the folder named is the project's public/.
	root := t.TempDir()
	_, _, stderr = run("build", "--root", root, "--commune", "x")
	if want := filepath.Join(root, "public", "x") + " was left as it was"; !strings.Contains(stderr, want) {
		t.Errorf("stderr %q lacks %q", stderr, want)
	}
}

func TestBuildInterrupted(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // as Ctrl-C does
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	code := Run(ctx, []string{"build", "--root", "../..", "--out", out}, &stdout, &stderr)
	if want := "build stopped; " + out + " was left as it was\n"; code != exitError || stderr.String() != want {
		t.Errorf("code %d, stderr %q; want %d, %q", code, stderr.String(), exitError, want)
	}
}

// The line that ends a failed build counts the errors and the warnings
// it printed, every one of them.
func TestBuildFailureCountsWhatItPrints(t *testing.T) {
	t.Parallel()
	profile, err := os.ReadFile("../check/testdata/base/communes/assilah/commune.yaml")
	if err != nil {
		t.Fatal(err)
	}
	root := newProject(t, map[string]string{
		// A population the census does not give is a warning.
		"communes/assilah/commune.yaml": strings.Replace(string(profile), "population: 36039", "population: 36040", 1),
		"content/guide.fr.md":           "---\ntitle: Guide\n---\n\n{{ commune.nom }} {{ contact.hours }}\n",
	})
	code, _, stderr := run("build", "--root", root, "--out", filepath.Join(t.TempDir(), "public"))
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	last := lines[len(lines)-1]
	if code != exitError || len(lines) != 4 || !strings.HasPrefix(last, "build failed with 2 errors and 1 warning; ") {
		t.Errorf("code %d, stderr:\n%s", code, stderr)
	}
}
