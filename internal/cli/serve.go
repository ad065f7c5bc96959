package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/tadafor/tadafor/internal/commune"
	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/serve"
)

const serveExamples = `  tadafor serve                      preview every commune at http://127.0.0.1:1313/
  tadafor serve --commune berkane    preview one commune at the root, as on its own domain
  tadafor serve --navigate           show each page as it is saved
  tadafor serve --poll               compare the files every half second (network folders)
`

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve [--commune SLUG] [--port 1313] [--bind 127.0.0.1] [--navigate] [--poll]", serveExamples, stderr)
	var opts serve.Options
	fs.StringVar(&opts.Root, "root", ".", "the project `folder` (with content/, communes/ and themes/)")
	fs.StringVar(&opts.Commune, "commune", "", "serve only the commune of this `slug`, at the root of the server")
	fs.StringVar(&opts.Bind, "bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 opens the preview to the network")
	fs.IntVar(&opts.Port, "port", serve.DefaultPort, "the `port` to listen on (0: any free port)")
	fs.BoolVar(&opts.Poll, "poll", false, "compare the files every half second instead of being notified of changes")
	fs.BoolVar(&opts.Navigate, "navigate", false, "after a change to a page, show that page in the browser")
	fs.BoolVar(&opts.NoMinify, "no-minify", false, "serve HTML and CSS unminified, to read them")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if opts.Port < 0 || opts.Port > 65535 {
		fmt.Fprintf(stderr, "tadafor serve: --port %d is not a port (0 to 65535)\n", opts.Port)
		return exitUsage
	}
	if opts.Commune != "" {
		if msg := unknownCommune(opts.Root, opts.Commune); msg != "" {
			fmt.Fprintln(stderr, "tadafor serve:", msg)
			return exitUsage
		}
	}
	opts.Log = stdout
	s, err := serve.New(ctx, opts)
	if err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return exitError
	}
	if err := s.Wait(); err != nil {
		fmt.Fprintln(stderr, "error:", err)
		return exitError
	}
	return exitOK
}

// unknownCommune explains why slug names no commune folder of the
// project, or returns "".
func unknownCommune(root, slug string) string {
	if _, err := os.Stat(filepath.Join(root, commune.Dir, slug, commune.FileName)); err == nil {
		return ""
	}
	msg := fmt.Sprintf("no commune %q in %s/", slug, commune.Dir)
	entries, _ := os.ReadDir(filepath.Join(root, commune.Dir))
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	if q := diag.DidYouMean(slug, names); q != "" {
		msg += "; " + q
	}
	return msg
}
