package render

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/ical"
	"github.com/tadafor/tadafor/internal/opendata"
	"github.com/tadafor/tadafor/internal/site"
)

// OpenDataDir is the folder of a commune site that holds its open data.
const OpenDataDir = "data"

// OpenDataFile is a published open-data file, as the theme lists it.
type OpenDataFile struct {
	Name   string // the list's name, e.g. "petitions"
	Format string // "CSV" or "JSON"
	URL    string // relative to the page
}

// openDataNames are the files of the open data, in the order they are
// listed: every records table as CSV, then the whole profile and
// records as JSON.
func openDataNames(langs []string) []string {
	var names []string
	for _, t := range opendata.Tables(nil, langs) {
		names = append(names, t.Name+".csv")
	}
	return append(names, "commune.json")
}

// openData writes the commune's records as CSV tables (UTF-8 with a
// byte-order mark, Arabic intact) and its whole profile and records as
// one JSON file.
func (cs *communeSite) openData(*reads) error {
	for _, t := range opendata.Tables(&cs.commune.Records, cs.r.langs) {
		if err := cs.r.emit(cs.out(OpenDataDir+"/"+t.Name+".csv"), opendata.CSV(t.Head, t.Rows)); err != nil {
			return err
		}
	}
	b, err := opendata.JSON(cs.commune)
	if err != nil {
		return err
	}
	return cs.r.emit(cs.out(OpenDataDir+"/commune.json"), b)
}

// calendar writes the iCalendar file of one language: the council's
// sessions and the commune's events, stamped with the site's edition
// date, their texts typeset for the language.
func (cs *communeSite) calendar(rd *reads, t *tree) error {
	rd.add(depEdition, "", "")
	cat := cs.r.cats[t.lang]
	rule := cs.r.typo.Lookup(t.lang)
	link := func(n *node) string {
		if cs.base == "" {
			return ""
		}
		return cs.base + escapePath(n.dir) + "/"
	}
	var events []ical.Event
	for _, s := range cs.commune.Records.Sessions {
		n := t.lookup(rd, "council/meetings/"+s.ID)
		ev := ical.Event{
			UID:      s.ID + "." + cs.commune.Slug + ".sessions.tadafor",
			Summary:  n.page.Meta.Title + " — " + cs.commune.Name.Get(t.lang),
			Location: s.Place.Get(t.lang),
			Start:    s.Date.Time,
			AllDay:   !s.Date.HasClock(),
			URL:      link(n),
		}
		if len(s.Agenda) > 0 {
			var items []string
			for _, a := range s.Agenda {
				items = append(items, "– "+a.Get(t.lang))
			}
			head, _ := cat.T("session_agenda")
			label, err := cat.T("label", "label", head)
			if err != nil {
				label = head
			}
			ev.Description = label + "\n" + strings.Join(items, "\n")
		}
		ev.End = sessionEnd(s, ev.AllDay)
		events = append(events, ev)
	}
	for _, n := range t.pages(rd) {
		e := n.page.Meta.Event
		if e == nil {
			continue
		}
		ev := ical.Event{
			UID:         strings.ReplaceAll(n.page.Key, "/", ".") + "." + cs.commune.Slug + ".events.tadafor",
			Summary:     n.page.Meta.Title,
			Description: n.page.Meta.Description,
			Location:    e.Location,
			Start:       e.Start.Time,
			End:         e.End.Time,
			AllDay:      !e.Start.HasClock(),
			URL:         link(n),
		}
		if ev.End.IsZero() {
			ev.End = ev.Start
			if !ev.AllDay {
				ev.End = ev.Start.Add(2 * time.Hour)
			}
		}
		events = append(events, ev)
	}
	slices.SortStableFunc(events, func(a, b ical.Event) int {
		return cmp.Or(a.Start.Compare(b.Start), strings.Compare(a.UID, b.UID))
	})
	for i := range events {
		e := &events[i]
		e.Summary, e.Description, e.Location = rule.Text(e.Summary), rule.Text(e.Description), rule.Text(e.Location)
	}
	var buf bytes.Buffer
	name, _ := cat.T("calendar_name", "name", cs.params[t.lang][NameOfParam])
	c := ical.Calendar{Name: rule.Text(name), Lang: t.lang, Stamp: cs.edition, Events: events}
	if err := ical.Write(&buf, c); err != nil {
		return err
	}
	return cs.r.emit(cs.out(t.lang+"/calendar.ics"), buf.Bytes())
}

// sessionEnd is when a session ends: its last sitting's day, or three
// hours after a timed opening.
func sessionEnd(s site.Session, allDay bool) time.Time {
	switch {
	case !s.End.IsZero():
		return s.End.Time
	case allDay:
		return s.Date.Time
	}
	return s.Date.Time.Add(3 * time.Hour)
}
