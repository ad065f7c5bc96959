package deploy

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tadafor/tadafor/internal/webmeta"
)

// ManifestName is the file, at the root of a destination, that lists
// what tadafor published there.
const ManifestName = webmeta.PrivatePrefix + "manifest.json"

// maxManifest bounds the size of a manifest read from a destination.
const maxManifest = 64 << 20

// File is a published file: its slash path relative to the site's root,
// its size and the SHA-256 of its content, in hexadecimal.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Manifest is the list of the files tadafor published at a destination
// that are still there, sorted by path.
type Manifest struct {
	Files []File
}

type manifestJSON struct {
	Generator string `json:"generator"`
	Version   int    `json:"version"`
	Files     []File `json:"files"`
}

const manifestVersion = 1

// Encode returns the manifest as JSON, one file per line so that it
// reads well and compresses.
func (m Manifest) Encode() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{\"generator\":\"tadafor\",\"version\":%d,\"files\":[", manifestVersion)
	for i, f := range m.Files {
		if i > 0 {
			b.WriteByte(',')
		}
		line, _ := json.Marshal(f)
		b.WriteString("\n")
		b.Write(line)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}

// ParseManifest decodes a manifest read from a destination. The
// destination is not trusted: every path must be a clean relative path
// inside the site (no "..", no absolute path, no backslash, no control
// character), every hash a SHA-256, and no path listed twice; otherwise
// the whole manifest is refused, so that a tampered manifest can never
// make deploy delete or skip a file it names.
func ParseManifest(data []byte) (Manifest, error) {
	if len(data) > maxManifest {
		return Manifest{}, fmt.Errorf("the manifest is larger than %d MB", maxManifest>>20)
	}
	var raw manifestJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return Manifest{}, fmt.Errorf("the manifest is not valid JSON: %v", err)
	}
	if raw.Generator != "tadafor" || raw.Version != manifestVersion {
		return Manifest{}, fmt.Errorf("the manifest is not a tadafor manifest of version %d", manifestVersion)
	}
	seen := make(map[string]bool, len(raw.Files))
	for _, f := range raw.Files {
		err := CheckPath(f.Path)
		if err == nil && webmeta.Private(f.Path) {
			err = fmt.Errorf("a file of tadafor's own bookkeeping")
		}
		if err != nil {
			return Manifest{}, fmt.Errorf("the manifest lists %q: %v", truncate(f.Path), err)
		}
		if seen[f.Path] {
			return Manifest{}, fmt.Errorf("the manifest lists %q twice", f.Path)
		}
		seen[f.Path] = true
		if f.Size < 0 {
			return Manifest{}, fmt.Errorf("the manifest gives %q a negative size", f.Path)
		}
		if len(f.SHA256) != 64 || strings.ToLower(f.SHA256) != f.SHA256 {
			return Manifest{}, fmt.Errorf("the manifest gives %q a hash that is not a SHA-256", f.Path)
		}
		if _, err := hex.DecodeString(f.SHA256); err != nil {
			return Manifest{}, fmt.Errorf("the manifest gives %q a hash that is not a SHA-256", f.Path)
		}
	}
	files := slices.Clone(raw.Files)
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return Manifest{Files: files}, nil
}

// CheckPath accepts a slash path that stays inside the site's folder:
// relative, clean, no "." or ".." element, no backslash, colon-free first
// element (no Windows drive), no control character, valid UTF-8.
// Destinations call it where they turn a path into their own (defence in
// depth, whatever was checked before).
func CheckPath(p string) error {
	switch {
	case p == "":
		return fmt.Errorf("an empty path")
	case len(p) > 4096:
		return fmt.Errorf("a path too long")
	case !utf8.ValidString(p):
		return fmt.Errorf("a path that is not UTF-8")
	case strings.ContainsRune(p, '\\'):
		return fmt.Errorf("a backslash")
	case strings.HasPrefix(p, "/"):
		return fmt.Errorf("an absolute path")
	case path.Clean(p) != p, p == ".", p == "..", strings.HasPrefix(p, "../"):
		return fmt.Errorf("a path that is not clean or leaves the site's folder")
	case strings.Contains(strings.SplitN(p, "/", 2)[0], ":"):
		return fmt.Errorf("a drive or scheme")
	case strings.ContainsFunc(p, unicode.IsControl):
		return fmt.Errorf("a control character")
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return fmt.Errorf("a path that is not clean or leaves the site's folder")
		}
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
