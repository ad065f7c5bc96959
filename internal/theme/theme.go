// Package theme loads a theme: html/template layouts named by their path
// under layouts/, the interface strings of each language under i18n/, and
// the static files under static/. A commune may override any layout or
// static file by putting a file with the same path under
// communes/<slug>/layouts/ or communes/<slug>/static/.
package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/i18n"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/site"
)

// PagesDir is the folder of layouts/ whose files are whole page layouts;
// every other layout file is shared by all of them (base.html, partials).
const PagesDir = "pages"

// BaseLayout is the template every page layout is executed through.
const BaseLayout = "base.html"

// Theme is a loaded theme. It is immutable and safe for concurrent use.
type Theme struct {
	// Name is the theme's folder name under themes/.
	Name string
	// Catalogs are the interface strings by language code.
	Catalogs map[string]*i18n.Catalog
	// Static lists the theme's static files, by path relative to static/,
	// with the file's path on disk.
	Static map[string]string
	// Layouts are the default layouts.
	Layouts *Layouts

	files map[string]source // layout sources by relative path
}

// source is a layout file's text and where it comes from.
type source struct {
	file string // path relative to the project root, for messages
	text string
}

// Layouts are parsed layouts, each a template set with the shared layouts.
// It is safe for concurrent use.
type Layouts struct {
	sets  map[string]*template.Template
	files map[string]source
	// small are the same sets parsed from minified sources (see Minified),
	// nil when the layouts are not minified.
	small map[string]*template.Template
}

// Load reads themes/<name> under root. Every problem is returned together.
func Load(root, name string, langs []site.Lang) (*Theme, diag.List) {
	var errs diag.List
	dir := path.Join(project.ThemesDir, name)
	st, err := project.Stat(root, dir)
	var refused *diag.Error
	if errors.As(err, &refused) {
		errs = append(errs, refused)
		return nil, errs
	}
	if err != nil || !st.IsDir() {
		errs.Add(diag.Pos{File: dir}, "theme %q not found", name).Hint = "check \"theme\" in tadafor.yaml; the folder themes/" + name + " must exist"
		return nil, errs
	}
	t := &Theme{Name: name, Catalogs: map[string]*i18n.Catalog{}}
	var lerrs diag.List
	t.files, lerrs = readTree(root, path.Join(dir, project.LayoutsDir), ".html")
	errs = append(errs, lerrs...)
	t.Static, lerrs = listTree(root, path.Join(dir, project.StaticDir))
	errs = append(errs, lerrs...)
	for _, l := range langs {
		file := path.Join(dir, project.I18nDir, l.Code+".yaml")
		src, err := project.ReadFile(root, file)
		if errors.Is(err, fs.ErrNotExist) {
			errs.Add(diag.Pos{File: file}, "missing interface strings for %s (%s)", l.Name, l.Code).Hint =
				"copy " + path.Join(dir, project.I18nDir, langs[0].Code+".yaml") + " and translate it"
			continue
		}
		if err != nil {
			errs.Append(err)
			continue
		}
		cat, cerrs := i18n.Load(file, src, l)
		errs = append(errs, cerrs...)
		if cat != nil {
			t.Catalogs[l.Code] = cat
		}
	}
	if def := t.Catalogs[langs[0].Code]; def != nil {
		for _, l := range langs[1:] {
			if cat := t.Catalogs[l.Code]; cat != nil {
				errs = append(errs, cat.Compare(def)...)
			}
		}
	}
	layouts, lerrs := parse(t.files)
	errs = append(errs, lerrs...)
	t.Layouts = layouts
	errs.Sort()
	return t, errs
}

// ForCommune returns the layouts with the overrides of
// communes/<slug>/layouts/, or the theme's own layouts when the commune
// overrides none.
func (t *Theme) ForCommune(root, slug string) (*Layouts, diag.List) {
	over, errs := readTree(root, path.Join(project.CommunesDir, slug, project.LayoutsDir), ".html")
	if errs.HasErrors() {
		return nil, errs
	}
	if len(over) == 0 {
		return t.Layouts, nil
	}
	for rel, src := range over {
		if _, ok := t.files[rel]; !ok {
			e := errs.Add(diag.Pos{File: src.file}, "this file overrides no layout of the theme %q", t.Name)
			if s := diag.Suggest(rel, slices.Collect(maps.Keys(t.files))); s != "" {
				e.Hint = diag.Propose(strconv.Quote(path.Join(project.CommunesDir, slug, project.LayoutsDir, s)))
			}
		}
	}
	files := maps.Clone(t.files)
	maps.Copy(files, over)
	layouts, lerrs := parse(files)
	errs = append(errs, lerrs...)
	return layouts, errs
}

