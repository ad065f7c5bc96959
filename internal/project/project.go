// Package project knows the layout of a project folder — where the
// settings, the shared content, the communes and the themes are — reads
// its settings (LoadSettings), and is the one way the stages read it:
// every input file is read, and every input folder listed, through it, so
// that one rule decides for all of them (the loaders, the live server and
// its watcher):
//
//   - which names are not part of the project (Ignored: hidden files and
//     folders, editors' swap, backup and temporary files);
//   - what a symbolic link does. A link is read as the file or folder it
//     points to when that target lies inside the project folder, in a
//     place the project reads itself (not in a hidden folder such as
//     .git/). A link pointing anywhere else, a link that leads nowhere and
//     a link to a folder holding it (a loop) are errors naming the link:
//     a project copied from someone else must not publish the machine's
//     files;
//   - how large a text input (Markdown, YAML, layout) may be: MaxTextSize.
//     Static files are copied as they are, whatever their size.
//
// Paths given to and returned by the package in messages are slash paths
// relative to the project root, as diag positions name files.
package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
)

// The layout of a project, relative to its root.
const (
	// SettingsFile holds the site-wide settings; it is optional.
	SettingsFile = "tadafor.yaml"
	// ContentDir holds the shared pages; a commune's own pages are in the
	// folder of the same name inside the commune's folder.
	ContentDir = "content"
	// CommunesDir holds one folder per commune.
	CommunesDir = "communes"
	// ProfileFile is a commune's profile, in its folder.
	ProfileFile = "commune.yaml"
	// DataDir, in a commune's folder, holds its records.
	DataDir = "data"
	// StaticDir, in a theme's or a commune's folder, holds the files
	// published as they are.
	StaticDir = "static"
	// LayoutsDir, in a theme's or a commune's folder, holds the layouts.
	LayoutsDir = "layouts"
	// ThemesDir holds one folder per theme.
	ThemesDir = "themes"
	// I18nDir, in a theme's folder, holds the interface strings.
	I18nDir = "i18n"
)

// Inputs are the top-level names of a project's inputs.
func Inputs() []string { return []string{ContentDir, CommunesDir, ThemesDir, SettingsFile} }

// MaxTextSize is the largest Markdown, YAML or layout file read, in
// bytes: real pages and profiles weigh a few kilobytes, the largest
// records files a few hundred; a bigger file is a mistake (a PDF saved as
// .md) or an attack on the build's memory.
const MaxTextSize = 4 << 20

// ErrFolder is the error of reading a folder as a file.
var ErrFolder = errors.New("is a folder")

// Ignored reports whether a file or folder name is one that is not part
// of the project: hidden files and folders (.git, .DS_Store), and what
// editors and systems leave behind (swap, backup, lock and temporary
// files). dir says the name is a folder's: the probe files of vim and sed
// (see probeName) are files, so a folder named 2025 is read.
func Ignored(name string, dir bool) bool {
	if name == "" || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
		return true // hidden, .#lock, .DS_Store, .git, vim and emacs backups
	}
	if len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#") {
		return true // emacs auto-save
	}
	lower := strings.ToLower(name)
	for _, suffix := range []string{
		".swp", ".swo", ".swn", ".swx", ".tmp", ".temp", ".bak", ".crdownload", ".part",
		"___jb_tmp___", "___jb_old___", ".kate-swp",
	} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	switch lower {
	case "thumbs.db", "desktop.ini":
		return true
	}
	return !dir && ProbeName(name)
}

// ProbeName reports whether name is that of a file vim or sed writes for
// a moment: vim checks that it may write into a folder with a file named
// 4913 (then 5036, …); sed -i writes a file named sedXXXXXX.
func ProbeName(name string) bool {
	if strings.Trim(name, "0123456789") == "" {
		return true
	}
	return len(name) == 9 && strings.HasPrefix(name, "sed") && path.Ext(name) == ""
}

// SetAside reports whether a page, a commune's folder or a data file of
// this name is kept aside by its author: its name starts with "_".
// (Static files and layouts so named are published: a host may need
// "_redirects".)
func SetAside(name string) bool { return strings.HasPrefix(name, "_") }

// Resolve returns the path on disk of rel, a slash path relative to
// root, following the symbolic links on its way as the package's rule
// says. A missing file is an *fs.PathError naming rel that wraps
// fs.ErrNotExist; a link the rule refuses is a *diag.Error naming the
// link.
func Resolve(root, rel string) (string, error) {
	if rel == "." || rel == "" {
		return root, nil
	}
	if !fs.ValidPath(rel) {
		return "", diag.Errorf(diag.Pos{File: rel}, "not a path inside the project")
	}
	cur := root
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		next := filepath.Join(cur, seg)
		info, err := os.Lstat(next)
		if err != nil {
			return "", &fs.PathError{Op: "open", Path: rel, Err: underlying(err)}
		}
		if info.Mode()&fs.ModeSymlink != 0 {
			if next, err = follow(root, next, strings.Join(segs[:i+1], "/")); err != nil {
				return "", err
			}
		}
		cur = next
	}
	return cur, nil
}

