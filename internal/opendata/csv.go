package opendata

import (
	"bytes"
	"encoding/csv"
)

// BOM is the UTF-8 byte-order mark that starts every CSV file, so that
// spreadsheet programs read the file as UTF-8 and show Arabic correctly.
const BOM = "\uFEFF"

// CSV writes a table as CSV (RFC 4180): the BOM, then head and each row
// on its own CRLF-terminated line, fields separated by commas and quoted
// when they hold a comma, a quote, a line break or a leading space, with
// quotes doubled. A line break inside a field is written CRLF. Rows are
// written as given, even when their length differs from head's. It is
// safe for concurrent use.
func CSV(head []string, rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(BOM)
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	write := func(rec []string) {
		if len(rec) == 1 && rec[0] == "" {
			// encoding/csv writes an empty line, which readers skip.
			w.Flush()
			b.WriteString("\"\"\r\n")
			return
		}
		_ = w.Write(rec) // a bytes.Buffer does not fail
	}
	write(head)
	for _, r := range rows {
		write(r)
	}
	w.Flush()
	return b.Bytes()
}
