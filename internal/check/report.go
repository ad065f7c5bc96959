package check

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/tadafor/tadafor/internal/diag"
)

// Coverage tells how much of the site each language has.
type Coverage struct {
	// Languages are in the order of the site's settings, the default
	// language first.
	Languages []LangCoverage `json:"languages"`
}

// LangCoverage is the coverage of one language.
type LangCoverage struct {
	// Lang is the language code, e.g. "fr"; Name its own name, "Français".
	Lang string `json:"lang"`
	Name string `json:"name"`
	// Pages is the number of pages written in the language, out of
	// PagesTotal, the pages of the site in any language (shared pages
	// once, plus each commune's own pages).
	Pages      int `json:"pages"`
	PagesTotal int `json:"pages_total"`
	// Strings is the number of interface strings the language's catalog
	// has, out of StringsTotal, those of the default language's catalog.
	Strings      int `json:"strings"`
	StringsTotal int `json:"strings_total"`
}

// Finding is a finding as WriteJSON writes it.
type Finding struct {
	File     string `json:"file"`     // path from the project root, "" when the problem has no file
	Line     int    `json:"line"`     // from 1; 0 when unknown
	Col      int    `json:"col"`      // from 1, in characters; 0 when unknown
	Severity string `json:"severity"` // "error" or "warning"
	Message  string `json:"message"`
	Hint     string `json:"hint"` // how to fix it; "" when there is nothing to add
}

// Summary counts the findings.
type Summary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Files    int `json:"files"`
}

// report is the JSON document WriteJSON writes.
type report struct {
	Findings []Finding `json:"findings"`
	Coverage Coverage  `json:"coverage"`
	Summary  Summary   `json:"summary"`
}

// WriteJSON writes the result as one JSON object, for scripts and
// continuous integration:
//
//	{
//	  "findings": [{"file": "content/x.fr.md", "line": 3, "col": 1,
//	                "severity": "error", "message": "…", "hint": "…"}],
//	  "coverage": {"languages": [{"lang": "ar", "name": "العربية",
//	                "pages": 24, "pages_total": 25,
//	                "strings": 140, "strings_total": 140}]},
//	  "summary": {"errors": 1, "warnings": 0, "files": 60}
//	}
//
// findings is always an array (empty when clean), sorted by file, line
// and column. It returns the error of w.
func (r *Result) WriteJSON(w io.Writer) error {
	rep := report{Findings: []Finding{}, Coverage: r.Coverage, Summary: r.summary()}
	if rep.Coverage.Languages == nil {
		rep.Coverage.Languages = []LangCoverage{}
	}
	for _, e := range r.Findings {
		rep.Findings = append(rep.Findings, Finding{
			File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col,
			Severity: e.Severity.String(), Message: e.Msg, Hint: e.Hint,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(rep)
}

func (r *Result) summary() Summary {
	return Summary{Errors: r.Errors(), Warnings: r.Warnings(), Files: r.Files}
}

// WriteText writes the result for a person: one line per finding,
// "file:line:col: error: message; hint", then the coverage of each
// language and a summary line, "2 errors, 5 warnings in 123 files". It
// returns the first error of w.
func (r *Result) WriteText(w io.Writer) error {
	ew := &errWriter{w: w}
	for _, e := range r.Findings {
		ew.printf("%s\n", Line(e))
	}
	for _, l := range r.Coverage.Languages {
		ew.printf("%s (%s): %d of %d pages, %d of %d interface strings\n", l.Lang, l.Name, l.Pages, l.PagesTotal, l.Strings, l.StringsTotal)
	}
	s := r.summary()
	ew.printf("%d %s, %d %s in %d %s\n", s.Errors, plural(s.Errors, "error", "errors"),
		s.Warnings, plural(s.Warnings, "warning", "warnings"), s.Files, plural(s.Files, "file", "files"))
	return ew.err
}

// Line formats a finding as "file:line:col: error: message; hint" (the
// position is left out when unknown, the hint when empty).
func Line(e *diag.Error) string {
	s := e.Severity.String() + ": " + e.Msg
	if e.Pos.File != "" {
		s = e.Pos.String() + ": " + s
	}
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// errWriter keeps the first error of a series of writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (ew *errWriter) printf(format string, args ...any) {
	if ew.err == nil {
		_, ew.err = fmt.Fprintf(ew.w, format, args...)
	}
}
