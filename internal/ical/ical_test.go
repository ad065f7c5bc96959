package ical

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

var casablanca = time.FixedZone("+01", 3600)

// sessions are a commune's calendar in Arabic: a timed session, a
// session over two days, an event without an end.
var sessions = []Event{
	{
		UID:         "session-2026-02@alpha.example.ma",
		Summary:     "الدورة العادية لشهر فبراير 2026",
		Description: "جدول الأعمال:\n1. الدراسة والتصويت على العرائض المقبولة؛\n2. برمجة الفائض، والمصادقة على الاتفاقيات.",
		Location:    "قاعة الاجتماعات، مقر الجماعة",
		URL:         "https://alpha.example.ma/ar/council/sessions/2026-02/",
		Start:       time.Date(2026, 2, 2, 10, 0, 0, 0, casablanca),
		End:         time.Date(2026, 2, 2, 13, 30, 0, 0, casablanca),
	},
	{
		UID:     "session-2026-05@alpha.example.ma",
		Summary: "الدورة العادية لشهر ماي 2026",
		Start:   time.Date(2026, 5, 4, 0, 0, 0, 0, time.UTC),
		End:     time.Date(2026, 5, 5, 0, 0, 0, 0, time.UTC),
		AllDay:  true,
	},
	{
		UID:      "news-journee-portes-ouvertes@alpha.example.ma",
		Summary:  "Journée portes ouvertes; accueil, visites \\ ateliers",
		Location: "Mairie",
		Start:    time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC),
	},
}

// TestGolden compares a calendar with testdata/sessions.ics; run
// `go test ./internal/ical -update` after an intended change.
func TestGolden(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Write(&b, "دورات مجلس جماعة ألفا", "ar", sessions); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join("testdata", "sessions.ics")
	if *update {
		if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("output differs from %s:\n got:\n%s\nwant:\n%s", file, b.Bytes(), want)
	}
	wellFormed(t, b.Bytes())
}

// TestDeterministic checks that two writes of the same input are
// byte-identical.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	var a, b bytes.Buffer
	if err := Write(&a, "c", "fr", sessions); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, "c", "fr", sessions); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes differ")
	}
}

// TestFoldsArabicWithoutSplittingCharacters writes long summaries in
// scripts of one to four octets per character, at every offset, and
// checks the lines and that unfolding gives the text back.
func TestFoldsArabicWithoutSplittingCharacters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
	}{
		{"arabic", strings.Repeat("عريضة المواطنات والمواطنين بشأن تهيئة الحي ", 6)},
		{"latin", strings.Repeat("Pétition des habitantes et habitants du douar ", 6)},
		{"tifinagh", strings.Repeat("ⵜⴰⵎⴰⵣⵉⵖⵜ ", 30)},
		{"emoji", strings.Repeat("📅", 60)},
	}
	for _, tt := range tests {
		for shift := range 4 {
			text := strings.Repeat("x", shift) + tt.text
			var b bytes.Buffer
			err := Write(&b, "c", "ar", []Event{{UID: "u", Summary: text, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}})
			if err != nil {
				t.Fatal(err)
			}
			lines := wellFormed(t, b.Bytes())
			var got string
			for _, l := range lines {
				if v, ok := strings.CutPrefix(l, "SUMMARY;LANGUAGE=ar:"); ok {
					got = v
				}
			}
			if got != escape(text) {
				t.Errorf("%s+%d: unfolded summary\n%q\nwant\n%q", tt.name, shift, got, escape(text))
			}
		}
	}
}

