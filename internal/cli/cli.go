// Package cli is tadafor's command line: one flag set per subcommand,
// usage texts, and the mapping of errors to exit codes.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the input has problems, or the command failed
	exitUsage = 2 // the command line itself is wrong
)

// command is a subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"build", "build every commune site (or one) into public/", runBuild},
		{"serve", "preview the sites in a browser, rebuilt as the files change", runServe},
		{"check", "check everything a build checks, and more, without writing", runCheck},
		{"new", "start a commune's profile or a page, every field explained", runNew},
		{"deploy", "publish a built site where it is hosted, incrementally", runDeploy},
		{"version", "print the version", runVersion},
	}
}

// Run runs the command line args (without the program name) and returns
// the exit code.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		usage(stdout)
		return exitOK
	case "-version", "--version":
		return runVersion(ctx, nil, stdout, stderr)
	}
	cmds := commands()
	i := slices.IndexFunc(cmds, func(c command) bool { return c.name == args[0] })
	if i < 0 {
		names := make([]string, len(cmds))
		for j, c := range cmds {
			names[j] = c.name
		}
		msg := fmt.Sprintf("tadafor: unknown command %q", args[0])
		if q := diag.DidYouMean(args[0], names); q != "" {
			msg += "; " + q
		}
		fmt.Fprintln(stderr, msg)
		fmt.Fprintln(stderr, "Run 'tadafor help' for the list of commands.")
		return exitUsage
	}
	return cmds[i].run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tadafor builds the bilingual (Arabic and French) reference websites of Moroccan communes.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: tadafor <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'tadafor <command> -h' for the flags of a command.")
}

// newFlagSet makes a flag set whose errors and help go to stderr with an
// example section.
func newFlagSet(name, synopsis, examples string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: tadafor %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
		if examples != "" {
			fmt.Fprintf(stderr, "\nExamples:\n%s", examples)
		}
	}
	return fs
}

// parseFlags parses args and refuses stray arguments; it returns the exit
// code to stop with, or -1 to go on.
func parseFlags(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "tadafor %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	return -1
}

// printErrors writes every problem of err, one per line, all of them,
// and returns how many were errors and how many warnings.
func printErrors(w io.Writer, err error) (errs, warnings int) {
	var list diag.List
	if errors.As(err, &list) {
		for _, e := range list {
			fmt.Fprintln(w, e.Error())
		}
		warnings = len(list.Warnings())
		return len(list) - warnings, warnings
	}
	fmt.Fprintln(w, "error:", err)
	return 1, 0
}

func runVersion(_ context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "version", "", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	fmt.Fprintln(stdout, "tadafor", version())
	return exitOK
}

// version is the module version, or the VCS revision of a development
// build.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if (v == "" || v == "(devel)") && rev != "" {
		return "devel " + rev[:min(12, len(rev))] + dirty
	}
	if v == "" {
		return "(devel)"
	}
	return strings.TrimSpace(v)
}

// isTerminal reports whether w is a terminal, to decide on progress
// output.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
