package markdown

import (
	"sort"
	"unicode/utf8"

	"github.com/tadafor/tadafor/internal/diag"
)

// runeChunk is the spacing, in bytes, of the rune counts a lineIndex
// keeps, so that a column is counted over at most that many bytes.
const runeChunk = 256

// lineIndex maps byte offsets of a Markdown body to positions in the file
// the body was read from: the body starts on file line first, after the
// front matter, so body line n is file line first+n-1. Columns count
// runes, from 1. A lineIndex is immutable and safe for concurrent use.
type lineIndex struct {
	file   string
	first  int
	src    []byte
	starts []int // byte offset of the start of each body line
	runes  []int // runes[k] is the number of runes in src[:k*runeChunk]
}

// newLineIndex indexes the lines of src, the body of file that starts on
// file line first (a first below 1 counts as 1).
func newLineIndex(file string, src []byte, first int) lineIndex {
	starts := make([]int, 1, 1+len(src)/40)
	runes := make([]int, 1, 1+len(src)/runeChunk)
	n := 0
	for i, c := range src {
		if i > 0 && i%runeChunk == 0 {
			runes = append(runes, n)
		}
		if utf8.RuneStart(c) {
			n++
		}
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	if len(src) > 0 && len(src)%runeChunk == 0 {
		runes = append(runes, n)
	}
	return lineIndex{file: file, first: max(first, 1), src: src, starts: starts, runes: runes}
}

// pos returns the file position of byte offset off of the body. Offsets
// outside the body are clamped to it; an offset inside a multi-byte rune
// counts as that rune.
func (x lineIndex) pos(off int) diag.Pos {
	off = min(max(off, 0), len(x.src))
	// The line is the last one that starts at or before off.
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	for off > x.starts[line] && off < len(x.src) && !utf8.RuneStart(x.src[off]) {
		off--
	}
	return diag.Pos{
		File: x.file,
		Line: x.first + line,
		Col:  x.runesBefore(off) - x.runesBefore(x.starts[line]) + 1,
	}
}

// runesBefore returns the number of runes in src[:off] (a byte that
// continues a rune counts with the rune it continues, even if misplaced).
func (x lineIndex) runesBefore(off int) int {
	k := off / runeChunk
	n := x.runes[k]
	for _, c := range x.src[k*runeChunk : off] {
		if utf8.RuneStart(c) {
			n++
		}
	}
	return n
}
