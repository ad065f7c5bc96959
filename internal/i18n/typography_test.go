package i18n

import (
	"slices"
	"testing"
)

func TestTypographyComesFromTheCatalog(t *testing.T) {
	t.Parallel()
	src := head + `typography_spaces: ["\u00a0:", "«\u202f", "\u202f»"]` + "\n" + `typography_apostrophe: "’"` + "\n"
	c, errs := Load("f.yaml", []byte(src), langFR)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got, want := c.Typography().Text("« l'état: oui »"), "«\u202fl’état\u00a0: oui\u202f»"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	// A catalog that says nothing has no typography, and the keys are
	// never missing from another language's catalog.
	ar, errs := Load("ar.yaml", []byte(head), langAR)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if ar.Typography() != nil {
		t.Error("a catalog without typography keys has a typography")
	}
	if errs := ar.Compare(c); len(errs) > 0 {
		t.Errorf("Compare: %v", errs)
	}
	if errs := c.Compare(ar); len(errs) > 0 {
		t.Errorf("Compare: %v", errs)
	}
}

func TestTypographyKeysOfTheWrongShape(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, src, want string }{
		{"plain space", `typography_spaces: [" :"]`,
			`f.yaml:4:1: item 1 of "typography_spaces": " :" is not a no-break space (U+00A0, U+202F or U+2007) beside a punctuation mark`},
		{"two spaces for one mark", `typography_spaces: ["\u00a0:", "\u202f:"]`,
			`f.yaml:4:1: the mark ':' is given two spaces`},
		{"not a list", `typography_spaces: "\u00a0:"`,
			`f.yaml:4:1: "typography_spaces" must be a list, found a text`},
		{"apostrophe of two characters", `typography_apostrophe: "’’"`,
			`f.yaml:4:1: "typography_apostrophe" must be one character, found "’’"`},
	}
	for _, tt := range tests {
		c, errs := Load("f.yaml", []byte(head+tt.src+"\n"), langFR)
		if got := summary(errs); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if c.Typography() != nil {
			t.Errorf("%s: a faulty typography is used", tt.name)
		}
	}
}

// The quotation marks of a language are data of its catalog; without
// them the language has the default (guillemets), and they are never
// missing from another language's catalog.
func TestQuotesComeFromTheCatalog(t *testing.T) {
	t.Parallel()
	en, errs := Load("en.yaml", []byte(head+`typography_quotes: ["“", "”"]`+"\n"), langFR)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if o, c := en.Quotes(); o != "“" || c != "”" {
		t.Errorf("Quotes() = %q, %q", o, c)
	}
	fr, errs := Load("fr.yaml", []byte(head), langFR)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if o, c := fr.Quotes(); o != "" || c != "" {
		t.Errorf("Quotes() of a catalog that says none = %q, %q", o, c)
	}
	if errs := fr.Compare(en); len(errs) > 0 {
		t.Errorf("Compare: %v", errs)
	}
	for _, tt := range []struct{ name, src, want string }{
		{"one mark", `typography_quotes: ["“"]`, `f.yaml:4:1: "typography_quotes" must list 2 items, found 1`},
		{"a mark with its space", `typography_quotes: ["«\u00a0", "\u00a0»"]`,
			`f.yaml:4:1: each item of "typography_quotes" must be one quotation mark, found "«\u00a0"`},
	} {
		c, errs := Load("f.yaml", []byte(head+tt.src+"\n"), langFR)
		if got := summary(errs); !slices.Equal(got, []string{tt.want}) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
		if o, _ := c.Quotes(); o != "" {
			t.Errorf("%s: faulty quotes are used", tt.name)
		}
	}
}
