package benchcorpus

import (
	"fmt"
	"math/rand/v2"
	"path"
	"strings"
)

// sharedPage is the Markdown file of shared page p in lang; all are the
// shared pages it may link to.
func (g *generator) sharedPage(p *page, all []*page, lang string) string {
	var b strings.Builder
	frontMatter(&b, p, lang, "")
	t := &textGen{v: vocabs[lang], r: rng(g.seed, "body", p.key, lang), lang: lang, page: p, all: all}
	t.body(&b, targetPage)
	return b.String()
}

// localPage is the Markdown file of the j-th own page p of the i-th
// commune, slug, in lang.
func (g *generator) localPage(p *page, slug string, i, j int, all []*page, lang string) string {
	p.planHeadings(g.seed)
	date := fmt.Sprintf("2026-%02d-%02d", 1+(i+j)%12, 1+(7*i+3*j)%28)
	var b strings.Builder
	frontMatter(&b, p, lang, date)
	t := &textGen{v: vocabs[lang], r: rng(g.seed, "local", slug, p.key, lang), lang: lang, page: p, all: all}
	b.WriteString(t.v.newsLead + "\n\n")
	t.body(&b, targetLocal)
	return b.String()
}

// frontMatter writes the YAML header of p in lang; date is the date of a
// news item or event.
func frontMatter(b *strings.Builder, p *page, lang, date string) {
	v := vocabs[lang]
	w := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	w("---")
	w("title: %s", q(p.title[lang]))
	w("description: %s", q(p.title[lang]+" — "+v.demo))
	w("kind: %s", p.kind)
	if p.weight != 0 {
		w("weight: %d", p.weight)
	}
	if p.menu {
		w("menu: true")
	}
	if s := p.slug[lang]; s != "" {
		w("slug: %s", q(s))
	}
	switch p.kind {
	case "news":
		w("date: %s", date)
	case "event":
		w("event:\n  start: %sT10:00\n  end: %sT13:00\n  location: %s", date, date, q(v.eventPlace))
	case "procedure":
		pt := v.proc
		w("procedure:")
		w("  purpose: %s", q(fmt.Sprintf(pt.purpose, p.title[lang])))
		w("  who:")
		for _, s := range pt.who {
			w("    - %s", q(s))
		}
		w("  documents:")
		for i, s := range pt.situations {
			w("    - situation: %s\n      items:", q(s))
			for _, item := range pt.items[i] {
				w("        - %s", q(item))
			}
		}
		w("  cost: %s\n  delay: %s\n  where: %s", q(pt.cost), q(pt.delay), q(pt.where))
		w("  online:\n    label: %s\n    url: https://www.idarati.ma", q(pt.onlineLabel))
		w("  steps:")
		for _, s := range v.steps[:5] {
			w("    - %s", q(s+v.stop))
		}
		w("  legal:")
		for _, s := range pt.legal {
			w("    - %s", q(s))
		}
		w("  complaint: %s\n  reviewed: 2026-01-15", q(pt.complaint))
	}
	w("---")
	w("")
}

// textGen writes the body of one page in one language.
type textGen struct {
	v    *vocab
	r    *rand.Rand
	lang string
	page *page
	all  []*page // the shared pages links may point at
	last string  // the opener of the last sentence
}

// body writes the page's headings with paragraphs, lists, a table and
// links under them until the file reaches about target bytes (b holds the
// front matter already).
func (t *textGen) body(b *strings.Builder, target int) {
	b.WriteString(t.paragraph(3, false) + "\n\n")
	heads := t.page.heads[t.lang]
	// groups[i] are the headings of the i-th second-level section: its
	// own and the third-level ones under it.
	var groups [][]heading
	for _, h := range heads {
		if h.level == 2 {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], h)
	}
	for gi, group := range groups {
		start := b.Len()
		budget := (target - start) / (len(groups) - gi)
		fmt.Fprintf(b, "## %s\n\n", group[0].text)
		if gi == 0 {
			t.brief(b, heads)
			continue
		}
		if big := t.page.h2 >= 5; big {
			switch gi {
			case 2:
				t.table(b)
			case 3:
				t.steps(b, 4+t.r.IntN(3))
			case 5:
				t.list(b, t.v.items, 3+t.r.IntN(3), false)
			}
		}
		b.WriteString(t.paragraph(2, true) + "\n\n")
		for _, h := range group[1:] {
			fmt.Fprintf(b, "### %s\n\n", h.text)
			b.WriteString(t.paragraph(1+t.r.IntN(2), true) + "\n\n")
		}
		// Add paragraphs while that brings the section nearer its share.
		for {
			p := t.paragraph(2+t.r.IntN(3), true) + "\n\n"
			if size := b.Len() - start; size+len(p)-budget >= budget-size {
				break
			}
			b.WriteString(p)
		}
	}
}

