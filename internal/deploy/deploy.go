// Package deploy publishes a built site to where it is hosted, safely
// and incrementally: it uploads only new and changed files, assets
// before the pages that use them, pages before the feeds and sitemap
// that list them, then the manifest of what it published, and deletes
// last — and with Options.Delete only — the files the previous manifest
// lists that the site no longer has. A file tadafor did not publish is
// never touched. An interrupted deploy leaves the previous site working
// (each file replaces the old one in one step where the protocol allows),
// and the next run completes it.
//
// The protocols are Destinations, one package each (internal/deploy/sftp,
// ftps and s3); this package holds the folder destination (file://), the
// manifest, the plan, the connection pool with its retries, and the
// errors said in terms someone publishing a site can act on.
package deploy

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Destination is a place a site is published to. It is safe for
// concurrent use.
type Destination interface {
	// String is the destination as shown in messages: its URL without any
	// secret.
	String() string
	// Connect opens one connection; deploy opens up to Options.Parallel.
	// Its errors are *Error where the destination knows what went wrong.
	Connect(ctx context.Context) (Conn, error)
}

// Conn is one connection to a destination, used by one goroutine at a
// time. Paths are slash paths relative to the destination's root,
// checked by CheckPath. Errors are *Error where the connection knows
// what went wrong (a refused permission, a full quota); a missing file
// is an error wrapping fs.ErrNotExist.
type Conn interface {
	// Put writes the file rel with size bytes read from r, creating its
	// folders; where the protocol allows, it writes a temporary file
	// and renames it over rel, so that a reader never gets half a file.
	Put(ctx context.Context, rel string, r io.Reader, size int64) error
	// Open opens the file rel for reading.
	Open(ctx context.Context, rel string) (io.ReadCloser, error)
	// Stat returns the size of the file rel, and its MD5 when the
	// protocol gives it for free.
	Stat(ctx context.Context, rel string) (Remote, error)
	// Remove deletes the file rel, then its folders that are left empty;
	// a missing file is not an error.
	Remove(ctx context.Context, rel string) error
	// Close ends the connection.
	Close() error
}

// Remote is what a destination tells of one of its files.
type Remote struct {
	Size int64
	MD5  string // hexadecimal; "" when unknown
}

// Options tune a deploy.
type Options struct {
	// Delete removes the files of the previous manifest that the site no
	// longer has.
	Delete bool
	// DryRun computes what would be uploaded and deleted, and changes
	// nothing.
	DryRun bool
	// Parallel is the number of transfers at once, each on its own
	// connection (default 4).
	Parallel int
	// Retry says how transient failures are tried again.
	Retry Retry
	// Meter, when set, counts the work done, for a progress display; it
	// may be shared by several deploys at once.
	Meter *Meter
}

// Meter counts files and bytes to transfer and transferred; its fields
// are read and written atomically.
type Meter struct {
	FilesTotal, BytesTotal atomic.Int64
	Files, Bytes           atomic.Int64
}

// Result sums up a deploy (or, with DryRun, what it would do).
type Result struct {
	Uploaded  []File   // new and changed files, in the order sent
	Deleted   []string // files of the previous manifest removed
	Kept      []string // files of the previous manifest the site no longer has, left (no Delete)
	Unchanged int
	Bytes     int64 // of the uploaded files
	// Compared is set when the destination had no manifest and was
	// compared file by file.
	Compared bool
	// Warnings were found but did not stop the deploy.
	Warnings []string
	Duration time.Duration
}

// Stage is a step of the upload order: each stage is complete before
// the next starts.
type Stage int

// The upload order.
const (
	Assets  Stage = iota // stylesheets, images, documents, data
	Pages                // HTML
	Indexes              // feeds, calendars, sitemap, robots.txt, .htaccess: they name the pages
)

// StageOf returns the stage at which the file rel is uploaded.
func StageOf(rel string) Stage {
	base := path.Base(rel)
	switch ext := strings.ToLower(path.Ext(rel)); {
	case ext == ".html":
		return Pages
	case base == "feed.xml", base == "sitemap.xml", base == "robots.txt", base == ".htaccess", ext == ".ics":
		return Indexes
	}
	return Assets
}

