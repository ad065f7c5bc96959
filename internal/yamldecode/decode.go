package yamldecode

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
	yaml "go.yaml.in/yaml/v3"
)

// Decoder decodes Values into Go values, recording positions. Unmarshalers
// receive it to decode their parts. A Decoder is not safe for concurrent
// use.
type Decoder struct {
	opts Options
	pos  Positions
}

// Options returns the options of the decoding in progress.
func (d *Decoder) Options() Options { return d.opts }

// Decode parses src and decodes it into out, a non-nil pointer. It returns
// the positions of every value and every problem found, sorted; out holds
// whatever could be decoded even when there are errors. An empty document
// decodes as an empty map.
func Decode(src []byte, out any, opts Options) (Positions, diag.List) {
	if opts.FirstLine == 0 {
		opts.FirstLine = 1
	}
	d := &Decoder{opts: opts, pos: Positions{}}
	root, errs := Parse(src, opts)
	if root.Kind == "" {
		return d.pos, errs // not YAML: nothing to decode
	}
	// What Parse refused (a duplicate key, an alias) is left out of
	// root: the rest is decoded, and its mistakes reported too.
	errs = append(errs, d.Decode(root, "", out)...)
	errs.Sort()
	return d.pos, errs
}

// Parse parses src into a Value tree without decoding it. A syntax error
// is returned with the position of the line it was found on, and a zero
// Value (whose Kind is ""). A key written twice in a mapping, an alias or
// a merge key is an error too; the tree then lacks it.
func Parse(src []byte, opts Options) (Value, diag.List) {
	if opts.FirstLine == 0 {
		opts.FirstLine = 1
	}
	if e := diag.CheckUTF8(opts.File, src, opts.FirstLine); e != nil {
		return Value{}, diag.List{e}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return Value{}, diag.List{syntaxError(err, src, opts)}
	}
	if len(doc.Content) == 0 {
		return Value{Kind: "map", Pos: diag.Pos{File: opts.File, Line: opts.FirstLine, Col: 1}}, nil
	}
	c := converter{opts: opts}
	v := c.value(doc.Content[0], 0)
	return v, c.errs
}

var lineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?(.*)$`)

func syntaxError(err error, src []byte, opts Options) *diag.Error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	line := 0
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		msg = m[2]
		if m[1] != "" {
			line, _ = strconv.Atoi(m[1])
		}
	}
	lines := strings.Split(string(src), "\n")
	col := 1
	if l, c, ok := controlChar(lines); ok {
		// The parser names no line for a control character: find it.
		line, col = l, c
		msg = "control characters are not allowed"
	} else if line == 0 || line > len(lines) {
		// No line given (e.g. an unterminated quote): the end of the text.
		line = len(lines)
		for line > 1 && strings.TrimSpace(lines[line-1]) == "" {
			line--
		}
	}
	text := ""
	if line >= 1 && line <= len(lines) {
		text = lines[line-1]
		if col == 1 {
			col = len([]rune(text)) - len([]rune(strings.TrimLeft(text, " \t"))) + 1
		}
	}
	hint := "check the indentation and quote values that contain \": \" or start with a special character"
	if i := strings.IndexByte(text, '\t'); i >= 0 && (strings.Contains(msg, "tab") || strings.Contains(msg, "cannot start any token")) {
		col = len([]rune(text[:i])) + 1
		hint = "YAML does not allow tabs for indentation: indent with spaces"
	}
	e := diag.Errorf(diag.Pos{File: opts.File, Line: line + opts.FirstLine - 1, Col: col}, "invalid YAML: %s", msg)
	e.Hint = hint
	return e
}

// controlChar finds the first control character other than tab, line
// feed and carriage return.
func controlChar(lines []string) (line, col int, ok bool) {
	for i, l := range lines {
		for j, r := range []rune(l) {
			if (r < 0x20 && r != '\t' && r != '\r') || r == 0x7f {
				return i + 1, j + 1, true
			}
		}
	}
	return 0, 0, false
}

// converter turns yaml.Nodes into Values with file positions.
type converter struct {
	opts Options
	errs diag.List
}

func (c *converter) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.opts.File, Line: n.Line + c.opts.FirstLine - 1, Col: n.Column}
}

func (c *converter) value(n *yaml.Node, depth int) Value {
	v := Value{Pos: c.pos(n)}
	if depth > 100 {
		c.errs.Add(v.Pos, "YAML nested too deeply")
		v.Kind = "null"
		return v
	}
	switch n.Kind {
	case yaml.AliasNode:
		c.errs.Add(v.Pos, "YAML aliases (*name) are not supported").Hint = "write the value out in full"
		v.Kind = "null"
	case yaml.ScalarNode:
		if n.Tag == "!!null" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
			v.Kind = "null"
			return v
		}
		v.Kind, v.Scalar = "scalar", n.Value
	case yaml.MappingNode:
		v.Kind = "map"
		first := map[string]diag.Pos{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Kind == yaml.ScalarNode && n.Content[i].Value == "<<" {
				c.errs.Add(c.pos(n.Content[i]), "YAML merge keys (<<) are not supported")
				continue
			}
			if k := n.Content[i]; k.Kind == yaml.ScalarNode {
				if at, dup := first[k.Value]; dup {
					c.duplicate(k.Value, at, c.pos(k))
					continue
				}
				first[k.Value] = c.pos(k)
			}
			v.Keys = append(v.Keys, c.value(n.Content[i], depth+1))
			v.Items = append(v.Items, c.value(n.Content[i+1], depth+1))
		}
	case yaml.SequenceNode:
		v.Kind = "seq"
		for _, item := range n.Content {
			v.Items = append(v.Items, c.value(item, depth+1))
		}
	default:
		v.Kind = "null"
	}
	return v
}

// duplicate reports a key written a second time in one mapping, at the
// second one, naming the first: YAML would keep the last value and
// silently drop the first.
func (c *converter) duplicate(key string, first, again diag.Pos) {
	c.errs.Add(again, "duplicate key %q", key).Hint =
		"it is already defined at " + first.String() + "; remove one of them (only the last one would count)"
}

// describe names a Value's kind for messages.
func describe(v Value) string {
	switch v.Kind {
	case "map":
		return "a mapping (key: value)"
	case "seq":
		return "a list"
	case "null":
		return "nothing"
	}
	return fmt.Sprintf("%q", v.Scalar)
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	unmarshalerType = reflect.TypeFor[Unmarshaler]()
	langKeyedType   = reflect.TypeFor[LangKeyed]()
	enumType        = reflect.TypeFor[Enum]()
)

// Decode decodes v into out, a non-nil pointer, recording positions
// under path. It returns every problem found.
func (d *Decoder) Decode(v Value, path string, out any) diag.List {
	rv := reflect.ValueOf(out)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("yamldecode: Decode needs a non-nil pointer")
	}
	var errs diag.List
	d.decode(v, path, rv.Elem(), nil, &errs)
	return errs
}

func (d *Decoder) decode(v Value, path string, rv reflect.Value, checks []string, errs *diag.List) {
	d.pos[path] = v.Pos
	if v.Kind == "null" {
		return
	}
	if rv.CanAddr() && rv.Addr().Type().Implements(unmarshalerType) {
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			rv.Set(reflect.New(rv.Type().Elem()))
		}
		*errs = append(*errs, rv.Addr().Interface().(Unmarshaler).UnmarshalYAMLValue(v, path, d)...)
		return
	}
	t := rv.Type()
	if t == timeType || isDateStruct(t) {
		d.decodeTime(v, rv, errs)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			rv.Set(reflect.New(t.Elem()))
		}
		d.decode(v, path, rv.Elem(), checks, errs)
	case reflect.Struct:
		d.decodeStruct(v, path, rv, errs)
	case reflect.Slice:
		items := v.Items
		if v.Kind != "seq" {
			if v.Kind == "map" {
				d.mismatch(v, "a list", errs)
				return
			}
			items = []Value{v}
		}
		s := reflect.MakeSlice(t, len(items), len(items))
		for i, item := range items {
			d.decode(item, fmt.Sprintf("%s[%d]", path, i), s.Index(i), checks, errs)
		}
		rv.Set(s)
	case reflect.Map:
		d.decodeMap(v, path, rv, checks, errs)
	case reflect.String:
		if v.Kind != "scalar" {
			d.mismatch(v, "text", errs)
			return
		}
		rv.SetString(v.Scalar)
		if t.Implements(enumType) {
			values := reflect.Zero(t).Interface().(Enum).Values()
			checks = append(slices.Clip(checks), "oneof="+strings.Join(values, "|"))
		}
		d.checkString(v, path, checks, errs)
	case reflect.Bool:
		switch {
		case v.Kind == "scalar" && v.Scalar == "true":
			rv.SetBool(true)
		case v.Kind == "scalar" && v.Scalar == "false":
			rv.SetBool(false)
		default:
			d.mismatch(v, "true or false", errs)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(v.Scalar, 10, t.Bits())
		if v.Kind != "scalar" || err != nil {
			d.mismatch(v, "a whole number written with digits only, such as 12345", errs)
			return
		}
		rv.SetInt(n)
		if slices.Contains(checks, "positive") && n <= 0 {
			errs.Add(v.Pos, "expected a number greater than zero, found %d", n)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := strconv.ParseUint(v.Scalar, 10, t.Bits())
		if v.Kind != "scalar" || err != nil {
			d.mismatch(v, "a whole number written with digits only, such as 12345", errs)
			return
		}
		rv.SetUint(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(v.Scalar, t.Bits())
		if v.Kind != "scalar" || err != nil {
			d.mismatch(v, "a number such as 12.5 (with a decimal point)", errs)
			return
		}
		rv.SetFloat(f)
	default:
		panic("yamldecode: unsupported type " + t.String())
	}
}

func (d *Decoder) mismatch(v Value, want string, errs *diag.List) {
	errs.Add(v.Pos, "expected %s, found %s", want, describe(v))
}

func isDateStruct(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.NumField() == 1 && t.Field(0).Anonymous && t.Field(0).Type == timeType
}

var timeLayouts = []string{"2006-01-02", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05", time.RFC3339}

// minYear is the earliest year a date may have: an earlier one is a
// mistyped year (0205 for 2025), and would be written in the calendar and
// the open data as if it were true.
const minYear = 1900

func (d *Decoder) decodeTime(v Value, rv reflect.Value, errs *diag.List) {
	if v.Kind == "scalar" {
		for _, layout := range timeLayouts {
			if t, err := time.Parse(layout, v.Scalar); err == nil {
				if t.Year() < minYear {
					errs.Add(v.Pos, "expected a date in %d or later, found %q", minYear, v.Scalar).Hint =
						"check the year, written with four digits: 2026-03-01"
					return
				}
				if rv.Type() == timeType {
					rv.Set(reflect.ValueOf(t))
				} else {
					rv.Field(0).Set(reflect.ValueOf(t))
				}
				return
			}
		}
	}
	d.mismatch(v, "a date such as 2026-03-01, or a date and time such as 2026-03-01T18:30", errs)
}

// field is a struct field as the decoder sees it.
type field struct {
	key    string
	index  int
	checks []string
}

func fieldsOf(t reflect.Type) []field {
	var fs []field
	for i := range t.NumField() {
		f := t.Field(i)
		key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if key == "-" || !f.IsExported() {
			continue
		}
		if key == "" {
			key = strings.ToLower(f.Name)
		}
		var checks []string
		if c := f.Tag.Get("check"); c != "" {
			checks = strings.Split(c, ",")
		}
		fs = append(fs, field{key: key, index: i, checks: checks})
	}
	return fs
}

func (d *Decoder) decodeStruct(v Value, path string, rv reflect.Value, errs *diag.List) {
	if v.Kind != "map" {
		d.mismatch(v, "a mapping of keys and values", errs)
		return
	}
	fields := fieldsOf(rv.Type())
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	seen := map[string]bool{}
	for i, k := range v.Keys {
		idx := slices.Index(keys, k.Scalar)
		if idx < 0 {
			errs.Add(k.Pos, "unknown key %q", k.Scalar).Unknown(k.Scalar, keys, "expected one of")
			continue
		}
		f := fields[idx]
		seen[f.key] = true
		sub := joinPath(path, f.key)
		d.pos[sub+":key"] = k.Pos
		d.decode(v.Items[i], sub, rv.Field(f.index), f.checks, errs)
		if slices.Contains(f.checks, "required") && isEmpty(v.Items[i]) {
			errs.Add(v.Items[i].Pos, "%q must not be empty", f.key)
		}
	}
	for _, f := range fields {
		if !seen[f.key] && slices.Contains(f.checks, "required") {
			e := errs.Add(v.Pos, "missing required key %q", f.key)
			if path != "" {
				e.Msg += " in " + fmt.Sprintf("%q", path)
			}
			e.Hint = fmt.Sprintf("add a line \"%s: …\"", f.key)
		}
	}
}

func isEmpty(v Value) bool {
	switch v.Kind {
	case "null":
		return true
	case "scalar":
		return strings.TrimSpace(v.Scalar) == ""
	}
	return len(v.Items) == 0
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *Decoder) decodeMap(v Value, path string, rv reflect.Value, checks []string, errs *diag.List) {
	if v.Kind != "map" {
		d.mismatch(v, "a mapping of keys and values", errs)
		return
	}
	t := rv.Type()
	if t.Key().Kind() != reflect.String {
		panic("yamldecode: map keys must be strings: " + t.String())
	}
	langKeyed := t.Implements(langKeyedType) && len(d.opts.Langs) > 0
	m := reflect.MakeMapWithSize(t, len(v.Keys))
	for i, k := range v.Keys {
		if k.Kind != "scalar" {
			d.mismatch(k, "a key", errs)
			continue
		}
		if langKeyed && !slices.Contains(d.opts.Langs, k.Scalar) {
			e := errs.Add(k.Pos, "unknown language %q", k.Scalar)
			e.Hint = "the site's languages are " + strings.Join(d.opts.Langs, ", ")
			continue
		}
		sub := joinPath(path, k.Scalar)
		d.pos[sub+":key"] = k.Pos
		elem := reflect.New(t.Elem()).Elem()
		d.decode(v.Items[i], sub, elem, elemChecks(checks), errs)
		m.SetMapIndex(reflect.ValueOf(k.Scalar).Convert(t.Key()), elem)
	}
	rv.Set(m)
	if slices.Contains(checks, "alllangs") {
		for _, l := range d.opts.Langs {
			if m.MapIndex(reflect.ValueOf(l).Convert(t.Key())).IsValid() {
				continue
			}
			errs.Add(v.Pos, "missing the %q text of %q", l, path).Hint = fmt.Sprintf("add a line \"%s: …\" under %q", l, lastKey(path))
		}
	}
}

// elemChecks are the checks that apply to each value of a map.
func elemChecks(checks []string) []string {
	var out []string
	for _, c := range checks {
		if c != "alllangs" && c != "required" {
			out = append(out, c)
		}
	}
	return out
}

func lastKey(path string) string {
	if i := lastIndexAny(path, "."); i >= 0 {
		return path[i+1:]
	}
	return path
}

// NewDecoder returns a Decoder for decoding parsed Values with opts.
func NewDecoder(opts Options) *Decoder {
	if opts.FirstLine == 0 {
		opts.FirstLine = 1
	}
	return &Decoder{opts: opts, pos: Positions{}}
}