// follow resolves the link at abs (rel from the root) and checks where
// it leads.
func follow(root, abs, rel string) (string, error) {
	target, err := realPath(abs)
	if err != nil {
		dest, _ := os.Readlink(abs)
		e := diag.Errorf(diag.Pos{File: rel}, "a symbolic link to %s, which does not exist", dest)
		e.Hint, e.Err = "correct or remove the link", err
		return "", e
	}
	realRoot, err := realPath(root)
	if err != nil {
		return "", err
	}
	inside, ok := within(realRoot, target)
	if !ok {
		e := diag.Errorf(diag.Pos{File: rel}, "a symbolic link to %s, outside the project", target)
		e.Hint = "the project reads only files inside its folder: copy the file into the project, or remove the link"
		return "", e
	}
	if i := slices.IndexFunc(strings.Split(inside, "/"), func(s string) bool { return Ignored(s, true) }); inside != "" && i >= 0 {
		e := diag.Errorf(diag.Pos{File: rel}, "a symbolic link to %s, a hidden place the project does not read", inside)
		e.Hint = "link only to files and folders the project reads itself, or copy the file"
		return "", e
	}
	return target, nil
}

// realPath is the absolute path of p with every link resolved.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.EvalSymlinks(abs)
}

// within returns the slash path of target relative to dir, "" for dir
// itself, and whether target lies inside dir. Both are absolute and clean.
func within(dir, target string) (string, bool) {
	rel, err := filepath.Rel(dir, target)
	if err != nil || !filepath.IsLocal(rel) && rel != "." {
		return "", false
	}
	if rel == "." {
		return "", true
	}
	return filepath.ToSlash(rel), true
}

