package markdown

import "bytes"

// lineFinder finds the next occurrence of a separator on the rest of a
// line, remembering the answer: the inline parsers ask again at every "{"
// or "]" of a line, and without the memory a line full of them would take
// quadratic time.
type lineFinder struct {
	from, to int  // byte offsets: a search starting in [from, to) ...
	at       int  // ... finds the separator at this offset, or none if -1
	reported bool // whether a missing separator in [from, to) was reported
}

// find returns the byte offset of the first sep in rest, which starts at
// byte offset off and runs to the end of its line, or -1 if there is none.
func (f *lineFinder) find(rest []byte, off int, sep string) int {
	if f.to > f.from && off >= f.from && off < f.to {
		return f.at
	}
	i := bytes.Index(rest, []byte(sep))
	f.from, f.reported = off, false
	if i < 0 {
		f.to, f.at = off+len(rest), -1
	} else {
		f.to, f.at = off+i+1, off+i
	}
	return f.at
}
