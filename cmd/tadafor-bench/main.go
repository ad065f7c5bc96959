// Command tadafor-bench measures the build on a generated corpus (run by
// "make bench"): it writes a project of 60 communes with 50 shared pages
// per language into a temporary folder, then times, each run in its own
// child process so that peak memory belongs to one measurement, the full
// build (minified, all CPUs) and the floor, a bare parallel goldmark
// conversion of the same Markdown as many times as the build renders it.
// It prints the best and median times, pages per second, peak memory and
// the ratio of the build to the floor, with the targets.
//
// Usage:
//
//	tadafor-bench [-communes 60] [-pages 50] [-runs 3] [-seed 1] [-themes themes] [-keep] [-out DIR] [-cpuprofile FILE]
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
