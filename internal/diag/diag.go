// Package diag is the one vocabulary for "your file is wrong here": a
// position in a user's file, an error at that position, and a sorted list
// of such errors so that a build reports every problem at once.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a user's file. Line and Col count from 1; a zero
// Line or Col means the position is not known that precisely.
type Pos struct {
	File string
	Line int
	Col  int
}

// String formats the position as file:line:col, dropping unknown parts.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Compare orders positions by file, then line, then column.
func (p Pos) Compare(q Pos) int {
	return cmp.Or(strings.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Col, q.Col))
}

// Severity says whether a finding stops a build.
type Severity int

const (
	// SevError stops the build.
	SevError Severity = iota
	// SevWarning is reported but does not stop the build.
	SevWarning
)

func (s Severity) String() string {
	if s == SevWarning {
		return "warning"
	}
	return "error"
}

// Error is a problem in a user's file: where, what was wrong, and how to
// fix it. Hint may be empty.
type Error struct {
	Pos      Pos
	Severity Severity
	Msg      string
	Hint     string
	Err      error // optional underlying cause
}

// Error formats the error as "file:line:col: message (hint)".
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.File != "" {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	if e.Severity == SevWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap returns the underlying cause, if any.
func (e *Error) Unwrap() error { return e.Err }

// Errorf makes an error at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// List collects errors. The zero value is ready to use. A List is not safe
// for concurrent use.
type List []*Error

// Add appends an error at pos and returns it so a hint can be set.
func (l *List) Add(pos Pos, format string, args ...any) *Error {
	e := Errorf(pos, format, args...)
	*l = append(*l, e)
	return e
}

// Append adds err to the list: a *Error or a List is added as it is,
// anything else as an error without position. A nil err is ignored.
func (l *List) Append(err error) {
	if err == nil {
		return
	}
	var list List
	if errors.As(err, &list) {
		*l = append(*l, list...)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		*l = append(*l, e)
		return
	}
	*l = append(*l, &Error{Msg: err.Error(), Err: err})
}

// Sort orders the list by position and removes exact duplicates.
func (l *List) Sort() {
	slices.SortStableFunc(*l, func(a, b *Error) int {
		return cmp.Or(a.Pos.Compare(b.Pos), strings.Compare(a.Msg, b.Msg))
	})
	*l = slices.CompactFunc(*l, func(a, b *Error) bool { return a.Error() == b.Error() })
}

// HasErrors reports whether the list holds at least one error (as opposed
// to warnings only).
func (l List) HasErrors() bool {
	return slices.ContainsFunc(l, func(e *Error) bool { return e.Severity == SevError })
}

// Warnings returns the warnings of the list.
func (l List) Warnings() List {
	var w List
	for _, e := range l {
		if e.Severity == SevWarning {
			w = append(w, e)
		}
	}
	return w
}

// Err returns the list, sorted, as an error if it holds any error, or nil
// when it holds none (warnings alone do not make an error).
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	s := slices.Clone(l)
	s.Sort()
	return s
}

// Error joins the messages, one per line.
func (l List) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// DidYouMean returns the question that proposes the candidate closest to
// got (see Suggest), `did you mean "fr"?`, or "" when none is close. It
// is the one way messages propose a correction.
func DidYouMean(got string, candidates []string) string {
	if s := Suggest(got, candidates); s != "" {
		return Propose(strconv.Quote(s))
	}
	return ""
}

// Propose returns the question that proposes a correction written as
// text, which the caller has quoted: `did you mean "02.113" (Berkane)?`.
func Propose(text string) string { return "did you mean " + text + "?" }

// Unknown completes e, an error about got, which is none of candidates:
// when a candidate is close, the message ends with DidYouMean; otherwise,
// when e has no hint yet and there are candidates, the hint lists them
// after list, as in "the offices are: accueil, urbanisme". It returns e.
func (e *Error) Unknown(got string, candidates []string, list string) *Error {
	if q := DidYouMean(got, candidates); q != "" {
		e.Msg += "; " + q
	} else if e.Hint == "" && len(candidates) > 0 {
		e.Hint = list + ": " + strings.Join(candidates, ", ")
	}
	return e
}

// Suggest returns the candidate closest to got by edit distance, or ""
// when none is close enough to be a likely misspelling.
func Suggest(got string, candidates []string) string {
	best, bestDist := "", utf8.RuneCountInString(got)/2+2
	lower := strings.ToLower(got)
	for _, c := range candidates {
		d := distance(lower, strings.ToLower(c))
		if d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b, by runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
