package theme

import (
	"reflect"
	"regexp"

	"github.com/tadafor/tadafor/internal/diag"
)

// unknownFieldRE is how html/template says a layout asked a value for a
// field or method it lacks.
var unknownFieldRE = regexp.MustCompile(`can't evaluate field (\w+) in type (\S+)`)

// fieldHint says, for an error where a layout asked a value of its data
// for a name that value lacks, where the name is: in one of the value's
// fields (".Fmt.T" for .T asked of a page, whose interface strings are
// its Fmt's), or close to one of the value's own names (".Num" for .Nmu).
// It returns "" when it knows no better.
func fieldHint(msg string, data any) string {
	m := unknownFieldRE.FindStringSubmatch(msg)
	if m == nil || data == nil {
		return ""
	}
	name := m[1]
	t := reachable(reflect.TypeOf(data), 3)[m[2]]
	if t == nil {
		return ""
	}
	fields := reflect.VisibleFields(t)
	// A field whose value has the method, then one that has the field.
	for _, methods := range []bool{true, false} {
		for _, f := range fields {
			if f.IsExported() && has(f.Type, name, methods) {
				return diag.Propose("." + f.Name + "." + name)
			}
		}
	}
	if s := diag.Suggest(name, names(t)); s != "" {
		return diag.Propose("." + s)
	}
	return ""
}

// reachable returns the struct types reachable from t through exported
// fields, at most depth deep, by the names html/template gives them
// ("*render.View" and "render.View").
func reachable(t reflect.Type, depth int) map[string]reflect.Type {
	types := map[string]reflect.Type{}
	var visit func(t reflect.Type, depth int)
	visit = func(t reflect.Type, depth int) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || types[t.String()] != nil || depth < 0 {
			return
		}
		types[t.String()] = t
		types[reflect.PointerTo(t).String()] = t
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() {
				visit(f.Type, depth-1)
			}
		}
	}
	visit(t, depth)
	return types
}

// has reports whether a value of type t has the method name (methods) or
// the exported field name.
func has(t reflect.Type, name string, methods bool) bool {
	if methods {
		if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
			t = reflect.PointerTo(t)
		}
		_, ok := t.MethodByName(name)
		return ok
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return false
	}
	f, ok := t.FieldByName(name)
	return ok && f.IsExported()
}

// names are the exported fields and methods of struct type t.
func names(t reflect.Type) []string {
	var out []string
	for _, f := range reflect.VisibleFields(t) {
		if f.IsExported() {
			out = append(out, f.Name)
		}
	}
	pt := reflect.PointerTo(t)
	for i := range pt.NumMethod() {
		out = append(out, pt.Method(i).Name)
	}
	return out
}
