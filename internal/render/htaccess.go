package render

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/webmeta"
)

// htaccess writes the commune site's .htaccess, for Apache shared
// hosting: its 404 page is at the root of the site's address.
func (cs *communeSite) htaccess(*reads) error {
	root := "/"
	if u, err := url.Parse(cs.base); err == nil && cs.base != "" {
		root = u.EscapedPath()
	}
	return cs.r.emit(cs.out(".htaccess"), Htaccess(root+webmeta.NotFound))
}

// Htaccess is the .htaccess of a site for Apache: the page for unknown
// addresses (notFound, a path from the domain's root; none when empty),
// the Content-Type and charset of each kind of file, compression, how
// long each may be cached, the security headers, and tadafor's own
// files at the destination refused. It uses only directives that
// AllowOverride FileInfo permits, and each module's directives only
// when the module is loaded, so that no host answers 500 for it. How
// nginx and Caddy do the same is in docs/hosting.md; all follow
// internal/webmeta.
func Htaccess(notFound string) []byte {
	var b strings.Builder
	b.WriteString("# Written by tadafor: how Apache serves this site (nginx and Caddy: docs/hosting.md).\n")
	if notFound != "" {
		fmt.Fprintf(&b, "ErrorDocument 404 %s\n", notFound)
	}
	b.WriteString("AddDefaultCharset utf-8\n\n<IfModule mod_mime.c>\n")
	for _, t := range webmeta.Types {
		fmt.Fprintf(&b, "  AddType %q %s\n", t.ContentType, t.Ext)
	}
	feed := webmeta.For("feed.xml")
	fmt.Fprintf(&b, "</IfModule>\n<Files \"feed.xml\">\n  ForceType %q\n</Files>\n\n", feed.ContentType)

	var compress []string
	for _, t := range append(slices.Clone(webmeta.Types), feed) {
		if mime, _, _ := strings.Cut(t.ContentType, ";"); t.Compress && !slices.Contains(compress, mime) {
			compress = append(compress, mime)
		}
	}
	fmt.Fprintf(&b, "<IfModule mod_deflate.c>\n  AddOutputFilterByType DEFLATE %s\n</IfModule>\n\n", strings.Join(compress, " "))

	b.WriteString("<IfModule mod_headers.c>\n")
	for _, h := range webmeta.SecurityHeaders {
		fmt.Fprintf(&b, "  Header always set %s %q\n", h.Name, h.Value)
	}
	for _, c := range []webmeta.Cache{webmeta.Short, webmeta.Medium, webmeta.Long} {
		var exts []string
		for _, t := range webmeta.Types {
			if t.Cache == c {
				exts = append(exts, strings.TrimPrefix(t.Ext, "."))
			}
		}
		fmt.Fprintf(&b, "  <FilesMatch \"\\.(%s)$\">\n    Header set Cache-Control %q\n  </FilesMatch>\n", strings.Join(exts, "|"), c.CacheControl())
	}
	b.WriteString("</IfModule>\n\n")
	fmt.Fprintf(&b, "# tadafor's own files (the deploy manifest, files being uploaded) and this one are not served.\n<IfModule mod_alias.c>\n  RedirectMatch 404 \"(^|/)\\.(%s|ht)\"\n</IfModule>\n", strings.TrimPrefix(webmeta.PrivatePrefix, "."))
	return []byte(b.String())
}
