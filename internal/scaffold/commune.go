// Package scaffold is "tadafor new": it starts a commune's profile,
// pre-filled from the census reference data and explained field by field,
// and the pair (or more) of language files of a new page, with the front
// matter of its kind. Files come from templates embedded in the program;
// an existing file is never overwritten.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
)

//go:embed templates
var templates embed.FS

// SlugError is the error of a folder name that is not a valid slug.
type SlugError struct {
	Slug string
	// Suggestion is a valid slug close to it, or "".
	Suggestion string
}

// Error says why the slug cannot be used, with the suggestion.
func (e *SlugError) Error() string {
	msg := fmt.Sprintf("%q cannot be a commune's folder name: use lower-case ASCII letters, digits and hyphens", e.Slug)
	if e.Suggestion != "" {
		msg += fmt.Sprintf(", such as %q", e.Suggestion)
	}
	return msg
}

// AmbiguousError is the error of a name that matches several communes.
type AmbiguousError struct {
	Name       string
	Candidates []refdata.Commune
}

// Error says how many communes match.
func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%d communes match %q", len(e.Candidates), e.Name)
}

// NotFoundError is the error of a name or code that matches no commune.
type NotFoundError struct {
	// What is "name" or "code"; Value what was given.
	What, Value string
	// Suggestion is the closest commune, when one is close enough.
	Suggestion *refdata.Commune
}

// Error says what matched nothing, with the suggestion.
func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("no commune of the census has the %s %q", e.What, e.Value)
	if s := e.Suggestion; s != nil {
		msg += "; " + diag.Propose(fmt.Sprintf("%s (%s, code %s)", s.Name["fr"], s.Name["ar"], s.Code))
	}
	return msg
}

// Lookup finds the commune a user means: by census code when code is
// set, else by name (in Arabic or French, matched with Fold). A name
// that matches several communes is an *AmbiguousError listing them; one
// that matches none, like an unknown code, a *NotFoundError.
func Lookup(ref *refdata.Data, m *Matcher, code, name string) (refdata.Commune, error) {
	if code != "" {
		if c, ok := ref.Commune(strings.TrimSpace(code)); ok {
			return c, nil
		}
		return refdata.Commune{}, &NotFoundError{What: "code", Value: code}
	}
	found := m.Find(name)
	switch len(found) {
	case 0:
		e := &NotFoundError{What: "name", Value: name}
		if s, ok := m.Suggest(name); ok {
			e.Suggestion = &s
		}
		return refdata.Commune{}, e
	case 1:
		return found[0], nil
	}
	return refdata.Commune{}, &AmbiguousError{Name: name, Candidates: found}
}

// CommuneFile returns the path of the profile of slug, from the project
// root, slash-separated.
func CommuneFile(slug string) string {
	return path.Join(project.CommunesDir, slug, project.ProfileFile)
}

// WriteCommune writes communes/<slug>/commune.yaml under root for the
// census commune c, in the site's languages langs (the first is the
// default), and returns its path from the root. The profile is filled
// from the census and explains every field; the town hall's address is
// "TODO" in each language and the optional fields are commented out, so
// the profile loads as it is and "tadafor check" warns until each TODO is
// replaced. It returns a *SlugError for an invalid slug and an
// *ExistsError when the profile exists: nothing is ever overwritten.
// WriteCommune is safe for concurrent use.
func WriteCommune(root, slug string, c refdata.Commune, ref *refdata.Data, langs []site.Lang) (string, error) {
	if !segment.IsID(slug) {
		return "", &SlugError{Slug: slug, Suggestion: c.Slug}
	}
	src, err := CommuneProfile(slug, c, ref, langs)
	if err != nil {
		return "", err
	}
	file := CommuneFile(slug)
	if err := createFiles(root, map[string][]byte{file: src}); err != nil {
		return "", err
	}
	return file, nil
}

// CommuneProfile returns the text WriteCommune writes. It is safe for
// concurrent use.
func CommuneProfile(slug string, c refdata.Commune, ref *refdata.Data, langs []site.Lang) ([]byte, error) {
	region, _ := ref.Region(c.Region)
	province, _ := ref.Province(c.Province)
	data := profileData{
		Slug: slug, Code: c.Code, Type: string(c.Type), Region: c.Region, Province: c.Province,
		Name: c.Name, RegionName: region.Name, ProvinceName: province.Name,
		Population: c.Population2024, CensusYear: 2024, Arrondissements: c.HasArrondissements(),
		MapURL: "https://www.openstreetmap.org/search?query=" + url.QueryEscape(c.Name["fr"]+", Maroc"),
	}
	if data.Population == 0 && c.Population2014 > 0 {
		data.Population, data.CensusYear = c.Population2014, 2014
	}
	for _, l := range langs {
		v := "TODO"
		if n := c.Name[l.Code]; n != "" {
			v = quote(n)
		}
		data.Names = append(data.Names, langValue{Lang: l.Code, Value: v})
	}
	t, err := template.New("commune.yaml.tmpl").Funcs(template.FuncMap{"quote": quote}).
		ParseFS(templates, "templates/commune.yaml.tmpl")
	if err != nil {
		return nil, fmt.Errorf("profile template: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("profile template: %w", err)
	}
	return b.Bytes(), nil
}

// profileData fills templates/commune.yaml.tmpl.
type profileData struct {
	Slug, Code, Type, Region, Province string
	Name, RegionName, ProvinceName     site.Text
	Names                              []langValue
	Population, CensusYear             int
	Arrondissements                    bool
	MapURL                             string
}

// langValue is a YAML value for one language, already quoted.
type langValue struct{ Lang, Value string }

// quote writes s as a YAML double-quoted scalar.
func quote(s string) string {
	return strconv.Quote(s) // YAML double-quoted escapes are a superset of Go's for text
}

// ExistsError is the error of a file that exists already: tadafor new
// never overwrites one. It matches fs.ErrExist with errors.Is.
type ExistsError struct {
	File string // slash path from the project root
}

// Error names the file.
func (e *ExistsError) Error() string {
	return e.File + " already exists; tadafor new never overwrites a file"
}

// Is reports whether target is fs.ErrExist.
func (e *ExistsError) Is(target error) bool { return target == fs.ErrExist }

// createFiles creates every file (slash paths from root) with its
// content, or none of them: it fails with an *ExistsError when one
// exists already.
func createFiles(root string, files map[string][]byte) error {
	names := sortedNames(files)
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(name))); err == nil {
			return &ExistsError{File: name}
		}
	}
	var written []string
	for _, name := range names {
		p := filepath.Join(root, filepath.FromSlash(name))
		err := os.MkdirAll(filepath.Dir(p), 0o755)
		if err == nil {
			err = writeNew(p, files[name])
		}
		if err != nil {
			for _, w := range written {
				os.Remove(w)
			}
			if errors.Is(err, fs.ErrExist) {
				return &ExistsError{File: name}
			}
			return fmt.Errorf("write %s: %w", name, err)
		}
		written = append(written, p)
	}
	return nil
}

// writeNew writes a file that must not exist yet.
func writeNew(p string, data []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
	}
	return err
}

func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
