package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// wait bounds how long a test waits for the watcher to do what it must:
// an upper bound for a machine in trouble, never what decides a test.
// The watcher's timers run on a clock the tests move by hand (see
// fakeClock and settle), so no test depends on the speed of the machine.
const wait = time.Minute

// newProject makes a root with content/ and the given files (path → text).
func newProject(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	for p, text := range files {
		write(t, root, p, text)
	}
	return root
}

func write(t *testing.T, root, rel, text string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

// logs collects the messages of a watcher.
type logs struct {
	mu   sync.Mutex
	msgs []string
}

func (l *logs) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, fmt.Sprintf(format, args...))
}

func (l *logs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.msgs, "\n")
}

// testWatcher is a Watcher on a fake clock, with what a test needs to
// know when it has seen every change made so far.
type testWatcher struct {
	*Watcher
	t     *testing.T
	clock *fakeClock

	mu    sync.Mutex
	waits map[string]chan struct{} // by base name of the file awaited
	syncs int
}

// start watches root on a fake clock.
func start(t *testing.T, root string, opts Options) (*testWatcher, *logs) {
	t.Helper()
	l := &logs{}
	tw := &testWatcher{t: t, clock: newFakeClock(), waits: map[string]chan struct{}{}}
	opts.Logf = l.logf
	opts.clock = tw.clock
	opts.seen = tw.seen
	w, err := New(context.Background(), root, []string{"content", "communes", "themes", "tadafor.yaml"}, opts)
	if err != nil {
		t.Fatal(err)
	}
	tw.Watcher = w
	t.Cleanup(func() { w.Close() })
	return tw, l
}

// seen is told by the watcher of each notification it noted.
func (w *testWatcher) seen(name string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if ch, ok := w.waits[filepath.Base(name)]; ok {
		close(ch)
		delete(w.waits, filepath.Base(name))
	}
}

// sync returns once the watcher has noted every notification of the
// changes made so far: it writes a file the watcher ignores, in content/,
// and waits for the watcher to see it, after all that came before it.
// Polling needs no notification.
func (w *testWatcher) sync() {
	w.t.Helper()
	if w.Polling() {
		return
	}
	w.mu.Lock()
	w.syncs++
	name := fmt.Sprintf(".sync-%d", w.syncs)
	ch := make(chan struct{})
	w.waits[name] = ch
	w.mu.Unlock()
	if err := os.WriteFile(filepath.Join(w.root, "content", name), nil, 0o644); err != nil {
		w.t.Fatal(err)
	}
	select {
	case <-ch:
	case <-time.After(wait):
		w.t.Fatalf("the watcher did not see %s after %v", name, wait)
	}
}

// step moves the clock by d and returns, once the watcher has handled
// what the clock brought, what it has waiting.
func (w *testWatcher) step(d time.Duration) waiting {
	w.t.Helper()
	w.clock.Advance(d)
	reply := make(chan waiting)
	select {
	case w.barrier <- reply:
	case <-time.After(wait):
		w.t.Fatalf("the watcher did not answer after %v", wait)
	}
	return <-reply
}

// settle lets the files stay quiet for a long while: the clock moves on
// until nothing waits for it any more (a burst, removals held back by a
// poll), and settle returns what is handed over next.
func (w *testWatcher) settle() waiting {
	w.t.Helper()
	for range 5 {
		if st := w.step(time.Hour); !st.busy {
			return st
		}
	}
	w.t.Fatal("the watcher is still busy after five hours of quiet")
	return waiting{}
}

// next waits for the next batch and returns it as strings.
func next(t *testing.T, w *testWatcher) []string {
	t.Helper()
	select {
	case batch, ok := <-w.Events():
		if !ok {
			t.Fatal("the watcher stopped")
		}
		out := make([]string, len(batch))
		for i, e := range batch {
			out[i] = e.String()
		}
		return out
	case <-time.After(wait):
		t.Fatalf("no batch after %v", wait)
	}
	return nil
}

// expect lets the changes made so far settle and compares the batch they
// make with want.
func expect(t *testing.T, w *testWatcher, what string, want ...string) {
	t.Helper()
	w.sync()
	if st := w.settle(); st.batch == 0 {
		t.Errorf("%s: no batch, want %q", what, want)
		return
	}
	if got := next(t, w); !slices.Equal(got, want) {
		t.Errorf("%s: got batch %q, want %q", what, got, want)
	}
}

// none checks that the changes made so far make no batch.
func none(t *testing.T, w *testWatcher, what string) {
	t.Helper()
	w.sync()
	if st := w.settle(); st.batch > 0 {
		t.Errorf("%s: unexpected batch %q", what, next(t, w))
	}
}

