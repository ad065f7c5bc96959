package site

// Commune is a commune's profile, communes/<slug>/commune.yaml. Fields
// tagged yaml:"-" are derived while loading, never written by hand.
type Commune struct {
	Slug string `yaml:"-"` // folder name under communes/
	File string `yaml:"-"` // path of commune.yaml, for messages

	// Name of the commune in every language of the site.
	Name Text `yaml:"name" check:"required,alllangs"`
	// Code is the HCP geographic code, e.g. "06.141.01.00".
	Code string `yaml:"code"`
	// Type is "urban" (municipality) or "rural".
	Type string `yaml:"type" check:"required,oneof=urban|rural"`
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
	// Logo is a path under the commune's static/ folder.
	Logo string `yaml:"logo"`
	// Contact holds the town hall's contact details.
	Contact Contact `yaml:"contact" check:"required"`
	// InformationOfficer is the person designated under law 31-13 to
	// receive requests for information.
	InformationOfficer *Person `yaml:"information_officer"`

	// Derived from the reference data while loading.
	RegionName   Text `yaml:"-"`
	ProvinceName Text `yaml:"-"`
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
