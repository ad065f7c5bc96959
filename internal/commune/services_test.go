package commune_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/site"
)

func TestCheckServices(t *testing.T) {
	t.Parallel()
	page := func(key string) *site.Page { return &site.Page{Key: key, Lang: "fr"} }
	shared := []*site.Page{page("procedures/building-permit"), page("participation/petitions"), page("contact")}
	local := []*site.Page{page("news/market")}
	for i := range 9 {
		shared = append(shared, page(fmt.Sprintf("g/%d", i+1)))
	}
	tests := []struct {
		name, list string
		want       []string
	}{
		{"valid, a shared page and the commune's own", "  - procedures/building-permit\n  - news/market\n", nil},
		{"unknown, with the closest", "  - procedures/bulding-permit\n",
			[]string{file + `:11:5: no page "procedures/bulding-permit" for the home page's services; did you mean "procedures/building-permit"?`}},
		{"a file name instead of a key", "  - content/participation/petitions.fr.md\n",
			[]string{file + `:11:5: no page "content/participation/petitions.fr.md" for the home page's services; write the page's key, its path under content/ without language and extension: "participation/petitions"`}},
		{"twice", "  - contact\n  - procedures/building-permit\n  - contact\n",
			[]string{file + `:13:5: service "contact" is already listed on line 11; list each page once`}},
		{"too many", "  - g/1\n  - g/2\n  - g/3\n  - g/4\n  - g/5\n  - g/6\n  - g/7\n  - g/8\n  - g/9\n",
			[]string{file + `:19:5: the home page lists at most 8 services, not 9; keep the pages citizens ask for most; the others are a click away in their sections`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, errs := commune.Parse(file, "berkane", []byte(base+"services:\n"+tt.list), langs, ref(t))
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			var got []string
			for _, e := range commune.CheckServices(c.Services, c.ServicesPos, c.File, shared, local) {
				got = append(got, e.Error())
			}
			if g, w := strings.Join(got, "\n"), strings.Join(tt.want, "\n"); g != w {
				t.Errorf("got:\n%s\nwant:\n%s", g, w)
			}
		})
	}
	if errs := commune.CheckServices(nil, nil, "tadafor.yaml", shared); errs != nil {
		t.Errorf("no list: %v", errs)
	}
}
