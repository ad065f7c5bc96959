package watch

import "time"

// clock is what the watcher reads the time from and waits with: the
// system's clock, or in tests one they move by hand, so that batches do
// not depend on the speed of the machine.
type clock interface {
	Now() time.Time
	// NewTimer returns a stopped timer.
	NewTimer() timer
	NewTicker(every time.Duration) timer
}

// timer is a time.Timer or a time.Ticker.
type timer interface {
	C() <-chan time.Time
	// Reset makes a timer fire after d, dropping a firing not yet
	// received.
	Reset(d time.Duration)
	Stop()
}

// systemClock is the system's clock.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

func (systemClock) NewTimer() timer {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return sysTimer{t}
}

func (systemClock) NewTicker(every time.Duration) timer { return sysTicker{time.NewTicker(every)} }

type sysTimer struct{ t *time.Timer }

func (s sysTimer) C() <-chan time.Time   { return s.t.C }
func (s sysTimer) Reset(d time.Duration) { s.t.Reset(d) }
func (s sysTimer) Stop()                 { s.t.Stop() }

type sysTicker struct{ t *time.Ticker }

func (s sysTicker) C() <-chan time.Time   { return s.t.C }
func (s sysTicker) Reset(d time.Duration) { s.t.Reset(d) }
func (s sysTicker) Stop()                 { s.t.Stop() }
