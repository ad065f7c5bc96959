package render

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
)

// env resolves the links and placeholders of one page of one commune
// site in one language; it implements markdown.Env.
type env struct {
	site   *communeSite
	tree   *tree
	node   *node
	params map[string]string
	reads  *reads // what the page reads, see reads.go
}

// ResolveLink maps a link as written in Markdown to the address to emit.
func (e *env) ResolveLink(dest string, image bool) (string, error) {
	target, frag, plain := plainDest(dest)
	if !plain {
		u, err := url.Parse(dest)
		if err != nil {
			return "", fmt.Errorf("malformed link %q", dest)
		}
		if u.Scheme != "" || u.Host != "" {
			return dest, nil
		}
		target, frag = u.Path, u.Fragment
	}
	if target == "" {
		if frag != "" && !e.node.hasID(frag) {
			return "", e.missingAnchor(frag, e.node)
		}
		return "#" + url.PathEscape(frag), nil
	}
	var rel string
	if strings.HasPrefix(target, "/") {
		rel = path.Clean(strings.TrimPrefix(target, "/"))
	} else {
		rel = path.Join(path.Dir(e.node.page.Key), target)
	}
	if strings.HasPrefix(rel, "../") || rel == ".." {
		return "", fmt.Errorf("link %q leaves the site", dest)
	}
	if strings.HasSuffix(rel, ".md") {
		return e.pageLink(dest, rel, frag)
	}
	// A static file of the commune site or of the theme.
	e.reads.add(depStatic, "", rel)
	if _, ok := e.site.static[rel]; !ok {
		what := "file"
		if image {
			what = "image"
		}
		return "", fmt.Errorf("no %s static/%s in the theme nor in communes/%s/static", what, rel, e.site.commune.Slug)
	}
	href := relURL(e.node.dir, rel)
	if frag != "" {
		href += "#" + url.PathEscape(frag)
	}
	return href, nil
}

// plainDest splits a destination that url.Parse would take as it is (no
// scheme, host, query, escape or control character: most links between
// pages) into its path and fragment, sparing the parse; ok is false for
// any other destination.
func plainDest(dest string) (path, frag string, ok bool) {
	if strings.HasPrefix(dest, "//") {
		return "", "", false
	}
	for i := 0; i < len(dest); i++ {
		if c := dest[i]; c < 0x20 || c == 0x7f || c == ':' || c == '%' || c == '?' {
			return "", "", false
		}
	}
	path, frag, _ = strings.Cut(dest, "#")
	return path, frag, true
}

// pageLink resolves a link to another page, written as its file path with
// or without the language suffix.
func (e *env) pageLink(dest, rel, frag string) (string, error) {
	key := strings.TrimSuffix(rel, ".md")
	if ext := path.Ext(key); ext != "" && e.site.langCodes[ext[1:]] {
		key = strings.TrimSuffix(key, ext)
	}
	target, ok := e.tree.byKey[key]
	if !ok {
		for _, t := range e.site.trees {
			if _, there := t.byKey[key]; there {
				return "", fmt.Errorf("the page exists in %q but not in %q; write its translation %s.%s.md", t.lang, e.tree.lang, key, e.tree.lang)
			}
		}
		msg := "no such page"
		if s := diag.Suggest(key, slices.Collect(maps.Keys(e.tree.byKey))); s != "" {
			msg += "; " + diag.Propose(strconv.Quote(relKey(path.Dir(e.node.page.Key), s)+".md"))
		}
		return "", errors.New(msg)
	}
	href := relURL(e.node.dir, target.file())
	if frag != "" {
		e.reads.add(depIDs, e.tree.lang, key)
		if !target.hasID(frag) {
			return "", e.missingAnchor(frag, target)
		}
		href += "#" + url.PathEscape(frag)
	}
	return href, nil
}

func (e *env) missingAnchor(frag string, target *node) error {
	var ids []string
	if target.md != nil {
		for _, h := range target.md.Headings() {
			ids = append(ids, h.ID)
		}
	}
	file := target.page.File
	if file == "" {
		file = "the generated page " + target.page.Key
	}
	msg := fmt.Sprintf("no heading with the anchor #%s in %s", frag, file)
	if s := diag.Suggest(frag, ids); s != "" {
		msg += "; " + diag.Propose("#"+s)
	}
	return errors.New(msg)
}

// relKey writes the page key as a link from the folder dir.
func relKey(dir, key string) string {
	if dir == "." {
		return key
	}
	if rest, ok := strings.CutPrefix(key, dir+"/"); ok {
		return rest
	}
	return "/" + key
}

// Param returns the value of a placeholder.
func (e *env) Param(name string) (string, bool) {
	v, ok := e.params[name]
	return v, ok
}

// Known reports whether name is a placeholder: one the commune has, or
// an optional fact it lacks.
func (e *env) Known(name string) bool {
	_, has := e.params[name]
	return has || e.site.in.need(name) != nil
}

// ParamNames lists the known placeholders, for suggestions.
func (e *env) ParamNames() []string {
	names := slices.Collect(maps.Keys(e.params))
	for name := range e.site.in.Needs {
		if _, ok := e.params[name]; !ok {
			names = append(names, name)
		}
	}
	if _, ok := e.params[NameOfParam]; !ok {
		names = append(names, NameOfParam)
	}
	slices.Sort(names)
	return names
}

// telDigits keeps the + and digits of a phone number.
func telDigits(phone string) string {
	var b strings.Builder
	for _, r := range phone {
		if r == '+' || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}
