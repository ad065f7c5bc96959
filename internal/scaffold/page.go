package scaffold

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
)

// PathError is the error of a page path that cannot be used.
type PathError struct {
	Path   string
	Reason string
	// Suggestion is a usable path close to it, or "".
	Suggestion string
}

// Error says why the path cannot be used, with the suggestion.
func (e *PathError) Error() string {
	msg := fmt.Sprintf("page path %q: %s", e.Path, e.Reason)
	if e.Suggestion != "" {
		msg += "; " + diag.Propose(strconv.Quote(e.Suggestion))
	}
	return msg
}

// PageFiles returns the files of the page p in each language of langs,
// slash paths from the project root: content/<p>.<lang>.md for a shared
// page, or communes/<slug>/content/<rest>.<lang>.md when p starts with
// communes/<slug>/content/. p may also start with content/ and end with
// .md or .<lang>.md, or with "/" (from content/, as in links). Its folders and name are made of lower-case ASCII
// letters, digits and hyphens (a page's address in a language can be
// changed with "slug" in its front matter); otherwise PageFiles returns a
// *PathError.
func PageFiles(p string, langs []site.Lang) ([]string, error) {
	orig := p
	p = strings.TrimPrefix(strings.TrimPrefix(filepath.ToSlash(strings.TrimSpace(p)), "./"), "/")
	p = strings.TrimSuffix(p, ".md")
	for _, l := range langs {
		p = strings.TrimSuffix(p, "."+l.Code)
	}
	dir := project.ContentDir
	if rest, ok := strings.CutPrefix(p, project.CommunesDir+"/"); ok {
		slug, inside, _ := strings.Cut(rest, "/")
		inside, ok = strings.CutPrefix(inside, project.ContentDir+"/")
		if !ok || !segment.IsID(slug) {
			return nil, &PathError{Path: orig, Reason: "a commune's page is written communes/<slug>/content/<path>"}
		}
		dir, p = path.Join(project.CommunesDir, slug, project.ContentDir), inside
	} else {
		p = strings.TrimPrefix(p, project.ContentDir+"/")
	}
	if p == "" || strings.HasSuffix(p, "/") {
		return nil, &PathError{Path: orig, Reason: "the path names no page", Suggestion: path.Join(p, "index")}
	}
	segs := strings.Split(p, "/")
	good := make([]string, len(segs))
	ok := true
	for i, s := range segs {
		good[i] = segment.ToID(s)
		ok = ok && segment.IsID(s)
	}
	if !ok {
		e := &PathError{Path: orig, Reason: "folders and file names are made of lower-case ASCII letters, digits and hyphens"}
		if !slices.Contains(good, "") {
			e.Suggestion = strings.Join(good, "/")
		}
		return nil, e
	}
	files := make([]string, len(langs))
	for i, l := range langs {
		files[i] = path.Join(dir, p) + "." + l.Code + ".md"
	}
	return files, nil
}

// WritePage writes the files of page p (see PageFiles) of the given kind
// under root, one per language of langs, each with the front matter of
// its kind: title, description and every field of the kind, set to
// "TODO" where the editor must write something ("tadafor check" warns
// about each; a date left "TODO" is an error until it is written), the
// date of a news page set to today. A commune's page needs the folder
// communes/<slug>. It returns the files written. It returns a *PathError
// for an unusable path, an error for an unknown kind, and an
// *ExistsError, writing nothing, when one of the files exists. WritePage
// is safe for concurrent use.
func WritePage(root, p string, kind site.Kind, langs []site.Lang, today time.Time) ([]string, error) {
	if !slices.Contains(site.Kinds, kind) {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	files, err := PageFiles(p, langs)
	if err != nil {
		return nil, err
	}
	if slug, ok := communeOf(files[0]); ok {
		if _, err := os.Stat(filepath.Join(root, project.CommunesDir, slug, project.ProfileFile)); err != nil {
			return nil, &PathError{Path: p, Reason: fmt.Sprintf("there is no commune %s (no file communes/%s/commune.yaml)", slug, slug)}
		}
	}
	t, err := template.ParseFS(templates, "templates/page.md.tmpl")
	if err != nil {
		return nil, fmt.Errorf("page template: %w", err)
	}
	out := map[string][]byte{}
	for i, l := range langs {
		var b bytes.Buffer
		data := struct {
			Kind, Lang, Today string
		}{string(kind), l.Code, today.Format("2006-01-02")}
		if err := t.Execute(&b, data); err != nil {
			return nil, fmt.Errorf("page template: %w", err)
		}
		out[files[i]] = b.Bytes()
	}
	if err := createFiles(root, out); err != nil {
		return nil, err
	}
	return files, nil
}

// communeOf returns the commune slug of a file under communes/<slug>/.
func communeOf(file string) (string, bool) {
	rest, ok := strings.CutPrefix(file, project.CommunesDir+"/")
	if !ok {
		return "", false
	}
	slug, _, _ := strings.Cut(rest, "/")
	return slug, true
}