func TestFiles(t *testing.T) {
	t.Parallel()
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			t.Parallel()
			root := newProject(t, map[string]string{"content/old.ar.md": "old"})
			w, _ := start(t, root, Options{Poll: poll, PollInterval: 50 * time.Millisecond})
			if w.Polling() != poll {
				t.Fatalf("Polling() = %v", w.Polling())
			}
			steps := []struct {
				what string
				do   func()
				want []string
			}{
				{"create", func() { write(t, root, "content/a.ar.md", "one") }, []string{"create content/a.ar.md"}},
				{"write", func() { write(t, root, "content/a.ar.md", "two, longer") }, []string{"write content/a.ar.md"}},
				{"rename-save (write a temporary file, rename it over)", func() {
					write(t, root, "content/a.ar.md.tmp", "three, longer still")
					rename(t, root, "content/a.ar.md.tmp", "content/a.ar.md")
				}, []string{"write content/a.ar.md"}},
				{"vim save (move aside to a backup, write anew, drop the backup)", func() {
					write(t, root, "content/4913", "")
					remove(t, root, "content/4913")
					rename(t, root, "content/a.ar.md", "content/a.ar.md~")
					write(t, root, "content/a.ar.md", "four, even longer")
					remove(t, root, "content/a.ar.md~")
				}, []string{"write content/a.ar.md"}},
				{"JetBrains save", func() {
					write(t, root, "content/a.ar.md___jb_tmp___", "five, longer than before")
					rename(t, root, "content/a.ar.md", "content/a.ar.md___jb_old___")
					rename(t, root, "content/a.ar.md___jb_tmp___", "content/a.ar.md")
					remove(t, root, "content/a.ar.md___jb_old___")
				}, []string{"write content/a.ar.md"}},
				{"remove", func() { remove(t, root, "content/a.ar.md") }, []string{"remove content/a.ar.md"}},
				{"burst", func() {
					for i := range 20 {
						write(t, root, fmt.Sprintf("content/b%02d.fr.md", i), "x")
					}
					remove(t, root, "content/old.ar.md")
				}, burst()},
				{"settings file, then saved by rename", func() {
					write(t, root, "tadafor.yaml", "a: 1")
					write(t, root, "tadafor.yaml.tmp", "a: 22")
					rename(t, root, "tadafor.yaml.tmp", "tadafor.yaml")
				}, []string{"create tadafor.yaml"}},
			}
			for _, s := range steps {
				s.do()
				expect(t, w, s.what, s.want...)
			}
		})
	}
}

func burst() []string {
	var want []string
	for i := range 20 {
		want = append(want, fmt.Sprintf("create content/b%02d.fr.md", i))
	}
	return append(want, "remove content/old.ar.md")
}

func TestFolders(t *testing.T) {
	t.Parallel()
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			t.Parallel()
			root := newProject(t, nil)
			outside := t.TempDir()
			w, _ := start(t, root, Options{Poll: poll, PollInterval: 50 * time.Millisecond})
			steps := []struct {
				what string
				do   func()
				want []string
			}{
				{"new folders with a file", func() { write(t, root, "content/new/sub/a.ar.md", "a") }, []string{"create content/new/sub/a.ar.md"}},
				{"a file in the new folder", func() { write(t, root, "content/new/sub/b.ar.md", "b") }, []string{"create content/new/sub/b.ar.md"}},
				{"a write in the new folder", func() { write(t, root, "content/new/sub/b.ar.md", "bb") }, []string{"write content/new/sub/b.ar.md"}},
				{"delete the folder", func() { remove(t, root, "content/new") }, []string{"remove content/new/sub/a.ar.md", "remove content/new/sub/b.ar.md"}},
				{"re-create it", func() { write(t, root, "content/new/sub/c.fr.md", "c") }, []string{"create content/new/sub/c.fr.md"}},
				{"a write in the re-created folder", func() { write(t, root, "content/new/sub/c.fr.md", "cc") }, []string{"write content/new/sub/c.fr.md"}},
				{"move a folder in", func() {
					write(t, outside, "moved/x.ar.md", "x")
					write(t, outside, "moved/deep/y.fr.md", "y")
					if err := os.Rename(filepath.Join(outside, "moved"), filepath.Join(root, "content", "moved")); err != nil {
						t.Fatal(err)
					}
				}, []string{"create content/moved/deep/y.fr.md", "create content/moved/x.ar.md"}},
				{"a write in the moved folder", func() { write(t, root, "content/moved/deep/y.fr.md", "yy") }, []string{"write content/moved/deep/y.fr.md"}},
				{"move it out", func() {
					if err := os.Rename(filepath.Join(root, "content", "moved"), filepath.Join(outside, "gone")); err != nil {
						t.Fatal(err)
					}
				}, []string{"remove content/moved/deep/y.fr.md", "remove content/moved/x.ar.md"}},
				{"a top-level folder that did not exist", func() { write(t, root, "communes/x/commune.yaml", "name: x") }, []string{"create communes/x/commune.yaml"}},
				{"a folder replaced by a file", func() {
					remove(t, root, "communes/x")
					write(t, root, "communes/x", "now a file")
				}, []string{"create communes/x", "remove communes/x/commune.yaml"}},
			}
			for _, s := range steps {
				s.do()
				expect(t, w, s.what, s.want...)
			}
			// The moved-out folder is no longer watched.
			write(t, outside, "gone/z.ar.md", "z")
			none(t, w, "a file written in the folder moved out")
		})
	}
}

