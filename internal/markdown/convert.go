// Package markdown turns the Markdown pages of the site into HTML; it is the
// only package that imports goldmark. A page is parsed once
// (Converter.Parse) and rendered many times (Converter.Render), once per
// commune, each time with an Env that resolves its links and placeholders.
//
// The dialect is CommonMark with GFM (tables, strikethrough, autolinks,
// task lists) and typographic punctuation, plus:
//
//   - heading ids that keep the letters and digits of any script, unique
//     within a page, and an explicit id with "## Title {#my-id}";
//   - placeholders such as {{ commune.name }}, filled in by the Env at
//     render time and isolated in <bdi>;
//   - text that depends on whether the commune has a fact:
//     {{ if contact.phone }}…{{ else }}…{{ end }} and
//     {{ contact.phone or "…" }} (see conditional.go);
//   - spans such as [texte en français]{lang=fr} or [0522 12 34 56]{dir=ltr}
//     that set the language or direction of a run of text;
//   - no raw HTML: a tag in a page is an error (comments are allowed and
//     dropped).
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tadafor/tadafor/internal/diag"
)

// Env resolves the links and placeholders of a page for one commune and
// language. Render calls it from the goroutine that called Render; an Env
// used by concurrent Render calls must be safe for concurrent use.
type Env interface {
	// ResolveLink maps a link or image destination as written in the page
	// (a relative path to another .md page, "/section/page.md",
	// "page.md#anchor", a static file path, an http(s), mailto or tel URL)
	// to the href to emit. It returns an error, without position, when the
	// target page, anchor or file does not exist. Same-page anchors
	// ("#anchor") are checked against the page's headings by Render and
	// never reach ResolveLink.
	ResolveLink(dest string, image bool) (href string, err error)

	// Param returns the value of a placeholder name such as "commune.name",
	// already formatted for the language, and false when there is none:
	// the commune lacks that fact, or the name is unknown (see Known).
	Param(name string) (value string, ok bool)

	// Known reports whether name is a placeholder, one the commune has or
	// a fact it may lack; a name that is not known is a mistake.
	Known(name string) bool
}

// ParamLister is an Env that can also list its placeholder names; Render
// uses the list to suggest a name for a misspelt placeholder.
type ParamLister interface {
	Env
	// ParamNames returns every name Known knows.
	ParamNames() []string
}

// Converter parses and renders Markdown pages. It is built once by New and
// is safe for concurrent use.
type Converter struct {
	parsers  map[Quotes]parser.Parser // by quotation marks
	quotes   map[string]Quotes        // by language code
	dirs     map[string]string        // writing direction by language code
	renderer renderer.Renderer
}

// Quotes are the quotation marks of a language, opening and closing.
type Quotes struct{ Open, Close string }

// guillemets are the quotation marks of the languages New is given none
// for: those of Arabic, French and Tamazight. The spaces French puts
// inside them are the typography's (package typography), as in every
// other text of the sites.
var guillemets = Quotes{"«", "»"}

// Option sets how New's Converter writes pages.
type Option func(*Converter)

// WithQuotes gives the quotation marks that "…" and <<…>> become in each
// language, by code (from the theme's interface strings,
// i18n.Catalog.Quotes); a language without them gets guillemets « ».
func WithQuotes(quotes map[string]Quotes) Option {
	return func(c *Converter) { c.quotes = maps.Clone(quotes) }
}

// WithDirections gives the writing direction ("rtl" or "ltr") of the
// project's languages, by code (from the settings); a span in another
// language takes the direction of the script the language is written in.
func WithDirections(dirs map[string]string) Option {
	return func(c *Converter) { c.dirs = maps.Clone(dirs) }
}

// New returns a Converter.
func New(opts ...Option) *Converter {
	c := &Converter{parsers: make(map[Quotes]parser.Parser)}
	for _, o := range opts {
		o(c)
	}
	for _, style := range append(slices.Collect(maps.Values(c.quotes)), guillemets) {
		if _, done := c.parsers[style]; done {
			continue
		}
		md := goldmark.New(
			goldmark.WithParser(parser.NewParser(
				parser.WithBlockParsers(blockParsers()...),
				parser.WithInlineParsers(parser.DefaultInlineParsers()...),
				parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
			)),
			goldmark.WithExtensions(
				// GFM, with table alignment as classes (tableAlignTransformer).
				extension.Linkify, extension.Strikethrough, extension.TaskList,
				extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
				extension.NewTypographer(extension.WithTypographicSubstitutions(substitutions(style))),
				dialect{},
			),
		)
		c.parsers[style] = md.Parser()
		// Every style has the same node renderers: any one will do.
		c.renderer = md.Renderer()
	}
	return c
}

