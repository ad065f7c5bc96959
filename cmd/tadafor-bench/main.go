// Command tadafor-bench measures the build on a generated corpus (run by
// "make bench"): it writes a project of 60 communes with 50 shared pages
// per language into a temporary folder, then times, each run in its own
// child process so that peak memory belongs to one measurement, the full
// build (minified, all CPUs) and the floor, a bare parallel goldmark
// conversion of the same Markdown as many times as the build renders it.
// It prints the best and median times, pages per second, peak memory and
// the ratio of the build to the floor, with the targets.
//
// With -national ("make bench-national"), it makes instead a profile for
// every commune of the census as "tadafor new commune --code" does, in a
// copy of the project's settings, shared pages and theme, and the same
// for a sample of 60 of them, and times both builds in turn: pages,
// seconds, pages per second, cost per page, peak memory (the child's
// VmHWM) and how many cores were busy, on average and over the slowest
// second, with the targets (the cost of a page of the whole country no
// more than 1.1 times that of the sample; peak memory at most 200 MiB).
//
// Usage:
//
//	tadafor-bench [-communes 60] [-pages 50] [-runs 3] [-seed 1] [-themes themes] [-keep] [-out DIR] [-cpuprofile FILE]
//	tadafor-bench -national [-project .] [-runs 3] [-out DIR]
//
// TADAFOR_BENCH_HEAPPROFILE=FILE writes a heap profile of each build
// near its largest heap (the last build's stays).
//
// The corpus goes to the system's temporary folder. The floor writes
// nothing, so the timed builds write into memory (/dev/shm) when the
// system has it, or into -out; one more build, writing to the temporary
// folder's disk, shows what the disk adds.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == childArg {
		os.Exit(child(os.Args[2:], os.Stdout, os.Stderr))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "tadafor-bench:", err)
		os.Exit(1)
	}
}
