package render

import (
	"testing"

	"github.com/tadafor/tadafor/internal/diag"
)

func TestCheckPaths(t *testing.T) {
	t.Parallel()
	page := func(path, file string, line int) planned {
		return planned{path: path, from: diag.Pos{File: file, Line: line, Col: 7}}
	}
	own := func(path, what string) planned { return planned{path: path, what: what} }
	const hint = "; change the slug of one of them, or rename its file"
	for _, tt := range []struct {
		name string
		all  []planned
		want string
	}{
		{"no collision", []planned{page("a/fr/x/index.html", "content/x.fr.md", 0), own("a/fr/feed.xml", "the feed")}, ""},
		{"a page where the feed is", []planned{own("a/fr/feed.xml", "the site's feed in fr"), page("a/fr/feed.xml", "content/p.fr.md", 3)},
			"content/p.fr.md:3:7: two outputs at one address: fr/feed.xml is also written by the site's feed in fr" + hint},
		{"two generated files", []planned{own("a/x", "one"), own("a/x", "two")},
			"two outputs at one address: x is also written by one"},
		{"a file where a folder is needed", []planned{page("a/fr/docs", "communes/a/static/fr/docs", 0), page("a/fr/docs/index.html", "content/docs.fr.md", 0)},
			"communes/a/static/fr/docs: the file fr/docs is in the way of the folder that content/docs.fr.md needs for fr/docs/index.html" + hint + "\n" +
				"content/docs.fr.md: fr/docs/index.html needs the folder fr/docs, where communes/a/static/fr/docs writes a file" + hint},
	} {
		var errs diag.List
		checkPaths(&errs, "a/", tt.all)
		errs.Sort()
		if got := errs.Error(); got != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}
