// Package outdir owns the output folder of "tadafor build" (public/ by
// default): which folder may be one, the lock that keeps two builds of it
// apart, the staging folder a build writes into, the swap that puts the
// new output in place in one step, and the recovery of what an
// interrupted build left behind. Its promise: a build replaces the whole
// output or nothing; no crash, failure or second build ever leaves the
// output missing or half-written, and nothing is written outside it.
//
// It is the only package that imports golang.org/x/sys: the swap uses
// renameat2(RENAME_EXCHANGE) on Linux and renamex_np(RENAME_SWAP) on
// macOS; elsewhere, or on a file system that refuses them, the old output
// is renamed aside and the new one renamed in its place, and a crash
// between the two renames is recovered by the next build. The lock is
// flock(2) on Unix and LockFileEx on Windows, released by the system when
// the process ends, however it ends.
package outdir

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/tadafor/tadafor/internal/project"
)

// Marker is the file at the top of every output folder; a folder
// without it is never replaced, so that a mistaken --out cannot delete a
// folder that tadafor did not make.
const Marker = ".tadafor-output"

const markerText = "Built by tadafor. This folder is replaced by every build.\n"

// Resolve checks that out may be the output folder of the project at
// root and returns its absolute path, with the symbolic links on its way
// resolved (the checks are made on the folder written, not on the name
// given). It refuses a folder that is, contains or lies inside the
// project's inputs (or .git), and an existing folder holding files that
// tadafor did not write.
func Resolve(root, out string) (string, error) {
	absRoot, err := realPath(root)
	if err != nil {
		return "", err
	}
	absOut, err := realPath(out)
	if err != nil {
		return "", fmt.Errorf("output folder %s: %w", out, err)
	}
	where := out
	if abs, _ := filepath.Abs(out); abs != absOut {
		where = fmt.Sprintf("%s (%s)", out, absOut)
	}
	if absOut == filepath.Dir(absOut) {
		return "", fmt.Errorf("refusing to write into %s: choose a folder such as public", where)
	}
	if absOut == absRoot || inside(absOut, absRoot) {
		return "", fmt.Errorf("refusing to write into %s: it contains the project; choose a folder such as public", where)
	}
	for _, input := range []string{project.ContentDir, project.CommunesDir, project.ThemesDir, ".git"} {
		in := filepath.Join(absRoot, input)
		if absOut == in || inside(in, absOut) {
			return "", fmt.Errorf("refusing to write into %s: it is inside the project's %s/ folder; choose a folder such as public", where, input)
		}
	}
	entries, err := os.ReadDir(absOut)
	if errors.Is(err, fs.ErrNotExist) {
		return absOut, nil
	}
	if err != nil {
		return "", fmt.Errorf("check output folder: %w", err)
	}
	if len(entries) == 0 {
		return absOut, nil
	}
	if _, err := os.Stat(filepath.Join(absOut, Marker)); err != nil {
		return "", fmt.Errorf("refusing to replace %s: it was not made by tadafor build (no %s file); remove it or choose another --out", where, Marker)
	}
	return absOut, nil
}

// realPath returns the absolute path of p with the links of its longest
// existing part resolved: the rest does not exist yet.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		r, err := filepath.EvalSymlinks(abs)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return filepath.Join(abs, rest), nil
		}
		rest = filepath.Join(filepath.Base(abs), rest)
		abs = parent
	}
}

// inside reports whether path lies strictly inside dir; both are clean
// absolute paths.
func inside(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// Mark creates the output folder with its marker when it does not exist
// yet, so that building one commune first still leaves a folder that
// later builds may replace.
func Mark(out string) error {
	if _, err := os.Stat(out); err == nil {
		return nil
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("create output folder: %w", err)
	}
	return writeMarker(out)
}

func writeMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
}

// Join returns the path on disk of the output file rel (a slash path)
// inside dir, refusing any rel that would not stay inside dir, whatever
// checked it before: an absolute path, "..", an empty or "." segment, a
// backslash (a separator on Windows and on the hosts the site is copied
// to), a NUL or another control character, or a name Windows reserves.
// It is the last line of defence of the writer.
func Join(dir, rel string) (string, error) {
	refuse := func(why string) (string, error) {
		return "", fmt.Errorf("refusing to write %q: %s", rel, why)
	}
	switch {
	case !fs.ValidPath(rel) || rel == ".":
		return refuse("not a path inside the output folder")
	case strings.ContainsRune(rel, '\\'):
		return refuse("a backslash in an output path")
	case strings.ContainsFunc(rel, unicode.IsControl):
		return refuse("a control character in an output path")
	}
	local := filepath.FromSlash(rel)
	if !filepath.IsLocal(local) {
		return refuse("not a path inside the output folder")
	}
	p := filepath.Join(dir, local)
	if !inside(filepath.Clean(dir), p) {
		return refuse("not a path inside the output folder")
	}
	return p, nil
}
