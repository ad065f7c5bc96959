package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestSuggest(t *testing.T) {
	t.Parallel()
	keys := []string{"population", "province", "region", "name"}
	for _, tt := range []struct{ got, want string }{
		{"populaton", "population"},
		{"Province", "province"},
		{"regoin", "region"},
		{"zzzzzzzz", ""},
		{"nom", "name"},
	} {
		if s := Suggest(tt.got, keys); s != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.got, s, tt.want)
		}
	}
	// Distances count letters, not bytes: a two-letter Arabic word is not
	// "close" to every other short word.
	if s := Suggest("بر", []string{"سلا", "فاس"}); s != "" {
		t.Errorf("Arabic suggestion too loose: %q", s)
	}
	if s := Suggest("بركا", []string{"بركان", "فاس"}); s != "بركان" {
		t.Errorf("Arabic suggestion: %q", s)
	}
}

func TestListSortsAndJoins(t *testing.T) {
	t.Parallel()
	var l List
	l.Add(Pos{File: "b.yaml", Line: 2, Col: 1}, "second")
	l.Add(Pos{File: "a.yaml", Line: 9, Col: 3}, "first")
	l.Add(Pos{File: "b.yaml", Line: 2, Col: 1}, "second") // duplicate
	w := l.Add(Pos{File: "c.md"}, "only a warning")
	w.Severity = SevWarning
	err := l.Err()
	want := "a.yaml:9:3: first\nb.yaml:2:1: second\nc.md: warning: only a warning"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want\n%s", err, want)
	}
	var warnings List
	warnings.Append(w)
	if warnings.Err() != nil {
		t.Error("warnings alone are not an error")
	}
	var wrapped List
	wrapped.Append(fmt.Errorf("load: %w", l))
	if len(wrapped) != 4 {
		t.Errorf("Append of a wrapped List added %d", len(wrapped))
	}
	e := &Error{Pos: Pos{File: "x"}, Msg: "m", Err: errors.ErrUnsupported}
	if !errors.Is(e, errors.ErrUnsupported) {
		t.Error("Unwrap")
	}
}

// Unknown proposes the closest candidate in the message, or lists the
// candidates in the hint, unless a hint is already there.
func TestUnknown(t *testing.T) {
	t.Parallel()
	offices := []string{"accueil", "urbanisme"}
	for _, tt := range []struct {
		name, got, hint string
		candidates      []string
		wantMsg         string
		wantHint        string
	}{
		{"close", "urbanism", "", offices, `unknown office "urbanism"; did you mean "urbanisme"?`, ""},
		{"far", "x", "", offices, `unknown office "x"`, "the offices are: accueil, urbanisme"},
		{"far with a hint", "x", "describe it", offices, `unknown office "x"`, "describe it"},
		{"no candidates", "x", "", nil, `unknown office "x"`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := Errorf(Pos{File: "f"}, "unknown office %q", tt.got)
			e.Hint = tt.hint
			if got := e.Unknown(tt.got, tt.candidates, "the offices are"); got != e {
				t.Error("Unknown does not return its error")
			}
			if e.Msg != tt.wantMsg || e.Hint != tt.wantHint {
				t.Errorf("got %q, hint %q; want %q, hint %q", e.Msg, e.Hint, tt.wantMsg, tt.wantHint)
			}
		})
	}
}

func TestDidYouMean(t *testing.T) {
	t.Parallel()
	if got, want := DidYouMean("regoin", []string{"region", "province"}), `did you mean "region"?`; got != want {
		t.Errorf("DidYouMean = %q, want %q", got, want)
	}
	if got := DidYouMean("zzzzzz", []string{"region"}); got != "" {
		t.Errorf("DidYouMean of nothing close = %q", got)
	}
	if got, want := Propose("#qui-peut-signer"), "did you mean #qui-peut-signer?"; got != want {
		t.Errorf("Propose = %q, want %q", got, want)
	}
}
