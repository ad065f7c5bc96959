package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

// shippedDir holds the catalogs of the default theme.
var shippedDir = filepath.Join("..", "..", "themes", "default", "i18n")

// loadShipped loads the default theme's catalog of lang, failing on any
// error or warning.
func loadShipped(t testing.TB, lang site.Lang) *Catalog {
	t.Helper()
	file := filepath.Join(shippedDir, lang.Code+".yaml")
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	c, errs := Load(file, src, lang)
	if len(errs) > 0 {
		t.Fatalf("Load(%s):\n%v", file, errs)
	}
	return c
}

// themeKeys are the keys the default theme uses.
var themeKeys = strings.Fields(`
	skip_link main_nav breadcrumbs home language_switch language_missing read_in demo_banner
	contact address phone fax list_separator email website map_link opening_hours population census_year
	region province commune_type_urban commune_type_rural key_figures petition_threshold
	latest_news no_news news events event_start event_end event_location published_on updated_on
	on_this_page procedure_purpose procedure_who procedure_documents procedure_cost
	procedure_delay procedure_where procedure_online procedure_steps procedure_legal
	procedure_sheet procedure_sheet_search procedure_complaint procedure_complaint_guide procedure_reviewed print guides procedures
	participation sections pages_in_section footer_about footer_contact legal_notice
	accessibility sitemap feed not_found_title not_found_text back_home portal_title
	portal_intro communes_by_region communes pages choose_language powered_by
	information_officer months weekdays signatures`)

func TestShippedCatalogsLoadAndMatch(t *testing.T) {
	t.Parallel()
	langs := site.DefaultSettings().Languages
	cats := make([]*Catalog, len(langs))
	for i, l := range langs {
		cats[i] = loadShipped(t, l)
		for _, k := range themeKeys {
			if !cats[i].Has(k) {
				t.Errorf("%s lacks %q", cats[i].File(), k)
			}
		}
	}
	ref := cats[0]
	for _, c := range cats[1:] {
		if errs := c.Compare(ref); len(errs) > 0 {
			t.Errorf("%s against %s:\n%v", c.File(), ref.File(), errs)
		}
		if errs := ref.Compare(c); len(errs) > 0 {
			t.Errorf("%s against %s:\n%v", ref.File(), c.File(), errs)
		}
	}
}

func TestShippedCatalogsRenderEveryMessage(t *testing.T) {
	t.Parallel()
	for _, l := range site.DefaultSettings().Languages {
		c := loadShipped(t, l)
		for _, key := range c.Keys() {
			m := c.msgs[key]
			var args []any
			for _, a := range m.args() {
				args = append(args, a, "x")
			}
			switch m.kind {
			case kindText:
				if _, err := c.T(key, args...); err != nil {
					t.Error(err)
				}
			case kindPlural:
				for n := range 1200 {
					if _, err := c.N(key, n, args...); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

func TestShippedCatalogs(t *testing.T) {
	t.Parallel()
	ar, fr := loadShipped(t, site.DefaultSettings().Languages[0]), loadShipped(t, site.DefaultSettings().Languages[1])
	day := time.Date(2015, 7, 7, 0, 0, 0, 0, time.UTC)
	session := time.Date(2026, 10, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		got  func() (string, error)
		want string
	}{
		{"ar date", func() (string, error) { return ar.FormatDate(day), nil }, "7 يوليوز 2015"},
		{"fr date", func() (string, error) { return fr.FormatDate(day), nil }, "7 juillet 2015"},
		{"ar session", func() (string, error) { return ar.FormatDateTime(session), nil }, "1 أكتوبر 2026 على الساعة 10:00"},
		{"fr session", func() (string, error) { return fr.FormatDateTime(session), nil }, "1er octobre 2026 à 10:00"},
		{"ar zero signatures", func() (string, error) { return ar.N("signatures", 0) }, "لا توقيع"},
		{"ar two signatures", func() (string, error) { return ar.N("signatures", 2) }, "توقيعان"},
		{"ar few signatures", func() (string, error) { return ar.N("signatures", 3) }, "3 توقيعات"},
		{"ar many signatures", func() (string, error) { return ar.N("signatures", 11) }, "11 توقيعًا"},
		{"ar other signatures", func() (string, error) { return ar.N("signatures", 200) }, "200 توقيع"},
		{"ar population", func() (string, error) { return ar.N("population", 74699) }, "74.699 نسمة"},
		{"fr population", func() (string, error) { return fr.N("population", 74699) }, "74.699 habitants"},
		{"fr one commune", func() (string, error) { return fr.N("communes", 1) }, "1 commune"},
		{"fr a million pages", func() (string, error) { return fr.N("pages", 1_000_000) }, "1.000.000 pages"},
		{"ar published", func() (string, error) { return ar.T("published_on", "date", day) }, "نُشر بتاريخ 7 يوليوز 2015"},
		{"fr published", func() (string, error) { return fr.T("published_on", "date", day) }, "Publié le 7 juillet 2015"},
		{"fr census", func() (string, error) { return fr.T("census_year", "year", fr.FormatYear(2024)) }, "recensement de 2024"},
		{"fr demo", func() (string, error) { return fr.T("demo_banner", "name", "Tiznit") }, "Site de démonstration\u00a0: les informations présentées sur Tiznit sont des exemples, et non des informations officielles."},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}

// TestNewLanguageNeedsOnlyData loads a Tamazight catalog: a language the
// code has never heard of works from its catalog and settings entry alone.
func TestNewLanguageNeedsOnlyData(t *testing.T) {
	t.Parallel()
	src := "months: [ⵉⵏⵏⴰⵢⵔ, ⴱⵕⴰⵢⵕ, ⵎⴰⵕⵚ, ⵉⴱⵔⵉⵔ, ⵎⴰⵢⵢⵓ, ⵢⵓⵏⵢⵓ, ⵢⵓⵍⵢⵓⵣ, ⵖⵓⵛⵜ, ⵛⵓⵜⴰⵏⴱⵉⵔ, ⴽⵜⵓⴱⵔ, ⵏⵓⵡⴰⵏⴱⵉⵔ, ⴷⵓⵊⴰⵏⴱⵉⵔ]\n" +
		"date_long: \"{day} {month} {year}\"\n" +
		"date_time: \"{date} {time}\"\n" +
		"pages:\n  other: \"{n} ⵜⴰⵙⵏⴰ\"\n"
	c := mustLoad(t, src, langZGH)
	if got := c.FormatDate(time.Date(2015, 7, 7, 0, 0, 0, 0, time.UTC)); got != "7 ⵢⵓⵍⵢⵓⵣ 2015" {
		t.Errorf("FormatDate = %q", got)
	}
	if got, err := c.N("pages", 1234); err != nil || got != "1\u00a0234 ⵜⴰⵙⵏⴰ" {
		t.Errorf("N(pages, 1234) = %q, %v", got, err)
	}
	if c.Lang().Dir != "ltr" || c.Lang().Code != "zgh" {
		t.Errorf("Lang() = %+v", c.Lang())
	}
}

func TestYearArgumentHasNoSeparator(t *testing.T) {
	t.Parallel()
	for _, l := range site.DefaultSettings().Languages {
		got, err := loadShipped(t, l).T("census_year", "year", site.Year(2024))
		if err != nil || !strings.Contains(got, "2024") {
			t.Errorf("%s: census_year with site.Year(2024) = %q, %v", l.Code, got, err)
		}
	}
}
