package render

import (
	"encoding/json"
	"testing"

	"github.com/tadafor/tadafor/internal/site"
)

func TestInternationalPhone(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"05 36 00 00 01", "+212536000001"},
		{"0536-00-00-01", "+212536000001"},
		{"+212 5 36 00 00 01", "+212536000001"},
		{"00212 536 000 001", "+212536000001"},
		{"06 61 00 00 00", "+212661000000"},
		{"15", ""},
		{"536 00 00 01", ""},
	}
	for _, tt := range tests {
		if got := internationalPhone(tt.in); got != tt.want {
			t.Errorf("internationalPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCommuneJSONLD checks the description of a real commune and of a
// demonstration one, in two languages.
func TestCommuneJSONLD(t *testing.T) {
	t.Parallel()
	c := &site.Commune{
		Name:       site.Text{"ar": "بركان", "fr": "Berkane"},
		RegionName: site.Text{"ar": "الشرق", "fr": "Oriental"},
		Contact: site.Contact{
			Address: site.Text{"ar": "شارع محمد الخامس", "fr": "Avenue Mohammed V"},
			Phone:   []string{"05 36 61 00 00"},
			Email:   "contact@berkane.ma",
			Website: "https://www.berkane.ma/",
		},
	}
	decode := func(lang string) map[string]any {
		var obj map[string]any
		if err := json.Unmarshal([]byte(communeJSONLD(c, "https://communes.example/berkane/", lang, nil)), &obj); err != nil {
			t.Fatal(err)
		}
		return obj
	}
	ar, fr := decode("ar"), decode("fr")
	// Properties in the order of their names, every one of them.
	if got, want := string(communeJSONLD(c, "https://communes.example/berkane/", "fr", nil)), `{"@context":"https://schema.org","@id":"https://communes.example/berkane/#commune","@type":"GovernmentOrganization",`+
		`"address":{"@type":"PostalAddress","addressCountry":"MA","addressLocality":"Berkane","addressRegion":"Oriental","streetAddress":"Avenue Mohammed V"},`+
		`"areaServed":{"@type":"AdministrativeArea","name":"Berkane"},"email":"contact@berkane.ma","name":"Berkane","telephone":"+212536610000","url":"https://www.berkane.ma/"}`; got != want {
		t.Errorf("communeJSONLD =\n%s\nwant\n%s", got, want)
	}
	if ar["@id"] != "https://communes.example/berkane/#commune" || fr["@id"] != ar["@id"] {
		t.Errorf("@id %v and %v, want one for both languages", ar["@id"], fr["@id"])
	}
	if fr["url"] != "https://www.berkane.ma/" || fr["telephone"] != "+212536610000" || fr["email"] != "contact@berkane.ma" {
		t.Errorf("url, telephone or email: %v", fr)
	}
	addr := fr["address"].(map[string]any)
	if addr["addressLocality"] != "Berkane" || addr["streetAddress"] != "Avenue Mohammed V" || addr["addressCountry"] != "MA" {
		t.Errorf("address %v", addr)
	}
	if _, ok := fr["inLanguage"]; ok {
		t.Error("inLanguage is not a property of GovernmentOrganization")
	}

	c.Demo = true
	demo := decode("fr")
	for _, k := range []string{"telephone", "email"} {
		if _, ok := demo[k]; ok {
			t.Errorf("a demonstration commune asserts its %s", k)
		}
	}
	if _, ok := demo["address"].(map[string]any)["streetAddress"]; ok {
		t.Error("a demonstration commune asserts its street")
	}
}
