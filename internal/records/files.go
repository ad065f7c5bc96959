package records

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
)

// file checks the file of a document or of minutes, written at path of
// the data file name: an https address, or a path under the commune's
// static/ folder that must exist. It returns the file's size in bytes (0
// for an address) and its format, the upper-case extension ("PDF").
func (k *checker) file(name, at, file string) (size int64, format string) {
	format = strings.ToUpper(strings.TrimPrefix(path.Ext(file), "."))
	if u, err := url.Parse(file); err == nil && u.Scheme != "" {
		switch {
		case u.Scheme == "https" && u.Host != "":
			return 0, strings.ToUpper(strings.TrimPrefix(path.Ext(u.Path), "."))
		case u.Scheme == "http" && u.Host != "":
			k.add(name, at, "expected a secure web address (https://), found %q", file).Hint = "replace http:// by https://"
			return 0, format
		case len(u.Scheme) > 1: // one letter: a Windows drive, reported below
			k.add(name, at, "expected a path under static/ or an https address, found %q", file)
			return 0, format
		}
	}
	if strings.Contains(file, `\`) || path.IsAbs(file) || strings.Contains(file, ":") || path.Clean(file) != file || file == ".." || strings.HasPrefix(file, "../") {
		e := k.add(name, at, "expected a path under the folder static/ of the commune, such as \"docs/budget-2026.pdf\", found %q", file)
		e.Hint = "write the path from static/, with \"/\" between folders"
		if clean := strings.TrimPrefix(path.Clean(strings.ReplaceAll(file, `\`, "/")), "/"); fs.ValidPath(clean) && clean != "." {
			e.Hint = fmt.Sprintf("write \"%s\"", clean)
		}
		return 0, format
	}
	if k.static == nil {
		return 0, format
	}
	rel := path.Join(k.staticDir, file)
	info, err := fs.Stat(k.static, file)
	var refused *diag.Error
	switch {
	case errors.As(err, &refused): // a link the project does not follow
		k.add(name, at, "file %q cannot be published: %s", file, refused.Error())
	case err == nil && info.IsDir():
		k.add(name, at, "%q is a folder, not a file: %s", file, rel)
	case err == nil:
		return info.Size(), format
	case errors.Is(err, fs.ErrNotExist):
		e := k.add(name, at, "file %q not found: there is no file %s", file, rel)
		if s := k.closeFile(file); s != "" {
			e.Hint = diag.Propose(strconv.Quote(s))
		} else if short, ok := strings.CutPrefix(file, StaticDir+"/"); ok {
			e.Hint = fmt.Sprintf("the path starts from static/: write %q", short)
		} else {
			e.Hint = "put the file there, or correct the path"
		}
	default:
		k.add(name, at, "cannot read %s: %v", rel, unwrapPath(err)).Err = err
	}
	return 0, format
}

// closeFile returns the existing file under static/ closest to file: one
// of the same name in another folder, or one a few letters away.
func (k *checker) closeFile(file string) string {
	if !k.staticRead {
		k.staticRead = true
		_ = fs.WalkDir(k.static, ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				k.staticFiles = append(k.staticFiles, p)
			}
			return nil // an unreadable folder only means fewer suggestions
		})
		slices.Sort(k.staticFiles)
	}
	base := strings.ToLower(path.Base(file))
	for _, f := range k.staticFiles {
		if strings.ToLower(path.Base(f)) == base {
			return f
		}
	}
	return diag.Suggest(file, k.staticFiles)
}
