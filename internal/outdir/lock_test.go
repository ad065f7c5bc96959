package outdir

import (
	"context"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// TestLockWaitsForTheHolder takes the lock of an output folder, then
// starts a second taker: it says it waits, and gets the lock only once
// the first lets it go.
func TestLockWaitsForTheHolder(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	first, err := Acquire(context.Background(), out, func() { t.Error("the first taker waited") })
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	got := make(chan error)
	var released atomic.Bool // ordered by the lock, which the race detector cannot see
	go func() {
		second, err := Acquire(context.Background(), out, func() { close(waiting) })
		if err == nil {
			if !released.Load() {
				err = errors.New("the second taker got the lock while the first held it")
			}
			second.Release()
		}
		got <- err
	}()
	<-waiting
	released.Store(true)
	if err := first.Release(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Error(err)
	}
}

// TestLockWaitEndsWithTheContext gives up waiting when the context ends
// (Ctrl-C).
func TestLockWaitEndsWithTheContext(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	first, err := Acquire(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Release()
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Acquire(ctx, out, cancel)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Acquire = %v, want context.Canceled", err)
	}
}
