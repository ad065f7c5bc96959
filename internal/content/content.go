// Package content reads the Markdown pages of a project: the shared pages
// under content/ and each commune's own pages under
// communes/<slug>/content/. It splits the YAML front matter from the body,
// decodes it strictly, and takes the page's language from its file name
// (name.ar.md, name.fr.md).
package content

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/adrg/frontmatter"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// Set is every page of a project.
type Set struct {
	// Shared pages, from content/, sorted by key then language.
	Shared []*site.Page
	// Local pages by commune slug, from communes/<slug>/content/.
	Local map[string][]*site.Page
}

// Load reads content/ under root and communes/<slug>/content/ for each of
// slugs. Drafts are skipped. Every problem of every file is returned,
// sorted; the Set holds the pages that could be read. When ctx is done,
// Load stops reading files and returns ctx's error in the list.
func Load(ctx context.Context, root string, langs []string, slugs []string) (*Set, diag.List) {
	set := &Set{Local: map[string][]*site.Page{}}
	var errs diag.List
	// List every file first, then read and parse them on every core.
	type folder struct{ dir, commune string }
	folders := []folder{{project.ContentDir, ""}}
	for _, slug := range slugs {
		folders = append(folders, folder{path.Join(project.CommunesDir, slug, project.ContentDir), slug})
	}
	type file struct {
		folder int
		rel    string
		page   *site.Page
		errs   diag.List
	}
	var files []file
	for i, f := range folders {
		found, werrs := project.Walk(root, f.dir)
		errs = append(errs, werrs...)
		for _, ff := range found {
			if !Skipped(ff.Rel) {
				files = append(files, file{folder: i, rel: ff.Rel})
			}
		}
	}
	par.Each(len(files), func(i int) {
		if ctx.Err() != nil {
			return
		}
		f := &files[i]
		fo := folders[f.folder]
		f.page, f.errs = ReadPage(root, fo.dir, f.rel, fo.commune, langs)
	})
	if err := ctx.Err(); err != nil {
		errs.Append(err)
		return set, errs
	}
	pages := make([][]*site.Page, len(folders))
	for _, f := range files {
		errs = append(errs, f.errs...)
		if f.page != nil {
			pages[f.folder] = append(pages[f.folder], f.page)
		}
	}
	set.Shared = SortPages(pages[0])
	for i, f := range folders[1:] {
		if len(pages[i+1]) > 0 {
			set.Local[f.commune] = SortPages(pages[i+1])
		}
	}
	errs.Sort()
	return set, errs
}

// Skipped reports whether Load passes over the file at rel, a slash path
// inside a content folder: not Markdown, or ignored (project.Ignored) or
// set aside (project.SetAside) on the way.
func Skipped(rel string) bool {
	if !strings.HasSuffix(rel, ".md") {
		return true
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		if project.Ignored(seg, i < len(segs)-1) || project.SetAside(seg) {
			return true
		}
	}
	return false
}

// ReadPage reads the page at rel in the content folder dir (both slash
// paths, dir relative to root) as Load does: nil, without error, when the
// file does not exist (or is a folder) or is a draft. commune is the slug
// of the commune owning dir, "" for content/.
func ReadPage(root, dir, rel, commune string, langs []string) (*site.Page, diag.List) {
	file := path.Join(dir, rel)
	src, err := project.ReadFile(root, file)
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, project.ErrFolder) {
		return nil, nil
	}
	if err != nil {
		var errs diag.List
		errs.Append(err)
		return nil, errs
	}
	page, errs := Parse(file, rel, src, langs)
	if page == nil || page.Meta.Draft {
		return nil, errs
	}
	page.Commune = commune
	return page, errs
}

// SortPages orders pages as Load does: by key, then language.
func SortPages(pages []*site.Page) []*site.Page {
	slices.SortFunc(pages, func(a, b *site.Page) int {
		return strings.Compare(a.Key+"\x00"+a.Lang, b.Key+"\x00"+b.Lang)
	})
	return pages
}

// Parse reads one Markdown file. file is the path used in messages; rel is
// its path under its content folder, which gives the page's key and
// language. The page is nil when the file cannot be used at all.
func Parse(file, rel string, src []byte, langs []string) (*site.Page, diag.List) {
	var errs diag.List
	key, lang, ok := splitName(rel, langs)
	if !ok {
		errs.Add(diag.Pos{File: file}, "cannot tell the language of %q", path.Base(rel)).Hint =
			fmt.Sprintf("name the file <name>.<language>.md, with a language among %s (e.g. %s)",
				strings.Join(langs, ", "), strings.TrimSuffix(path.Base(rel), ".md")+"."+langs[0]+".md")
		return nil, errs
	}
	src = normalize(src)
	page := &site.Page{Key: key, Lang: lang, File: file}
	for seg := range strings.SplitSeq(key, "/") {
		if msg, hint := segment.Check(seg); msg != "" {
			errs.Add(diag.Pos{File: file}, "the name %s", msg).Hint = "rename the file or folder: " + hint
			return nil, errs
		}
	}

	fmLine, fmFound := frontMatterStart(src)
	if !fmFound {
		errs.Add(diag.Pos{File: file, Line: 1, Col: 1}, "missing front matter").Hint =
			"start the file with a line ---, then \"title: …\", then a line ---"
		return nil, errs
	}
	var fm []byte
	format := frontmatter.NewFormat("---", "---", func(data []byte, _ any) error {
		fm = data
		return nil
	})
	body, err := frontmatter.MustParse(bytes.NewReader(src), nil, format)
	if err != nil {
		errs.Add(diag.Pos{File: file, Line: fmLine - 1, Col: 1}, "front matter is not closed").Hint =
			"end the front matter with a line containing only ---"
		return nil, errs
	}
	page.Body = body
	page.BodyLine = 1 + bytes.Count(src[:len(src)-len(body)], []byte("\n"))

	pos, derrs := yamldecode.Decode(fm, &page.Meta, yamldecode.Options{File: file, FirstLine: fmLine, Langs: langs})
	errs = append(errs, derrs...)
	checkKind(page, pos, &errs)
	errs.Sort()
	return page, errs
}

