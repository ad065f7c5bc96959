//go:build unix

package build

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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
