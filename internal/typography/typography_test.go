package typography

import (
	"strings"
	"testing"
)

// french is the rule of the French catalog: a narrow no-break space
// before ; ? ! and » and after «, a no-break space before :, and the
// typographic apostrophe.
func french(t testing.TB) *Rule {
	t.Helper()
	var spaces []Space
	for _, item := range []string{"\u202f;", "\u202f?", "\u202f!", "\u00a0:", "«\u202f", "\u202f»"} {
		s, err := ParseSpace(item)
		if err != nil {
			t.Fatal(err)
		}
		spaces = append(spaces, s)
	}
	r, err := New(spaces, '’')
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// show makes the spaces of s visible: "_" for U+00A0, "^" for U+202F.
func show(s string) string {
	return strings.NewReplacer("\u00a0", "_", "\u202f", "^").Replace(s)
}

func TestTextSpacesFrenchPunctuation(t *testing.T) {
	t.Parallel()
	fr := french(t)
	tests := []struct{ in, want string }{
		{"Horaires : du lundi au vendredi", "Horaires_: du lundi au vendredi"},
		{"Horaires: du lundi au vendredi", "Horaires_: du lundi au vendredi"},
		{"Horaires\u00a0: déjà bon", "Horaires_: déjà bon"},
		{"Horaires\u202f: mauvaise espace", "Horaires_: mauvaise espace"},
		{"Horaires \n : retour à la ligne", "Horaires_: retour à la ligne"},
		{"Comment faire?", "Comment faire^?"},
		{"Comment faire ? Ainsi ; puis !", "Comment faire^? Ainsi^; puis^!"},
		{"Vraiment?!", "Vraiment^?!"},
		{"« Oui »", "«^Oui^»"},
		{"«Oui»", "«^Oui^»"},
		{"«\u00a0Oui\u00a0»", "«^Oui^»"},
		{"« Vient-il ? »", "«^Vient-il^?^»"},
		{"« Vient-il?»", "«^Vient-il^?^»"},
		{"(art. 7):", "(art. 7)_:"},
		{"en 2026: trois sessions", "en 2026_: trois sessions"},
		{"Tél.: 05 36", "Tél._: 05 36"},
		// What is not prose keeps its characters.
		{"de 8:30 à 16:30", "de 8:30 à 16:30"},
		{"à l'échelle 1:50", "à l’échelle 1:50"},
		{"voir https://www.idarati.ma/fr?x=1 ; puis", "voir https://www.idarati.ma/fr?x=1^; puis"},
		{"(voir https://exemple.ma):", "(voir https://exemple.ma)_:"},
		{"écrivez à contact@berkane.ma!", "écrivez à contact@berkane.ma^!"},
		{"www.chikaya.ma?", "www.chikaya.ma^?"},
		{"idarati.ma/fr/demarches?id=1", "idarati.ma/fr/demarches?id=1"},
		{"mailto:a@b.ma", "mailto:a@b.ma"},
		{"tel:+212536000001", "tel:+212536000001"},
		{"http://exemple.ma", "http://exemple.ma"},
		{"l'adresse http://exemple.ma/l'x", "l’adresse http://exemple.ma/l'x"},
		// Nothing before the mark on the line, or an opening bracket.
		{": début", ": début"},
		{"( ? )", "( ? )"},
		// Apostrophes.
		{"l'état d'avancement aujourd'hui", "l’état d’avancement aujourd’hui"},
		{"l’état", "l’état"},
		// Plain text: "&" is a character, not the start of a reference.
		{"A & B ; C", "A & B^; C"},
		{"A &amp;", "A &amp^;"},
		{"", ""},
	}
	for _, tt := range tests {
		got := fr.Text(tt.in)
		if show(got) != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, show(got), tt.want)
		}
		if again := fr.Text(got); again != got {
			t.Errorf("Text(Text(%q)) = %q, want %q (applying twice changes nothing)", tt.in, show(again), show(got))
		}
	}
}

