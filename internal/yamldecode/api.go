// Package yamldecode decodes YAML strictly into Go values, keeping the
// position of every value so that each mistake is reported as
// file:line:col with what was expected and, for a misspelt key, a
// suggestion. It is the only package that imports a YAML library.
//
// Decoding is driven by struct tags: `yaml:"key"` names a key (yaml:"-"
// skips a field) and `check:"..."` lists comma-separated checks: required,
// positive, email, phone (Moroccan number), url (http or https), https,
// slug, lang (language code), alllangs (a map with every language of
// Options.Langs), oneof=a|b|c (or a type that is an Enum). Supported field types: string, bool, the
// integer and float kinds, string-based named types, time.Time and
// structs embedding it (a date "2006-01-02" or date and time
// "2006-01-02T15:04"), structs, pointers to structs, slices and maps with
// string keys of any of these, and types implementing Unmarshaler. A
// single value is accepted where a list is expected. Maps whose type has
// a LangKeyed method are keyed by language code and accept only the codes
// of Options.Langs.
package yamldecode

import "github.com/tadafor/tadafor/internal/diag"

// Options tune a decoding.
type Options struct {
	// File is the path used in positions.
	File string
	// FirstLine is the file line on which src starts (1 when src is the
	// whole file; greater for front matter).
	FirstLine int
	// Langs are the language codes the site publishes in.
	Langs []string
}

// Positions maps the path of each decoded value to its position. Paths
// are keys joined by dots with indexes in brackets, e.g.
// "contact.phone[1]"; the empty path is the document itself. The position
// of a key's value is stored under its path, the position of the key
// itself under path + ":key".
type Positions map[string]diag.Pos

// Get returns the position of path, or of its closest recorded parent.
func (p Positions) Get(path string) diag.Pos {
	for {
		if pos, ok := p[path]; ok {
			return pos
		}
		i := max(lastIndexAny(path, ".["), 0)
		if path == "" {
			return diag.Pos{}
		}
		path = path[:i]
	}
}

func lastIndexAny(s, chars string) int {
	for i := len(s) - 1; i >= 0; i-- {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return i
			}
		}
	}
	return -1
}

// Value is a YAML node as an Unmarshaler sees it.
type Value struct {
	Pos diag.Pos
	// Kind is "scalar", "map", "seq" or "null".
	Kind string
	// Scalar is the text of a scalar.
	Scalar string
	// Keys and Items hold a map's keys and values, in order; Items alone
	// holds a sequence's items.
	Keys  []Value
	Items []Value
}

// Unmarshaler is implemented by types that decode themselves from a
// Value. Path is the value's path, for Positions and messages; dec can
// decode parts of v into ordinary values.
type Unmarshaler interface {
	UnmarshalYAMLValue(v Value, path string, dec *Decoder) diag.List
}

// Enum is implemented by string types whose values are a fixed set, so
// that the set is written once, beside the type's constants: the decoder
// accepts only the values Values returns (a oneof check for every field
// of the type), and suggests the closest.
type Enum interface {
	Values() []string
}

// LangKeyed is implemented by map types keyed by language code.
type LangKeyed interface {
	LangKeyed()
}