// TestFoldsAtExactly75Octets checks the boundary: 75 octets stay on one
// line, 76 fold, and continuation lines hold at most 74 octets after
// their space.
func TestFoldsAtExactly75Octets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
	}{
		{strings.Repeat("a", 75), strings.Repeat("a", 75) + "\r\n"},
		{strings.Repeat("a", 76), strings.Repeat("a", 75) + "\r\n a\r\n"},
		{strings.Repeat("a", 75+74+1), strings.Repeat("a", 75) + "\r\n " + strings.Repeat("a", 74) + "\r\n a\r\n"},
		// a two-octet letter straddling octet 75 goes whole to the next line
		{strings.Repeat("a", 74) + "ع" + "b", strings.Repeat("a", 74) + "\r\n عb\r\n"},
		{"", "\r\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		line(&b, tt.in)
		if b.String() != tt.want {
			t.Errorf("line(%q) = %q, want %q", tt.in, b.String(), tt.want)
		}
	}
}

func TestEscape(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`a\b`, `a\\b`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo\r\nthree\rfour", `one\ntwo\nthree\nfour`},
		{"tab\there", "tab\there"},
		{"bell\x07 gone", "bell gone"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{`\n is not a line break`, `\\n is not a line break`},
		{"الدورة، العادية; 2026", `الدورة، العادية\; 2026`},
	}
	for _, tt := range tests {
		if got := escape(tt.in); got != tt.want {
			t.Errorf("escape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestDates checks DATE values for all-day events, with an exclusive
// DTEND, and floating DATE-TIME values otherwise.
func TestDates(t *testing.T) {
	t.Parallel()
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name string
		e    Event
		want []string
		not  []string
	}{
		{
			"one day", Event{Start: day(2026, 3, 2), AllDay: true},
			[]string{"DTSTART;VALUE=DATE:20260302", "DTEND;VALUE=DATE:20260303", "DTSTAMP:20260302T000000Z"}, nil,
		},
		{
			"two days", Event{Start: day(2026, 3, 2), End: day(2026, 3, 3), AllDay: true},
			[]string{"DTSTART;VALUE=DATE:20260302", "DTEND;VALUE=DATE:20260304"}, nil,
		},
		{
			"last day of a year", Event{Start: day(2026, 12, 31), AllDay: true},
			[]string{"DTEND;VALUE=DATE:20270101"}, nil,
		},
		{
			"leap day", Event{Start: day(2028, 2, 28), End: day(2028, 2, 29), AllDay: true},
			[]string{"DTEND;VALUE=DATE:20280301"}, nil,
		},
		{
			"an all-day event ignores the clock", Event{Start: time.Date(2026, 3, 2, 18, 30, 0, 0, time.UTC), AllDay: true},
			[]string{"DTSTART;VALUE=DATE:20260302", "DTEND;VALUE=DATE:20260303"}, nil,
		},
		{
			"timed, written as the wall clock in its location", Event{Start: time.Date(2026, 3, 2, 18, 30, 0, 0, casablanca), End: time.Date(2026, 3, 2, 20, 0, 0, 0, casablanca)},
			[]string{"DTSTART:20260302T183000", "DTEND:20260302T200000", "DTSTAMP:20260302T183000Z"}, []string{"TZID", "VALUE=DATE"},
		},
		{
			"timed without end", Event{Start: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)},
			[]string{"DTSTART:20260302T090000"}, []string{"DTEND"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.e.UID, tt.e.Summary = "u", "s"
			var b bytes.Buffer
			if err := Write(&b, "", "", []Event{tt.e}); err != nil {
				t.Fatal(err)
			}
			lines := wellFormed(t, b.Bytes())
			for _, w := range tt.want {
				if !contains(lines, w) {
					t.Errorf("no line %q in\n%s", w, b.String())
				}
			}
			for _, n := range tt.not {
				if strings.Contains(b.String(), n) {
					t.Errorf("unexpected %q in\n%s", n, b.String())
				}
			}
		})
	}
}

func TestRejects(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		lang   string
		e      Event
		errMsg string
	}{
		{"no UID", "ar", Event{Summary: "s", Start: start}, `ical: event 1 (""): no UID`},
		{"no summary", "ar", Event{UID: "u", Start: start}, `ical: event 1 ("u"): no summary`},
		{"no start", "ar", Event{UID: "u", Summary: "s"}, `ical: event 1 ("u"): no start`},
		{"end before start", "ar", Event{UID: "u", Summary: "s", Start: start, End: start.Add(-time.Minute)},
			`ical: event 1 ("u"): end 2026-03-02T09:59 is before start 2026-03-02T10:00`},
		{"last day before first", "ar", Event{UID: "u", Summary: "s", Start: start, End: start.AddDate(0, 0, -1), AllDay: true},
			`ical: event 1 ("u"): last day 2026-03-01 is before the first 2026-03-02`},
		{"URL with a line break", "ar", Event{UID: "u", Summary: "s", Start: start, URL: "https://x/\r\nBEGIN:VEVENT"},
			`ical: event 1 ("u"): URL "https://x/\r\nBEGIN:VEVENT" has a space, a control character or invalid UTF-8`},
		{"URL with invalid UTF-8", "ar", Event{UID: "u", Summary: "s", Start: start, URL: "https://x/\xff"},
			`ical: event 1 ("u"): URL "https://x/\xff" has a space, a control character or invalid UTF-8`},
		{"language with a colon", "ar:x", Event{UID: "u", Summary: "s", Start: start}, `ical: language "ar:x" is not a language tag`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			err := Write(&b, "c", tt.lang, []Event{tt.e})
			if err == nil || err.Error() != tt.errMsg {
				t.Fatalf("error = %v, want %s", err, tt.errMsg)
			}
			if b.Len() != 0 {
				t.Errorf("wrote %d bytes despite the error", b.Len())
			}
		})
	}
}

