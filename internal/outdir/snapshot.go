package outdir

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Snapshot is the output folder as one build left it, for a reader that
// takes a while (a deploy): a tree of hard links beside the output, made
// while holding the output's lock, so that it is never a build's half and
// a build that replaces the output meanwhile changes nothing in it —
// builds never write into a file they have published, they swap in new
// ones. Where the file system has no hard links, files are copied.
type Snapshot struct {
	// Dir is the snapshot's folder; Dir/rel is what out/rel was.
	Dir string
	// inUse is held open and locked while the snapshot is in use, so that
	// another process removes only the snapshots that nobody reads.
	inUse *os.File
}

// snapshotKind names the snapshots beside an output folder.
const snapshotKind = ".snapshot-"

// inUseFile, at the top of a snapshot, is locked while it is read; like
// every name starting with ".tadafor-" it is not part of a site.
const inUseFile = ".tadafor-in-use"

// TakeSnapshot waits for any build of the output folder out to finish
// (calling waiting once if it must wait, giving up when ctx is done),
// then links the entries parts of out (slash paths relative to it; ""
// is the whole folder) into a new snapshot. It first removes the
// snapshots that earlier processes left and nobody uses.
func TakeSnapshot(ctx context.Context, out string, parts []string, waiting func()) (*Snapshot, error) {
	lock, err := Acquire(ctx, out, waiting)
	if err != nil {
		return nil, err
	}
	defer lock.Release()
	removeUnusedSnapshots(out)
	dir, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+snapshotKind)
	if err != nil {
		return nil, fmt.Errorf("snapshot of %s: %w", out, err)
	}
	s := &Snapshot{Dir: dir}
	if s.inUse, err = os.OpenFile(filepath.Join(dir, inUseFile), os.O_RDWR|os.O_CREATE, 0o644); err == nil {
		_, err = tryLock(s.inUse)
	}
	for _, part := range parts {
		if err != nil {
			break
		}
		err = linkTree(filepath.Join(out, filepath.FromSlash(part)), filepath.Join(dir, filepath.FromSlash(part)))
	}
	if err != nil {
		s.Remove()
		return nil, fmt.Errorf("snapshot of %s: %w", out, err)
	}
	return s, nil
}

// Remove deletes the snapshot; the output folder is not touched.
func (s *Snapshot) Remove() error {
	if s.inUse != nil {
		s.inUse.Close()
	}
	return os.RemoveAll(s.Dir)
}

// removeUnusedSnapshots deletes the snapshots beside out that no process
// holds (a deploy that was killed leaves its own).
func removeUnusedSnapshots(out string) {
	entries, _ := os.ReadDir(filepath.Dir(out))
	prefix := "." + filepath.Base(out) + snapshotKind
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(filepath.Dir(out), e.Name())
		f, err := os.OpenFile(filepath.Join(dir, inUseFile), os.O_RDWR, 0)
		if err != nil {
			continue // not one of ours, or being made: left alone
		}
		free, err := tryLock(f)
		f.Close() // closing releases the lock just taken
		if err == nil && free {
			os.RemoveAll(dir)
		}
	}
}

// linkTree makes to a tree of hard links to the regular files under
// from, with the same folders; other entries (the build writes none) are
// left out. from must exist.
func linkTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		target := filepath.Join(to, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case d.Type().IsRegular():
			return linkOrCopy(p, target)
		}
		return nil
	})
}

// linkOrCopy makes to a hard link to from, or a copy of it where the file
// system refuses links.
func linkOrCopy(from, to string) error {
	err := os.Link(from, to)
	var linkErr *os.LinkError
	if err == nil || !errors.As(err, &linkErr) || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrExist) {
		return err
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	w, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, in); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}