// underlying drops the absolute path an *fs.PathError carries, since
// messages name files relative to the project root.
func underlying(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Stat describes the file or folder rel as Resolve finds it.
func Stat(root, rel string) (fs.FileInfo, error) {
	_, info, err := resolveStat(root, rel)
	return info, err
}

// resolveStat resolves rel and describes what it finds.
func resolveStat(root, rel string) (string, fs.FileInfo, error) {
	p, err := Resolve(root, rel)
	if err != nil {
		return "", nil, err
	}
	info, err := os.Stat(p)
	if err != nil {
		return "", nil, &fs.PathError{Op: "stat", Path: rel, Err: underlying(err)}
	}
	return p, info, nil
}

// ReadFile reads the text file rel (a slash path relative to root). A
// missing file is an error wrapping fs.ErrNotExist, a folder one wrapping
// ErrFolder; a link the rule refuses, a file that is not a regular one
// (a named pipe would block the build) or larger than MaxTextSize, and a
// file that cannot be read are *diag.Error at rel.
func ReadFile(root, rel string) ([]byte, error) {
	p, info, err := resolveStat(root, rel)
	if err != nil {
		return nil, err
	}
	switch {
	case info.IsDir():
		return nil, &fs.PathError{Op: "read", Path: rel, Err: ErrFolder}
	case !info.Mode().IsRegular():
		return nil, notRegular(rel, info)
	case info.Size() > MaxTextSize:
		return nil, tooLarge(rel, info.Size())
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, cannotRead(rel, err)
	}
	defer f.Close()
	// The size may have changed since Stat: read one byte more than
	// allowed to know.
	b, err := io.ReadAll(io.LimitReader(f, MaxTextSize+1))
	if err != nil {
		return nil, cannotRead(rel, err)
	}
	if len(b) > MaxTextSize {
		return nil, tooLarge(rel, int64(len(b)))
	}
	return b, nil
}

func cannotRead(rel string, err error) error {
	e := diag.Errorf(diag.Pos{File: rel}, "cannot read the file: %v", underlying(err))
	e.Err = err
	return e
}

func notRegular(rel string, info fs.FileInfo) error {
	kind := "a special file"
	switch {
	case info.Mode()&fs.ModeNamedPipe != 0:
		kind = "a named pipe"
	case info.Mode()&fs.ModeSocket != 0:
		kind = "a socket"
	case info.Mode()&fs.ModeDevice != 0:
		kind = "a device"
	}
	e := diag.Errorf(diag.Pos{File: rel}, "%s, not a regular file", kind)
	e.Hint = "the project reads only regular files; remove it"
	return e
}

func tooLarge(rel string, size int64) error {
	e := diag.Errorf(diag.Pos{File: rel}, "the file is %s, more than the %s a page, profile, data or layout file may have",
		megabytes(size), megabytes(MaxTextSize))
	e.Hint = "split it into several files, or put a large document under static/, which is published as it is"
	return e
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// File is a file found by Walk.
type File struct {
	// Rel is its slash path relative to the folder walked.
	Rel string
	// Path is where it is read on disk (the target of a link).
	Path string
}

// Walk lists the regular files under the folder dir (a slash path
// relative to root), recursively, sorted by Rel, passing over the names
// Ignored and following links as the package's rule says. A missing dir
// has no files. Every problem is returned, positioned at the file, link
// or folder concerned; the files that could be listed are returned too.
func Walk(root, dir string) ([]File, diag.List) {
	base, err := Resolve(root, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		var errs diag.List
		errs.Append(err)
		return nil, errs
	}
	w := walker{root: root, dir: dir}
	real, err := realPath(base)
	if err != nil {
		w.errs.Add(diag.Pos{File: dir}, "cannot read the folder: %v", underlying(err))
		return nil, w.errs
	}
	w.walk(base, "", []string{real})
	slices.SortFunc(w.files, func(a, b File) int { return strings.Compare(a.Rel, b.Rel) })
	w.errs.Sort()
	return w.files, w.errs
}

type walker struct {
	root, dir string
	files     []File
	errs      diag.List
}

// walk lists the folder at abs, whose path from the walked folder is rel
// ("" for the folder itself); open holds the real paths of the folders
// being walked, from the walked one down, to tell a loop.
func (w *walker) walk(abs, rel string, open []string) {
	entries, err := os.ReadDir(abs)
	if err != nil && len(entries) == 0 {
		w.errs.Add(diag.Pos{File: w.pos(rel)}, "cannot read the folder: %v", underlying(err))
		return
	}
	for _, e := range entries {
		name := e.Name()
		typ := e.Type()
		if typ&fs.ModeSymlink == 0 && Ignored(name, typ.IsDir()) || name == "" || name[0] == '.' {
			continue
		}
		p, r := filepath.Join(abs, name), path.Join(rel, name)
		if typ&fs.ModeSymlink != 0 {
			target, err := follow(w.root, p, w.pos(r))
			if err != nil {
				w.errs.Append(err)
				continue
			}
			info, err := os.Stat(target)
			if err != nil {
				w.errs.Add(diag.Pos{File: w.pos(r)}, "cannot read the link's target: %v", underlying(err))
				continue
			}
			if Ignored(name, info.IsDir()) {
				continue
			}
			if info.IsDir() {
				if slices.ContainsFunc(open, func(o string) bool { _, in := within(target, o); return in }) {
					w.errs.Add(diag.Pos{File: w.pos(r)}, "a symbolic link to a folder that holds it, which would never end").Hint = "remove the link"
					continue
				}
				w.walk(target, r, append(open, target))
				continue
			}
			p, typ = target, info.Mode().Type()
			if !typ.IsRegular() {
				w.errs.Append(notRegular(w.pos(r), info))
				continue
			}
		}
		switch {
		case typ.IsDir():
			w.walk(p, r, append(open, filepath.Join(open[len(open)-1], name)))
		case typ.IsRegular():
			w.files = append(w.files, File{Rel: r, Path: p})
		default:
			info, err := e.Info()
			if err == nil {
				w.errs.Append(notRegular(w.pos(r), info))
			}
		}
	}
}

// pos is the path from the root of the file at rel in the walked folder.
func (w *walker) pos(rel string) string { return path.Join(w.dir, rel) }

// Entry is a file or folder found by ReadDir.
type Entry struct {
	Name string
	// Dir is set for a folder, or a link to one.
	Dir bool
	// Path is where it is on disk (the target of a link).
	Path string
}

// ReadDir lists the folder dir (a slash path relative to root), sorted by
// name, passing over the names Ignored and following links as the
// package's rule says. A missing dir is an error wrapping
// fs.ErrNotExist. Entries the rule refuses are left out and reported
// together in the error, a diag.List; the others are returned.
func ReadDir(root, dir string) ([]Entry, error) {
	base, err := Resolve(root, dir)
	if err != nil {
		return nil, err
	}
	des, err := os.ReadDir(base)
	if err != nil && len(des) == 0 {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &fs.PathError{Op: "open", Path: dir, Err: underlying(err)}
		}
		return nil, diag.Errorf(diag.Pos{File: dir}, "cannot read the folder: %v", underlying(err))
	}
	var entries []Entry
	var errs diag.List
	for _, d := range des {
		e := Entry{Name: d.Name(), Dir: d.IsDir(), Path: filepath.Join(base, d.Name())}
		if d.Type()&fs.ModeSymlink != 0 && !strings.HasPrefix(e.Name, ".") {
			target, err := follow(root, e.Path, path.Join(dir, e.Name))
			if err != nil {
				errs.Append(err)
				continue
			}
			info, err := os.Stat(target)
			if err != nil {
				errs.Add(diag.Pos{File: path.Join(dir, e.Name)}, "cannot read the link's target: %v", underlying(err))
				continue
			}
			e.Dir, e.Path = info.IsDir(), target
		}
		if !Ignored(e.Name, e.Dir) {
			entries = append(entries, e)
		}
	}
	errs.Sort()
	return entries, errs.Err()
}

// DirFS returns the folder dir (a slash path relative to root) as a file
// system whose files are opened as the package's rule says: a name that
// passes through a refused link cannot be opened. It suits fs.Stat and
// fs.WalkDir (which does not enter links to folders).
func DirFS(root, dir string) fs.FS { return dirFS{root: root, dir: dir} }

type dirFS struct{ root, dir string }

func (d dirFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	p, err := Resolve(d.root, path.Join(d.dir, name))
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

func (d dirFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return Stat(d.root, path.Join(d.dir, name))
}
