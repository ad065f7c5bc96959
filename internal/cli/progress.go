package cli

import (
	"fmt"
	"io"
	"math"
	"sync"
	"time"
)

// progress shows how far a build is, on one line of a terminal rewritten
// in place: the communes done out of the total and, once some are done,
// an estimate of the time left. Its methods take the time, so that the
// logic runs on a fake clock in tests; it is safe for concurrent use.
type progress struct {
	w io.Writer

	mu          sync.Mutex
	start       time.Time // when the count began (no commune done)
	done, total int
	drawn       bool
}

// set records that done of total communes are complete at time now; the
// first call starts the clock of the estimate.
func (p *progress) set(now time.Time, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.start.IsZero() {
		p.start = now
	}
	p.done, p.total = max(p.done, done), total
}

// draw writes the line as it is at time now, over the previous one.
func (p *progress) draw(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	line := "building…"
	if p.total > 0 {
		line += fmt.Sprintf(" %d/%d %s", p.done, p.total, plural(p.total, "commune", "communes"))
		if p.done > 0 && p.done < p.total {
			elapsed := now.Sub(p.start)
			left := time.Duration(float64(elapsed) / float64(p.done) * float64(p.total-p.done))
			line += ", " + timeLeft(left)
		}
	}
	// \r goes back to the start of the line, \033[K erases what a longer
	// line left after it.
	fmt.Fprintf(p.w, "\r%s\033[K", line)
	p.drawn = true
}

// clear erases the line, if one was drawn, so that what follows is
// printed as if there had been none.
func (p *progress) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\033[K")
		p.drawn = false
	}
}

// timeLeft says roughly how long d is.
func timeLeft(d time.Duration) string {
	switch s := math.Ceil(d.Seconds()); {
	case s < 90:
		return fmt.Sprintf("about %d s left", int(s))
	default:
		return fmt.Sprintf("about %d min left", int(math.Round(s/60)))
	}
}

// showProgress draws p on the clock when a build takes more than a
// moment; the returned func stops it and erases the line.
func showProgress(p *progress) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		timer := time.NewTimer(700 * time.Millisecond)
		defer timer.Stop()
		select {
		case <-done:
			return
		case <-timer.C:
		}
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		for {
			p.draw(time.Now())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		p.clear()
	}
}
