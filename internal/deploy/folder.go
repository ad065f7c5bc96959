package deploy

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"

	"github.com/tadafor/tadafor/internal/webmeta"
)

// Folder is a destination on this computer's file system: a mounted web
// root or any folder (file:///var/www/site). Every operation goes
// through an os.Root, so that no path — not even a symbolic link placed
// in the folder — leads outside it.
type Folder struct {
	Dir string
	url string
}

// NewFolder returns the destination of a file:// URL.
func NewFolder(u *url.URL) *Folder {
	return &Folder{Dir: filepath.FromSlash(u.Path), url: u.Redacted()}
}

// String is the destination's URL.
func (f *Folder) String() string {
	if f.url == "" {
		return (&url.URL{Scheme: "file", Path: filepath.ToSlash(f.Dir)}).String()
	}
	return f.url
}

// Connect opens the folder; it must exist.
func (f *Folder) Connect(ctx context.Context) (Conn, error) {
	root, err := os.OpenRoot(f.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &Error{Kind: NoFolder, Err: err}
	}
	if err != nil {
		return nil, &Error{Kind: Classify(err), Detail: f.Dir, Err: err}
	}
	return &folderConn{root: root}, nil
}

type folderConn struct {
	root *os.Root
}

// TempName is the name a file is written under before it is renamed
// into place: in the same folder, so that the rename is atomic, and
// hidden and private (see webmeta.Private), so that no web server shows
// it. The name is fixed for a path, so a file left by an interrupted
// deploy is overwritten by the next.
func TempName(rel string) string {
	return path.Join(path.Dir(rel), webmeta.PrivatePrefix+"part-"+path.Base(rel))
}

func (c *folderConn) Put(ctx context.Context, rel string, r io.Reader, size int64) error {
	if err := CheckPath(rel); err != nil {
		return fmt.Errorf("refusing to write %q: %v", rel, err)
	}
	if dir := path.Dir(rel); dir != "." {
		if err := c.root.MkdirAll(filepath.FromSlash(dir), 0o755); err != nil {
			return osError(err)
		}
	}
	tmp := filepath.FromSlash(TempName(rel))
	w, err := c.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return osError(err)
	}
	n, err := io.Copy(w, r)
	if err == nil && n != size {
		err = fmt.Errorf("%d bytes read instead of %d: the file changed while it was sent", n, size)
	}
	if err == nil && rel == ManifestName {
		err = w.Sync()
	}
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = c.root.Rename(tmp, filepath.FromSlash(rel))
	}
	if err != nil {
		c.root.Remove(tmp)
		return osError(err)
	}
	return nil
}

func (c *folderConn) Open(ctx context.Context, rel string) (io.ReadCloser, error) {
	if err := CheckPath(rel); err != nil {
		return nil, err
	}
	f, err := c.root.Open(filepath.FromSlash(rel))
	if err != nil {
		return nil, osError(err)
	}
	return f, nil
}

func (c *folderConn) Stat(ctx context.Context, rel string) (Remote, error) {
	if err := CheckPath(rel); err != nil {
		return Remote{}, err
	}
	info, err := c.root.Stat(filepath.FromSlash(rel))
	if err != nil {
		return Remote{}, osError(err)
	}
	if !info.Mode().IsRegular() {
		return Remote{Size: -1}, nil
	}
	return Remote{Size: info.Size()}, nil
}

func (c *folderConn) Remove(ctx context.Context, rel string) error {
	if err := CheckPath(rel); err != nil {
		return fmt.Errorf("refusing to remove %q: %v", rel, err)
	}
	err := c.root.Remove(filepath.FromSlash(rel))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return osError(err)
	}
	// Remove the folders left empty; Remove fails on a folder that is not.
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if c.root.Remove(filepath.FromSlash(dir)) != nil {
			break
		}
	}
	return nil
}

func (c *folderConn) Close() error { return c.root.Close() }

// osError keeps fs.ErrNotExist visible and classifies the rest.
func osError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return &Error{Kind: Classify(err), Err: err, Detail: unwrapPath(err)}
}

// unwrapPath is the system's reason of a path error, without the path,
// which messages give otherwise.
func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}
