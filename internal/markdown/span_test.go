package markdown

import (
	"slices"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	t.Parallel()
	c := New()
	tests := []struct {
		name, src, want string
	}{
		{"lang sets dir from the language", "قال [texte en français]{lang=fr} ثم\n",
			`<p>قال <bdi lang="fr" dir="ltr">texte en français</bdi> ثم</p>` + "\n"},
		{"dir only", "الهاتف [0522 12 34 56]{dir=ltr}\n", `<p>الهاتف <bdi dir="ltr">0522 12 34 56</bdi></p>` + "\n"},
		{"lang and dir", "[x]{lang=fr dir=ltr}\n", `<p><bdi lang="fr" dir="ltr">x</bdi></p>` + "\n"},
		{"Arabic in French text", "Le mot [عريضة]{lang=ar}\n", `<p>Le mot <bdi lang="ar" dir="rtl">عريضة</bdi></p>` + "\n"},
		{"Tamazight", "[ⴰⵣⵓⵍ]{lang=zgh}\n", `<p><bdi lang="zgh" dir="ltr">ⴰⵣⵓⵍ</bdi></p>` + "\n"},
		{"unknown language is left to right", "[x]{lang=es}\n", `<p><bdi lang="es" dir="ltr">x</bdi></p>` + "\n"},
		{"a language written in Arabic script", "[x]{lang=fa}\n", `<p><bdi lang="fa" dir="rtl">x</bdi></p>` + "\n"},
		{"Moroccan Arabic", "[x]{lang=ary}\n", `<p><bdi lang="ary" dir="rtl">x</bdi></p>` + "\n"},
		{"Hebrew", "[x]{lang=he}\n", `<p><bdi lang="he" dir="rtl">x</bdi></p>` + "\n"},
		{"a script subtag decides", "[x]{lang=zgh-Arab}\n", `<p><bdi lang="zgh-Arab" dir="rtl">x</bdi></p>` + "\n"},
		{"region subtag and quotes", `[x]{lang="ar-MA"}` + "\n", `<p><bdi lang="ar-MA" dir="rtl">x</bdi></p>` + "\n"},
		{"dir auto", "[x]{dir=auto}\n", `<p><bdi dir="auto">x</bdi></p>` + "\n"},
		{"content is escaped text", "[a < b & c]{dir=ltr}\n", `<p><bdi dir="ltr">a &lt; b &amp; c</bdi></p>` + "\n"},
		{"markup and placeholder inside", "[*vite* {{ commune.phone }}]{dir=ltr}\n",
			`<p><bdi dir="ltr"><em>vite</em> <bdi>0524 48 00 00</bdi></bdi></p>` + "\n"},
		{"nested brackets", "[a [b] c]{dir=ltr}\n", `<p><bdi dir="ltr">a [b] c</bdi></p>` + "\n"},
		{"span in a link", "[voir [le guide]{lang=fr}](guide.md)\n",
			`<p><a href="../guide/">voir <bdi lang="fr" dir="ltr">le guide</bdi></a></p>` + "\n"},
		{"link in a span", "[[le guide](guide.md)]{lang=fr}\n",
			`<p><bdi lang="fr" dir="ltr"><a href="../guide/">le guide</a></bdi></p>` + "\n"},
		{"over two lines", "[un\ndeux]{lang=fr}\n", "<p><bdi lang=\"fr\" dir=\"ltr\">un\ndeux</bdi></p>\n"},
		{"in a block quote over two lines", "> a [b\n> c]{lang=fr} d\n",
			"<blockquote>\n<p>a <bdi lang=\"fr\" dir=\"ltr\">b\nc</bdi> d</p>\n</blockquote>\n"},
		{"in a table cell", "| a |\n|---|\n| [x]{dir=ltr} |\n",
			"<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td><bdi dir=\"ltr\">x</bdi></td>\n</tr>\n</tbody>\n</table>\n"},
		{"in a heading with an id", "## [x]{lang=fr} {#id}\n", `<h2 id="id"><bdi lang="fr" dir="ltr">x</bdi></h2>` + "\n"},
		{"nested spans", "[[a]{dir=ltr} b]{lang=fr}\n", `<p><bdi lang="fr" dir="ltr"><bdi dir="ltr">a</bdi> b</bdi></p>` + "\n"},
		{"side by side", "[x]{dir=ltr}[y]{dir=rtl}\n", `<p><bdi dir="ltr">x</bdi><bdi dir="rtl">y</bdi></p>` + "\n"},
		{"in strong emphasis", "**[x *y*]{lang=fr}**\n", `<p><strong><bdi lang="fr" dir="ltr">x <em>y</em></bdi></strong></p>` + "\n"},
		{"a reference of that name wins", "[guide]{lang=fr}\n\n[guide]: guide.md\n", `<p><a href="../guide/">guide</a>{lang=fr}</p>` + "\n"},
		{"image syntax is not a span", "![x]{lang=fr}\n", "<p>![x]{lang=fr}</p>\n"},
		{"space before brace is not a span", "[x] {lang=fr}\n", "<p>[x] {lang=fr}</p>\n"},
		{"placeholder after brackets is not a span", "[x]{{ commune.name }}\n", "<p>[x]<bdi>Aït Ourir</bdi></p>\n"},
		{"escaped bracket is not a span", `\[x]{lang=fr}` + "\n", "<p>[x]{lang=fr}</p>\n"},
		{"in a code span it is text", "`[x]{lang=fr}`\n", "<p><code>[x]{lang=fr}</code></p>\n"},
		// Links, references, images and task lists are unaffected.
		{"inline link", "[a](guide.md)\n", `<p><a href="../guide/">a</a></p>` + "\n"},
		{"link with title", `[a](guide.md "Le guide")` + "\n", `<p><a href="../guide/" title="Le guide">a</a></p>` + "\n"},
		{"reference links", "[a][r] [r][] [r]\n\n[r]: guide.md\n",
			`<p><a href="../guide/">a</a> <a href="../guide/">r</a> <a href="../guide/">r</a></p>` + "\n"},
		{"image", "![شعار {{ commune.name }}](logo.png)\n", `<p><img src="../logo.png" alt="شعار Aït Ourir"></p>` + "\n"},
		{"task list", "- [ ] à faire\n- [x] fait\n",
			"<ul>\n<li><input disabled=\"\" type=\"checkbox\"> à faire</li>\n<li><input checked=\"\" disabled=\"\" type=\"checkbox\"> fait</li>\n</ul>\n"},
		{"plain brackets", "[x] et [y]\n", "<p>[x] et [y]</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, parseErrs, renderErrs := convert(t, c, tt.src, "ar", newTestEnv())
			if len(parseErrs)+len(renderErrs) > 0 {
				t.Fatalf("errors:\n%v\n%v", parseErrs, renderErrs)
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSpanErrors(t *testing.T) {
	t.Parallel()
	c := New()
	tests := []struct {
		name, src string
		want      []string
		html      string // "" to skip
	}{
		{"unknown attribute", "نص [x]{class=big}\n", []string{
			`content/x.ar.md:1:8: span attribute "class" is not allowed; a span takes lang=CODE and dir=ltr|rtl|auto, such as {lang=fr} or {dir=ltr}`,
		}, "<p>نص <bdi>x</bdi></p>\n"},
		{"event handler", "[x]{lang=fr onclick=alert(1)}\n", []string{
			`content/x.ar.md:1:13: span attribute "onclick" is not allowed; a span takes lang=CODE and dir=ltr|rtl|auto, such as {lang=fr} or {dir=ltr}`,
		}, `<p><bdi lang="fr" dir="ltr">x</bdi></p>` + "\n"},
		{"misspelt attribute", "[x]{lnag=fr}\n", []string{
			`content/x.ar.md:1:5: span attribute "lnag" is not allowed; did you mean "lang"?`,
		}, ""},
		{"class shorthand", "[x]{.big}\n", []string{
			`content/x.ar.md:1:5: span attribute ".big" is not allowed; a span takes lang=CODE and dir=ltr|rtl|auto, such as {lang=fr} or {dir=ltr}`,
		}, ""},
		{"bad direction", "[x]{dir=left}\n", []string{
			`content/x.ar.md:1:5: invalid direction "left" in span; use ltr, rtl or auto`,
		}, ""},
		{"bad language", "[x]{lang=fr_FR}\n", []string{
			`content/x.ar.md:1:5: invalid language "fr_FR" in span; use a language code such as ar, fr or zgh`,
		}, ""},
		{"duplicate", "[x]{dir=ltr dir=rtl}\n", []string{
			`content/x.ar.md:1:13: duplicate span attribute "dir"; give it once`,
		}, `<p><bdi dir="ltr">x</bdi></p>` + "\n"},
		{"empty", "[x]{ }\n", []string{
			`content/x.ar.md:1:4: empty span attributes; a span takes lang=CODE and dir=ltr|rtl|auto, such as {lang=fr} or {dir=ltr}`,
		}, ""},
		{"unclosed", "[x]{lang=fr\n", []string{
			`content/x.ar.md:1:4: unclosed span attributes "{lang=fr"; close the attributes with "}"`,
		}, "<p>[x]{lang=fr</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			html, parseErrs, _ := convert(t, c, tt.src, "ar", newTestEnv())
			if got := errorLines(parseErrs); !slices.Equal(got, tt.want) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if tt.html != "" && html != tt.html {
				t.Errorf("got  %q\nwant %q", html, tt.html)
			}
		})
	}
}

// The project's settings decide the direction of its own languages: a
// project writing Tachelhit in Arabic script says so, where the language's
// most likely script (Tifinagh) would give left to right.
func TestSpanDirectionFromSettings(t *testing.T) {
	t.Parallel()
	arabicScript := New(WithDirections(map[string]string{"shi": "rtl"}))
	for _, tc := range []struct {
		name, src, want string
		c               *Converter
	}{
		{"by script", "[x]{lang=shi}\n", `<p><bdi lang="shi" dir="ltr">x</bdi></p>` + "\n", New()},
		{"by settings", "[x]{lang=shi}\n", `<p><bdi lang="shi" dir="rtl">x</bdi></p>` + "\n", arabicScript},
		{"by settings, region subtag", "[x]{lang=shi-MA}\n", `<p><bdi lang="shi-MA" dir="rtl">x</bdi></p>` + "\n", arabicScript},
		{"other languages by script", "[x]{lang=fr}\n", `<p><bdi lang="fr" dir="ltr">x</bdi></p>` + "\n", arabicScript},
	} {
		got, parseErrs, renderErrs := convert(t, tc.c, tc.src, "ar", newTestEnv())
		if len(parseErrs)+len(renderErrs) > 0 {
			t.Fatalf("%s: errors:\n%v\n%v", tc.name, parseErrs, renderErrs)
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
