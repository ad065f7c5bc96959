package outdir

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Lock is held by the build of an output folder, from before it looks at
// the leftovers of earlier builds until its new output is in place: a
// second build of the same folder waits for it, and never sees a staging
// folder that a live build is filling.
type Lock struct{ f *os.File }

// pollInterval is how often a waiting build tries the lock again.
const pollInterval = 100 * time.Millisecond

// LockFile is the file locked for the output folder out: beside it, so
// that the swap does not move it, and hidden. It is left in place: a
// lock file removed while another build waits on it would let a third
// one in.
func LockFile(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
}

// Acquire takes the lock of the output folder out, waiting while another
// process holds it: waiting, when set, is called once if it must wait.
// It gives up with ctx's error when ctx is done first. The system
// releases the lock when the process ends, however it ends.
func Acquire(ctx context.Context, out string, waiting func()) (*Lock, error) {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	f, err := os.OpenFile(LockFile(out), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock the output folder: %w", err)
	}
	var timer *time.Timer
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock the output folder: %w", err)
		}
		if ok {
			return &Lock{f: f}, nil
		}
		if timer == nil {
			if waiting != nil {
				waiting()
			}
			timer = time.NewTimer(pollInterval)
			defer timer.Stop()
		} else {
			timer.Reset(pollInterval)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

// Release lets the next build in.
func (l *Lock) Release() error {
	if err := unlock(l.f); err != nil {
		l.f.Close()
		return err
	}
	return l.f.Close()
}