// Names returns the page layouts, e.g. "pages/guide.html", sorted.
func (l *Layouts) Names() []string {
	return slices.Sorted(maps.Keys(l.sets))
}

// Files returns the layout files, page layouts and the layouts they
// share, by path relative to layouts/, sorted.
func (l *Layouts) Files() []string {
	return slices.Sorted(maps.Keys(l.files))
}

// Source returns the text of the layout file rel (as listed by Files),
// and whether there is one.
func (l *Layouts) Source(rel string) (string, bool) {
	src, ok := l.files[rel]
	return src.text, ok
}

// Has reports whether the page layout name exists.
func (l *Layouts) Has(name string) bool { _, ok := l.sets[name]; return ok }

// Execute runs the page layout name (e.g. "pages/guide.html") through
// base.html with data. An error names the layout file and line.
func (l *Layouts) Execute(w io.Writer, name string, data any) error {
	return l.execute(w, name, BaseLayout, data)
}

// ExecutePartial runs the template name (e.g. "partials/footer.html") of
// the page layout's set with data. An error names the layout file and line.
func (l *Layouts) ExecutePartial(w io.Writer, layout, name string, data any) error {
	return l.execute(w, layout, name, data)
}

func (l *Layouts) execute(w io.Writer, layout, name string, data any) error {
	set, ok := l.sets[layout]
	if !ok {
		return fmt.Errorf("no layout %q", layout)
	}
	if small := l.small[layout]; small != nil {
		err := small.ExecuteTemplate(w, name, data)
		if err == nil {
			return nil
		}
		// The minified source has lost the lines: run the layout as
		// written to say where the error is.
		if asWritten := set.ExecuteTemplate(io.Discard, name, data); asWritten != nil {
			return l.failed(asWritten, data)
		}
		return l.failed(err, data)
	}
	if err := set.ExecuteTemplate(w, name, data); err != nil {
		return l.failed(err, data)
	}
	return nil
}

// failed is the error of a layout run with data: positioned, and saying
// where a name the layout asked for is, when it can (see fieldHint).
func (l *Layouts) failed(err error, data any) *diag.Error {
	e := l.positioned(err)
	if e.Hint == "" {
		e.Hint = fieldHint(e.Msg, data)
	}
	return e
}

// Minified reports whether the layouts run from minified sources.
func (l *Layouts) Minified() bool { return l.small != nil }

// Minify returns the layouts parsed again from their sources passed
// through minify (an HTML minifier that keeps {{ }} actions), so that pages
// come out minified without minifying each one. Errors still name the
// lines of the files as written. It fails when a minified source no longer
// parses; the caller then keeps l.
func (l *Layouts) Minify(minify func(src []byte) ([]byte, error)) (*Layouts, error) {
	small := make(map[string]source, len(l.files))
	for rel, src := range l.files {
		text, err := minify([]byte(src.text))
		if err != nil {
			return nil, fmt.Errorf("minify %s: %w", src.file, err)
		}
		small[rel] = source{file: src.file, text: string(text)}
	}
	m, errs := parse(small)
	if errs.HasErrors() {
		return nil, fmt.Errorf("minified layouts: %w", errs.Err())
	}
	return &Layouts{sets: l.sets, files: l.files, small: m.sets}, nil
}

// parse builds one template set per page layout: the shared layouts plus
// that page layout, each template named by its path.
func parse(files map[string]source) (*Layouts, diag.List) {
	l := &Layouts{sets: map[string]*template.Template{}, files: files}
	var errs diag.List
	if _, ok := files[BaseLayout]; !ok {
		errs.Add(diag.Pos{File: path.Join(project.LayoutsDir, BaseLayout)}, "the theme has no %s", BaseLayout)
		return l, errs
	}
	common := template.New("").Funcs(funcs)
	var pages []string
	for _, rel := range slices.Sorted(maps.Keys(files)) {
		if strings.HasPrefix(rel, PagesDir+"/") {
			pages = append(pages, rel)
			continue
		}
		if _, err := common.New(rel).Parse(files[rel].text); err != nil {
			errs = append(errs, l.positioned(err))
		}
	}
	if len(errs) > 0 {
		return l, errs
	}
	for _, rel := range pages {
		set, err := common.Clone() // a clone forgets the functions: add them again
		if err == nil {
			_, err = set.Funcs(funcs).New(rel).Parse(files[rel].text)
		}
		if err != nil {
			errs = append(errs, l.positioned(err))
			continue
		}
		l.sets[rel] = set
	}
	return l, errs
}

