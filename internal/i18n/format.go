package i18n

import (
	"fmt"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/site"
	"golang.org/x/text/number"
)

// render writes t with its placeholders replaced by args (name/value
// pairs) and, when n is not nil, {n} by FormatInt(*n).
func (c *Catalog) render(key string, t *text, args []any, n *int) (string, error) {
	if len(args)%2 != 0 {
		return "", fmt.Errorf("i18n: message %q: odd number of arguments %d: want name/value pairs", key, len(args))
	}
	for i := 0; i < len(args); i += 2 {
		if _, ok := args[i].(string); !ok {
			return "", fmt.Errorf("i18n: message %q: argument name %v is a %T, not a string", key, args[i], args[i])
		}
	}
	var b strings.Builder
	for _, p := range t.parts {
		if p.arg == "" {
			b.WriteString(p.lit)
			continue
		}
		if n != nil && p.arg == "n" {
			b.WriteString(c.FormatInt(*n))
			continue
		}
		v, ok := lookupArg(args, p.arg)
		if !ok {
			return "", fmt.Errorf("i18n: %s: message %q: missing argument %q", c.Pos(key), key, p.arg)
		}
		s, err := c.formatArg(v)
		if err != nil {
			return "", fmt.Errorf("i18n: message %q: argument %q: %w", key, p.arg, err)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// lookupArg returns the value of name in the name/value pairs args.
func lookupArg(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return nil, false
}

// formatArg formats an argument value for a message.
func (c *Catalog) formatArg(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return c.printer.Sprint(number.Decimal(v)), nil
	case site.Year:
		return c.FormatYear(int(v)), nil
	case site.Date:
		if v.HasClock() {
			return c.FormatDateTime(v.Time), nil
		}
		return c.FormatDate(v.Time), nil
	case time.Time:
		return c.FormatDate(v), nil
	case fmt.Stringer:
		return v.String(), nil
	}
	return "", fmt.Errorf("unsupported value %v of type %T", v, v)
}

// FormatInt formats n with the digits, grouping separator and minus sign
// of the catalog's locale: 1.234.567 for ar-MA and fr-MA.
func (c *Catalog) FormatInt(n int) string {
	return c.printer.Sprint(number.Decimal(n))
}

// FormatYear formats year y with the digits of the catalog's locale and no
// grouping separator: 2015, never 2.015.
func (c *Catalog) FormatYear(y int) string { return c.plain(y) }

// plain formats n with the digits of the locale and no grouping separator.
func (c *Catalog) plain(n int) string {
	return c.printer.Sprint(number.Decimal(n, number.NoSeparator()))
}

// FormatDecimal formats f with exactly digits fraction digits (0 when
// digits is negative), rounding half to even, with the symbols of the
// catalog's locale: 1.234,50 for ar-MA and fr-MA with 2 digits.
func (c *Catalog) FormatDecimal(f float64, digits int) string {
	digits = max(digits, 0)
	return c.printer.Sprint(number.Decimal(f, number.MinFractionDigits(digits), number.MaxFractionDigits(digits)))
}

// twoDigits formats n (an hour or a minute) on two digits of the locale.
func (c *Catalog) twoDigits(n int) string {
	return c.printer.Sprint(number.Decimal(n, number.MinIntegerDigits(2), number.NoSeparator()))
}

// FormatDate formats the calendar date of t, in t's location, with the
// catalog's date_long pattern and month names: "7 يوليوز 2015",
// "7 juillet 2015" (and "1er juillet 2015" with date_first_day).
func (c *Catalog) FormatDate(t time.Time) string {
	day := c.plain(t.Day())
	if m, ok := c.msgs["date_first_day"]; ok && t.Day() == 1 && m.kind == kindText {
		day, _ = c.render("date_first_day", &m.text, nil, nil)
	}
	month := c.plain(int(t.Month()))
	if m, ok := c.msgs["months"]; ok && len(m.items) == 12 {
		month = m.items[t.Month()-1]
	}
	year := c.plain(t.Year())
	args := []any{"day", day, "month", month, "year", year}
	if m, ok := c.msgs["date_long"]; ok && m.kind == kindText {
		if s, err := c.render("date_long", &m.text, args, nil); err == nil {
			return s
		}
	}
	return day + " " + month + " " + year
}

// FormatDateTime formats the date and the time of day of t, in t's
// location, with the catalog's date_time pattern: FormatDate(t) and the
// time as HH:MM on 24 hours, as in "7 juillet 2015 à 18:30".
func (c *Catalog) FormatDateTime(t time.Time) string {
	date := c.FormatDate(t)
	clock := c.twoDigits(t.Hour()) + ":" + c.twoDigits(t.Minute())
	if m, ok := c.msgs["date_time"]; ok && m.kind == kindText {
		if s, err := c.render("date_time", &m.text, []any{"date", date, "time", clock}, nil); err == nil {
			return s
		}
	}
	return date + " " + clock
}
