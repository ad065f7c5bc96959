package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/outdir"
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
	if !quiet {
		opts.Waiting = func() {
			fmt.Fprintf(stderr, "waiting for another build of %s to finish…\n", opts.OutOrDefault())
		}
	}
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
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "build stopped; %s was left as it was\n", opts.Target())
		return exitError
	}
	if err != nil {
		fmt.Fprintf(stderr, "build failed with %s; %s\n", problems(printErrors(stderr, err)), outputState(rep, opts.Target()))
		return exitError
	}
	if !quiet {
		fmt.Fprintf(stdout, "built %d %s: %d pages, %d files, %s in %s\n",
			rep.Communes, plural(rep.Communes, "commune", "communes"), rep.Pages, rep.Files,
			humanBytes(rep.Bytes), rep.Duration.Round(time.Millisecond))
	}
	return exitOK
}

// outputState says where the output folder target stands after a failed
// build.
func outputState(rep build.Report, target string) string {
	switch rep.Output {
	case outdir.Missing:
		return fmt.Sprintf("%s is missing: the new output is complete in %s, and the next build puts it in place", target, rep.Aside)
	case outdir.Replaced:
		return target + " was replaced"
	}
	return target + " was left as it was"
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
