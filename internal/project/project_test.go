package project_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
)

// tree writes files (slash paths → contents) under a new folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// link makes the link at name (slash path under root) point to target.
func link(t *testing.T, root, target, name string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// outside is a file outside every project, standing for /etc/passwd.
func outside(t *testing.T) (dir, file string) {
	t.Helper()
	dir = tree(t, map[string]string{"passwd": "root:x:0:0:root:/root:/bin/bash\n", "sub/a.fr.md": "---\ntitle: x\n---\n"})
	return dir, filepath.Join(dir, "passwd")
}

func TestReadFileFollowsLinksInsideTheProjectOnly(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{
		"content/a.fr.md":   "page a",
		"shared/b.fr.md":    "page b",
		".git/config":       "[credential] token=secret",
		"communes/x/c.yaml": "c",
	})
	elsewhere, passwd := outside(t)
	link(t, root, "../shared/b.fr.md", "content/b.fr.md")
	link(t, root, filepath.Join(root, "content", "a.fr.md"), "content/abs.fr.md")
	link(t, root, passwd, "content/passwd.fr.md")
	link(t, root, "../.git/config", "content/git.fr.md")
	link(t, root, "missing.md", "content/broken.fr.md")
	link(t, root, elsewhere, "communes/y")
	link(t, root, "x", "communes/z")

	for rel, want := range map[string]string{
		"content/a.fr.md":   "page a",
		"content/b.fr.md":   "page b",
		"content/abs.fr.md": "page a",
		"communes/z/c.yaml": "c",
	} {
		if b, err := project.ReadFile(root, rel); err != nil || string(b) != want {
			t.Errorf("ReadFile(%s) = %q, %v", rel, b, err)
		}
	}
	for rel, want := range map[string]string{
		"content/passwd.fr.md": "content/passwd.fr.md: a symbolic link to " + passwd + ", outside the project; the project reads only files inside its folder: copy the file into the project, or remove the link",
		"content/git.fr.md":    "content/git.fr.md: a symbolic link to .git/config, a hidden place the project does not read",
		"content/broken.fr.md": "content/broken.fr.md: a symbolic link to missing.md, which does not exist; correct or remove the link",
		"communes/y/passwd":    "communes/y: a symbolic link to " + elsewhere + ", outside the project",
	} {
		b, err := project.ReadFile(root, rel)
		var de *diag.Error
		if !errors.As(err, &de) || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("ReadFile(%s) = %q, %v; want an error starting with %q", rel, b, err, want)
		}
	}
}

func TestReadFileRefusesWhatIsNotAText(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{"content/a.fr.md": "a"})
	big := filepath.Join(root, "content", "big.fr.md")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, project.MaxTextSize+1); err != nil { // sparse: nothing written
		t.Fatal(err)
	}
	_, err := project.ReadFile(root, "content/big.fr.md")
	if want := "content/big.fr.md: the file is 4.0 MB, more than the 4.0 MB a page, profile, data or layout file may have"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("a file too large: %v", err)
	}
	if _, err := project.ReadFile(root, "content"); !errors.Is(err, project.ErrFolder) {
		t.Errorf("a folder: %v", err)
	}
	if _, err := project.ReadFile(root, "content/none.fr.md"); !errors.Is(err, fs.ErrNotExist) || err.Error() != "open content/none.fr.md: no such file or directory" {
		t.Errorf("a missing file: %v", err)
	}
	if _, err := project.ReadFile(root, "../a"); err == nil {
		t.Error("a path out of the project was read")
	}
}

func TestWalk(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{
		"static/logo.svg":         "<svg/>",
		"static/docs/pv.pdf":      "%PDF",
		"static/.hidden":          "x",
		"static/notes.txt~":       "x",
		"static/old.css.bak":      "x",
		"static/2025/4913":        "probe",
		"static/2025/report.pdf":  "%PDF",
		"static/_redirects":       "/ /ar/ 302",
		"assets/shared/photo.jpg": "jpg",
		"assets/one.png":          "png",
	})
	elsewhere, passwd := outside(t)
	link(t, root, "../../assets/one.png", "static/img/one.png")
	link(t, root, "../assets/shared", "static/shared")
	link(t, root, passwd, "static/passwd.txt")
	link(t, root, elsewhere, "static/sub")
	link(t, root, "..", "static/docs/loop")

	files, errs := project.Walk(root, "static")
	var got []string
	for _, f := range files {
		got = append(got, f.Rel)
		if b, err := os.ReadFile(f.Path); err != nil || len(b) == 0 {
			t.Errorf("%s: %s cannot be read: %v", f.Rel, f.Path, err)
		}
	}
	want := "2025/report.pdf _redirects docs/pv.pdf img/one.png logo.svg shared/photo.jpg"
	if strings.Join(got, " ") != want {
		t.Errorf("files:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	wantErrs := strings.Join([]string{
		"static/docs/loop: a symbolic link to a folder that holds it, which would never end; remove the link",
		"static/passwd.txt: a symbolic link to " + passwd + ", outside the project; the project reads only files inside its folder: copy the file into the project, or remove the link",
		"static/sub: a symbolic link to " + elsewhere + ", outside the project; the project reads only files inside its folder: copy the file into the project, or remove the link",
	}, "\n")
	if errs.Error() != wantErrs {
		t.Errorf("errors:\n%s\nwant\n%s", errs.Error(), wantErrs)
	}
	if files, errs := project.Walk(root, "none"); files != nil || errs != nil {
		t.Errorf("a missing folder: %v %v", files, errs)
	}
}

// TestRootThroughALink reads a project whose folder is reached through a
// link, and whose links are relative.
func TestRootThroughALink(t *testing.T) {
	t.Parallel()
	real := tree(t, map[string]string{"content/a.fr.md": "a"})
	link(t, real, "a.fr.md", "content/b.fr.md")
	root := filepath.Join(t.TempDir(), "project")
	link(t, filepath.Dir(root), real, "project")
	if b, err := project.ReadFile(root, "content/b.fr.md"); err != nil || string(b) != "a" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
}

func TestIgnored(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		want bool
	}{
		{"index.ar.md", false},
		{"commune.yaml", false},
		{"style.css", false},
		{"2024-budget.pdf", false},
		{".index.ar.md.swp", true},
		{"index.ar.md.swo", true},
		{"index.ar.md~", true},
		{".#index.ar.md", true},
		{"#index.ar.md#", true},
		{"4913", true},
		{"index.ar.md.TMP", true},
		{".DS_Store", true},
		{"index.ar.md___jb_old___", true},
		{"sedX1y2Z3", true},
		{"sediment", false},
		{"style.css.bak", true},
		{"_redirects", false},
		{"", true},
	}
	for _, tt := range tests {
		if got := project.Ignored(tt.name, false); got != tt.want {
			t.Errorf("Ignored(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	// Folders: a year or a sed-like name is content; hidden ones are not.
	for name, want := range map[string]bool{"2025": false, "sedAb12Cd": false, ".git": true, "drafts~": true} {
		if got := project.Ignored(name, true); got != want {
			t.Errorf("Ignored(%q, folder) = %v, want %v", name, got, want)
		}
	}
}
