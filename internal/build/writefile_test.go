//go:build unix

package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// writeFile does what os.WriteFile does: it creates or empties the file,
// with the permissions less the umask, and names the file in its errors.
func TestWriteFileAsOSWriteFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	mine, theirs := filepath.Join(dir, "mine.html"), filepath.Join(dir, "theirs.html")
	for _, data := range []string{"<p>a longer first version</p>", "<p>short</p>", ""} {
		if err := writeFile(mine, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(theirs, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(mine)
		if err != nil || string(got) != data {
			t.Fatalf("the file holds %q (%v), want %q", got, err, data)
		}
		a, _ := os.Stat(mine)
		b, _ := os.Stat(theirs)
		if a.Mode() != b.Mode() {
			t.Errorf("mode %v, os.WriteFile gives %v", a.Mode(), b.Mode())
		}
	}
	err := writeFile(dir, []byte("x"), 0o644) // a folder
	var pe *fs.PathError
	if !errors.As(err, &pe) || pe.Path != dir || !errors.Is(err, syscall.EISDIR) && !errors.Is(err, fs.ErrPermission) {
		t.Errorf("writing onto a folder gives %v, want a path error naming it", err)
	}
}

// The writer makes a page's folder and those above it whatever order the
// pages come in, and again once it has forgotten them; it remembers a
// bounded number of folders.
func TestWriterMakesFoldersInAnyOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := &writer{dir: dir}
	for _, rel := range []string{"a/fr/x/y/z", "a/fr/x", "a/fr/x/y", "b", "a/fr/x/y/z"} {
		if err := w.mkdir(filepath.Join(dir, rel)); err != nil {
			t.Fatalf("mkdir %s: %v", rel, err)
		}
		if st, err := os.Stat(filepath.Join(dir, rel)); err != nil || !st.IsDir() {
			t.Fatalf("%s is not a folder: %v", rel, err)
		}
	}
	w.made = folders{}
	if err := w.mkdir(filepath.Join(dir, "a/fr/x/w")); err != nil {
		t.Fatalf("mkdir after forgetting: %v", err)
	}
	var f folders
	for i := range 3 * maxKnownDirs {
		f.add(filepath.Join(dir, "p", strconv.Itoa(i)))
	}
	if n := len(f.new) + len(f.old); n > 2*maxKnownDirs {
		t.Errorf("the set holds %d folders, want at most %d", n, 2*maxKnownDirs)
	}
	if !f.has(filepath.Join(dir, "p", strconv.Itoa(3*maxKnownDirs-1))) {
		t.Error("the set forgot the last folder made")
	}
	if f.has(filepath.Join(dir, "p", "0")) {
		t.Error("the set still holds the first folder made")
	}
}
