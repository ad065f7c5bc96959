// Package benchcorpus writes a complete tadafor project of any size for
// benchmarks: real communes of the census reference data with valid
// profiles, and shared Arabic and French pages of realistic Markdown
// (headings, lists, a table, placeholders, direction spans, links between
// pages and to their headings, procedure front matter), plus a few news
// items and an event per commune. Everything is drawn from a phrase bank
// with a seeded generator, so one seed always gives the same project.
//
// It also holds the floor of the build benchmark (see Floor): the same
// Markdown converted by plain goldmark.
package benchcorpus

import (
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/refdata"
)

// Options size a generated project.
type Options struct {
	// Communes is the number of communes (default 60), spread evenly over
	// the programme's five regions.
	Communes int
	// Pages is the number of shared pages per language (default 50, at
	// least 3): the home page, a news section when there are ten pages or
	// more, and up to five sections, each with its own index page.
	Pages int
	// Seed selects the communes and the text; the same seed gives the
	// same project.
	Seed int64
	// Themes is the themes folder copied into the project (for example the
	// repository's themes/); required.
	Themes string
}

// Defaults of Options.
const (
	DefaultCommunes = 60
	DefaultPages    = 50
)

// The size of generated files, in bytes: shared pages aim at targetPage
// (front matter included), the communes' own pages at targetLocal.
const (
	targetPage  = 7000
	targetLocal = 2500
)

// newsPerCommune is the number of news items of each commune (it also has
// one event).
const newsPerCommune = 3

// langs are the languages of the generated project, the default first.
var langs = []string{"ar", "fr"}

// regions are the HCP codes of the programme's five regions:
// Casablanca-Settat, Oriental, Souss-Massa, Tanger-Tétouan-Al Hoceïma and
// Béni Mellal-Khénifra.
var regions = []string{"06", "02", "09", "01", "05"}

