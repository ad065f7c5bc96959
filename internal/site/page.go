package site

import "github.com/tadafor/tadafor/internal/diag"

// Page is one language version of a content page, as loaded from a
// Markdown file. Pages with the same Key are translations of each other.
type Page struct {
	// Key links translations: the path under content/ without the language
	// suffix and extension, slash-separated, e.g. "participation/petitions"
	// or "participation/index" for a section's own page.
	Key string
	// Lang is the language code from the file name suffix.
	Lang string
	// File is the source path relative to the project root, for messages.
	File string
	// Commune is "" for shared content, or the slug of the commune whose
	// content/ folder holds the page (a local page or an override).
	Commune string
	// Meta is the decoded front matter.
	Meta FrontMatter
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the file line on which Body starts (1-based), so that
	// positions in Body can be reported in file lines.
	BodyLine int
	// SlugPos is where Meta.Slug is written, when it is.
	SlugPos diag.Pos
}

// FrontMatter is the YAML header of a content page.
type FrontMatter struct {
	Title       string `yaml:"title" check:"required"`
	Description string `yaml:"description"`
	Kind        Kind   `yaml:"kind"`
	// Weight orders pages within a section and in the menu (lower first).
	Weight int `yaml:"weight"`
	// Menu puts the page in the main navigation.
	Menu bool `yaml:"menu"`
	// Slug replaces the last segment of the page's URL in this language
	// (readable localised addresses such as "العرائض").
	Slug string `yaml:"slug"`
	// Date is the publication date of news, or the date of an event.
	Date Date `yaml:"date"`
	// Draft pages are not published.
	Draft bool `yaml:"draft"`
	// Event holds the details of an event page.
	Event *Event `yaml:"event"`
	// Procedure holds the structured fields of a procedure page.
	Procedure *Procedure `yaml:"procedure"`
}

// Event is when and where an event takes place.
type Event struct {
	Start    Date   `yaml:"start" check:"required"`
	End      Date   `yaml:"end"`
	Location string `yaml:"location"`
}

// Procedure holds the structured fields of an administrative procedure,
// laid out the same way on every procedure page.
type Procedure struct {
	// Purpose says in one sentence what the procedure gives the citizen.
	Purpose string `yaml:"purpose" check:"required"`
	// Who may apply, and on what conditions.
	Who []string `yaml:"who" check:"required"`
	// Documents to bring, by situation.
	Documents []DocumentSet `yaml:"documents" check:"required"`
	// Cost, e.g. "free" or an amount with its legal basis.
	Cost string `yaml:"cost" check:"required"`
	// Delay is the maximum time to obtain the service.
	Delay string `yaml:"delay" check:"required"`
	// Where to apply and collect; the commune's own office and hours come
	// from its profile.
	Where string `yaml:"where" check:"required"`
	// Online is the national online service, if any.
	Online *Link `yaml:"online"`
	// Steps in order.
	Steps []string `yaml:"steps" check:"required"`
	// Legal basis: texts and articles.
	Legal []string `yaml:"legal" check:"required"`
	// Sheet is the national procedure sheet (idarati).
	Sheet string `yaml:"sheet" check:"https"`
	// Complaint says how to complain (chikaya).
	Complaint string `yaml:"complaint"`
	// Reviewed is the date the page was last checked against the law.
	Reviewed Date `yaml:"reviewed" check:"required"`
}

// DocumentSet is the list of documents for one situation.
type DocumentSet struct {
	Situation string   `yaml:"situation"`
	Items     []string `yaml:"items" check:"required"`
}

// Link is a labelled address.
type Link struct {
	Label string `yaml:"label" check:"required"`
	URL   string `yaml:"url" check:"required,https"`
}
