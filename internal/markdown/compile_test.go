package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestTransformKeepsTheHoles(t *testing.T) {
	t.Parallel()
	c := New()
	d, errs := c.Parse("content/x.fr.md", []byte("## Titre\n\nBonjour {{ commune.name }}, voir [ici](guide.md) et ![plan de {{ commune.name }}](logo.png).\n\n- un\n- deux\n"), 1, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	p := d.Compiled()
	// A transformation that drops the line breaks between elements, as a
	// minifier does.
	squeeze := func(b []byte) ([]byte, error) { return bytes.ReplaceAll(b, []byte(">\n"), []byte(">")), nil }
	small, err := p.Transform(squeeze)
	if err != nil {
		t.Fatal(err)
	}
	env := newTestEnv()
	var want, got bytes.Buffer
	c.Render(&want, d, env)
	if errs := small.Render(&got, env); len(errs) > 0 {
		t.Fatal(errs)
	}
	if w, _ := squeeze(want.Bytes()); got.String() != string(w) {
		t.Errorf("transformed page renders\n%s\nwant\n%s", got.String(), w)
	}
	if !strings.Contains(got.String(), "<bdi>") || strings.Contains(got.String(), holeMark) {
		t.Errorf("holes not filled:\n%s", got.String())
	}

	// A transformation that loses a hole is refused.
	lose := func(b []byte) ([]byte, error) { return bytes.Replace(b, []byte(holeMark), nil, 1), nil }
	if _, err := p.Transform(lose); err == nil {
		t.Error("a transformation that lost a hole was accepted")
	}
	// A page that contains a mark itself is left untransformed.
	for _, mark := range []string{holeMark, choiceMark, elseMark, endMark} {
		d2, _ := c.Parse("content/y.fr.md", []byte("texte "+mark+" {{ commune.name }}\n\n{{ if contact.hours }}a{{ end }}\n"), 1, "fr")
		if _, err := d2.Compiled().Transform(squeeze); !errors.Is(err, ErrMarked) {
			t.Errorf("Transform of a page with %U: got %v, want ErrMarked", []rune(mark)[0], err)
		}
	}
}

// The fragments of conditionals are transformed in their place, and the
// transformed page renders for every commune as the page does,
// transformed afterwards.
func TestTransformKeepsTheConditionals(t *testing.T) {
	t.Parallel()
	c := New()
	src := "## Contacts\n\n- {{ if commune.phone }}**Tél.** : {{ commune.phone }}{{ end }}\n" +
		"- {{ if contact.hours }}Horaires : {{ contact.hours }}{{ else }}horaires : [voir ici](guide.md){{ end }}\n" +
		"- {{ if contact.email }}{{ else }}pas de courriel{{ end }}\n\n" +
		"Écrire {{ contact.email or \"à la mairie de {{ commune.name }} {{ if commune.phone }}ou appeler{{ end }}\" }}.\n\n" +
		"{{ if contact.hours }}Ouvert.{{ end }}\n"
	d, errs := c.Parse("content/x.fr.md", []byte(src), 1, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	squeeze := func(b []byte) ([]byte, error) { return bytes.ReplaceAll(b, []byte(">\n"), []byte(">")), nil }
	small, err := d.Compiled().Transform(squeeze)
	if err != nil {
		t.Fatal(err)
	}
	full := newTestEnv()
	full.params["contact.hours"], full.params["contact.email"] = "8 h", "a@b.ma"
	bare := newTestEnv()
	delete(bare.params, "commune.phone")
	bare.absent["commune.phone"] = true
	for _, env := range []testEnv{full, bare, newTestEnv()} {
		var want, got bytes.Buffer
		if errs := c.Render(&want, d, env); len(errs) > 0 {
			t.Fatal(errs)
		}
		if errs := small.Render(&got, env); len(errs) > 0 {
			t.Fatal(errs)
		}
		if w, _ := squeeze(want.Bytes()); got.String() != string(w) {
			t.Errorf("transformed page renders\n%s\nwant\n%s", got.String(), w)
		}
	}

	// A transformation that moves, drops or adds a mark is refused.
	for name, f := range map[string]func([]byte) ([]byte, error){
		"drops an else": func(b []byte) ([]byte, error) { return bytes.Replace(b, []byte(elseMark), nil, 1), nil },
		"swaps marks": func(b []byte) ([]byte, error) {
			return bytes.Replace(b, []byte(choiceMark), []byte(holeMark), 1), nil
		},
		"adds an end": func(b []byte) ([]byte, error) { return append(b, endMark...), nil },
		"adds a hole": func(b []byte) ([]byte, error) { return append([]byte(holeMark), b...), nil },
	} {
		if _, err := d.Compiled().Transform(f); err == nil {
			t.Errorf("a transformation that %s was accepted", name)
		}
	}
}

func TestHeadingFill(t *testing.T) {
	t.Parallel()
	c := New()
	params := map[string]string{"commune.name": "Berkane", "empty": ""}
	param := func(name string) (string, bool) { v, ok := params[name]; return v, ok }
	tests := []struct{ src, text, filled string }{
		{"## Contacter {{ commune.name }}", "Contacter {{commune.name}}", "Contacter Berkane"},
		{"## {{ commune.name }} et {{ commune.name }}", "{{commune.name}} et {{commune.name}}", "Berkane et Berkane"},
		{"## {{ empty }}x", "{{empty}}x", "x"},
		{"## {{ unknown }} reste", "{{unknown}} reste", "{{unknown}} reste"},
		{"## sans", "sans", "sans"},
		// Braces in code or escaped are text, not placeholders.
		{"## Écrire `{{commune.name}}`", "Écrire {{commune.name}}", "Écrire {{commune.name}}"},
		{`## Écrire \{{commune.name}}`, "Écrire {{commune.name}}", "Écrire {{commune.name}}"},
	}
	for _, tt := range tests {
		d, _ := c.Parse("content/x.fr.md", []byte(tt.src), 1, "fr")
		h := d.Headings()[0]
		if h.Text != tt.text || h.Fill(param) != tt.filled {
			t.Errorf("%q: Text %q, Fill %q; want %q, %q", tt.src, h.Text, h.Fill(param), tt.text, tt.filled)
		}
	}
}
