package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newProject copies the check's test project (internal/check/testdata/base)
// into a temporary folder, with layouts that render nothing under the
// names of the project's own theme, then writes files (path → content).
func newProject(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.CopyFS(root, os.DirFS("../check/testdata/base")); err != nil {
		t.Fatal(err)
	}
	layouts := map[string]string{"base.html": "", "pages/page.html": "", "pages/home.html": "", "pages/guide.html": ""}
	real := filepath.Join("..", "..", "themes", "default", "layouts")
	_ = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(real, p)
			layouts[filepath.ToSlash(rel)] = ""
		}
		return nil
	})
	for name := range layouts {
		files["themes/default/layouts/"+name] = "<!doctype html>\n"
	}
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestCheckExitCodes(t *testing.T) {
	t.Parallel()
	clean := newProject(t, map[string]string{})
	warnings := newProject(t, map[string]string{"content/only.ar.md": "---\ntitle: صفحة\n---\n"})
	broken := newProject(t, map[string]string{"content/guide.fr.md": "---\ntitle: Guide\n---\n\n![](/photo.png) [x](absent.md)\n"})
	tests := []struct {
		name   string
		args   []string
		code   int
		stdout string // the whole output, or its last line when it starts with "…"
		stderr string // contained
	}{
		{"clean", []string{"check", "--root", clean}, exitOK,
			"ar (العربية): 2 of 2 pages, 5 of 5 interface strings\nfr (Français): 2 of 2 pages, 5 of 5 interface strings\n0 errors, 0 warnings in 7 files\n", ""},
		{"warnings only", []string{"check", "--root", warnings}, exitOK,
			"content/only.ar.md:1:1: warning: no French translation; write content/only.fr.md\n" +
				"ar (العربية): 3 of 3 pages, 5 of 5 interface strings\nfr (Français): 2 of 3 pages, 5 of 5 interface strings\n0 errors, 1 warning in 8 files\n", ""},
		{"errors", []string{"check", "--root", broken}, exitError,
			"content/guide.fr.md:5:1: error: image without alternative text; say what the image shows between the brackets: ![…](/photo.png)\n" +
				"content/guide.fr.md:5:17: error: broken link \"absent.md\": no such page\n" +
				"ar (العربية): 2 of 2 pages, 5 of 5 interface strings\nfr (Français): 2 of 2 pages, 5 of 5 interface strings\n2 errors, 0 warnings in 7 files\n", ""},
		{"flags after the command's name", []string{"check", "--commune", "assilah", "--format", "text", "--root", clean}, exitOK, "…0 errors, 0 warnings in 7 files", ""},
		{"unknown commune", []string{"check", "--root", clean, "--commune", "asilah"}, exitError, `…1 error, 0 warnings in 0 files`, ""},
		{"unknown format", []string{"check", "--root", clean, "--format", "xml"}, exitUsage, "", `unknown format "xml"; expected text or json`},
		{"unknown flag", []string{"check", "--extrenal"}, exitUsage, "", "flag provided but not defined: -extrenal"},
		{"stray argument", []string{"check", "content"}, exitUsage, "", `unexpected argument "content"`},
		{"no such folder", []string{"check", "--root", filepath.Join(clean, "absent")}, exitUsage, "", "tadafor check: stat "},
		{"help", []string{"check", "-h"}, exitOK, "", "tadafor check --format json > check.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := run(tt.args...)
			okOut := stdout == tt.stdout
			if last, ok := strings.CutPrefix(tt.stdout, "…"); ok {
				lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
				okOut = lines[len(lines)-1] == last
			}
			if code != tt.code || !okOut || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("code %d, stdout:\n%s\nstderr:\n%s\nwant code %d, stdout:\n%s\nstderr containing %q", code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

func TestCheckJSON(t *testing.T) {
	t.Parallel()
	root := newProject(t, map[string]string{"content/guide.fr.md": "---\ntitle: TODO\n---\n\n![](/photo.png)\n"})
	code, stdout, stderr := run("check", "--root", root, "--format", "json")
	if code != exitError || stderr != "" {
		t.Fatalf("code %d, stderr %q", code, stderr)
	}
	var rep struct {
		Findings []map[string]any `json:"findings"`
		Coverage struct {
			Languages []map[string]any `json:"languages"`
		} `json:"coverage"`
		Summary map[string]int `json:"summary"`
	}
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rep); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	want := []map[string]any{
		{"file": "content/guide.fr.md", "line": 2.0, "col": 8.0, "severity": "warning", "message": `"title" is still "TODO"`, "hint": "replace it with the real text before publishing"},
		{"file": "content/guide.fr.md", "line": 5.0, "col": 1.0, "severity": "error", "message": "image without alternative text", "hint": "say what the image shows between the brackets: ![…](/photo.png)"},
	}
	if len(rep.Findings) != len(want) {
		t.Fatalf("findings = %v", rep.Findings)
	}
	for i := range want {
		for k, v := range want[i] {
			if rep.Findings[i][k] != v || len(rep.Findings[i]) != 6 {
				t.Errorf("finding %d = %v, want %v", i, rep.Findings[i], want[i])
				break
			}
		}
	}
	if len(rep.Coverage.Languages) != 2 || rep.Coverage.Languages[1]["lang"] != "fr" || rep.Coverage.Languages[1]["pages_total"] != 2.0 {
		t.Errorf("coverage = %v", rep.Coverage)
	}
	if rep.Summary["errors"] != 1 || rep.Summary["warnings"] != 1 || rep.Summary["files"] != 7 {
		t.Errorf("summary = %v", rep.Summary)
	}
}
