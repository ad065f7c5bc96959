package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/minify"
	"github.com/tadafor/tadafor/internal/render"
)

func TestPublisher(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	css := filepath.Join(dir, "style.css")
	pdf := filepath.Join(dir, "budget.pdf")
	for name, text := range map[string]string{css: "a {\n  color : red;\n}\n", pdf: "%PDF-1.4 budget"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(pdf, filepath.Join(dir, "link.pdf")); err != nil {
		t.Fatal(err)
	}
	pub := build.NewPublisher(minify.New())

	// The theme's stylesheet, published by two communes: minified, once.
	first, err := pub.Bytes(render.Output{Path: "alpha/css/style.css", Source: css})
	if err != nil || string(first) != "a{color:red}" {
		t.Fatalf("stylesheet: %q, %v", first, err)
	}
	if err := os.WriteFile(css, []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again, _ := pub.Bytes(render.Output{Path: "beta/css/style.css", Source: css}); string(again) != "a{color:red}" {
		t.Errorf("the stylesheet was read again for the second commune: %q", again)
	}

	// A PDF is copied as it is; HTML already minified is left alone.
	if !pub.Copies(render.Output{Path: "alpha/docs/budget.pdf", Source: pdf}) {
		t.Error("a PDF should be copied as it is")
	}
	page := []byte("<p>  already   minified </p>")
	if got, _ := pub.Bytes(render.Output{Path: "alpha/fr/index.html", Data: page, Minified: true}); string(got) != string(page) {
		t.Errorf("minified page changed: %q", got)
	}
	if got, _ := pub.Bytes(render.Output{Path: "alpha/fr/index.html", Data: page}); string(got) == string(page) {
		t.Errorf("page not minified: %q", got)
	}
	// Without a minifier everything is published as rendered.
	if got, _ := build.NewPublisher(nil).Bytes(render.Output{Path: "x/index.html", Data: page}); string(got) != string(page) {
		t.Errorf("unminified build changed a page: %q", got)
	}
	// Only a regular file is read.
	if _, err := pub.Bytes(render.Output{Path: "alpha/docs/link.pdf", Source: filepath.Join(dir, "link.pdf")}); err == nil {
		t.Error("a symbolic link was read")
	}
}
