package i18n

import (
	"testing"

	"github.com/tadafor/tadafor/internal/site"
)

func TestNameOf(t *testing.T) {
	t.Parallel()
	fr := loadShipped(t, site.Lang{Code: "fr", Locale: "fr-MA"})
	ar := loadShipped(t, site.Lang{Code: "ar", Locale: "ar-MA"})
	tests := []struct {
		cat        *Catalog
		name, want string
	}{
		{fr, "Berkane", "de Berkane"},
		{fr, "El Ksiba", "d’El Ksiba"},
		{fr, "Aït Ourir", "d’Aït Ourir"},
		{fr, "Ait Ourir", "d’Ait Ourir"},
		{fr, "Oujda", "d’Oujda"},
		{fr, "Imouzzer Kandar", "d’Imouzzer Kandar"},
		{fr, "Ammelne", "d’Ammelne"},
		{fr, "Ézzhiliga", "d’Ézzhiliga"},
		{fr, "Ouled Teima", "d’Ouled Teima"},
		{fr, "Youssoufia", "de Youssoufia"}, // y is a consonant there
		{fr, "Had Soualem", "de Had Soualem"},
		{fr, "H'ssyia", "de H'ssyia"},
		{fr, "M'diq", "de M'diq"},
		{fr, "", "de "},
		{ar, "بركان", "بركان"},
		{ar, "القصيبة", "القصيبة"},
	}
	for _, tt := range tests {
		if got := tt.cat.NameOf(tt.name); got != tt.want {
			t.Errorf("%s: NameOf(%q) = %q, want %q", tt.cat.Lang().Code, tt.name, got, tt.want)
		}
	}
}

// A catalog with name_of but no form before a vowel uses name_of always;
// the messages take {name} and nothing else.
func TestNameOfMessages(t *testing.T) {
	t.Parallel()
	c := mustLoad(t, frDates+"name_of: \"of {name}\"\n", langFR)
	if got := c.NameOf("Oujda"); got != "of Oujda" {
		t.Errorf("NameOf = %q", got)
	}
	_, errs := Load("fr.yaml", []byte(frDates+"name_of: \"de {commune}\"\nname_of_vowel: \"d’\"\n"), langFR)
	want := []string{
		`fr.yaml:5:1: unknown placeholder {commune} in "name_of", which may use {name}; write it as name_of: "de {name}"`,
	}
	if len(errs) != len(want) || errs[0].Error() != want[0] {
		t.Errorf("errors %v, want %v", errs, want)
	}
}
