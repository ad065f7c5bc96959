package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/tadafor/tadafor/internal/benchcorpus"
	"github.com/tadafor/tadafor/internal/build"
)

// childArg, as the first argument, makes the program one measurement
// (see child) instead of the benchmark.
const childArg = "__tadafor-bench-measure"

// profileEnv names the file where a child writes the CPU profile of its
// measurement, when set; heapProfileEnv the file of a heap profile taken
// near the largest heap.
const (
	profileEnv     = "TADAFOR_BENCH_CPUPROFILE"
	heapProfileEnv = "TADAFOR_BENCH_HEAPPROFILE"
)

// The measurements a child can make.
const (
	measureBuild = "build"
	measureFloor = "floor"
)

// result is what a child reports, as one JSON object on its standard
// output.
type result struct {
	Seconds float64 `json:"seconds"`
	// Pages is the number of HTML pages written (build) or Markdown
	// conversions made (floor).
	Pages int64 `json:"pages"`
	Bytes int64 `json:"bytes"`
	// RSSPeak is the process's peak resident set (VmHWM), 0 when unknown.
	RSSPeak int64 `json:"rss_peak"`
	// HeapPeak is the largest Go heap (objects, live or not yet swept)
	// seen by sampling every few milliseconds.
	HeapPeak int64 `json:"heap_peak"`
	// Allocated is the total of heap allocations, and GCs the number of
	// collections, during the measurement.
	Allocated int64 `json:"allocated"`
	GCs       int64 `json:"gcs"`
	// CPUSeconds is the CPU time (user and system) of the measurement,
	// and BusyLow the fewest cores busy over one of its whole seconds
	// (CPU time ÷ wall time), 0 when it lasted less than two.
	CPUSeconds float64 `json:"cpu_seconds"`
	BusyLow    float64 `json:"busy_low"`
}

// child makes one measurement: args are "build ROOT OUT" or
// "floor ROOT TIMES". It returns the exit code.
func child(args []string, stdout, stderr io.Writer) int {
	res, err := measure(context.Background(), args)
	if err != nil {
		fmt.Fprintln(stderr, "tadafor-bench (measure):", err)
		return 1
	}
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		fmt.Fprintln(stderr, "tadafor-bench (measure):", err)
		return 1
	}
	return 0
}

func measure(ctx context.Context, args []string) (result, error) {
	if len(args) != 3 {
		return result{}, fmt.Errorf("want 3 arguments, got %q", args)
	}
	kind, root := args[0], args[1]
	var work func() (pages, bytes int64, err error)
	switch kind {
	case measureBuild:
		out := args[2]
		build.TuneGC() // as "tadafor build" does
		work = func() (int64, int64, error) {
			rep, err := build.Run(ctx, build.Options{Root: root, Out: out})
			return rep.Pages, rep.Bytes, err
		}
	case measureFloor:
		times, err := strconv.Atoi(args[2])
		if err != nil {
			return result{}, fmt.Errorf("floor: %w", err)
		}
		src, err := benchcorpus.ReadShared(root)
		if err != nil {
			return result{}, err
		}
		bodies := make([][]byte, len(src))
		for i, s := range src {
			bodies[i] = s.Body
		}
		work = func() (int64, int64, error) {
			res, err := benchcorpus.Floor(ctx, bodies, times, 0)
			return int64(res.Conversions), res.HTMLBytes, err
		}
	default:
		return result{}, fmt.Errorf("unknown measurement %q", kind)
	}

	if file := os.Getenv(profileEnv); file != "" {
		f, err := os.Create(file)
		if err != nil {
			return result{}, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return result{}, err
		}
	}
	s := startSampler()
	before := readMetrics()
	cpuBefore := cpuTime()
	start := time.Now()
	pages, bytes, err := work()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpuBefore
	pprof.StopCPUProfile() // no-op when not profiling
	heapPeak, busyLow := s.stop()
	after := readMetrics()
	if err != nil {
		return result{}, err
	}
	rss, err := peakRSS()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tadafor-bench (measure): peak RSS unknown:", err)
	}
	return result{
		Seconds: elapsed.Seconds(), Pages: pages, Bytes: bytes,
		RSSPeak: rss, HeapPeak: heapPeak,
		Allocated: int64(after[1] - before[1]), GCs: int64(after[2] - before[2]),
		CPUSeconds: cpu.Seconds(), BusyLow: busyLow,
	}, nil
}

// The runtime metrics read, in this order.
var metricNames = []string{
	"/memory/classes/heap/objects:bytes",
	"/gc/heap/allocs:bytes",
	"/gc/cycles/total:gc-cycles",
}

// readMetrics returns the values of metricNames.
func readMetrics() [3]uint64 {
	samples := make([]metrics.Sample, len(metricNames))
	for i, name := range metricNames {
		samples[i].Name = name
	}
	metrics.Read(samples)
	var out [3]uint64
	for i, s := range samples {
		if s.Value.Kind() == metrics.KindUint64 {
			out[i] = s.Value.Uint64()
		}
	}
	return out
}

// sampler records the largest heap seen until stop, and the fewest
// cores busy over a second.
type sampler struct {
	done    chan struct{}
	wg      sync.WaitGroup
	peak    uint64
	busyLow float64
	// profiled is the heap when the heap profile was last written.
	profiled uint64
}

// writeHeapProfile writes the heap profile to the file heapProfileEnv
// names, if any.
func writeHeapProfile() {
	file := os.Getenv(heapProfileEnv)
	if file == "" {
		return
	}
	f, err := os.Create(file)
	if err != nil {
		return
	}
	defer f.Close()
	_ = pprof.Lookup("heap").WriteTo(f, 0)
}

func startSampler() *sampler {
	s := &sampler{done: make(chan struct{})}
	s.wg.Go(func() {
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		second, cpu := time.Now(), cpuTime()
		for {
			if heap := readMetrics()[0]; heap > s.peak {
				if heap > s.profiled+s.profiled/8 {
					s.profiled = heap
					writeHeapProfile()
				}
				s.peak = heap
			}
			if now := time.Now(); now.Sub(second) >= time.Second {
				c := cpuTime()
				busy := (c - cpu).Seconds() / now.Sub(second).Seconds()
				if s.busyLow == 0 || busy < s.busyLow {
					s.busyLow = busy
				}
				second, cpu = now, c
			}
			select {
			case <-s.done:
				return
			case <-tick.C:
			}
		}
	})
	return s
}

// stop ends the sampling and returns the peak heap in bytes and the
// fewest cores busy over a second (0 when no second was whole).
func (s *sampler) stop() (heap int64, busyLow float64) {
	close(s.done)
	s.wg.Wait()
	return int64(max(s.peak, readMetrics()[0])), s.busyLow
}

// cpuTime returns the CPU time the process used so far, user and
// system, or 0 when unknown.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS returns the process's peak resident set size (VmHWM) in bytes.
func peakRSS() (int64, error) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("VmHWM: %w", err)
		}
		return kb << 10, nil
	}
	if err := sc.Err(); err != nil {
		return 0, err
	}
	return 0, errors.New("no VmHWM in /proc/self/status")
}