// brief writes the first section: a bullet list of key facts and links,
// the page's children for a section page, and links to headings further
// down the page.
func (t *textGen) brief(b *strings.Builder, heads []heading) {
	var items []string
	for _, s := range draw(t.r, t.v.items, 4) {
		items = append(items, s)
	}
	for i, kid := range t.page.kids {
		if i == 6 {
			break
		}
		items = append(items, fmt.Sprintf("[%s](%s)", kid.title[t.lang], relPath(t.page.key, kid.key)))
	}
	items = append(items, t.link())
	t.writeList(b, items, false)
	if len(heads) > 2 {
		h := heads[1+t.r.IntN(len(heads)-1)]
		fmt.Fprintf(b, "%s[%s](#%s)%s\n\n", t.v.seeAlso[0], h.text, h.id, t.v.seeAlso[1])
	}
}

// list writes n entries of bank as a bullet or numbered list.
func (t *textGen) list(b *strings.Builder, bank []string, n int, numbered bool) {
	items := draw(t.r, bank, min(n, len(bank)))
	if t.r.IntN(2) == 0 {
		items = append(items, t.link())
	}
	t.writeList(b, items, numbered)
}

// steps writes n consecutive steps of the bank as a numbered list.
func (t *textGen) steps(b *strings.Builder, n int) {
	n = min(n, len(t.v.steps))
	from := t.r.IntN(len(t.v.steps) - n + 1)
	t.writeList(b, t.v.steps[from:from+n], true)
}

// writeList writes items as a list, each ended by the language's item
// separator and the last by a full stop.
func (t *textGen) writeList(b *strings.Builder, items []string, numbered bool) {
	for i, s := range items {
		end := t.v.itemEnd
		if i == len(items)-1 {
			end = t.v.stop
		}
		if numbered {
			fmt.Fprintf(b, "%d. %s%s\n", i+1, s, end)
		} else {
			fmt.Fprintf(b, "- %s%s\n", s, end)
		}
	}
	b.WriteString("\n")
}

// table writes a GFM table of services.
func (t *textGen) table(b *strings.Builder) {
	h := t.v.tableHead
	fmt.Fprintf(b, "| %s | %s | %s |\n| --- | --- | --- |\n", h[0], h[1], h[2])
	for _, s := range draw(t.r, t.v.services, 4+t.r.IntN(3)) {
		fmt.Fprintf(b, "| %s | %s | %s |\n", s, pick(t.r, t.v.offices), pick(t.r, t.v.channel))
	}
	b.WriteString("\n")
}

// paragraph returns n sentences, and with withLink a chance of a link
// sentence at the end.
func (t *textGen) paragraph(n int, withLink bool) string {
	var parts []string
	for i := range n {
		parts = append(parts, t.sentence(i == 0))
	}
	if withLink && t.r.IntN(5) < 2 {
		parts = append(parts, t.v.seeAlso[0]+t.link()+t.v.seeAlso[1])
	}
	return strings.Join(parts, " ")
}

// sentence returns a sentence of administrative text; first says whether
// it opens its paragraph.
func (t *textGen) sentence(first bool) string {
	if t.r.IntN(10) < 3 {
		s := pick(t.r, t.v.extras)
		if first && t.v.and != "" {
			s = strings.TrimPrefix(s, t.v.and)
		}
		return s
	}
	opener := pick(t.r, t.v.openers)
	for opener == t.last {
		opener = pick(t.r, t.v.openers)
	}
	t.last = opener
	if !first && t.v.and != "" && t.r.IntN(2) == 0 {
		opener = t.v.and + opener
	}
	return opener + " " + pick(t.r, t.v.cores) + " " + pick(t.r, t.v.tails) + t.v.stop
}

// link returns a Markdown link to a shared page, often to one of its
// headings, or to a heading of this page; every target exists.
func (t *textGen) link() string {
	to := t.all[t.r.IntN(len(t.all))]
	heads := to.heads[t.lang]
	if to == t.page {
		h := heads[t.r.IntN(len(heads))]
		return fmt.Sprintf("[%s](#%s)", h.text, h.id)
	}
	dest := relPath(t.page.key, to.key)
	if t.r.IntN(10) == 0 {
		dest = "/" + to.key + ".md"
	}
	if t.r.IntN(5) < 3 {
		h := heads[t.r.IntN(len(heads))]
		return fmt.Sprintf("[%s — %s](%s#%s)", to.title[t.lang], h.text, dest, h.id)
	}
	return fmt.Sprintf("[%s](%s)", to.title[t.lang], dest)
}

// relPath is the link from the page with key from to the page with key
// to, written as its file without the language suffix.
func relPath(from, to string) string {
	var dir []string
	if d := path.Dir(from); d != "." {
		dir = strings.Split(d, "/")
	}
	target := strings.Split(to+".md", "/")
	i := 0
	for i < len(dir) && i < len(target)-1 && dir[i] == target[i] {
		i++
	}
	var parts []string
	for range dir[i:] {
		parts = append(parts, "..")
	}
	return strings.Join(append(parts, target[i:]...), "/")
}

// pick returns an entry of bank at random.
func pick(r *rand.Rand, bank []string) string { return bank[r.IntN(len(bank))] }