// checkKind applies the rules that depend on the page's kind.
func checkKind(p *site.Page, pos yamldecode.Positions, errs *diag.List) {
	m := &p.Meta
	if m.Kind == "" {
		m.Kind = site.KindPage
	}
	at := func(key string) diag.Pos {
		if p, ok := pos[key+":key"]; ok {
			return p
		}
		return pos.Get(key)
	}
	needs := func(field string, ok bool) {
		if !ok {
			errs.Add(at("kind"), "a %s page needs %q in its front matter", m.Kind, field).Hint =
				fmt.Sprintf("add \"%s: …\" (see docs/content.md)", field)
		}
	}
	forbids := func(field string, set bool, kind site.Kind) {
		if set && m.Kind != kind {
			errs.Add(at(field), "%q is only allowed on %s pages, not on a %s page", field, kind, m.Kind).Hint =
				fmt.Sprintf("add \"kind: %s\" or remove %q", kind, field)
		}
	}
	switch m.Kind {
	case site.KindNews:
		// A date given but wrong is reported as such, not as missing.
		wrong := slices.ContainsFunc(*errs, func(e *diag.Error) bool { return e.Pos == pos["date"] })
		needs("date", wrong || !m.Date.IsZero())
	case site.KindEvent:
		needs("event", m.Event != nil)
	case site.KindProcedure:
		needs("procedure", m.Procedure != nil)
	}
	forbids("event", m.Event != nil, site.KindEvent)
	forbids("procedure", m.Procedure != nil, site.KindProcedure)
	if m.Event != nil && m.Date.IsZero() {
		m.Date = m.Event.Start
	}
	if m.Event != nil && !m.Event.End.IsZero() && m.Event.End.Before(m.Event.Start.Time) {
		errs.Add(pos.Get("event.end"), "the event ends before it starts").Hint = "check event.start and event.end"
	}
	checkProcedure(p, pos, errs)
	if m.Slug != "" {
		p.SlugPos = pos.Get("slug")
		if msg, hint := segment.Check(m.Slug); msg != "" {
			errs.Add(p.SlugPos, "slug %s", msg).Hint = hint
		}
	}
}

// checkProcedure checks a procedure's links to the national portals
// against internal/law: an online service must be a portal that serves the
// procedure (watiqa does not deliver death extracts), and the sheet must
// be the procedure's own sheet on idarati, never the portal's home page.
func checkProcedure(p *site.Page, pos yamldecode.Positions, errs *diag.List) {
	pr := p.Meta.Procedure
	if pr == nil {
		return
	}
	if pr.Online != nil {
		if s, ok := law.ServiceAt(pr.Online.URL); ok && !s.Serves(p.Key) {
			errs.Add(pos.Get("procedure.online.url"), "%s does not offer this procedure online", s.Name).Hint =
				fmt.Sprintf("remove \"online\" (%s serves: %s), or add the procedure to the portal's list in internal/law once the portal offers it",
					s.Name, strings.Join(s.Procedures, ", "))
		}
	}
	if law.IsIdaratiHome(pr.Sheet) {
		errs.Add(pos.Get("procedure.sheet"), "%q is the home page of idarati, not the sheet of this procedure", pr.Sheet).Hint =
			"remove \"sheet\": the page then invites a search on idarati.ma; write the address of the procedure's own sheet once you have checked it"
	}
}

// splitName turns "participation/petitions.ar.md" into its key
// "participation/petitions" and language "ar".
func splitName(rel string, langs []string) (key, lang string, ok bool) {
	stem := strings.TrimSuffix(rel, ".md")
	i := strings.LastIndexByte(stem, '.')
	if i < 0 || strings.ContainsRune(stem[i:], '/') {
		return "", "", false
	}
	lang = stem[i+1:]
	if !slices.Contains(langs, lang) {
		return "", "", false
	}
	return stem[:i], lang, true
}

// normalize drops a byte-order mark and turns CRLF line ends into LF, so
// that lines and columns count the same on every system.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.Contains(src, []byte("\r\n")) {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src
}

// frontMatterStart returns the file line on which the front matter's YAML
// starts (the line after the opening ---), if the first non-blank line is
// "---".
func frontMatterStart(src []byte) (int, bool) {
	for line := 1; len(src) > 0; line++ {
		text, rest, _ := bytes.Cut(src, []byte("\n"))
		switch string(bytes.TrimSpace(text)) {
		case "":
			src = rest
			continue
		case "---":
			return line + 1, true
		}
		return 0, false
	}
	return 0, false
}