// blockParsers is goldmark's default list of block parsers with the ATX
// heading parser replaced by ours.
func blockParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(parser.NewSetextHeadingParser(), 100),
		util.Prioritized(parser.NewThematicBreakParser(), 200),
		util.Prioritized(parser.NewListParser(), 300),
		util.Prioritized(parser.NewListItemParser(), 400),
		util.Prioritized(parser.NewCodeBlockParser(), 500),
		util.Prioritized(newATXHeadingParser(), 600),
		util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
		util.Prioritized(parser.NewBlockquoteParser(), 800),
		util.Prioritized(parser.NewHTMLBlockParser(), 900),
		util.Prioritized(parser.NewParagraphParser(), 1000),
	}
}

// dialect is the goldmark extension that adds placeholders, spans, heading
// ids, the raw HTML check and the rendering of links through an Env.
type dialect struct{}

// Extend implements goldmark.Extender.
func (dialect) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(
			util.Prioritized(placeholderParser{}, 150),
			// Before the typographer, which takes every '"' for a quote.
			util.Prioritized(fallbackCloser{}, 151),
			// Before goldmark's link parser (200), to see a "]" first.
			util.Prioritized(newSpanParser(), 199),
		),
		parser.WithASTTransformers(
			util.Prioritized(wholeTransformer{}, 90),
			util.Prioritized(headingTransformer{}, 100),
			util.Prioritized(rawHTMLChecker{}, 110),
			util.Prioritized(tableAlignTransformer{}, 120),
		),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}

// Parse parses body, the Markdown of file that starts on file line
// bodyLine (the front matter comes before it), written in language lang
// ("ar", "fr", …). It always returns a Doc; the errors of the document
// itself (raw HTML, malformed placeholder or span, bad heading attribute)
// come back sorted, at their positions in the file (columns count runes).
// A body that is not UTF-8, or goes past the limits of a page (MaxNesting
// and the others), is not parsed: the Doc is then empty.
// Parse does not keep body.
func (c *Converter) Parse(file string, body []byte, bodyLine int, lang string) (*Doc, diag.List) {
	if errs := checkLimits(file, body, bodyLine); errs != nil {
		return emptyDoc(file, lang), errs
	}
	d, root, errs := c.parse(file, body, bodyLine, lang)
	// Render once ahead of any Env; the tree is not kept, which keeps a
	// page's memory close to its text's.
	compiled, err := c.compile(d, root)
	if err != nil {
		errs.Append(err)
		compiled = &Compiled{doc: d}
	}
	d.body = compiled
	errs.Sort()
	return d, errs
}

// parse builds the tree of a page and indexes it.
func (c *Converter) parse(file string, body []byte, bodyLine int, lang string) (*Doc, ast.Node, diag.List) {
	src := bytes.Clone(body)
	st := &parseState{src: src, dirs: c.dirs}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	pc.Set(parseStateKey, st)
	root := c.parsers[c.quotesOf(lang)].Parse(text.NewReader(src), parser.WithContext(pc))
	d := &Doc{file: file, lang: lang, src: src, lines: newLineIndex(file, src, bodyLine)}
	d.index(root)
	var errs diag.List
	for _, p := range st.problems {
		e := errs.Add(d.lines.pos(p.off), "%s", p.msg)
		e.Hint = p.hint
	}
	return d, root, errs
}

// Render writes the HTML of d to w, resolving links and placeholders with
// env, which must not be nil. Every link, image or placeholder that env
// rejects, and every same-page anchor that d lacks, becomes an error at its
// position; rendering still completes, and the errors come back together,
// sorted. A failure to write to w comes back as an error without position.
// Render does not modify d, so one Doc may be rendered by many goroutines at
// once.
func (c *Converter) Render(w io.Writer, d *Doc, env Env) diag.List {
	return d.body.Render(w, env)
}

