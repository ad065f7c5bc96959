package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// marker is written at the top of every output folder; a folder without
// it is never replaced, so that a mistaken --out cannot delete a folder
// that tadafor did not make.
const marker = ".tadafor-output"

// checkOut refuses an output folder that is, contains or lies inside the
// project's inputs, or that holds files tadafor did not write.
func checkOut(root, out string) error {
	absRoot, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if absOut == filepath.Dir(absOut) {
		return fmt.Errorf("refusing to write into %s: choose a folder such as public", out)
	}
	if absOut == absRoot || within(absRoot, absOut) {
		return fmt.Errorf("refusing to write into %s: it contains the project; choose a folder such as public", out)
	}
	for _, input := range []string{"content", "communes", "themes", ".git"} {
		in := filepath.Join(absRoot, input)
		if absOut == in || within(absOut, in) {
			return fmt.Errorf("refusing to write into %s: it is inside the project's %s/ folder; choose a folder such as public", out, input)
		}
	}
	entries, err := os.ReadDir(absOut)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("check output folder: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(absOut, marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it was not made by tadafor build (no %s file); remove it or choose another --out", out, marker)
	}
	return nil
}

// within reports whether path lies inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// stage is a folder beside the target, filled by the build and renamed
// over the target only when everything succeeded.
type stage struct {
	target     string
	dir        string
	done       bool
	keepMarker bool // false when the stage is one commune inside the output folder
}

// markOut creates the output folder with its marker when it does not
// exist yet, so that building one commune first still leaves a folder
// that later builds may replace.
func markOut(out string) error {
	if _, err := os.Stat(out); err == nil {
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	return os.WriteFile(filepath.Join(out, marker), []byte("Built by tadafor. This folder is replaced by every build.\n"), 0o644)
}

func newStage(target string) (*stage, error) {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output folder: %w", err)
	}
	removeLeftovers(parent, filepath.Base(target))
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".staging-")
	if err != nil {
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, marker), []byte("Built by tadafor. This folder is replaced by every build.\n"), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("create staging folder: %w", err)
	}
	return &stage{target: target, dir: dir}, nil
}

// removeLeftovers deletes the staging and retired folders of builds that
// were interrupted, recognised by their name and marker.
func removeLeftovers(parent, base string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() || !(strings.HasPrefix(name, "."+base+".staging-") || strings.HasPrefix(name, "."+base+".old-")) {
			continue
		}
		dir := filepath.Join(parent, name)
		if _, err := os.Stat(filepath.Join(dir, marker)); err == nil {
			os.RemoveAll(dir)
		}
	}
}

// commit puts the staging folder in the target's place: the old target
// is renamed aside, the stage renamed in, then the old one removed. If the
// second rename fails the old target is put back.
func (s *stage) commit() error {
	if !s.keepMarker {
		if err := os.Remove(filepath.Join(s.dir, marker)); err != nil {
			return err
		}
	}
	old := ""
	if _, err := os.Lstat(s.target); err == nil {
		old = filepath.Join(filepath.Dir(s.target), "."+filepath.Base(s.target)+".old-"+filepath.Base(s.dir))
		if err := os.Rename(s.target, old); err != nil {
			return fmt.Errorf("replace %s: %w", s.target, err)
		}
	}
	if err := os.Rename(s.dir, s.target); err != nil {
		if old != "" {
			os.Rename(old, s.target)
		}
		return fmt.Errorf("replace %s: %w", s.target, err)
	}
	s.done = true
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove the previous output: %w", err)
		}
	}
	return nil
}

// discard removes the staging folder unless it was committed.
func (s *stage) discard() {
	if !s.done {
		os.RemoveAll(s.dir)
	}
}
