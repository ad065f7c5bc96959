package i18n

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

const arDates = "months: [يناير, فبراير, مارس, أبريل, ماي, يونيو, يوليوز, غشت, شتنبر, أكتوبر, نونبر, دجنبر]\n" +
	"date_long: \"{day} {month} {year}\"\n" +
	"date_time: \"{date} على الساعة {time}\"\n"

const frDates = "months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]\n" +
	"date_long: \"{day} {month} {year}\"\n" +
	"date_time: \"{date} à {time}\"\n" +
	"date_first_day: \"1er\"\n"

func mustLoad(t testing.TB, src string, lang site.Lang) *Catalog {
	t.Helper()
	c, errs := Load(lang.Code+".yaml", []byte(src), lang)
	if len(errs) > 0 {
		t.Fatalf("Load: %v", errs)
	}
	return c
}

func TestFormatNumbers(t *testing.T) {
	t.Parallel()
	ar := mustLoad(t, arDates, langAR)
	fr := mustLoad(t, frDates, langFR)
	frFR := mustLoad(t, frDates, site.Lang{Code: "fr", Locale: "fr-FR"})
	zgh := mustLoad(t, head, langZGH)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"ar-MA 0", ar.FormatInt(0), "0"},
		{"ar-MA 999", ar.FormatInt(999), "999"},
		{"ar-MA 1234", ar.FormatInt(1234), "1.234"},
		{"ar-MA 1234567", ar.FormatInt(1234567), "1.234.567"},
		{"ar-MA negative", ar.FormatInt(-1234567), "\u200e-1.234.567"},
		{"fr-MA 1234567", fr.FormatInt(1234567), "1.234.567"},
		{"fr-MA negative", fr.FormatInt(-1234), "-1.234"},
		{"fr-FR 1234567", frFR.FormatInt(1234567), "1\u00a0234\u00a0567"},
		{"zgh-MA 1234567", zgh.FormatInt(1234567), "1\u00a0234\u00a0567"},
		{"ar-MA decimal", ar.FormatDecimal(1234.5, 2), "1.234,50"},
		{"fr-MA decimal", fr.FormatDecimal(1234567.891, 1), "1.234.567,9"},
		{"fr-MA no digits", fr.FormatDecimal(1234.5, 0), "1.234"},
		{"fr-MA negative digits", fr.FormatDecimal(2.75, -1), "3"},
		{"fr-MA half to even", fr.FormatDecimal(0.125, 2), "0,12"},
		{"fr-MA small", fr.FormatDecimal(0.05, 2), "0,05"},
		{"fr-MA NaN", fr.FormatDecimal(math.NaN(), 2), "NaN"},
		{"ar-MA year", ar.FormatYear(2015), "2015"},
		{"fr-MA year", fr.FormatYear(2024), "2024"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestFormatDate(t *testing.T) {
	t.Parallel()
	ar := mustLoad(t, arDates, langAR)
	fr := mustLoad(t, frDates, langFR)
	casa := time.FixedZone("Africa/Casablanca", 3600)
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"ar date", ar.FormatDate(time.Date(2015, 7, 7, 0, 0, 0, 0, time.UTC)), "7 يوليوز 2015"},
		{"ar first day", ar.FormatDate(time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC)), "1 يوليوز 2015"},
		{"ar August", ar.FormatDate(time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)), "20 غشت 2026"},
		{"ar December", ar.FormatDate(time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)), "31 دجنبر 2026"},
		{"fr date", fr.FormatDate(time.Date(2015, 7, 7, 0, 0, 0, 0, time.UTC)), "7 juillet 2015"},
		{"fr first day", fr.FormatDate(time.Date(2015, 7, 1, 0, 0, 0, 0, time.UTC)), "1er juillet 2015"},
		{"fr August", fr.FormatDate(time.Date(2026, 8, 20, 0, 0, 0, 0, time.UTC)), "20 août 2026"},
		{"date in its own location", fr.FormatDate(time.Date(2026, 2, 28, 23, 30, 0, 0, time.UTC).In(casa)), "1er mars 2026"},
		{"ar date and time", ar.FormatDateTime(time.Date(2026, 2, 3, 18, 5, 0, 0, time.UTC)), "3 فبراير 2026 على الساعة 18:05"},
		{"fr date and time", fr.FormatDateTime(time.Date(2026, 5, 4, 9, 30, 0, 0, time.UTC)), "4 mai 2026 à 09:30"},
		{"fr midnight", fr.FormatDateTime(time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)), "5 octobre 2026 à 00:00"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestFormatDateUsesEveryMonth(t *testing.T) {
	t.Parallel()
	ar := mustLoad(t, arDates, langAR)
	months := strings.Fields("يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر")
	for i, m := range months {
		got := ar.FormatDate(time.Date(2026, time.Month(i+1), 15, 0, 0, 0, 0, time.UTC))
		if want := "15 " + m + " 2026"; got != want {
			t.Errorf("month %d: got %q, want %q", i+1, got, want)
		}
	}
}

type stringer struct{}

func (stringer) String() string { return "Tiznit" }

