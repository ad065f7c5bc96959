package diag

import (
	"bytes"
	"unicode/utf8"
)

// CheckUTF8 returns an error at the first byte of src that is not part of
// a UTF-8 character, or nil when src is valid UTF-8: every text file of a
// project is UTF-8, the encoding its Arabic is published in. src is the
// text of file from line first on (1 for a whole file); the column counts
// characters, an invalid byte as one.
func CheckUTF8(file string, src []byte, first int) *Error {
	if utf8.Valid(src) {
		return nil
	}
	off := 0
	for off < len(src) {
		r, n := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		off += n
	}
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	pos := Pos{
		File: file,
		Line: max(first, 1) + bytes.Count(src[:off], []byte("\n")),
		Col:  utf8.RuneCount(src[start:off]) + 1,
	}
	e := Errorf(pos, "the text is not UTF-8: byte 0x%02X is not part of a character", src[off])
	e.Hint = "save the file with the encoding UTF-8 (in most editors: Save as, then Encoding: UTF-8)"
	return e
}
