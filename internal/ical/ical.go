// Package ical writes iCalendar files (RFC 5545) of a commune's council
// sessions and events, so that a citizen can subscribe to them in any
// calendar application.
//
// The records give Moroccan wall-clock times: a session "at 10:00" is
// written DTSTART;TZID=Africa/Casablanca:20260302T100000, and the
// calendar carries the VTIMEZONE that RFC 5545 requires for that TZID,
// made from the time zone database. Morocco has been on UTC+1 since 2018
// but for a return to UTC+0 around each Ramadan, on dates the government
// sets each year and the database predicts. Writing times in UTC would fix
// each instant with the prediction known at build time: when a decision
// differs, every application would show the session an hour off until the
// site is rebuilt. With the zone named, applications that know
// Africa/Casablanca (most do) apply their own, updated, rules and show
// 10:00 as the commune announced it; the VTIMEZONE, which lists each
// change of offset over the span of the calendar's timed events, serves
// the others. Events of whole days are DATE values, which have no zone.
//
// The database is the zoneinfo/Africa_Casablanca file embedded in this
// package (tzdata 2025c, the release Go 1.26 ships), not the system's: two
// machines with different databases then write the same calendar. Refresh
// it from Go's $GOROOT/lib/time/zoneinfo.zip (unzip -p zoneinfo.zip
// Africa/Casablanca) when Morocco announces dates the database did not
// predict.
//
// DTSTAMP, which RFC 5545 requires in UTC, is when the calendar was
// generated, which the caller gives (Calendar.Stamp) from the inputs,
// never from a clock: a build is then byte-identical to the previous one
// for the same input.
//
// Output uses CRLF line endings and folds lines longer than 75 octets
// without ever splitting a UTF-8 sequence, so Arabic text survives
// applications that unfold naively.
package ical

import (
	"bytes"
	"cmp"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// TimeZone is the zone of the events' wall-clock times.
const TimeZone = "Africa/Casablanca"

// maxLine is the longest a line may be, in octets, without its CRLF.
const maxLine = 75

//go:embed zoneinfo/Africa_Casablanca
var casablancaTZif []byte

// Location returns the time zone of the events, Africa/Casablanca, from
// the database embedded in the package.
var Location = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocationFromTZData(TimeZone, casablancaTZif)
	if err != nil {
		panic("ical: embedded time zone: " + err.Error())
	}
	return loc
})

// Calendar is the content of an iCalendar file.
type Calendar struct {
	// Name names the calendar in applications; "" names none.
	Name string
	// Lang is the language of the texts, a BCP 47 tag such as "ar" or
	// "fr"; "" names none.
	Lang string
	// Stamp is when the calendar was generated, written as every event's
	// DTSTAMP (in UTC); it should come from the inputs, not a clock.
	Stamp time.Time
	// Events in the order they are written.
	Events []Event
}

// Event is one event of a calendar.
type Event struct {
	// UID identifies the event for ever, across builds and languages: a
	// session's must not change when its date does. It should be globally
	// unique, e.g. "session-2026-02@commune.example.ma".
	UID string
	// Summary is the event's title; Description, Location and URL are
	// optional.
	Summary, Description, Location, URL string
	// Start is when the event begins, as a wall-clock time in Morocco:
	// only its fields year to second are read, whatever its location.
	Start time.Time
	// End is when a timed event ends, or the last day of an all-day event
	// (inclusive: a session held on 2 and 3 March ends on 3 March). The
	// zero time means a timed event without an end, or an all-day event
	// of a single day.
	End time.Time
	// AllDay writes Start and End as dates, with no time of day.
	AllDay bool
}

// Write writes the calendar c. It returns an error, and writes nothing,
// when c has no Stamp, when an event has no UID, no Summary or no Start,
// ends before it starts, or has a URL with spaces, control characters or
// invalid UTF-8; when c.Lang is not a plain language tag; and when w
// fails. It is safe for concurrent use with distinct writers.
func Write(w io.Writer, c Calendar) error {
	lang := c.Lang
	if !validLang(lang) {
		return fmt.Errorf("ical: language %q is not a language tag", lang)
	}
	if c.Stamp.IsZero() {
		return errors.New("ical: no stamp: say when the calendar was generated")
	}
	for i, e := range c.Events {
		if err := check(e); err != nil {
			return fmt.Errorf("ical: event %d (%q): %w", i+1, e.UID, err)
		}
	}
	var b bytes.Buffer
	text := func(name, value string) {
		if value == "" {
			return
		}
		if lang != "" {
			name += ";LANGUAGE=" + lang
		}
		line(&b, name+":"+escape(value))
	}
	line(&b, "BEGIN:VCALENDAR")
	line(&b, "VERSION:2.0")
	line(&b, "PRODID:-//tadafor//tadafor//"+strings.ToUpper(cmp.Or(lang, "EN")))
	line(&b, "CALSCALE:GREGORIAN")
	line(&b, "METHOD:PUBLISH")
	if c.Name != "" {
		line(&b, "NAME:"+escape(c.Name))
		line(&b, "X-WR-CALNAME:"+escape(c.Name))
	}
	line(&b, "X-WR-TIMEZONE:"+TimeZone)
	writeZone(&b, c.Events, c.Stamp)
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		line(&b, "BEGIN:VEVENT")
		line(&b, "UID:"+escape(e.UID))
		line(&b, "DTSTAMP:"+stamp)
		if e.AllDay {
			end := e.End
			if end.IsZero() {
				end = e.Start
			}
			line(&b, "DTSTART;VALUE=DATE:"+e.Start.Format("20060102"))
			line(&b, "DTEND;VALUE=DATE:"+nextDay(end).Format("20060102"))
		} else {
			line(&b, "DTSTART;TZID="+TimeZone+":"+e.Start.Format("20060102T150405"))
			if !e.End.IsZero() {
				line(&b, "DTEND;TZID="+TimeZone+":"+e.End.Format("20060102T150405"))
			}
		}
		text("SUMMARY", e.Summary)
		text("DESCRIPTION", e.Description)
		text("LOCATION", e.Location)
		if e.URL != "" {
			line(&b, "URL:"+e.URL)
		}
		line(&b, "END:VEVENT")
	}
	line(&b, "END:VCALENDAR")
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("ical: write: %w", err)
	}
	return nil
}

