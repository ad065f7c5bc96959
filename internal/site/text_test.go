package site_test

import (
	"slices"
	"testing"

	"github.com/tadafor/tadafor/internal/site"
)

// A text missing in a language falls back to French, then to Arabic; a
// text still to write is never replaced by another language's.
func TestTextFallsBackInOneOrder(t *testing.T) {
	t.Parallel()
	both := site.Text{"ar": "الجهة الشرقية", "fr": "Oriental"}
	tests := []struct {
		name        string
		text        site.Text
		lang        string
		want, in    string
		get, writes string
	}{
		{"the language itself", both, "ar", "الجهة الشرقية", "ar", "الجهة الشرقية", "الجهة الشرقية"},
		{"a third language shows French", both, "zgh", "Oriental", "fr", "Oriental", "Oriental"},
		{"then Arabic", site.Text{"ar": "الجهة الشرقية"}, "zgh", "الجهة الشرقية", "ar", "الجهة الشرقية", "الجهة الشرقية"},
		{"French missing shows Arabic", site.Text{"ar": "الجهة الشرقية"}, "fr", "الجهة الشرقية", "ar", "الجهة الشرقية", "الجهة الشرقية"},
		{"an empty text is missing", site.Text{"zgh": "", "fr": "Oriental"}, "zgh", "Oriental", "fr", "Oriental", "Oriental"},
		{"to write in the language", site.Text{"zgh": site.ToWrite, "fr": "Oriental"}, "zgh", site.ToWrite, "zgh", site.ToWrite, ""},
		{"a fallback to write is skipped", site.Text{"fr": site.ToWrite, "ar": "الجهة الشرقية"}, "zgh", "الجهة الشرقية", "ar", "الجهة الشرقية", "الجهة الشرقية"},
		{"in no language", site.Text{"en": "East"}, "zgh", "", "", "", ""},
		{"nil", nil, "fr", "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, in := tt.text.In(tt.lang)
			if got != tt.want || in != tt.in {
				t.Errorf("In(%q) = %q, %q; want %q, %q", tt.lang, got, in, tt.want, tt.in)
			}
			if got := tt.text.Get(tt.lang); got != tt.get {
				t.Errorf("Get(%q) = %q, want %q", tt.lang, got, tt.get)
			}
			if got := tt.text.Written(tt.lang); got != tt.writes {
				t.Errorf("Written(%q) = %q, want %q", tt.lang, got, tt.writes)
			}
		})
	}
}

func TestFallbackLangsIsACopy(t *testing.T) {
	t.Parallel()
	langs := site.FallbackLangs()
	if !slices.Equal(langs, []string{"fr", "ar"}) {
		t.Fatalf("FallbackLangs() = %v, want [fr ar]", langs)
	}
	langs[0] = "en"
	if got, _ := (site.Text{"en": "East", "fr": "Est"}).In("zgh"); got != "Est" {
		t.Errorf("changing the returned slice changed the order: In = %q", got)
	}
}

func TestCodes(t *testing.T) {
	t.Parallel()
	langs := site.DefaultSettings().Languages
	if got := site.Codes(langs); !slices.Equal(got, []string{"ar", "fr"}) {
		t.Errorf("Codes(default languages) = %v", got)
	}
	if got := site.Codes(nil); len(got) != 0 {
		t.Errorf("Codes(nil) = %v", got)
	}
}
