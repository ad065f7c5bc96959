package theme_test

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/theme"
)

var langs = []site.Lang{
	{Code: "ar", Name: "العربية", Dir: "rtl", Locale: "ar-MA"},
	{Code: "fr", Name: "Français", Dir: "ltr", Locale: "fr-MA"},
}

// write writes files (slash paths and texts) under a new project folder.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// catalogs are the default theme's interface strings, by language.
var catalogs = map[string]string{}

func init() {
	for _, l := range langs {
		b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "i18n", l.Code+".yaml"))
		if err != nil {
			panic(err)
		}
		catalogs[l.Code] = string(b)
	}
}

// small is a theme with two page layouts sharing base.html and a
// partial, a static file and the default theme's catalogs.
func small() map[string]string {
	return map[string]string{
		"themes/t/layouts/base.html":                  `<main>{{ template "content" . }}</main>{{ template "partials/footer.html" . }}`,
		"themes/t/layouts/partials/footer.html":       `<footer>{{ base "pages/guide.html" }}</footer>`,
		"themes/t/layouts/pages/guide.html":           `{{ define "content" }}guide {{ .Title }}{{ range first 2 .Items }}[{{ . }}]{{ end }}{{ end }}`,
		"themes/t/layouts/pages/page.html":            `{{ define "content" }}{{ with dict "a" 1 "b" .Title }}{{ .a }} {{ .b }}{{ end }}{{ end }}`,
		"themes/t/layouts/pages/notes.txt":            `not a layout`,
		"themes/t/static/css/style.css":               `body{}`,
		"themes/t/i18n/ar.yaml":                       catalogs["ar"],
		"themes/t/i18n/fr.yaml":                       catalogs["fr"],
		"communes/alpha/layouts/partials/footer.html": `<footer>alpha</footer>`,
		"communes/alpha/static/css/style.css":         `body{color:red}`,
		"communes/alpha/static/logo.svg":              `<svg/>`,
	}
}

type data struct {
	Title string
	Items []string
}

func TestLoadParsesEachPageLayoutWithTheSharedOnes(t *testing.T) {
	t.Parallel()
	root := write(t, small())
	th, errs := theme.Load(root, "t", langs)
	if len(errs) > 0 {
		t.Fatalf("Load: %v", errs)
	}
	if got, want := th.Layouts.Names(), []string{"pages/guide.html", "pages/page.html"}; !slices.Equal(got, want) {
		t.Errorf("Names() = %v, want %v (only .html files under pages/)", got, want)
	}
	if !th.Layouts.Has("pages/guide.html") || th.Layouts.Has("base.html") {
		t.Error("Has: a page layout is one under pages/, never base.html")
	}
	if len(th.Catalogs) != 2 || th.Catalogs["fr"] == nil {
		t.Errorf("Catalogs = %v", th.Catalogs)
	}
	tests := []struct {
		layout string
		data   data
		want   string
	}{
		{"pages/guide.html", data{Title: "Pétitions", Items: []string{"a", "b", "c"}}, "<main>guide Pétitions[a][b]</main><footer>guide</footer>"},
		{"pages/page.html", data{Title: "Accueil"}, "<main>1 Accueil</main><footer>guide</footer>"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := th.Layouts.Execute(&b, tt.layout, tt.data); err != nil {
			t.Fatalf("Execute %s: %v", tt.layout, err)
		}
		if b.String() != tt.want {
			t.Errorf("Execute %s = %q, want %q", tt.layout, b.String(), tt.want)
		}
	}
	var b bytes.Buffer
	if err := th.Layouts.ExecutePartial(&b, "pages/page.html", "partials/footer.html", nil); err != nil || b.String() != "<footer>guide</footer>" {
		t.Errorf("ExecutePartial = %q, %v", b.String(), err)
	}
	if err := th.Layouts.Execute(&b, "pages/none.html", nil); err == nil {
		t.Error("Execute of a missing layout succeeded")
	}
}

// A commune's layout or static file replaces the theme's for it alone.
func TestCommuneOverrides(t *testing.T) {
	t.Parallel()
	root := write(t, small())
	th, errs := theme.Load(root, "t", langs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	l, errs := th.ForCommune(root, "alpha")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var b bytes.Buffer
	if err := l.Execute(&b, "pages/page.html", data{Title: "x"}); err != nil || !strings.HasSuffix(b.String(), "<footer>alpha</footer>") {
		t.Errorf("alpha's page = %q, %v", b.String(), err)
	}
	if l, _ := th.ForCommune(root, "beta"); l != th.Layouts {
		t.Error("a commune without overrides does not get the theme's layouts")
	}
	static, errs := th.StaticFor(root, "alpha")
	if len(errs) > 0 || len(static) != 2 || !strings.Contains(filepath.ToSlash(static["css/style.css"]), "communes/alpha/static") || static["logo.svg"] == "" {
		t.Errorf("StaticFor(alpha) = %v, %v", static, errs)
	}
	if static, _ := th.StaticFor(root, "beta"); !strings.Contains(filepath.ToSlash(static["css/style.css"]), "themes/t/static") {
		t.Errorf("StaticFor(beta) = %v", static)
	}
}

func TestLoadErrorsNameTheFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(map[string]string)
		theme string
		want  string
	}{
		{"missing theme", func(map[string]string) {}, "nope", `themes/nope: theme "nope" not found; check "theme" in tadafor.yaml; the folder themes/nope must exist`},
		{"missing catalog", func(f map[string]string) { delete(f, "themes/t/i18n/fr.yaml") }, "t",
			"themes/t/i18n/fr.yaml: missing interface strings for Français (fr); copy themes/t/i18n/ar.yaml and translate it"},
		{"no base layout", func(f map[string]string) { delete(f, "themes/t/layouts/base.html") }, "t", "layouts/base.html: the theme has no base.html"},
		{"a layout that does not parse", func(f map[string]string) {
			f["themes/t/layouts/pages/page.html"] = "{{ define \"content\" }}\n{{ if }}\n{{ end }}"
		}, "t", "themes/t/layouts/pages/page.html:2: template: missing value for if"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			files := small()
			tt.edit(files)
			_, errs := theme.Load(write(t, files), tt.theme, langs)
			if !strings.Contains(errs.Error(), tt.want) {
				t.Errorf("errors:\n%v\nwant\n%s", errs, tt.want)
			}
		})
	}
}

