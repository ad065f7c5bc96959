package commune_test

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

const docsFile = "../../docs/commune.yaml"

// The commented example profile decodes and validates without any error
// or warning.
func TestDocsExampleIsValid(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	c, errs := commune.Parse("docs/commune.yaml", "berkane", src, langs, ref(t))
	if len(errs) > 0 {
		t.Fatalf("docs/commune.yaml:\n%v", errs)
	}
	if c.Code == "" || c.Logo == "" || c.BaseURL == "" || c.InformationOfficer == nil || len(c.Contact.Fax) == 0 {
		t.Errorf("the example leaves fields empty: %+v", c)
	}
}

// Every key of site.Commune, nested ones included, is shown in
// docs/commune.yaml, preceded by a comment in English and in French with
// an example (a block's keys are its example).
func TestDocsExampleShowsEveryKey(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	var c site.Commune
	pos, _ := yamldecode.Decode(src, &c, yamldecode.Options{File: "docs/commune.yaml", Langs: langs})
	lines := strings.Split(string(src), "\n")
	keys := yamlKeys(reflect.TypeFor[site.Commune](), "")
	if len(keys) < 20 {
		t.Fatalf("found only %d keys: %v", len(keys), keys)
	}
	for _, key := range keys {
		p, ok := pos[key+":key"]
		if !ok {
			t.Errorf("docs/commune.yaml does not show the key %q", key)
			continue
		}
		// The comment block right above the key.
		var comment []string
		for i := p.Line - 2; i >= 0 && strings.HasPrefix(strings.TrimSpace(lines[i]), "#"); i-- {
			comment = append(comment, lines[i])
		}
		block := strings.Join(comment, "\n")
		labels := []string{"EN:", "FR:", "Example", "Exemple"}
		if slices.ContainsFunc(keys, func(k string) bool { return strings.HasPrefix(k, key+".") }) {
			labels = labels[:2] // a block: its keys are the example
		}
		for _, label := range labels {
			if !strings.Contains(block, label) {
				t.Errorf("%s: the comment above %q has no %q", p, key, label)
			}
		}
	}
}

// yamlKeys lists the dotted paths of the YAML keys of a struct type,
// recursing into nested structs the way the decoder does.
func yamlKeys(t reflect.Type, prefix string) []string {
	var keys []string
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "-" || !f.IsExported() {
			continue
		}
		if key == "" {
			key = strings.ToLower(f.Name)
		}
		path := prefix + key
		keys = append(keys, path)
		ft := f.Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct {
			keys = append(keys, yamlKeys(ft.Elem(), path+"[0].")...)
		} else if ft.Kind() == reflect.Struct && !isDate(ft) {
			keys = append(keys, yamlKeys(ft, path+".")...)
		}
	}
	return keys
}

func isDate(t reflect.Type) bool {
	return t == reflect.TypeFor[site.Date]() || t.PkgPath() == "time"
}
