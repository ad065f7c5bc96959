package opendata

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strings"
)

// BOM is the UTF-8 byte-order mark that starts every CSV file, so that
// spreadsheet programs read the file as UTF-8 and show Arabic correctly.
const BOM = "\uFEFF"

// CSV writes a table as CSV (RFC 4180): the BOM, then head and each row
// on its own CRLF-terminated line, fields separated by commas and quoted
// when they hold a comma, a quote, a line break or a leading space, with
// quotes doubled. A line break inside a field is written CRLF. Every
// field is passed through Neutral first, so that no text of a record
// becomes a formula. Rows are written as given, even when their length
// differs from head's. It is safe for concurrent use.
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
		cells := make([]string, len(rec))
		for i, c := range rec {
			cells[i] = Neutral(c)
		}
		_ = w.Write(cells) // a bytes.Buffer does not fail
	}
	write(head)
	for _, r := range rows {
		write(r)
	}
	w.Flush()
	return b.Bytes()
}

// formulaStart holds the characters that make a spreadsheet program read
// a cell as a formula when they come first (OWASP, "CSV Injection").
const formulaStart = "=+-@\t\r"

// number is a cell a spreadsheet program reads as a number, which is
// never a formula: -1200, +5, 12.5.
var number = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// Neutral returns cell such that a spreadsheet program opening the CSV
// shows it as text and never runs it: a formula character (= + - @, tab
// or carriage return) that starts the cell gets an apostrophe before it,
// which the program hides, as OWASP recommends. So does one that starts a
// line of the cell or follows a semicolon in it, since a spreadsheet set
// up for French (among others) splits a file on semicolons and may split
// a quoted cell at its line breaks. A cell that is a number alone (-1200)
// is left as it is. The JSON keeps the text unchanged.
func Neutral(cell string) string {
	if number.MatchString(cell) {
		return cell
	}
	var b strings.Builder
	from := 0 // cell[from:] is not copied to b yet
	start := true
	for i := 0; i < len(cell); i++ {
		c := cell[i]
		if start && strings.IndexByte(formulaStart, c) >= 0 {
			b.WriteString(cell[from:i])
			b.WriteByte('\'')
			from = i
		}
		start = c == '\n' || c == '\r' || c == ';'
	}
	if from == 0 && b.Len() == 0 {
		return cell
	}
	b.WriteString(cell[from:])
	return b.String()
}
