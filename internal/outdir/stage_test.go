package outdir

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// output makes a complete output folder at dir whose index.html says
// what it is.
func output(t *testing.T, dir, what string, marker bool) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "alpha"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(what), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "alpha", "index.html"), []byte(what), 0o644); err != nil {
		t.Fatal(err)
	}
	if marker {
		if err := writeMarker(dir); err != nil {
			t.Fatal(err)
		}
	}
}

// content says which output is at dir: its index.html, or "" when there
// is no folder.
func content(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if errors.Is(err, os.ErrNotExist) {
		if _, err := os.Stat(dir); err == nil {
			t.Fatalf("%s has no index.html: a torn output", dir)
		}
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	inner, err := os.ReadFile(filepath.Join(dir, "alpha", "index.html"))
	if err != nil || string(inner) != string(b) {
		t.Fatalf("%s mixes two outputs: %q and %q (%v)", dir, b, inner, err)
	}
	return string(b)
}

// names lists the folder's entries.
func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	for _, e := range entries {
		list = append(list, e.Name())
	}
	return strings.Join(list, " ")
}

// TestRecoverLeftovers starts a build beside the leftovers an earlier
// build may leave when killed at any point: the output in place is kept,
// a missing one is put back from the newest complete leftover, and every
// leftover of tadafor's is gone.
func TestRecoverLeftovers(t *testing.T) {
	t.Parallel()
	type folder struct{ name, what string }
	for _, tt := range []struct {
		name     string
		folders  []folder // "public" is the target
		want     string   // what is in public/ afterwards
		note     bool     // the user is told
		inOutput bool
	}{
		{"killed while writing", []folder{{"public", "old"}, {".public.staging-1", "half"}}, "old", false, false},
		{"killed before the swap", []folder{{"public", "old"}, {".public.ready-1", "new"}}, "old", false, false},
		{"killed after the swap", []folder{{"public", "new"}, {".public.ready-1", "old"}}, "new", false, false},
		{"killed between the two renames", []folder{{".public.old-1", "old"}, {".public.ready-1", "new"}}, "new", true, false},
		{"killed after failing to put back", []folder{{".public.old-1", "old"}, {".public.staging-2", "half"}}, "old", true, false},
		{"first build killed while writing", []folder{{".public.staging-1", "half"}}, "", false, false},
		{"several complete leftovers", []folder{{".public.ready-1", "older"}, {".public.ready-2", "newest"}, {".public.old-3", "old"}}, "newest", true, false},
		{"one commune's folder", []folder{{"public", "old"}, {".public.staging-1", "half"}, {".public.ready-2", "new"}}, "old", false, true},
		{"one commune's folder between the renames", []folder{{".public.old-1", "old"}, {".public.ready-2", "new"}}, "new", true, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			parent := t.TempDir()
			for i, f := range tt.folders {
				dir := filepath.Join(parent, f.name)
				output(t, dir, f.what, !tt.inOutput)
				// Later folders are newer.
				when := time.Date(2026, 1, 1, 0, i, 0, 0, time.UTC)
				if err := os.Chtimes(dir, when, when); err != nil {
					t.Fatal(err)
				}
			}
			s, notes, err := NewStage(filepath.Join(parent, "public"), tt.inOutput)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Discard()
			if got := content(t, filepath.Join(parent, "public")); got != tt.want {
				t.Errorf("public holds %q, want %q", got, tt.want)
			}
			if (len(notes) > 0) != tt.note {
				t.Errorf("notes: %q", notes)
			}
			want := []string{filepath.Base(s.Dir())}
			if tt.want != "" {
				want = append(want, "public")
			}
			slices.Sort(want)
			if got := names(t, parent); got != strings.Join(want, " ") {
				t.Errorf("left: %s", got)
			}
		})
	}
}

// TestRecoverLeavesForeignFolders leaves a folder named like a leftover
// but without the marker: tadafor did not make it.
func TestRecoverLeavesForeignFolders(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	output(t, filepath.Join(parent, "public"), "old", true)
	output(t, filepath.Join(parent, ".public.staging-mine"), "precious", false)
	s, _, err := NewStage(filepath.Join(parent, "public"), false)
	if err != nil {
		t.Fatal(err)
	}
	s.Discard()
	if got := content(t, filepath.Join(parent, ".public.staging-mine")); got != "precious" {
		t.Errorf("a folder without the marker was touched: %q", got)
	}
}

// nextBuild starts the next build of target, which recovers what the
// last one left: target then holds want, and nothing is beside it.
func nextBuild(t *testing.T, target, want string) {
	t.Helper()
	next, _, err := NewStage(target, false)
	if err != nil {
		t.Fatal(err)
	}
	next.Discard()
	if got := content(t, target); got != want {
		t.Errorf("after the next build's recovery, %s holds %q, want %q", filepath.Base(target), got, want)
	}
	if got := names(t, filepath.Dir(target)); got != filepath.Base(target) {
		t.Errorf("left: %s", got)
	}
}

