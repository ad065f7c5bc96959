// Package law holds every legal figure the sites compute or state, in one
// place, each with its legal reference and whether it still has to be
// checked against the text of the law (marked [to verify] in the
// project's domain facts). Correcting a figure is one edit here; pages
// take figures from this package, never from their own prose.
package law

import (
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

// Petitions to the commune council (organic law 113-14, arts. 121–125).
const (
	// PetitionPopulationThreshold is the population from which a commune
	// needs PetitionSignaturesLarge signatures instead of
	// PetitionSignaturesSmall. [to verify]
	PetitionPopulationThreshold = 35000
	// PetitionSignaturesSmall is the number of signatures a petition needs
	// in a commune of fewer than PetitionPopulationThreshold inhabitants.
	// [to verify]
	PetitionSignaturesSmall = 100
	// PetitionSignaturesLarge is the number of signatures a petition needs
	// in the other communes without arrondissements. [to verify]
	PetitionSignaturesLarge = 200
	// PetitionSignaturesArrondissements is the number of signatures a
	// petition needs in a commune divided into arrondissements. [to verify]
	PetitionSignaturesArrondissements = 400
	// PetitionAnswerMonths is the time within which the agent of a rejected
	// petition receives the reasoned decision, from receipt.
	PetitionAnswerMonths = 3
	// PetitionAssociationYears is how long an association must have been
	// constituted in Morocco (more than this many years) to file a petition.
	PetitionAssociationYears = 3
)

// Access to information (law 31-13).
const (
	// InfoAnswerDays is the time to answer a request for information.
	InfoAnswerDays = 20
	// InfoExtensionDays is the single extension of InfoAnswerDays, with
	// written reasons.
	InfoExtensionDays = 20
	// InfoUrgentDays is the time to answer an urgent request (safety or
	// freedom of persons).
	InfoUrgentDays = 3
	// InfoUrgentExtensionDays is the extension of InfoUrgentDays.
	InfoUrgentExtensionDays = 3
	// InfoComplaintDays is the time to complain to the head of the body.
	InfoComplaintDays = 20
	// InfoCDAIDays is the time to complain to the Commission du droit
	// d'accès à l'information (CDAI).
	InfoCDAIDays = 30
)

// Council sessions (organic law 113-14, art. 33).
const (
	// OrdinarySessionsPerYear is the number of ordinary council sessions,
	// held in the first week of February, May and October.
	OrdinarySessionsPerYear = 3
)

// Complaints on the national portal chikaya.ma.
const (
	// ComplaintAckDays is the time within which chikaya acknowledges a
	// complaint.
	ComplaintAckDays = 15
	// ComplaintAnswerMonths is the time within which the administration
	// answers a complaint filed on chikaya.
	ComplaintAnswerMonths = 2
)

// Figure is one legal figure: a number with its unit and legal reference.
type Figure struct {
	// Name identifies the figure, e.g. "petition.signatures.small".
	Name string
	// Value is the figure itself.
	Value int
	// Unit says what Value counts: "inhabitants", "signatures", "months",
	// "years", "working days", "days", "sessions", "month of the year" (1
	// for January) or "week of the month".
	Unit string
	// Ref is the legal reference, keyed "ar" and "fr"; another language
	// shows the French one (site.Text.In).
	Ref site.Text
	// ToVerify is true for a figure recalled but not yet read in the text
	// of the law: a page states it with its legal reference (or a link to
	// the passage that gives the reference), no more precisely than here,
	// and never with a warning addressed to citizens.
	ToVerify bool
}

// The legal references, built afresh for each Figures call so that no
// caller can change another's.
func refPetitions() site.Text {
	return site.Text{
		"ar": "القانون التنظيمي رقم 113.14 المتعلق بالجماعات، المواد من 121 إلى 125",
		"fr": "loi organique n° 113-14 relative aux communes, articles 121 à 125",
	}
}

func refSignatures() site.Text {
	return site.Text{
		"ar": "القانون التنظيمي رقم 113.14 المتعلق بالجماعات، المادة 123",
		"fr": "loi organique n° 113-14 relative aux communes, article 123",
	}
}

func refSessions() site.Text {
	return site.Text{
		"ar": "القانون التنظيمي رقم 113.14 المتعلق بالجماعات، المادة 33",
		"fr": "loi organique n° 113-14 relative aux communes, article 33",
	}
}

func refInformation() site.Text {
	return site.Text{
		"ar": "القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات",
		"fr": "loi n° 31-13 relative au droit d'accès à l'information",
	}
}

func refComplaints() site.Text {
	return site.Text{
		"ar": "البوابة الوطنية للشكايات chikaya.ma",
		"fr": "portail national des réclamations chikaya.ma",
	}
}

// Figures returns every legal figure, in a fixed order; the slice and its
// maps are the caller's. It is safe for concurrent use.
func Figures() []Figure {
	pet, sig, ses, info, compl := refPetitions(), refSignatures(), refSessions(), refInformation(), refComplaints()
	return []Figure{
		{"petition.population_threshold", PetitionPopulationThreshold, "inhabitants", sig, true},
		{"petition.signatures.small", PetitionSignaturesSmall, "signatures", sig, true},
		{"petition.signatures.large", PetitionSignaturesLarge, "signatures", sig, true},
		{"petition.signatures.arrondissements", PetitionSignaturesArrondissements, "signatures", sig, true},
		{"petition.answer_months", PetitionAnswerMonths, "months", pet, false},
		{"petition.association_years", PetitionAssociationYears, "years", pet, false},
		{"access_info.answer_days", InfoAnswerDays, "working days", info, false},
		{"access_info.extension_days", InfoExtensionDays, "working days", info, false},
		{"access_info.urgent_days", InfoUrgentDays, "days", info, false},
		{"access_info.urgent_extension_days", InfoUrgentExtensionDays, "days", info, false},
		{"access_info.complaint_days", InfoComplaintDays, "working days", info, false},
		{"access_info.cdai_days", InfoCDAIDays, "days", info, false},
		{"council.ordinary_sessions", OrdinarySessionsPerYear, "sessions", ses, false},
		{"council.session_week", 1, "week of the month", ses, false},
		{"council.session_month.1", int(time.February), MonthOfYear, ses, false},
		{"council.session_month.2", int(time.May), MonthOfYear, ses, false},
		{"council.session_month.3", int(time.October), MonthOfYear, ses, false},
		{"complaint.ack_days", ComplaintAckDays, "days", compl, false},
		{"complaint.answer_months", ComplaintAnswerMonths, "months", compl, false},
	}
}

// Lookup returns the figure with the given name, and whether it exists.
// It is safe for concurrent use.
func Lookup(name string) (Figure, bool) {
	for _, f := range Figures() {
		if f.Name == name {
			return f, true
		}
	}
	return Figure{}, false
}

// MonthOfYear is the Unit of a figure that is a month of the year (1 for
// January).
const MonthOfYear = "month of the year"

// OrdinarySessionMonths returns the months in whose first week the
// council holds its ordinary sessions (February, May and October; organic
// law 113-14, art. 33).
func OrdinarySessionMonths() []time.Month {
	var months []time.Month
	for _, f := range Figures() {
		if f.Unit == MonthOfYear {
			months = append(months, time.Month(f.Value))
		}
	}
	return months
}

// PetitionSignatures returns the number of signatures a citizens'
// petition to the council of a commune needs: 400 in a commune divided
// into arrondissements, otherwise 100 under 35,000 inhabitants and 200
// from 35,000. [to verify: organic law 113-14, art. 123]
func PetitionSignatures(population int, arrondissements bool) int {
	switch {
	case arrondissements:
		return PetitionSignaturesArrondissements
	case population < PetitionPopulationThreshold:
		return PetitionSignaturesSmall
	}
	return PetitionSignaturesLarge
}
