package records_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"github.com/tadafor/tadafor/internal/records"
	"github.com/tadafor/tadafor/internal/site"
)

// berkane is the commune the tests load records for: 99,069 inhabitants,
// so a citizens' petition needs 200 signatures.
func berkane() *site.Commune {
	return &site.Commune{Slug: "berkane", File: "communes/berkane/commune.yaml", Population: 99069}
}

// static is the commune's static/ folder in the tests.
func static() fstest.MapFS {
	return fstest.MapFS{
		"docs/pv-2026-02.pdf":     {Data: []byte("%PDF-1.4 minutes")},
		"docs/budget-2026.pdf":    {Data: []byte("%PDF-1.4 budget")},
		"archives/pac-2022.pdf":   {Data: []byte("%PDF-1.4 pac")},
		"docs/tables/budget.xlsx": {Data: []byte("PK")},
	}
}

// sessions is a valid sessions.yaml; the petitions of the tests refer to
// its sessions.
const sessions = `sessions:
  - id: 2026-02
    kind: ordinary
    date: 2026-02-02
    end: 2026-02-04
    decisions: [{ar: قرار, fr: Décision}]
  - id: 2026-05
    kind: ordinary
    date: 2026-05-04
`

// run parses files (name → source) for berkane and returns every
// diagnostic as text, one per line.
func run(t *testing.T, files map[string]string) (site.Records, string) {
	t.Helper()
	src := map[string][]byte{}
	for name, s := range files {
		src[name] = []byte(s)
	}
	r, errs := records.Parse(berkane(), src, static(), langs)
	var lines []string
	for _, e := range errs {
		lines = append(lines, e.Error())
	}
	return r, strings.Join(lines, "\n")
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	const (
		council   = "communes/berkane/data/council.yaml"
		sess      = "communes/berkane/data/sessions.yaml"
		petitions = "communes/berkane/data/petitions.yaml"
		budget    = "communes/berkane/data/budget.yaml"
		bodies    = "communes/berkane/data/bodies.yaml"
		cocre     = "communes/berkane/data/cocreation.yaml"
		docs      = "communes/berkane/data/documents.yaml"
	)
	// petition returns a petitions.yaml with one petition; extra lines go
	// after "channel" (line 7) and history items start on line 8 + the
	// number of extra lines.
	petition := func(filer, extra, history string) string {
		return "petitions:\n  - ref: P-2026-001\n    title: {ar: عنوان, fr: Titre}\n    filed: 2026-03-02\n" +
			"    filer: " + filer + "\n    signatures: 250\n    channel: paper\n" + extra + "    history:\n" + history
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		// Decoding.
		{"unknown top-level key", map[string]string{"sessions": "session:\n  - id: x\n"},
			[]string{sess + `:1:1: unknown key "session"; did you mean "sessions"?`}},
		{"unknown key in a record", map[string]string{"sessions": "sessions:\n  - id: s1\n    kind: ordinary\n    date: 2026-02-02\n    minute: docs/pv-2026-02.pdf\n"},
			[]string{sess + `:5:5: unknown key "minute"; did you mean "minutes"?`}},
		{"malformed date", map[string]string{"sessions": "sessions:\n  - id: s1\n    kind: ordinary\n    date: 2026-02-30\n"},
			[]string{sess + `:4:11: expected a date such as 2026-03-01, or a date and time such as 2026-03-01T18:30, found "2026-02-30"`}},
		{"misspelt kind", map[string]string{"sessions": "sessions:\n  - id: s1\n    kind: ordinaire\n    date: 2026-02-02\n"},
			[]string{sess + `:3:11: expected one of "ordinary", "extraordinary", found "ordinaire"; did you mean "ordinary"?`}},
		{"missing required key", map[string]string{"petitions": "petitions:\n  - ref: P-1\n    title: {ar: ع, fr: T}\n    filer: association\n    filer_name: {ar: ج, fr: A}\n    filed: 2026-03-02\n    channel: paper\n"},
			[]string{petitions + `:2:5: missing required key "history" in "petitions[0]"; add a line "history: …"`}},
		{"unknown language", map[string]string{"council": "mandate: 2021-2027\npresident: {name: {ar: أ, fr: A, en: A}, gender: man}\n"},
			[]string{council + `:2:34: unknown language "en"; the site's languages are ar, fr`}},
		{"mapping instead of a list", map[string]string{"bodies": "bodies: {id: x, kind: youth, name: {ar: م, fr: C}}\n"},
			[]string{bodies + `:1:9: expected a list, found a mapping (key: value)`}},

		// Council.
		{"councillor listed twice", map[string]string{"council": `mandate: 2021-2027
president: {name: {ar: أ, fr: A}, gender: man}
bureau:
  - {name: {ar: ب, fr: B}, gender: woman}
members:
  - {name: {ar: ج, fr: C}, gender: man}
  - {name: {ar: ب, fr: B}, gender: woman}
`}, []string{council + `:7:17: "ب" is already listed on line 4; list each councillor once: the president under "president", the other members of the bureau under "bureau", everyone else under "members"`}},
		{"committee member not in the council", map[string]string{"council": `mandate: 2021-2027
president: {name: {ar: أحمد, fr: Ahmed}, gender: man}
members:
  - {name: {ar: سعاد, fr: Souad}, gender: woman}
committees:
  - name: {ar: لجنة, fr: Commission}
    chair: {ar: سعاد, fr: Souad}
    members:
      - {ar: احمد, fr: Ahmad}
      - {ar: زينب, fr: Zineb}
`}, []string{
			council + `:9:14: "احمد" is not a member of the council; did you mean "أحمد"?`,
			council + `:10:14: "زينب" is not a member of the council; write the name as under "president", "bureau" or "members"`,
		}},
		{"mandate", map[string]string{"council": "mandate: 2027-2021\npresident: {name: {ar: أ, fr: A}, gender: man}\n"},
			[]string{council + `:1:10: the mandate "2027-2021" ends before it starts; write the first and last years, e.g. "2021-2027"`}},
		{"mandate format", map[string]string{"council": "mandate: six years\npresident: {name: {ar: أ, fr: A}, gender: man}\n"},
			[]string{council + `:1:10: expected the years of the mandate such as "2021-2027", found "six years"`}},
		{"gender", map[string]string{"council": "mandate: 2021-2027\npresident: {name: {ar: أ, fr: A}, gender: male}\n"},
			[]string{council + `:2:43: expected one of "woman", "man", found "male"; did you mean "man"?`}},

		// Sessions.
		{"session listed twice", map[string]string{"sessions": sessions + "  - id: 2026-02\n    kind: extraordinary\n    date: 2026-03-19\n"},
			[]string{sess + `:10:9: session "2026-02" is already listed on line 2; give each session its own id, such as "2026-02"`}},
		{"session ends before it opens", map[string]string{"sessions": "sessions:\n  - id: s\n    kind: extraordinary\n    date: 2026-03-19\n    end: 2026-03-18\n"},
			[]string{sess + `:5:10: the session ends on 2026-03-18, before it opens on 2026-03-19; "end" is the day of the last sitting`}},
		{"ordinary session out of its months", map[string]string{"sessions": "sessions:\n  - id: s\n    kind: ordinary\n    date: 2026-03-02\n  - id: t\n    kind: ordinary\n    date: 2026-10-08\n"},
			[]string{
				sess + `:4:11: warning: an ordinary session opens in the first week of February, May or October, not on 2026-03-02; check the date, or write "kind: extraordinary" (organic law 113-14, art. 33)`,
				sess + `:7:11: warning: an ordinary session opens in the first week of February, May or October, not on 2026-10-08; check the date, or write "kind: extraordinary" (organic law 113-14, art. 33)`,
			}},
		{"minutes not found, same name elsewhere", map[string]string{"sessions": "sessions:\n  - id: s\n    kind: ordinary\n    date: 2026-02-02\n    minutes: pv-2026-02.pdf\n"},
			[]string{sess + `:5:14: file "pv-2026-02.pdf" not found: there is no file communes/berkane/static/pv-2026-02.pdf; did you mean "docs/pv-2026-02.pdf"?`}},
		{"minutes over http", map[string]string{"sessions": "sessions:\n  - id: s\n    kind: ordinary\n    date: 2026-02-02\n    minutes: http://berkane.example/pv.pdf\n"},
			[]string{sess + `:5:14: expected a secure web address (https://), found "http://berkane.example/pv.pdf"; replace http:// by https://`}},

		// Petitions.
		{"petition listed twice", map[string]string{"petitions": petition("citizens", "", "      - {status: filed, date: 2026-03-02}\n") +
			"  - ref: P-2026-001\n    title: {ar: ع, fr: T}\n    filed: 2026-03-03\n    filer: citizens\n    signatures: 300\n    channel: online\n    history: [{status: filed, date: 2026-03-03}]\n"},
			[]string{petitions + `:10:10: petition "P-2026-001" is already listed on line 2; give each petition its own reference, such as "P-2026-001"`}},
		{"reference with a slash", map[string]string{"petitions": strings.Replace(petition("citizens", "", "      - {status: filed, date: 2026-03-02}\n"), "P-2026-001", "03/2026", 1)},
			[]string{petitions + `:2:10: expected a reference of letters, digits, hyphens and dots, such as "P-2026-001", found "03/2026"; it names the petition's page: write "2026-03" rather than "03/2026"`}},
		{"history without filed", map[string]string{"petitions": petition("citizens", "", "      - {status: examining, date: 2026-03-05}\n")},
			[]string{petitions + `:9:18: the history starts with "examining"; a petition's history starts with "filed"; add "- {status: filed, date: 2026-03-02}" as its first line`}},
		{"filed on another day", map[string]string{"petitions": petition("citizens", "", "      - {status: filed, date: 2026-03-01}\n")},
			[]string{petitions + `:9:31: "filed" is dated 2026-03-01, but the petition was filed on 2026-03-02; write the same date in both`}},
		{"transition not allowed", map[string]string{"petitions": petition("citizens", "    reason: {ar: سبب, fr: Motif}\n",
			"      - {status: filed, date: 2026-03-02}\n      - {status: rejected, date: 2026-04-01}\n      - {status: accepted, date: 2026-04-02}\n")},
			[]string{petitions + `:12:18: a petition cannot go from "rejected" to "accepted"; "rejected" is final: nothing comes after it`}},
		{"status going back", map[string]string{"petitions": petition("citizens", "",
			"      - {status: filed, date: 2026-03-02}\n      - {status: accepted, date: 2026-04-01}\n      - {status: examining, date: 2026-04-02}\n")},
			[]string{petitions + `:11:18: a petition cannot go from "accepted" to "examining"; after "accepted" comes "scheduled" or "answered" or "withdrawn"`}},
		{"history not chronological", map[string]string{"petitions": petition("citizens", "",
			"      - {status: filed, date: 2026-03-02}\n      - {status: examining, date: 2026-03-09}\n      - {status: accepted, date: 2026-03-08}\n")},
			[]string{petitions + `:11:34: "accepted" is dated 2026-03-08, before the previous status "examining" of 2026-03-09; list the statuses oldest first, each dated on or after the one before`}},
		{"rejected without reason", map[string]string{"petitions": petition("citizens", "", "      - {status: filed, date: 2026-03-02}\n      - {status: rejected, date: 2026-04-01}\n")},
			[]string{petitions + `:10:18: a rejected petition gives the reason of the decision; add "reason" to the petition: the grounds the bureau gave the agent`}},
		{"answered without decision", map[string]string{"sessions": sessions, "petitions": petition("citizens", "    session: 2026-05\n",
			"      - {status: filed, date: 2026-03-02}\n      - {status: accepted, date: 2026-04-01}\n      - {status: answered, date: 2026-05-05}\n")},
			[]string{petitions + `:12:18: an answered petition gives the council's decision; add "decision" to the petition: a summary of the council's deliberation`}},
		{"unknown session", map[string]string{"sessions": sessions, "petitions": petition("citizens", "    session: 2026-5\n    decision: {ar: ق, fr: D}\n",
			"      - {status: filed, date: 2026-03-02}\n      - {status: accepted, date: 2026-04-01}\n      - {status: answered, date: 2026-05-05}\n")},
			[]string{petitions + `:8:14: unknown session "2026-5"; did you mean "2026-05"?`}},
		{"session of a petition not accepted", map[string]string{"sessions": sessions, "petitions": petition("citizens", "    session: 2026-05\n", "      - {status: filed, date: 2026-03-02}\n")},
			[]string{petitions + `:8:14: only an accepted petition goes before the council, and this one was not accepted; add the status "accepted" with its date, or remove "session"`}},
		{"session before the acceptance", map[string]string{"sessions": sessions, "petitions": petition("citizens", "    session: 2026-02\n    decision: {ar: ق, fr: D}\n",
			"      - {status: filed, date: 2026-03-02}\n      - {status: accepted, date: 2026-04-01}\n      - {status: answered, date: 2026-05-05}\n")},
			[]string{petitions + `:8:14: session "2026-02" opened on 2026-02-02, before the petition was accepted on 2026-04-01; name the session that examined the petition after its acceptance`}},
		{"answered before the session", map[string]string{"sessions": sessions, "petitions": petition("citizens", "    session: 2026-05\n    decision: {ar: ق, fr: D}\n",
			"      - {status: filed, date: 2026-03-02}\n      - {status: accepted, date: 2026-04-01}\n      - {status: answered, date: 2026-04-20}\n")},
			[]string{petitions + `:13:34: the petition is answered on 2026-04-20, before session "2026-05" opened on 2026-05-04; date "answered" on or after the sitting that deliberated`}},
		{"answered without session", map[string]string{"petitions": petition("citizens", "    decision: {ar: ق, fr: D}\n",
			"      - {status: filed, date: 2026-03-02}\n      - {status: accepted, date: 2026-04-01}\n      - {status: answered, date: 2026-05-05}\n")},
			[]string{petitions + `:12:18: warning: the petition is answered but names no session; add "session" with the id of the session, as in sessions.yaml`}},
		{"citizens named", map[string]string{"petitions": petition("citizens", "    filer_name: {ar: أ, fr: A}\n", "      - {status: filed, date: 2026-03-02}\n")},
			[]string{petitions + `:8:17: a citizens' petition is published without the names of its filers; remove "filer_name"; it names an association only`}},
		{"association not named", map[string]string{"petitions": petition("association", "", "      - {status: filed, date: 2026-03-02}\n")},
			[]string{petitions + `:5:12: a petition of an association names the association; add "filer_name" with the association's name`}},
		{"citizens without signatures", map[string]string{"petitions": strings.Replace(petition("citizens", "", "      - {status: filed, date: 2026-03-02}\n"), "    signatures: 250\n", "", 1)},
			[]string{petitions + `:5:12: a citizens' petition gives its number of valid signatures; add a line "signatures: …"`}},
		{"too few signatures", map[string]string{"petitions": strings.Replace(petition("citizens", "", "      - {status: filed, date: 2026-03-02}\n"), "250", "150", 1)},
			[]string{petitions + `:6:17: warning: 150 signatures is fewer than the 200 a citizens' petition needs in this commune; check the number: with fewer signatures the petition is not admissible (organic law 113-14, arts. 121–125)`}},
		{"too few signatures, rejected", map[string]string{"petitions": strings.Replace(petition("citizens", "    reason: {ar: س, fr: R}\n",
			"      - {status: filed, date: 2026-03-02}\n      - {status: rejected, date: 2026-04-01}\n"), "250", "150", 1)},
			nil},
		{"negative signatures", map[string]string{"petitions": strings.Replace(petition("association", "    filer_name: {ar: ج, fr: A}\n", "      - {status: filed, date: 2026-03-02}\n"), "250", "-3", 1)},
			[]string{petitions + `:6:17: the number of signatures must not be negative, found -3`}},

		// Budget.
		{"phases out of order and overlapping", map[string]string{"budget": `cycles:
  - id: "2026"
    title: {ar: ميزانية, fr: Budget}
    phases:
      - {name: proposing, start: 2025-10-01, end: 2025-10-31}
      - {name: informing, start: 2025-11-01, end: 2025-11-10}
      - {name: reviewing, start: 2025-11-10, end: 2025-11-30}
      - {name: voting, start: 2026-01-10, end: 2026-01-05}
`}, []string{
			budget + `:6:16: phase "informing" comes after "proposing"; list each phase once, in this order: informing, proposing, reviewing, voting, results, implementing`,
			budget + `:7:34: phase "reviewing" starts on 2025-11-10, before the previous phase "informing" ends on 2025-11-10; phases do not overlap: start it on 2025-11-11 or later`,
			budget + `:8:48: phase "voting" ends on 2026-01-05, before it starts on 2026-01-10`,
		}},
		{"projects", map[string]string{"budget": `cycles:
  - id: "2026"
    title: {ar: ميزانية, fr: Budget}
    amount: 100000
    phases:
      - {name: proposing, start: 2025-10-01, end: 2025-10-31}
      - {name: voting, start: 2026-01-05, end: 2026-01-25}
    projects:
      - {id: a, title: {ar: أ, fr: A}, cost: 90000, selected: true}
      - {id: b, title: {ar: ب, fr: B}, feasible: false, votes: 12}
      - id: c
        title: {ar: ج, fr: C}
        cost: 60000
        feasible: true
        selected: true
        milestones:
          - {date: 2026-01-20, title: {ar: م, fr: M}, progress: 30}
          - {date: 2026-01-10, title: {ar: م, fr: M}, progress: 20}
          - {date: 2026-03-01, title: {ar: م, fr: M}, progress: 120}
      - id: a
        title: {ar: د, fr: D}
        feasible: true
        milestones: [{date: 2026-02-01, title: {ar: م, fr: M}, progress: 10}]
`}, []string{
			budget + `:4:13: warning: the selected projects cost 150000 dirhams in all, more than the envelope of 100000; check the costs, the selection and the amount`,
			budget + `:9:63: a project is selected only if the technical review found it feasible; write "feasible: true" once it is reviewed, or "selected: false"`,
			budget + `:10:50: a project found not feasible gives the reason; add "reason": why the technical review found it not feasible`,
			budget + `:10:64: a project found not feasible is not put to the vote; remove "votes", or correct "feasible"`,
			budget + `:17:20: the milestone is dated 2026-01-20, before the vote ended on 2026-01-25; a project is carried out after it is selected`,
			budget + `:18:20: the milestone is dated 2026-01-10, before the vote ended on 2026-01-25; a project is carried out after it is selected`,
			budget + `:18:65: progress goes down from 30 to 20; progress is the share of the project done so far: it never decreases`,
			budget + `:19:65: expected a progress from 0 to 100 (percent), found 120`,
			budget + `:20:13: project "a" is already listed on line 9; give each project its own id, in every cycle`,
			budget + `:23:21: only a selected project has milestones; write "selected: true", or remove the milestones`,
		}},
		{"votes without a voting phase", map[string]string{"budget": `cycles:
  - id: "2026"
    title: {ar: ميزانية, fr: Budget}
    phases: [{name: proposing, start: 2025-10-01, end: 2025-10-31}]
    projects:
      - {id: a, title: {ar: أ, fr: A}, cost: -5, feasible: true, votes: 40}
`}, []string{
			budget + `:6:46: the cost must not be negative, found -5`,
			budget + `:6:73: votes, but the cycle has no "voting" phase; add the phase "voting" with its dates`,
		}},

		// Bodies.
		{"bodies", map[string]string{"bodies": `bodies:
  - id: ieecag
    kind: ieecag
    name: {ar: هيئة, fr: Instance}
    created: 2022-05-10
    members:
      - {name: {ar: أ, fr: A}, gender: woman}
      - {name: {ar: ب, fr: A}, gender: woman}
    opinions:
      - {date: 2022-01-10, subject: {ar: م, fr: S}}
      - {date: 2026-03-10, subject: {ar: م, fr: S}, response: {ar: ر, fr: R}}
      - {date: 2026-03-10, subject: {ar: م, fr: S}, responded: 2026-04-01}
      - {date: 2026-03-10, subject: {ar: م, fr: S}, response: {ar: ر, fr: R}, responded: 2026-03-01}
  - id: other
    kind: ieecag
    name: {ar: هيئة, fr: Instance}
`}, []string{
			bodies + `:8:28: "A" is already listed on line 7; list each member once`,
			bodies + `:10:16: the opinion is dated 2022-01-10, before the body was created on 2022-05-10`,
			bodies + `:11:63: the council's response gives its date; add "responded" with the date of the response`,
			bodies + `:12:64: a date of response, but no response; add "response": a summary of the council's response`,
			bodies + `:13:90: the response is dated 2026-03-01, before the opinion of 2026-03-10`,
			bodies + `:15:11: the IEECAG is already described on line 2; a council has one IEECAG (organic law 113-14, art. 120); give other bodies their own kind`,
		}},

		// Co-creation.
		{"co-creation", map[string]string{"cocreation": `projects:
  - {id: a, title: {ar: أ, fr: A}, partners: [{ar: ج, fr: P}], status: ongoing}
  - {id: b, title: {ar: ب, fr: B}, partners: [{ar: ج, fr: P}], status: completed, start: 2026-01-01}
  - {id: a, title: {ar: ج, fr: C}, partners: [{ar: ج, fr: P}], status: agreed, start: 2026-03-01, end: 2026-02-01, amount: -1}
`}, []string{
			cocre + `:2:72: a project that is ongoing gives its start date; add "start"`,
			cocre + `:3:72: a completed project gives its end date; add "end"`,
			cocre + `:4:10: project "a" is already listed on line 2; give each project its own id`,
			cocre + `:4:104: the project ends on 2026-02-01, before it starts on 2026-03-01`,
			cocre + `:4:124: the amount must not be negative, found -1`,
		}},

		// Documents.
		{"documents", map[string]string{"documents": `documents:
  - {title: {ar: أ, fr: A}, category: budget, file: docs/budget-2062.pdf, date: 2026-01-01}
  - {title: {ar: ب, fr: B}, category: budget, file: docs/pac-2022.pdf, date: 2026-01-01}
  - {title: {ar: ج, fr: C}, category: budget, file: /docs/budget-2026.pdf, date: 2026-01-01}
  - {title: {ar: د, fr: D}, category: budget, file: docs/tables, date: 2026-01-01}
  - {title: {ar: ه, fr: E}, category: budget, file: docs/budget-2026.pdf, date: 2026-01-01}
  - {title: {ar: و, fr: F}, category: budget, file: docs/budget-2026.pdf, date: 2026-01-01}
  - {title: {ar: ز, fr: G}, category: budget, file: ftp://berkane.example/a.pdf, date: 2026-01-01}
  - {title: {ar: ح, fr: H}, category: budjet, file: static/docs/x.pdf, date: 2026-01-01}
`}, []string{
			docs + `:2:53: file "docs/budget-2062.pdf" not found: there is no file communes/berkane/static/docs/budget-2062.pdf; did you mean "docs/budget-2026.pdf"?`,
			docs + `:3:53: file "docs/pac-2022.pdf" not found: there is no file communes/berkane/static/docs/pac-2022.pdf; did you mean "archives/pac-2022.pdf"?`,
			docs + `:4:53: expected a path under the folder static/ of the commune, such as "docs/budget-2026.pdf", found "/docs/budget-2026.pdf"; write "docs/budget-2026.pdf"`,
			docs + `:5:53: "docs/tables" is a folder, not a file: communes/berkane/static/docs/tables`,
			docs + `:7:53: the file "docs/budget-2026.pdf" is already listed on line 6; list each document once`,
			docs + `:8:53: expected a path under static/ or an https address, found "ftp://berkane.example/a.pdf"`,
			docs + `:9:39: expected one of "action-programme", "budget", "accounts", "decisions", "procurement", "other", found "budjet"; did you mean "budget"?`,
			docs + `:9:53: file "static/docs/x.pdf" not found: there is no file communes/berkane/static/static/docs/x.pdf; the path starts from static/: write "docs/x.pdf"`,
		}},

		// Translations.
		{"missing translation", map[string]string{"cocreation": "projects:\n  - id: a\n    title: {ar: أ}\n    partners: [{fr: P}]\n    status: proposed\n"},
			[]string{
				cocre + `:3:12: warning: missing the "fr" text of "projects[0].title"; add a line "fr: …" under "title", or the page in that language shows it in another language`,
				cocre + `:4:16: warning: missing the "ar" text of "projects[0].partners[0]"; add a line "ar: …" under "partners", or the page in that language shows it in another language`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, got := run(t, tt.files)
			if want := strings.Join(tt.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// A valid set of files decodes into the records, with the sizes and
// formats of files and the list of files read.
func TestParseValid(t *testing.T) {
	t.Parallel()
	r, got := run(t, map[string]string{
		"council":  "# no council yet\n",
		"sessions": sessions + "    minutes: docs/pv-2026-02.pdf\n",
		"petitions": `petitions:
  - ref: P-2026-001
    title: {ar: عنوان, fr: Titre}
    filer: citizens
    filed: 2026-03-02
    signatures: 250
    channel: online
    history:
      - {status: filed, date: 2026-03-02}
      - {status: examining, date: 2026-03-09}
      - {status: accepted, date: 2026-04-01}
      - {status: answered, date: 2026-05-05}
    decision: {ar: قرار, fr: Décision}
    session: 2026-05
`,
		"documents": `documents:
  - {title: {ar: أ, fr: A}, category: budget, file: docs/budget-2026.pdf, date: 2026-01-01}
  - {title: {ar: ب, fr: B}, category: other, file: "https://berkane.example/files/Plan.PDF?v=2", date: 2026-01-01}
`,
	})
	if got != "" {
		t.Fatalf("unexpected diagnostics:\n%s", got)
	}
	if r.Council != nil {
		t.Errorf("a council.yaml of comments only gave a council: %+v", r.Council)
	}
	wantFiles := map[string]string{
		"council":   "communes/berkane/data/council.yaml",
		"sessions":  "communes/berkane/data/sessions.yaml",
		"petitions": "communes/berkane/data/petitions.yaml",
		"documents": "communes/berkane/data/documents.yaml",
	}
	if !reflect.DeepEqual(r.Files, wantFiles) {
		t.Errorf("Files = %v, want %v", r.Files, wantFiles)
	}
	if s := r.Sessions[1]; s.MinutesSize != int64(len("%PDF-1.4 minutes")) || s.MinutesFormat != "PDF" {
		t.Errorf("minutes: size %d, format %q", s.MinutesSize, s.MinutesFormat)
	}
	if d := r.Documents[0]; d.Size != int64(len("%PDF-1.4 budget")) || d.Format != "PDF" {
		t.Errorf("document: size %d, format %q", d.Size, d.Format)
	}
	if d := r.Documents[1]; d.Size != 0 || d.Format != "PDF" {
		t.Errorf("document at an address: size %d, format %q", d.Size, d.Format)
	}
	p := r.Petitions[0]
	if p.Status() != site.Answered || p.StatusDate(site.Accepted).Format("2006-01-02") != "2026-04-01" || p.Session != "2026-05" {
		t.Errorf("petition: status %q, accepted %v, session %q", p.Status(), p.StatusDate(site.Accepted), p.Session)
	}
}

// No file at all is no record and no error.
func TestParseNothing(t *testing.T) {
	t.Parallel()
	r, errs := records.Parse(berkane(), nil, nil, langs)
	if len(errs) > 0 || !reflect.DeepEqual(r, site.Records{}) {
		t.Errorf("got %+v, %v", r, errs)
	}
}

// Load reads the data folder of a commune in a project tree: file names
// are checked, the static folder gives the documents' sizes, and a
// commune without a data folder has no records.
func TestLoad(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	archive := txtar.Parse([]byte(`
-- communes/berkane/data/sessions.yaml --
sessions:
  - id: 2026-02
    kind: ordinary
    date: 2026-02-02
    minutes: docs/pv.pdf
-- communes/berkane/data/petition.yaml --
petitions: []
-- communes/berkane/data/bodies.yml --
bodies: []
-- communes/berkane/data/agenda.yaml --
a: b
-- communes/berkane/data/_draft.yaml --
anything: goes
-- communes/berkane/data/README.md --
Not a data file.
-- communes/berkane/static/docs/pv.pdf --
%PDF-1.4
-- communes/ammelne/commune.yaml --
name: {ar: أملن, fr: Ammelne}
`))
	for _, f := range archive.Files {
		p := filepath.Join(root, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r, errs := records.Load(root, berkane(), langs)
	want := strings.Join([]string{
		`communes/berkane/data/agenda.yaml: unknown data file "agenda.yaml"; the data files are council.yaml, sessions.yaml, petitions.yaml, budget.yaml, bodies.yaml, cocreation.yaml, documents.yaml; rename the file to start with "_" to keep it aside`,
		`communes/berkane/data/bodies.yml: data files end in .yaml, not .yml; rename the file bodies.yaml`,
		`communes/berkane/data/petition.yaml: unknown data file "petition.yaml"; did you mean "petitions.yaml"?`,
	}, "\n")
	if errs.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", errs, want)
	}
	if len(r.Sessions) != 1 || r.Sessions[0].MinutesSize != int64(len("%PDF-1.4\n")) {
		t.Errorf("sessions: %+v", r.Sessions)
	}

	ammelne := &site.Commune{Slug: "ammelne", File: "communes/ammelne/commune.yaml"}
	r, errs = records.Load(root, ammelne, langs)
	if len(errs) > 0 || !reflect.DeepEqual(r, site.Records{}) {
		t.Errorf("without data folder: %+v, %v", r, errs)
	}
}
