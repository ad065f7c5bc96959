package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/tadafor/tadafor/internal/site"
)

// Output paths of the portal's files besides its pages.
const (
	// PortalSitemap lists the portal's own pages; sitemap.xml, the index,
	// lists it with the communes' sitemaps.
	PortalSitemap = "portal-sitemap.xml"
)

// portalDir is the folder of the portal's page in language code: the
// root for the default language, the language's folder for the others.
func (r *renderer) portalDir(code string) string {
	if code == r.in.Settings.Languages[0].Code {
		return ""
	}
	return code
}

// portalBase is the portal's address with a final "/", "" when
// tadafor.yaml does not give it.
func (r *renderer) portalBase() string {
	base := r.in.Settings.BaseURL
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base
}

// portalURL is the address of the portal's page in language code, ""
// when the portal's address is unknown.
func (r *renderer) portalURL(code string) string {
	base := r.portalBase()
	if base == "" {
		return ""
	}
	if dir := r.portalDir(code); dir != "" {
		return base + escapePath(dir) + "/"
	}
	return base
}

// xDefault is the hreflang alternate for readers whose language has no
// version of the page: the address of the page that lets them choose.
func xDefault(u string) LangLink { return LangLink{Lang: site.Lang{Code: "x-default"}, URL: u} }

// rootPath is the path of the address base ("/berkane/" for
// https://communes.example/berkane/), "/" when base is "" or has none: the
// start of the links of a page that is served at any address, the 404
// page.
func rootPath(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.EscapedPath()
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// portalRobots allows everything and points to the sitemap index.
func (r *renderer) portalRobots(*reads) error {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if base := r.portalBase(); base != "" {
		fmt.Fprintf(&b, "Sitemap: %ssitemap.xml\n", base)
	}
	return r.emit("robots.txt", []byte(b.String()))
}

// portalSitemaps writes the portal's sitemap and the sitemap index that
// lists it with the sitemap of each commune site published under the
// portal's address. A commune with its own address (base_url) is left
// out: a sitemap may only list addresses of its own host, and the
// commune's robots.txt announces its sitemap on its domain. Both need
// absolute addresses, so nothing is written when the portal's is unknown.
func (r *renderer) portalSitemaps(rd *reads) error {
	rd.add(depCommunes, "", "")
	base := r.portalBase()
	if base == "" {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, l := range r.in.Settings.Languages {
		fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlText(r.portalURL(l.Code)))
		for _, other := range r.in.Settings.Languages {
			writeAlternate(&b, other.Code, r.portalURL(other.Code))
		}
		writeAlternate(&b, "x-default", r.portalURL(r.in.Settings.Languages[0].Code))
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	if err := r.emit(PortalSitemap, b.Bytes()); err != nil {
		return err
	}
	b.Reset()
	b.WriteString(xml.Header)
	b.WriteString(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	fmt.Fprintf(&b, "<sitemap><loc>%s</loc></sitemap>\n", xmlText(base+PortalSitemap))
	for _, c := range r.in.AllCommunes {
		if c.BaseURL == "" {
			fmt.Fprintf(&b, "<sitemap><loc>%s</loc></sitemap>\n", xmlText(base+escapePath(c.Slug)+"/sitemap.xml"))
		}
	}
	b.WriteString("</sitemapindex>\n")
	return r.emit("sitemap.xml", b.Bytes())
}

// writeAlternate writes the hreflang alternate of a sitemap's <url>.
func writeAlternate(b *bytes.Buffer, hreflang, href string) {
	fmt.Fprintf(b, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, xmlText(hreflang), xmlText(href))
}

// portalNotFound is the 404 page of the portal's host, in every language,
// with links from the path of the portal's address.
func (r *renderer) portalNotFound(rd *reads) error {
	lang := r.in.Settings.Languages[0]
	root := "/"
	if !r.opt.NotFoundAtDomainRoot {
		root = rootPath(r.portalBase())
	}
	v := &View{
		SiteName: r.in.Settings.Title.Get(lang.Code),
		Lang:     lang,
		Langs:    r.in.Settings.Languages,
		Layout:   "pages/404.html",
		CSSURL:   root + "css/style.css",
		HomeURL:  root + "index.html",
		Fmt:      r.fmts[lang.Code],
		Links:    Links{base: root, langs: r.langs},
		layouts:  r.in.Theme.Layouts,
	}
	v.Partials = Partials{v}
	v.Title, _ = v.Fmt.T("not_found_title")
	v.Description, _ = v.Fmt.T("not_found_text")
	for _, l := range r.in.Settings.Languages {
		v.Switch = append(v.Switch, LangLink{Lang: l, URL: root + escapePath(path.Join(r.portalDir(l.Code), "index.html"))})
	}
	return r.render(rd, r.in.Theme.Layouts, v.Layout, v, "404.html")
}