func TestZeroRuleChangesNothing(t *testing.T) {
	t.Parallel()
	var nilRule *Rule
	empty, err := New(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []*Rule{nilRule, empty} {
		if got := r.Text("l'état : oui ?"); got != "l'état : oui ?" {
			t.Errorf("Text = %q", got)
		}
	}
	src := []byte(`<p>l'état : oui ?</p>`)
	if got := (Rules{"ar": nil, "fr": empty}).HTML(nil, src, "fr"); string(got) != string(src) {
		t.Errorf("HTML = %q", got)
	}
}

func TestParseSpace(t *testing.T) {
	t.Parallel()
	tests := []struct {
		item string
		want Space
		err  string
	}{
		{item: "\u202f;", want: Space{Mark: ';', Space: '\u202f', Before: true}},
		{item: "«\u202f", want: Space{Mark: '«', Space: '\u202f'}},
		{item: "\u00a0:", want: Space{Mark: ':', Space: '\u00a0', Before: true}},
		{item: " :", err: "not a no-break space"},
		{item: "\u00a0a", err: "not a no-break space"},
		{item: "\u00a0'", err: "not a no-break space"},
		{item: ":", err: "1 characters"},
		{item: "\u00a0::", err: "3 characters"},
	}
	for _, tt := range tests {
		got, err := ParseSpace(tt.item)
		switch {
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseSpace(%q) error = %v, want %q", tt.item, err, tt.err)
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseSpace(%q) = %+v, %v, want %+v", tt.item, got, err, tt.want)
		}
	}
	if _, err := New([]Space{{Mark: ':', Space: '\u00a0', Before: true}, {Mark: ':', Space: '\u202f', Before: true}}, 0); err == nil {
		t.Error("New accepts two spaces before the same mark")
	}
	if _, err := New(nil, '\''); err == nil {
		t.Error("New accepts the typewriter apostrophe as its replacement")
	}
}

func TestHTMLAppliesTheRuleOfEachElementsLanguage(t *testing.T) {
	t.Parallel()
	rules := Rules{"ar": nil, "fr": french(t)}
	tests := []struct {
		name, lang, in, want string
	}{
		{"after an inline element", "fr",
			`<p><strong>Téléphone</strong> : <a href="tel:0536">05 36</a></p>`,
			`<p><strong>Téléphone</strong>_: <a href="tel:0536">05 36</a></p>`},
		{"missing space after an inline element", "fr",
			`<dt><b>Note</b>: x</dt>`,
			`<dt><b>Note</b>_: x</dt>`},
		{"space inside the inline element", "fr",
			`<p><strong>Horaires </strong>: x</p>`,
			`<p><strong>Horaires_</strong>: x</p>`},
		{"code, preformatted text and scripts as they are", "fr",
			`<p>Lancez <code>a : b'c</code> : c'est tout</p><pre>x : y</pre><script>var a = "b : c'd";</script><style>a::after{content:"?"}</style>`,
			`<p>Lancez <code>a : b'c</code>_: c’est tout</p><pre>x : y</pre><script>var a = "b : c'd";</script><style>a::after{content:"?"}</style>`},
		{"character references", "fr",
			`<p>l&#39;article &amp; la loi ; l&#x27;x&nbsp;: y &lt; z</p>`,
			`<p>l’article &amp; la loi^; l’x_: y &lt; z</p>`},
		{"a block starts a line", "fr",
			`<p>texte</p><p>: suite</p>`,
			`<p>texte</p><p>: suite</p>`},
		{"attributes people read", "fr",
			`<img alt="Plan d&#39;accès : mairie" src="a:b.png"><meta name="description" content="Quoi ?"><meta name="viewport" content="a : b"><a href="x?y" title="Où ?">x</a>`,
			`<img alt="Plan d’accès_: mairie" src="a:b.png"><meta name="description" content="Quoi^?"><meta name="viewport" content="a : b"><a href="x?y" title="Où^?">x</a>`},
		{"the title element", "fr",
			`<title>Budget participatif : projets</title>`,
			`<title>Budget participatif_: projets</title>`},
		{"chart text", "fr",
			`<svg viewBox="0 0 1 1"><title>Femmes: 3</title><text x="1">Hommes : 4</text></svg>`,
			`<svg viewBox="0 0 1 1"><title>Femmes_: 3</title><text x="1">Hommes_: 4</text></svg>`},
		{"a French phrase in an Arabic page", "ar",
			`<p>نص : <span lang="fr">Bonjour : l'ami</span> : نص</p>`,
			`<p>نص : <span lang="fr">Bonjour_: l’ami</span> : نص</p>`},
		{"an Arabic phrase in a French page", "fr",
			`<p>Texte : <span lang="ar">نص : نص<span>ب : ج</span></span> : texte</p>`,
			`<p>Texte_: <span lang="ar">نص : نص<span>ب : ج</span></span>_: texte</p>`},
		{"list items whose end tags are left out", "ar",
			`<ul><li lang="fr">a : b<li lang="ar">ج : د<li>ه : و</ul><p lang="fr">x : y`,
			`<ul><li lang="fr">a_: b<li lang="ar">ج : د<li>ه : و</ul><p lang="fr">x_: y`},
		{"French by region subtag", "ar",
			`<q lang="fr-MA">« x »</q>`,
			`<q lang="fr-MA">«^x^»</q>`},
		{"guillemets around an element", "fr",
			`<p>«<em>Oui</em>»</p>`,
			`<p>«<em>^Oui</em>^»</p>`},
		{"markup the tokenizer reads as raw text", "fr",
			`<noscript><a href="x?y" title="a : b">c : d</a></noscript><p>e : f</p>`,
			`<noscript><a href="x?y" title="a : b">c : d</a></noscript><p>e_: f</p>`},
		{"comments and doctype as they are", "fr",
			`<!doctype html><!-- a : b --><p>a</p>`,
			`<!doctype html><!-- a : b --><p>a</p>`},
		{"unfinished tag", "fr",
			`<p>a : b</p><a href="x`,
			`<p>a_: b</p><a href="x`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := rules.HTML(nil, []byte(tt.in), tt.lang)
			if show(string(got)) != tt.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tt.in, show(string(got)), tt.want)
			}
			if again := rules.HTML(nil, got, tt.lang); string(again) != string(got) {
				t.Errorf("applying twice changes %q into %q", show(string(got)), show(string(again)))
			}
		})
	}
}

