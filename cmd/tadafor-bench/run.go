package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tadafor/tadafor/internal/benchcorpus"
)

// The targets of the build, printed with the figures.
const (
	targetRatio = 1.25      // build time ÷ floor time
	targetRSS   = 150 << 20 // peak resident memory of a build, bytes
)

// run generates the corpus, makes the measurements and prints them to w.
func run(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("tadafor-bench", flag.ContinueOnError)
	communes := fs.Int("communes", benchcorpus.DefaultCommunes, "communes in the corpus")
	pages := fs.Int("pages", benchcorpus.DefaultPages, "shared pages per language")
	seed := fs.Int64("seed", 1, "seed of the corpus")
	runs := fs.Int("runs", 3, "runs of each measurement")
	themes := fs.String("themes", "themes", "themes folder copied into the corpus")
	keep := fs.Bool("keep", false, "keep the corpus and print its folder")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the build runs to this file (the last run's)")
	national := fs.Bool("national", false, "build every commune of the census with the shared pages of -project, beside a sample of 60")
	projectDir := fs.String("project", ".", "with -national, the project whose tadafor.yaml, content/ and themes/ are used")
	outDir := fs.String("out", "", "folder the timed builds write into (default: "+memoryDir+" when it exists, else the temporary folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *runs < 1 {
		return fmt.Errorf("-runs %d: need at least 1", *runs)
	}
	if _, err := os.Stat(filepath.Join(*themes, "default")); err != nil {
		return fmt.Errorf("no theme in %s (run from the repository root or give -themes): %w", *themes, err)
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}

	if *national {
		outs, inMemory, err := outFolder(*outDir, os.TempDir())
		if err != nil {
			return err
		}
		if outs != os.TempDir() {
			defer os.RemoveAll(outs)
		}
		return runNational(ctx, w, exe, *projectDir, outs, inMemory, *runs)
	}
	tmp, err := os.MkdirTemp("", "tadafor-bench-")
	if err != nil {
		return err
	}
	if *keep {
		fmt.Fprintln(w, "corpus kept in", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	root := filepath.Join(tmp, "project")
	// The floor writes nothing: by default the builds write into memory,
	// so that the comparison is between the two programs, not with the
	// disk; one more build to the disk shows what it adds.
	outs, inMemory, err := outFolder(*outDir, tmp)
	if err != nil {
		return err
	}
	if outs != tmp {
		defer os.RemoveAll(outs)
	}
	start := time.Now()
	if err := benchcorpus.Generate(root, benchcorpus.Options{Communes: *communes, Pages: *pages, Seed: *seed, Themes: *themes}); err != nil {
		return err
	}
	src, err := benchcorpus.ReadShared(root)
	if err != nil {
		return err
	}
	var size int
	for _, s := range src {
		size += s.Size
	}
	fmt.Fprintf(w, "corpus: %d communes × %d shared pages × 2 languages (%d shared files, %.1f KB on average), generated in %s\n",
		*communes, *pages, len(src), float64(size)/float64(len(src))/1000, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(w, "machine: %d CPUs, GOMAXPROCS %d, %s %s/%s\n\n", runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH)

	fmt.Fprintf(w, "load average before: %s\n", loadAvg())
	if load, ok := loadOne(); ok && load > 2*float64(runtime.NumCPU()) {
		fmt.Fprintf(w, "warning: the machine is busy with other work (load %.1f on %d CPUs): the times will not be reliable\n", load, runtime.NumCPU())
	}
	// Build and floor runs alternate, so that a change in the machine's
	// load weighs on both.
	var builds, floors []result
	where := outs
	if inMemory {
		where += " (in memory)"
	}
	fmt.Fprintf(w, "builds write into %s\n", where)
	for i := range *runs {
		out := filepath.Join(outs, "public-"+strconv.Itoa(i))
		var env []string
		if *cpuprofile != "" {
			abs, err := filepath.Abs(*cpuprofile)
			if err != nil {
				return err
			}
			env = append(env, profileEnv+"="+abs)
		}
		r, err := runChild(ctx, exe, env, measureBuild, root, out)
		if err != nil {
			return fmt.Errorf("build run %d: %w", i+1, err)
		}
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		fmt.Fprintf(w, "build run %d: %s, %d pages, peak RSS %s\n", i+1, seconds(r.Seconds), r.Pages, mib(r.RSSPeak))
		builds = append(builds, r)

		r, err = runChild(ctx, exe, nil, measureFloor, root, strconv.Itoa(*communes))
		if err != nil {
			return fmt.Errorf("floor run %d: %w", i+1, err)
		}
		fmt.Fprintf(w, "floor run %d: %s, %d conversions, peak RSS %s\n", i+1, seconds(r.Seconds), r.Pages, mib(r.RSSPeak))
		floors = append(floors, r)
	}
	var disk *result
	if inMemory {
		out := filepath.Join(tmp, "public-disk")
		r, err := runChild(ctx, exe, nil, measureBuild, root, out)
		if err != nil {
			return fmt.Errorf("build to disk: %w", err)
		}
		if err := os.RemoveAll(out); err != nil {
			return err
		}
		fmt.Fprintf(w, "build to disk (%s): %s, %d pages\n", tmp, seconds(r.Seconds), r.Pages)
		disk = &r
	}
	fmt.Fprintf(w, "load average after: %s\n", loadAvg())
	fmt.Fprintln(w)
	if err := report(w, *runs, summarize(builds), summarize(floors)); err != nil {
		return err
	}
	if disk != nil {
		fmt.Fprintf(w, "(the builds above write into memory, as the floor writes nothing; one build writing to the disk took %s, %.2f× the best floor)\n",
			seconds(disk.Seconds), disk.Seconds/summarize(floors).best)
	}
	return nil
}

// memoryDir is a folder in memory on Linux.
const memoryDir = "/dev/shm"

// outFolder returns the folder the timed builds write into: dir if given,
// else a new folder in memoryDir when it can be written, else tmp.
func outFolder(dir, tmp string) (folder string, inMemory bool, err error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", false, err
		}
		out, err := os.MkdirTemp(dir, "tadafor-bench-out-")
		return out, false, err
	}
	if st, err := os.Stat(memoryDir); err == nil && st.IsDir() {
		if out, err := os.MkdirTemp(memoryDir, "tadafor-bench-out-"); err == nil {
			return out, true, nil
		}
	}
	return tmp, false, nil
}

// runChild runs one measurement in a new process and decodes its result.
func runChild(ctx context.Context, exe string, env []string, args ...string) (result, error) {
	cmd := exec.CommandContext(ctx, exe, append([]string{childArg}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return result{}, err
	}
	var r result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return result{}, fmt.Errorf("read measurement: %w", err)
	}
	return r, nil
}

// summary is the figures of the runs of one measurement.
type summary struct {
	best, median float64 // seconds
	pages        int64   // of the best run
	rss, heap    int64   // the largest over the runs
	allocated    int64   // of the best run
	gcs          int64
	// cpu is the median of the runs' CPU times, in seconds: less
	// sensitive than wall time to other work on the machine.
	cpu float64
}

func summarize(runs []result) summary {
	secs := make([]float64, len(runs))
	for i, r := range runs {
		secs[i] = r.Seconds
	}
	slices.Sort(secs)
	s := summary{best: secs[0], median: median(secs)}
	cpu := make([]float64, len(runs))
	for i, r := range runs {
		cpu[i] = r.CPUSeconds
	}
	s.cpu = median(cpu)
	for _, r := range runs {
		if r.Seconds == s.best {
			s.pages, s.allocated, s.gcs = r.Pages, r.Allocated, r.GCs
		}
		s.rss = max(s.rss, r.RSSPeak)
		s.heap = max(s.heap, r.HeapPeak)
	}
	return s
}

// median returns the median of values, which it sorts.
func median(values []float64) float64 {
	slices.Sort(values)
	n := len(values)
	if n%2 == 0 {
		return (values[n/2-1] + values[n/2]) / 2
	}
	return values[n/2]
}

// report prints the table and the comparison with the targets.
func report(w io.Writer, runs int, build, floor summary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "\tbest\tmedian\tpages\tpages/s (best)\tpeak RSS\tpeak heap\tallocated\tGCs\t\n")
	for _, row := range []struct {
		name string
		s    summary
	}{{fmt.Sprintf("build (%d runs)", runs), build}, {fmt.Sprintf("floor (%d runs)", runs), floor}} {
		s := row.s
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%.0f\t%s\t%s\t%s\t%d\t\n", row.name, seconds(s.best), seconds(s.median), s.pages,
			float64(s.pages)/s.best, mib(s.rss), mib(s.heap), mib(s.allocated), s.gcs)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "(peak RSS and peak heap: the largest of the runs; pages, allocated and GCs: the best run;")
	fmt.Fprintln(w, " floor pages: goldmark conversions, each shared page once per commune)")
	fmt.Fprintln(w)
	ratio := build.best / floor.best
	fmt.Fprintf(w, "build / floor: %.2f× best, %.2f× median (target ≤ %.2f×: %s)\n",
		ratio, build.median/floor.median, targetRatio, verdict(ratio <= targetRatio))
	perPage := (build.best / float64(build.pages)) / (floor.best / float64(floor.pages))
	fmt.Fprintf(w, "build / floor per page: %.2f× (%.0f µs per build page, %.0f µs per floor conversion)\n",
		perPage, build.best/float64(build.pages)*1e6, floor.best/float64(floor.pages)*1e6)
	fmt.Fprintf(w, "build / floor CPU time: %.2f× (medians: %.3fs, %.3fs; the least sensitive to other work on the machine)\n",
		build.cpu/floor.cpu, build.cpu, floor.cpu)
	fmt.Fprintf(w, "build peak RSS: %s (target ≤ %s: %s)\n", mib(build.rss), mib(targetRSS), verdict(build.rss > 0 && build.rss <= targetRSS))
	return nil
}

// loadAvg returns the system's load averages over 1, 5 and 15 minutes,
// which say whether other work competed with the measurements.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "n/a"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "n/a"
	}
	return strings.Join(f[:3], " ")
}

// loadOne returns the load average over the last minute.
func loadOne() (float64, bool) {
	f := strings.Fields(loadAvg())
	if len(f) == 0 {
		return 0, false
	}
	v, err := strconv.ParseFloat(f[0], 64)
	return v, err == nil
}

// seconds formats a duration in seconds.
func seconds(s float64) string { return fmt.Sprintf("%.3fs", s) }

// mib formats a size in MiB; 0 is unknown.
func mib(n int64) string {
	if n == 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}
