// Package watch reports the changes made to a project's files. It watches
// folders recursively with fsnotify, picking up new folders and forgetting
// deleted ones; ignores editor temporary, swap and backup files; handles
// saves by rename (a file replaced by another is one change, not a
// deletion); and hands the changes over in batches, once a burst of events
// has settled. When the system refuses more watches (too many folders or
// open files) it says so and falls back to polling. It is the only package
// that imports fsnotify.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tadafor/tadafor/internal/project"
)

// Op is what happened to a file.
type Op uint8

// The changes reported. A file replaced by another (a save by rename) is
// a Write.
const (
	Create Op = iota + 1
	Write
	Remove
)

// String returns the name of the change: "create", "write" or "remove".
func (o Op) String() string {
	switch o {
	case Create:
		return "create"
	case Write:
		return "write"
	case Remove:
		return "remove"
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Event is a change to one file. Folders are not reported themselves: a
// new folder is reported as the creation of each file in it, a deleted
// one as the removal of each file it held.
type Event struct {
	// Path is the file's path relative to the watched root, with "/"
	// separators.
	Path string
	Op   Op
}

// String formats the event as "write content/a.ar.md".
func (e Event) String() string { return e.Op.String() + " " + e.Path }

// Default timings.
const (
	// DefaultDebounce is how long the files must stay quiet before a batch
	// is handed over.
	DefaultDebounce = 50 * time.Millisecond
	// DefaultMaxDelay bounds the wait under a continuous stream of events:
	// a batch is handed over at the latest that long after its first event.
	DefaultMaxDelay = 300 * time.Millisecond
	// DefaultPollInterval is how often the files are compared (sizes and
	// modification times) when polling.
	DefaultPollInterval = 500 * time.Millisecond
)

// Options tune a Watcher; the zero value is ready to use.
type Options struct {
	// Poll compares the files every PollInterval instead of asking the
	// system for notifications.
	Poll bool
	// PollInterval defaults to DefaultPollInterval.
	PollInterval time.Duration
	// Debounce defaults to DefaultDebounce.
	Debounce time.Duration
	// MaxDelay defaults to DefaultMaxDelay.
	MaxDelay time.Duration
	// Logf, when set, receives the messages meant for the user, such as
	// the switch to polling; it is called from the watcher's goroutine.
	Logf func(format string, args ...any)

	// For the tests: addWatch replaces fsnotify's Add; clock replaces the
	// system's; seen is told the name of every notification, once noted.
	addWatch func(w *fsnotify.Watcher, dir string) error
	clock    clock
	seen     func(name string)
}

// Watcher watches files under a root and sends their changes in batches.
// Its methods are safe for concurrent use.
type Watcher struct {
	root    string   // absolute
	names   []string // the top-level files and folders watched
	opts    Options
	out     chan []Event
	polling atomic.Bool
	cancel  context.CancelFunc
	done    chan struct{}
	closeMu sync.Mutex
	closed  bool

	// barrier lets a test wait for the goroutine: see settle.
	barrier chan chan waiting

	// Owned by the goroutine (and by New before it starts).
	fsw     *fsnotify.Watcher
	timer   timer            // the end of the wait for a burst to settle
	ticker  timer            // the next poll, when polling
	known   map[string]entry // every watched folder and file, by relative path
	dirty   map[string]*mark // paths with events since the last flush
	first   time.Time        // first event of the dirty set
	rescan  bool             // compare everything at the next flush (lost events)
	held    map[string]Op    // changes of the last poll, kept back because a file went missing
	pending map[string]Op    // changes not yet taken by the receiver
	batch   []Event          // pending, sorted
}

// entry is what the watcher knows of a file or folder.
type entry struct {
	dir  bool
	size int64
	mod  int64 // modification time, in nanoseconds since 1970
}

// mark records the events seen on a path since the last flush.
type mark struct {
	wrote bool      // report a Write even if size and time look unchanged
	gone  time.Time // last remove or rename event, zero if none
}

// New starts watching the files and folders names (top-level names such
// as "content" or "tadafor.yaml") under root, recursively; a name that
// does not exist yet is picked up when it appears. Events are sent on
// Events until ctx is done or Close is called. New returns an error when
// root cannot be read; a system that refuses notifications is not an
// error: the watcher polls instead and says so through opts.Logf.
func New(ctx context.Context, root string, names []string, opts Options) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("watch: %s is not a folder", root)
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = DefaultPollInterval
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.MaxDelay < opts.Debounce {
		opts.MaxDelay = max(DefaultMaxDelay, opts.Debounce)
	}
	if opts.Logf == nil {
		opts.Logf = func(string, ...any) {}
	}
	if opts.addWatch == nil {
		opts.addWatch = func(w *fsnotify.Watcher, dir string) error { return w.Add(dir) }
	}
	if opts.clock == nil {
		opts.clock = systemClock{}
	}
	for _, n := range names {
		if n == "" || strings.ContainsAny(n, `/\`) || n == "." || n == ".." {
			return nil, fmt.Errorf("watch: %q is not a top-level name", n)
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &Watcher{
		root: abs, names: slices.Clone(names), opts: opts, out: make(chan []Event),
		cancel: cancel, done: make(chan struct{}), barrier: make(chan chan waiting),
		known: map[string]entry{}, dirty: map[string]*mark{}, pending: map[string]Op{},
	}
	if opts.Poll {
		w.polling.Store(true)
	} else if fsw, err := fsnotify.NewWatcher(); err != nil && refused(err) {
		w.fallBack(err)
	} else if err != nil {
		opts.Logf("watch: the system cannot report changes (%v); comparing the files every %v instead", err, opts.PollInterval)
		w.polling.Store(true)
	} else {
		w.fsw = fsw
		// The root itself, without recursion, shows the watched names
		// appearing, disappearing and being replaced by rename.
		if err := w.add(abs); err != nil && w.fsw != nil {
			w.fsw.Close()
			w.fsw = nil
			cancel()
			return nil, fmt.Errorf("watch: %w", err)
		}
	}
	discard := map[string]Op{}
	for _, n := range w.names {
		w.reconcile(n, false, discard)
	}
	// The clock starts before New returns: a change made at once counts
	// from now.
	w.timer = opts.clock.NewTimer()
	if w.polling.Load() {
		w.ticker = opts.clock.NewTicker(opts.PollInterval)
	}
	go w.run(ctx)
	return w, nil
}

// Events returns the channel of batches: each batch holds at most one
// event per file, sorted by path. Batches are never empty; while the
// receiver is busy, new changes are merged into the batch waiting for it.
// The channel is closed when the watcher stops.
func (w *Watcher) Events() <-chan []Event { return w.out }

// Polling reports whether the watcher compares files periodically
// instead of receiving notifications.
func (w *Watcher) Polling() bool { return w.polling.Load() }

// Close stops the watcher and waits for its goroutine to end. It returns
// nil, and may be called more than once.
func (w *Watcher) Close() error {
	w.closeMu.Lock()
	defer w.closeMu.Unlock()
	if !w.closed {
		w.closed = true
		w.cancel()
	}
	<-w.done
	return nil
}

func (w *Watcher) run(ctx context.Context) {
	defer close(w.done)
	defer close(w.out)
	defer func() {
		if w.fsw != nil {
			w.fsw.Close()
		}
		if w.ticker != nil {
			w.ticker.Stop()
		}
		w.timer.Stop()
	}()
	for {
		if w.polling.Load() && w.ticker == nil {
			w.ticker = w.opts.clock.NewTicker(w.opts.PollInterval)
		}
		var (
			out   chan<- []Event
			evC   <-chan fsnotify.Event
			errC  <-chan error
			pollC <-chan time.Time
		)
		if len(w.batch) > 0 {
			out = w.out
		}
		if w.fsw != nil {
			evC, errC = w.fsw.Events, w.fsw.Errors
		}
		if w.ticker != nil {
			pollC = w.ticker.C()
		}
		select {
		case <-ctx.Done():
			return
		case out <- w.batch:
			w.batch = nil
			w.pending = map[string]Op{}
		case ev, ok := <-evC:
			if !ok {
				w.fsw = nil
				continue
			}
			now := w.opts.clock.Now()
			if w.note(ev, now) {
				w.schedule(now)
			}
			if w.opts.seen != nil {
				w.opts.seen(ev.Name)
			}
		case err, ok := <-errC:
			if !ok {
				continue
			}
			now := w.opts.clock.Now()
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: compare everything.
				w.rescan = true
			} else {
				w.opts.Logf("watch: %v; comparing every file", err)
				w.rescan = true
			}
			if len(w.dirty) == 0 {
				w.first = now
			}
			w.schedule(now)
		case now := <-w.timer.C():
			w.settled(now)
		case <-pollC:
			w.poll()
		case reply := <-w.barrier:
			// A test moved the clock: take the timer's and the
			// ticker's firings now, in this order, then answer.
			select {
			case now := <-w.timer.C():
				w.settled(now)
			default:
			}
			if w.ticker != nil {
				select {
				case <-w.ticker.C():
					w.poll()
				default:
				}
			}
			reply <- waiting{batch: len(w.batch), busy: len(w.dirty) > 0 || w.rescan || w.held != nil}
		}
	}
}

// waiting is what the goroutine tells a test through the barrier: the
// number of changes handed over next, and whether changes not yet
// handed over wait for the clock (a burst, held removals).
type waiting struct {
	batch int
	busy  bool
}

// schedule sets the timer for the end of the current burst: Debounce
// after its last event, and at most MaxDelay after its first.
func (w *Watcher) schedule(now time.Time) {
	wait := min(w.opts.Debounce, w.first.Add(w.opts.MaxDelay).Sub(now))
	w.timer.Reset(max(wait, 0))
}

// settled handles the end of the wait for a burst to settle.
func (w *Watcher) settled(now time.Time) {
	if w.waitForRename(now) {
		w.schedule(now)
		return
	}
	w.flush()
}

// poll compares every file, when polling.
func (w *Watcher) poll() {
	w.rescan = true
	w.flush()
}

// note records an fsnotify event; it reports whether the event concerns
// a watched path.
func (w *Watcher) note(ev fsnotify.Event, now time.Time) bool {
	rel, ok := w.rel(ev.Name)
	if !ok {
		return false
	}
	if len(w.dirty) == 0 && !w.rescan {
		w.first = now
	}
	m := w.dirty[rel]
	if m == nil {
		m = &mark{}
		w.dirty[rel] = m
	}
	if ev.Op != fsnotify.Chmod {
		// A write, or a file created or replaced (by a rename that may
		// keep its size and time): report it even if it looks the same.
		m.wrote = true
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		m.gone = now
	}
	return true
}

// rel turns an absolute path from fsnotify into a watched relative path,
// or reports that the path is not watched.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	r = filepath.ToSlash(r)
	return r, w.inScope(r)
}

// inScope reports whether a relative path lies in a watched name and no
// part of it is ignored.
func (w *Watcher) inScope(rel string) bool {
	first, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(w.names, first) {
		return false
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		// Only the last part can be a file: the others are folders,
		// and a folder named 2025 is content, not vim's probe.
		dir := i < len(segs)-1
		if !dir && project.ProbeName(seg) {
			dir = w.isDir(rel) // a folder being created, or a probe
		}
		if project.Ignored(seg, dir) {
			return false
		}
	}
	return true
}

// isDir reports whether rel, relative to the root, is a folder now.
func (w *Watcher) isDir(rel string) bool {
	st, err := os.Stat(filepath.Join(w.root, filepath.FromSlash(rel)))
	return err == nil && st.IsDir()
}

// waitForRename reports whether the flush should wait a little longer: a
// file removed or renamed a moment ago is probably being saved by rename,
// and its new version is about to appear. It waits at most MaxDelay
// after the batch's first event.
func (w *Watcher) waitForRename(now time.Time) bool {
	if !now.Before(w.first.Add(w.opts.MaxDelay)) {
		return false
	}
	for rel, m := range w.dirty {
		if m.gone.IsZero() || now.Sub(m.gone) >= 2*w.opts.Debounce {
			continue
		}
		if _, err := os.Lstat(w.abs(rel)); errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	return false
}

// flush compares the dirty paths (or everything, after lost events or
// when polling) with what is known and adds the differences to the batch
// waiting for the receiver.
func (w *Watcher) flush() {
	events := map[string]Op{}
	if w.rescan {
		for _, n := range w.names {
			w.reconcile(n, false, events)
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(w.dirty)) {
		w.reconcile(rel, w.dirty[rel].wrote, events)
	}
	w.rescan = false
	clear(w.dirty)
	if w.polling.Load() && w.holdRemovals(events) {
		return
	}
	if len(events) == 0 {
		return
	}
	for p, op := range events {
		record(w.pending, p, op)
	}
	w.batch = w.batch[:0:0]
	for _, p := range slices.Sorted(maps.Keys(w.pending)) {
		w.batch = append(w.batch, Event{Path: p, Op: w.pending[p]})
	}
}

// holdRemovals keeps a poll's changes back until the next poll when a
// file was found missing: a file saved by rename may be missing for a
// moment, and found again it is a Write, not a Remove then a Create. It
// reports whether the changes were kept back.
func (w *Watcher) holdRemovals(events map[string]Op) (held bool) {
	if w.held != nil {
		for p, op := range events {
			record(w.held, p, op)
		}
		clear(events)
		maps.Copy(events, w.held)
		w.held = nil
		return false
	}
	for _, op := range events {
		if op == Remove {
			w.held = maps.Clone(events)
			return true
		}
	}
	return false
}

// merge combines a change waiting for the receiver (0 if none) with a
// newer one; keep is false when they cancel out (created, then removed).
func merge(old, op Op) (merged Op, keep bool) {
	switch {
	case old == 0:
		return op, true
	case old == Create && op == Remove:
		return 0, false
	case old == Create:
		return Create, true
	case old == Remove && op != Remove:
		return Write, true
	}
	return op, true
}

// record adds a change found by a comparison to events.
func record(events map[string]Op, rel string, op Op) {
	if merged, keep := merge(events[rel], op); keep {
		events[rel] = merged
	} else {
		delete(events, rel)
	}
}

func (w *Watcher) abs(rel string) string { return filepath.Join(w.root, filepath.FromSlash(rel)) }

// stat describes the path as the watcher sees it: a symbolic link to a
// file counts as that file; a link to a folder is followed only for a
// watched name (themes/ kept elsewhere in the project). Whether a link
// may be read at all is the loaders' business (see package project):
// noticing a change to a link they refuse only makes them say so again.
func (w *Watcher) stat(rel string) (e entry, ok bool) {
	abs := w.abs(rel)
	info, err := os.Lstat(abs)
	if err != nil {
		return entry{}, false
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		if info, err = os.Stat(abs); err != nil || (info.IsDir() && strings.Contains(rel, "/")) {
			return entry{}, false
		}
	}
	return entry{dir: info.IsDir(), size: info.Size(), mod: info.ModTime().UnixNano()}, true
}

// reconcile brings what is known of rel up to date with the disk and
// records the differences.
func (w *Watcher) reconcile(rel string, wrote bool, events map[string]Op) {
	if !w.inScope(rel) {
		return
	}
	cur, exists := w.stat(rel)
	old, had := w.known[rel]
	if had && (!exists || old.dir != cur.dir) {
		w.forget(rel, events)
		had = false
	}
	switch {
	case !exists:
	case cur.dir:
		w.scanDir(rel, events)
	case !had:
		w.known[rel] = cur
		record(events, rel, Create)
	case wrote || cur != old:
		w.known[rel] = cur
		record(events, rel, Write)
	}
}

// forget drops rel and everything known under it, recording the removal
// of each file.
func (w *Watcher) forget(rel string, events map[string]Op) {
	prefix := rel + "/"
	for p, e := range w.known {
		if p != rel && !strings.HasPrefix(p, prefix) {
			continue
		}
		delete(w.known, p)
		if e.dir {
			if w.fsw != nil {
				_ = w.fsw.Remove(w.abs(p)) // the system usually dropped it already
			}
		} else {
			record(events, p, Remove)
		}
	}
}

// scanDir walks the folder rel: it watches the folders not watched yet
// (before listing them, so that no file created meanwhile is missed), and
// records the files created, changed or gone since the last look.
func (w *Watcher) scanDir(rel string, events map[string]Op) {
	seen := map[string]bool{}
	base := w.abs(rel)
	// The final separator makes the walk enter a watched name that is a
	// link to a folder.
	_ = filepath.WalkDir(base+string(filepath.Separator), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile: its own event follows
		}
		p = filepath.Clean(p)
		r, rerr := filepath.Rel(w.root, p)
		if rerr != nil {
			return nil
		}
		r = filepath.ToSlash(r)
		if p != base && project.Ignored(d.Name(), d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		cur, ok := w.stat(r)
		if !ok {
			return nil
		}
		seen[r] = true
		old, had := w.known[r]
		if had && old.dir != cur.dir {
			w.forget(r, events)
			had = false
		}
		if cur.dir {
			if !had && w.fsw != nil {
				if err := w.add(p); err != nil {
					w.opts.Logf("watch: %v", err)
				}
			}
			w.known[r] = cur
			return nil
		}
		switch {
		case !had:
			record(events, r, Create)
		case cur != old:
			record(events, r, Write)
		}
		w.known[r] = cur
		return nil
	})
	prefix := rel + "/"
	for p := range w.known {
		if (p == rel || strings.HasPrefix(p, prefix)) && !seen[p] {
			if _, still := w.known[p]; still {
				w.forget(p, events)
			}
		}
	}
}

// add watches one folder; when the system refuses more watches, the
// watcher switches to polling and add returns nil.
func (w *Watcher) add(dir string) error {
	err := w.opts.addWatch(w.fsw, dir)
	if err == nil || !refused(err) {
		return err
	}
	w.fallBack(err)
	return nil
}

// refused reports whether err says the system has no room for more
// watches or open files.
func refused(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) || errors.Is(err, syscall.ENFILE)
}

// fallBack stops the notifications and switches to polling, telling the
// user why and how to get the notifications back.
func (w *Watcher) fallBack(err error) {
	w.opts.Logf("%s", refusal(err, w.opts.PollInterval))
	if w.fsw != nil {
		w.fsw.Close()
		w.fsw = nil
	}
	w.polling.Store(true)
}

// refusal is the message shown when the system refuses to watch.
func refusal(err error, every time.Duration) string {
	what := "too many open files"
	fix := "raise the limit of open files (ulimit -n)"
	if errors.Is(err, syscall.ENOSPC) {
		what = "the limit of watched folders is reached"
		if runtime.GOOS == "linux" {
			fix = "raise it, e.g. sudo sysctl fs.inotify.max_user_watches=524288"
		}
	} else if runtime.GOOS == "linux" {
		fix = "raise the limit, e.g. sudo sysctl fs.inotify.max_user_instances=512, or ulimit -n"
	}
	return fmt.Sprintf("watch: the system refuses to watch more files (%s: %v); "+
		"falling back to polling every %v, which notices changes more slowly; to be notified again, %s and restart",
		what, err, every, fix)
}
