// Package commune loads communes/<slug>/commune.yaml into *site.Commune,
// strictly: besides the checks of the struct tags of site.Commune it
// checks the region, province, code, population and arrondissements
// against the census reference data, and reports each problem at the
// position of the offending value.
package commune

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/par"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// Dir is the folder, relative to the project root, that holds one folder
// per commune.
const Dir = "communes"

// FileName is the name of a commune's profile inside its folder.
const FileName = "commune.yaml"

// LoadAll loads every communes/<slug>/commune.yaml under root (folders
// sorted; a folder whose name starts with "_" or "." is skipped; a folder
// without commune.yaml is an error naming it). Errors of all communes are
// returned together, sorted. File paths in positions are relative to
// root, with "/" separators (e.g. "communes/berkane/commune.yaml").
//
// The communes are returned in folder order, each decoded as far as
// possible even when the list holds errors about it; a profile that could
// not be read is left out. The caller decides from errs.HasErrors()
// whether to go on. LoadAll is safe for concurrent use.
func LoadAll(root string, langs []string, ref *refdata.Data) ([]*site.Commune, diag.List) {
	var errs diag.List
	entries, err := os.ReadDir(filepath.Join(root, Dir))
	if err != nil {
		e := errs.Add(diag.Pos{File: Dir}, "cannot read the communes folder: %v", unwrapPath(err))
		e.Err = err
		if errors.Is(err, fs.ErrNotExist) {
			e.Msg = "missing folder"
			e.Hint = "every commune has its folder communes/<slug>/ with a commune.yaml"
		}
		return nil, errs
	}
	var names []string
	for _, entry := range entries {
		name := entry.Name()
		if strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") || !isDir(root, entry) {
			continue
		}
		names = append(names, name)
	}
	type loaded struct {
		c    *site.Commune
		pos  yamldecode.Positions
		errs diag.List
	}
	all := make([]loaded, len(names))
	par.Each(len(names), func(i int) {
		all[i].c, all[i].pos, all[i].errs = load(root, names[i], langs, ref)
	})
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

// isDir reports whether a folder entry is a folder, following symbolic
// links.
func isDir(root string, entry fs.DirEntry) bool {
	if entry.Type()&fs.ModeSymlink == 0 {
		return entry.IsDir()
	}
	info, err := os.Stat(filepath.Join(root, Dir, entry.Name()))
	return err == nil && info.IsDir()
}

// Load loads communes/<slug>/commune.yaml under root, with the checks of
// LoadAll. The commune is returned decoded as far as possible, or nil when
// the slug is invalid or the file cannot be read; errs holds every
// problem, sorted. Load is safe for concurrent use.
func Load(root, slug string, langs []string, ref *refdata.Data) (*site.Commune, diag.List) {
	if !slugRE.MatchString(slug) {
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
	src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(file)))
	if err != nil {
		var errs diag.List
		if errors.Is(err, fs.ErrNotExist) {
			e := errs.Add(diag.Pos{File: dir}, "missing %s", FileName)
			e.Hint = fmt.Sprintf("write the profile %s, or rename the folder to start with \"_\" to skip it", file)
			e.Err = err
		} else {
			errs.Add(diag.Pos{File: file}, "cannot read the profile: %v", unwrapPath(err)).Err = err
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
	if !slugRE.MatchString(slug) {
		slugError(&errs, path.Dir(file), slug)
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

var slugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func slugError(errs *diag.List, dir, slug string) {
	e := errs.Add(diag.Pos{File: dir}, "folder name %q must be made of lower-case ASCII letters, digits and hyphens", slug)
	if s := toSlug(slug); s != "" && s != slug {
		e.Hint = fmt.Sprintf("rename the folder %q", s)
	}
}

// toSlug turns a name into a folder name: lower-case ASCII letters and
// digits, other runs of characters becoming one hyphen.
func toSlug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range fold(name, false) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		default:
			hyphen = true
		}
	}
	return b.String()
}

var accents = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ـ", "",
)

// fold prepares a name for comparison: lower case, French accents
// removed and, when compact is set, spaces, hyphens and apostrophes
// dropped, so that "souss massa" matches "Souss-Massa".
func fold(s string, compact bool) string {
	s = accents.Replace(strings.ToLower(strings.TrimSpace(s)))
	if !compact {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\'', '’', '_', '.':
			return -1
		}
		return r
	}, s)
}
