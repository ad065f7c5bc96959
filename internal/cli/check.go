package cli

import (
	"context"
	"fmt"
	"io"

	"github.com/tadafor/tadafor/internal/check"
)

const checkExamples = `  tadafor check                          check everything, write nothing; exit 1 on any error
  tadafor check --commune berkane        the shared pages and the site of one commune
  tadafor check --external               also request every link to another site (needs the network)
  tadafor check --format json > check.json
                                         the report as JSON, for continuous integration

Output: one line per finding, "file:line:col: error|warning: message; how to fix it",
sorted by file and position, then the pages and interface strings each language has,
then "2 errors, 5 warnings in 123 files". Exit code: 0 without errors (warnings allowed),
1 with errors, 2 when the check could not run. The JSON schema is in README.md.
`

// exitCannotRun is the exit code of a check that could not run at all.
const exitCannotRun = exitUsage

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("check", "check [--commune SLUG] [--external] [--format text|json]", checkExamples, stderr)
	var opts check.Options
	var root, format string
	fs.StringVar(&root, "root", ".", "the project `folder` (with content/, communes/ and themes/)")
	fs.StringVar(&opts.Commune, "commune", "", "check the shared pages and only the commune of this `slug`")
	fs.BoolVar(&opts.External, "external", false, "also request every http(s) link (10 s per link, 8 at once); failures are warnings")
	fs.StringVar(&format, "format", "text", "the report's `format`: text or json")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if format != "text" && format != "json" {
		fmt.Fprintf(stderr, "tadafor check: unknown format %q; expected text or json\n", format)
		return exitUsage
	}
	res, err := check.Check(ctx, root, opts)
	if err != nil {
		fmt.Fprintf(stderr, "tadafor %v\n", err)
		return exitCannotRun
	}
	if format == "json" {
		err = res.WriteJSON(stdout)
	} else {
		err = res.WriteText(stdout)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tadafor check: write the report: %v\n", err)
		return exitCannotRun
	}
	if res.Errors() > 0 {
		return exitError
	}
	return exitOK
}
