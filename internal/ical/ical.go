// Package ical writes iCalendar files (RFC 5545) of a commune's council
// sessions and events, so that a citizen can subscribe to them in any
// calendar application.
//
// Times are floating local times: a session "at 10:00" is written
// 20260302T100000 with no zone, and the calendar carries
// X-WR-TIMEZONE:Africa/Casablanca for the applications that read it.
// A TZID=Africa/Casablanca would require a VTIMEZONE describing Morocco's
// offsets, which since 2018 are UTC+1 with a return to UTC+0 during each
// Ramadan, on dates set every year by decision and following the lunar
// calendar: no recurrence rule can express them, and writing them out
// would need the time zone database at build time (this package does no
// I/O) and would be wrong for any year whose dates are not yet known. The
// records give local wall-clock times, which are what the citizens of the
// commune need, so they are written as such. Times in UTC would change
// meaning with each Ramadan decision for the same reason.
//
// DTSTAMP, which RFC 5545 requires in UTC, is derived from the event
// itself: the wall-clock time of its Start written as UTC. A build is then
// byte-identical to the previous one for the same input (a build clock
// would change every event on every build), and the stamp changes when an
// event is moved, which is when calendar applications should notice it.
//
// Output uses CRLF line endings and folds lines longer than 75 octets
// without ever splitting a UTF-8 sequence, so Arabic text survives
// applications that unfold naively.
package ical

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// TimeZone is the zone named by X-WR-TIMEZONE for the floating times.
const TimeZone = "Africa/Casablanca"

// maxLine is the longest a line may be, in octets, without its CRLF.
const maxLine = 75

// Event is one event of a calendar.
type Event struct {
	// UID identifies the event for ever, across builds and languages: a
	// session's must not change when its date does. It should be globally
	// unique, e.g. "session-2026-02@commune.example.ma".
	UID string
	// Summary is the event's title; Description, Location and URL are
	// optional.
	Summary, Description, Location, URL string
	// Start is when the event begins. Only its wall-clock fields (year to
	// second, in whatever location it carries) are written.
	Start time.Time
	// End is when a timed event ends, or the last day of an all-day event
	// (inclusive: a session held on 2 and 3 March ends on 3 March). The
	// zero time means a timed event without an end, or an all-day event
	// of a single day.
	End time.Time
	// AllDay writes Start and End as dates, with no time of day.
	AllDay bool
}

// Write writes a calendar named calName whose texts are in language lang
// (a BCP 47 tag such as "ar" or "fr"; "" names none) with the events in
// the order given. It returns an error, and writes nothing, when an event
// has no UID, no Summary or no Start, ends before it starts, or has a URL
// with spaces, control characters or invalid UTF-8; when lang is not a
// plain language tag; and when w fails. It is safe for concurrent use
// with distinct writers.
func Write(w io.Writer, calName, lang string, events []Event) error {
	if !validLang(lang) {
		return fmt.Errorf("ical: language %q is not a language tag", lang)
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
	if calName != "" {
		line(&b, "NAME:"+escape(calName))
		line(&b, "X-WR-CALNAME:"+escape(calName))
	}
	line(&b, "X-WR-TIMEZONE:"+TimeZone)
	for i, e := range events {
		if err := check(e); err != nil {
			return fmt.Errorf("ical: event %d (%q): %w", i+1, e.UID, err)
		}
		line(&b, "BEGIN:VEVENT")
		line(&b, "UID:"+escape(e.UID))
		line(&b, "DTSTAMP:"+e.Start.Format("20060102T150405")+"Z")
		if e.AllDay {
			end := e.End
			if end.IsZero() {
				end = e.Start
			}
			line(&b, "DTSTART;VALUE=DATE:"+e.Start.Format("20060102"))
			line(&b, "DTEND;VALUE=DATE:"+nextDay(end).Format("20060102"))
		} else {
			line(&b, "DTSTART:"+e.Start.Format("20060102T150405"))
			if !e.End.IsZero() {
				line(&b, "DTEND:"+e.End.Format("20060102T150405"))
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
