package site

import "github.com/tadafor/tadafor/internal/diag"

// CommuneType says whether a commune is urban (a municipality) or rural.
type CommuneType string

// The types of commune.
const (
	Urban CommuneType = "urban"
	Rural CommuneType = "rural"
)

// Values lists the types of commune, for the decoder.
func (CommuneType) Values() []string { return []string{string(Urban), string(Rural)} }

// Commune is a commune's profile, communes/<slug>/commune.yaml. Fields
// tagged yaml:"-" are derived while loading, never written by hand.
type Commune struct {
	Slug string `yaml:"-"` // folder name under communes/
	File string `yaml:"-"` // path of commune.yaml, for messages

	// Name of the commune in every language of the site.
	Name Text `yaml:"name" check:"required,alllangs"`
	// NameOf is the name as it follows "the commune" in a sentence, with
	// the preposition the language needs ("de Berkane", "d’El Ksiba"),
	// in a language whose rule (in the theme's interface strings) does
	// not fit this name; the rule applies where it is empty.
	NameOf Text `yaml:"name_of" json:"name_of,omitempty"`
	// Code is the HCP geographic code, e.g. "06.141.01.00".
	Code string `yaml:"code"`
	// Type is Urban (municipality) or Rural.
	Type CommuneType `yaml:"type" check:"required"`
	// Region is the HCP region code, e.g. "06".
	Region string `yaml:"region" check:"required"`
	// Province is the HCP code of the province or prefecture, e.g. "06.141".
	Province string `yaml:"province" check:"required"`
	// Population is the legal population at the census of CensusYear.
	Population int `yaml:"population" check:"required,positive"`
	// CensusYear is the year of the census Population comes from.
	CensusYear int `yaml:"census_year" check:"required"`
	// Arrondissements is true for the six communes divided into arrondissements.
	Arrondissements bool `yaml:"arrondissements"`
	// Demo marks a commune whose facts are invented for demonstration;
	// every page then says so.
	Demo bool `yaml:"demo"`
	// BaseURL is the commune site's own address, used for canonical links,
	// the sitemap and feeds; relative links are used when empty.
	BaseURL string `yaml:"base_url" check:"https"`
	// Deploy is where "tadafor deploy" publishes the site; it is not
	// published in the open data (it names an account and a server).
	Deploy Destination `yaml:"deploy" json:"-"`
	// Logo is a path under the commune's static/ folder.
	Logo string `yaml:"logo"`
	// Contact holds the town hall's contact details.
	Contact Contact `yaml:"contact" check:"required"`
	// InformationOfficer is the person designated under law 31-13 to
	// receive requests for information.
	InformationOfficer *Person `yaml:"information_officer"`
	// FeeDecision names the council's decision that sets the rates of the
	// commune's taxes, fees and charges (arrêté fiscal, القرار الجبائي) as
	// it is written on it — number, date, title — in every language of the
	// site. Empty when the profile does not give it.
	FeeDecision Text `yaml:"fee_decision" check:"alllangs"`
	// OpenDataLicence is the licence under which the commune publishes
	// its open data (the files under data/ of its site), as an SPDX
	// identifier. Empty when the commune has not chosen one.
	OpenDataLicence string `yaml:"open_data_licence" check:"oneof=CC-BY-4.0|CC-BY-SA-4.0|CC0-1.0|ODbL-1.0"`
	// Offices are the commune's own service offices (civil status,
	// legalisation, urban planning…), which procedures refer to by ID.
	Offices []Office `yaml:"offices"`
	// Procedures hold the commune's own details of procedures where they
	// differ from the national sheet, keyed by the procedure page's path
	// under content/procedures/ without the language suffix (the page key
	// without "procedures/", e.g. "birth-certificate-extract").
	Procedures map[string]LocalProcedure `yaml:"procedures"`
	// Services replace the list of tadafor.yaml of the pages the home page
	// lists first.
	Services Services `yaml:"services"`
	// ServicesPos are where each of Services is written; set while loading.
	ServicesPos []diag.Pos `yaml:"-"`

	// Derived from the reference data while loading.
	RegionName   Text `yaml:"-"`
	ProvinceName Text `yaml:"-"`
	// Where are the positions, in the profile, of the values and keys
	// messages about missing facts point at (see commune.Needs), by the
	// paths of yamldecode.Positions; set while loading.
	Where map[string]diag.Pos `yaml:"-"`
	// Records are loaded from communes/<slug>/data/ (see records.go).
	Records Records `yaml:"-"`
}

// Contact is how citizens reach an office.
type Contact struct {
	Address Text     `yaml:"address" check:"required"`
	Phone   []string `yaml:"phone" check:"phone"`
	Fax     []string `yaml:"fax" check:"phone"`
	Email   string   `yaml:"email" check:"email"`
	Website string   `yaml:"website" check:"https"`
	Map     string   `yaml:"map" check:"https"`
	Hours   Text     `yaml:"hours"`
}

// Person is a named contact.
type Person struct {
	Name  Text   `yaml:"name" check:"required"`
	Role  Text   `yaml:"role"`
	Email string `yaml:"email" check:"email"`
	Phone string `yaml:"phone" check:"phone"`
}

// Office is one of the commune's own service offices. Address, hours and
// phone default to the town hall's (Commune.Contact) when left empty.
type Office struct {
	// ID names the office for Procedures, e.g. "civil-status".
	ID      string   `yaml:"id" check:"required,slug"`
	Name    Text     `yaml:"name" check:"required"`
	Address Text     `yaml:"address"`
	Hours   Text     `yaml:"hours"`
	Phone   []string `yaml:"phone" check:"phone"`
	Email   string   `yaml:"email" check:"email"`
}

// LocalProcedure is how the commune does one procedure where it differs
// from the shared procedure page: the office that handles it, its hours
// and its fee. Every field is optional; an empty one means the shared
// page's text (and the office's or town hall's hours) apply.
type LocalProcedure struct {
	// Office is the ID of one of the commune's Offices.
	Office string `yaml:"office" check:"slug"`
	// Hours replace the office's hours for this procedure.
	Hours Text `yaml:"hours"`
	// Fee is the amount the commune charges and its basis, e.g. a
	// municipal tax decision.
	Fee Text `yaml:"fee"`
	// Note is any other local detail (an annex, a day of permanence).
	Note Text `yaml:"note"`
	// Pos is where the procedure's key is written in the profile, for
	// messages; set while loading.
	Pos diag.Pos `yaml:"-"`
}
