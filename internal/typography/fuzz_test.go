package typography

import (
	"bytes"
	"testing"
)

// FuzzHTML checks that HTML never panics, keeps a page it has no rule
// for byte for byte, and that applying the rule twice changes nothing
// more than applying it once.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		`<p><strong>Téléphone</strong> : <a href="tel:0536">05 36</a></p>`,
		`<p>Lancez <code>a : b'c</code> : c'est «tout»?!</p><pre>x : y</pre>`,
		`<ul><li lang="fr">a : b<li lang="ar">ج : د</ul><p lang=fr>x: y`,
		`<img alt="Plan d&#39;accès : mairie"><meta name="description" content="Quoi ?">`,
		`<svg><title>Femmes: 3</title></svg><script>a ? b : c</script>`,
		"<p>«<em> x </em> » https://a.ma/b?c ; a@b.ma! 8:30 &amp; &#x27;</p>",
	} {
		f.Add([]byte(s), true)
	}
	rules := Rules{"fr": french(f), "ar": nil}
	f.Fuzz(func(t *testing.T, src []byte, fr bool) {
		lang := "ar"
		if fr {
			lang = "fr"
		}
		once := rules.HTML(nil, src, lang)
		if twice := rules.HTML(nil, once, lang); !bytes.Equal(once, twice) {
			t.Errorf("applying twice:\n%q\n%q\n%q", src, once, twice)
		}
		if got := (Rules{"ar": nil}).HTML(nil, src, lang); !bytes.Equal(got, src) {
			t.Errorf("without a rule: %q became %q", src, got)
		}
		french(t).Text(string(src))
	})
}

// FuzzHTMLAroundParts checks that a page with parts already set is read
// with one tokenizer as it is with one for each text between the parts,
// whatever the page, however malformed.
func FuzzHTMLAroundParts(f *testing.F) {
	for _, s := range [][3]string{
		{`<p>Avant : `, `<nav><a>Accueil</a> : menu</nav>`, ` après ?</p>`},
		{`<script>a ? b`, `<p>x : y</p>`, `</script> : z`},
		{`<a href="x`, `<b>c : d</b>`, `">e</a> ; f`},
		{`<!-- a `, `<i>b</i>`, ` --> c !`},
		{`x <`, `<p lang=ar>ج : د</p>`, `< y : z`},
	} {
		f.Add(s[0], s[1], s[2], true)
	}
	rules := Rules{"fr": french(f), "ar": nil}
	f.Fuzz(func(t *testing.T, a, part, b string, fr bool) {
		lang := "ar"
		if fr {
			lang = "fr"
		}
		done := rules.HTML(nil, []byte(part), lang)
		other := rules.HTML(nil, []byte(b), lang) // a second part, when b is found in the page
		src := []byte(a + string(done) + b + string(done))
		parts := []Done{{Part: done, At: -1}, {Part: other, At: -1}}
		want := rules.html(nil, src, lang, true, parts)
		got := rules.HTML(nil, src, lang, parts...)
		if !bytes.Equal(got, want) {
			t.Errorf("read around the parts %q and %q of %q:\n%q\nread part by part:\n%q", done, other, src, got, want)
		}
		// Said where they are, the parts are not looked for, and a wrong
		// place is looked for as if it were not said.
		second := len(a) + len(done) + len(b)
		parts = []Done{{Part: done, At: second}, {Part: other, At: len(a) + len(done)}}
		want = rules.html(nil, src, lang, true, parts)
		if got := rules.HTML(nil, src, lang, parts...); !bytes.Equal(got, want) {
			t.Errorf("read around the parts said at %d and %d of %q:\n%q\nread part by part:\n%q", second, len(a)+len(done), src, got, want)
		}
		wrong := []Done{{Part: done, At: len(src)}, {Part: other, At: 1}}
		if len(done) > 0 && !bytes.HasPrefix(src[1:], other) {
			if got := rules.HTML(nil, src, lang, wrong...); !bytes.Equal(got, rules.HTML(nil, src, lang, Done{Part: done, At: -1}, Done{Part: other, At: -1})) {
				t.Errorf("parts said at wrong places in %q are not looked for", src)
			}
		}
	})
}
