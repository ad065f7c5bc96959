// Package site holds the domain types shared by every stage of the
// pipeline: languages, settings, commune profiles and pages. It does no I/O.
//
// Struct tags describe the YAML schema in one place: `yaml:"name"` names a
// key and `check:"..."` lists the checks the strict decoder applies
// (required, phone, email, url, https, slug, lang, one of a set with
// oneof=a|b). A type whose values are a fixed set lists them in its
// method Values, beside its constants, and the decoder accepts only
// those. Adding a field to a profile or to front matter is adding a field
// here.
package site

import (
	"slices"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
)

// Lang is a language the sites are published in. The set is data
// (tadafor.yaml), so adding a language is a configuration change.
type Lang struct {
	Code   string `yaml:"code" check:"required,lang"` // BCP 47 primary tag, e.g. "ar"
	Name   string `yaml:"name" check:"required"`      // native name, e.g. "العربية"
	Dir    string `yaml:"dir" check:"oneof=rtl|ltr"`  // writing direction
	Locale string `yaml:"locale"`                     // CLDR locale for numbers and plurals, e.g. "ar-MA"
}

// Codes returns the codes of langs, in order.
func Codes(langs []Lang) []string {
	codes := make([]string, len(langs))
	for i, l := range langs {
		codes[i] = l.Code
	}
	return codes
}

// Settings are the site-wide settings of tadafor.yaml; every field has a
// default, so the file is optional.
type Settings struct {
	// Title is the programme portal's title, by language.
	Title Text `yaml:"title"`
	// BaseURL is where the portal is published, e.g. "https://communes.example.ma/".
	BaseURL string `yaml:"baseURL" check:"url"`
	// Languages in order; the first is the default language.
	Languages []Lang `yaml:"languages"`
	// LanguagesPos are where the code of each of Languages is written,
	// for messages; empty for the default languages.
	LanguagesPos []diag.Pos `yaml:"-"`
	// Theme is the folder under themes/ to use.
	Theme string `yaml:"theme" check:"slug"`
	// Deploy is where "tadafor deploy --portal" publishes the portal.
	Deploy Destination `yaml:"deploy"`
	// Services are the pages every commune's home page lists first, by
	// key (see Services); nil means DefaultServices. A profile's own list
	// replaces it.
	Services Services `yaml:"services"`
	// ServicesPos are where each of Services is written, for messages.
	ServicesPos []diag.Pos `yaml:"-"`
}

// Services are the pages a home page lists first, the most used: keys of
// pages, the path under content/ without language and extension
// ("procedures/building-permit").
type Services []string

// MaxServices is the most pages a home page lists first, so that they all
// show on a phone's first screen.
const MaxServices = 8

// DefaultServices are listed when neither tadafor.yaml nor the profile
// says which: civil-status extracts, legalisation, building permit,
// petitions and access to information, each where the site has it.
var DefaultServices = Services{
	"procedures/birth-certificate-extract",
	"procedures/signature-legalisation",
	"procedures/building-permit",
	"participation/petitions",
	"participation/access-to-information",
}

// DefaultSettings are used for every setting tadafor.yaml leaves out.
func DefaultSettings() Settings {
	return Settings{
		Title: Text{"ar": "البوابة النموذجية للجماعات", "fr": "Portail modèle des communes"},
		Languages: []Lang{
			{Code: "ar", Name: "العربية", Dir: "rtl", Locale: "ar-MA"},
			{Code: "fr", Name: "Français", Dir: "ltr", Locale: "fr-MA"},
		},
		Theme: "default",
	}
}

// Text is a string in several languages, keyed by language code.
type Text map[string]string

// fallbackLangs are the languages a text is looked for in, in this
// order, when it does not exist in the language asked for: French, then
// Arabic, the two languages every text the program supplies (census names,
// legal references) is written in. A site in a third language shows those
// texts in French until they exist in its own; "tadafor check" says where.
var fallbackLangs = [...]string{"fr", "ar"}

// FallbackLangs returns the languages Text.In falls back to, in order;
// the slice is the caller's.
func FallbackLangs() []string { return slices.Clone(fallbackLangs[:]) }

// In returns the text in lang or, when it does not exist in lang, in the
// first of FallbackLangs that has it, with the language it is in; "" and
// "" when it exists in none. This is the one place a text falls back to
// another language. A text that exists in lang but is still ToWrite is
// returned as it is: see Written.
func (t Text) In(lang string) (text, in string) {
	if v, ok := t[lang]; ok && v != "" {
		return v, lang
	}
	for _, f := range fallbackLangs {
		if v := t[f]; v != "" && v != ToWrite {
			return v, f
		}
	}
	return "", ""
}

// Get returns the text in lang, falling back to another language when it
// does not exist in lang (see In), or "" when it exists in none.
func (t Text) Get(lang string) string {
	v, _ := t.In(lang)
	return v
}

// ToWrite is the value "tadafor new" leaves where the editor has a text
// to write: a text still ToWrite is not published (see Written), and
// "tadafor check" lists it.
const ToWrite = "TODO"

// Written returns t in lang as it is published: "" when it is still
// ToWrite in lang (a text to write is never replaced by another
// language's), otherwise Get.
func (t Text) Written(lang string) string {
	if v := t.Get(lang); v != ToWrite {
		return v
	}
	return ""
}

// Date is a calendar date or a date and time from YAML ("2026-03-01" or
// "2026-03-01T18:30").
type Date struct{ time.Time }

// HasClock reports whether the date was written with a time of day.
func (d Date) HasClock() bool {
	return d.Hour() != 0 || d.Minute() != 0
}

// Kind is the kind of a content page; it selects the layout and which
// structured fields the front matter may carry.
type Kind string

// The kinds of page.
const (
	KindPage      Kind = "page"
	KindGuide     Kind = "guide"
	KindProcedure Kind = "procedure"
	KindNews      Kind = "news"
	KindEvent     Kind = "event"
)

// Kinds lists every kind of page, for validation and suggestions.
var Kinds = []Kind{KindPage, KindGuide, KindProcedure, KindNews, KindEvent}

// Values lists the kinds of page, for the decoder.
func (Kind) Values() []string {
	values := make([]string, len(Kinds))
	for i, k := range Kinds {
		values[i] = string(k)
	}
	return values
}

// LangKeyed marks Text as keyed by language code, so that the strict
// decoder accepts only the site's languages as keys.
func (Text) LangKeyed() {}

// Year is a calendar year, written without grouping (2024, never 2.024).
type Year int