// TestWriterError checks that a failing writer's error is wrapped.
func TestWriterError(t *testing.T) {
	t.Parallel()
	boom := errors.New("disk full")
	err := Write(failWriter{boom}, "c", "fr", nil)
	if !errors.Is(err, boom) || err.Error() != "ical: write: disk full" {
		t.Errorf("error = %v", err)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

// TestEmptyCalendar checks that a calendar without events is valid.
func TestEmptyCalendar(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Write(&b, "Séances", "fr", nil); err != nil {
		t.Fatal(err)
	}
	want := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tadafor//tadafor//FR\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n" +
		"NAME:Séances\r\nX-WR-CALNAME:Séances\r\nX-WR-TIMEZONE:Africa/Casablanca\r\nEND:VCALENDAR\r\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
}

// wellFormed checks the physical lines of an iCalendar file (CRLF only,
// at most 75 octets, valid UTF-8, balanced components) and returns its
// unfolded content lines.
func wellFormed(t *testing.T, b []byte) []string {
	t.Helper()
	s := string(b)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("does not end with CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > maxLine {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8: %q", i+1, l)
		}
		if rest, ok := strings.CutPrefix(l, " "); ok && len(lines) > 0 {
			lines[len(lines)-1] += rest
			continue
		}
		lines = append(lines, l)
	}
	depth := 0
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "BEGIN:"):
			depth++
		case strings.HasPrefix(l, "END:"):
			depth--
		}
	}
	if depth != 0 || lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Errorf("components are not balanced:\n%s", s)
	}
	return lines
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

// FuzzLine checks that any text folds into lines of at most 75 octets
// that unfold to the text, splitting no UTF-8 sequence of valid input.
func FuzzLine(f *testing.F) {
	f.Add("SUMMARY:" + strings.Repeat("عريضة ", 20))
	f.Add(strings.Repeat("📅a", 40))
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\n") {
			return // line is only given escaped text
		}
		var b bytes.Buffer
		line(&b, s)
		phys := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
		var got strings.Builder
		for i, l := range phys {
			if len(l) > maxLine {
				t.Fatalf("line %d is %d octets", i, len(l))
			}
			if i > 0 {
				l = strings.TrimPrefix(l, " ")
			}
			if utf8.ValidString(s) && !utf8.ValidString(l) {
				t.Fatalf("line %d splits a character: %q", i, l)
			}
			got.WriteString(l)
		}
		if got.String() != s {
			t.Fatalf("unfolded %q, want %q", got.String(), s)
		}
	})
}
