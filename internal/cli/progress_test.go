package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// The progress line, drawn on a fake clock: communes done out of the
// total, an estimate once some are done, each line over the last, and
// nothing left once cleared.
func TestProgressLine(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	p := &progress{w: &b}
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	steps := []struct {
		at          time.Duration
		done, total int
		want        string
	}{
		{0, 0, 1503, "\rbuilding… 0/1503 communes\033[K"},
		{2 * time.Second, 3, 1503, "\rbuilding… 3/1503 communes, about 17 min left\033[K"},
		{30 * time.Second, 750, 1503, "\rbuilding… 750/1503 communes, about 31 s left\033[K"},
		{59 * time.Second, 1500, 1503, "\rbuilding… 1500/1503 communes, about 1 s left\033[K"},
		// Reported out of order by the build's goroutines: never backwards.
		{59 * time.Second, 1499, 1503, "\rbuilding… 1500/1503 communes, about 1 s left\033[K"},
		{60 * time.Second, 1503, 1503, "\rbuilding… 1503/1503 communes\033[K"},
	}
	for _, s := range steps {
		b.Reset()
		p.set(t0.Add(s.at), s.done, s.total)
		p.draw(t0.Add(s.at))
		if b.String() != s.want {
			t.Errorf("at %v with %d/%d: %q, want %q", s.at, s.done, s.total, b.String(), s.want)
		}
	}
	b.Reset()
	p.clear()
	if b.String() != "\r\033[K" {
		t.Errorf("clear wrote %q", b.String())
	}
	b.Reset()
	p.clear()
	if b.Len() != 0 {
		t.Errorf("a second clear wrote %q", b.String())
	}
}

func TestProgressBeforeTheCount(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	p := &progress{w: &b}
	p.draw(time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC))
	if b.String() != "\rbuilding…\033[K" {
		t.Errorf("got %q", b.String())
	}
	p = &progress{w: &b}
	p.set(time.Now(), 0, 1)
	b.Reset()
	p.draw(time.Now())
	if !strings.Contains(b.String(), " 0/1 commune\033") {
		t.Errorf("one commune: %q", b.String())
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
