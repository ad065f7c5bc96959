package markdown

import (
	"slices"
	"testing"
)

func TestImageAlt(t *testing.T) {
	t.Parallel()
	src := "![La *mairie* de {{ commune.name }}](a.png) ![](b.png) ![ ](c.png) [lien](d.md) ![\\[x\\] &amp; y](e.png)\n"
	d, errs := New().Parse("content/x.fr.md", []byte(src), 1, "fr")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, l := range d.Links() {
		got = append(got, l.Dest+"="+l.Alt)
	}
	want := []string{"a.png=La mairie de {{commune.name}}", "b.png=", "c.png=", "d.md=", "e.png=[x] & y"}
	if !slices.Equal(got, want) {
		t.Errorf("alt texts = %q, want %q", got, want)
	}
}