func TestT(t *testing.T) {
	t.Parallel()
	c := mustLoad(t, arDates+
		"demo: \"هذا موقع تجريبي: معطيات {name} المعروضة هنا غير حقيقية.\"\n"+
		"published_on: \"نُشر بتاريخ {date}\"\n"+
		"census: \"{n} نسمة حسب إحصاء {year}\"\n"+
		"braces: \"{{name}} {name}\"\n"+
		"plain: \"بدون متغيرات\"\n"+
		"pages:\n  zero: لا صفحات\n  one: صفحة واحدة\n  two: صفحتان\n  few: \"{n} صفحات\"\n  many: \"{n} صفحة\"\n  other: \"{n} صفحة في {section}\"\n"+
		"list: [a, b]\n", langAR)
	day := time.Date(2015, 7, 7, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		got  func() (string, error)
		want string
		err  string
	}{
		{"named argument", func() (string, error) { return c.T("demo", "name", "تيزنيت") }, "هذا موقع تجريبي: معطيات تيزنيت المعروضة هنا غير حقيقية.", ""},
		{"stringer", func() (string, error) { return c.T("demo", "name", stringer{}) }, "هذا موقع تجريبي: معطيات Tiznit المعروضة هنا غير حقيقية.", ""},
		{"unused arguments are ignored", func() (string, error) { return c.T("plain", "name", "x") }, "بدون متغيرات", ""},
		{"time argument", func() (string, error) { return c.T("published_on", "date", day) }, "نُشر بتاريخ 7 يوليوز 2015", ""},
		{"site.Date argument", func() (string, error) { return c.T("published_on", "date", site.Date{Time: day}) }, "نُشر بتاريخ 7 يوليوز 2015", ""},
		{"site.Date with a time", func() (string, error) { return c.T("published_on", "date", site.Date{Time: day.Add(18 * time.Hour)}) }, "نُشر بتاريخ 7 يوليوز 2015 على الساعة 18:00", ""},
		{"integers are grouped, years are not", func() (string, error) { return c.T("census", "n", 12345, "year", c.FormatYear(2024)) }, "12.345 نسمة حسب إحصاء 2024", ""},
		{"int64 argument", func() (string, error) { return c.T("census", "n", int64(1e6), "year", "2024") }, "1.000.000 نسمة حسب إحصاء 2024", ""},
		{"literal braces", func() (string, error) { return c.T("braces", "name", "x") }, "{name} x", ""},
		{"plural with extra argument", func() (string, error) { return c.N("pages", 100, "section", "الأدلة") }, "100 صفحة في الأدلة", ""},
		{"plural without count", func() (string, error) { return c.N("pages", 2) }, "صفحتان", ""},
		{"missing argument", func() (string, error) { return c.T("demo") }, "", `i18n: ar.yaml:4:1: message "demo": missing argument "name"`},
		{"missing plural argument", func() (string, error) { return c.N("pages", 100) }, "", `i18n: ar.yaml:9:1: message "pages": missing argument "section"`},
		{"unknown key", func() (string, error) { return c.T("dmeo", "name", "x") }, "", `i18n: ar.yaml: unknown message key "dmeo"; did you mean "demo"?`},
		{"odd arguments", func() (string, error) { return c.T("demo", "name") }, "", `i18n: message "demo": odd number of arguments 1: want name/value pairs`},
		{"name not a string", func() (string, error) { return c.T("demo", 1, "x") }, "", `i18n: message "demo": argument name 1 is a int, not a string`},
		{"unsupported value", func() (string, error) { return c.T("demo", "name", 1.5) }, "", `i18n: message "demo": argument "name": unsupported value 1.5 of type float64`},
		{"T of a plural message", func() (string, error) { return c.T("pages") }, "", `i18n: ar.yaml:9:1: message "pages" is a plural message, not a text`},
		{"N of a text", func() (string, error) { return c.N("demo", 1) }, "", `i18n: ar.yaml:4:1: message "demo" is a text, not a plural message`},
		{"T of a list", func() (string, error) { return c.T("list") }, "", `i18n: ar.yaml:16:1: message "list" is a list, not a text`},
	}
	for _, tt := range tests {
		got, err := tt.got()
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.err {
			t.Errorf("%s: got %q, %q; want %q, %q", tt.name, got, gotErr, tt.want, tt.err)
		}
	}
}

func TestStrings(t *testing.T) {
	t.Parallel()
	c := mustLoad(t, frDates, langFR)
	months, err := c.Strings("months")
	if err != nil || len(months) != 12 || months[7] != "août" {
		t.Fatalf("Strings(months) = %q, %v", months, err)
	}
	months[0] = "changed"
	if again, _ := c.Strings("months"); again[0] != "janvier" {
		t.Error("Strings returned the catalog's own slice")
	}
	if _, err := c.Strings("date_long"); err == nil {
		t.Error("Strings(date_long) returned no error for a text")
	}
}

func TestCatalogIsSafeForConcurrentUse(t *testing.T) {
	t.Parallel()
	c := mustLoad(t, frDates+"p: \"Publié le {date}\"\n", langFR)
	day := time.Date(2015, 7, 1, 18, 30, 0, 0, time.UTC)
	done := make(chan error)
	for range 8 {
		go func() {
			var err error
			for range 200 {
				s, e := c.T("p", "date", day)
				if e != nil || s != "Publié le 1er juillet 2015" || c.FormatInt(1234) != "1.234" || c.FormatDateTime(day) != "1er juillet 2015 à 18:30" {
					err = errors.Join(err, e, errors.New("unexpected result "+s))
					break
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
