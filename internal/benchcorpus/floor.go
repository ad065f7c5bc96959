package benchcorpus

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	// The floor is plain goldmark on purpose: it measures what converting
	// the same Markdown costs without anything of ours, so it cannot go
	// through internal/markdown (the project's one goldmark importer).
	// This is the only other import of goldmark, and it is benchmark code.
	"github.com/tadafor/tadafor/internal/project"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// Source is a shared Markdown page of a project.
type Source struct {
	// File is the path under the project root, slash-separated.
	File string
	// Size is the size of the file in bytes, front matter included.
	Size int
	// Body is the Markdown after the front matter.
	Body []byte
}

// ReadShared reads every shared page under root/content, sorted by path,
// with the front matter stripped. It returns an error when a file cannot
// be read or has no closed front matter. It is safe for concurrent use.
func ReadShared(root string) ([]Source, error) {
	var out []Source
	base := filepath.Join(root, project.ContentDir)
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		body, ok := stripFrontMatter(src)
		if !ok {
			return fmt.Errorf("%s: no front matter", rel)
		}
		out = append(out, Source{File: filepath.ToSlash(rel), Size: len(src), Body: body})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read shared pages: %w", err)
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.File, b.File) })
	return out, nil
}

// stripFrontMatter returns what follows the "---" line that closes the
// front matter opened on the first line.
func stripFrontMatter(src []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return nil, false
	}
	if bytes.HasPrefix(rest, []byte("---\n")) {
		return rest[4:], true
	}
	_, body, ok := bytes.Cut(rest, []byte("\n---\n"))
	return body, ok
}

// FloorResult sums up a floor run.
type FloorResult struct {
	Conversions int
	HTMLBytes   int64
}

// Floor converts every body times times to HTML with plain goldmark and
// GFM, on workers goroutines (default: GOMAXPROCS), each with its own
// converter and output buffer, and discards the HTML. It is the least any
// build of the same pages must spend on Markdown. It stops early with the
// context's error when ctx is done, or returns the first conversion error.
// It is safe for concurrent use.
func Floor(ctx context.Context, bodies [][]byte, times, workers int) (FloorResult, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	total := len(bodies) * times
	var (
		next     atomic.Int64
		htmlSize atomic.Int64
		done     atomic.Int64
		errOnce  sync.Once
		firstErr error
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			md := goldmark.New(goldmark.WithExtensions(extension.GFM))
			var buf bytes.Buffer
			for {
				i := int(next.Add(1) - 1)
				if i >= total || ctx.Err() != nil {
					return
				}
				buf.Reset()
				if err := md.Convert(bodies[i%len(bodies)], &buf); err != nil {
					errOnce.Do(func() { firstErr = err })
					return
				}
				htmlSize.Add(int64(buf.Len()))
				done.Add(1)
			}
		})
	}
	wg.Wait()
	res := FloorResult{Conversions: int(done.Load()), HTMLBytes: htmlSize.Load()}
	if firstErr != nil {
		return res, fmt.Errorf("floor: %w", firstErr)
	}
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("floor: %w", err)
	}
	return res, nil
}
