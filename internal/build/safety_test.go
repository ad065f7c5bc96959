package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
)

// TestSlugCannotClimbOutOfTheOutput builds section pages and a leaf page
// whose slug is "..": the build fails at each slug, and nothing is
// written beside or above the output folder.
func TestSlugCannotClimbOutOfTheOutput(t *testing.T) {
	t.Parallel()
	archive := ""
	for _, name := range []string{"a/index", "a/b/index", "a/b/leaf"} {
		for _, lang := range []string{"ar", "fr"} {
			archive += "-- content/" + name + "." + lang + ".md --\n---\ntitle: x\nslug: '..'\n---\nx\n"
		}
	}
	root := newProject(t, archive)
	_, err := run(t, root, build.Options{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	for _, want := range []string{
		`content/a/b/leaf.fr.md:3:7: slug ".." cannot be one segment of an address`,
		`content/a/index.ar.md:3:7: slug ".." cannot be one segment of an address`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	for _, p := range []string{filepath.Join(root, "index.html"), filepath.Join(filepath.Dir(root), "index.html"), filepath.Join(root, "public")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}