// writeZone writes the VTIMEZONE of the timed events: one observance for
// the offset in effect at the first event's start, and one for each
// change of offset until the last event's end. Each observance starts at
// the local time of its change, in the offset before it (RFC 5545,
// 3.6.5). Without timed events it describes the offset at stamp: a
// calendar must hold at least one component, even without events.
func writeZone(b *bytes.Buffer, events []Event, stamp time.Time) {
	loc := Location()
	var first, last time.Time
	for _, e := range events {
		if e.AllDay {
			continue
		}
		start, end := inZone(e.Start, loc), inZone(e.End, loc)
		if first.IsZero() || start.Before(first) {
			first = start
		}
		last = maxTime(last, maxTime(start, end))
	}
	if first.IsZero() {
		first, last = stamp.In(loc), stamp.In(loc)
	}
	line(b, "BEGIN:VTIMEZONE")
	line(b, "TZID:"+TimeZone)
	for t, _ := first.ZoneBounds(); ; {
		if t.IsZero() { // the zone's first offset: in effect since ever
			t = first
		}
		name, to := t.In(loc).Zone()
		_, from := t.Add(-time.Second).In(loc).Zone()
		kind := "STANDARD"
		if t.In(loc).IsDST() {
			kind = "DAYLIGHT"
		}
		line(b, "BEGIN:"+kind)
		line(b, "DTSTART:"+t.UTC().Add(time.Duration(from)*time.Second).Format("20060102T150405"))
		line(b, "TZOFFSETFROM:"+offset(from))
		line(b, "TZOFFSETTO:"+offset(to))
		line(b, "TZNAME:"+escape(name))
		line(b, "END:"+kind)
		_, next := t.In(loc).ZoneBounds()
		if next.IsZero() || next.After(last) {
			break
		}
		t = next
	}
	line(b, "END:VTIMEZONE")
}

// inZone is the wall clock of t as a time in loc; the zero time stays
// zero.
func inZone(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, loc)
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// offset writes a UTC offset in seconds as RFC 5545's UTC-OFFSET:
// "+0100", "-0030", "+013045" when it has seconds.
func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}

// check reports what makes e unwritable.
func check(e Event) error {
	switch {
	case e.UID == "":
		return errors.New("no UID")
	case e.Summary == "":
		return errors.New("no summary")
	case e.Start.IsZero():
		return errors.New("no start")
	case strings.ContainsFunc(e.URL, func(r rune) bool { return r <= ' ' || r == 0x7f || r == utf8.RuneError }):
		return fmt.Errorf("URL %q has a space, a control character or invalid UTF-8", e.URL)
	case e.End.IsZero():
		return nil
	case e.AllDay && wallDate(e.End).Before(wallDate(e.Start)):
		return fmt.Errorf("last day %s is before the first %s", e.End.Format(time.DateOnly), e.Start.Format(time.DateOnly))
	case !e.AllDay && wall(e.End).Before(wall(e.Start)):
		return fmt.Errorf("end %s is before start %s", e.End.Format("2006-01-02T15:04"), e.Start.Format("2006-01-02T15:04"))
	}
	return nil
}

// wall is t's wall clock as a UTC time, for comparisons that ignore
// locations as the output does.
func wall(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// wallDate is t's calendar date as a UTC time.
func wallDate(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// nextDay is the calendar day after t's, for the exclusive DTEND of an
// all-day event.
func nextDay(t time.Time) time.Time { return wallDate(t).AddDate(0, 0, 1) }

// validLang reports whether s is "" or letters, digits and hyphens, so it
// can be written as a parameter value without quoting.
func validLang(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// escape writes s as a TEXT value: backslash, semicolon and comma are
// escaped, every line break (CRLF, CR or LF) becomes \n, other control
// characters except tab are dropped (TEXT forbids them) and invalid UTF-8
// becomes U+FFFD.
func escape(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n', '\r':
			b.WriteString(`\n`)
		case '\t':
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// line writes a content line folded at 75 octets (RFC 5545, 3.1): the
// first line holds at most 75 octets, each continuation a space and at
// most 74, and no UTF-8 sequence of valid text is split across lines.
func line(b *bytes.Buffer, s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > limit-utf8.UTFMax && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if !utf8.RuneStart(s[cut]) {
			cut = limit // invalid UTF-8: no character to keep whole
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
