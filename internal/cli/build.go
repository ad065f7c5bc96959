package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
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
	stopProgress := func() {}
	if !quiet && isTerminal(stderr) {
		var files atomic.Int64
		opts.Progress = func(n int64) { files.Store(n) }
		stopProgress = showProgress(stderr, &files)
	}
	rep, err := build.Run(ctx, opts)
	stopProgress()
	for _, w := range rep.Warnings {
		fmt.Fprintln(stderr, w.Error())
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintf(stderr, "build stopped; %s was left as it was\n", opts.Target())
		return exitError
	}
	if err != nil {
		n := printErrors(stderr, err)
		fmt.Fprintf(stderr, "build failed with %d %s; %s\n", n, plural(n, "error", "errors"), outputState(rep, opts.Target()))
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

// showProgress prints the number of files written, on one line, when a
// build takes more than a moment; the returned func erases it.
func showProgress(w io.Writer, files *atomic.Int64) func() {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		timer := time.NewTimer(700 * time.Millisecond)
		defer timer.Stop()
		select {
		case <-done:
			return
		case <-timer.C:
		}
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			fmt.Fprintf(w, "\rbuilding… %d files", files.Load())
			select {
			case <-done:
				fmt.Fprint(w, "\r\033[K")
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); <-finished }
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
