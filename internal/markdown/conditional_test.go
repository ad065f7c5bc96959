package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The commune of newTestEnv has commune.name and commune.phone, and lacks
// contact.hours and contact.email.
func TestConditionals(t *testing.T) {
	t.Parallel()
	checkHTML(t, "fr", newTestEnv(), []htmlCase{
		{"if, fact present", "Appelez {{ if commune.phone }}le {{ commune.phone }}{{ else }}la mairie{{ end }}.\n",
			"<p>Appelez le <bdi>0524 48 00 00</bdi>.</p>\n"},
		{"if, fact absent", "Appelez {{ if contact.hours }}le {{ contact.hours }}{{ else }}la *mairie*{{ end }}.\n",
			"<p>Appelez la <em>mairie</em>.</p>\n"},
		{"if without else, absent", "a{{ if contact.email }} b{{ end }} c\n", "<p>a c</p>\n"},
		{"empty first branch", "a {{ if contact.email }}{{ else }}sans courriel{{ end }}\n", "<p>a sans courriel</p>\n"},
		{"spaces optional", "{{if commune.phone}}oui{{else}}non{{end}}\n", "<p>oui</p>\n"},
		{"fallback, fact present", `Tél. : {{ commune.phone or "à la mairie" }}` + "\n", "<p>Tél. : <bdi>0524 48 00 00</bdi></p>\n"},
		{"fallback, fact absent, Markdown inside", `Horaires : {{ contact.hours or "voir [le guide](guide.md), l'*accueil*" }}` + "\n",
			"<p>Horaires : voir <a href=\"../guide/\">le guide</a>, l’<em>accueil</em></p>\n"},
		{"fallback with a placeholder", `{{ contact.email or "la mairie de {{ commune.name }}" }}` + "\n",
			"<p>la mairie de <bdi>Aït Ourir</bdi></p>\n"},
		{"quotes in a fallback", `{{ contact.email or "le "bureau" d'ordre" }}` + "\n",
			"<p>le «bureau» d’ordre</p>\n"},
		{"nested", "{{ if commune.name }}A{{ if contact.hours }}B{{ else }}C{{ end }}D{{ end }}\n", "<p>ACD</p>\n"},
		{"fallback nested in if", `{{ if commune.name }}écrire à {{ contact.email or "la mairie" }}{{ end }}` + "\n", "<p>écrire à la mairie</p>\n"},
		{"across lines", "{{ if contact.hours }}\nun\n{{ else }}\ndeux\n{{ end }}\n", "<p>\ndeux\n</p>\n"},
		{"list item left out", "- a\n- {{ if contact.hours }}**H** : {{ contact.hours }}{{ end }}\n- c\n",
			"<ul>\n<li>a</li>\n<li>c</li>\n</ul>\n"},
		{"list item kept", "- a\n- {{ if commune.phone }}**T** : {{ commune.phone }}{{ end }}\n- c\n",
			"<ul>\n<li>a</li>\n<li><strong>T</strong> : <bdi>0524 48 00 00</bdi></li>\n<li>c</li>\n</ul>\n"},
		{"list item shown when absent", "- a\n- {{ if contact.email }}{{ else }}pas de courriel{{ end }}\n",
			"<ul>\n<li>a</li>\n<li>pas de courriel</li>\n</ul>\n"},
		{"loose list item left out", "- a\n\n- {{ if contact.hours }}h{{ end }}\n\n- c\n",
			"<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>c</p>\n</li>\n</ul>\n"},
		{"paragraph left out", "a\n\n{{ if contact.hours }}h{{ end }}\n\nc\n", "<p>a</p>\n<p>c</p>\n"},
		{"paragraph kept", "{{ if commune.name }}h{{ end }}\n", "<p>h</p>\n"},
		{"in a table cell", "| a |\n|---|\n| {{ contact.hours or \"aucun\" }} |\n",
			"<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>aucun</td>\n</tr>\n</tbody>\n</table>\n"},
		{"in a link", "[{{ if commune.phone }}appeler{{ else }}écrire{{ end }}](guide.md)\n", "<p><a href=\"../guide/\">appeler</a></p>\n"},
		{"in a span", "[{{ contact.hours or \"fermé\" }}]{lang=fr}\n", "<p><bdi lang=\"fr\" dir=\"ltr\">fermé</bdi></p>\n"},
		{"not in code", "`{{ if contact.hours }}x{{ end }}`\n", "<p><code>{{ if contact.hours }}x{{ end }}</code></p>\n"},
		{"escaped", `\{{ if contact.hours }}x\{{ end }}` + "\n", "<p>{{ if contact.hours }}x{{ end }}</p>\n"},
		{"a quote and braces outside a fallback are text", `"a" }} b` + "\n", "<p>«a» }} b</p>\n"},
	})
}

