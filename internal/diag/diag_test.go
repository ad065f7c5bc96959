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
