package ical_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/ical"
)

// TestExampleCalendarsFollowRFC5545 builds the example project and
// validates every calendar it publishes.
func TestExampleCalendarsFollowRFC5545(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(t.Context(), build.Options{Root: filepath.Join("..", ".."), Out: out}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(out, "*", "*", "calendar.ics"))
	if len(files) < 10 {
		t.Fatalf("only %d calendars", len(files))
	}
	var timed int
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(out, f)
		for _, err := range ical.Validate(b) {
			t.Errorf("%s: %v", rel, err)
		}
		timed += strings.Count(string(b), "DTSTART;TZID=")
	}
	if timed == 0 {
		t.Error("no timed event in the examples: the time zone goes untested")
	}
}
