package minify

import (
	"strings"
	"testing"
)

func TestFileKeepsDocumentTagsAndShrinks(t *testing.T) {
	t.Parallel()
	m := New()
	html := "<!doctype html>\n<html lang=\"ar\" dir=\"rtl\">\n<head>\n<title> عنوان </title>\n<script type=\"application/ld+json\">{ \"name\" : \"بركان\" }</script>\n</head>\n<body>\n  <p>  نص   </p>\n</body>\n</html>\n"
	out, err := m.File("a/index.html", []byte(html))
	if err != nil {
		t.Fatal(err)
	}
	got := string(out)
	for _, want := range []string{`<html lang="ar" dir="rtl">`, `{"name":"بركان"}`, "<body>"} {
		if !strings.Contains(got, want) {
			t.Errorf("minified HTML lacks %s:\n%s", want, got)
		}
	}
	if len(out) >= len(html) {
		t.Errorf("not smaller: %d >= %d", len(out), len(html))
	}
	css, err := m.File("css/style.css", []byte("a {\n  margin-inline-start : 0px;\n}\n"))
	if err != nil || string(css) != "a{margin-inline-start:0}" {
		t.Errorf("css = %q, %v", css, err)
	}
	raw := []byte("%PDF-1.4 whatever")
	if pdf, _ := m.File("docs/x.pdf", raw); string(pdf) != string(raw) || Minifiable("docs/x.pdf") {
		t.Error("a PDF must pass unchanged")
	}
}

func TestTemplateKeepsActions(t *testing.T) {
	t.Parallel()
	src := "<ul class=\"menu\">\n  {{- range .Menu }}\n  <li><a href=\"{{ .URL }}\"{{ if .Current }} aria-current=\"page\"{{ end }}>{{ .Title }}</a></li>\n  {{- end }}\n</ul>\n<p>{{ .A }} · {{ .B }}</p>\n"
	out, err := New().Template([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := `<ul class="menu">{{- range .Menu }}<li><a href="{{ .URL }}"{{ if .Current }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{- end }}</ul><p>{{ .A }} · {{ .B }}</p>`
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
}
