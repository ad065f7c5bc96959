package serve

import (
	"os"
	"path/filepath"
	"testing"
)

// writeFile writes text to the file rel under root, making its folders.
// It writes a hidden file beside it, then renames it over the file: the
// watcher sees the change as one event, which it cannot split into two
// batches however slowly the test runs.
func writeFile(t testing.TB, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(filepath.Dir(p), "."+filepath.Base(p)+".writing")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}
