// Package commune loads communes/<slug>/commune.yaml into *site.Commune,
// strictly: besides the checks of the struct tags of site.Commune it
// checks the region, province, code, population and arrondissements
// against the census reference data, and reports each problem at the
// position of the offending value.
package commune

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/segment"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// Dir and FileName are short names for the project's communes folder
// and a commune's profile.
const (
	Dir      = project.CommunesDir
	FileName = project.ProfileFile
)

// LoadAll loads every communes/<slug>/commune.yaml under root (folders
// sorted; a folder whose name starts with "_" or "." is skipped; a folder
// without commune.yaml is an error naming it). Errors of all communes are
// returned together, sorted. File paths in positions are relative to
// root, with "/" separators (e.g. "communes/berkane/commune.yaml").
//
// The communes are returned in folder order, each decoded as far as
// possible even when the list holds errors about it; a profile that could
// not be read is left out. The caller decides from errs.HasErrors()
// whether to go on. When ctx is done, LoadAll stops reading profiles and
// returns ctx's error in the list. It is safe for concurrent use.
func LoadAll(ctx context.Context, root string, langs []string, ref *refdata.Data) ([]*site.Commune, diag.List) {
	var errs diag.List
	entries, err := project.ReadDir(root, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		errs.Add(diag.Pos{File: Dir}, "missing folder").Hint = "every commune has its folder communes/<slug>/ with a commune.yaml"
		return nil, errs
	}
	errs.Append(err)
	var names []string
	for _, entry := range entries {
		if entry.Dir && !project.SetAside(entry.Name) {
			names = append(names, entry.Name)
		}
	}
	type loaded struct {
		c    *site.Commune
		pos  yamldecode.Positions
		errs diag.List
	}
	all := make([]loaded, len(names))
	par.Each(len(names), func(i int) {
		if ctx.Err() != nil {
			return
		}
		all[i].c, all[i].pos, all[i].errs = load(root, names[i], langs, ref)
	})
	if err := ctx.Err(); err != nil {
		errs.Append(err)
		return nil, errs
	}
	var communes []*site.Commune
	codes := map[string]*site.Commune{} // code → first commune using it
	for _, l := range all {
		c, pos := l.c, l.pos
		errs = append(errs, l.errs...)
		if c == nil {
			continue
		}
		communes = append(communes, c)
		if c.Code == "" {
			continue
		}
		if first, dup := codes[c.Code]; dup {
			errs.Add(pos.Get("code"), "code %q is already the code of %s", c.Code, first.File).Hint = "each commune has its own folder; remove one of the two"
			continue
		}
		codes[c.Code] = c
	}
	errs.Sort()
	return communes, errs
}

// Load loads communes/<slug>/commune.yaml under root, with the checks of
// LoadAll. The commune is returned decoded as far as possible, or nil when
// the slug is invalid or the file cannot be read; errs holds every
// problem, sorted. Load is safe for concurrent use.
func Load(root, slug string, langs []string, ref *refdata.Data) (*site.Commune, diag.List) {
	if !segment.IsID(slug) {
		var errs diag.List
		slugError(&errs, Dir+"/"+slug, slug)
		return nil, errs
	}
	c, _, errs := load(root, slug, langs, ref)
	errs.Sort()
	return c, errs
}

// load reads and checks one profile, including the checks that need the
// file system; slug is a folder name read from the disk or checked by
// the caller.
func load(root, slug string, langs []string, ref *refdata.Data) (*site.Commune, yamldecode.Positions, diag.List) {
	dir := path.Join(Dir, slug)
	file := path.Join(dir, FileName)
	src, err := project.ReadFile(root, file)
	if err != nil {
		var errs diag.List
		if errors.Is(err, fs.ErrNotExist) {
			e := errs.Add(diag.Pos{File: dir}, "missing %s", FileName)
			e.Hint = fmt.Sprintf("write the profile %s, or rename the folder to start with \"_\" to skip it", file)
			e.Err = err
		} else {
			errs.Append(err)
		}
		return nil, nil, errs
	}
	c, pos, errs := parse(file, slug, src, langs, ref)
	if c.Logo != "" && !hasErrorAt(errs, pos.Get("logo")) {
		checkLogoFile(root, dir, c.Logo, pos.Get("logo"), &errs)
	}
	return c, pos, errs
}

// unwrapPath drops the absolute path an *fs.PathError carries, since
// messages name files relative to the project root.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse validates one profile's bytes (used by Load and by the fuzz
// target). File is the path used in positions and slug the name of the
// commune's folder. It returns the commune, never nil, decoded as far as
// possible, with RegionName and ProvinceName filled from ref, and every
// problem found, sorted. The existence of the logo file is not checked
// (Load does it). A nil ref skips the checks against the reference data.
// Parse is safe for concurrent use.
func Parse(file, slug string, src []byte, langs []string, ref *refdata.Data) (*site.Commune, diag.List) {
	c, _, errs := parse(file, slug, src, langs, ref)
	return c, errs
}

func parse(file, slug string, src []byte, langs []string, ref *refdata.Data) (*site.Commune, yamldecode.Positions, diag.List) {
	c := &site.Commune{Slug: slug, File: file}
	pos, errs := yamldecode.Decode(src, c, yamldecode.Options{File: file, FirstLine: 1, Langs: langs})
	if !segment.IsID(slug) {
		slugError(&errs, path.Dir(file), slug)
	}
	c.Where = map[string]diag.Pos{}
	for _, p := range wherePaths() {
		if at, ok := pos[p]; ok {
			c.Where[p] = at
		}
	}
	v := validator{c: c, pos: pos, ref: ref, errs: &errs}
	v.logoPath()
	v.censusYear()
	v.offices()
	for i := range v.c.Services {
		v.c.ServicesPos = append(v.c.ServicesPos, v.pos.Get(fmt.Sprintf("services[%d]", i)))
	}
	if ref != nil {
		v.reference()
	}
	errs.Sort()
	return c, pos, errs
}

func slugError(errs *diag.List, dir, slug string) {
	e := errs.Add(diag.Pos{File: dir}, "folder name %q must be made of lower-case ASCII letters, digits and hyphens", slug)
	if s := segment.ToID(slug); s != "" && s != slug {
		e.Hint = fmt.Sprintf("rename the folder %q", s)
	}
}

var accents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ـ", "",
)

// fold prepares a name for comparison: lower case, French accents,
// spaces, hyphens and apostrophes dropped, so that "souss massa" matches
// "Souss-Massa".
func fold(s string) string {
	s = accents.Replace(strings.ToLower(strings.TrimSpace(s)))
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\'', '’', '_', '.':
			return -1
		}
		return r
	}, s)
}
