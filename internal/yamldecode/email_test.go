package yamldecode

import (
	"net/mail"
	"net/url"
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		addr string
		ok   bool
	}{
		{"contact@berkane.ma", true},
		{"bureau.ordre-1@commune-berkane.gov.ma", true},
		{"a+petitions@b.ma", true},
		{"Contact@Berkane.MA", true},
		{"info@بركان.المغرب", true},
		{"a_b@x-y.ma", true},

		{"a@b.ma?bcc=x@y.ma", false},
		{"a@b.ma?subject=hello", false},
		{"a?bcc=x@y.ma", false},
		{"a@b.ma#top", false},
		{"a@b.ma&cc=c@d.ma", false},
		{"a%3Fbcc@b.ma", false},
		{"mailto:a@b.ma", false},
		{"MAILTO:a@b.ma", false},
		{"a@b@c.ma", false},
		{"a.b.ma", false},
		{"@b.ma", false},
		{"a@", false},
		{"a@b", false},
		{"a@.ma", false},
		{"a@b..ma", false},
		{"a@-b.ma", false},
		{"a@b-.ma", false},
		{"a@b.ma.", false},
		{".a@b.ma", false},
		{"a.@b.ma", false},
		{"a..b@c.ma", false},
		{"a b@c.ma", false},
		{"a@b.ma c@d.ma", false},
		{"a@b.ma,c@d.ma", false},
		{"a@b.ma;c@d.ma", false},
		{"a\u00a0b@c.ma", false},
		{"Commune <a@b.ma>", false},
		{"<a@b.ma>", false},
		{`"a b"@c.ma`, false},
		{"a@b.ma\n", false},
		{"a@[127.0.0.1]", false},
		{"a@b.ma/x", false},
		{"a:b@c.ma", false},
		{"a!b@c.ma", false},
		{"جماعة@بركان.ma", false},
		{strings.Repeat("a", 65) + "@b.ma", false},
		{"a@" + strings.Repeat("b", 64) + ".ma", false},
	}
	for _, tt := range tests {
		msg, hint := checkEmail(tt.addr)
		if (msg == "") != tt.ok {
			t.Errorf("checkEmail(%q) = %q, %q; want accepted = %v", tt.addr, msg, hint, tt.ok)
		}
		if msg != "" && hint == "" {
			t.Errorf("checkEmail(%q): no hint", tt.addr)
		}
	}
}

// FuzzEmail checks that an accepted address is one address and nothing
// more, whether read as a mail header or after "mailto:".
func FuzzEmail(f *testing.F) {
	for _, s := range []string{"contact@berkane.ma", "a@b.ma?bcc=x@y", "Commune <a@b.ma>", "a@b@c.ma", "info@بركان.المغرب", "a+b@c-d.ma"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if msg, _ := checkEmail(s); msg != "" {
			return
		}
		if strings.Count(s, "@") != 1 || strings.ContainsAny(s, " \t\r\n?#&=%/\\:;,<>\"'") {
			t.Fatalf("accepted %q", s)
		}
		a, err := mail.ParseAddress(s)
		if err != nil || a.Address != s || a.Name != "" {
			t.Fatalf("accepted %q, which mail reads as %v, %v", s, a, err)
		}
		u, err := url.Parse("mailto:" + s)
		if err != nil || u.Opaque != s || u.RawQuery != "" || u.Fragment != "" {
			t.Fatalf("accepted %q, which a mail link reads as %#v, %v", s, u, err)
		}
	})
}
