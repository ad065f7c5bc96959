package build

import (
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/tadafor/tadafor/internal/minify"
	"github.com/tadafor/tadafor/internal/render"
)

// Publisher makes the bytes of each output as a build publishes them
// (tadafor build writes them, the live server keeps them in memory): a
// static file is read, and what the minifier handles is minified unless
// the renderer made it minified already. A static file is minified once
// for every commune site that publishes it (the theme's stylesheet is in
// each). It is safe for concurrent use, for one rendering: a static file
// edited afterwards needs a new Publisher.
type Publisher struct {
	min   *minify.Minifier // nil: publish as rendered
	small sync.Map         // path on disk → minified bytes
}

// NewPublisher returns a Publisher that minifies with min, or publishes
// as rendered when min is nil.
func NewPublisher(min *minify.Minifier) *Publisher { return &Publisher{min: min} }

// Copies reports whether o is a static file published as it is, which
// may be copied without being read.
func (p *Publisher) Copies(o render.Output) bool {
	return o.Source != "" && !p.minifies(o)
}

func (p *Publisher) minifies(o render.Output) bool {
	return p.min != nil && !o.Minified && minify.Minifiable(o.Path)
}

// Bytes returns what is published for o. When nothing changes them the
// bytes are o.Data itself, which the renderer reuses once its sink has
// returned: a caller that keeps them must copy them.
func (p *Publisher) Bytes(o render.Output) ([]byte, error) {
	if o.Source == "" {
		if !p.minifies(o) {
			return o.Data, nil
		}
		return p.min.File(o.Path, o.Data)
	}
	if data, ok := p.small.Load(o.Source); ok {
		return data.([]byte), nil
	}
	data, err := readRegular(o.Source)
	if err != nil || !p.minifies(o) {
		return data, err
	}
	if data, err = p.min.File(o.Path, data); err != nil {
		return nil, err
	}
	p.small.Store(o.Source, data)
	return data, nil
}

// readRegular reads a static file (see openRegular).
func readRegular(name string) ([]byte, error) {
	f, err := openRegular(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// openRegular opens a static file, refusing anything but a regular file:
// the theme and the commune's folder were listed through package project,
// which gives the targets of the links it follows, so a link or a named
// pipe here was put in place since, and is not read.
func openRegular(name string) (*os.File, error) {
	info, err := os.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	if opened, err := f.Stat(); err != nil || !os.SameFile(info, opened) {
		f.Close()
		return nil, fmt.Errorf("%s changed while it was read", name)
	}
	return f, nil
}