// crashAt makes the n-th call to the system (from 1) end the goroutine
// running Commit, as if the process were killed just before it.
func crashAt(s *Stage, n int) {
	calls := 0
	crash := func() {
		calls++
		if calls == n {
			runtime.Goexit()
		}
	}
	sys := s.sys
	s.sys = system{
		rename:    func(a, b string) error { crash(); return sys.rename(a, b) },
		exchange:  func(a, b string) error { crash(); return sys.exchange(a, b) },
		removeAll: func(p string) error { crash(); return sys.removeAll(p) },
	}
}

// noExchange is a system that cannot swap two folders in one step.
func noExchange(s *Stage) { s.sys.exchange = func(a, b string) error { return errNoExchange } }

// TestCommitKilledAtEachStep kills a build before each step of its swap,
// with and without the one-step exchange, then starts the next build:
// public/ always holds one complete output, the newest complete one
// whenever it had to be put back, and nothing else is left.
func TestCommitKilledAtEachStep(t *testing.T) {
	t.Parallel()
	for _, atomic := range []bool{true, false} {
		// The steps: rename to ready, exchange, remove the previous
		// output; without exchange: rename to ready, (exchange refused),
		// rename aside, rename in, remove.
		wants := []string{"old", "old", "new"}
		if !atomic {
			wants = []string{"old", "old", "old", "new", "new"}
		}
		for step, want := range wants {
			t.Run(fmt.Sprintf("atomic=%v/step=%d", atomic, step+1), func(t *testing.T) {
				t.Parallel()
				parent := t.TempDir()
				target := filepath.Join(parent, "public")
				output(t, target, "old", true)
				s, _, err := NewStage(target, false)
				if err != nil {
					t.Fatal(err)
				}
				output(t, s.Dir(), "new", true)
				if !atomic {
					noExchange(s)
				}
				crashAt(s, step+1)
				done := make(chan struct{})
				go func() {
					defer close(done)
					s.Commit()
				}()
				<-done
				nextBuild(t, target, want)
			})
		}
	}
}

func TestCommit(t *testing.T) {
	t.Parallel()
	for _, atomic := range []bool{true, false} {
		t.Run(fmt.Sprintf("atomic=%v", atomic), func(t *testing.T) {
			t.Parallel()
			parent := t.TempDir()
			target := filepath.Join(parent, "public")
			for i, what := range []string{"first", "second"} {
				s, _, err := NewStage(target, false)
				if err != nil {
					t.Fatal(err)
				}
				if !atomic {
					noExchange(s)
				}
				output(t, s.Dir(), what, true)
				if out, err := s.Commit(); out != Replaced || err != nil {
					t.Fatalf("build %d: %v, %v", i, out, err)
				}
				s.Discard() // committed: nothing to discard
				if got := content(t, target); got != what {
					t.Errorf("public holds %q, want %q", got, what)
				}
				if got := names(t, parent); got != "public" {
					t.Errorf("left: %s", got)
				}
			}
		})
	}
}

// TestCommitFailures makes each step of the swap fail as a system may:
// the Outcome says where public/ stands, and it is true.
func TestCommitFailures(t *testing.T) {
	t.Parallel()
	eperm := &os.PathError{Op: "rename", Path: "x", Err: syscall.EPERM}
	for _, tt := range []struct {
		name  string
		fail  func(s *Stage)
		out   Outcome
		want  string // in public/ after Commit
		after string // in public/ after the next build's recovery
	}{
		{"the swap is refused", func(s *Stage) {
			s.sys.exchange = func(a, b string) error { return eperm }
		}, Unchanged, "old", "old"},
		{"the previous output cannot be removed", func(s *Stage) {
			s.sys.removeAll = func(string) error { return eperm }
		}, Replaced, "new", "new"},
		{"the rename in fails", func(s *Stage) {
			noExchange(s)
			rename := s.sys.rename
			s.sys.rename = func(a, b string) error {
				if strings.Contains(a, ".ready-") {
					return eperm
				}
				return rename(a, b)
			}
		}, Unchanged, "old", "old"},
		{"the rename in and back fail", func(s *Stage) {
			noExchange(s)
			rename := s.sys.rename
			s.sys.rename = func(a, b string) error {
				if strings.Contains(a, ".ready-") || strings.Contains(a, ".old-") {
					return eperm
				}
				return rename(a, b)
			}
		}, Missing, "", "new"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			parent := t.TempDir()
			target := filepath.Join(parent, "public")
			output(t, target, "old", true)
			s, _, err := NewStage(target, false)
			if err != nil {
				t.Fatal(err)
			}
			output(t, s.Dir(), "new", true)
			tt.fail(s)
			out, err := s.Commit()
			s.Discard()
			if out != tt.out || err == nil {
				t.Errorf("Commit = %v, %v; want %v and an error", out, err, tt.out)
			}
			if got := content(t, target); got != tt.want {
				t.Errorf("public holds %q, want %q", got, tt.want)
			}
			if out == Missing && content(t, s.Aside) != "new" {
				t.Errorf("the new output is not in %s", s.Aside)
			}
			nextBuild(t, target, tt.after)
		})
	}
}
