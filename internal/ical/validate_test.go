package ical

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Validate checks an iCalendar file against the rules of RFC 5545 that
// apply to what this package writes, and returns every rule broken:
// lines (3.1: CRLF, at most 75 octets, folding, UTF-8), content lines
// (3.1: names, parameters), components (3.4, 3.6: balanced, one VERSION
// 2.0 and one PRODID, at least one component), events (3.6.1: one UID,
// one DTSTAMP in UTC, one DTSTART, a DTEND of the same value type after
// it), time zones (3.2.19, 3.6.5: every TZID used is defined by a
// VTIMEZONE of observances with DTSTART, TZOFFSETFROM and TZOFFSETTO, and
// covers the times that use it), and TEXT values (3.3.11: escapes). It is
// the validator of the tests of this package and of the example project.
func Validate(b []byte) []error {
	v := &validator{}
	lines := v.unfold(string(b))
	v.structure(lines)
	return v.errs
}

type validator struct {
	errs []error
}

func (v *validator) errorf(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

// contentLine is an unfolded content line.
type contentLine struct {
	n      int // physical line number of its start
	name   string
	params map[string]string
	value  string
}

// unfold checks the physical lines and returns the content lines.
func (v *validator) unfold(s string) []contentLine {
	if !strings.HasSuffix(s, "\r\n") {
		v.errorf("the file does not end with CRLF")
	}
	var logical []string
	var starts []int
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			v.errorf("line %d has a bare CR or LF: %q", i+1, l)
		case len(l) > maxLine:
			v.errorf("line %d is %d octets, more than 75", i+1, len(l))
		case !utf8.ValidString(l):
			v.errorf("line %d is not valid UTF-8", i+1)
		}
		if rest, ok := strings.CutPrefix(l, " "); ok && len(logical) > 0 {
			logical[len(logical)-1] += rest
			continue
		}
		if strings.HasPrefix(l, "\t") {
			v.errorf("line %d folds with a tab, which this package never writes", i+1)
		}
		logical = append(logical, l)
		starts = append(starts, i+1)
	}
	var out []contentLine
	for i, l := range logical {
		cl, err := parseLine(l)
		if err != nil {
			v.errorf("line %d: %v", starts[i], err)
			continue
		}
		cl.n = starts[i]
		out = append(out, cl)
	}
	return out
}

var (
	nameRE      = regexp.MustCompile(`^[A-Za-z0-9-]+$`)
	paramTextRE = regexp.MustCompile(`^[^";:,\x00-\x08\x0a-\x1f\x7f]*$`)
)

// parseLine splits name *(";" param) ":" value.
func parseLine(l string) (contentLine, error) {
	cl := contentLine{params: map[string]string{}}
	i := strings.IndexAny(l, ";:")
	if i < 0 {
		return cl, fmt.Errorf("no colon in %q", l)
	}
	cl.name = strings.ToUpper(l[:i])
	if !nameRE.MatchString(cl.name) {
		return cl, fmt.Errorf("invalid name %q", l[:i])
	}
	rest := l[i:]
	for strings.HasPrefix(rest, ";") {
		rest = rest[1:]
		eq := strings.IndexByte(rest, '=')
		if eq < 0 || !nameRE.MatchString(rest[:eq]) {
			return cl, fmt.Errorf("invalid parameter in %q", l)
		}
		key := strings.ToUpper(rest[:eq])
		rest = rest[eq+1:]
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return cl, fmt.Errorf("unclosed quoted parameter in %q", l)
			}
			val, rest = rest[1:1+end], rest[2+end:]
		} else {
			end := strings.IndexAny(rest, ";:")
			if end < 0 {
				return cl, fmt.Errorf("no colon in %q", l)
			}
			val, rest = rest[:end], rest[end:]
			if !paramTextRE.MatchString(val) {
				return cl, fmt.Errorf("parameter %s=%q must be quoted", key, val)
			}
		}
		cl.params[key] = val
	}
	if !strings.HasPrefix(rest, ":") {
		return cl, fmt.Errorf("no colon in %q", l)
	}
	cl.value = rest[1:]
	return cl, nil
}

// component is a BEGIN…END block.
type component struct {
	name  string
	props []contentLine
	kids  []*component
}

func (c *component) all(name string) []contentLine {
	var out []contentLine
	for _, p := range c.props {
		if p.name == name {
			out = append(out, p)
		}
	}
	return out
}