var tmplErrRE = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// positioned turns a template error into a diag.Error at the layout
// file's line, when the message carries one.
func (l *Layouts) positioned(err error) *diag.Error {
	// An error of a partial run by a method of the page (such as Partials.Site)
	// already names the partial's line: keep it.
	var inner *diag.Error
	if errors.As(err, &inner) {
		return inner
	}
	msg := err.Error()
	m := tmplErrRE.FindStringSubmatch(msg)
	if m == nil {
		return &diag.Error{Msg: msg, Err: err}
	}
	pos := diag.Pos{File: m[1]}
	if src, ok := l.files[m[1]]; ok {
		pos.File = src.file
	}
	pos.Line, _ = strconv.Atoi(m[2])
	if m[3] != "" {
		pos.Col, _ = strconv.Atoi(m[3])
	}
	text := m[4]
	// Keep the innermost cause: "executing ... at <.X>: error calling T: ..."
	if i := strings.LastIndex(text, "error calling "); i >= 0 {
		text = text[i:]
	}
	return &diag.Error{Pos: pos, Msg: "template: " + text, Err: err}
}

// funcs are the few helpers every layout may use; everything that depends
// on the page or language is a method of the data passed in.
var funcs = template.FuncMap{
	// base is a layout's name without folder and extension: "pages/guide.html" → "guide".
	"base": func(name string) string { return strings.TrimSuffix(path.Base(name), path.Ext(name)) },
	// dict builds a map from name/value pairs, to pass several values to a partial.
	"dict": func(pairs ...any) (map[string]any, error) {
		if len(pairs)%2 != 0 {
			return nil, errors.New("dict needs name/value pairs")
		}
		m := make(map[string]any, len(pairs)/2)
		for i := 0; i < len(pairs); i += 2 {
			name, ok := pairs[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: name %v is not a string", pairs[i])
			}
			m[name] = pairs[i+1]
		}
		return m, nil
	},
	// first returns at most the first n items of a list of pages.
	"first": func(n int, list any) (any, error) {
		v := reflect.ValueOf(list)
		if v.Kind() != reflect.Slice {
			return nil, fmt.Errorf("first: %T is not a list", list)
		}
		return v.Slice(0, min(n, v.Len())).Interface(), nil
	},
}

// readTree reads every file ending in ext under root/dir, keyed by its
// slash path relative to dir. A missing dir is empty.
func readTree(root, dir, ext string) (map[string]source, diag.List) {
	files := map[string]source{}
	found, errs := project.Walk(root, dir)
	for _, f := range found {
		if !strings.HasSuffix(f.Rel, ext) {
			continue
		}
		file := path.Join(dir, f.Rel)
		b, err := project.ReadFile(root, file)
		if err != nil {
			errs.Append(err)
			continue
		}
		files[f.Rel] = source{file: file, text: string(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))}
	}
	return files, errs
}

// listTree lists the files under root/dir (see project.Walk) by slash
// path relative to dir, with where they are on disk. A missing dir is
// empty.
func listTree(root, dir string) (map[string]string, diag.List) {
	out := map[string]string{}
	found, errs := project.Walk(root, dir)
	for _, f := range found {
		out[f.Rel] = f.Path
	}
	return out, errs
}

// StaticFor returns the static files of a commune site: the theme's,
// overlaid by those of communes/<slug>/static/, by path relative to the
// commune site's root, with their paths on disk. The problems of the
// commune's folder (a link the project does not follow) are returned with
// the files that could be listed.
func (t *Theme) StaticFor(root, slug string) (map[string]string, diag.List) {
	files := maps.Clone(t.Static)
	own, errs := listTree(root, path.Join(project.CommunesDir, slug, project.StaticDir))
	maps.Copy(files, own)
	return files, errs
}
