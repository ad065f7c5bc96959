package i18n

import (
	"fmt"
	"slices"

	"github.com/tadafor/tadafor/internal/diag"
)

// Compare checks the catalog c against ref, the catalog of the default
// language, so that every key a template uses exists in every language
// with the same shape. It reports:
//
//   - each key of ref missing in c, as an error at c's file naming the
//     key, with the key's position in ref as a hint;
//   - each key of c not in ref, as a warning at the key (a misspelt key
//     gets a suggestion);
//   - each message whose shape differs (a text in one catalog, a plural
//     message or a list in the other; lists of different lengths), as an
//     error at the key in c;
//   - each placeholder of c's message that ref's message lacks, as an
//     error (callers pass only ref's arguments), and each placeholder of
//     ref's message that c's message leaves out, as a warning.
//
// Keys only some languages need (date_first_day) are never reported as
// missing or extra. Plural categories are checked by Load against c's own
// locale, since they differ between languages. Compare only reads both
// catalogs and is safe for concurrent use.
func (c *Catalog) Compare(ref *Catalog) diag.List {
	var errs diag.List
	for _, key := range ref.keys {
		rm := ref.msgs[key]
		m, ok := c.msgs[key]
		if !ok {
			if isOptional(key) {
				continue
			}
			e := errs.Add(diag.Pos{File: c.file}, "missing key %q", key)
			e.Hint = fmt.Sprintf("it is defined at %s; add its %s text to %s", rm.keyPos, c.langName(), c.file)
			continue
		}
		compareMessage(&errs, key, m, rm)
	}
	for _, key := range c.keys {
		if _, ok := ref.msgs[key]; ok || isOptional(key) {
			continue
		}
		e := errs.Add(c.msgs[key].keyPos, "key %q is not in the reference catalog %s", key, ref.file)
		e.Severity = diag.SevWarning
		var missing []string
		for _, k := range ref.keys {
			if _, ok := c.msgs[k]; !ok {
				missing = append(missing, k)
			}
		}
		if q := diag.DidYouMean(key, missing); q != "" {
			e.Msg += "; " + q
		} else {
			e.Hint = "remove it, or add it to " + ref.file
		}
	}
	errs.Sort()
	return errs
}

// compareMessage compares the shapes and placeholders of m and its
// reference rm.
func compareMessage(errs *diag.List, key string, m, rm *message) {
	if m.kind != rm.kind {
		e := errs.Add(m.keyPos, "%q is %s here but %s in the reference catalog", key, m.kind, rm.kind)
		e.Hint = "see " + rm.keyPos.String()
		return
	}
	if m.kind == kindList {
		if len(m.items) != len(rm.items) {
			e := errs.Add(m.keyPos, "%q lists %d items here but %d in the reference catalog", key, len(m.items), len(rm.items))
			e.Hint = "see " + rm.keyPos.String()
		}
		return
	}
	args, refArgs := m.args(), rm.args()
	for _, a := range args {
		if a == "n" && m.kind == kindPlural || slices.Contains(refArgs, a) {
			continue
		}
		e := errs.Add(m.keyPos, "placeholder {%s} of %q is not in the reference message, so no value is given for it", a, key)
		if s := diag.Suggest(a, refArgs); s != "" {
			e.Msg += "; " + diag.Propose("{"+s+"}")
		}
		e.Hint = fmt.Sprintf("the reference message at %s uses %s", rm.keyPos, orNone(refArgs))
	}
	for _, a := range refArgs {
		if a == "n" && m.kind == kindPlural || slices.Contains(args, a) {
			continue
		}
		e := errs.Add(m.keyPos, "%q does not use the placeholder {%s} of the reference message", key, a)
		e.Severity = diag.SevWarning
		e.Hint = "see " + rm.keyPos.String()
	}
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "no placeholder"
	}
	return braceList(names)
}

// langName names c's language for messages.
func (c *Catalog) langName() string {
	if c.lang.Name != "" {
		return fmt.Sprintf("%s (%s)", c.lang.Name, c.lang.Code)
	}
	return c.lang.Code
}
