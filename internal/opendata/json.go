// Package opendata publishes a commune's records as open data: JSON that
// keeps the records' structure, and CSV tables with one row per record
// for spreadsheet programs. Both are UTF-8 with Arabic written as it is,
// never as \u escapes, and both are deterministic, so two builds of the
// same records give the same bytes.
//
// The JSON uses the keys of the YAML files the records are written in
// (the `yaml` struct tags of internal/site), so the published data reads
// like its source. The CSV tables have stable columns: one column per
// field, and for a field in several languages one column per language
// (title_ar, title_fr), in the order of the languages given; lists within
// a record (agenda items, partners, status history) are joined with line
// breaks in one cell, and no cell can be read as a formula by a
// spreadsheet program (see Neutral); the JSON keeps every text as it is.
//
// The package is pure: it does no I/O, and every function is safe for
// concurrent use.
package opendata

import (
	"bytes"
	"cmp"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tadafor/tadafor/internal/site"
)

// maxDepth bounds the nesting of a value, pointers included, which also
// stops on cycles.
const maxDepth = 64

var (
	dateType          = reflect.TypeFor[site.Date]()
	timeType          = reflect.TypeFor[time.Time]()
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// JSON encodes v as JSON indented by two spaces and ending with a line
// break, in UTF-8 with no escaping of non-ASCII letters nor of <, > and &.
//
// Keys are stable: struct fields in declaration order, named by their
// `json` tag, else their `yaml` tag, else their Go name, and skipped when
// either tag is "-" (a `json` tag wins over a `yaml:"-"`; omitempty in a
// `json` tag is honoured); map entries sorted by key. Every other field is
// always present, so the schema does not depend on the data: a nil slice
// is [], a nil map {}, a nil pointer null. A site.Date is "2006-01-02", or
// "2006-01-02T15:04" when it has a time of day, and null when zero; a
// time.Time is RFC 3339. Values implementing json.Marshaler or
// encoding.TextMarshaler encode themselves.
//
// JSON returns an error for values JSON cannot represent (channels,
// functions, complex numbers, NaN and infinities, maps with keys that are
// not strings, integers or text marshalers) and for values nested more
// than 64 levels deep, which includes cyclic values.
func JSON(v any) ([]byte, error) {
	var b bytes.Buffer
	if err := encode(&b, reflect.ValueOf(v), 0, 0); err != nil {
		return nil, fmt.Errorf("opendata: json: %w", err)
	}
	b.WriteByte('\n')
	return b.Bytes(), nil
}

// encode writes v indented for depth; steps counts the values entered so
// far, pointers included, to stop on cycles.
func encode(b *bytes.Buffer, v reflect.Value, depth, steps int) error {
	if steps > maxDepth {
		return errors.New("value nested too deeply (is it cyclic?)")
	}
	if !v.IsValid() {
		b.WriteString("null")
		return nil
	}
	if k := v.Kind(); k == reflect.Pointer || k == reflect.Interface {
		if v.IsNil() {
			b.WriteString("null")
			return nil
		}
		return encode(b, v.Elem(), depth, steps+1)
	}
	t := v.Type()
	switch {
	case t == dateType:
		d := v.Interface().(site.Date)
		switch {
		case d.IsZero():
			b.WriteString("null")
		case d.HasClock():
			quote(b, d.Format("2006-01-02T15:04"))
		default:
			quote(b, d.Format(time.DateOnly))
		}
		return nil
	case t == timeType:
		tm := v.Interface().(time.Time)
		if tm.IsZero() {
			b.WriteString("null")
			return nil
		}
		quote(b, tm.Format(time.RFC3339))
		return nil
	case t.Implements(marshalerType):
		raw, err := v.Interface().(json.Marshaler).MarshalJSON()
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		return json.Indent(b, raw, strings.Repeat("  ", depth), "  ")
	case t.Implements(textMarshalerType):
		text, err := v.Interface().(encoding.TextMarshaler).MarshalText()
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		quote(b, string(text))
		return nil
	}
	switch v.Kind() {
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		raw, err := json.Marshal(v.Interface())
		if err != nil {
			return err
		}
		b.Write(raw)
	case reflect.String:
		quote(b, v.String())
	case reflect.Struct:
		return encodeStruct(b, v, depth, steps)
	case reflect.Map:
		return encodeMap(b, v, depth, steps)
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			raw, _ := json.Marshal(v.Bytes()) // base64, as encoding/json does
			b.Write(raw)
			return nil
		}
		return encodeList(b, v, depth, steps)
	default:
		return fmt.Errorf("unsupported type %s", t)
	}
	return nil
}