// TestSymlinks follows a watched name that is a link to a folder (a
// themes/ kept elsewhere in the project), and no other link to a folder.
func TestSymlinks(t *testing.T) {
	t.Parallel()
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			t.Parallel()
			root := newProject(t, nil)
			shared := filepath.Join(root, "vendor")
			write(t, shared, "default/layouts/base.html", "base")
			if err := os.Symlink(shared, filepath.Join(root, "themes")); err != nil {
				t.Skip("no symbolic links here:", err)
			}
			elsewhere := t.TempDir()
			if err := os.Symlink(elsewhere, filepath.Join(root, "content", "linked")); err != nil {
				t.Fatal(err)
			}
			w, _ := start(t, root, Options{Poll: poll, PollInterval: 50 * time.Millisecond})
			write(t, elsewhere, "a.fr.md", "not followed")
			write(t, shared, "default/layouts/base.html", "base, edited")
			expect(t, w, "a file in a linked themes folder", "write themes/default/layouts/base.html")
		})
	}
}

func TestIgnoredFiles(t *testing.T) {
	t.Parallel()
	root := newProject(t, nil)
	w, _ := start(t, root, Options{})
	for _, name := range []string{
		".a.ar.md.swp", "a.ar.md.swp", "a.ar.md~", ".#a.ar.md", "#a.ar.md#", "4913", "5036", "a.tmp",
		".DS_Store", "a.ar.md___jb_tmp___", "Thumbs.db", "sedAb12Cd",
	} {
		write(t, root, "content/"+name, "x")
	}
	write(t, root, "content/.git/HEAD", "x")
	write(t, root, "public/index.html", "not watched")
	none(t, w, "editor files")
	write(t, root, "content/.hidden/a.ar.md", "in a hidden folder")
	write(t, root, "content/a.ar.md", "x")
	expect(t, w, "a real file after editor files", "create content/a.ar.md")
}

// TestFolderNamedLikeAProbe checks that files in a folder named by a
// year, as news archives are, are watched: only files are vim's probes.
func TestFolderNamedLikeAProbe(t *testing.T) {
	t.Parallel()
	for _, poll := range []bool{false, true} {
		t.Run(fmt.Sprintf("poll=%v", poll), func(t *testing.T) {
			t.Parallel()
			root := newProject(t, map[string]string{"content/news/2025/a.ar.md": "old"})
			w, _ := start(t, root, Options{Poll: poll, PollInterval: 50 * time.Millisecond})
			write(t, root, "content/news/2025/a.ar.md", "edited")
			expect(t, w, "a file in a folder named 2025", "write content/news/2025/a.ar.md")
		})
	}
}

// TestContinuousEvents checks that a stream of writes with no pause is
// handed over every MaxDelay, not held back until it stops: a write every
// 10 ms never leaves the files quiet for the Debounce of 50 ms.
func TestContinuousEvents(t *testing.T) {
	t.Parallel()
	root := newProject(t, nil)
	const debounce, maxDelay, every = 50 * time.Millisecond, 200 * time.Millisecond, 10 * time.Millisecond
	w, _ := start(t, root, Options{Debounce: debounce, MaxDelay: maxDelay})
	begin := w.clock.Now()
	var handed []time.Duration // when each batch was handed over, since begin
	for i := 0; len(handed) < 3; i++ {
		if i > 100 {
			t.Fatalf("%d batches after %d writes, %v apart", len(handed), i, every)
		}
		write(t, root, "content/a.ar.md", strings.Repeat("x", i+1))
		w.sync()
		if st := w.step(every); st.batch > 0 {
			handed = append(handed, w.clock.Now().Sub(begin))
			if got := next(t, w); !slices.Equal(got, []string{"create content/a.ar.md"}) && !slices.Equal(got, []string{"write content/a.ar.md"}) {
				t.Errorf("batch %d: %q", len(handed), got)
			}
		}
	}
	want := []time.Duration{maxDelay, 2 * maxDelay, 3 * maxDelay}
	if !slices.Equal(handed, want) {
		t.Errorf("batches handed over at %v, want %v", handed, want)
	}
}

