// Package webmeta says how a web server should serve each file of a
// published site: its Content-Type, how long browsers and caches may keep
// it, and the security headers every response carries. It is the one
// owner of that knowledge: the .htaccess written beside each site, the
// object metadata set by deploy on S3 and docs/hosting.md all follow it.
package webmeta

import (
	"path"
	"strconv"
	"strings"
)

// Type is how one kind of file, by extension, is served.
type Type struct {
	Ext         string // with its dot, lower case, e.g. ".html"
	ContentType string // charset=utf-8 on every text type
	Cache       Cache
	Compress    bool // worth compressing on the fly (text)
}

// Cache is a caching class.
type Cache int

// The caching classes. Nothing tadafor publishes carries a hash in its
// name, so nothing is "immutable": pages and data change with every
// edit and are kept a few minutes; the stylesheet changes with the theme
// and is kept an hour; images, documents and fonts rarely change and are
// kept a week.
const (
	Short Cache = iota
	Medium
	Long
)

// MaxAge is the number of seconds a cache may keep a file of class c.
func (c Cache) MaxAge() int {
	switch c {
	case Medium:
		return 3600
	case Long:
		return 7 * 24 * 3600
	}
	return 300
}

// CacheControl is the Cache-Control header value of class c.
func (c Cache) CacheControl() string {
	return "public, max-age=" + strconv.Itoa(c.MaxAge())
}

// Types lists the kinds of file a site holds, text first.
var Types = []Type{
	{".html", "text/html; charset=utf-8", Short, true},
	{".xml", "application/xml; charset=utf-8", Short, true},
	{".ics", "text/calendar; charset=utf-8", Short, true},
	{".json", "application/json; charset=utf-8", Short, true},
	{".csv", "text/csv; charset=utf-8", Short, true},
	{".txt", "text/plain; charset=utf-8", Short, true},
	{".css", "text/css; charset=utf-8", Medium, true},
	{".js", "text/javascript; charset=utf-8", Medium, true},
	{".svg", "image/svg+xml; charset=utf-8", Long, true},
	{".png", "image/png", Long, false},
	{".jpg", "image/jpeg", Long, false},
	{".jpeg", "image/jpeg", Long, false},
	{".webp", "image/webp", Long, false},
	{".gif", "image/gif", Long, false},
	{".ico", "image/vnd.microsoft.icon", Long, false},
	{".pdf", "application/pdf", Long, false},
	{".woff2", "font/woff2", Long, false},
	{".odt", "application/vnd.oasis.opendocument.text", Long, false},
	{".ods", "application/vnd.oasis.opendocument.spreadsheet", Long, false},
	{".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Long, false},
	{".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Long, false},
	{".zip", "application/zip", Long, false},
}

// Other is how a file of an extension not in Types is served: as bytes
// to download, kept a few minutes.
var Other = Type{ContentType: "application/octet-stream", Cache: Short}

// For returns how the file at the slash path p is served. An Atom feed
// (feed.xml) is served as application/atom+xml.
func For(p string) Type {
	if path.Base(p) == "feed.xml" {
		return Type{Ext: ".xml", ContentType: "application/atom+xml; charset=utf-8", Cache: Short, Compress: true}
	}
	ext := strings.ToLower(path.Ext(p))
	for _, t := range Types {
		if t.Ext == ext {
			return t
		}
	}
	o := Other
	o.Ext = ext
	return o
}

// ContentSecurityPolicy allows only the site's own resources: the pages
// need no inline script or style (the live preview of "tadafor serve",
// which injects one, is not published), charts are inline SVG, and
// JSON-LD is data, not script. Images may also be data: URLs, which
// stylesheets use for small icons.
const ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// Header is one HTTP response header.
type Header struct{ Name, Value string }

// SecurityHeaders are set on every response of a published site.
var SecurityHeaders = []Header{
	{"Content-Security-Policy", ContentSecurityPolicy},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "strict-origin-when-cross-origin"},
	{"X-Frame-Options", "SAMEORIGIN"},
}

// NotFound is the page served for an unknown address, at the site's root.
const NotFound = "404.html"

// Private reports whether the file at the slash path p is tadafor's own
// bookkeeping at the destination (the deploy manifest, a file being
// uploaded), which a web server should refuse to serve.
func Private(p string) bool {
	return strings.HasPrefix(path.Base(p), PrivatePrefix)
}

// PrivatePrefix starts the name of every file of tadafor's own
// bookkeeping at a destination.
const PrivatePrefix = ".tadafor-"
