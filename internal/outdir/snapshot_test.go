package outdir

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// publish makes out an output folder holding files (slash path → text).
func publish(t *testing.T, out string, files map[string]string) {
	t.Helper()
	for rel, text := range files {
		p := filepath.Join(out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := Mark(out); err != nil {
		t.Fatal(err)
	}
}

// rebuild replaces out as a build does, with files.
func rebuild(t *testing.T, out string, files map[string]string) {
	t.Helper()
	s, _, err := NewStage(out, false)
	if err != nil {
		t.Fatal(err)
	}
	publish(t, s.Dir(), files)
	if _, err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSnapshotKeepsTheBuildItWasTakenFrom: a build that replaces the
// output while a snapshot is read changes nothing in the snapshot, and
// removing the snapshot leaves the new output whole.
func TestSnapshotKeepsTheBuildItWasTakenFrom(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, map[string]string{"index.html": "portal 1", "berkane/ar/index.html": "berkane 1", "oujda/index.html": "oujda 1"})
	s, err := TakeSnapshot(context.Background(), out, []string{"berkane"}, func() { t.Error("waited with no build running") })
	if err != nil {
		t.Fatal(err)
	}
	rebuild(t, out, map[string]string{"index.html": "portal 2", "berkane/ar/index.html": "berkane 2"})
	if got := readFile(t, filepath.Join(s.Dir, "berkane", "ar", "index.html")); got != "berkane 1" {
		t.Errorf("snapshot after a build: %q, want the page it was taken with", got)
	}
	for _, absent := range []string{"index.html", "oujda"} {
		if _, err := os.Stat(filepath.Join(s.Dir, absent)); err == nil {
			t.Errorf("%s is in a snapshot of berkane only", absent)
		}
	}
	if err := s.Remove(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(out, "berkane", "ar", "index.html")); got != "berkane 2" {
		t.Errorf("output after the snapshot was removed: %q", got)
	}
}

// TestSnapshotWaitsForTheBuild: a snapshot is never taken from the
// middle of a build.
func TestSnapshotWaitsForTheBuild(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	publish(t, out, map[string]string{"index.html": "1"})
	building, err := Acquire(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	done := make(chan *Snapshot)
	go func() {
		s, err := TakeSnapshot(context.Background(), out, []string{""}, func() { close(waiting) })
		if err != nil {
			t.Error(err)
		}
		done <- s
	}()
	<-waiting
	rebuild(t, out, map[string]string{"index.html": "2"})
	if err := building.Release(); err != nil {
		t.Fatal(err)
	}
	s := <-done
	if s == nil {
		return
	}
	defer s.Remove()
	if got := readFile(t, filepath.Join(s.Dir, "index.html")); got != "2" {
		t.Errorf("snapshot = %q, want the output of the build it waited for", got)
	}
}

// TestSnapshotLeftovers: a snapshot a killed process left is removed by
// the next one; a snapshot in use, or a folder that is not a snapshot,
// is kept.
func TestSnapshotLeftovers(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	publish(t, out, map[string]string{"index.html": "1"})
	inUse, err := TakeSnapshot(context.Background(), out, []string{""}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer inUse.Remove()
	left, err := TakeSnapshot(context.Background(), out, []string{""}, nil)
	if err != nil {
		t.Fatal(err)
	}
	left.inUse.Close() // as when its process was killed
	foreign := filepath.Join(parent, ".public.snapshot-mine")
	if err := os.Mkdir(foreign, 0o755); err != nil {
		t.Fatal(err)
	}
	next, err := TakeSnapshot(context.Background(), out, []string{""}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer next.Remove()
	for dir, want := range map[string]bool{inUse.Dir: true, left.Dir: false, foreign: true, next.Dir: true} {
		if _, err := os.Stat(dir); (err == nil) != want {
			t.Errorf("%s exists: %v, want %v", filepath.Base(dir), err == nil, want)
		}
	}
}

// TestSnapshotOfAMissingPart names the part.
func TestSnapshotOfAMissingPart(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	publish(t, out, map[string]string{"index.html": "1"})
	_, err := TakeSnapshot(context.Background(), out, []string{"tiznit"}, nil)
	if err == nil || !strings.Contains(err.Error(), "tiznit") {
		t.Fatalf("err = %v, want one naming tiznit", err)
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.Contains(e.Name(), snapshotKind) {
			t.Errorf("%s left after a failed snapshot", e.Name())
		}
	}
}
