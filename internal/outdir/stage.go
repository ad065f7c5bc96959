package outdir

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The folders a build makes beside its target T, in T's parent:
//
//	.T.staging-X  being written; incomplete
//	.T.ready-X    complete, about to take T's place (or, after the swap,
//	              holding the previous output, about to be removed)
//	.T.old-X      the previous output, renamed aside when the system
//	              cannot swap in one step
//
// Any of them may be left by a build that was killed. They are only ever
// handled under the output's lock, so none belongs to a live build.
const (
	staging = ".staging-"
	ready   = ".ready-"
	old     = ".old-"
)

// Outcome says where the target stands after Commit.
type Outcome int

const (
	// Unchanged: the target is as it was (the new output was discarded).
	Unchanged Outcome = iota
	// Replaced: the new output is in place.
	Replaced
	// Missing: the target is missing; the new output, complete, is in
	// Stage.Aside (the previous one beside it), and the next build puts
	// it in place.
	Missing
)

// Stage is a staging folder beside a target folder, filled by a build
// and put in the target's place by Commit. Its methods must be called
// while holding the output's Lock.
type Stage struct {
	target string
	dir    string
	// inOutput is set for a commune's folder inside the output folder:
	// the output folder is tadafor's, so every leftover in it is too,
	// and the commune's folder carries no marker.
	inOutput bool
	done     bool
	sys      system
	// Aside is where the new output is when Commit leaves the target
	// Missing.
	Aside string
}

// system is what Commit asks of the system; the tests make parts of it
// fail where a real system may, to check every way out of a swap.
type system struct {
	rename    func(from, to string) error
	exchange  func(a, b string) error
	removeAll func(path string) error
}

// theSystem is the real one.
var theSystem = system{rename: os.Rename, exchange: exchange, removeAll: os.RemoveAll}

// NewStage recovers what interrupted builds left beside target and
// creates an empty staging folder. inOutput is set when target is a
// folder inside the output folder (one commune's site). notes say what
// the recovery did that the user should know.
func NewStage(target string, inOutput bool) (s *Stage, notes []string, err error) {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create output folder: %w", err)
	}
	s = &Stage{target: target, inOutput: inOutput, sys: theSystem}
	if notes, err = s.recover(); err != nil {
		return nil, notes, err
	}
	dir, err := os.MkdirTemp(parent, s.prefix(staging))
	if err != nil {
		return nil, notes, fmt.Errorf("create staging folder: %w", err)
	}
	s.dir = dir
	if err := os.Chmod(dir, 0o755); err != nil {
		s.Discard()
		return nil, notes, err
	}
	if !inOutput {
		if err := writeMarker(dir); err != nil {
			s.Discard()
			return nil, notes, fmt.Errorf("create staging folder: %w", err)
		}
	}
	return s, notes, nil
}

// Dir is the staging folder, where the build writes.
func (s *Stage) Dir() string { return s.dir }

// prefix is the start of the names of the folders of this kind.
func (s *Stage) prefix(kind string) string { return "." + filepath.Base(s.target) + kind }

// leftover is a folder an earlier build left.
type leftover struct {
	path, kind string
	mod        int64
}

// leftovers lists the folders earlier builds left beside the target,
// recognised by their name and, outside the output folder, by the marker.
func (s *Stage) leftovers() []leftover {
	parent := filepath.Dir(s.target)
	entries, _ := os.ReadDir(parent)
	var list []leftover
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		for _, kind := range []string{staging, ready, old} {
			if !strings.HasPrefix(e.Name(), s.prefix(kind)) {
				continue
			}
			p := filepath.Join(parent, e.Name())
			info, err := e.Info()
			if err != nil {
				break
			}
			if _, err := os.Stat(filepath.Join(p, Marker)); err == nil || s.inOutput {
				list = append(list, leftover{path: p, kind: kind, mod: info.ModTime().UnixNano()})
			}
			break
		}
	}
	return list
}