func TestConditionalErrors(t *testing.T) {
	t.Parallel()
	checkErrors(t, []errorCase{
		{
			name:  "if without a name",
			src:   "a {{ if }} b\n",
			parse: []string{`content/x.ar.md:1:3: malformed condition "{{ if }}"; write {{ if contact.phone }}: one name after if`},
		},
		{
			name:  "if with two names",
			src:   "{{ if a b }}x{{ end }}\n",
			parse: []string{`content/x.ar.md:1:1: malformed condition "{{ if a b }}"; write {{ if contact.phone }}: one name after if`, `content/x.ar.md:1:14: {{ end }} without {{ if }}; open it with {{ if name }}`},
		},
		{
			name:  "if with a bad name",
			src:   "{{ if Contact.Phone }}x{{ end }}\n",
			parse: []string{`content/x.ar.md:1:1: malformed condition "{{ if Contact.Phone }}"; did you mean "contact.phone"?`, `content/x.ar.md:1:24: {{ end }} without {{ if }}; open it with {{ if name }}`},
		},
		{
			name:  "else and end take nothing",
			src:   "{{ if commune.name }}x{{ else y }}z{{ end commune.name }}\n",
			parse: []string{`content/x.ar.md:1:1: unclosed {{ if commune.name }}; end it with {{ end }} in the same paragraph, list item or table cell`, `content/x.ar.md:1:23: malformed "{{ else y }}"; write {{ else }} alone`, `content/x.ar.md:1:36: malformed "{{ end commune.name }}"; write {{ end }} alone`},
		},
		{
			name:  "unclosed if",
			src:   "a\n\nb {{ if commune.name }} c\n",
			parse: []string{`content/x.ar.md:3:3: unclosed {{ if commune.name }}; end it with {{ end }} in the same paragraph, list item or table cell`},
		},
		{
			name: "end in another paragraph",
			src:  "a {{ if commune.name }} b\n\nc {{ end }}\n",
			parse: []string{
				`content/x.ar.md:1:3: unclosed {{ if commune.name }}; end it with {{ end }} in the same paragraph, list item or table cell`,
				`content/x.ar.md:3:3: {{ end }} without {{ if }}; open it with {{ if name }}`,
			},
		},
		{
			name:  "else without if",
			src:   "a {{ else }} b\n",
			parse: []string{`content/x.ar.md:1:3: {{ else }} without {{ if }}; open it with {{ if name }}`},
		},
		{
			name:  "two else",
			src:   "{{ if commune.name }}a{{ else }}b{{ else }}c{{ end }}\n",
			parse: []string{`content/x.ar.md:1:34: a second {{ else }} for {{ if commune.name }}; a condition has one {{ else }} at most`},
		},
		{
			name:  "across emphasis",
			src:   "*a {{ if commune.name }}* b {{ end }}\n",
			parse: []string{`content/x.ar.md:1:29: {{ end }} and its {{ if commune.name }} are not inside the same emphasis, link or span; open and close a condition inside the same emphasis, link or span`},
		},
		{
			name:  "in a heading",
			src:   "## Nous {{ if contact.phone }}appeler{{ end }}\n\n## {{ contact.email or \"x\" }}\n",
			parse: []string{`content/x.ar.md:1:9: {{ if contact.phone }} in a heading: it is the same for every commune; put the condition in the text under it`, `content/x.ar.md:3:4: {{ contact.email or "…" }} in a heading: it is the same for every commune; put the condition in the text under it`},
		},
		{
			name:  "in an image description",
			src:   "![{{ if commune.name }}a{{ end }}](logo.png)\n",
			parse: []string{`content/x.ar.md:1:3: {{ if commune.name }} in the description of an image: it is the same for every commune; put the condition around the whole image`},
		},
		{
			name:  "fallback without quotes",
			src:   "{{ contact.phone or mairie }}\n",
			parse: []string{`content/x.ar.md:1:1: malformed fallback "{{ contact.phone or mairie }}"; write the text between double quotes, such as {{ contact.phone or "ask at the town hall" }}`},
		},
		{
			name:  "fallback with a bad name",
			src:   `{{ Contact.Phone or "x" }}` + "\n",
			parse: []string{`content/x.ar.md:1:1: invalid placeholder name "Contact.Phone"; did you mean "contact.phone"?`},
		},
		{
			name:  "unclosed fallback",
			src:   `{{ contact.phone or "à la mairie }}` + "\n",
			parse: []string{`content/x.ar.md:1:1: unclosed {{ contact.phone or "…" }}; end its text with " }} in the same paragraph, list item or table cell`},
		},
		{
			name:  "empty fallback",
			src:   `a {{ contact.email or "" }} b` + "\n",
			parse: []string{`content/x.ar.md:1:3: empty fallback of contact.email; write the text to show without contact.email, or write {{ if contact.email }}…{{ end }}`},
		},
		{
			name:  "else in a fallback",
			src:   `{{ contact.email or "a {{ else }} b" }}` + "\n",
			parse: []string{`content/x.ar.md:1:24: {{ else }} inside the text of {{ contact.email or "…" }}; a fallback's text has no {{ else }} or {{ end }}: it ends with " }}`},
		},
		{
			name:  "if unclosed in a fallback",
			src:   `{{ contact.email or "a {{ if commune.name }} b" }}` + "\n",
			parse: []string{`content/x.ar.md:1:24: unclosed {{ if commune.name }}; end it with {{ end }} before the " }} of the fallback`},
		},
		{
			name:  "too deep",
			src:   strings.Repeat("{{ if commune.name }}", 9) + "x" + strings.Repeat("{{ end }}", 9) + "\n",
			parse: []string{`content/x.ar.md:1:169: more than 8 conditions inside one another; write the conditions one after the other`, `content/x.ar.md:1:263: {{ end }} without {{ if }}; open it with {{ if name }}`},
		},
		{
			name:   "unknown condition",
			src:    "{{ if contact.phne }}x{{ end }} {{ contact.hour or \"y\" }}\n",
			render: []string{`content/x.ar.md:1:1: unknown placeholder "contact.phne"; did you mean "commune.phone"?`, `content/x.ar.md:1:33: unknown placeholder "contact.hour"`},
		},
		{
			name:   "a fact the commune lacks, without fallback",
			src:    "Horaires : {{ contact.hours }}\n",
			render: []string{`content/x.ar.md:1:12: the commune has no contact.hours; write {{ contact.hours or "…" }} or {{ if contact.hours }}…{{ end }} for the communes without it`},
		},
	})
}

