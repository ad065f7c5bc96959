package watch

import (
	"sync"
	"time"
)

// fakeClock is a clock that moves only when a test says so: its timers
// fire in Advance, never on their own.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer() timer { return c.add(0) }

func (c *fakeClock) NewTicker(every time.Duration) timer {
	t := c.add(every)
	t.Reset(every)
	return t
}

func (c *fakeClock) add(every time.Duration) *fakeTimer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, ch: make(chan time.Time, 1), every: every}
	c.timers = append(c.timers, t)
	return t
}

// Advance moves the clock by d and fires, once, every timer and ticker
// due by then.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for _, t := range c.timers {
		if !t.at.IsZero() && !t.at.After(c.now) {
			t.fire()
		}
	}
}

// fakeTimer is a timer (every is 0) or a ticker of a fakeClock.
type fakeTimer struct {
	c     *fakeClock
	ch    chan time.Time
	every time.Duration
	at    time.Time // when it fires next; zero when stopped
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Reset(d time.Duration) {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	t.drain()
	t.at = t.c.now.Add(d)
	if d <= 0 {
		t.fire()
	}
}

func (t *fakeTimer) Stop() {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	t.drain()
	t.at = time.Time{}
}

// fire sends the time, as a time.Timer would; the clock is locked.
func (t *fakeTimer) fire() {
	select {
	case t.ch <- t.c.now:
	default: // a firing not yet received: a ticker drops ticks too
	}
	t.at = time.Time{}
	if t.every > 0 {
		t.at = t.c.now.Add(t.every)
	}
}

// drain drops a firing not yet received; the clock is locked.
func (t *fakeTimer) drain() {
	select {
	case <-t.ch:
	default:
	}
}
