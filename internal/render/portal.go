package render

import (
	"cmp"
	"path"
	"slices"

	"github.com/tadafor/tadafor/internal/indicators"

	"github.com/tadafor/tadafor/internal/site"
)

// portal renders the programme portal in one language: public/index.html
// for the default language, public/<lang>/index.html for the others.
func (r *renderer) portal(rd *reads, lang site.Lang) error {
	rd.add(depCommunes, "", "")
	dir := r.portalDir(lang.Code)
	file := path.Join(dir, "index.html")
	v := &View{
		Title:    r.in.Settings.Title.Get(lang.Code),
		SiteName: r.in.Settings.Title.Get(lang.Code),
		Lang:     lang,
		Langs:    r.in.Settings.Languages,
		Layout:   "pages/portal.html",
		CSSURL:   relURL(dir, "css/style.css"),
		HomeURL:  relURL(dir, file),
		Fmt:      r.fmts[lang.Code],
		Links:    Links{base: rootOf(dir), langs: r.langs},
		layouts:  r.in.Theme.Layouts,
	}
	v.Partials = Partials{v}
	v.Description, _ = v.Fmt.T("portal_intro")
	v.Canonical = r.portalURL(lang.Code)
	for _, l := range r.in.Settings.Languages {
		if u := r.portalURL(l.Code); u != "" {
			v.Alternates = append(v.Alternates, LangLink{Lang: l, URL: u})
		}
		if l.Code != lang.Code {
			v.Switch = append(v.Switch, LangLink{Lang: l, URL: relURL(dir, path.Join(r.portalDir(l.Code), "index.html"))})
		}
	}
	if u := r.portalURL(r.in.Settings.Languages[0].Code); u != "" {
		v.Alternates = append(v.Alternates, xDefault(u))
	}
	byRegion := map[string]*Region{}
	var order []string
	for _, c := range r.in.AllCommunes {
		reg, ok := byRegion[c.Region]
		if !ok {
			reg = &Region{Name: c.RegionName.Get(lang.Code)}
			byRegion[c.Region] = reg
			order = append(order, c.Region)
		}
		typeKey := "commune_type_" + string(c.Type)
		typ, err := v.Fmt.T(typeKey)
		if err != nil {
			typ = string(c.Type)
		}
		reg.Communes = append(reg.Communes, CommuneLink{
			Name: c.Name.Get(lang.Code), Province: c.ProvinceName.Get(lang.Code), Type: typ,
			Population: v.Fmt.Num(c.Population), URL: relURL(dir, c.Slug+"/"+lang.Code+"/index.html"), Demo: c.Demo,
		})
		v.DemoFigures = v.DemoFigures || c.Demo
	}
	slices.Sort(order) // HCP region codes run north to south
	for _, code := range order {
		reg := byRegion[code]
		slices.SortFunc(reg.Communes, func(a, b CommuneLink) int { return cmp.Compare(a.Name, b.Name) })
		v.Regions = append(v.Regions, *reg)
	}
	prog := r.programme()
	v.Programme = &prog
	return r.render(rd, r.in.Theme.Layouts, v.Layout, v, file)
}

// programme sums up the indicators of every commune by region; it is
// computed once for all languages of the portal.
func (r *renderer) programme() indicators.Programme {
	r.progOnce.Do(func() { r.prog = indicators.Aggregate(r.in.AllCommunes) })
	return r.prog
}
