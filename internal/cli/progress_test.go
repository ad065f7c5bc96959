package cli

import (
	"bytes"
	"testing"
	"time"
)

// The progress of a build, on a fake clock: communes done out of the
// total, and an estimate once some are done.
func TestBuildProgressLine(t *testing.T) {
	t.Parallel()
	p := &buildProgress{}
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	if got := p.line(t0); got != "building…" {
		t.Errorf("before the count: %q", got)
	}
	steps := []struct {
		at          time.Duration
		done, total int
		want        string
	}{
		{0, 0, 1503, "building… 0/1503 communes"},
		{2 * time.Second, 3, 1503, "building… 3/1503 communes, about 17 min left"},
		{30 * time.Second, 750, 1503, "building… 750/1503 communes, about 31 s left"},
		{59 * time.Second, 1500, 1503, "building… 1500/1503 communes, about 1 s left"},
		// Reported out of order by the build's goroutines: never backwards.
		{59 * time.Second, 1499, 1503, "building… 1500/1503 communes, about 1 s left"},
		{60 * time.Second, 1503, 1503, "building… 1503/1503 communes"},
	}
	for _, s := range steps {
		p.set(t0.Add(s.at), s.done, s.total)
		if got := p.line(t0.Add(s.at)); got != s.want {
			t.Errorf("at %v with %d/%d: %q, want %q", s.at, s.done, s.total, got, s.want)
		}
	}
	one := &buildProgress{}
	one.set(t0, 0, 1)
	if got := one.line(t0); got != "building… 0/1 commune" {
		t.Errorf("one commune: %q", got)
	}
}

func TestTimeLeft(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		300 * time.Millisecond: "about 1 s left",
		12 * time.Second:       "about 12 s left",
		89 * time.Second:       "about 89 s left",
		90 * time.Second:       "about 2 min left",
		20 * time.Minute:       "about 20 min left",
	} {
		if got := timeLeft(d); got != want {
			t.Errorf("timeLeft(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestProblems(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		errs, warnings int
		want           string
	}{
		{1, 0, "1 error"},
		{3, 0, "3 errors"},
		{3, 1, "3 errors and 1 warning"},
		{1, 2, "1 error and 2 warnings"},
	} {
		if got := problems(tt.errs, tt.warnings); got != tt.want {
			t.Errorf("problems(%d, %d) = %q, want %q", tt.errs, tt.warnings, got, tt.want)
		}
	}
}

// The status line of a build, drawn into a buffer: each line over the
// last, lines printed above it, nothing left once erased.
func TestBuildStatusLine(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	p := &buildProgress{}
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	now := t0
	s := &statusLine{w: &b, text: func() string { return p.line(now) }}
	p.set(now, 0, 10)
	s.draw()
	now = t0.Add(4 * time.Second)
	p.set(now, 2, 10)
	s.draw()
	s.printf(&b, "a line above\n")
	s.draw()
	s.mu.Lock()
	s.erase()
	s.erase()
	s.mu.Unlock()
	want := "\r\033[Kbuilding… 0/10 communes" +
		"\r\033[Kbuilding… 2/10 communes, about 16 s left" +
		"\r\033[Ka line above\n" +
		"\r\033[Kbuilding… 2/10 communes, about 16 s left" +
		"\r\033[K"
	if b.String() != want {
		t.Errorf("wrote %q\nwant  %q", b.String(), want)
	}
}
