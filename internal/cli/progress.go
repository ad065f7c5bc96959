package cli

import (
	"fmt"
	"math"
	"sync"
	"time"
)

// buildProgress is how far a build is: the communes done out of the
// total and, once some are done, an estimate of the time left, as the
// text of a status line. Its methods take the time, so that the logic
// runs on a fake clock in tests; it is safe for concurrent use.
type buildProgress struct {
	mu          sync.Mutex
	start       time.Time // when the count began (no commune done)
	done, total int
}

// set records that done of total communes are complete at time now; the
// first call starts the clock of the estimate.
func (p *buildProgress) set(now time.Time, done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.start.IsZero() {
		p.start = now
	}
	p.done, p.total = max(p.done, done), total
}

// line returns the text of the status line at time now:
// "building… 312/1503 communes, about 25 s left".
func (p *buildProgress) line(now time.Time) string {
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
	return line
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

// problems says how many errors and warnings were printed: "3 errors",
// "3 errors and 1 warning".
func problems(errs, warnings int) string {
	s := fmt.Sprintf("%d %s", errs, plural(errs, "error", "errors"))
	if warnings > 0 {
		s += fmt.Sprintf(" and %d %s", warnings, plural(warnings, "warning", "warnings"))
	}
	return s
}
