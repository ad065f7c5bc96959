package commune

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
)

// ProcedurePrefix is the start of the key of every procedure page: the
// keys of Commune.Procedures are page keys without it.
const ProcedurePrefix = "procedures/"

// offices checks that office IDs are unique, and sets the position of
// each local procedure and checks that it names a known office.
func (v *validator) offices() {
	seen := map[string]int{}
	var ids []string
	for i, o := range v.c.Offices {
		if o.ID == "" {
			continue // missing: already reported
		}
		path := fmt.Sprintf("offices[%d].id", i)
		if first, dup := seen[o.ID]; dup {
			p := v.pos.Get(fmt.Sprintf("offices[%d].id", first))
			v.add(path, "office %q is already defined on line %d", o.ID, p.Line).Hint = "give each office its own id"
			continue
		}
		seen[o.ID] = i
		ids = append(ids, o.ID)
	}
	for key, lp := range v.c.Procedures {
		lp.Pos = v.pos.Get("procedures." + key + ":key")
		v.c.Procedures[key] = lp
		if lp.Office == "" || slices.Contains(ids, lp.Office) || hasErrorAt(*v.errs, v.pos.Get("procedures."+key+".office")) {
			continue
		}
		e := v.add("procedures."+key+".office", "unknown office %q", lp.Office)
		if len(ids) == 0 {
			e.Hint = "describe the office under \"offices\" with \"id: " + lp.Office + "\""
		}
		e.Unknown(lp.Office, ids, "the offices are")
	}
}

// CheckProcedures checks that every key of c.Procedures names a procedure
// page (kind procedure, key under "procedures/") among the shared pages
// or the commune's own pages, and reports each unknown key at its
// position in the profile, with the closest page key. It returns the
// problems sorted and is safe for concurrent use if c is not modified.
func CheckProcedures(c *site.Commune, shared, local []*site.Page) diag.List {
	if len(c.Procedures) == 0 {
		return nil
	}
	var names []string
	for _, pages := range [][]*site.Page{shared, local} {
		for _, p := range pages {
			name, ok := strings.CutPrefix(p.Key, ProcedurePrefix)
			if ok && p.Meta.Kind == site.KindProcedure && !slices.Contains(names, name) {
				names = append(names, name)
			}
		}
	}
	slices.Sort(names)
	var errs diag.List
	for key, lp := range c.Procedures {
		if slices.Contains(names, key) {
			continue
		}
		pos := lp.Pos
		if pos.File == "" {
			pos = diag.Pos{File: c.File}
		}
		e := errs.Add(pos, "no procedure page %q under content/procedures/", key)
		switch bare := strings.TrimPrefix(key, ProcedurePrefix); {
		case bare != key && slices.Contains(names, bare):
			e.Hint = fmt.Sprintf("write the key without %q: %q", ProcedurePrefix, bare)
		case len(names) == 0:
			e.Hint = "there is no procedure page yet; remove the entry"
		default:
			e.Unknown(bare, names, "the procedures are")
		}
	}
	errs.Sort()
	return errs
}
