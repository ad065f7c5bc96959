package commune

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// The years of the HCP censuses a population may come from.
var censusYears = [...]int{2024, 2014}

// validator checks a decoded profile beyond the checks of its struct
// tags.
type validator struct {
	c    *site.Commune
	pos  yamldecode.Positions
	ref  *refdata.Data
	errs *diag.List
}

func (v *validator) add(path, format string, args ...any) *diag.Error {
	return v.errs.Add(v.pos.Get(path), format, args...)
}

func (v *validator) warn(path, format string, args ...any) *diag.Error {
	e := v.add(path, format, args...)
	e.Severity = diag.SevWarning
	return e
}

// hasErrorAt reports whether errs already holds an error at pos, so that
// a value the decoder rejected is not reported twice.
func hasErrorAt(errs diag.List, pos diag.Pos) bool {
	return slices.ContainsFunc(errs, func(e *diag.Error) bool { return e.Severity == diag.SevError && e.Pos == pos })
}

func (v *validator) censusYear() {
	y := v.c.CensusYear
	if y == 0 || slices.Contains(censusYears[:], y) {
		return // 0: missing or not a number, already reported
	}
	v.add("census_year", "expected 2024 or 2014 (the years of the HCP censuses), found %d", y)
}

// logoPath checks that the logo is a clean relative path, so that it
// stays inside the commune's static/ folder.
func (v *validator) logoPath() {
	logo := v.c.Logo
	if logo == "" {
		return
	}
	if strings.Contains(logo, `\`) || path.IsAbs(logo) || path.Clean(logo) != logo || logo == ".." || strings.HasPrefix(logo, "../") {
		e := v.add("logo", "expected a path under the folder static/ of the commune, such as \"logo.svg\", found %q", logo)
		e.Hint = "write the path from static/, with \"/\" between folders"
		return
	}
	switch strings.ToLower(path.Ext(logo)) {
	case ".svg", ".png", ".jpg", ".jpeg", ".webp":
	default:
		v.add("logo", "expected an image file (.svg, .png, .jpg or .webp), found %q", logo)
	}
}

// checkLogoFile checks that the logo exists under dir/static/ (dir is
// relative to root, slash-separated).
func checkLogoFile(root, dir, logo string, pos diag.Pos, errs *diag.List) {
	rel := path.Join(dir, project.StaticDir, logo)
	info, err := project.Stat(root, rel)
	var refused *diag.Error
	switch {
	case errors.As(err, &refused):
		*errs = append(*errs, refused)
	case err == nil && info.IsDir():
		errs.Add(pos, "logo %q is a folder, not a file: %s", logo, rel)
	case errors.Is(err, fs.ErrNotExist):
		e := errs.Add(pos, "logo %q not found: there is no file %s", logo, rel)
		if short, ok := strings.CutPrefix(logo, project.StaticDir+"/"); ok {
			e.Hint = fmt.Sprintf("the path starts from static/: write \"logo: %s\"", short)
		} else {
			e.Hint = "put the file there, or remove the line \"logo\""
		}
	case err != nil:
		errs.Add(pos, "cannot read the logo %s: %v", rel, unwrapPath(err)).Err = err
	}
}

// reference checks the profile against the census reference data and
// fills RegionName and ProvinceName.
func (v *validator) reference() {
	region, regionOK := v.region()
	province, provinceOK := v.province(region, regionOK)
	if regionOK {
		v.c.RegionName = region.Name
	}
	if provinceOK {
		v.c.ProvinceName = province.Name
	}
	if v.c.Code == "" {
		v.arrondissementsWithoutCode()
		return
	}
	cm, ok := v.ref.Commune(v.c.Code)
	if !ok {
		v.unknownCode()
		return
	}
	if cm.Province != v.c.Province && provinceOK {
		e := v.add("code", "code %q is the commune of %s, in province %q, not in province %q", cm.Code, cm.Name["fr"], cm.Province, v.c.Province)
		e.Hint = "correct \"code\" or \"province\""
		return // the other checks would compare with the wrong commune
	}
	if v.c.Type != cm.Type && slices.Contains(v.c.Type.Values(), string(v.c.Type)) {
		v.add("type", "type %q does not match the census: %s is %s", v.c.Type, cm.Name["fr"], cm.Type).Hint = fmt.Sprintf("write \"type: %s\"", cm.Type)
	}
	v.population(cm)
	v.arrondissements(cm)
}

// region checks the region code and returns the region.
func (v *validator) region() (refdata.Region, bool) {
	code := v.c.Region
	if code == "" {
		return refdata.Region{}, false // missing: already reported
	}
	if r, ok := v.ref.Region(code); ok {
		return r, true
	}
	regions := v.ref.Regions()
	entries := make([]entry, len(regions))
	for i, r := range regions {
		entries[i] = entry{r.Code, r.Name, "region"}
	}
	if r, ok := byName(code, entries); ok {
		v.add("region", "expected an HCP region code such as %q", r.code).Hint = fmt.Sprintf("%q is region %q", code, r.code)
		return refdata.Region{}, false
	}
	if p, ok := v.ref.Province(code); ok {
		v.add("region", "expected an HCP region code such as %q", p.Region).Hint = fmt.Sprintf("%q is a province of region %q", code, p.Region)
		return refdata.Region{}, false
	}
	e := v.add("region", "unknown region %q", code)
	if r, ok := closest(code, entries); ok {
		e.Hint = diag.Propose(fmt.Sprintf("%q (%s)", r.code, r.name["fr"]))
	} else {
		e.Hint = "write one of the HCP region codes: " + list(entries)
	}
	return refdata.Region{}, false
}

// province checks the province code, and that it is in the region when
// the region is known, and returns the province.
func (v *validator) province(region refdata.Region, regionOK bool) (refdata.Province, bool) {
	code := v.c.Province
	if code == "" {
		return refdata.Province{}, false
	}
	p, ok := v.ref.Province(code)
	switch {
	case ok && p.Type == refdata.TypePrefectureOfArrondissements:
		parent, _ := v.ref.Province(code[:len("00.000")])
		e := v.add("province", "%q (%s) is a prefecture of arrondissements, which has no communes", code, p.Name["fr"])
		e.Hint = fmt.Sprintf("the communes of %s are in prefecture %q", parent.Name["fr"], parent.Code)
		return refdata.Province{}, false
	case ok && regionOK && p.Region != region.Code:
		r, _ := v.ref.Region(p.Region)
		e := v.add("province", "%s %q (%s) is in region %q (%s), not in region %q (%s)", p.Type, code, p.Name["fr"], r.Code, r.Name["fr"], region.Code, region.Name["fr"])
		e.Hint = "correct \"region\" or \"province\""
		return p, true
	case ok:
		return p, true
	}
	var entries []entry
	for _, r := range v.ref.Regions() {
		if !regionOK || r.Code == region.Code {
			for _, p := range v.ref.Provinces(r.Code) {
				if p.Type != refdata.TypePrefectureOfArrondissements {
					entries = append(entries, entry{p.Code, p.Name, p.Type})
				}
			}
		}
	}
	if p, ok := byName(code, entries); ok {
		v.add("province", "expected an HCP province code such as %q", p.code).Hint = fmt.Sprintf("%q is %s %q", code, p.kind, p.code)
		return refdata.Province{}, false
	}
	e := v.add("province", "unknown province %q", code)
	switch p, ok := closest(code, entries); {
	case ok:
		e.Hint = diag.Propose(fmt.Sprintf("%q (%s)", p.code, p.name["fr"]))
	case regionOK:
		e.Hint = fmt.Sprintf("the provinces and prefectures of region %q are: %s", region.Code, list(entries))
	default:
		e.Hint = "write the HCP code of the province or prefecture, such as \"02.113\" for Berkane"
	}
	return refdata.Province{}, false
}

// unknownCode reports a code absent from the census, suggesting the code
// of the commune of the same name in the province, or a close code.
func (v *validator) unknownCode() {
	e := v.add("code", "unknown commune code %q", v.c.Code)
	var entries []entry
	for _, cm := range v.ref.Communes() {
		if cm.Province == v.c.Province {
			entries = append(entries, entry{cm.Code, cm.Name, "commune"})
		}
	}
	for _, lang := range []string{"fr", "ar"} {
		if cm, ok := byName(v.c.Name[lang], entries); ok {
			e.Hint = fmt.Sprintf("the commune of %s in province %q has code %q", cm.name["fr"], v.c.Province, cm.code)
			return
		}
	}
	var codes []entry
	for _, en := range entries {
		codes = append(codes, entry{en.code, en.name, ""})
	}
	if cm, ok := closestCode(v.c.Code, codes); ok {
		e.Hint = diag.Propose(fmt.Sprintf("%q (%s)", cm.code, cm.name["fr"]))
		return
	}
	e.Hint = "commune codes look like \"02.113.01.09\"; leave \"code\" out if you do not know it"
}

// population warns when the population differs from the census of
// census_year.
func (v *validator) population(cm refdata.Commune) {
	census := map[int]int{2024: cm.Population2024, 2014: cm.Population2014}[v.c.CensusYear]
	if census == 0 || v.c.Population == 0 || v.c.Population == census {
		return
	}
	e := v.warn("population", "population %d differs from the %d census, which counted %d inhabitants in %s", v.c.Population, v.c.CensusYear, census, cm.Name["fr"])
	e.Hint = fmt.Sprintf("write \"population: %d\"", census)
}

// arrondissements checks the flag against the census code.
func (v *validator) arrondissements(cm refdata.Commune) {
	switch has := cm.HasArrondissements(); {
	case has && !v.c.Arrondissements:
		at := "arrondissements"
		if _, written := v.pos["arrondissements"]; !written {
			at = "code"
		}
		v.add(at, "%s is divided into arrondissements", cm.Name["fr"]).Hint = "write \"arrondissements: true\""
	case !has && v.c.Arrondissements:
		e := v.add("arrondissements", "%s is not divided into arrondissements", cm.Name["fr"])
		e.Hint = fmt.Sprintf("only %s are; remove \"arrondissements: true\"", v.sixNames())
	}
}

// arrondissementsWithoutCode warns that the flag cannot be checked.
func (v *validator) arrondissementsWithoutCode() {
	if !v.c.Arrondissements {
		return
	}
	e := v.warn("arrondissements", "\"arrondissements: true\" cannot be checked without \"code\"")
	e.Hint = fmt.Sprintf("only %s are divided into arrondissements; add the commune's code", v.sixNames())
	for _, cm := range v.ref.Communes() {
		if cm.HasArrondissements() && cm.Province == v.c.Province {
			e.Hint = fmt.Sprintf("if this is %s, add \"code: %s\"", cm.Name["fr"], cm.Code)
		}
	}
}

// sixNames lists the communes divided into arrondissements.
func (v *validator) sixNames() string {
	var names []string
	for _, cm := range v.ref.Communes() {
		if cm.HasArrondissements() {
			names = append(names, cm.Name["fr"])
		}
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// entry is a region, province or commune as a candidate for suggestions.
type entry struct {
	code string
	name site.Text
	kind string // "region", "province", "prefecture", "commune"
}

// byName returns the entry whose Arabic or French name is s, ignoring
// case, accents, spaces and hyphens.
func byName(s string, entries []entry) (entry, bool) {
	f := fold(s)
	if f == "" {
		return entry{}, false
	}
	for _, e := range entries {
		if fold(e.name["fr"]) == f || fold(e.name["ar"]) == f {
			return e, true
		}
	}
	return entry{}, false
}

// closest returns the entry whose code or name is closest to s, if one
// is close enough to be a likely misspelling. Numbers are compared with
// codes only, names with names only.
func closest(s string, entries []entry) (entry, bool) {
	if isCode(s) {
		return closestCode(s, entries)
	}
	byCandidate := map[string]entry{}
	var candidates []string
	for _, e := range entries {
		for _, n := range []string{fold(e.name["fr"]), fold(e.name["ar"])} {
			if _, dup := byCandidate[n]; !dup {
				byCandidate[n] = e
				candidates = append(candidates, n)
			}
		}
	}
	if s := diag.Suggest(fold(s), candidates); s != "" {
		return byCandidate[s], true
	}
	return entry{}, false
}

// closestCode returns the entry whose code is closest to s: a code
// written without its leading zero, or one digit away.
func closestCode(s string, entries []entry) (entry, bool) {
	for _, e := range entries {
		if e.code == "0"+s {
			return e, true
		}
	}
	var best entry
	n := 0
	for _, e := range entries {
		if len(e.code) == len(s) && differences(e.code, s) == 1 {
			best, n = e, n+1
		}
	}
	return best, n == 1 // ambiguous when several codes are one digit away
}

func differences(a, b string) int {
	d := 0
	for i := range len(a) {
		if a[i] != b[i] {
			d++
		}
	}
	return d
}

// isCode reports whether s is written like an HCP code: digits and dots.
func isCode(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.") == ""
}

// list formats entries as `"02" (Oriental), …`.
func list(entries []entry) string {
	parts := make([]string, len(entries))
	for i, e := range entries {
		parts[i] = fmt.Sprintf("%q (%s)", e.code, e.name["fr"])
	}
	return strings.Join(parts, ", ")
}
