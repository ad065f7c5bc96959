package segment_test

import (
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/segment"
)

func TestProblem(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want string }{
		{"petitions", ""},
		{"العرائض", ""},
		{"المشاركة-المواطنة", ""},
		{"النظام_الداخلي", ""},
		{"العَرَائِض", ""}, // with harakat
		{"ⵜⴰⵎⴰⵣⵉⵖⵜ", ""},   // Tifinagh
		{"Pétitions-2026", ""},
		{"٢٠٢٦", ""}, // Arabic-Indic digits
		{"", "nothing"},
		{".", `a dot (".")`},
		{"..", `a dot (".")`},
		{".hidden", `a dot (".")`},
		{"feed.xml", `a dot (".")`},
		{"a/b", `a slash ("/")`},
		{`..\..\x`, `a dot (".")`},
		{`a\b`, `a backslash ("\")`},
		{"a b", "a space"},
		{"a\x00b", "an invisible character (U+0000)"},
		{"a\nb", "an invisible character (U+000A)"},
		{"ab\u200f", "an invisible character (U+200F)"},      // right-to-left mark
		{"\u202egpj.exe", "an invisible character (U+202E)"}, // right-to-left override
		{"a\u200db", "an invisible character (U+200D)"},      // zero-width joiner
		{"a\u3164b", "an invisible character (U+3164)"},      // Hangul filler, a "letter"
		{"a\ufe0fb", "an invisible character (U+FE0F)"},      // variation selector
		{"\u064eabc", "an accent or mark (U+064E) with no letter before it"},
		{"e\u0301te", "letters written in decomposed form (a letter, then its accent as a separate character)"},
		{"a?b", `the character '?'`},
		{"a%2e", `the character '%'`},
		{"a#b", `the character '#'`},
		{"a:b", `the character ':'`},
		{"\xff", "bytes that are not UTF-8"},
		{strings.Repeat("ع", 101), "202 bytes, more than the 200 a folder name may have"},
	} {
		if got := segment.Problem(tt.in); got != tt.want {
			t.Errorf("Problem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCheckSuggestsTheComposedForm(t *testing.T) {
	t.Parallel()
	msg, hint := segment.Check("e\u0301te")
	if msg == "" || hint != `write "éte" (the same letters, composed)` {
		t.Errorf("Check = %q, %q", msg, hint)
	}
	if msg, hint := segment.Check("العرائض"); msg != "" || hint != "" {
		t.Errorf("a valid slug: %q, %q", msg, hint)
	}
}

func TestIsID(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"berkane": true, "sidi-slimane": true, "b2026": true, "2026-02": true,
		"": false, "Berkane": false, "sidi--slimane": false, "-a": false, "a-": false, "a_b": false,
		"..": false, "a.b": false, "بركان": false, "a b": false, strings.Repeat("a", segment.MaxIDLen+1): false,
	} {
		if got := segment.IsID(in); got != want {
			t.Errorf("IsID(%q) = %v", in, got)
		}
	}
}

func TestToID(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Conseil Municipal":        "conseil-municipal",
		"Sidi Slimane":             "sidi-slimane",
		"Ksar El Kébir":            "ksar-el-kebir",
		"l'été":                    "l-ete",
		"Œuvres":                   "oeuvres",
		"../etc":                   "etc",
		"بركان":                    "",
		"  --Berkane 2026-- ":      "berkane-2026",
		"مجلس council":             "council",
		"A\u200fB":                 "a-b",
		"Ait Ben Haddou (Ouarzaz)": "ait-ben-haddou-ouarzaz",
	} {
		if got := segment.ToID(in); got != want {
			t.Errorf("ToID(%q) = %q, want %q", in, got, want)
		}
		if got := segment.ToID(in); got != "" && !segment.IsID(got) {
			t.Errorf("ToID(%q) = %q is not an identifier", in, got)
		}
	}
}

func FuzzProblem(f *testing.F) {
	for _, s := range []string{"العرائض", "..", "a/b", "e\u0301", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if segment.Problem(s) != "" {
			return
		}
		// A segment that passes is one harmless name.
		if s == "." || s == ".." || strings.ContainsAny(s, "/\\.\x00 ") {
			t.Fatalf("%q passed", s)
		}
		if id := segment.ToID(s); id != "" && !segment.IsID(id) && len(id) <= segment.MaxIDLen {
			t.Fatalf("ToID(%q) = %q", s, id)
		}
	})
}
