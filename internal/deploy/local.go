package deploy

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/webmeta"
)

// Site is a built site on this computer: the folder whose files are
// published, and the entries of it that are not part of the site (for
// the portal, the communes' folders inside public/).
type Site struct {
	Dir string
	// Skip, when set, leaves out the entry at the slash path rel (and,
	// for a folder, all it holds).
	Skip func(rel string, dir bool) bool
}

// Scan lists the site's regular files with their size and SHA-256,
// sorted by path. Names starting with ".tadafor-" (tadafor's own
// bookkeeping) and entries that are neither files nor folders are left
// out.
func (s Site) Scan(ctx context.Context) ([]File, error) {
	var files []File
	err := filepath.WalkDir(s.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == s.Dir {
			return nil
		}
		rel, err := filepath.Rel(s.Dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if webmeta.Private(rel) || (s.Skip != nil && s.Skip(rel, d.IsDir())) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !d.Type().IsRegular() {
			return nil
		}
		if err := CheckPath(rel); err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		files = append(files, File{Path: rel})
		return ctx.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("read the built site: %w", err)
	}
	errs := make([]error, len(files))
	par.Each(len(files), func(i int) {
		if ctx.Err() != nil {
			errs[i] = ctx.Err()
			return
		}
		errs[i] = hashFile(filepath.Join(s.Dir, filepath.FromSlash(files[i].Path)), &files[i])
	})
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("read the built site: %w", err)
		}
	}
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

func hashFile(name string, f *File) error {
	in, err := os.Open(name)
	if err != nil {
		return err
	}
	defer in.Close()
	h := sha256.New()
	n, err := io.Copy(h, in)
	if err != nil {
		return err
	}
	f.Size = n
	f.SHA256 = hex.EncodeToString(h.Sum(nil))
	return nil
}

// open opens a file of the site for reading.
func (s Site) open(rel string) (*os.File, error) {
	return os.Open(filepath.Join(s.Dir, filepath.FromSlash(path.Clean(rel))))
}