func TestHTMLKeepsAnArabicPageWithoutFrenchAsItIs(t *testing.T) {
	t.Parallel()
	rules := Rules{"ar": nil, "fr": french(t)}
	src := []byte(`<p>نص : l'x ?</p>`)
	got := rules.HTML([]byte("prefix"), src, "ar")
	if string(got) != "prefix"+string(src) {
		t.Errorf("HTML = %q", got)
	}
}

// TestHTMLCopiesWhatIsDone checks that a page whose body was typeset
// alone, and is given as done, comes out as the page typeset whole.
func TestHTMLCopiesWhatIsDone(t *testing.T) {
	t.Parallel()
	rules := Rules{"ar": nil, "fr": french(t)}
	body := `<h2>Qui peut signer ?</h2><p>L'agent : <span lang="ar">نص : نص</span> ; « oui ».</p><ul><li>a : b</li></ul>`
	page := func(body string) string {
		return `<html lang="fr"><title>Pétitions : le guide</title><main><h1>Titre</h1>` + body + `<p>Fin : merci !</p></main>`
	}
	done := rules.HTML(nil, []byte(body), "fr")
	whole := rules.HTML(nil, []byte(page(body)), "fr")
	got := rules.HTML(nil, []byte(page(string(done))), "fr", Done{Part: done, At: -1})
	if string(got) != string(whole) {
		t.Errorf("with the body done:\n%q\nwhole:\n%q", show(string(got)), show(string(whole)))
	}
	if !strings.Contains(string(got), string(done)) || strings.Count(show(string(got)), "_:") != 4 {
		t.Errorf("the body or the page around it is not typeset: %q", show(string(got)))
	}
}
