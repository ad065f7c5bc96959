//go:build unix

package project_test

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/tadafor/tadafor/internal/project"
)

// TestNamedPipeIsRefused checks that a named pipe, whose reading would
// wait for a writer for ever, is an error rather than a hung build.
func TestNamedPipeIsRefused(t *testing.T) {
	t.Parallel()
	root := tree(t, map[string]string{"content/a.fr.md": "a"})
	if err := syscall.Mkfifo(filepath.Join(root, "content", "pipe.fr.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	link(t, root, "pipe.fr.md", "content/link.fr.md")
	want := "a named pipe, not a regular file; the project reads only regular files; remove it"
	for _, rel := range []string{"content/pipe.fr.md", "content/link.fr.md"} {
		if _, err := project.ReadFile(root, rel); err == nil || err.Error() != rel+": "+want {
			t.Errorf("ReadFile(%s): %v", rel, err)
		}
	}
	files, errs := project.Walk(root, "content")
	if len(files) != 1 || len(errs) != 2 || !strings.HasSuffix(errs[0].Error(), want) {
		t.Errorf("Walk: %v\n%v", files, errs)
	}
}