// A missing fact is an error whose cause names it, so that the caller can
// point at the profile.
func TestAbsentErrorNamesTheFact(t *testing.T) {
	t.Parallel()
	_, _, errs := convert(t, New(), "a {{ contact.email }}\n", "fr", newTestEnv())
	var ae *AbsentError
	if len(errs) != 1 || !errorsAs(errs[0], &ae) || ae.Name != "contact.email" {
		t.Fatalf("errors %v: want one with an AbsentError for contact.email", errs)
	}
}

// One compiled page gives each commune its own branches.
func TestConditionalsPerCommune(t *testing.T) {
	t.Parallel()
	c := New()
	d, errs := c.Parse("content/x.fr.md", []byte("- a\n- {{ if contact.hours }}H : {{ contact.hours }}{{ end }}\n\nTél. {{ commune.phone or \"à la mairie\" }}.\n"), 1, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	with := newTestEnv()
	with.params["contact.hours"] = "8 h 30"
	without := newTestEnv()
	delete(without.params, "commune.phone")
	without.absent["commune.phone"] = true
	for _, tt := range []struct {
		env  testEnv
		want string
	}{
		{with, "<ul>\n<li>a</li>\n<li>H : <bdi>8 h 30</bdi></li>\n</ul>\n<p>Tél. <bdi>0524 48 00 00</bdi>.</p>\n"},
		{without, "<ul>\n<li>a</li>\n</ul>\n<p>Tél. à la mairie.</p>\n"},
	} {
		var b bytes.Buffer
		if errs := c.Render(&b, d, tt.env); len(errs) > 0 {
			t.Fatal(errs)
		}
		if b.String() != tt.want {
			t.Errorf("got  %q\nwant %q", b.String(), tt.want)
		}
		sameAsCompiled(t, c, d, tt.env, b.String(), nil)
	}
}

func TestConditionalParams(t *testing.T) {
	t.Parallel()
	d, errs := New().Parse("content/x.fr.md", []byte("{{ if contact.hours }}{{ contact.hours }}{{ end }} {{ contact.phone or \"x\" }}\n"), 1, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range d.Params() {
		got = append(got, fmt.Sprintf("%s@%s %v", p.Name, p.Pos, p.Optional))
	}
	want := []string{"contact.hours@content/x.fr.md:1:1 true", "contact.hours@content/x.fr.md:1:23 false", "contact.phone@content/x.fr.md:1:52 true"}
	if !slices.Equal(got, want) {
		t.Errorf("Params = %q, want %q", got, want)
	}
}
