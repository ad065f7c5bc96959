package check

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/diag"
)

func TestCleanProject(t *testing.T) {
	t.Parallel()
	root := newProject(t, "")
	r, err := Check(context.Background(), root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) > 0 {
		t.Errorf("findings in a clean project:\n%s", r.Findings.Error())
	}
	want := Coverage{Languages: []LangCoverage{
		{Lang: "ar", Name: "العربية", Pages: 2, PagesTotal: 2, Strings: 5, StringsTotal: 5},
		{Lang: "fr", Name: "Français", Pages: 2, PagesTotal: 2, Strings: 5, StringsTotal: 5},
	}}
	if !slices.Equal(r.Coverage.Languages, want.Languages) {
		t.Errorf("coverage = %+v, want %+v", r.Coverage, want)
	}
	if r.Files != 7 { // 4 pages, 2 catalogs, 1 profile
		t.Errorf("files = %d, want 7", r.Files)
	}
}

// TestFindings checks each kind of finding, alone, with its exact
// message, position and hint.
func TestFindings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		overlay string
		want    []string
	}{
		{
			name: "page missing in French",
			overlay: `-- content/only-ar.ar.md --
---
title: صفحة
---
`,
			want: []string{"content/only-ar.ar.md:1:1: warning: no French translation; write content/only-ar.fr.md"},
		},
		{
			name: "facts the profile lacks, once per commune and fact, at the profile",
			overlay: `-- content/guide.fr.md --
---
title: Guide
---

Horaires : {{ contact.hours }}. Courriel : {{ contact.email }}.

Encore : {{ contact.hours }}, et {{ contact.phone }}, et {{ contact.email or "au siège" }}.
-- content/guide.ar.md --
---
title: دليل
---

{{ if contact.hours }}{{ contact.hours }}{{ end }} {{ contact.email }}
`,
			want: []string{
				`communes/assilah/commune.yaml:10:1: error: the fr pages need contact.hours; add it under contact:, as in hours: {ar: "…", fr: "du lundi au vendredi, 8 h 30 – 16 h 30"}; used by content/guide.fr.md:5:12 and 1 other place`,
				`communes/assilah/commune.yaml:10:1: error: the pages need contact.email; add it under contact:, as in email: contact@commune.ma; used by content/guide.ar.md:5:52 and 1 other place`,
			},
		},
		{
			name: "page missing in Arabic, reported at the French file",
			overlay: `-- content/only-fr.fr.md --
---
title: Page
---
`,
			want: []string{"content/only-fr.fr.md:1:1: warning: no Arabic translation; write content/only-fr.ar.md"},
		},
		{
			name: "commune's own page missing in French",
			overlay: `-- communes/assilah/content/news/market.ar.md --
---
title: السوق
kind: news
date: 2026-03-02
---
`,
			want: []string{"communes/assilah/content/news/market.ar.md:1:1: warning: no French translation; write communes/assilah/content/news/market.fr.md"},
		},
		{
			name: "an override in one language only is no missing translation",
			overlay: `-- communes/assilah/content/guide.fr.md --
---
title: Guide d'Assilah
---
`,
		},
		{
			name: "translation still a draft",
			overlay: `-- content/guide.fr.md --
---
title: Guide
draft: true
---
`,
			want: []string{
				`content/guide.ar.md:1:1: warning: the French translation is a draft; content/guide.fr.md has "draft: true"; remove it when the translation is ready`,
				`content/index.fr.md:11:6: error: broken link "guide.md": the page exists in "ar" but not in "fr"; write its translation guide.fr.md`,
			},
		},
		{
			name: "a third language by configuration",
			overlay: `-- tadafor.yaml --
languages:
  - {code: ar, name: العربية, dir: rtl, locale: ar-MA}
  - {code: fr, name: Français, dir: ltr, locale: fr-MA}
  - {code: zgh, name: ⵜⴰⵎⴰⵣⵉⵖⵜ, dir: ltr, locale: zgh-MA}
-- themes/default/i18n/zgh.yaml --
months: [ⵉⵏⵏⴰⵢⵔ, ⴱⵕⴰⵢⵕ, ⵎⴰⵕⵚ, ⵉⴱⵔⵉⵔ, ⵎⴰⵢⵢⵓ, ⵢⵓⵏⵢⵓ, ⵢⵓⵍⵢⵓⵣ, ⵖⵓⵛⵜ, ⵛⵓⵜⴰⵏⴱⵉⵔ, ⴽⵜⵓⴱⵔ, ⵏⵓⵡⴰⵏⴱⵉⵔ, ⴷⵓⵊⴰⵏⴱⵉⵔ]
date_long: "{day} {month} {year}"
date_time: "{date} {time}"
skip_link: "ⵣⵔⵉ"
-- content/index.zgh.md --
---
title: ⴰⵏⵙⵓⴼ
---

{{ commune.name }}
-- communes/assilah/commune.yaml --
name: {ar: أصيلة, fr: Assilah, zgh: ⴰⵚⵉⵍⴰ}
code: "01.511.01.01"
type: urban
region: "01"
province: "01.511"
population: 36039
census_year: 2024
contact:
  address: {ar: شارع الحسن الثاني، أصيلة, fr: avenue Hassan II, zgh: ⴰⴱⵔⵉⴷ}
`,
			want: []string{
				"content/guide.ar.md:1:1: warning: no Standard Moroccan Tamazight translation; write content/guide.zgh.md",
				// Once per kind of text, not once per page or commune.
				"tadafor.yaml:4:12: warning: legal references: missing in Standard Moroccan Tamazight, shown in French on the zgh pages; the legal references are written in Arabic and French; a text missing in a language is shown in French, or else in Arabic (README.md, Languages)",
				"tadafor.yaml:4:12: warning: province names: missing in Standard Moroccan Tamazight, shown in French on the zgh pages; the census data names provinces and prefectures in Arabic and French; a text missing in a language is shown in French, or else in Arabic (README.md, Languages)",
				"tadafor.yaml:4:12: warning: region names: missing in Standard Moroccan Tamazight, shown in French on the zgh pages; the census data names regions in Arabic and French; a text missing in a language is shown in French, or else in Arabic (README.md, Languages)",
				"tadafor.yaml:4:12: warning: the portal's title: missing in Standard Moroccan Tamazight, shown in French on the zgh pages; write it under title: in tadafor.yaml, as zgh: …; a text missing in a language is shown in French, or else in Arabic (README.md, Languages)",
				`themes/default/i18n/zgh.yaml: error: missing key "home"; it is defined at themes/default/i18n/ar.yaml:6:1; add its ⵜⴰⵎⴰⵣⵉⵖⵜ (zgh) text to themes/default/i18n/zgh.yaml`,
			},
		},
		{
			name: "image without alternative text",
			overlay: `-- content/guide.fr.md --
---
title: Guide
---

Texte ![](/photo.png) et ![ ](/photo.png), mais ![{{ commune.name }}](/photo.png) est décrite.
`,
			want: []string{
				"content/guide.fr.md:5:7: error: image without alternative text; say what the image shows between the brackets: ![…](/photo.png)",
				"content/guide.fr.md:5:26: error: image without alternative text; say what the image shows between the brackets: ![…](/photo.png)",
			},
		},
		{
			name: "body starting at level 3",
			overlay: `-- content/guide.ar.md --
---
title: دليل
---

### تفاصيل
`,
			want: []string{"content/guide.ar.md:5:1: warning: the first heading is level 3 (###); write ##: the page title is the level-1 heading"},
		},
		{
			name: "level skipped after a heading",
			overlay: `-- content/guide.fr.md --
---
title: Guide
---

Intro.

# Partie

### Détails

## Suite

#### Encore
`,
			want: []string{
				"content/guide.fr.md:9:1: warning: heading level 3 (###) after level 1 skips level 2; write ##, or add a level-2 heading before it",
				"content/guide.fr.md:13:1: warning: heading level 4 (####) after level 2 skips level 3; write ###, or add a level-3 heading before it",
			},
		},
		{
			name: "TODO in the text, not in code nor in another word",
			overlay: `-- content/guide.fr.md --
---
title: Guide
---

Les TODOS ne comptent pas. Ici, TODO.

    TODO dans un bloc indenté
~~~~
TODO
~~~~
` + "`TODO`" + ` en ligne.
`,
			want: []string{
				`content/guide.fr.md:5:33: warning: the text still contains "TODO"; replace it with the real text before publishing`,
				`content/guide.fr.md:7:5: warning: the text still contains "TODO"; replace it with the real text before publishing`,
				`content/guide.fr.md:11:2: warning: the text still contains "TODO"; replace it with the real text before publishing`,
			},
		},
		{
			name: "TODO in the front matter and the profile",
			overlay: `-- content/guide.fr.md --
---
title: TODO
description: "Guide : TODO la suite"
---
-- communes/assilah/commune.yaml --
name:
  ar: أصيلة
  fr: Assilah
code: "01.511.01.01"
type: urban
region: "01"
province: "01.511"
population: 36039
census_year: 2024
contact:
  address:
    ar: TODO
    fr: avenue Hassan II, Assilah
`,
			want: []string{
				`communes/assilah/commune.yaml:12:9: warning: "contact.address.ar" is still "TODO"; replace it with the real text before publishing`,
				`content/guide.fr.md:2:8: warning: "title" is still "TODO"; replace it with the real text before publishing`,
				`content/guide.fr.md:3:14: warning: "description" still contains "TODO"; replace it with the real text before publishing`,
			},
		},
		{
			name: "TODO where a date is expected: the loader's errors only",
			overlay: `-- content/news/a.fr.md --
---
title: Nouvelle
kind: news
date: TODO
---
-- content/news/a.ar.md --
---
title: خبر
kind: news
date: 2026-03-02
---
`,
			want: []string{
				`content/news/a.fr.md:4:7: error: expected a date such as 2026-03-01, or a date and time such as 2026-03-01T18:30, found "TODO"`,
			},
		},
		{
			name: "empty items of a procedure",
			overlay: `-- content/procedures/permit.fr.md --
---
title: Permis
kind: procedure
procedure:
  purpose: Obtenir un permis.
  who: [Tout citoyen, "  "]
  documents:
    - situation: Pour soi
      items:
        -
  cost: Gratuit
  delay: Un jour
  where: Bureau
  steps: [Déposer]
  legal: [Loi 55-19]
  reviewed: 2026-01-10
---
-- content/procedures/permit.ar.md --
---
title: رخصة
---
`,
			want: []string{
				`content/procedures/permit.fr.md:6:23: error: empty item 2 of "procedure.who"; write the item, or remove the line`,
				`content/procedures/permit.fr.md:10:10: error: empty item 1 of "procedure.documents[0].items"; write the item, or remove the line`,
			},
		},
		{
			name: "empty required field of a procedure: the decoder's error",
			overlay: `-- content/procedures/permit.fr.md --
---
title: Permis
kind: procedure
procedure:
  purpose: ""
  who: [Tout citoyen]
  documents:
    - items: [Carte nationale]
  cost: Gratuit
  delay: Un jour
  where: Bureau
  steps: [Déposer]
  legal: [Loi 55-19]
  reviewed: 2026-01-10
---
-- content/procedures/permit.ar.md --
---
title: رخصة
---
`,
			want: []string{`content/procedures/permit.fr.md:5:12: error: "purpose" must not be empty`},
		},
		{
			name: "contacts that cannot work",
			overlay: `-- communes/assilah/commune.yaml --
name:
  ar: أصيلة
  fr: Assilah
code: "01.511.01.01"
type: urban
region: "01"
province: "01.511"
population: 36039
census_year: 2024
contact:
  address:
    ar: شارع الحسن الثاني، أصيلة
    fr: avenue Hassan II, Assilah
  phone: ["05 39 00 00 01", "+33 1 23 45 67 89", ""]
  email: contact@assilah.example
  website: http://www.assilah.ma
  map: https://www.example.com/assilah
`,
			want: []string{
				`communes/assilah/commune.yaml:14:29: error: expected a Moroccan phone number, found "+33 1 23 45 67 89"; write it as +212 5 22 12 34 56 or 05 22 12 34 56 (ten digits starting with 05, 06, 07 or 08)`,
				`communes/assilah/commune.yaml:14:50: error: empty item 3 of "contact.phone"; write the item, or remove the line`,
				`communes/assilah/commune.yaml:15:10: warning: the e-mail address "contact@assilah.example" cannot work: the domain assilah.example is reserved for examples; write the real address, or set "demo: true" in the profile of a demonstration commune`,
				`communes/assilah/commune.yaml:16:12: error: expected a secure web address (https://), found "http://www.assilah.ma"; replace http:// by https://`,
				`communes/assilah/commune.yaml:17:8: warning: the web address "https://www.example.com/assilah" cannot work: the domain www.example.com is reserved for examples; write the real address, or set "demo: true" in the profile of a demonstration commune`,
			},
		},
		{
			name: "invented addresses of a demonstration commune",
			overlay: `-- communes/assilah/commune.yaml --
name:
  ar: أصيلة
  fr: Assilah
code: "01.511.01.01"
type: urban
region: "01"
province: "01.511"
population: 36039
census_year: 2024
demo: true
contact:
  address:
    ar: شارع الحسن الثاني، أصيلة
    fr: avenue Hassan II, Assilah
  email: contact@assilah.example
-- communes/assilah/content/contact.fr.md --
---
title: Contact
---

Écrivez à <contact@assilah.example>.
-- communes/assilah/content/contact.ar.md --
---
title: اتصل بنا
---

راسلونا: <contact@assilah.example>.
`,
		},
		{
			name: "reserved address in a shared page",
			overlay: `-- content/guide.fr.md --
---
title: Guide
---

Écrivez à [la commune](mailto:commune@example.org).
`,
			want: []string{`content/guide.fr.md:5:11: warning: the e-mail address "mailto:commune@example.org" cannot work: the domain example.org is reserved for examples; write the real address, or set "demo: true" in the profile of a demonstration commune`},
		},
		{
			name: "dead links and anchors, Arabic anchors included",
			overlay: `-- content/guide.ar.md --
---
title: دليل
---

## الخطوة الأولى

[هنا](#الخطوة-الأولى) و[هناك](#الخطوة-الثانية) و[الرئيسية](index.md#الخدمات) و[غائبة](index.md#غائبة) و[صفحة](absent.md).
`,
			want: []string{
				`content/guide.ar.md:7:24: error: broken link "#الخطوة-الثانية": no heading with id "الخطوة-الثانية" on this page; did you mean "#الخطوة-الأولى"?`,
				`content/guide.ar.md:7:79: error: broken link "index.md#غائبة": no heading with the anchor #غائبة in content/index.ar.md`,
				`content/guide.ar.md:7:104: error: broken link "absent.md": no such page`,
			},
		},
		{
			name: "records whose dates contradict each other, document not found",
			overlay: `-- communes/assilah/data/sessions.yaml --
sessions:
  - id: 2026-02
    kind: ordinary
    date: 2026-02-02
    end: 2026-02-01
-- communes/assilah/data/petitions.yaml --
petitions:
  - ref: P-2026-001
    title: {ar: عريضة, fr: Pétition}
    filer: citizens
    filed: 2026-01-10
    signatures: 300
    channel: paper
    history:
      - {status: filed, date: 2026-01-10}
      - {status: examining, date: 2026-01-05}
-- communes/assilah/data/documents.yaml --
documents:
  - title: {ar: الميزانية, fr: Budget 2026}
    category: budget
    file: docs/budget-2026.pdf
    date: 2026-01-15
`,
			want: []string{
				`communes/assilah/data/documents.yaml:4:11: error: file "docs/budget-2026.pdf" not found: there is no file communes/assilah/static/docs/budget-2026.pdf; put the file there, or correct the path`,
				`communes/assilah/data/petitions.yaml:10:35: error: "examining" is dated 2026-01-05, before the previous status "filed" of 2026-01-10; list the statuses oldest first, each dated on or after the one before`,
				`communes/assilah/data/sessions.yaml:5:10: error: the session ends on 2026-02-01, before it opens on 2026-02-02; "end" is the day of the last sitting`,
			},
		},
		{
			name: "unknown placeholder",
			overlay: `-- content/guide.fr.md --
---
title: Guide
---

La commune de {{ commune.nom }}.
`,
			want: []string{`content/guide.fr.md:5:15: error: unknown placeholder "commune.nom"; did you mean "commune.name"?`},
		},
		{
			name: "interface string missing in a catalog",
			overlay: `-- themes/default/i18n/fr.yaml --
months: [janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre]
date_long: "{day} {month} {year}"
date_time: "{date} à {time}"
skip_link: "Aller au contenu principal"
`,
			want: []string{`themes/default/i18n/fr.yaml: error: missing key "home"; it is defined at themes/default/i18n/ar.yaml:6:1; add its Français (fr) text to themes/default/i18n/fr.yaml`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := lines(t, newProject(t, tt.overlay), Options{})
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(got, want) {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestFixtureReportsEverything checks a project with one mistake of each
// kind: every one is reported, once, in order, and nothing else.
func TestFixtureReportsEverything(t *testing.T) {
	t.Parallel()
	overlay, err := os.ReadFile("testdata/fixture.txtar")
	if err != nil {
		t.Fatal(err)
	}
	root := newProject(t, string(overlay))
	r, err := Check(context.Background(), root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range r.Findings {
		got = append(got, Line(e))
	}
	want := fixtureWant
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	wantTail := "ar (العربية): 6 of 6 pages, 5 of 5 interface strings\n" +
		"fr (Français): 3 of 6 pages, 4 of 5 interface strings\n" +
		"16 errors, 10 warnings in 14 files\n"
	if !strings.HasSuffix(text.String(), strings.Join(want, "\n")+"\n"+wantTail) {
		t.Errorf("text output:\n%s\nwant the findings then:\n%s", text.String(), wantTail)
	}
}

var fixtureWant = []string{
	`communes/assilah/commune.yaml:13:9: warning: "contact.address.fr" is still "TODO"; replace it with the real text before publishing`,
	`communes/assilah/commune.yaml:16:7: error: expected a Moroccan phone number, found "0123"; write it as +212 5 22 12 34 56 or 05 22 12 34 56 (ten digits starting with 05, 06, 07 or 08)`,
	`communes/assilah/commune.yaml:18:7: error: empty item 1 of "contact.fax"; write the item, or remove the line`,
	`communes/assilah/commune.yaml:19:10: error: expected an e-mail address such as contact@commune.ma, found "contact@assilah"; the domain after the @ needs a dot, such as commune.ma`,
	`communes/assilah/commune.yaml:20:12: error: expected a secure web address (https://), found "http://www.assilah.ma"; replace http:// by https://`,
	`communes/assilah/commune.yaml:21:8: warning: the web address "https://maps.example/assilah" cannot work: the domain maps.example is reserved for examples; write the real address, or set "demo: true" in the profile of a demonstration commune`,
	`communes/assilah/commune.yaml:26:10: warning: the e-mail address "information@assilah.example" cannot work: the domain assilah.example is reserved for examples; write the real address, or set "demo: true" in the profile of a demonstration commune`,
	`communes/assilah/content/news/market.ar.md:1:1: warning: no French translation; write communes/assilah/content/news/market.fr.md`,
	`communes/assilah/data/documents.yaml:4:11: error: file "docs/budget-2026.pdf" not found: there is no file communes/assilah/static/docs/budget-2026.pdf; put the file there, or correct the path`,
	`communes/assilah/data/sessions.yaml:5:10: error: the session ends on 2026-02-01, before it opens on 2026-02-02; "end" is the day of the last sitting`,
	`content/drafty.ar.md:1:1: warning: the French translation is a draft; content/drafty.fr.md has "draft: true"; remove it when the translation is ready`,
	`content/guide.fr.md:6:1: warning: the first heading is level 3 (###); write ##: the page title is the level-1 heading`,
	`content/guide.fr.md:8:61: error: broken link "missing.md": no such page`,
	`content/guide.fr.md:8:87: error: broken link "#nulle-part": no heading with id "nulle-part" on this page`,
	`content/guide.fr.md:10:1: error: image without alternative text; say what the image shows between the brackets: ![…](/photo.png)`,
	`content/guide.fr.md:14:1: warning: heading level 4 (####) after level 2 skips level 3; write ###, or add a level-3 heading before it`,
	`content/guide.fr.md:16:13: error: unknown placeholder "commune.nmae"; did you mean "commune.name"?`,
	`content/guide.fr.md:18:1: warning: the text still contains "TODO"; replace it with the real text before publishing`,
	`content/only-ar.ar.md:1:1: warning: no French translation; write content/only-ar.fr.md`,
	`content/procedures/permit.fr.md:4:1: error: unknown key "titel"; did you mean "title"?`,
	`content/procedures/permit.fr.md:6:3: error: missing required key "delay" in "procedure"; add a line "delay: …"`,
	`content/procedures/permit.fr.md:9:7: error: empty item 2 of "procedure.who"; write the item, or remove the line`,
	`content/procedures/permit.fr.md:13:10: error: empty item 2 of "procedure.documents[0].items"; write the item, or remove the line`,
	`content/procedures/permit.fr.md:14:9: warning: "procedure.cost" is still "TODO"; replace it with the real text before publishing`,
	`content/procedures/permit.fr.md:18:13: error: expected a date such as 2026-03-01, or a date and time such as 2026-03-01T18:30, found "TODO"`,
	`themes/default/i18n/fr.yaml: error: missing key "home"; it is defined at themes/default/i18n/ar.yaml:6:1; add its Français (fr) text to themes/default/i18n/fr.yaml`,
}

func TestJSONSchema(t *testing.T) {
	t.Parallel()
	r := &Result{
		Findings: diag.List{
			{Pos: diag.Pos{File: "content/a.fr.md", Line: 3, Col: 7}, Msg: "image without alternative text", Hint: "say what it shows"},
			{Pos: diag.Pos{File: "content/a.ar.md", Line: 1, Col: 1}, Severity: diag.SevWarning, Msg: "no French translation"},
		},
		Coverage: Coverage{Languages: []LangCoverage{{Lang: "ar", Name: "العربية", Pages: 2, PagesTotal: 2, Strings: 5, StringsTotal: 5}}},
		Files:    9,
	}
	var buf bytes.Buffer
	if err := r.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	want := `{
  "findings": [
    {
      "file": "content/a.fr.md",
      "line": 3,
      "col": 7,
      "severity": "error",
      "message": "image without alternative text",
      "hint": "say what it shows"
    },
    {
      "file": "content/a.ar.md",
      "line": 1,
      "col": 1,
      "severity": "warning",
      "message": "no French translation",
      "hint": ""
    }
  ],
  "coverage": {
    "languages": [
      {
        "lang": "ar",
        "name": "العربية",
        "pages": 2,
        "pages_total": 2,
        "strings": 5,
        "strings_total": 5
      }
    ]
  },
  "summary": {
    "errors": 1,
    "warnings": 1,
    "files": 9
  }
}
`
	if buf.String() != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", buf.String(), want)
	}

	// A clean result still has the arrays, never null.
	buf.Reset()
	if err := (&Result{}).WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var clean map[string]any
	if err := json.Unmarshal(buf.Bytes(), &clean); err != nil {
		t.Fatal(err)
	}
	if f, ok := clean["findings"].([]any); !ok || len(f) != 0 {
		t.Errorf("findings of a clean result = %#v, want []", clean["findings"])
	}
	if l, ok := clean["coverage"].(map[string]any)["languages"].([]any); !ok || len(l) != 0 {
		t.Errorf("languages of an empty result = %#v, want []", clean["coverage"])
	}
}

func TestCommandErrors(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "file")
	writeFile(t, filepath.Dir(file), "file", "x")
	for _, root := range []string{filepath.Join(t.TempDir(), "absent"), file} {
		if _, err := Run(context.Background(), root, Options{}); err == nil {
			t.Errorf("Run(%q) succeeded", root)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, newProject(t, ""), Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
}

// TestUnrenderableProject checks that a layout that does not parse stops
// the render (every page would fail the same way) but not the lints.
func TestUnrenderableProject(t *testing.T) {
	t.Parallel()
	root := newProject(t, `-- themes/default/layouts/base.html --
{{ if }}
-- content/guide.fr.md --
---
title: Guide
---

![](/photo.png) [absent](absent.md) <b>gras</b>
`)
	got := lines(t, root, Options{})
	want := []string{
		"content/guide.fr.md:5:1: error: image without alternative text; say what the image shows between the brackets: ![…](/photo.png)",
		"content/guide.fr.md:5:37: error: raw HTML is not allowed: <b>; use Markdown, or [text]{dir=ltr} for direction",
		"content/guide.fr.md:5:44: error: raw HTML is not allowed: </b>; use Markdown, or [text]{dir=ltr} for direction",
		"themes/default/layouts/base.html:1: error: template: missing value for if",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestOneCommune(t *testing.T) {
	t.Parallel()
	root := newProject(t, `-- communes/other/commune.yaml --
name: {ar: أخرى, fr: Autre}
type: rural
region: "01"
province: "01.511"
population: 100
census_year: 2024
contact:
  address: {ar: عنوان, fr: adresse}
-- communes/other/content/local.fr.md --
---
title: TODO
---
`)
	all := lines(t, root, Options{})
	one := lines(t, root, Options{Commune: "assilah"})
	if len(all) != 2 || len(one) != 0 {
		t.Errorf("whole project:\n%s\nassilah only:\n%s", strings.Join(all, "\n"), strings.Join(one, "\n"))
	}
}
