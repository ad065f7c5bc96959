package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// headingIDs is the parser.IDs of one document: it makes heading ids that
// keep the letters and digits of any script, and keeps them unique.
// goldmark's own generator drops every non-ASCII letter.
type headingIDs struct {
	used map[string]bool
	next map[string]int // the next suffix to try for a base id
}

// newHeadingIDs returns the ids of a new document.
func newHeadingIDs() *headingIDs {
	return &headingIDs{used: make(map[string]bool), next: make(map[string]int)}
}

// Generate implements parser.IDs: it returns slug(value), or "heading"
// when that is empty, with "-1", "-2", … added when the id is taken.
func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := slug(string(value))
	if base == "" {
		base = "heading"
		if kind != ast.KindHeading {
			base = "id"
		}
	}
	id := base
	for s.used[id] {
		s.next[base]++
		id = base + "-" + strconv.Itoa(s.next[base])
	}
	s.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs: it marks id as taken.
func (s *headingIDs) Put(id []byte) { s.used[string(id)] = true }

// slug turns heading text into an id: letters (of any script, lowercased),
// digits and combining marks are kept, in normalization form C; every run
// of other characters becomes one "-", and none starts or ends the id.
// Invisible formatting characters (such as the right-to-left mark) and the
// Arabic tatweel are dropped without a separator.
func slug(s string) string {
	var b strings.Builder
	sep := false
	for _, r := range norm.NFC.String(s) {
		switch {
		case r == '\u0640' || unicode.Is(unicode.Cf, r):
			// not part of the word, and not a break in it either
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
