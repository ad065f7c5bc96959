package check

import (
	"bytes"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/content"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/site"
	"github.com/tadafor/tadafor/internal/yamldecode"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// langName is the English name of a language for messages ("French",
// from the CLDR names), or its own name and code when CLDR does not know
// its code.
func langName(l site.Lang) string {
	if tag, err := language.Parse(l.Code); err == nil {
		if n := display.English.Languages().Name(tag); n != "" {
			return n
		}
	}
	if l.Name != "" {
		return fmt.Sprintf("%s (%s)", l.Name, l.Code)
	}
	return l.Code
}

// translations warns about every page missing in one of the site's
// languages, at the file of the page in the first language that has it.
// A shared page is reported once; a commune's own page (one that is not
// an override of a shared page) is reported in its commune.
func (c *checker) translations() {
	shared := byKey(c.p.Shared)
	for _, key := range sortedKeys(shared) {
		c.missingLangs(shared[key])
	}
	for _, cm := range c.p.Communes {
		local := byKey(cm.Pages)
		for _, key := range sortedKeys(local) {
			if _, override := shared[key]; !override {
				c.missingLangs(local[key])
			}
		}
	}
}

// missingLangs reports the languages a page lacks; versions holds the
// page in the languages it has.
func (c *checker) missingLangs(versions map[string]*site.Page) {
	var first *site.Page
	for _, l := range c.langs {
		if p := versions[l.Code]; p != nil {
			first = p
			break
		}
	}
	if first == nil {
		return // only in languages the site does not publish: the loader says so
	}
	stem := strings.TrimSuffix(first.File, "."+first.Lang+".md")
	at := diag.Pos{File: first.File, Line: 1, Col: 1}
	for _, l := range c.langs {
		if versions[l.Code] != nil {
			continue
		}
		want := stem + "." + l.Code + ".md"
		switch c.fileState(want, l.Code) {
		case fileAbsent:
			c.add(diag.SevWarning, at, "write "+want, "no %s translation", langName(l))
		case fileDraft:
			c.add(diag.SevWarning, at, fmt.Sprintf("%s has \"draft: true\"; remove it when the translation is ready", want),
				"the %s translation is a draft", langName(l))
		}
		// fileBroken: the loader reported why the file could not be read.
	}
}

type fileState int

const (
	fileAbsent fileState = iota
	fileDraft
	fileBroken
)

// fileState tells why a translation is not among the loaded pages.
func (c *checker) fileState(file, lang string) fileState {
	src, err := c.readFile(file)
	if err != nil {
		return fileAbsent
	}
	p, _ := content.Parse(file, "page."+lang+".md", src, site.Codes(c.langs))
	if p != nil && p.Meta.Draft {
		return fileDraft
	}
	return fileBroken
}

func byKey(pages []*site.Page) map[string]map[string]*site.Page {
	m := map[string]map[string]*site.Page{}
	for _, p := range pages {
		if m[p.Key] == nil {
			m[p.Key] = map[string]*site.Page{}
		}
		m[p.Key][p.Lang] = p
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// images reports every image without alternative text.
func (c *checker) images(d *pageDoc) {
	if d.md == nil {
		return
	}
	for _, l := range d.md.Links() {
		if l.Image && strings.TrimSpace(l.Alt) == "" {
			c.add(diag.SevError, l.Pos, fmt.Sprintf("say what the image shows between the brackets: ![…](%s)", l.Dest),
				"image without alternative text")
		}
	}
}

// headings warns about a heading that skips a level: the page title is
// the level-1 heading, so the body's headings start at level 2 and go
// down one level at a time.
func (c *checker) headings(d *pageDoc) {
	if d.md == nil {
		return
	}
	prev := 1
	for i, h := range d.md.Headings() {
		if h.Level > prev+1 {
			want := strings.Repeat("#", prev+1)
			if i == 0 {
				c.add(diag.SevWarning, h.Pos, fmt.Sprintf("write %s: the page title is the level-1 heading", want),
					"the first heading is level %d (%s)", h.Level, strings.Repeat("#", h.Level))
			} else {
				c.add(diag.SevWarning, h.Pos, fmt.Sprintf("write %s, or add a level-%d heading before it", want, prev+1),
					"heading level %d (%s) after level %d skips level %d", h.Level, strings.Repeat("#", h.Level), prev, prev+1)
			}
		}
		prev = h.Level
	}
}

// todoRE finds the marker of a value still to write.
var todoRE = regexp.MustCompile(`\bTODO\b`)

const todoHint = "replace it with the real text before publishing"

// bodyTODOs warns about every "TODO" left in the text of a page, outside
// code blocks.
func (c *checker) bodyTODOs(d *pageDoc) {
	fence := ""
	for i, line := range strings.Split(string(d.page.Body), "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" \t") == "" {
				fence = ""
			}
			continue
		}
		if f := fenceOf(trimmed); f != "" && len(line)-len(trimmed) < 4 {
			fence = f
			continue
		}
		if loc := todoRE.FindStringIndex(line); loc != nil {
			pos := diag.Pos{File: d.page.File, Line: d.page.BodyLine + i, Col: 1 + len([]rune(line[:loc[0]]))}
			c.add(diag.SevWarning, pos, todoHint, "the text still contains \"TODO\"")
		}
	}
}

// fenceOf returns the fence that opens a fenced code block on line
// ("```" or "~~~", as long as written), or "".
func fenceOf(line string) string {
	for _, ch := range []string{"`", "~"} {
		n := len(line) - len(strings.TrimLeft(line, ch))
		if n >= 3 {
			return strings.Repeat(ch, n)
		}
	}
	return ""
}

// frontMatter checks the values of a page's front matter: empty list
// items (which the decoder lets through), "TODO" values and addresses on
// reserved domains.
func (c *checker) frontMatter(d *pageDoc) {
	src, err := c.readFile(d.page.File)
	if err != nil {
		return // the loader read it a moment ago; nothing to add
	}
	fm, line, ok := splitFrontMatter(src)
	if !ok {
		return
	}
	v, errs := yamldecode.Parse(fm, yamldecode.Options{File: d.page.File, FirstLine: line})
	if len(errs) > 0 {
		return // reported by the loader
	}
	c.values(v, d.page.Commune)
}

// profile checks the values of a commune's profile like those of a front
// matter.
func (c *checker) profile(cm *site.Commune) {
	src, err := c.readFile(cm.File)
	if err != nil {
		return
	}
	v, errs := yamldecode.Parse(src, yamldecode.Options{File: cm.File, FirstLine: 1})
	if len(errs) > 0 {
		return
	}
	c.values(v, cm.Slug)
}

// values checks every value of a YAML document of the commune slug ("" for
// a shared page).
func (c *checker) values(root yamldecode.Value, slug string) {
	demo := c.isDemo(slug)
	walk(root, "", func(path string, v yamldecode.Value) {
		switch v.Kind {
		case "seq":
			for i, item := range v.Items {
				if item.Kind == "null" || item.Kind == "scalar" && strings.TrimSpace(item.Scalar) == "" {
					c.add(diag.SevError, item.Pos, "write the item, or remove the line", "empty item %d of %q", i+1, path)
				}
			}
		case "scalar":
			s := strings.TrimSpace(v.Scalar)
			if todoRE.MatchString(s) && !c.loadErrs[v.Pos] {
				if s == "TODO" {
					c.add(diag.SevWarning, v.Pos, todoHint, "%q is still \"TODO\"", path)
				} else {
					c.add(diag.SevWarning, v.Pos, todoHint, "%q still contains \"TODO\"", path)
				}
			}
			if !demo {
				c.reserved(s, v.Pos)
			}
			if isWebAddress(s) && !hasReservedHost(s) {
				c.use(s, v.Pos)
			}
		}
	})
}

// isDemo reports whether the commune slug is a demonstration, whose
// invented addresses are expected.
func (c *checker) isDemo(slug string) bool {
	for _, cm := range c.p.Communes {
		if cm.Profile.Slug == slug {
			return cm.Profile.Demo
		}
	}
	return false
}

// walk calls fn for v and every value under it, with its path as the
// decoder names it ("contact.phone[1]").
func walk(v yamldecode.Value, path string, fn func(path string, v yamldecode.Value)) {
	fn(path, v)
	switch v.Kind {
	case "map":
		for i, k := range v.Keys {
			sub := k.Scalar
			if path != "" {
				sub = path + "." + k.Scalar
			}
			walk(v.Items[i], sub, fn)
		}
	case "seq":
		for i, item := range v.Items {
			walk(item, fmt.Sprintf("%s[%d]", path, i), fn)
		}
	}
}

// splitFrontMatter returns the YAML between the opening and closing
// "---" lines of a page, and the file line it starts on.
func splitFrontMatter(src []byte) ([]byte, int, bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	lines := bytes.SplitAfter(src, []byte("\n"))
	i := 0
	for i < len(lines) && len(bytes.TrimSpace(lines[i])) == 0 {
		i++
	}
	if i == len(lines) || string(bytes.TrimSpace(lines[i])) != "---" {
		return nil, 0, false
	}
	for j := i + 1; j < len(lines); j++ {
		if string(bytes.TrimSpace(lines[j])) == "---" {
			return bytes.Join(lines[i+1:j], nil), i + 2, true
		}
	}
	return nil, 0, false
}

// reservedTLDs and reservedDomains are set aside for examples and tests
// (RFC 2606, RFC 6761): no mail is delivered there, no site answers.
var (
	reservedTLDs    = []string{"example", "test", "invalid", "localhost", "local"}
	reservedDomains = []string{"example.com", "example.net", "example.org"}
)

// reservedHost reports whether host is on a domain reserved for examples.
func reservedHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	tld := host[strings.LastIndexByte(host, '.')+1:]
	if slices.Contains(reservedTLDs, tld) {
		return true
	}
	for _, d := range reservedDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// isWebAddress reports whether s is an http or https address with a host.
func isWebAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// hasReservedHost reports whether s is a web or e-mail address (or a
// mailto: link) on a reserved domain.
func hasReservedHost(s string) bool {
	_, host := addressHost(s)
	return host != "" && reservedHost(host)
}

// addressHost returns what s is ("e-mail address" or "web address") and
// its host, or "" when s is neither.
func addressHost(s string) (what, host string) {
	if u, err := url.Parse(s); err == nil {
		switch {
		case (u.Scheme == "http" || u.Scheme == "https") && u.Host != "":
			return "web address", u.Hostname()
		case u.Scheme == "mailto":
			s = u.Opaque
		}
	}
	if a, err := mail.ParseAddress(s); err == nil && a.Address == s {
		return "e-mail address", a.Address[strings.LastIndexByte(a.Address, '@')+1:]
	}
	return "", ""
}

// reserved warns about an address that cannot work because its domain is
// reserved for examples.
func (c *checker) reserved(s string, pos diag.Pos) {
	what, host := addressHost(s)
	if host == "" || !reservedHost(host) {
		return
	}
	c.add(diag.SevWarning, pos, "write the real address, or set \"demo: true\" in the profile of a demonstration commune",
		"the %s %q cannot work: the domain %s is reserved for examples", what, s, host)
}

// links checks the links of a page's body like the addresses of a
// profile, and collects its web addresses for the external check.
func (c *checker) links(d *pageDoc) {
	if d.md == nil {
		return
	}
	demo := c.isDemo(d.page.Commune)
	for _, l := range d.md.Links() {
		if !demo {
			c.reserved(l.Dest, l.Pos)
		}
		if isWebAddress(l.Dest) && !hasReservedHost(l.Dest) {
			c.use(l.Dest, l.Pos)
		}
	}
}

// use records the use of a web address at pos, for the external check.
func (c *checker) use(addr string, pos diag.Pos) {
	if c.urls == nil {
		c.urls = map[string][]diag.Pos{}
	}
	c.urls[addr] = append(c.urls[addr], pos)
}

// coverage counts, for each language, the pages and interface strings it
// has out of those of the site.
func (c *checker) coverage() Coverage {
	var cov Coverage
	shared := byKey(c.p.Shared)
	keys := []map[string]*site.Page{}
	for _, k := range sortedKeys(shared) {
		keys = append(keys, shared[k])
	}
	for _, cm := range c.p.Communes {
		local := byKey(cm.Pages)
		for _, k := range sortedKeys(local) {
			if _, override := shared[k]; !override {
				keys = append(keys, local[k])
			}
		}
	}
	cats := c.p.Theme.Catalogs
	var ref []string
	if len(c.langs) > 0 && cats[c.langs[0].Code] != nil {
		ref = cats[c.langs[0].Code].Keys()
	}
	for _, l := range c.langs {
		lc := LangCoverage{Lang: l.Code, Name: l.Name, PagesTotal: len(keys), StringsTotal: len(ref)}
		for _, versions := range keys {
			if versions[l.Code] != nil {
				lc.Pages++
			}
		}
		if cat := cats[l.Code]; cat != nil {
			for _, k := range ref {
				if cat.Has(k) {
					lc.Strings++
				}
			}
		}
		cov.Languages = append(cov.Languages, lc)
	}
	return cov
}
