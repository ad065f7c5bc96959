// Package minify shrinks the generated HTML, CSS, SVG, JSON and XML. It is
// the only package that imports tdewolff/minify.
package minify

import (
	"fmt"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies files by their extension. It is safe for concurrent
// use.
type Minifier struct {
	m    *minify.M
	tmpl *minify.M // for layouts: {{ }} actions kept as they are
}

// New returns a Minifier for HTML, CSS, SVG, JSON (and JSON-LD inside
// HTML) and XML (sitemaps, feeds).
func New() *Minifier {
	return &Minifier{m: newM(html.Minifier{}), tmpl: newM(html.Minifier{TemplateDelims: html.GoTemplateDelims})}
}

// newM returns the minifiers with the HTML options of page, to which it
// adds the options every page needs.
func newM(page html.Minifier) *minify.M {
	m := minify.New()
	page.KeepDocumentTags = true // keep <html lang dir>, <head> and <body>
	page.KeepEndTags = true
	page.KeepQuotes = true
	page.KeepSpecialComments = false
	m.Add("text/html", &page)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?xml$`), xml.Minify)
	return m
}

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "application/xml",
}

// Minifiable reports whether a file of this name would be minified.
func Minifiable(name string) bool {
	_, ok := mediaTypes[path.Ext(name)]
	return ok
}

// File minifies data according to the extension of name; other files are
// returned unchanged. An error names the file.
func (m *Minifier) File(name string, data []byte) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return data, nil
	}
	// Bytes reads data in place, without the copy a Reader would cost.
	out, err := m.m.Bytes(mt, data)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// HTML minifies a fragment or a whole page of HTML.
func (m *Minifier) HTML(data []byte) ([]byte, error) {
	return m.m.Bytes("text/html", data)
}

// Template minifies the source of an html/template layout, keeping its
// {{ }} actions as they are.
func (m *Minifier) Template(src []byte) ([]byte, error) {
	return m.tmpl.Bytes("text/html", src)
}
