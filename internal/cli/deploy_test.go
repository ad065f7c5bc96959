package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// copyExample copies the project's example (settings, content, communes,
// themes) into a new folder and returns it.
func copyExample(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"content", "communes", "themes"} {
		if err := os.CopyFS(filepath.Join(root, dir), os.DirFS(filepath.Join("..", "..", dir))); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile("../../tadafor.yaml"); err == nil {
		os.WriteFile(filepath.Join(root, "tadafor.yaml"), b, 0o644)
	}
	return root
}

// setDeploy adds a deploy: line to a commune's profile.
func setDeploy(t *testing.T, root, slug, url string) {
	t.Helper()
	name := filepath.Join(root, "communes", slug, "commune.yaml")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, append(b, []byte("\ndeploy: "+url+"\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Deploying every commune builds first, publishes each commune whose
// profile has a destination, and reports the one that failed while the
// others succeed.
func TestDeployAllCommunesOneFailing(t *testing.T) {
	t.Parallel()
	root := copyExample(t)
	web := t.TempDir()
	for _, slug := range []string{"berkane", "settat"} {
		os.Mkdir(filepath.Join(web, slug), 0o755)
		setDeploy(t, root, slug, "file://"+filepath.ToSlash(filepath.Join(web, slug)))
	}
	setDeploy(t, root, "amtar", "file:///nonexistent/tadafor/amtar")

	code, stdout, stderr := run("deploy", "--root", root, "--all", "--jobs", "2")
	if code != exitError {
		t.Fatalf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitError, stdout, stderr)
	}
	if !strings.Contains(stdout, "is not built yet: building every site first") {
		t.Errorf("the deploy does not say it builds first:\n%s", stdout)
	}
	for _, slug := range []string{"berkane", "settat"} {
		if !regexp.MustCompile(`(?m)^` + slug + `: uploaded \d+ files \([\d.]+ (kB|MB)\), deleted 0, unchanged 0, [\d.]+ s; the destination had no manifest`).MatchString(stdout) {
			t.Errorf("no summary line for %s:\n%s", slug, stdout)
		}
		if _, err := os.Stat(filepath.Join(web, slug, "ar", "index.html")); err != nil {
			t.Errorf("%s was not published: %v", slug, err)
		}
		if _, err := os.Stat(filepath.Join(web, slug, ".tadafor-manifest.json")); err != nil {
			t.Errorf("%s has no manifest: %v", slug, err)
		}
	}
	for _, want := range []string{
		"amtar: file:///nonexistent/tadafor/amtar: the site's folder does not exist on the destination; create it",
		"1 of 3 sites were not published: amtar",
		"ammelne: skipped: communes/ammelne/commune.yaml has no deploy: address",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, stderr)
		}
	}

	// The portal: public/ without the communes' sites.
	portal := t.TempDir()
	code, stdout, stderr = run("deploy", "--root", root, "--portal", "--to", "file://"+filepath.ToSlash(portal), "-q")
	if code != exitOK || stdout != "" {
		t.Fatalf("portal deploy (%d):\n%s\n%s", code, stdout, stderr)
	}
	for _, want := range []string{"index.html", "fr/index.html", ".htaccess", ".tadafor-manifest.json"} {
		if _, err := os.Stat(filepath.Join(portal, want)); err != nil {
			t.Errorf("the portal's %s was not published: %v", want, err)
		}
	}
	for _, not := range []string{"berkane", ".tadafor-output", ".tadafor-in-use"} {
		if _, err := os.Stat(filepath.Join(portal, not)); err == nil {
			t.Errorf("the portal deploy published %s", not)
		}
	}

	// Up to date: nothing is built, nothing uploaded.
	code, stdout, stderr = run("deploy", "--root", root, "--commune", "berkane")
	if code != exitOK || strings.Contains(stdout, "building") || !regexp.MustCompile(`^uploaded 0 files \(0 B\), deleted 0, unchanged \d+, [\d.]+ s\n$`).MatchString(stdout) {
		t.Fatalf("second deploy (%d):\n%s\n%s", code, stdout, stderr)
	}

	// A profile edited after the build: that commune is built again first.
	profile := filepath.Join(root, "communes", "berkane", "commune.yaml")
	later := time.Now().Add(time.Minute)
	os.Chtimes(profile, later, later)
	code, stdout, stderr = run("deploy", "--root", root, "--commune", "berkane", "--dry-run")
	if code != exitOK || !strings.Contains(stdout, "communes/berkane/commune.yaml changed after") || !strings.Contains(stdout, "would upload") {
		t.Fatalf("deploy after an edit (%d):\n%s\n%s", code, stdout, stderr)
	}

	// The snapshots each deploy read are gone; the built sites are not.
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), "snapshot") {
			t.Errorf("%s is left beside public", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public", "berkane", "ar", "index.html")); err != nil {
		t.Errorf("the built site is gone after the deploys: %v", err)
	}
}

func TestDeployRefusesAPasswordInTheProfileWithItsPosition(t *testing.T) {
	t.Parallel()
	root := copyExample(t)
	setDeploy(t, root, "berkane", "sftp://web:hunter2@host.example/var/www")
	code, stdout, stderr := run("deploy", "--root", root, "--commune", "berkane")
	if code != exitError {
		t.Fatalf("exit code %d\n%s\n%s", code, stdout, stderr)
	}
	if !regexp.MustCompile(`communes/berkane/commune\.yaml:\d+:9: the address contains a password`).MatchString(stderr) {
		t.Errorf("stderr does not give the position:\n%s", stderr)
	}
	if strings.Contains(stdout+stderr, "hunter2") {
		t.Errorf("the password is shown:\n%s%s", stdout, stderr)
	}
}

func TestDeployUsage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"deploy"}, "say what to publish: --commune SLUG, --all or --portal"},
		{[]string{"deploy", "--all", "--to", "file:///tmp/x"}, "--to names one destination"},
		{[]string{"deploy", "--root", "../..", "--commune", "berkan"}, `did you mean "berkane"?`},
		{[]string{"deploy", "--root", "../..", "--commune", "berkane", "--to", "ftp://u@h/www"}, "use ftps:// (FTP with TLS) if the host offers it, or add --insecure-ftp"},
		{[]string{"deploy", "--root", "../..", "--commune", "berkane", "--to", "sftp://u:pw@h/www"}, "--to: the address contains a password"},
		{[]string{"deploy", "--root", "../..", "--commune", "berkane", "--to", "sfpt://u@h/www"}, `unknown scheme "sfpt"; did you mean "sftp"?`},
	} {
		code, stdout, stderr := run(tc.args...)
		if code != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: code %d, stderr %q%q; want %d and %q", tc.args, code, stdout, stderr, exitUsage, tc.want)
		}
	}
}