// renderState is the writer goldmark's renderer is given by Render; the
// node renderers of this package reach the Env and collect errors through
// it, which keeps the shared renderer free of per-call state.
type renderState struct {
	*bufio.Writer
	doc  *Doc
	env  Env
	errs diag.List
	// compiled, when set, receives the holes of Compile, whose output
	// buffer is out.
	compiled *Compiled
	out      *bytes.Buffer
	// renderer renders the branches of conditionals (when compiling, or
	// when rendering the tree itself).
	renderer renderer.Renderer
}

// errorf records an error at byte offset off of the page.
func (st *renderState) errorf(off int, format string, args ...any) *diag.Error {
	return st.errs.Add(st.doc.lines.pos(off), format, args...)
}

// renderStateOf returns the state of the Render call that is writing to w.
func renderStateOf(w util.BufWriter) (*renderState, error) {
	st, ok := w.(*renderState)
	if !ok {
		return nil, fmt.Errorf("markdown: node rendered outside Converter.Render")
	}
	return st, nil
}

// parseStateKey is the parser.Context key of a document's *parseState.
var parseStateKey = parser.NewContextKey()

// parseState is what the parser extensions of this package keep per
// document: the problems found, the look-ups of closing braces, and the
// conditionals being parsed.
type parseState struct {
	src      []byte
	dirs     map[string]string // Converter.dirs
	problems []problem
	braces   lineFinder // "}" of span attributes
	closers  lineFinder // "}}" of placeholders
	// fallbacks counts the fallbacks open in the block being parsed, and
	// marked tells whether it holds marks of conditionals.
	fallbacks int
	marked    bool
	// whole are the conditionals that are all their block holds, for
	// wholeTransformer.
	whole []*conditional
}

// problem is an error of the document at byte offset off of the body.
type problem struct {
	off       int
	msg, hint string
}

// parseStateOf returns the state of the document pc is parsing.
func parseStateOf(pc parser.Context) *parseState {
	return pc.ComputeIfAbsent(parseStateKey, func() any { return &parseState{} }).(*parseState)
}

// report records a problem at byte offset off.
func (s *parseState) report(off int, hint, format string, args ...any) {
	s.problems = append(s.problems, problem{off: off, msg: fmt.Sprintf(format, args...), hint: hint})
}

// quotesOf returns the quotation marks of language tag lang ("fr",
// "fr-MA").
func (c *Converter) quotesOf(lang string) Quotes {
	if q, ok := c.quotes[lang]; ok {
		return q
	}
	if q, ok := c.quotes[primaryLang(lang)]; ok {
		return q
	}
	return guillemets
}

// substitutions returns the typographer's replacements, with the
// quotation marks q.
func substitutions(q Quotes) map[extension.TypographicPunctuation]string {
	open, closing := q.Open, q.Close
	return map[extension.TypographicPunctuation]string{
		extension.LeftDoubleQuote:  open,
		extension.RightDoubleQuote: closing,
		extension.LeftAngleQuote:   open,
		extension.RightAngleQuote:  closing,
		extension.LeftSingleQuote:  "‘",
		extension.RightSingleQuote: "’",
		extension.Apostrophe:       "’",
		extension.EnDash:           "–",
		extension.EmDash:           "—",
		extension.Ellipsis:         "…",
	}
}

// primaryLang returns the primary subtag of a language code, lowercased:
// "fr" for "fr-MA".
func primaryLang(lang string) string {
	if i := strings.IndexByte(lang, '-'); i >= 0 {
		lang = lang[:i]
	}
	return strings.ToLower(lang)
}

// nodeRenderer renders the nodes of this package and overrides goldmark's
// rendering of links, images, autolinks and raw HTML.
type nodeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindImage, renderImage)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindRawHTML, renderNothing)
	reg.Register(ast.KindHTMLBlock, renderNothing)
	reg.Register(kindPlaceholder, renderPlaceholder)
	reg.Register(kindSpan, renderSpan)
	reg.Register(kindConditional, renderConditional)
	reg.Register(kindCondBlock, renderConditional)
	reg.Register(kindBranch, renderBranch)
	reg.Register(kindCondMark, renderNothing)
}

// renderNothing drops a node and its children.
func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}