// member is a key and value of an object.
type member struct {
	key string
	val reflect.Value
}

// encodeStruct writes the fields of struct v as an object.
func encodeStruct(b *bytes.Buffer, v reflect.Value, depth, steps int) error {
	var ms []member
	collectFields(v, &ms)
	return writeObject(b, ms, depth, steps)
}

// collectFields appends the members of struct v, promoting the fields of
// untagged embedded structs as encoding/json does.
func collectFields(v reflect.Value, ms *[]member) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, omitEmpty, ok := fieldName(f)
		if !ok {
			continue
		}
		fv := v.Field(i)
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct && f.Type != dateType && f.Type != timeType {
			collectFields(fv, ms)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if omitEmpty && isEmpty(fv) {
			continue
		}
		*ms = append(*ms, member{cmp.Or(name, f.Name), fv})
	}
}

// fieldName returns the key a field is written under ("" when its tags
// name none), whether it is omitted when empty, and false when it is not
// written at all.
func fieldName(f reflect.StructField) (name string, omitEmpty, ok bool) {
	if tag, has := f.Tag.Lookup("json"); has {
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			return "", false, false
		}
		return name, slices.Contains(strings.Split(opts, ","), "omitempty"), true
	}
	if tag, has := f.Tag.Lookup("yaml"); has {
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			return "", false, false
		}
		return name, false, true
	}
	return "", false, true
}

// isEmpty reports whether v is empty in the sense of omitempty: false,
// 0, "", a nil pointer or interface, an empty array, slice or map.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Interface, reflect.Pointer:
		return v.IsZero()
	}
	return false
}

// encodeMap writes map v as an object sorted by key; a nil map is {}.
func encodeMap(b *bytes.Buffer, v reflect.Value, depth, steps int) error {
	ms := make([]member, 0, v.Len())
	iter := v.MapRange()
	for iter.Next() {
		k, err := mapKey(iter.Key())
		if err != nil {
			return err
		}
		ms = append(ms, member{k, iter.Value()})
	}
	slices.SortFunc(ms, func(a, b member) int { return strings.Compare(a.key, b.key) })
	return writeObject(b, ms, depth, steps)
}

// mapKey is the text of a map key.
func mapKey(k reflect.Value) (string, error) {
	if k.Kind() == reflect.String {
		return k.String(), nil
	}
	if k.Type().Implements(textMarshalerType) {
		text, err := k.Interface().(encoding.TextMarshaler).MarshalText()
		return string(text), err
	}
	switch k.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.FormatInt(k.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.FormatUint(k.Uint(), 10), nil
	}
	return "", fmt.Errorf("unsupported map key type %s", k.Type())
}

// writeObject writes members as an indented object.
func writeObject(b *bytes.Buffer, ms []member, depth, steps int) error {
	if len(ms) == 0 {
		b.WriteString("{}")
		return nil
	}
	b.WriteString("{")
	for i, m := range ms {
		if i > 0 {
			b.WriteByte(',')
		}
		newline(b, depth+1)
		quote(b, m.key)
		b.WriteString(": ")
		if err := encode(b, m.val, depth+1, steps+1); err != nil {
			return fmt.Errorf("%s: %w", m.key, err)
		}
	}
	newline(b, depth)
	b.WriteString("}")
	return nil
}

// encodeList writes slice or array v as an indented array; nil is [].
func encodeList(b *bytes.Buffer, v reflect.Value, depth, steps int) error {
	if v.Len() == 0 {
		b.WriteString("[]")
		return nil
	}
	b.WriteString("[")
	for i := range v.Len() {
		if i > 0 {
			b.WriteByte(',')
		}
		newline(b, depth+1)
		if err := encode(b, v.Index(i), depth+1, steps+1); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	newline(b, depth)
	b.WriteString("]")
	return nil
}

// newline starts a line indented for depth.
func newline(b *bytes.Buffer, depth int) {
	b.WriteByte('\n')
	for range depth {
		b.WriteString("  ")
	}
}

// quote writes s as a JSON string: only the quote, the backslash and
// control characters are escaped, plus U+2028 and U+2029 (line
// separators in JavaScript); invalid UTF-8 becomes U+FFFD.
func quote(b *bytes.Buffer, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\ufffd`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[r>>4])
			b.WriteByte(hex[r&0xf])
		case r == '\u2028':
			b.WriteString(`\u2028`)
		case r == '\u2029':
			b.WriteString(`\u2029`)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte('"')
}
