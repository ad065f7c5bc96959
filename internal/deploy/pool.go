package deploy

import (
	"context"
	"errors"
	"io/fs"
	"math/rand/v2"
	"time"
)

// Retry says how often, and after how long, an operation that failed in
// a transient way (a lost connection, a busy server) is tried again.
type Retry struct {
	// Attempts is the number of tries of one operation (default 4).
	Attempts int
	// Wait is the pause before the second try; it doubles before each
	// next one, up to 8 s, with some jitter (default 500 ms).
	Wait time.Duration
}

func (r Retry) withDefaults() Retry {
	if r.Attempts <= 0 {
		r.Attempts = 4
	}
	if r.Wait <= 0 {
		r.Wait = 500 * time.Millisecond
	}
	return r
}

// pause is the wait before try number attempt+1.
func (r Retry) pause(attempt int) time.Duration {
	d := r.Wait << attempt
	if d > 8*time.Second || d <= 0 {
		d = 8 * time.Second
	}
	return d/2 + rand.N(d/2+1)
}

// pool holds the open connections to one destination, at most size of
// them; a connection that failed is closed and replaced by a new one.
type pool struct {
	dest  Destination
	retry Retry
	slots chan struct{} // one token per connection that may be opened
	idle  chan Conn
}

func newPool(dest Destination, size int, retry Retry) *pool {
	p := &pool{dest: dest, retry: retry.withDefaults(), slots: make(chan struct{}, size), idle: make(chan Conn, size)}
	for range size {
		p.slots <- struct{}{}
	}
	return p
}

// get returns an idle connection, or opens one when fewer than size are
// open, or waits for one to be given back.
func (p *pool) get(ctx context.Context) (Conn, error) {
	select {
	case c := <-p.idle:
		return c, nil
	default:
	}
	select {
	case c := <-p.idle:
		return c, nil
	case <-p.slots:
		c, err := p.dest.Connect(ctx)
		if err != nil {
			p.slots <- struct{}{}
			return nil, err
		}
		return c, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// put gives c back, or closes it when it may be broken.
func (p *pool) put(c Conn, broken bool) {
	if broken {
		c.Close()
		p.slots <- struct{}{}
		return
	}
	p.idle <- c
}

// close closes the idle connections; every connection must have been
// given back. After a lost connection the idle ones are closed too: they
// went the same way, and are likely lost as well.
func (p *pool) close() {
	for {
		select {
		case c := <-p.idle:
			c.Close()
			p.slots <- struct{}{}
		default:
			return
		}
	}
}

// do runs op on a connection, trying again on a fresh connection after
// a transient failure, with a growing pause between tries.
func (p *pool) do(ctx context.Context, op func(Conn) error) error {
	for attempt := 0; ; attempt++ {
		c, err := p.get(ctx)
		if err == nil {
			err = op(c)
			p.put(c, err != nil && !isOwnFailure(err))
		}
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if !Classify(err).Transient() || attempt+1 >= p.retry.Attempts {
			return err
		}
		p.close()
		t := time.NewTimer(p.retry.pause(attempt))
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// isOwnFailure reports whether err concerns one file, not the connection
// (a missing file, a refused permission, a full quota): the connection is
// kept.
func isOwnFailure(err error) bool {
	if errors.Is(err, fs.ErrNotExist) {
		return true
	}
	switch Classify(err) {
	case PermissionDenied, QuotaFull, NoFolder:
		return true
	}
	return false
}
