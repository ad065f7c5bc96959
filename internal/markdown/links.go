package markdown

import (
	"bytes"
	"net/url"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/unicode/norm"

	"github.com/tadafor/tadafor/internal/diag"
)

// linkDest returns a link destination as written, its backslash escapes
// and character references resolved.
func linkDest(dest []byte) string { return string(unescape(dest)) }

// autoLinkDest returns the URL of an autolink, with "mailto:" before a
// bare e-mail address.
func autoLinkDest(n *ast.AutoLink, src []byte) string {
	u := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
		u = "mailto:" + u
	}
	return u
}

// autoLinkPos returns the byte offset where autolink n starts: its "<", or
// the first character of a bare URL (goldmark places a bare URL found
// after a space, "*", "_", "~" or "(" on that character).
func autoLinkPos(n *ast.AutoLink, src []byte) int {
	off := n.Pos()
	if off >= 0 && off < len(src) && strings.IndexByte(" *_~(", src[off]) >= 0 {
		off++
	}
	return off
}

// resolve returns the escaped href for destination dest of the link,
// image or autolink at byte offset off, and records an error when the
// destination does not resolve.
func (st *renderState) resolve(dest string, image bool, off int) []byte {
	what := "link"
	if image {
		what = "image"
	}
	var href string
	if anchor, ok := strings.CutPrefix(dest, "#"); ok {
		href = dest
		if id, err := url.PathUnescape(anchor); err == nil {
			anchor = id
		}
		if !st.doc.HasID(anchor) {
			e := st.errorf(off, "broken %s %q: no heading with id %q on this page", what, dest, norm.NFC.String(anchor))
			if s := diag.Suggest(anchor, st.doc.anchors()); s != "" {
				e.Hint = diag.Propose(strconv.Quote("#" + s))
			}
		}
	} else if dangerousURL([]byte(dest)) {
		e := st.errorf(off, "unsafe %s %q", what, dest)
		e.Hint = "link to a page or file of the site, or to an http(s), mailto or tel address"
	} else {
		var err error
		href, err = st.env.ResolveLink(dest, image)
		if err != nil {
			st.errorf(off, "broken %s %q: %v", what, dest, err)
			href = dest
		} else if dangerousURL([]byte(href)) {
			st.errorf(off, "unsafe %s %q: it resolves to %q", what, dest, href)
		}
	}
	u := util.URLEscape([]byte(href), false)
	if dangerousURL(u) {
		return nil
	}
	return util.EscapeHTML(u)
}

// dangerousURL reports whether u is a javascript:, vbscript:, file: or
// data: URL, by goldmark's rules. A URL without a scheme (no ":" before
// its first "/", "?" or "#") is relative and safe, which spares the
// check on most links of a site.
func dangerousURL(u []byte) bool {
	if i := bytes.IndexAny(u, ":/?#"); i < 0 || u[i] != ':' {
		return false
	}
	return html.IsDangerousURL(u)
}

// renderLink renders a link with the href from the Env.
func renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	st, err := renderStateOf(w)
	if err != nil {
		return ast.WalkStop, err
	}
	n := node.(*ast.Link)
	_, _ = w.WriteString(`<a href="`)
	dest, pos := linkDest(n.Destination), n.Pos()
	st.dynamic(func(st *renderState) []byte { return st.resolve(dest, false, pos) })
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// renderImage renders an image with the src from the Env; its alt text is
// the plain text of its description, placeholders filled in.
func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	st, err := renderStateOf(w)
	if err != nil {
		return ast.WalkStop, err
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	dest, pos := linkDest(n.Destination), n.Pos()
	st.dynamic(func(st *renderState) []byte { return st.resolve(dest, true, pos) })
	_, _ = w.WriteString(`" alt="`)
	alt := newPlain(n, src)
	if len(alt.params) == 0 {
		_, _ = w.Write(util.EscapeHTML([]byte(alt.Fill(nil))))
	} else {
		st.dynamic(func(st *renderState) []byte {
			return util.EscapeHTML([]byte(alt.fill(func(name string, off int) string {
				v, _ := st.param(name, off)
				return v
			})))
		})
	}
	_ = w.WriteByte('"')
	writeTitle(w, n.Title)
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

// writeTitle writes the title attribute of a link or image, if it has one.
func writeTitle(w util.BufWriter, title []byte) {
	if title == nil {
		return
	}
	_, _ = w.WriteString(` title="`)
	_, _ = w.Write(util.EscapeHTML(unescape(title)))
	_ = w.WriteByte('"')
}

// renderAutoLink renders an autolink with the href from the Env. A URL or
// an address is always written left to right, so the link says so: in
// Arabic text its parts keep their order.
func renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	st, err := renderStateOf(w)
	if err != nil {
		return ast.WalkStop, err
	}
	n := node.(*ast.AutoLink)
	_, _ = w.WriteString(`<a href="`)
	dest, pos := autoLinkDest(n, src), autoLinkPos(n, src)
	st.dynamic(func(st *renderState) []byte { return st.resolve(dest, false, pos) })
	_, _ = w.WriteString(`" dir="ltr">`)
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}
