package commune

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/site"
)

// CheckServices checks a list of the pages a home page lists first, the
// services of a profile or of tadafor.yaml (file), each written at pos[i]:
// every entry names one of pages (by key, in any language), once, and
// there are at most site.MaxServices. Each problem is reported at its
// entry, with the closest page key. It is safe for concurrent use.
func CheckServices(list site.Services, pos []diag.Pos, file string, pages ...[]*site.Page) diag.List {
	if len(list) == 0 {
		return nil
	}
	at := func(i int) diag.Pos {
		if i < len(pos) && pos[i].File != "" {
			return pos[i]
		}
		return diag.Pos{File: file}
	}
	var keys []string
	for _, ps := range pages {
		for _, p := range ps {
			if !slices.Contains(keys, p.Key) {
				keys = append(keys, p.Key)
			}
		}
	}
	slices.Sort(keys)
	var errs diag.List
	if len(list) > site.MaxServices {
		e := errs.Add(at(site.MaxServices), "the home page lists at most %d services, not %d", site.MaxServices, len(list))
		e.Hint = "keep the pages citizens ask for most; the others are a click away in their sections"
	}
	for i, key := range list {
		if j := slices.Index(list[:i], key); j >= 0 {
			errs.Add(at(i), "service %q is already listed on line %d", key, at(j).Line).Hint = "list each page once"
			continue
		}
		if slices.Contains(keys, key) {
			continue
		}
		e := errs.Add(at(i), "no page %q for the home page's services", key)
		bare := strings.TrimPrefix(strings.TrimSuffix(key, ".md"), project.ContentDir+"/")
		if i := strings.LastIndexByte(bare, '.'); i > 0 && len(bare)-i <= 4 {
			bare = bare[:i] // a language suffix
		}
		if bare != key && slices.Contains(keys, bare) {
			e.Hint = fmt.Sprintf("write the page's key, its path under content/ without language and extension: %q", bare)
		} else if q := diag.DidYouMean(key, keys); q != "" {
			e.Msg += "; " + q
		} else {
			e.Hint = "write the path of a page under content/ without language and extension, e.g. \"procedures/building-permit\""
		}
	}
	errs.Sort()
	return errs
}
