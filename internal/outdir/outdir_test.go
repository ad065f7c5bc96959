package outdir

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func TestJoin(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "stage")
	for _, rel := range []string{"index.html", "alpha/ar/العرائض/index.html", "alpha/css/style.css", "a..b/c", "..a/b"} {
		p, err := Join(dir, rel)
		if err != nil || p != filepath.Join(dir, filepath.FromSlash(rel)) {
			t.Errorf("Join(%q) = %q, %v", rel, p, err)
		}
	}
	for _, rel := range []string{
		"", ".", "..", "../x", "a/../../x", "a/..", "/etc/passwd", "a//b", "a/./b", "a/",
		`..\..\x`, `a\b`, "a\x00b", "a\nb", "a/\x1b[31m",
	} {
		if p, err := Join(dir, rel); err == nil {
			t.Errorf("Join(%q) = %q, want an error", rel, p)
		}
	}
}

// FuzzJoin feeds hostile output paths to Join: whatever it accepts stays
// inside the folder, as a path of plain names.
func FuzzJoin(f *testing.F) {
	for _, s := range []string{
		"index.html", "..", "../../etc/passwd", "/abs", `..\..\x`, "a/\x00/b", "a/b/../../..",
		"alpha/ar/العرائض/index.html", "\u202egnp.exe", "ａ/．．/b", strings.Repeat("a/", 300) + "x",
		"CON", "c:x", "a/\u2025/b", "\uff0e\uff0e/x",
	} {
		f.Add(s)
	}
	dir := filepath.Join(f.TempDir(), "stage")
	f.Fuzz(func(t *testing.T, rel string) {
		p, err := Join(dir, rel)
		if err != nil {
			return
		}
		r, rerr := filepath.Rel(dir, p)
		if rerr != nil || !filepath.IsLocal(r) || r == "." {
			t.Fatalf("Join(%q) = %q, outside %q", rel, p, dir)
		}
		if !strings.HasPrefix(p, dir+string(filepath.Separator)) {
			t.Fatalf("Join(%q) = %q, not under %q", rel, p, dir)
		}
		for _, seg := range strings.Split(r, string(filepath.Separator)) {
			if seg == "" || seg == "." || seg == ".." {
				t.Fatalf("Join(%q) = %q has the segment %q", rel, p, seg)
			}
		}
		if strings.ContainsFunc(p, unicode.IsControl) || strings.ContainsRune(r, '\\') {
			t.Fatalf("Join(%q) = %q", rel, p)
		}
	})
}

// TestResolveFollowsLinks resolves --out through links before deciding
// whether it may be written: a link into content/ is refused, a link to
// a folder elsewhere is written there.
func TestResolveFollowsLinks(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	for _, d := range []string{"content", "communes", "themes"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("content", filepath.Join(root, "linkc")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	web := t.TempDir()
	if err := os.Symlink(web, filepath.Join(root, "www")); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{"linkc/sub", "linkc", "www/../content/x"} {
		_, err := Resolve(root, filepath.Join(root, out))
		if err == nil || !strings.Contains(err.Error(), "inside the project's content/ folder") {
			t.Errorf("--out %s: %v", out, err)
		}
	}
	got, err := Resolve(root, filepath.Join(root, "www", "site"))
	if want, _ := filepath.EvalSymlinks(web); err != nil || got != filepath.Join(want, "site") {
		t.Errorf("--out www/site = %q, %v; want it in %s", got, err, want)
	}
}
