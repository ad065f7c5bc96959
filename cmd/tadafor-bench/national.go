package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/refdata"
	"github.com/tadafor/tadafor/internal/scaffold"
)

// The targets of the national build, printed with the figures.
const (
	targetNationalPerPage = 1.1       // cost of a page of the country ÷ of a page of the sample
	targetNationalRSS     = 200 << 20 // peak resident memory of the national build, bytes
)

// sampleCommunes is the size of the sample the national build is
// compared with.
const sampleCommunes = 60

// runNational builds every commune of the census, each started as
// "tadafor new commune --code" starts it, with the shared pages and theme
// of the project in dir, and a sample of 60 of them the same way, and
// prints both side by side.
func runNational(ctx context.Context, w io.Writer, exe, dir, outs string, inMemory bool, runs int) error {
	tmp, err := os.MkdirTemp("", "tadafor-bench-national-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	ref, err := refdata.Load()
	if err != nil {
		return err
	}
	all := ref.Communes()
	sample := make([]refdata.Commune, sampleCommunes)
	for i := range sample {
		sample[i] = all[i*len(all)/sampleCommunes] // spread over the regions
	}
	start := time.Now()
	country, err := newProject(dir, filepath.Join(tmp, "country"), ref, all)
	if err != nil {
		return err
	}
	few, err := newProject(dir, filepath.Join(tmp, "sample"), ref, sample)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "national: %d communes of the census and a sample of %d, each made as \"tadafor new commune --code\" makes it, with the shared pages and theme of %s (made in %s)\n",
		len(all), len(sample), dir, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(w, "machine: %d CPUs, GOMAXPROCS %d, %s %s/%s\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "load average before: %s\n", loadAvg())
	where := outs
	if inMemory {
		where += " (in memory)"
	}
	fmt.Fprintf(w, "builds write into %s\n", where)

	// The two builds alternate, so that a change in the machine's load
	// weighs on both.
	var nat, smp []result
	for i := range runs {
		for _, b := range []struct {
			name, root string
			into       *[]result
		}{{strconv.Itoa(len(sample)) + " communes", few, &smp}, {strconv.Itoa(len(all)) + " communes", country, &nat}} {
			out := filepath.Join(outs, "public-national-"+strconv.Itoa(i))
			r, err := runChild(ctx, exe, nil, measureBuild, b.root, out)
			if err != nil {
				return fmt.Errorf("build of %s, run %d: %w", b.name, i+1, err)
			}
			if err := os.RemoveAll(out); err != nil {
				return err
			}
			fmt.Fprintf(w, "%s, run %d: %s, %d pages, peak RSS %s, %.2f cores busy (lowest second %.2f)\n",
				b.name, i+1, seconds(r.Seconds), r.Pages, mib(r.RSSPeak), r.CPUSeconds/r.Seconds, r.BusyLow)
			*b.into = append(*b.into, r)
		}
	}
	fmt.Fprintf(w, "load average after: %s\n\n", loadAvg())
	return reportNational(w, runs, len(sample), len(all), smp, nat)
}

// reportNational prints the table of the sample and national builds and
// the comparison with the targets.
func reportNational(w io.Writer, runs, nSample, nAll int, sampleRuns, allRuns []result) error {
	s, a := summarize(sampleRuns), summarize(allRuns)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tbest\tmedian\tpages\tpages/s (median)\tµs per page (median)\tpeak RSS\tpeak heap\tcores busy\tlowest second\t\n")
	for _, row := range []struct {
		name string
		s    summary
		runs []result
	}{{fmt.Sprintf("%d communes (%d runs)", nSample, runs), s, sampleRuns}, {fmt.Sprintf("%d communes (%d runs)", nAll, runs), a, allRuns}} {
		busy, low := cpuFigures(row.runs)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%.0f\t%.1f\t%s\t%s\t%.2f\t%.2f\t\n", row.name, seconds(row.s.best), seconds(row.s.median), row.s.pages,
			float64(row.s.pages)/row.s.median, row.s.median/float64(row.s.pages)*1e6, mib(row.s.rss), mib(row.s.heap), busy, low)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "(peak RSS: the child process's VmHWM, the largest of the runs; peak heap: the largest Go heap sampled;")
	fmt.Fprintln(w, " cores busy: CPU time ÷ wall time, the median run's; lowest second: the fewest cores busy over a second of the build, the lowest of the runs)")
	fmt.Fprintln(w)
	perPage := (a.median / float64(a.pages)) / (s.median / float64(s.pages))
	fmt.Fprintf(w, "per page, %d ÷ %d communes: %.2f× median, %.2f× best (target ≤ %.1f×: %s)\n", nAll, nSample, perPage,
		(a.best/float64(a.pages))/(s.best/float64(s.pages)), targetNationalPerPage, verdict(perPage <= targetNationalPerPage))
	fmt.Fprintf(w, "CPU time per page, %d ÷ %d communes: %.2f× (medians: %.0f µs, %.0f µs; the least sensitive to other work on the machine)\n",
		nAll, nSample, (a.cpu/float64(a.pages))/(s.cpu/float64(s.pages)), a.cpu/float64(a.pages)*1e6, s.cpu/float64(s.pages)*1e6)
	fmt.Fprintf(w, "peak RSS of %d communes: %s, %.2f× that of %d (target ≤ %s and not growing with the communes: %s)\n",
		nAll, mib(a.rss), float64(a.rss)/float64(max(s.rss, 1)), nSample, mib(targetNationalRSS), verdict(a.rss > 0 && a.rss <= targetNationalRSS))
	return nil
}

// cpuFigures returns the cores busy in the median run and the fewest
// cores busy over a second in any run.
func cpuFigures(runs []result) (busy, low float64) {
	med := summarize(runs).median
	low = float64(runtime.NumCPU())
	for _, r := range runs {
		if r.Seconds == med {
			busy = r.CPUSeconds / r.Seconds
		}
		low = min(low, r.BusyLow)
	}
	if busy == 0 { // an even number of runs: the median is between two
		var sum float64
		for _, r := range runs {
			sum += r.CPUSeconds / r.Seconds
		}
		busy = sum / float64(len(runs))
	}
	return busy, low
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// newProject makes a project in dst with the settings, shared pages and
// themes of the project in src, and a profile for each of communes
// written as "tadafor new commune --code" writes it; it returns dst.
func newProject(src, dst string, ref *refdata.Data, communes []refdata.Commune) (string, error) {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return "", err
	}
	settings, err := os.ReadFile(filepath.Join(src, "tadafor.yaml"))
	if err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dst, project.SettingsFile), settings, 0o644); err != nil {
		return "", err
	}
	for _, d := range []string{project.ContentDir, project.ThemesDir} {
		if err := os.CopyFS(filepath.Join(dst, d), os.DirFS(filepath.Join(src, d))); err != nil {
			return "", err
		}
	}
	set, errs := project.LoadSettings(dst)
	if errs.HasErrors() {
		return "", errs.Err()
	}
	m := scaffold.NewMatcher(ref)
	for _, want := range communes {
		c, err := scaffold.Lookup(ref, m, want.Code, "")
		if err != nil {
			return "", err
		}
		if _, err := scaffold.WriteCommune(dst, c.Slug, c, ref, set.Languages); err != nil {
			return "", fmt.Errorf("new commune --code %s: %w", c.Code, err)
		}
	}
	if len(communes) == 0 {
		return "", errors.New("no commune in the census")
	}
	return dst, nil
}