// TestRenameGrace checks that a file renamed away is not reported removed
// while it may be coming back (a save by rename), as long as the burst
// lasts less than MaxDelay.
func TestRenameGrace(t *testing.T) {
	t.Parallel()
	root := newProject(t, map[string]string{"content/a.ar.md": "old"})
	w, _ := start(t, root, Options{Debounce: 50 * time.Millisecond, MaxDelay: 300 * time.Millisecond})
	rename(t, root, "content/a.ar.md", "content/a.ar.md~")
	w.sync()
	// The debounce ends, but the file went away a moment ago: wait.
	if st := w.step(50 * time.Millisecond); st.batch > 0 || !st.busy {
		t.Fatalf("after the debounce: %+v, want the removal held back", st)
	}
	write(t, root, "content/a.ar.md", "new, longer")
	expect(t, w, "the file back within the grace", "write content/a.ar.md")

	// Gone for good: reported once the grace is over.
	remove(t, root, "content/a.ar.md")
	w.sync()
	if st := w.step(50 * time.Millisecond); st.batch > 0 || !st.busy {
		t.Fatalf("after the debounce: %+v, want the removal held back", st)
	}
	if st := w.step(50 * time.Millisecond); st.batch != 1 || st.busy {
		t.Fatalf("after twice the debounce: %+v, want the removal", st)
	}
	if got := next(t, w); !slices.Equal(got, []string{"remove content/a.ar.md"}) {
		t.Errorf("got %q", got)
	}
}

// TestFallBackToPolling makes the system refuse a watch and checks that
// the watcher says so and keeps reporting changes by polling.
func TestFallBackToPolling(t *testing.T) {
	t.Parallel()
	tests := []struct {
		err  error
		want string
	}{
		{syscall.ENOSPC, "limit of watched folders"},
		{syscall.EMFILE, "too many open files"},
	}
	for _, tt := range tests {
		t.Run(tt.err.Error(), func(t *testing.T) {
			t.Parallel()
			root := newProject(t, map[string]string{"content/a/a.ar.md": "a"})
			var mu sync.Mutex
			calls := 0
			opts := Options{PollInterval: 50 * time.Millisecond, addWatch: func(w *fsnotify.Watcher, dir string) error {
				mu.Lock()
				defer mu.Unlock()
				calls++
				if calls > 2 { // the root and content/ are watched, then no more
					return fmt.Errorf("add %q: %w", dir, tt.err)
				}
				return w.Add(dir)
			}}
			w, l := start(t, root, opts)
			if !w.Polling() {
				t.Fatal("not polling after the system refused a watch")
			}
			if msg := l.String(); !strings.Contains(msg, tt.want) || !strings.Contains(msg, "falling back to polling every 50ms") {
				t.Errorf("message %q does not explain the fallback", msg)
			}
			write(t, root, "content/a/b/c.fr.md", "c")
			expect(t, w, "a file in a new folder, by polling", "create content/a/b/c.fr.md")
			remove(t, root, "content/a")
			expect(t, w, "a deleted folder, by polling", "remove content/a/a.ar.md", "remove content/a/b/c.fr.md")
		})
	}
}

func TestClose(t *testing.T) {
	t.Parallel()
	root := newProject(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	w, err := New(ctx, root, []string{"content"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case _, ok := <-w.Events():
		if ok {
			t.Error("a batch after the context was cancelled")
		}
	case <-time.After(wait):
		t.Fatal("the events channel is still open after the context was cancelled")
	}
	if err := w.Close(); err != nil {
		t.Error(err)
	}
	if err := w.Close(); err != nil {
		t.Error("second Close:", err)
	}
}

func TestNewErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	tests := []struct {
		root  string
		names []string
		want  string
	}{
		{filepath.Join(root, "missing"), []string{"content"}, "no such file"},
		{root, []string{"content/sub"}, "not a top-level name"},
	}
	for _, tt := range tests {
		w, err := New(context.Background(), tt.root, tt.names, Options{})
		if err == nil {
			w.Close()
			t.Errorf("New(%s, %q) succeeded", tt.root, tt.names)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%s, %q): %v, want %q", tt.root, tt.names, err, tt.want)
		}
	}
}