// Generate writes a project into dir, which must not exist or be empty:
// tadafor.yaml, content/, communes/<slug>/ and a copy of opts.Themes as
// themes/. It returns an error when an option is out of range, the
// reference data lacks communes, or a file cannot be written; dir may
// then hold part of the project. Generate is safe for concurrent use with
// different dirs.
func Generate(dir string, opts Options) error {
	if opts.Communes == 0 {
		opts.Communes = DefaultCommunes
	}
	if opts.Pages == 0 {
		opts.Pages = DefaultPages
	}
	switch {
	case opts.Communes < 0:
		return fmt.Errorf("generate corpus: %d communes", opts.Communes)
	case opts.Pages < 3:
		return fmt.Errorf("generate corpus: %d pages per language, need at least 3", opts.Pages)
	case opts.Themes == "":
		return errors.New("generate corpus: no themes folder given")
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("generate corpus: %s is not empty", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("generate corpus: %w", err)
	}
	ref, err := refdata.Load()
	if err != nil {
		return fmt.Errorf("generate corpus: %w", err)
	}
	communes, err := pickCommunes(ref, opts.Communes, uint64(opts.Seed))
	if err != nil {
		return fmt.Errorf("generate corpus: %w", err)
	}

	g := &generator{dir: dir, seed: uint64(opts.Seed)}
	g.file(project.SettingsFile, settingsYAML)
	pages := planPages(opts.Pages, g.seed)
	for _, p := range pages {
		for _, lang := range langs {
			g.file(path.Join(project.ContentDir, p.key+"."+lang+".md"), g.sharedPage(p, pages, lang))
		}
	}
	for i, c := range communes {
		base := path.Join(project.CommunesDir, c.Slug)
		g.file(path.Join(base, project.ProfileFile), profileYAML(c, i))
		for j, n := range localPages(i) {
			for _, lang := range langs {
				g.file(path.Join(base, project.ContentDir, n.key+"."+lang+".md"), g.localPage(n, c.Slug, i, j, pages, lang))
			}
		}
	}
	if g.err != nil {
		return fmt.Errorf("generate corpus: %w", g.err)
	}
	if err := os.CopyFS(filepath.Join(dir, project.ThemesDir), os.DirFS(opts.Themes)); err != nil {
		return fmt.Errorf("generate corpus: copy themes: %w", err)
	}
	return nil
}

// generator writes the files of one project; it keeps the first error.
type generator struct {
	dir  string
	seed uint64
	err  error
}

// file writes data to the slash path rel under the project.
func (g *generator) file(rel, data string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	g.err = os.WriteFile(p, []byte(data), 0o644)
}

// rng returns the random source of one part of the project, named by
// parts: each page draws from its own stream, so that changing one page
// leaves the others as they were.
func rng(seed uint64, parts ...string) *rand.Rand {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return rand.New(rand.NewPCG(seed, h.Sum64()))
}

// settingsYAML is the project's tadafor.yaml.
const settingsYAML = `# Generated benchmark project (internal/benchcorpus): demonstration data only.
title:
  ar: البوابة النموذجية للجماعات
  fr: Portail modèle des communes
baseURL: https://communes.example/
languages:
  - {code: ar, name: العربية, dir: rtl, locale: ar-MA}
  - {code: fr, name: Français, dir: ltr, locale: fr-MA}
theme: default
`

// sectionDef is a shared section: its folder, the kind of its pages, its
// title and the pages it can hold.
type sectionDef struct {
	key    string
	kind   string
	title  map[string]string
	leaves []leafDef
}

// leafDef is a page of a section: its file name and title.
type leafDef struct {
	name  string
	title map[string]string
}

// heading is a heading of a generated page, with the id the markdown
// package gives it.
type heading struct {
	level    int
	text, id string
}

// page is a planned page, shared or local, in every language.
type page struct {
	key    string
	kind   string
	title  map[string]string
	weight int
	menu   bool
	slug   map[string]string // by language, when set
	heads  map[string][]heading
	kids   []*page
	h2, h3 int // headings wanted (besides the first, fixed one)
}

// planPages lays out n shared pages per language: the home page, a news
// section when n ≥ 10, then sections with their index page and pages,
// spread in turn over the sections. Every page's headings are chosen
// before any body is written, so that links can point at them.
func planPages(n int, seed uint64) []*page {
	home := &page{key: "index", kind: "page", title: homeTitle, h2: 5}
	pages := []*page{home}
	if n >= 10 {
		pages = append(pages, &page{key: "news/index", kind: "page", title: newsTitle, weight: 90, menu: true, h2: 3})
	}
	rest := n - len(pages)
	count := min(max(rest/2, 1), len(sections))
	index := make([]*page, count)
	for i, s := range sections[:count] {
		index[i] = &page{key: s.key + "/index", kind: "page", title: s.title, weight: i + 1, menu: true, h2: 5}
		pages = append(pages, index[i])
	}
	for i := range rest - count {
		s := sections[i%count]
		k := i / count
		leaf := s.leaves[k%len(s.leaves)]
		p := &page{key: s.key + "/" + leaf.name, kind: s.kind, title: leaf.title, weight: k + 1, h2: 7, h3: 5}
		if s.kind == "procedure" {
			// The front matter carries much of a procedure page.
			p.h2, p.h3 = 5, 3
		}
		if round := k / len(s.leaves); round > 0 {
			p.key += fmt.Sprintf("-%d", round+1)
			p.title = map[string]string{}
			for lang, t := range leaf.title {
				p.title[lang] = fmt.Sprintf("%s (%d)", t, round+1)
			}
		}
		if i%4 == 1 {
			// A readable Arabic address, as editors write them.
			p.slug = map[string]string{"ar": slug(p.title["ar"])}
		}
		index[i%count].kids = append(index[i%count].kids, p)
		pages = append(pages, p)
	}
	for _, p := range pages {
		p.planHeadings(seed)
	}
	return pages
}

// planHeadings draws the page's headings in each language: the fixed
// first heading, then h2 second-level headings with h3 third-level ones
// spread under them, all distinct.
func (p *page) planHeadings(seed uint64) {
	p.heads = map[string][]heading{}
	for _, lang := range langs {
		v := vocabs[lang]
		r := rng(seed, "headings", p.key, lang)
		h2 := draw(r, v.h2, p.h2)
		h3 := draw(r, v.h3, p.h3)
		hs := []heading{{level: 2, text: v.brief}}
		for i, t := range h2 {
			hs = append(hs, heading{level: 2, text: t})
			// Third-level headings go under the second-level ones in turn.
			for j := i; j < len(h3); j += len(h2) {
				hs = append(hs, heading{level: 3, text: h3[j]})
			}
		}
		for i := range hs {
			hs[i].id = slug(hs[i].text)
		}
		p.heads[lang] = hs
	}
}

// draw returns n distinct entries of bank in random order; past the size
// of the bank, entries come back numbered.
func draw(r *rand.Rand, bank []string, n int) []string {
	out := make([]string, 0, n)
	for round := 1; len(out) < n; round++ {
		for _, i := range r.Perm(len(bank)) {
			if len(out) == n {
				break
			}
			t := bank[i]
			if round > 1 {
				t = fmt.Sprintf("%s %d", t, round)
			}
			out = append(out, t)
		}
	}
	return out
}

// localPages are the news items and the event of the commune at index i.
func localPages(i int) []*page {
	var list []*page
	for j := range newsPerCommune {
		list = append(list, &page{key: fmt.Sprintf("news/item-%d", j+1), kind: "news", h2: 2})
	}
	list = append(list, &page{key: "news/open-day", kind: "event", h2: 2})
	for j, p := range list {
		p.title = map[string]string{}
		for _, lang := range langs {
			titles := vocabs[lang].newsTitles
			p.title[lang] = titles[(i+j)%len(titles)]
		}
	}
	return list
}

// slug is the heading id the markdown package makes from a heading's
// text, for text already in normalization form C (as the phrase bank is):
// letters (lowercased), digits and combining marks are kept, every run of
// other characters becomes one "-", and none starts or ends the id;
// invisible formatting characters and the tatweel are dropped. A test
// checks it against the markdown package for every heading of the bank.
func slug(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range s {
		switch {
		case r == '\u0640' || unicode.Is(unicode.Cf, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc):
			if sep && b.Len() > 0 {
				b.WriteByte('-')
			}
			sep = false
			b.WriteRune(unicode.ToLower(r))
		default:
			sep = true
		}
	}
	return b.String()
}
