package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

// languagesPage is the commune site's root, offering every language.
func (cs *communeSite) languagesPage(rd *reads) error {
	t := cs.trees[0]
	v := cs.view(rd, t, "")
	v.Layout = "pages/languages.html"
	v.Title = v.SiteName
	v.Description, _ = v.Fmt.T("site_desc", "name", v.SiteName)
	v.Switch = cs.homes(rd, v)
	if cs.base != "" {
		v.Canonical = cs.base
		v.Alternates = cs.homeAlternates(rd)
	}
	return cs.r.render(rd, cs.in.Layouts, v.Layout, v, cs.out("index.html"))
}

// homeAlternates are the absolute addresses of the home page in each
// language, and of the entrance, which lets readers choose, for the
// others (x-default); nil when the site's address is unknown.
func (cs *communeSite) homeAlternates(rd *reads) []LangLink {
	if cs.base == "" {
		return nil
	}
	var links []LangLink
	for i, tr := range cs.trees {
		rd.add(depAddr, tr.lang, "index")
		if tr.home != nil {
			links = append(links, LangLink{Lang: cs.r.in.Settings.Languages[i], URL: cs.base + escapePath(tr.home.dir) + "/"})
		}
	}
	return append(links, xDefault(cs.base))
}

// homes links to the home page of each language, from the page of v.
func (cs *communeSite) homes(rd *reads, v *View) []LangLink {
	var links []LangLink
	for i, tr := range cs.trees {
		rd.add(depAddr, tr.lang, "index")
		if tr.home != nil {
			links = append(links, LangLink{Lang: cs.r.in.Settings.Languages[i], URL: v.Links.base + escapePath(tr.home.file())})
		}
	}
	return links
}

// notFoundPage is served for any unknown address, at any depth, so its
// links start with the path of the site's address: "/fr/index.html" for
// a site at the root of its domain (or whose address is unknown),
// "/berkane/fr/index.html" for one published in the portal's folder
// berkane/ (see Options.NotFoundAtDomainRoot).
func (cs *communeSite) notFoundPage(rd *reads) error {
	t := cs.trees[0]
	root := "/"
	if !cs.r.opt.NotFoundAtDomainRoot {
		root = rootPath(cs.base)
	}
	v := cs.view(rd, t, root)
	v.Layout = "pages/404.html"
	v.Title, _ = v.Fmt.T("not_found_title")
	v.Description, _ = v.Fmt.T("not_found_text")
	v.Switch = cs.homes(rd, v)
	return cs.r.render(rd, cs.in.Layouts, v.Layout, v, cs.out("404.html"))
}

// robots allows everything and points to the sitemap when the site's
// address is known.
func (cs *communeSite) robots(*reads) error {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if cs.base != "" {
		fmt.Fprintf(&b, "Sitemap: %ssitemap.xml\n", cs.base)
	}
	return cs.r.emit(cs.out("robots.txt"), []byte(b.String()))
}

// sitemap lists every page in every language with its hreflang
// alternates. It needs absolute addresses, so it is written only when the
// site's address is known (base_url in the profile or baseURL in
// tadafor.yaml).
func (cs *communeSite) sitemap(rd *reads) error {
	if cs.base == "" {
		return nil
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	homes := cs.homeAlternates(rd)
	// The entrance, and the home pages, whose x-default it is.
	fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlText(cs.base))
	for _, h := range homes {
		writeAlternate(&b, h.Lang.Code, h.URL)
	}
	b.WriteString("</url>\n")
	for _, t := range cs.trees {
		for _, n := range t.pages(rd) {
			fmt.Fprintf(&b, "<url><loc>%s</loc>", xmlText(cs.base+escapePath(n.dir)+"/"))
			if d := lastChange(n.page); !d.IsZero() {
				fmt.Fprintf(&b, "<lastmod>%s</lastmod>", d.Format(time.DateOnly))
			}
			if n == t.home {
				for _, h := range homes {
					writeAlternate(&b, h.Lang.Code, h.URL)
				}
			} else {
				for i, other := range cs.trees {
					if tr, ok := other.byKey[n.page.Key]; ok {
						writeAlternate(&b, cs.r.in.Settings.Languages[i].Code, cs.base+escapePath(tr.dir)+"/")
					}
				}
			}
			b.WriteString("</url>\n")
		}
	}
	b.WriteString("</urlset>\n")
	return cs.r.emit(cs.out("sitemap.xml"), b.Bytes())
}

// lastChange is the date a page was last changed, as far as its front
// matter tells.
func lastChange(p *site.Page) time.Time {
	if p.Meta.Procedure != nil && !p.Meta.Procedure.Reviewed.IsZero() {
		return p.Meta.Procedure.Reviewed.Time
	}
	if p.Meta.Kind == site.KindNews {
		return p.Meta.Date.Time
	}
	return time.Time{}
}

// feed writes the Atom feed of the news of one language (RFC 4287). With
// the site's address known, the feed, its entries and their links are
// the pages' canonical addresses; otherwise ids are tag URIs (RFC 4151)
// and links are relative to the feed. A feed without entries is dated
// from the site's sources (see edition), never from the wall clock.
func (cs *communeSite) feed(rd *reads, t *tree) error {
	v := cs.view(rd, t, rootOf(t.lang))
	cs.addNews(rd, v, t, t.lang)
	rd.add(depEdition, "", "")
	rule := cs.r.typo.Lookup(t.lang)
	self := "feed.xml"
	// addr is the address of a page: canonical, or relative to the feed.
	addr := func(n *node) string { return escapePath(strings.TrimPrefix(n.file(), t.lang+"/")) }
	feedID := "tag:tadafor,2026:" + cs.commune.Slug + "/" + t.lang + "/"
	id := func(n *node) string { return feedID + n.page.Key }
	if cs.base != "" {
		feedID = cs.base + t.lang + "/"
		self = cs.base + escapePath(t.lang+"/feed.xml")
		addr = func(n *node) string { return cs.base + escapePath(n.dir) + "/" }
		id = addr
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	fmt.Fprintf(&b, `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="%s">`, xmlText(t.lang))
	title, _ := v.Fmt.T("news")
	fmt.Fprintf(&b, "<title>%s</title>", xmlText(rule.Text(title+" — "+v.SiteName)))
	fmt.Fprintf(&b, `<id>%s</id><link rel="self" type="application/atom+xml" href="%s"/>`, xmlText(feedID), xmlText(self))
	if t.home != nil {
		fmt.Fprintf(&b, `<link rel="alternate" type="text/html" href="%s"/>`, xmlText(addr(t.home)))
	}
	updated := cs.edition
	if len(v.News) > 0 {
		updated = time.Time{}
		for _, n := range v.News {
			updated = maxTime(updated, n.Date.Time)
		}
	}
	fmt.Fprintf(&b, "<updated>%s</updated><author><name>%s</name></author>", updated.Format(time.RFC3339), xmlText(rule.Text(v.SiteName)))
	for _, pv := range v.News {
		n := t.byKey[pv.Key]
		fmt.Fprintf(&b, `<entry><title>%s</title><link rel="alternate" type="text/html" href="%s"/><id>%s</id><updated>%s</updated>`,
			xmlText(rule.Text(pv.Title)), xmlText(addr(n)), xmlText(id(n)), pv.Date.Format(time.RFC3339))
		if pv.Description != "" {
			fmt.Fprintf(&b, "<summary>%s</summary>", xmlText(rule.Text(pv.Description)))
		}
		b.WriteString("</entry>")
	}
	b.WriteString("</feed>\n")
	return cs.r.emit(cs.out(t.lang+"/feed.xml"), b.Bytes())
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func xmlText(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
