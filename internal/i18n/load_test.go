package i18n

import (
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
)

var (
	langAR  = site.Lang{Code: "ar", Name: "العربية", Dir: "rtl", Locale: "ar-MA"}
	langFR  = site.Lang{Code: "fr", Name: "Français", Dir: "ltr", Locale: "fr-MA"}
	langZGH = site.Lang{Code: "zgh", Name: "ⵜⴰⵎⴰⵣⵉⵖⵜ", Dir: "ltr", Locale: "zgh-MA"}
)

// head holds the reserved keys every catalog needs, on lines 1 to 3, so
// that test cases start on line 4.
const head = "months: [a, b, c, d, e, f, g, h, i, j, k, l]\n" +
	"date_long: \"{day} {month} {year}\"\n" +
	"date_time: \"{date} {time}\"\n"

// summary formats each finding as "pos: [warning: ]message", without the
// hint.
func summary(errs diag.List) []string {
	out := make([]string, len(errs))
	for i, e := range errs {
		out[i] = (&diag.Error{Pos: e.Pos, Severity: e.Severity, Msg: e.Msg}).Error()
	}
	return out
}

func TestLoadReportsProblemsAtTheirPosition(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		lang site.Lang
		src  string
		want []string
	}{
		{
			name: "unclosed placeholder in a double-quoted text",
			lang: langAR,
			src:  head + `demo: "معطيات {name غير حقيقية"` + "\n",
			want: []string{`f.yaml:4:15: unclosed placeholder "{name غير حقيقية" in message "demo"`},
		},
		{
			name: "unclosed placeholder in a plain text",
			lang: langFR,
			src:  head + "a: x {n\n",
			want: []string{`f.yaml:4:6: unclosed placeholder "{n" in message "a"`},
		},
		{
			name: "unclosed placeholder after escapes",
			lang: langFR,
			src:  head + `a: "l\u2019x {n"` + "\nb: 'l''x {n'\n",
			want: []string{
				`f.yaml:4:14: unclosed placeholder "{n" in message "a"`,
				`f.yaml:5:10: unclosed placeholder "{n" in message "b"`,
			},
		},
		{
			name: "unclosed placeholder in a literal block",
			lang: langFR,
			src:  head + "a: |\n  first line\n  then {n\n",
			want: []string{`f.yaml:6:8: unclosed placeholder "{n" in message "a"`},
		},
		{
			name: "unclosed placeholder followed by another",
			lang: langFR,
			src:  head + `a: "{n {m}"` + "\n",
			want: []string{`f.yaml:4:5: unclosed placeholder "{n " in message "a"`},
		},
		{
			name: "unmatched, empty and invalid placeholders",
			lang: langFR,
			src:  head + `a: "x }"` + "\nb: \"{}\"\nc: \"{a b}\"\nd: \"{1st}\"\ne: \"{{literal}} {ok}\"\n",
			want: []string{
				`f.yaml:4:7: unmatched "}" in message "a"`,
				`f.yaml:5:5: empty placeholder "{}" in message "b"`,
				`f.yaml:6:5: invalid placeholder "{a b}" in message "c"`,
				`f.yaml:7:5: invalid placeholder "{1st}" in message "d"`,
			},
		},
		{
			name: "malformed placeholder in a plural form",
			lang: langFR,
			src:  head + "s:\n  one: \"{n signature\"\n  many: \"{n} signatures\"\n  other: \"{n} signatures\"\n",
			want: []string{`f.yaml:5:9: unclosed placeholder "{n signature" in the "one" form of "s"`},
		},
		{
			name: "unknown plural category with a suggestion",
			lang: langAR,
			src: head + "signatures:\n  zero: \"لا توقيع\"\n  one: \"توقيع واحد\"\n  two: \"توقيعان\"\n" +
				"  fw: \"{n} توقيعات\"\n  many: \"{n} توقيعًا\"\n  other: \"{n} توقيع\"\n",
			want: []string{
				`f.yaml:4:1: plural message "signatures" lacks the category few required by ar-MA`,
				`f.yaml:8:3: unknown plural category "fw" in "signatures"; did you mean "few"?`,
			},
		},
		{
			name: "category the locale never uses",
			lang: langFR,
			src:  head + "s:\n  one: x\n  two: y\n  many: z\n  other: z\n",
			want: []string{`f.yaml:6:3: warning: plural category "two" is never used by fr-MA; this form of "s" is never shown`},
		},
		{
			name: "missing categories",
			lang: langAR,
			src:  head + "s:\n  one: x\n  other: y\n",
			want: []string{`f.yaml:4:1: plural message "s" lacks the categories zero, two, few, many required by ar-MA`},
		},
		{
			name: "French needs many",
			lang: langFR,
			src:  head + "s:\n  one: x\n  other: y\n",
			want: []string{`f.yaml:4:1: plural message "s" lacks the category many required by fr-MA`},
		},
		{
			name: "duplicate category",
			lang: langZGH,
			src:  head + "s:\n  other: x\n  other: y\n",
			want: []string{`f.yaml:6:3: duplicate key "other"`},
		},
		{
			name: "values of the wrong type",
			lang: langZGH,
			src:  head + "s:\n  other: [x]\nl: [a, {b: c}]\nm:\n  other:\n    deep: x\n",
			want: []string{
				`f.yaml:5:10: expected text for the "other" form of "s", found a list`,
				`f.yaml:6:8: expected text for item 2 of "l", found a mapping (key: value)`,
				`f.yaml:9:5: expected text for the "other" form of "m", found a mapping (key: value)`,
			},
		},
		{
			name: "empty messages",
			lang: langZGH,
			src:  head + "a: \"\"\nb:\nc: []\nd: {}\ne: \"  \"\nf:\n  other:\ng: [x, \"\"]\n",
			want: []string{
				`f.yaml:4:4: message "a" is empty`,
				`f.yaml:5:3: message "b" is empty`,
				`f.yaml:6:4: list "c" is empty`,
				`f.yaml:7:4: plural message "d" has no forms`,
				`f.yaml:8:4: message "e" is empty`,
				`f.yaml:10:9: the "other" form of "f" is empty`,
				`f.yaml:11:8: item 2 of "g" is empty`,
			},
		},
		{
			name: "duplicate and invalid keys",
			lang: langFR,
			src:  head + "home: Accueil\nhome: Maison\nSkip-Link: x\n",
			want: []string{
				`f.yaml:5:1: duplicate key "home"`,
				`f.yaml:6:1: invalid message key "Skip-Link"`,
			},
		},
		{
			name: "reserved keys of the wrong shape",
			lang: langFR,
			src: "months: [janvier, février]\nweekdays: x\ndate_long: \"{jour} {month} {year}\"\n" +
				"date_time: \"{date} {time}\"\ndate_first_day: \"{day}er\"\n",
			want: []string{
				`f.yaml:1:1: "months" must list 12 items, found 2`,
				`f.yaml:2:1: "weekdays" must be a list, found a text`,
				`f.yaml:3:1: unknown placeholder {jour} in "date_long", which may use {day}, {month}, {year}`,
				`f.yaml:5:1: "date_first_day" takes no placeholder, found {day}`,
			},
		},
		{
			name: "missing reserved keys",
			lang: langFR,
			src:  "home: Accueil\n",
			want: []string{
				`f.yaml: missing key "date_long"`,
				`f.yaml: missing key "date_time"`,
				`f.yaml: missing key "months"`,
			},
		},
		{
			name: "a document that is not a mapping",
			lang: langFR,
			src:  "- a\n- b\n",
			want: []string{`f.yaml:1:1: expected a mapping of message keys to texts, found a list`},
		},
		{
			name: "a null document",
			lang: langFR,
			src:  "~\n",
			want: []string{`f.yaml:1:1: expected a mapping of message keys to texts, found nothing`},
		},
		{
			name: "an empty document",
			lang: langFR,
			src:  "# nothing yet\n",
			want: []string{
				`f.yaml: missing key "date_long"`,
				`f.yaml: missing key "date_time"`,
				`f.yaml: missing key "months"`,
			},
		},
		{
			name: "invalid YAML",
			lang: langFR,
			src:  head + "a: \"x\n",
			want: []string{`f.yaml:4:1: invalid YAML: found unexpected end of stream`},
		},
		{
			name: "invalid locale",
			lang: site.Lang{Code: "xx", Locale: "not a locale"},
			src:  head,
			want: []string{`f.yaml: invalid locale "not a locale" of language "xx": language: tag is not well-formed`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errs := Load("f.yaml", []byte(tt.src), tt.lang)
			got := summary(errs)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("Load reported:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestLoadHints(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, src, want string
	}{
		{
			name: "unknown category lists the locale's categories",
			src:  head + "s:\n  one: x\n  meny: y\n  other: z\n",
			want: `f.yaml:6:3: unknown plural category "meny" in "s"; did you mean "many"?; fr-MA uses the categories one, many, other`,
		},
		{
			name: "missing category says what to add",
			src:  head + "s:\n  one: x\n  other: z\n",
			want: `f.yaml:4:1: plural message "s" lacks the category many required by fr-MA; add a line "many: …" under s:; fr-MA uses one, many, other`,
		},
		{
			name: "duplicate key points at the first one",
			src:  head + "a: x\na: y\n",
			want: `f.yaml:5:1: duplicate key "a"; it is already defined at f.yaml:4:1; remove one of them (only the last one would count)`,
		},
		{
			name: "unclosed placeholder says how to close it",
			src:  head + "a: \"{n\"\n",
			want: `f.yaml:4:5: unclosed placeholder "{n" in message "a"; close it with } as in {name}, or write {{ for a literal {`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, errs := Load("f.yaml", []byte(tt.src), langFR)
			for _, e := range errs {
				if e.Error() == tt.want {
					return
				}
			}
			t.Errorf("Load reported:\n%v\nwant among them:\n%s", errs, tt.want)
		})
	}
}

func TestLoadKeepsGoodMessagesWhenOthersFail(t *testing.T) {
	t.Parallel()
	c, errs := Load("f.yaml", []byte(head+"good: ok\nbad: \"{x\"\n"), langFR)
	if !errs.HasErrors() {
		t.Fatal("Load reported no error for a malformed placeholder")
	}
	if !c.Has("good") || c.Has("bad") {
		t.Errorf("Has(good), Has(bad) = %v, %v; want true, false", c.Has("good"), c.Has("bad"))
	}
	if got, want := c.Keys(), []string{"date_long", "date_time", "good", "months"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Keys() = %q, want %q", got, want)
	}
	if got := c.Pos("good").String(); got != "f.yaml:4:1" {
		t.Errorf("Pos(good) = %s, want f.yaml:4:1", got)
	}
	if got := c.Pos("nothing").String(); got != "f.yaml" {
		t.Errorf("Pos(nothing) = %s, want f.yaml", got)
	}
}
