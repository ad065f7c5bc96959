package records

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/tadafor/tadafor/internal/site"
)

// translations warns about every text written in some languages of the
// site but not in all of them: the page in the missing language would
// show it in another language (site.Text.In).
func (k *checker) translations() {
	r := &k.r
	if r.Council != nil {
		k.texts(CouncilFile, "", reflect.ValueOf(r.Council).Elem())
	}
	lists := []struct {
		name, key string
		v         any
	}{
		{SessionsFile, "sessions", r.Sessions},
		{PetitionsFile, "petitions", r.Petitions},
		{BudgetFile, "cycles", r.Budgets},
		{BodiesFile, "bodies", r.Bodies},
		{CoCreationFile, "projects", r.CoCreations},
		{DocumentsFile, "documents", r.Documents},
	}
	for _, l := range lists {
		k.texts(l.name, l.key, reflect.ValueOf(l.v))
	}
}

var textType = reflect.TypeFor[site.Text]()

// texts walks v, found at path in the data file name, the way the
// decoder does, and checks each site.Text.
func (k *checker) texts(name, path string, v reflect.Value) {
	switch {
	case v.Type() == textType:
		t := v.Interface().(site.Text)
		if len(t) == 0 {
			return
		}
		for _, l := range k.langs {
			if strings.TrimSpace(t[l]) == "" {
				e := k.warn(name, path, "missing the %q text of %q", l, path)
				e.Hint = fmt.Sprintf("add a line \"%s: …\" under %q, or the page in that language shows it in another language", l, lastKey(path))
			}
		}
	case v.Kind() == reflect.Pointer:
		if !v.IsNil() {
			k.texts(name, path, v.Elem())
		}
	case v.Kind() == reflect.Slice:
		for i := range v.Len() {
			k.texts(name, fmt.Sprintf("%s[%d]", path, i), v.Index(i))
		}
	case v.Kind() == reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if key == "-" || !f.IsExported() || f.Anonymous {
				continue
			}
			if key == "" {
				key = strings.ToLower(f.Name)
			}
			p := key
			if path != "" {
				p = path + "." + key
			}
			k.texts(name, p, v.Field(i))
		}
	}
}

// lastKey is the last key of a path, without indexes.
func lastKey(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '['); i >= 0 {
		path = path[:i]
	}
	return path
}
