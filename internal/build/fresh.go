package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/tadafor/tadafor/internal/outdir"
	"github.com/tadafor/tadafor/internal/project"
)

// Stale says why the built site of one commune (or, with slug "", the
// portal: the files of the output folder outside the communes' folders)
// must be built again before it is published: it is missing, or a file
// of its inputs changed after the oldest of its files was written. It
// returns "" when the built site is up to date.
func Stale(opts Options, slug string) (string, error) {
	opts = opts.withDefaults()
	target := opts.Out
	inputs := project.Inputs()
	if slug != "" {
		target = filepath.Join(opts.Out, slug)
		inputs[1] = filepath.Join(project.CommunesDir, slug)
	}
	communes := map[string]bool{}
	if slug == "" {
		entries, _ := os.ReadDir(filepath.Join(opts.Root, project.CommunesDir))
		for _, e := range entries {
			communes[e.Name()] = true
		}
	}
	oldest, found, err := oldestFile(target, func(rel string) bool { return communes[rel] || rel == outdir.Marker })
	if err != nil {
		return "", err
	}
	if !found {
		return fmt.Sprintf("%s is not built yet", target), nil
	}
	for _, in := range inputs {
		name, newer, err := newerFile(filepath.Join(opts.Root, in), oldest)
		if err != nil {
			return "", err
		}
		if newer {
			rel, _ := filepath.Rel(opts.Root, name)
			return fmt.Sprintf("%s changed after %s was built", filepath.ToSlash(rel), target), nil
		}
	}
	return "", nil
}

// oldestFile returns the time of the oldest file under dir, leaving out
// the top-level entries skip names.
func oldestFile(dir string, skip func(rel string) bool) (time.Time, bool, error) {
	var oldest time.Time
	found := false
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if filepath.Dir(p) == dir && skip(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !found || info.ModTime().Before(oldest) {
			oldest, found = info.ModTime(), true
		}
		return nil
	})
	return oldest, found, err
}

// newerFile finds a file under root (or root itself) changed after t.
func newerFile(root string, t time.Time) (string, bool, error) {
	var name string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.ModTime().After(t) {
			name = p
			return fs.SkipAll
		}
		return nil
	})
	return name, name != "", err
}
