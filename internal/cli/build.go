package cli

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/tadafor/tadafor/internal/build"
)

const buildExamples = `  tadafor build                      build every commune into public/
  tadafor build --commune berkane    rebuild only public/berkane/
  tadafor build --out /tmp/site -q   build elsewhere, print nothing but errors
`

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("build", "build [--commune SLUG] [--out DIR] [-q]", buildExamples, stderr)
	var opts build.Options
	var quiet bool
	fs.StringVar(&opts.Root, "root", ".", "the project `folder` (with content/, communes/ and themes/)")
	fs.StringVar(&opts.Out, "out", "", "the output `folder` (default: public under the project folder)")
	fs.StringVar(&opts.Commune, "commune", "", "build only the commune of this `slug` (its folder name under communes/)")
	fs.IntVar(&opts.Workers, "workers", 0, "pages rendered at once (default: the number of CPUs)")
	fs.BoolVar(&opts.NoMinify, "no-minify", false, "write HTML and CSS unminified, to read them")
	fs.BoolVar(&quiet, "q", false, "quiet: print nothing but errors")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}

	build.TuneGC()
	var status *statusLine
	if !quiet && isTerminal(stderr) {
		p := &buildProgress{}
		opts.Progress = func(done, total int) { p.set(time.Now(), done, total) }
		status = startStatus(stderr, func() string { return p.line(time.Now()) })
	}
	rep, err := build.Run(ctx, opts)
	status.stop()
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	if err != nil {
		fmt.Fprintf(stderr, "build failed with %s; %s was left as it was\n", problems(printErrors(stderr, err)), opts.Target())
		return exitError
	}
	if !quiet {
		fmt.Fprintf(stdout, "built %d %s: %d pages, %d files, %s in %s\n",
			rep.Communes, plural(rep.Communes, "commune", "communes"), rep.Pages, rep.Files,
			humanBytes(rep.Bytes), rep.Duration.Round(time.Millisecond))
	}
	return exitOK
}

func plural[N int | int64](n N, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
