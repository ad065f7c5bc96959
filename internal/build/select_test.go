package build_test

import (
	"path"
	"slices"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/render"
)

// TestSelectRendersTheOutputsItAccepts checks that Select is asked about
// each output by its identity, and that only the outputs it accepts are
// written (and the search indexes, which hold pages not rendered).
func TestSelectRendersTheOutputsItAccepts(t *testing.T) {
	t.Parallel()
	p, errs := build.Load(t.Context(), newProject(t), "")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	home := render.OutputID{Site: "alpha", Lang: "fr", Kind: render.KindPage, Key: "index"}
	css := render.OutputID{Kind: render.KindStatic, Key: "css/style.css"}
	var (
		mu      sync.Mutex
		asked   = map[render.OutputID]int{}
		written []string
	)
	opt := render.Options{Select: func(id render.OutputID) bool {
		mu.Lock()
		defer mu.Unlock()
		asked[id]++
		return id == home || id == css
	}}
	list := render.Render(t.Context(), p.Project, opt, func(o render.Output) error {
		mu.Lock()
		defer mu.Unlock()
		written = append(written, o.Path)
		return nil
	})
	if list.HasErrors() {
		t.Fatal(list)
	}
	for _, id := range []render.OutputID{
		home, css,
		{Site: "beta", Lang: "ar", Kind: render.KindPage, Key: "index"},
		{Site: "alpha", Kind: render.KindStatic, Key: "css/style.css"},
		{Site: "alpha", Kind: render.KindNotFound},
		{Site: "alpha", Lang: "fr", Kind: render.KindFeed},
		{Lang: "fr", Kind: render.KindPortal},
		{Kind: render.KindSitemap},
	} {
		if asked[id] != 1 {
			t.Errorf("Select was asked %d times about %s, want once", asked[id], id)
		}
	}
	slices.Sort(written)
	written = slices.DeleteFunc(written, func(p string) bool { return path.Base(path.Dir(p)) == render.SearchKey && path.Base(p) == "index.js" })
	if want := []string{"alpha/fr/index.html", "css/style.css"}; !slices.Equal(written, want) {
		t.Errorf("written %q, want %q", written, want)
	}
}
