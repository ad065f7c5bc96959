package serve

import (
	"fmt"
	"hash/fnv"
	"net/http"
	"path"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
)

// snapshot is one complete state of the sites served: every output file
// by its path (as under public/), and the errors of the latest build when
// it failed, in which case the files are those of the last build that
// succeeded (none if there was none). A snapshot is never modified once
// published, so that a response is always made of one build's files.
type snapshot struct {
	gen     uint64
	files   map[string]*file
	errs    diag.List // errors only; nil when the latest build succeeded
	overlay []byte    // the error panel shown over every page, when errs
	errPage []byte    // the page shown when errs and no file matches
	pages   []string  // with --navigate, the addresses of the page whose change made it
}

// file is one output file held in memory.
type file struct {
	data  []byte
	ctype string
	etag  string // "" for HTML, which is never cached
	html  bool
}

// newFile prepares data to be served as the output path p.
func newFile(p string, data []byte) *file {
	f := &file{data: data, ctype: contentType(p, data)}
	f.html = strings.HasPrefix(f.ctype, "text/html")
	if !f.html {
		h := fnv.New64a()
		h.Write(data)
		f.etag = fmt.Sprintf(`"%016x"`, h.Sum64())
	}
	return f
}

// contentTypes are the media types of the files a site holds; text types
// say that they are UTF-8.
var contentTypes = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".md":    "text/plain; charset=utf-8",
	".csv":   "text/csv; charset=utf-8",
	".xml":   "application/xml; charset=utf-8",
	".ics":   "text/calendar; charset=utf-8",
	".svg":   "image/svg+xml; charset=utf-8",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".gif":   "image/gif",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".ico":   "image/x-icon",
	".pdf":   "application/pdf",
	".woff":  "font/woff",
	".woff2": "font/woff2",
	".zip":   "application/zip",
	".odt":   "application/vnd.oasis.opendocument.text",
	".ods":   "application/vnd.oasis.opendocument.spreadsheet",
	".docx":  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".xlsx":  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// contentType is the media type of the output path p: from its extension,
// with feeds told apart from other XML, else sniffed from data.
func contentType(p string, data []byte) string {
	if path.Base(p) == "feed.xml" {
		return "application/atom+xml; charset=utf-8"
	}
	if ct, ok := contentTypes[strings.ToLower(path.Ext(p))]; ok {
		return ct
	}
	return http.DetectContentType(data)
}
