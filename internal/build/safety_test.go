package build_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/build"
	"github.com/tadafor/tadafor/internal/outdir"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/render"
)

// TestSlugCannotClimbOutOfTheOutput builds section pages and a leaf page
// whose slug is "..": the build fails at each slug, and nothing is
// written beside or above the output folder.
func TestSlugCannotClimbOutOfTheOutput(t *testing.T) {
	t.Parallel()
	archive := ""
	for _, name := range []string{"a/index", "a/b/index", "a/b/leaf"} {
		for _, lang := range []string{"ar", "fr"} {
			archive += "-- content/" + name + "." + lang + ".md --\n---\ntitle: x\nslug: '..'\n---\nx\n"
		}
	}
	root := newProject(t, archive)
	_, err := run(t, root, build.Options{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	for _, want := range []string{
		`content/a/b/leaf.fr.md:3:7: slug ".." cannot be one segment of an address`,
		`content/a/index.ar.md:3:7: slug ".." cannot be one segment of an address`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
	for _, p := range []string{filepath.Join(root, "index.html"), filepath.Join(filepath.Dir(root), "index.html"), filepath.Join(root, "public")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
}

// symlink makes the link name (slash path under root) point to target.
func symlink(t *testing.T, root, target, name string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(p); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Skip("no symbolic links here:", err)
	}
}

// secret is a folder outside the project holding files that must never
// be published, standing for /etc.
func secret(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"passwd":                  "root:x:0:0:root:/root:/bin/bash\n",
		"page.fr.md":              "---\ntitle: Secret\n---\nroot:x:0:0\n",
		"sessions.yaml":           "sessions: []\n",
		"tadafor.yaml":            "title: {ar: سر, fr: Secret}\n",
		"commune/commune.yaml":    "name: {ar: سر, fr: Secret}\n",
		"layouts/partials/x.html": "root:x:0:0",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestLinksOutsideTheProjectAreErrors puts a link to a file outside the
// project in every input folder: each is an error naming the link, and
// nothing is published.
func TestLinksOutsideTheProjectAreErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ link, target string }{
		{"content/leak.fr.md", "page.fr.md"},
		{"communes/alpha/content/leak.fr.md", "page.fr.md"},
		{"communes/alpha/data/sessions.yaml", "sessions.yaml"},
		{"communes/alpha/static/passwd.txt", "passwd"},
		{"communes/alpha/static/docs", "."},
		{"communes/alpha/layouts/partials/footer.html", "layouts/partials/x.html"},
		{"communes/gamma", "commune"},
		{"themes/default/static/passwd.txt", "passwd"},
		{"themes/default/i18n/fr.yaml", "passwd"},
		{"themes/default/layouts/partials/footer.html", "layouts/partials/x.html"},
		{"tadafor.yaml", "tadafor.yaml"},
		{"themes", "."},
	} {
		t.Run(tt.link, func(t *testing.T) {
			t.Parallel()
			root := newProject(t)
			target := filepath.Join(secret(t), filepath.FromSlash(tt.target))
			symlink(t, root, target, tt.link)
			_, err := run(t, root, build.Options{})
			want := tt.link + ": a symbolic link to " + target + ", outside the project"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("got %v\nwant an error with %q", err, want)
			}
			if strings.Contains(fmt.Sprint(err), "root:x") {
				t.Errorf("the error shows the file: %v", err)
			}
			if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
				t.Error("the build published something")
			}
		})
	}
}

