package serve

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/project"
)

// overlayError is one error as the overlay shows it.
type overlayError struct {
	Where  string // file:line:col, or "" when the error has no position
	Msg    string
	Hint   string
	Line   int    // line number of the source shown, 0 if none
	Before string // the source line up to the column
	At     string // the character at the column
	After  string
}

type overlayData struct {
	Title      string
	Errors     []overlayError
	Underneath bool // the last good pages are shown below the panel
}

// overlayCSS styles the panel. Everything is scoped under its id, so the
// page below keeps its own styles; the colours have a contrast well above
// 7:1 and the text follows the reader's font size.
const overlayCSS = `#tadafor-overlay{all:initial;position:fixed;inset:0;z-index:2147483647;overflow:auto;
background:#1b1b1f;color:#f4f4f5;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;padding:1rem}
#tadafor-overlay *{box-sizing:border-box}
#tadafor-overlay .tadafor-box{max-width:60rem;margin:0 auto}
#tadafor-overlay h1{font-size:1.5rem;margin:0 0 .5rem;color:#ffb4ab}
#tadafor-overlay p{margin:.25rem 0}
#tadafor-overlay ol{margin:1rem 0;padding:0 0 0 1.5rem}
#tadafor-overlay li{margin:0 0 1.25rem}
#tadafor-overlay code,#tadafor-overlay pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95rem}
#tadafor-overlay .tadafor-where{color:#9ecaff;font-weight:bold}
#tadafor-overlay .tadafor-hint{color:#d4d4d8}
#tadafor-overlay pre{background:#000;color:#f4f4f5;padding:.5rem .75rem;margin:.5rem 0 0;overflow:auto;white-space:pre-wrap;border-inline-start:4px solid #ffb4ab}
#tadafor-overlay .tadafor-ln{color:#a1a1aa;user-select:none}
#tadafor-overlay mark{background:#ffb4ab;color:#000}`

// overlayHTML is the panel listing the errors; it is in English, the
// language of the messages, whatever the page below.
var overlayHTML = template.Must(template.New("overlay").Parse(`<section id="tadafor-overlay" lang="en" dir="ltr" aria-labelledby="tadafor-overlay-title">
<style>` + overlayCSS + `</style>
<div class="tadafor-box">
<h1 id="tadafor-overlay-title">{{.Title}}</h1>
<p>Fix the files named below and save: this panel goes away by itself once the sites build again.{{if .Underneath}} Below it is the page as it was last built without errors.{{end}}</p>
<ol>
{{- range .Errors}}
<li>{{if .Where}}<p><code class="tadafor-where" dir="ltr">{{.Where}}</code></p>{{end}}
<p>{{.Msg}}</p>{{if .Hint}}
<p class="tadafor-hint">Hint: {{.Hint}}</p>{{end}}{{if .Line}}
<pre dir="auto"><span class="tadafor-ln">{{.Line}} │ </span>{{.Before}}<mark>{{.At}}</mark>{{.After}}</pre>{{end}}</li>
{{- end}}
</ol>
</div>
</section>`))

// errorPage is the page served when the build failed and there is no
// page to show below the panel.
var errorPage = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} — tadafor serve</title>
</head>
<body>
<main>
{{.Panel}}
</main>
</body>
</html>
`))

// newOverlay prepares the panel for errs and the page that holds it
// alone; the offending lines are read from the files under root.
func newOverlay(root string, errs diag.List, underneath bool) (panel, page []byte) {
	d := overlayData{Underneath: underneath}
	n := len(errs)
	d.Title = fmt.Sprintf("The build failed with %d %s", n, plural(n, "error", "errors"))
	lines := map[string][]string{}
	for _, e := range errs {
		oe := overlayError{Msg: e.Msg, Hint: e.Hint}
		if e.Pos.File != "" {
			oe.Where = e.Pos.String()
		}
		if e.Pos.File != "" && e.Pos.Line > 0 {
			src, ok := lines[e.Pos.File]
			if !ok {
				// Read as the build reads: never a file a link leads to
				// outside the project.
				if b, err := project.ReadFile(root, e.Pos.File); err == nil {
					src = strings.Split(string(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))), "\n")
				}
				lines[e.Pos.File] = src
			}
			if e.Pos.Line <= len(src) {
				oe.Line = e.Pos.Line
				oe.Before, oe.At, oe.After = splitAt(strings.TrimRight(src[e.Pos.Line-1], "\r"), e.Pos.Col)
			}
		}
		d.Errors = append(d.Errors, oe)
	}
	var b bytes.Buffer
	if err := overlayHTML.Execute(&b, d); err != nil {
		panic(err) // the data is plain strings: the template cannot fail
	}
	panel = bytes.Clone(b.Bytes())
	b.Reset()
	if err := errorPage.Execute(&b, map[string]any{"Title": d.Title, "Panel": template.HTML(panel)}); err != nil {
		panic(err)
	}
	return panel, b.Bytes()
}

// splitAt splits a line around its col-th character (counting from 1);
// a column beyond the line marks a space after it.
func splitAt(line string, col int) (before, at, after string) {
	if col < 1 {
		return line, "", ""
	}
	runes := []rune(line)
	if col > len(runes) {
		return line, " ", ""
	}
	return string(runes[:col-1]), string(runes[col-1]), string(runes[col:])
}