// Deploy publishes site to dest. On failure the error is an *Error, and
// the destination still serves a complete site: the previous one, or
// the previous one with some files already replaced by their new
// version.
func Deploy(ctx context.Context, site Site, dest Destination, opts Options) (Result, error) {
	start := time.Now()
	if opts.Parallel <= 0 {
		opts.Parallel = 4
	}
	if opts.Meter == nil {
		opts.Meter = &Meter{}
	}
	d := &deployer{site: site, dest: dest, opts: opts, pool: newPool(dest, opts.Parallel, opts.Retry)}
	defer d.pool.close()
	res, err := d.run(ctx)
	res.Duration = time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			err = &Error{Kind: Interrupted, Err: ctx.Err()}
		}
		return res, explainErr(err, dest.String(), "")
	}
	return res, nil
}

type deployer struct {
	site Site
	dest Destination
	opts Options
	pool *pool
}

func (d *deployer) run(ctx context.Context) (Result, error) {
	var res Result
	local, err := d.site.Scan(ctx)
	if err != nil {
		return res, err
	}
	prev, prevRaw, found, err := d.readManifest(ctx)
	var bad *badManifest
	if errors.As(err, &bad) {
		res.Warnings = append(res.Warnings, "the manifest at the destination was ignored: "+bad.reason+"; the files were compared one by one and nothing was deleted")
		err = nil
	}
	if err != nil {
		return res, err
	}
	var changed []File
	if found {
		changed, res.Kept = diff(local, prev)
	} else {
		res.Compared = true
		if changed, err = d.compare(ctx, local); err != nil {
			return res, err
		}
	}
	res.Unchanged = len(local) - len(changed)
	slices.SortStableFunc(changed, func(a, b File) int { return int(StageOf(a.Path)) - int(StageOf(b.Path)) })
	res.Uploaded = changed
	for _, f := range changed {
		res.Bytes += f.Size
	}
	if d.opts.Delete {
		res.Deleted, res.Kept = res.Kept, nil
	}
	if d.opts.DryRun {
		return res, nil
	}

	m := d.opts.Meter
	m.FilesTotal.Add(int64(len(changed) + len(res.Deleted)))
	m.BytesTotal.Add(res.Bytes)
	for stage := Assets; stage <= Indexes; stage++ {
		var batch []File
		for _, f := range changed {
			if StageOf(f.Path) == stage {
				batch = append(batch, f)
			}
		}
		err := each(ctx, len(batch), d.opts.Parallel, func(ctx context.Context, i int) error {
			if err := d.upload(ctx, batch[i]); err != nil {
				return explainErr(err, "", batch[i].Path)
			}
			m.Files.Add(1)
			m.Bytes.Add(batch[i].Size)
			return nil
		})
		if err != nil {
			return res, err
		}
	}

	// The manifest lists every file tadafor published that is there:
	// the files to delete too, until they are deleted, so that an
	// interruption cannot make deploy forget them.
	published := slices.Concat(local, pick(prev, res.Kept), pick(prev, res.Deleted))
	if err := d.writeManifest(ctx, published, prevRaw); err != nil {
		return res, err
	}
	if len(res.Deleted) == 0 {
		return res, nil
	}
	err = each(ctx, len(res.Deleted), d.opts.Parallel, func(ctx context.Context, i int) error {
		rel := res.Deleted[i]
		if err := d.pool.do(ctx, func(c Conn) error { return c.Remove(ctx, rel) }); err != nil {
			return explainErr(err, "", rel)
		}
		m.Files.Add(1)
		return nil
	})
	if err != nil {
		return res, err
	}
	return res, d.writeManifest(ctx, slices.Concat(local, pick(prev, res.Kept)), nil)
}

// upload sends one file of the site, opening it again for each try.
func (d *deployer) upload(ctx context.Context, f File) error {
	return d.pool.do(ctx, func(c Conn) error {
		in, err := d.site.open(f.Path)
		if err != nil {
			return err
		}
		defer in.Close()
		return c.Put(ctx, f.Path, in, f.Size)
	})
}

// badManifest is a manifest at the destination that cannot be trusted.
type badManifest struct{ reason string }

func (b *badManifest) Error() string { return b.reason }

// readManifest reads the destination's manifest; found is false when
// there is none. raw is its content as read.
func (d *deployer) readManifest(ctx context.Context) (m Manifest, raw []byte, found bool, err error) {
	err = d.pool.do(ctx, func(c Conn) error {
		r, err := c.Open(ctx, ManifestName)
		if err != nil {
			return err
		}
		defer r.Close()
		raw, err = io.ReadAll(io.LimitReader(r, maxManifest+1))
		return err
	})
	if errors.Is(err, fs.ErrNotExist) {
		return Manifest{}, nil, false, nil
	}
	if err != nil {
		return Manifest{}, nil, false, explainErr(err, "", ManifestName)
	}
	m, perr := ParseManifest(raw)
	if perr != nil {
		return Manifest{}, nil, false, &badManifest{perr.Error()}
	}
	return m, raw, true, nil
}

