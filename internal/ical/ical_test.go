package ical

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

var casablanca = time.FixedZone("+01", 3600)

// stamp is when the calendars of the tests were generated.
var stamp = time.Date(2026, 1, 20, 0, 0, 0, 0, time.UTC)

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
	if err := Write(&b, Calendar{Name: "دورات مجلس جماعة ألفا", Lang: "ar", Stamp: stamp, Events: sessions}); err != nil {
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
	valid(t, b.Bytes())
}

// TestDeterministic checks that two writes of the same input are
// byte-identical.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	var a, b bytes.Buffer
	if err := Write(&a, Calendar{Name: "c", Lang: "fr", Stamp: stamp, Events: sessions}); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, Calendar{Name: "c", Lang: "fr", Stamp: stamp, Events: sessions}); err != nil {
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
			err := Write(&b, Calendar{Name: "c", Lang: "ar", Stamp: stamp, Events: []Event{{UID: "u", Summary: text, Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}})
			if err != nil {
				t.Fatal(err)
			}
			lines := valid(t, b.Bytes())
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
// DTEND, and DATE-TIME values in Morocco's zone otherwise.
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
			[]string{"DTSTART;VALUE=DATE:20260302", "DTEND;VALUE=DATE:20260303", "DTSTAMP:20260120T000000Z"}, []string{"TZID=", "DTSTART:20260302"},
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
			[]string{"DTSTART;TZID=Africa/Casablanca:20260302T183000", "DTEND;TZID=Africa/Casablanca:20260302T200000", "DTSTAMP:20260120T000000Z"}, []string{"VALUE=DATE"},
		},
		{
			"timed without end", Event{Start: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)},
			[]string{"DTSTART;TZID=Africa/Casablanca:20260302T090000"}, []string{"DTEND"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.e.UID, tt.e.Summary = "u", "s"
			var b bytes.Buffer
			if err := Write(&b, Calendar{Stamp: stamp, Events: []Event{tt.e}}); err != nil {
				t.Fatal(err)
			}
			lines := valid(t, b.Bytes())
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
		{"no stamp", "", Event{UID: "u", Summary: "s", Start: start}, `ical: no stamp: say when the calendar was generated`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			c := Calendar{Name: "c", Lang: tt.lang, Stamp: stamp, Events: []Event{tt.e}}
			if tt.name == "no stamp" {
				c.Stamp = time.Time{}
			}
			err := Write(&b, c)
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
	err := Write(failWriter{boom}, Calendar{Name: "c", Lang: "fr", Stamp: stamp})
	if !errors.Is(err, boom) || err.Error() != "ical: write: disk full" {
		t.Errorf("error = %v", err)
	}
}

type failWriter struct{ err error }

func (f failWriter) Write([]byte) (int, error) { return 0, f.err }

// TestEmptyCalendar checks that a calendar without events is valid: its
// one component is the time zone.
func TestEmptyCalendar(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := Write(&b, Calendar{Name: "Séances", Lang: "fr", Stamp: stamp}); err != nil {
		t.Fatal(err)
	}
	want := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tadafor//tadafor//FR\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n" +
		"NAME:Séances\r\nX-WR-CALNAME:Séances\r\nX-WR-TIMEZONE:Africa/Casablanca\r\n" +
		"BEGIN:VTIMEZONE\r\nTZID:Africa/Casablanca\r\nBEGIN:STANDARD\r\nDTSTART:20250406T020000\r\n" +
		"TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:+01\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"
	if b.String() != want {
		t.Errorf("got\n%q\nwant\n%q", b.String(), want)
	}
	valid(t, b.Bytes())
}

// TestTimesFollowMoroccosOffsets writes sessions on either side of the
// Ramadans of 2026 and 2027, when Morocco goes back to UTC+0, and reads
// each start back through the VTIMEZONE written: 10:00 in Casablanca is
// 09:00 UTC in January and April, 10:00 UTC during Ramadan.
func TestTimesFollowMoroccosOffsets(t *testing.T) {
	t.Parallel()
	at := func(m time.Month, d, y int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }
	starts := []time.Time{at(time.January, 5, 2026), at(time.March, 2, 2026), at(time.April, 6, 2026), at(time.February, 20, 2027)}
	var events []Event
	for i, s := range starts {
		events = append(events, Event{UID: fmt.Sprint(i), Summary: "s", Start: s, End: s.Add(2 * time.Hour)})
	}
	var b bytes.Buffer
	if err := Write(&b, Calendar{Stamp: stamp, Events: events}); err != nil {
		t.Fatal(err)
	}
	valid(t, b.Bytes())
	v := &validator{}
	var obs []observance
	for _, l := range v.unfold(b.String()) {
		if l.name == "BEGIN" && l.value == "VTIMEZONE" {
			obs = nil
		}
		switch l.name {
		case "DTSTART":
			if _, ok := l.params["TZID"]; !ok {
				obs = append(obs, observance{})
				local, _ := time.Parse("20060102T150405", l.value)
				obs[len(obs)-1].onset = local
			}
		case "TZOFFSETFROM":
			obs[len(obs)-1].from, _ = v.offset(l)
			obs[len(obs)-1].onset = obs[len(obs)-1].onset.Add(-time.Duration(obs[len(obs)-1].from) * time.Second)
		case "TZOFFSETTO":
			obs[len(obs)-1].to, _ = v.offset(l)
		}
	}
	// +01 since April 2025, +00 from 15 February 2026, +01 from 22 March,
	// +00 from 7 February 2027.
	if len(obs) != 4 {
		t.Errorf("%d observances from January 2026 to February 2027, want 4", len(obs))
	}
	wantUTC := []int{9, 10, 9, 10}
	for i, s := range starts {
		got, ok := resolve(obs, s)
		if !ok || got.Hour() != wantUTC[i] {
			t.Errorf("%s at 10:00 in Casablanca resolves to %s (%v), want %02d:00 UTC", s.Format(time.DateOnly), got.Format(time.TimeOnly), ok, wantUTC[i])
		}
		if want := time.Date(s.Year(), s.Month(), s.Day(), 10, 0, 0, 0, Location()).UTC(); !got.Equal(want) {
			t.Errorf("%s: %s, the zone says %s", s.Format(time.DateOnly), got, want)
		}
	}
}

// valid checks b with Validate and returns its unfolded lines.
func valid(t *testing.T, b []byte) []string {
	t.Helper()
	for _, err := range Validate(b) {
		t.Errorf("RFC 5545: %v", err)
	}
	return wellFormed(t, b)
}

// TestValidateFindsBrokenRules shows that Validate reports what it
// checks.
func TestValidateFindsBrokenRules(t *testing.T) {
	t.Parallel()
	head := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
	tests := []struct{ name, cal, want string }{
		{"no component", head + "END:VCALENDAR\r\n", "no component"},
		{"no DTSTAMP", head + "BEGIN:VEVENT\r\nUID:u\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "0 DTSTAMP"},
		{"local DTSTAMP", head + "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000\r\nDTSTART;VALUE=DATE:20260101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "DTSTAMP must be a DATE-TIME in UTC"},
		{"undefined zone", head + "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Africa/Casablanca:20260101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "has no VTIMEZONE"},
		{"mixed types", head + "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nDTEND:20260102T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "different value types"},
		{"unescaped comma", head + "BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\nSUMMARY:a, b\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "not an escaped TEXT"},
		{"zone not covering", head + "BEGIN:VTIMEZONE\r\nTZID:Z\r\nBEGIN:STANDARD\r\nDTSTART:20260601T000000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n" +
			"BEGIN:VEVENT\r\nUID:u\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Z:20260101T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "does not cover"},
		{"long line", head + "X-A:" + strings.Repeat("a", 80) + "\r\nEND:VCALENDAR\r\n", "more than 75"},
	}
	for _, tt := range tests {
		errs := Validate([]byte(tt.cal))
		if !slices.ContainsFunc(errs, func(e error) bool { return strings.Contains(e.Error(), tt.want) }) {
			t.Errorf("%s: %v, want an error with %q", tt.name, errs, tt.want)
		}
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