// structure checks the components and their properties.
func (v *validator) structure(lines []contentLine) {
	var stack []*component
	var root *component
	for _, l := range lines {
		switch l.name {
		case "BEGIN":
			c := &component{name: strings.ToUpper(l.value)}
			if len(stack) == 0 {
				if root != nil {
					v.errorf("line %d: a second top-level component", l.n)
				}
				root = c
			} else {
				top := stack[len(stack)-1]
				top.kids = append(top.kids, c)
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != strings.ToUpper(l.value) {
				v.errorf("line %d: END:%s closes nothing open", l.n, l.value)
				return
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				v.errorf("line %d: property %s outside any component", l.n, l.name)
				continue
			}
			top := stack[len(stack)-1]
			top.props = append(top.props, l)
		}
	}
	if len(stack) > 0 || root == nil || root.name != "VCALENDAR" {
		v.errorf("the file is not one VCALENDAR with balanced BEGIN and END")
		return
	}
	v.calendar(root)
}

func (v *validator) once(c *component, name string) (contentLine, bool) {
	ps := c.all(name)
	if len(ps) != 1 {
		v.errorf("%s has %d %s, want exactly one", c.name, len(ps), name)
		return contentLine{}, false
	}
	return ps[0], true
}

// textProps are the properties of type TEXT this package writes.
var textProps = []string{"SUMMARY", "DESCRIPTION", "LOCATION", "NAME", "X-WR-CALNAME", "TZNAME", "UID"}

// escapedText matches a TEXT value: no unescaped ";" or ",", and only
// the escapes \\ \; \, \n \N.
var escapedText = regexp.MustCompile(`^(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*$`)

func (v *validator) calendar(cal *component) {
	if ver, ok := v.once(cal, "VERSION"); ok && ver.value != "2.0" {
		v.errorf("VERSION:%s, want 2.0", ver.value)
	}
	v.once(cal, "PRODID")
	if len(cal.kids) == 0 {
		v.errorf("VCALENDAR has no component; RFC 5545 requires at least one")
	}
	zones := map[string][]observance{}
	for _, k := range cal.kids {
		if k.name == "VTIMEZONE" {
			if id, ok := v.once(k, "TZID"); ok {
				zones[id.value] = v.timezone(k)
			}
		}
	}
	var check func(c *component)
	check = func(c *component) {
		for _, p := range c.props {
			if slices.Contains(textProps, p.name) && !escapedText.MatchString(p.value) {
				v.errorf("line %d: %s is not an escaped TEXT value: %q", p.n, p.name, p.value)
			}
		}
		for _, k := range c.kids {
			check(k)
		}
	}
	check(cal)
	for _, k := range cal.kids {
		switch k.name {
		case "VEVENT":
			v.event(k, zones)
		case "VTIMEZONE":
		default:
			v.errorf("unexpected component %s", k.name)
		}
	}
}

// observance is a STANDARD or DAYLIGHT part of a VTIMEZONE.
type observance struct {
	onset    time.Time // in UTC
	from, to int       // offsets in seconds
}

var offsetRE = regexp.MustCompile(`^([+-])(\d\d)(\d\d)(\d\d)?$`)

func (v *validator) offset(p contentLine) (int, bool) {
	m := offsetRE.FindStringSubmatch(p.value)
	if m == nil || m[0] == "-0000" || m[0] == "-000000" {
		v.errorf("line %d: %s:%s is not a UTC offset", p.n, p.name, p.value)
		return 0, false
	}
	h, _ := strconv.Atoi(m[2])
	mi, _ := strconv.Atoi(m[3])
	s, _ := strconv.Atoi(m[4] + "0")
	sec := h*3600 + mi*60 + s/10
	if m[1] == "-" {
		sec = -sec
	}
	return sec, true
}

func (v *validator) timezone(z *component) []observance {
	var obs []observance
	for _, k := range z.kids {
		if k.name != "STANDARD" && k.name != "DAYLIGHT" {
			v.errorf("unexpected component %s in VTIMEZONE", k.name)
			continue
		}
		start, ok1 := v.once(k, "DTSTART")
		from, ok2 := v.once(k, "TZOFFSETFROM")
		to, ok3 := v.once(k, "TZOFFSETTO")
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		local, err := time.Parse("20060102T150405", start.value)
		if err != nil || len(start.params) > 0 {
			v.errorf("line %d: an observance's DTSTART must be a local DATE-TIME, found %q", start.n, start.value)
			continue
		}
		f, ok1 := v.offset(from)
		t, ok2 := v.offset(to)
		if ok1 && ok2 {
			obs = append(obs, observance{onset: local.Add(-time.Duration(f) * time.Second), from: f, to: t})
		}
	}
	if len(obs) == 0 {
		v.errorf("VTIMEZONE has no STANDARD or DAYLIGHT observance")
	}
	slices.SortFunc(obs, func(a, b observance) int { return a.onset.Compare(b.onset) })
	return obs
}

// resolve returns the instant of the local time local in a zone given
// by its observances, and false when none covers it.
func resolve(obs []observance, local time.Time) (time.Time, bool) {
	for _, o := range obs {
		u := local.Add(-time.Duration(o.to) * time.Second)
		var in *observance
		for i := range obs {
			if !obs[i].onset.After(u) {
				in = &obs[i]
			}
		}
		if in != nil && in.to == o.to {
			return u, true
		}
	}
	return time.Time{}, false
}

// value is a DTSTART or DTEND: a DATE, or a DATE-TIME in UTC, in a zone,
// or floating.
type value struct {
	date    bool
	instant time.Time // for DATE-TIME in UTC or in a zone
	local   time.Time
}

func (v *validator) dateValue(p contentLine, zones map[string][]observance) (value, bool) {
	if p.params["VALUE"] == "DATE" {
		d, err := time.Parse("20060102", p.value)
		if err != nil || p.params["TZID"] != "" {
			v.errorf("line %d: %s is not a DATE: %q", p.n, p.name, p.value)
			return value{}, false
		}
		return value{date: true, local: d, instant: d}, true
	}
	if utc, ok := strings.CutSuffix(p.value, "Z"); ok {
		t, err := time.Parse("20060102T150405", utc)
		if err != nil || p.params["TZID"] != "" {
			v.errorf("line %d: %s is not a DATE-TIME in UTC (a TZID forbids the Z): %q", p.n, p.name, p.value)
			return value{}, false
		}
		return value{instant: t, local: t}, true
	}
	t, err := time.Parse("20060102T150405", p.value)
	if err != nil {
		v.errorf("line %d: %s is not a DATE-TIME: %q", p.n, p.name, p.value)
		return value{}, false
	}
	tzid := p.params["TZID"]
	if tzid == "" {
		return value{local: t, instant: t}, true
	}
	obs, ok := zones[tzid]
	if !ok {
		v.errorf("line %d: TZID=%s has no VTIMEZONE", p.n, tzid)
		return value{}, false
	}
	u, ok := resolve(obs, t)
	if !ok {
		v.errorf("line %d: the VTIMEZONE of %s does not cover %s", p.n, tzid, p.value)
		return value{}, false
	}
	return value{local: t, instant: u}, true
}

func (v *validator) event(e *component, zones map[string][]observance) {
	v.once(e, "UID")
	if st, ok := v.once(e, "DTSTAMP"); ok {
		if _, err := time.Parse("20060102T150405Z", st.value); err != nil || len(st.params) > 0 {
			v.errorf("line %d: DTSTAMP must be a DATE-TIME in UTC, found %q", st.n, st.value)
		}
	}
	sp, ok := v.once(e, "DTSTART")
	if !ok {
		return
	}
	start, ok := v.dateValue(sp, zones)
	if len(e.all("DURATION")) > 0 && len(e.all("DTEND")) > 0 {
		v.errorf("line %d: an event has both DTEND and DURATION", sp.n)
	}
	for _, ep := range e.all("DTEND") {
		end, ok2 := v.dateValue(ep, zones)
		if !ok || !ok2 {
			continue
		}
		switch {
		case end.date != start.date:
			v.errorf("line %d: DTEND and DTSTART have different value types", ep.n)
		case end.date && !end.local.After(start.local):
			v.errorf("line %d: a DATE DTEND must be after DTSTART (it is exclusive)", ep.n)
		case end.instant.Before(start.instant):
			v.errorf("line %d: DTEND is before DTSTART", ep.n)
		}
	}
	for _, u := range e.all("URL") {
		if strings.ContainsAny(u.value, " \t\"<>") {
			v.errorf("line %d: URL is not a URI: %q", u.n, u.value)
		}
	}
}