// An error while executing a layout names the layout file and line.
func TestExecuteErrorHasThePosition(t *testing.T) {
	t.Parallel()
	files := small()
	files["themes/t/layouts/pages/page.html"] = "{{ define \"content\" }}\n{{ .Missing }}{{ end }}"
	th, errs := theme.Load(write(t, files), "t", langs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	err := th.Layouts.Execute(&bytes.Buffer{}, "pages/page.html", data{})
	if err == nil || !strings.HasPrefix(err.Error(), "themes/t/layouts/pages/page.html:2:") {
		t.Errorf("got %v", err)
	}
}

// Minified layouts give the same page without the spaces, and still name
// the lines of the files as written.
func TestMinifiedLayouts(t *testing.T) {
	t.Parallel()
	files := small()
	files["themes/t/layouts/pages/page.html"] = "{{ define \"content\" }}\n  <p>  {{ .Title }}  </p>\n{{ .Missing }}{{ end }}"
	th, errs := theme.Load(write(t, files), "t", langs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if th.Layouts.Minified() {
		t.Error("layouts minified before Minify")
	}
	squeeze := func(src []byte) ([]byte, error) {
		return []byte(strings.Join(strings.Fields(string(src)), " ")), nil
	}
	m, err := th.Layouts.Minify(squeeze)
	if err != nil || !m.Minified() {
		t.Fatalf("Minify: %v", err)
	}
	err = m.Execute(&bytes.Buffer{}, "pages/page.html", data{Title: "x"})
	if err == nil || !strings.HasPrefix(err.Error(), "themes/t/layouts/pages/page.html:3:") {
		t.Errorf("error of a minified layout: %v", err)
	}
	var b bytes.Buffer
	if err := m.Execute(&b, "pages/guide.html", data{Title: "t"}); err != nil || b.String() != "<main>guide t</main><footer>guide</footer>" {
		t.Errorf("minified guide = %q, %v", b.String(), err)
	}
}

// words is a helper a page's data carries, as a layout reaches it.
type words struct{}

func (*words) T(key string) string { return key }
func (*words) Num(n int) string    { return "n" }

type page struct {
	Title string
	Fmt   *words
}

// An error where a layout asks its data for a name it lacks says where
// the name is: in a helper of the data, or close to one of its names.
func TestExecuteErrorSaysWhereANameIs(t *testing.T) {
	t.Parallel()
	tests := []struct{ layout, want string }{
		{`{{ .T "x" }}`, `themes/t/layouts/pages/page.html:2:3: template: executing "content" at <.T>: can't evaluate field T in type *theme_test.page; did you mean .Fmt.T?`},
		{`{{ .Fmt.Nmu 1 }}`, `; did you mean .Num?`},
		{`{{ .Titel }}`, `; did you mean .Title?`},
		{`{{ .Nothing }}`, `can't evaluate field Nothing in type *theme_test.page`},
	}
	for _, tt := range tests {
		files := small()
		files["themes/t/layouts/pages/page.html"] = "{{ define \"content\" }}\n" + tt.layout + "{{ end }}"
		th, errs := theme.Load(write(t, files), "t", langs)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		err := th.Layouts.Execute(&bytes.Buffer{}, "pages/page.html", &page{Fmt: &words{}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %s", tt.layout, err, tt.want)
		}
		if tt.layout == `{{ .Nothing }}` && err != nil && strings.Contains(err.Error(), "did you mean") {
			t.Errorf("%s: got %v, which proposes a name far from the one asked", tt.layout, err)
		}
	}
}
