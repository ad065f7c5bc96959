package markdown

import (
	"slices"
	"testing"
)

func TestPlaceholders(t *testing.T) {
	t.Parallel()
	checkHTML(t, "ar", newTestEnv(), []htmlCase{
		{"value in bdi", "بلدية {{ commune.name }}.\n", "<p>بلدية <bdi>Aït Ourir</bdi>.</p>\n"},
		{"spaces optional", "{{commune.phone}}\n", "<p><bdi>0524 48 00 00</bdi></p>\n"},
		{"in emphasis and table", "| a |\n|---|\n| **{{ petition.signatures }}** |\n",
			"<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><strong><bdi>100</bdi></strong></td>\n</tr>\n</tbody>\n</table>\n"},
		{"not in a code span", "`{{ commune.name }}`\n", "<p><code>{{ commune.name }}</code></p>\n"},
		{"not in a code block", "```\n{{ commune.name }}\n```\n", "<pre><code>{{ commune.name }}\n</code></pre>\n"},
		{"escaped braces are text", `\{{ commune.name }}` + "\n", "<p>{{ commune.name }}</p>\n"},
		{"single brace is text", "{a} {b\n", "<p>{a} {b</p>\n"},
	})
}

func TestPlaceholderValueIsEscaped(t *testing.T) {
	t.Parallel()
	env := newTestEnv()
	env.params["commune.name"] = "<b> & co"
	checkHTML(t, "ar", env, []htmlCase{{"escaped", "{{ commune.name }}\n", "<p><bdi>&lt;b&gt; &amp; co</bdi></p>\n"}})
}

func TestPlaceholderErrors(t *testing.T) {
	t.Parallel()
	checkErrors(t, []errorCase{
		{
			name:   "unknown name with suggestion",
			src:    "سطر أول\n\nعريضة إلى {{ commune.nmae }}\n",
			render: []string{`content/x.ar.md:3:11: unknown placeholder "commune.nmae"; did you mean "commune.name"?`},
		},
		{
			name:   "unknown name without suggestion",
			src:    "{{ weather.today }}\n",
			render: []string{`content/x.ar.md:1:1: unknown placeholder "weather.today"`},
		},
		{
			name:  "empty",
			src:   "a {{ }} b\n",
			parse: []string{`content/x.ar.md:1:3: empty placeholder "{{ }}"; write a name, such as {{ commune.name }}, or write \{{ for literal braces`},
		},
		{
			name:  "unclosed",
			src:   "a\nb {{ commune.name\n",
			parse: []string{`content/x.ar.md:2:3: unclosed placeholder "{{ commune.name"; close it with "}}", or write \{{ for literal braces`},
		},
		{
			name: "bad name",
			src:  "{{ Commune.Name }} {{ a..b }}\n",
			parse: []string{
				`content/x.ar.md:1:1: invalid placeholder name "Commune.Name"; did you mean "commune.name"?`,
				`content/x.ar.md:1:20: invalid placeholder name "a..b"; a name is lowercase letters, digits and _ in parts joined by dots, such as commune.name`,
			},
		},
	})
}

func TestParams(t *testing.T) {
	t.Parallel()
	d, errs := New().Parse("content/x.fr.md", []byte("A {{ commune.name }}\n\n- {{commune.name}} `{{ no }}`\n"), 10, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range d.Params() {
		got = append(got, p.Name+"@"+p.Pos.String())
	}
	want := []string{"commune.name@content/x.fr.md:10:3", "commune.name@content/x.fr.md:12:3"}
	if !slices.Equal(got, want) {
		t.Errorf("Params = %q, want %q", got, want)
	}
}
