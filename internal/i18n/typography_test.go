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
