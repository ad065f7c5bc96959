package i18n

import (
	"strings"
	"testing"
)

func TestCompare(t *testing.T) {
	t.Parallel()
	ref := mustLoad(t, head+
		"home: \"الرئيسية\"\n"+ // 4
		"skip_link: \"انتقل إلى المحتوى الرئيسي\"\n"+ // 5
		"published_on: \"نُشر بتاريخ {date}\"\n"+ // 6
		"read_in: \"اقرأ باللغة {lang}\"\n"+ // 7
		"pages:\n  zero: لا صفحات\n  one: صفحة\n  two: صفحتان\n  few: \"{n} صفحات\"\n  many: \"{n} صفحة\"\n  other: \"{n} صفحة\"\n"+ // 8
		"steps: [أ, ب, ج]\n"+ // 15
		"footer: \"حول الموقع\"\n", // 16
		langAR)
	c := mustLoad(t, head+
		"date_first_day: \"1er\"\n"+ // 4: per-language key, never reported
		"hom: \"Accueil\"\n"+ // 5: misspelt, home missing
		"published_on: \"Publié le {day}\"\n"+ // 6: placeholder not in ref, {date} left out
		"read_in: \"Lire en français\"\n"+ // 7: {lang} left out
		"pages: \"{n} pages\"\n"+ // 8: text where ref has a plural
		"steps: [a, b]\n"+ // 9: two items where ref has three
		"footer: \"À propos\"\n"+ // 10
		"extra: \"En plus\"\n", // 11: not in ref
		langFR)
	want := []string{
		`fr.yaml: missing key "home"; it is defined at ar.yaml:4:1; add its Français (fr) text to fr.yaml`,
		`fr.yaml: missing key "skip_link"; it is defined at ar.yaml:5:1; add its Français (fr) text to fr.yaml`,
		`fr.yaml:5:1: warning: key "hom" is not in the reference catalog ar.yaml; did you mean "home"?`,
		`fr.yaml:6:1: warning: "published_on" does not use the placeholder {date} of the reference message; see ar.yaml:6:1`,
		`fr.yaml:6:1: placeholder {day} of "published_on" is not in the reference message, so no value is given for it; did you mean {date}?; the reference message at ar.yaml:6:1 uses {date}`,
		`fr.yaml:7:1: warning: "read_in" does not use the placeholder {lang} of the reference message; see ar.yaml:7:1`,
		`fr.yaml:8:1: "pages" is a text here but a plural message in the reference catalog; see ar.yaml:8:1`,
		`fr.yaml:9:1: "steps" lists 2 items here but 3 in the reference catalog; see ar.yaml:15:1`,
		`fr.yaml:11:1: warning: key "extra" is not in the reference catalog ar.yaml; remove it, or add it to ar.yaml`,
	}
	got := c.Compare(ref)
	var lines []string
	for _, e := range got {
		lines = append(lines, e.Error())
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("Compare reported:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	if !got.HasErrors() {
		t.Error("Compare found no error")
	}
}

func TestCompareIgnoresPluralCountAndPerLanguageKeys(t *testing.T) {
	t.Parallel()
	ref := mustLoad(t, head+"s:\n  zero: لا توقيع\n  one: توقيع واحد\n  two: توقيعان\n  few: \"{n} توقيعات\"\n  many: \"{n} توقيعًا\"\n  other: \"{n} توقيع\"\n", langAR)
	c := mustLoad(t, head+"date_first_day: \"1er\"\ns:\n  one: une signature\n  many: \"{n} signatures\"\n  other: \"{n} signatures\"\n", langFR)
	if errs := c.Compare(ref); len(errs) > 0 {
		t.Errorf("fr against ar: %v", errs)
	}
	if errs := ref.Compare(c); len(errs) > 0 {
		t.Errorf("ar against fr: %v", errs)
	}
}