// TestLinksInsideTheProjectAreFollowed links a commune's logo, a page and
// a data file to files elsewhere in the project: each is read and
// published as if it were the file.
func TestLinksInsideTheProjectAreFollowed(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- assets/logo.svg --
<svg xmlns="http://www.w3.org/2000/svg"><title>Alpha</title></svg>
-- assets/pv.pdf --
%PDF-1.4 shared minutes
-- shared/note.fr.md --
---
title: Note partagée
---
Texte partagé.
`)
	symlink(t, root, "../../../assets/logo.svg", "communes/alpha/static/logo.svg")
	symlink(t, root, "../../../../assets/pv.pdf", "communes/alpha/static/docs/pv.pdf")
	symlink(t, root, "../shared/note.fr.md", "content/note.fr.md")
	profile := filepath.Join(root, "communes", "alpha", "commune.yaml")
	b, err := os.ReadFile(profile)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(profile, append(b, "logo: logo.svg\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, root, build.Options{NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	if got := read(t, root, "alpha/logo.svg"); !strings.Contains(got, "<title>Alpha</title>") {
		t.Errorf("the logo is not published: %q", got)
	}
	if got := read(t, root, "alpha/docs/pv.pdf"); got != "%PDF-1.4 shared minutes\n" {
		t.Errorf("the minutes: %q", got)
	}
	if got := read(t, root, "alpha/fr/note/index.html"); !strings.Contains(got, "Texte partagé.") {
		t.Errorf("the linked page: %q", got)
	}
	if home := read(t, root, "alpha/fr/index.html"); !strings.Contains(home, "logo.svg") {
		t.Error("the home page does not show the logo")
	}
}

// TestConcurrentBuildsOfOneOutput runs two builds of one project at once:
// both succeed, one after the other, and public/ is complete.
func TestConcurrentBuildsOfOneOutput(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, filepath.Join(root, "public"))
	errs := make(chan error, 2)
	for range 2 {
		go func() {
			_, err := build.Run(context.Background(), build.Options{Root: root})
			errs <- err
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if !equalTrees(want, snapshot(t, filepath.Join(root, "public"))) {
		t.Error("public/ differs from the output of a single build")
	}
	if left, _ := filepath.Glob(filepath.Join(root, ".public.*-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestBuildWaitsForTheLock holds the output's lock as another build
// would, with its staging folder: the build says it waits, leaves that
// folder alone while the other holds the lock, and builds once it is let
// in.
func TestBuildWaitsForTheLock(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	out := filepath.Join(root, "public")
	other, err := outdir.Acquire(context.Background(), out, nil)
	if err != nil {
		t.Fatal(err)
	}
	live := filepath.Join(root, ".public.staging-live")
	if err := os.MkdirAll(filepath.Join(live, "alpha"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(live, outdir.Marker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan struct{})
	done := make(chan error)
	go func() {
		_, err := build.Run(context.Background(), build.Options{Root: root, Waiting: func() { close(waiting) }})
		done <- err
	}()
	<-waiting
	if _, err := os.Stat(filepath.Join(live, "alpha")); err != nil {
		t.Errorf("the staging folder of the build holding the lock was touched: %v", err)
	}
	if err := other.Release(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "alpha", "fr", "index.html")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(live); err == nil {
		t.Error("the staging folder of a build that ended was left behind")
	}
}

// TestBuildOutThroughALink refuses an output folder that is inside the
// content through a link.
func TestBuildOutThroughALink(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	symlink(t, root, "content", "linkc")
	_, err := run(t, root, build.Options{Out: filepath.Join(root, "linkc", "sub")})
	if err == nil || !strings.Contains(err.Error(), "inside the project's content/ folder") {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "sub")); err == nil {
		t.Error("the build wrote into content/")
	}
}

// TestSourceFileSize refuses a page larger than project.MaxTextSize with
// its name, and publishes a static file of that size as it is.
func TestSourceFileSize(t *testing.T) {
	t.Parallel()
	root := newProject(t)
	for _, name := range []string{"content/big.fr.md", "communes/alpha/static/docs/big.pdf"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(p, project.MaxTextSize+1); err != nil {
			t.Fatal(err)
		}
	}
	_, err := run(t, root, build.Options{})
	if want := "content/big.fr.md: the file is 4.0 MB, more than the 4.0 MB a page, profile, data or layout file may have"; err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
	if err := os.Remove(filepath.Join(root, "content", "big.fr.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, root, build.Options{}); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(filepath.Join(root, "public", "alpha", "docs", "big.pdf")); err != nil || info.Size() != project.MaxTextSize+1 {
		t.Errorf("the large static file: %v, %v", info, err)
	}
}

// TestTwoPagesAtOneAddress gives the contact page the slug of the
// council's section, and a page both as a file and as a section: each
// collision is an error at both sources, and nothing is written.
func TestTwoPagesAtOneAddress(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- content/council/index.fr.md --
---
title: Conseil
---
-- content/contact.fr.md --
---
title: Contact
slug: council
---
-- content/documents.fr.md --
---
title: Documents
---
-- content/documents/index.fr.md --
---
title: Les documents
---
-- content/Events.fr.md --
---
title: Événements
---
-- content/events.fr.md --
---
title: Événements
---
`)
	_, err := run(t, root, build.Options{})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	hint := "; change the slug of one of them, or rename its file"
	for _, want := range []string{
		"content/contact.fr.md:3:7: two outputs at one address: fr/council/index.html is also written by content/council/index.fr.md" + hint,
		"content/council/index.fr.md: two outputs at one address: fr/council/index.html is also written by content/contact.fr.md:3:7" + hint,
		"content/documents.fr.md: two outputs at one address: fr/documents/index.html is also written by content/documents/index.fr.md" + hint,
		"content/documents/index.fr.md: two outputs at one address: fr/documents/index.html is also written by content/documents.fr.md" + hint,
		"content/events.fr.md: fr/events/index.html and fr/Events/index.html differ only in the case of their letters, which macOS, Windows and many hosts cannot keep apart: the other is written by content/Events.fr.md" + hint,
	} {
		if !strings.Contains(err.Error()+"\n", want+"\n") {
			t.Errorf("errors lack\n%s\ngot\n%v", want, err)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 6 {
		t.Errorf("%d errors, want 6 (each collision once, not once per commune):\n%v", n, err)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("something was published")
	}
}

// TestStaticFileWhereASiteIs puts a theme's static file at the name of a
// commune's folder, and another in it: the portal and the site cannot
// both be written.
func TestStaticFileWhereASiteIs(t *testing.T) {
	t.Parallel()
	root := newProject(t, `
-- themes/default/static/alpha --
a file named as the site of alpha
-- themes/default/static/beta/robots.txt --
User-agent: *
`)
	_, err := run(t, root, build.Options{})
	if n := strings.Count(fmt.Sprint(err), "\n") + 1; n != 2 {
		t.Errorf("%d errors, want 2:\n%v", n, err)
	}
	for _, want := range []string{
		"themes/default/static/alpha: alpha/alpha needs the folder alpha, where themes/default/static/alpha writes a file; change the slug of one of them, or rename its file",
		"themes/default/static/beta/robots.txt: two outputs at one address: beta/robots.txt is also written by the site's robots.txt",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack\n%s\ngot\n%v", want, err)
		}
	}
}

// TestOutputsAreThoseWritten checks that the outputs planned before
// rendering are the files a build writes.
func TestOutputsAreThoseWritten(t *testing.T) {
	t.Parallel()
	for _, root := range []string{newProject(t), "../.."} {
		p, errs := build.Load(t.Context(), root, "")
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		planned, errs := render.Outputs(context.Background(), p.Project)
		if errs.HasErrors() {
			t.Fatal(errs)
		}
		out := filepath.Join(t.TempDir(), "public")
		if _, err := build.Run(context.Background(), build.Options{Root: root, Out: out}); err != nil {
			t.Fatal(err)
		}
		var written []string
		for rel := range snapshot(t, out) {
			if rel != outdir.Marker {
				written = append(written, filepath.ToSlash(rel))
			}
		}
		slices.Sort(written)
		if !slices.Equal(written, planned) {
			t.Errorf("%s: written and planned differ:\nwritten %v\nplanned %v", root, written, planned)
		}
	}
}