// writeManifest writes the manifest of files unless it is the one read
// (prev); a Put is atomic, so a reader gets the old or the new one.
func (d *deployer) writeManifest(ctx context.Context, files []File, prev []byte) error {
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	data := Manifest{Files: files}.Encode()
	if prev != nil && bytes.Equal(data, prev) {
		return nil
	}
	err := d.pool.do(ctx, func(c Conn) error {
		return c.Put(ctx, ManifestName, bytes.NewReader(data), int64(len(data)))
	})
	if err != nil {
		return explainErr(err, "", ManifestName)
	}
	return nil
}

// diff compares the site with the previous manifest: the files to
// upload, and the listed paths the site no longer has.
func diff(local []File, prev Manifest) (changed []File, gone []string) {
	before := make(map[string]File, len(prev.Files))
	for _, f := range prev.Files {
		before[f.Path] = f
	}
	for _, f := range local {
		if p, ok := before[f.Path]; !ok || p != f {
			changed = append(changed, f)
		}
		delete(before, f.Path)
	}
	for _, f := range prev.Files {
		if _, ok := before[f.Path]; ok {
			gone = append(gone, f.Path)
		}
	}
	return changed, gone
}

// pick returns the entries of m whose paths are listed.
func pick(m Manifest, paths []string) []File {
	var files []File
	for _, p := range paths {
		if i, ok := slices.BinarySearchFunc(m.Files, p, func(f File, p string) int { return strings.Compare(f.Path, p) }); ok {
			files = append(files, m.Files[i])
		}
	}
	return files
}

// compare finds, without a manifest, the files of the site that the
// destination lacks or holds with another content: by size, then by
// content (its MD5 when the destination gives it, else its SHA-256 read
// back).
func (d *deployer) compare(ctx context.Context, local []File) ([]File, error) {
	differs := make([]bool, len(local))
	err := each(ctx, len(local), d.opts.Parallel, func(ctx context.Context, i int) error {
		f := local[i]
		var same bool
		err := d.pool.do(ctx, func(c Conn) error {
			r, err := c.Stat(ctx, f.Path)
			if err != nil || r.Size != f.Size {
				return err
			}
			if r.MD5 != "" {
				sum, err := d.localMD5(f.Path)
				same = err == nil && sum == strings.ToLower(r.MD5)
				return err
			}
			rc, err := c.Open(ctx, f.Path)
			if err != nil {
				return err
			}
			defer rc.Close()
			h := sha256.New()
			if _, err := io.Copy(h, io.LimitReader(rc, f.Size+1)); err != nil {
				return err
			}
			same = hex.EncodeToString(h.Sum(nil)) == f.SHA256
			return nil
		})
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		differs[i] = !same
		if err != nil {
			return explainErr(err, "", f.Path)
		}
		return nil
	})
	var changed []File
	for i, f := range local {
		if differs[i] {
			changed = append(changed, f)
		}
	}
	return changed, err
}

func (d *deployer) localMD5(rel string) (string, error) {
	in, err := d.site.open(rel)
	if err != nil {
		return "", err
	}
	defer in.Close()
	h := md5.New()
	if _, err := io.Copy(h, in); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// each calls f(ctx, i) for i from 0 to n-1 on at most workers goroutines;
// the first error cancels the calls not yet done and is returned.
func each(ctx context.Context, n, workers int, f func(context.Context, int) error) error {
	if n == 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	for range min(workers, n) {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := f(ctx, i); err != nil {
					once.Do(func() { firstErr = err; cancel() })
					return
				}
			}
		})
	}
	wg.Wait()
	if firstErr == nil {
		return ctx.Err()
	}
	return firstErr
}

// Job is one site to publish to one destination.
type Job struct {
	Name string // as shown to the user: a commune's slug, or "portal"
	Site Site
	Dest Destination
}

// All publishes every job, at most concurrency at once (default 4), with
// the same options, and calls report with each result as it comes, from
// one goroutine at a time. One failing job does not stop the others; All
// returns the number of jobs that failed.
func All(ctx context.Context, jobs []Job, concurrency int, opts Options, report func(Job, Result, error)) int {
	if concurrency <= 0 {
		concurrency = 4
	}
	var mu sync.Mutex
	failed := 0
	sem := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	for _, j := range jobs {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			res, err := Deploy(ctx, j.Site, j.Dest, opts)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed++
			}
			report(j, res, err)
		})
	}
	wg.Wait()
	return failed
}
