package cli

import (
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/outdir"
)

// TestOutputState checks the closing line of a failed build in each
// state the output folder can be left in.
func TestOutputState(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		rep  build.Report
		want string
	}{
		{build.Report{}, "public was left as it was"},
		{build.Report{Output: outdir.Unchanged}, "public was left as it was"},
		{build.Report{Output: outdir.Replaced}, "public was replaced"},
		{build.Report{Output: outdir.Missing, Aside: ".public.ready-1"}, "public is missing: the new output is complete in .public.ready-1, and the next build puts it in place"},
	} {
		if got := outputState(tt.rep, "public"); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.rep, got, tt.want)
		}
	}
}

// TestBuildSaysItWaits holds the output's lock as another build would:
// the build says it waits, then builds once the lock is released.
func TestBuildSaysItWaits(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	lock, err := outdir.Acquire(t.Context(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	stderr := &watchWriter{want: "waiting for another build of " + out + " to finish…\n", seen: make(chan struct{})}
	done := make(chan int)
	go func() {
		done <- Run(t.Context(), []string{"build", "--root", "../..", "--out", out}, io.Discard, stderr)
	}()
	<-stderr.seen
	if err := lock.Release(); err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != exitOK {
		t.Errorf("build failed (%d):\n%s", code, stderr.String())
	}
}

// watchWriter collects what is written and closes seen when it holds
// want; it is safe for concurrent use.
type watchWriter struct {
	want string
	seen chan struct{}
	mu   sync.Mutex
	b    strings.Builder
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	had := strings.Contains(w.b.String(), w.want)
	w.b.Write(p)
	if !had && strings.Contains(w.b.String(), w.want) {
		close(w.seen)
	}
	return len(p), nil
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}
