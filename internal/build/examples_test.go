package build_test

import (
	"encoding/json"
	"encoding/xml"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/build"
)

// TestWhatMachinesReadInTheExamples builds the example project and reads
// what search engines, feed readers and link previews read: every page
// has a title and a description of its own in its site, the JSON-LD uses
// only what schema.org defines, the feeds follow the Atom rules and link
// to the pages' canonical addresses, and the sitemaps list pages that
// exist, the entrance among them.
func TestWhatMachinesReadInTheExamples(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Run(t.Context(), build.Options{Root: filepath.Join("..", ".."), Out: out, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	pages := readPages(t, out)
	if len(pages) < 500 {
		t.Fatalf("only %d pages", len(pages))
	}
	t.Run("titles and descriptions", func(t *testing.T) { checkTitles(t, pages) })
	t.Run("JSON-LD", func(t *testing.T) { checkJSONLD(t, pages) })
	t.Run("Atom feeds", func(t *testing.T) { checkFeeds(t, out, pages) })
	t.Run("sitemaps", func(t *testing.T) { checkSitemaps(t, out, pages) })
}

// page is what the head of an HTML page says to machines.
type page struct {
	site        string // the commune's slug, "" for the portal
	title       string
	description string
	canonical   string
	jsonLD      []string
}

var (
	titleRE     = regexp.MustCompile(`<title>([^<]*)</title>`)
	descRE      = regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
	jsonLDRE    = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
)

// readPages reads every HTML page under out, by its path from out.
func readPages(t *testing.T, out string) map[string]*page {
	t.Helper()
	pages := map[string]*page{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(must(filepath.Rel(out, p)))
		pg := &page{}
		if first, _, ok := strings.Cut(rel, "/"); ok && first != "fr" && first != "ar" {
			pg.site = first
		}
		if m := titleRE.FindSubmatch(b); m != nil {
			pg.title = html.UnescapeString(string(m[1]))
		}
		if m := descRE.FindSubmatch(b); m != nil {
			pg.description = html.UnescapeString(string(m[1]))
		}
		if m := canonicalRE.FindSubmatch(b); m != nil {
			pg.canonical = html.UnescapeString(string(m[1]))
		}
		for _, m := range jsonLDRE.FindAllSubmatch(b, -1) {
			pg.jsonLD = append(pg.jsonLD, string(m[1]))
		}
		pages[rel] = pg
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func checkTitles(t *testing.T, pages map[string]*page) {
	titles := map[string][]string{}
	descs := map[string][]string{}
	for rel, p := range pages {
		if strings.TrimSpace(p.title) == "" {
			t.Errorf("%s has no title", rel)
		}
		if strings.TrimSpace(p.description) == "" {
			t.Errorf("%s has no meta description", rel)
		}
		titles[p.site+"\x00"+p.title] = append(titles[p.site+"\x00"+p.title], rel)
		descs[p.site+"\x00"+p.description] = append(descs[p.site+"\x00"+p.description], rel)
	}
	for key, rels := range titles {
		if len(rels) > 1 {
			slices.Sort(rels)
			t.Errorf("%d pages of one site have the title %q: %v", len(rels), strings.SplitN(key, "\x00", 2)[1], rels)
		}
	}
	for key, rels := range descs {
		if len(rels) > 1 {
			slices.Sort(rels)
			t.Errorf("%d pages of one site have the description %q: %v", len(rels), strings.SplitN(key, "\x00", 2)[1], rels)
		}
	}
}

// schemaOrg lists, for each type the sites use, the properties
// schema.org defines for it (its own and those it inherits from
// Organization, Place, StructuredValue and Thing) that the sites may
// write.
var schemaOrg = map[string][]string{
	"GovernmentOrganization": {"@context", "@id", "@type", "name", "alternateName", "description", "url", "sameAs", "logo",
		"image", "address", "areaServed", "telephone", "faxNumber", "email", "contactPoint", "parentOrganization", "location"},
	"PostalAddress": {"@type", "streetAddress", "addressLocality", "addressRegion", "addressCountry", "postalCode",
		"postOfficeBoxNumber", "name", "telephone", "email"},
	"AdministrativeArea": {"@type", "@id", "name", "alternateName", "containedInPlace", "geo", "address", "url", "sameAs"},
}

var intlPhone = regexp.MustCompile(`^\+212[5-8]\d{8}$`)

// checkJSONLD checks every property against schema.org's definition of
// its type, and the commune's description across its languages.
func checkJSONLD(t *testing.T, pages map[string]*page) {
	ids := map[string]map[string]bool{} // by site
	var n int
	for rel, p := range pages {
		for _, src := range p.jsonLD {
			n++
			var obj map[string]any
			if err := json.Unmarshal([]byte(src), &obj); err != nil {
				t.Errorf("%s: JSON-LD is not JSON: %v", rel, err)
				continue
			}
			if obj["@context"] != "https://schema.org" {
				t.Errorf("%s: @context %v", rel, obj["@context"])
			}
			checkSchema(t, rel, obj)
			if ids[p.site] == nil {
				ids[p.site] = map[string]bool{}
			}
			id, _ := obj["@id"].(string)
			ids[p.site][id] = true
			if tel, ok := obj["telephone"].(string); ok && !intlPhone.MatchString(tel) {
				t.Errorf("%s: telephone %q is not in international form", rel, tel)
			}
			addr, _ := obj["address"].(map[string]any)
			if loc, _ := addr["addressLocality"].(string); loc == "" || loc != obj["name"] {
				t.Errorf("%s: addressLocality %q, want the commune's name %q", rel, loc, obj["name"])
			}
			if u, _ := obj["url"].(string); !strings.HasPrefix(u, "https://") {
				t.Errorf("%s: url %q", rel, u)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d JSON-LD descriptions; every home page has one", n)
	}
	for site, set := range ids {
		if len(set) != 1 || set[""] {
			t.Errorf("%s: the commune's @id differs between languages: %v", site, set)
		}
	}
}

// checkSchema checks that obj, and each object it holds, uses only the
// properties of its @type.
func checkSchema(t *testing.T, rel string, obj map[string]any) {
	typ, _ := obj["@type"].(string)
	allowed, ok := schemaOrg[typ]
	if !ok {
		t.Errorf("%s: JSON-LD type %q is not one the test knows", rel, typ)
		return
	}
	for k, v := range obj {
		if !slices.Contains(allowed, k) {
			t.Errorf("%s: %q is not a property of schema.org's %s", rel, k, typ)
		}
		if sub, ok := v.(map[string]any); ok {
			checkSchema(t, rel, sub)
		}
	}
}

// atom is what the test reads of an Atom feed (RFC 4287).
type atom struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Authors []string   `xml:"author>name"`
	Links   []atomLink `xml:"link"`
	Entries []struct {
		ID      string     `xml:"id"`
		Title   string     `xml:"title"`
		Updated string     `xml:"updated"`
		Links   []atomLink `xml:"link"`
	} `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Href string `xml:"href,attr"`
}

func alternate(links []atomLink) string {
	for _, l := range links {
		if l.Rel == "" || l.Rel == "alternate" {
			return l.Href
		}
	}
	return ""
}

// canonicalOf returns the page an absolute address of the output is.
func canonicalOf(pages map[string]*page, addr string) *page {
	u, err := url.Parse(addr)
	if err != nil {
		return nil
	}
	return pages[strings.TrimPrefix(path.Join(u.Path, "index.html"), "/")]
}

// checkAddress checks that addr is absolute and has no "." or ".."
// segment, as canonical addresses never do.
func checkAddress(t *testing.T, where, addr string) {
	u, err := url.Parse(addr)
	if err != nil || !u.IsAbs() || u.Host == "" {
		t.Errorf("%s: %q is not an absolute address", where, addr)
		return
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			t.Errorf("%s: %q is not canonical", where, addr)
		}
	}
}

func checkFeeds(t *testing.T, out string, pages map[string]*page) {
	feeds, _ := filepath.Glob(filepath.Join(out, "*", "*", "feed.xml"))
	if len(feeds) < 10 {
		t.Fatalf("only %d feeds", len(feeds))
	}
	var entries int
	for _, f := range feeds {
		rel := filepath.ToSlash(must(filepath.Rel(out, f)))
		var a atom
		if err := xml.Unmarshal(must(os.ReadFile(f)), &a); err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if a.ID == "" || a.Title == "" || len(a.Authors) == 0 {
			t.Errorf("%s: a feed needs an id, a title and, its entries having none, an author", rel)
		}
		updated, err := time.Parse(time.RFC3339, a.Updated)
		if err != nil || updated.Year() < 2020 {
			t.Errorf("%s: updated %q", rel, a.Updated)
		}
		checkAddress(t, rel, a.ID)
		if home := alternate(a.Links); canonicalOf(pages, home) == nil || canonicalOf(pages, home).canonical != home {
			t.Errorf("%s: the feed's page %q is not a page's canonical address", rel, home)
		}
		seen := map[string]bool{}
		for _, e := range a.Entries {
			entries++
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil || e.Title == "" || seen[e.ID] {
				t.Errorf("%s: entry %q: updated %q, title %q, or its id repeats", rel, e.ID, e.Updated, e.Title)
			}
			seen[e.ID] = true
			link := alternate(e.Links)
			checkAddress(t, rel, link)
			p := canonicalOf(pages, link)
			switch {
			case p == nil:
				t.Errorf("%s: entry link %q leads to no page", rel, link)
			case p.canonical != link || e.ID != link:
				t.Errorf("%s: entry id %q and link %q, want the page's canonical address %q", rel, e.ID, link, p.canonical)
			}
		}
	}
	if entries == 0 {
		t.Error("no feed has an entry")
	}
}

// sitemap is a sitemap or a sitemap index.
type sitemap struct {
	URLs []struct {
		Loc        string `xml:"loc"`
		Alternates []struct {
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
	Sitemaps []string `xml:"sitemap>loc"`
}

func checkSitemaps(t *testing.T, out string, pages map[string]*page) {
	var index sitemap
	b, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err == nil {
		err = xml.Unmarshal(b, &index)
	}
	if err != nil {
		t.Fatalf("the portal's sitemap index: %v", err)
	}
	if len(index.Sitemaps) < 6 {
		t.Errorf("the portal's sitemap index lists %d sitemaps: %v", len(index.Sitemaps), index.Sitemaps)
	}
	for _, loc := range index.Sitemaps {
		checkAddress(t, "sitemap.xml", loc)
		u := must(url.Parse(loc))
		var sm sitemap
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(u.Path, "/"))))
		if err == nil {
			err = xml.Unmarshal(b, &sm)
		}
		if err != nil {
			t.Errorf("%s: %v", loc, err)
			continue
		}
		// The site's entrance is the folder of its sitemap: the page that
		// lets readers choose a language (the portal's root for the
		// portal).
		entrance := loc[:strings.LastIndex(loc, "/")+1]
		var listed, xDefault bool
		for _, e := range sm.URLs {
			checkAddress(t, loc, e.Loc)
			if p := canonicalOf(pages, e.Loc); p == nil || p.canonical != e.Loc {
				t.Errorf("%s: %q is not a page's canonical address", loc, e.Loc)
				continue
			}
			listed = listed || e.Loc == entrance
			for _, a := range e.Alternates {
				switch {
				case a.Hreflang == "x-default":
					xDefault = true
					if a.Href != entrance {
						t.Errorf("%s: x-default %q, want the entrance %q", loc, a.Href, entrance)
					}
				case canonicalOf(pages, a.Href) == nil:
					t.Errorf("%s: alternate %q leads to no page", loc, a.Href)
				}
			}
		}
		if !xDefault || !listed {
			t.Errorf("%s: the entrance %q is not listed (%v) or not the x-default alternate (%v)", loc, entrance, listed, xDefault)
		}
	}
	robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://") {
		t.Errorf("the portal's robots.txt does not point to its sitemap:\n%s", robots)
	}
}
