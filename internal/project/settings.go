package project

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// LoadSettings reads the settings file under root over the defaults; a
// missing file means the defaults. Its problems are returned sorted.
func LoadSettings(root string) (site.Settings, diag.List) {
	s := site.DefaultSettings()
	src, err := ReadFile(root, SettingsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		var errs diag.List
		errs.Append(err)
		return s, errs
	}
	// Languages are decoded first so that titles can be checked against them.
	var langsOnly struct {
		Languages []site.Lang `yaml:"languages"`
	}
	probe, _ := yamldecode.Parse(src, yamldecode.Options{File: SettingsFile})
	for i, k := range probe.Keys {
		if k.Scalar == "languages" {
			var errs diag.List
			dec := yamldecode.NewDecoder(yamldecode.Options{File: SettingsFile})
			errs = dec.Decode(probe.Items[i], "languages", &langsOnly.Languages)
			if len(errs) > 0 {
				return s, errs
			}
		}
	}
	langs := s.Languages
	if len(langsOnly.Languages) > 0 {
		langs = langsOnly.Languages
	}
	pos, errs := yamldecode.Decode(src, &s, yamldecode.Options{File: SettingsFile, Langs: site.Codes(langs)})
	if len(s.Languages) == 0 {
		errs.Add(pos.Get("languages"), "at least one language is needed").Hint = "list the languages, the default first"
	}
	seen := map[string]bool{}
	for i := range s.Languages {
		l := &s.Languages[i]
		if seen[l.Code] {
			errs.Add(pos.Get("languages["+strconv.Itoa(i)+"].code"), "language %q is listed twice", l.Code)
		}
		seen[l.Code] = true
		s.LanguagesPos = append(s.LanguagesPos, pos.Get("languages["+strconv.Itoa(i)+"].code"))
		if l.Dir == "" {
			l.Dir = "ltr"
		}
		if l.Locale == "" {
			l.Locale = l.Code
		}
	}
	for i := range s.Services {
		s.ServicesPos = append(s.ServicesPos, pos.Get(fmt.Sprintf("services[%d]", i)))
	}
	errs.Sort()
	return s, errs
}