// recover deals with the leftovers of interrupted builds. When the
// target exists it is the output in place: the leftovers are removed.
// When it is missing (a build was killed between the two renames of a
// swap), the newest complete leftover — a ready folder, else an old one —
// is put in its place first, so that the only copy of an output is never
// deleted.
func (s *Stage) recover() (notes []string, err error) {
	list := s.leftovers()
	if len(list) == 0 {
		return nil, nil
	}
	if _, err := os.Lstat(s.target); errors.Is(err, os.ErrNotExist) {
		rank := func(l leftover) int { return map[string]int{staging: 0, old: 1, ready: 2}[l.kind] }
		best := slices.MaxFunc(list, func(a, b leftover) int {
			return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a.mod, b.mod))
		})
		if best.kind != staging {
			if err := os.Rename(best.path, s.target); err != nil {
				return nil, fmt.Errorf("put back the output left by an interrupted build (%s): %w", best.path, err)
			}
			notes = append(notes, fmt.Sprintf("%s was missing after an interrupted build: the newest complete output, %s, was put back", s.target, filepath.Base(best.path)))
			list = slices.DeleteFunc(list, func(l leftover) bool { return l == best })
		}
	} else if err != nil {
		return nil, err
	}
	for _, l := range list {
		if err := os.RemoveAll(l.path); err != nil {
			notes = append(notes, fmt.Sprintf("cannot remove %s, left by an interrupted build: %v; remove it by hand", l.path, err))
		}
	}
	return notes, nil
}

// Commit puts the staging folder in the target's place, in one step
// where the system allows it (see the package doc), then removes the
// previous output. It reports where the target stands: Unchanged with an
// error when nothing was replaced, Replaced when the new output is in
// place (with a nil error, or an error about removing the previous
// output, which the next build finishes), Missing with an error when the
// target could be neither replaced nor put back (see Aside).
func (s *Stage) Commit() (Outcome, error) {
	// Renamed, the staging folder says it is complete: a build killed
	// from now on leaves an output the next one may put back.
	complete := filepath.Join(filepath.Dir(s.target), s.prefix(ready)+s.suffix())
	if err := s.sys.rename(s.dir, complete); err != nil {
		return Unchanged, fmt.Errorf("replace %s: %w", s.target, err)
	}
	s.dir = complete
	if _, err := os.Lstat(s.target); errors.Is(err, os.ErrNotExist) {
		if err := s.sys.rename(s.dir, s.target); err != nil {
			return Unchanged, fmt.Errorf("replace %s: %w", s.target, err)
		}
		s.done = true
		return Replaced, nil
	}
	previous := s.dir // after the exchange, the staging name holds the previous output
	err := s.sys.exchange(s.dir, s.target)
	if errors.Is(err, errNoExchange) {
		previous = filepath.Join(filepath.Dir(s.target), s.prefix(old)+s.suffix())
		if err = s.sys.rename(s.target, previous); err != nil {
			return Unchanged, fmt.Errorf("replace %s: %w", s.target, err)
		}
		if err = s.sys.rename(s.dir, s.target); err != nil {
			if back := s.sys.rename(previous, s.target); back != nil {
				s.Aside, s.done = s.dir, true // kept for the next build
				return Missing, fmt.Errorf("replace %s: %w; putting the previous output back failed too: %v", s.target, err, back)
			}
			return Unchanged, fmt.Errorf("replace %s: %w", s.target, err)
		}
	} else if err != nil {
		return Unchanged, fmt.Errorf("replace %s: %w", s.target, err)
	}
	s.done = true
	if err := s.sys.removeAll(previous); err != nil {
		return Replaced, fmt.Errorf("remove the previous output, %s: %w", previous, err)
	}
	return Replaced, nil
}

// suffix is the random part of the staging folder's name.
func (s *Stage) suffix() string {
	name := filepath.Base(s.dir)
	return name[strings.LastIndexByte(name, '-')+1:]
}

// Discard removes the staging folder unless it was committed.
func (s *Stage) Discard() {
	if s != nil && !s.done && s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

// errNoExchange says that the system cannot swap two folders in one step.
var errNoExchange = errors.New("no atomic exchange")
