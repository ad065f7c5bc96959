package deploy

import (
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeSite writes files (slash path → content) under a new folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for rel, content := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(rel)), content)
	}
	return dir
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

var sample = map[string]string{
	"index.html":           "<!doctype html><title>languages</title>",
	"404.html":             "<!doctype html><title>not found</title>",
	"css/style.css":        "body{margin:0}",
	"logo.svg":             "<svg/>",
	"ar/index.html":        "<!doctype html><title>ar</title>",
	"ar/news/a/index.html": "<!doctype html><title>news a</title>",
	"ar/feed.xml":          "<feed/>",
	"ar/calendar.ics":      "BEGIN:VCALENDAR",
	"data/commune.json":    "{}",
	"sitemap.xml":          "<urlset/>",
	"robots.txt":           "User-agent: *",
	".htaccess":            "ErrorDocument 404 /404.html",
}

func folderDest(t *testing.T) (*Folder, string) {
	t.Helper()
	dir := t.TempDir()
	return NewFolder(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}), dir
}

func mustDeploy(t *testing.T, site Site, dest Destination, opts Options) Result {
	t.Helper()
	res, err := Deploy(context.Background(), site, dest, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func paths(files []File) []string {
	var p []string
	for _, f := range files {
		p = append(p, f.Path)
	}
	slices.Sort(p)
	return p
}

func TestDeployToAFolderUploadsOnlyWhatChanged(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	dest, dir := folderDest(t)
	site := Site{Dir: src}

	first := mustDeploy(t, site, dest, Options{})
	if len(first.Uploaded) != len(sample) || first.Unchanged != 0 || !first.Compared {
		t.Fatalf("first deploy: uploaded %d, unchanged %d, compared %v; want %d, 0, true", len(first.Uploaded), first.Unchanged, first.Compared, len(sample))
	}
	for rel, content := range sample {
		if got := readFile(t, filepath.Join(dir, rel)); got != content {
			t.Errorf("%s = %q, want %q", rel, got, content)
		}
	}
	m, err := ParseManifest([]byte(readFile(t, filepath.Join(dir, ManifestName))))
	if err != nil || len(m.Files) != len(sample) {
		t.Fatalf("manifest: %d files, %v", len(m.Files), err)
	}

	again := mustDeploy(t, site, dest, Options{})
	if len(again.Uploaded) != 0 || again.Unchanged != len(sample) || again.Compared {
		t.Fatalf("no-change deploy: uploaded %v, unchanged %d, compared %v", paths(again.Uploaded), again.Unchanged, again.Compared)
	}

	writeFile(t, filepath.Join(src, "ar/index.html"), "<!doctype html><title>ar, edited</title>")
	edit := mustDeploy(t, site, dest, Options{})
	if got := paths(edit.Uploaded); !slices.Equal(got, []string{"ar/index.html"}) {
		t.Fatalf("after one edit, uploaded %v", got)
	}
	if got := readFile(t, filepath.Join(dir, "ar/index.html")); !strings.Contains(got, "edited") {
		t.Errorf("the edited page was not published: %q", got)
	}
}

func TestRemovedPagesAreDeletedOnlyWithDeleteAndForeignFilesNever(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	dest, dir := folderDest(t)
	writeFile(t, filepath.Join(dir, "ar/news/mine.txt"), "a file of the host")
	writeFile(t, filepath.Join(dir, "stats/index.html"), "the host's statistics")
	site := Site{Dir: src}
	mustDeploy(t, site, dest, Options{})

	if err := os.RemoveAll(filepath.Join(src, "ar/news")); err != nil {
		t.Fatal(err)
	}
	kept := mustDeploy(t, site, dest, Options{})
	if !slices.Equal(kept.Kept, []string{"ar/news/a/index.html"}) || len(kept.Deleted) != 0 {
		t.Fatalf("without --delete: kept %v, deleted %v", kept.Kept, kept.Deleted)
	}
	if !exists(filepath.Join(dir, "ar/news/a/index.html")) {
		t.Fatal("the removed page was deleted without --delete")
	}
	// Still listed, so that a later --delete removes it.
	again := mustDeploy(t, site, dest, Options{Delete: true})
	if !slices.Equal(again.Deleted, []string{"ar/news/a/index.html"}) {
		t.Fatalf("with --delete: deleted %v", again.Deleted)
	}
	if exists(filepath.Join(dir, "ar/news/a")) {
		t.Error("the removed page's folder, left empty, is still there")
	}
	for _, foreign := range []string{"ar/news/mine.txt", "stats/index.html"} {
		if !exists(filepath.Join(dir, foreign)) {
			t.Errorf("%s, not published by tadafor, was deleted", foreign)
		}
	}
	m, _ := ParseManifest([]byte(readFile(t, filepath.Join(dir, ManifestName))))
	if slices.Contains(paths(m.Files), "ar/news/a/index.html") {
		t.Error("the manifest still lists the deleted page")
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	dest, dir := folderDest(t)
	site := Site{Dir: src}
	res := mustDeploy(t, site, dest, Options{DryRun: true})
	if len(res.Uploaded) != len(sample) {
		t.Fatalf("dry run plans %d uploads, want %d", len(res.Uploaded), len(sample))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a dry run wrote %d entries", len(entries))
	}
	mustDeploy(t, site, dest, Options{})
	os.Remove(filepath.Join(src, "robots.txt"))
	writeFile(t, filepath.Join(src, "css/style.css"), "body{margin:1px}")
	before := snapshot(t, dir)
	res = mustDeploy(t, site, dest, Options{DryRun: true, Delete: true})
	if !slices.Equal(paths(res.Uploaded), []string{"css/style.css"}) || !slices.Equal(res.Deleted, []string{"robots.txt"}) {
		t.Fatalf("dry run: upload %v, delete %v", paths(res.Uploaded), res.Deleted)
	}
	if after := snapshot(t, dir); after != before {
		t.Fatalf("a dry run changed the destination:\n%s\n---\n%s", before, after)
	}
}

// snapshot lists a folder's files with their content.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b.WriteString(p + "=" + readFile(t, p) + "\n")
		}
		return nil
	})
	return b.String()
}

func TestWithoutManifestIdenticalFilesAreNotSentAgain(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	dest, dir := folderDest(t)
	// The site was uploaded by hand, one page differs by content only.
	for rel, content := range sample {
		writeFile(t, filepath.Join(dir, rel), content)
	}
	writeFile(t, filepath.Join(dir, "ar/index.html"), strings.Replace(sample["ar/index.html"], "ar", "xx", 1))
	writeFile(t, filepath.Join(dir, "old.html"), "uploaded by hand long ago")
	res := mustDeploy(t, Site{Dir: src}, dest, Options{Delete: true})
	if !res.Compared || !slices.Equal(paths(res.Uploaded), []string{"ar/index.html"}) {
		t.Fatalf("compared %v, uploaded %v; want only ar/index.html", res.Compared, paths(res.Uploaded))
	}
	if !exists(filepath.Join(dir, "old.html")) {
		t.Error("a file not in any manifest was deleted")
	}
}

func TestUploadOrderAssetsPagesIndexesManifestThenDeletions(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	folder, _ := folderDest(t)
	rec := &recorder{}
	mustDeploy(t, Site{Dir: src}, folder, Options{})
	os.Remove(filepath.Join(src, "logo.svg"))
	for rel := range sample {
		if rel != "logo.svg" {
			writeFile(t, filepath.Join(src, rel), sample[rel]+" v2")
		}
	}
	mustDeploy(t, Site{Dir: src}, wrapped{folder, rec.wrap}, Options{Delete: true, Parallel: 3})

	rank := func(op string) int {
		verb, rel, _ := strings.Cut(op, " ")
		switch {
		case verb == "remove":
			return 5
		case rel == ManifestName:
			return 4
		}
		return int(StageOf(rel)) + 1
	}
	ops := rec.list()
	last := 0
	for _, op := range ops[:len(ops)-1] {
		if r := rank(op); r < last {
			t.Fatalf("%q came after a later step: %q", op, ops)
		} else {
			last = r
		}
	}
	if last != 5 || !slices.Contains(ops, "put "+ManifestName) {
		t.Fatalf("operations: %q", ops)
	}
	// The manifest is written once more after the deletions.
	if ops[len(ops)-1] != "put "+ManifestName {
		t.Errorf("the last operation is %q, want the manifest without the deleted files", ops[len(ops)-1])
	}
}

// wrapped is a real destination whose connections are wrapped, to watch
// or disturb what goes through them.
type wrapped struct {
	Destination
	wrap func(Conn) Conn
}

func (w wrapped) Connect(ctx context.Context) (Conn, error) {
	c, err := w.Destination.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return w.wrap(c), nil
}

// recorder notes the writes and deletions made through its connections.
type recorder struct {
	mu  sync.Mutex
	ops []string
}

func (r *recorder) wrap(c Conn) Conn { return &recordingConn{Conn: c, r: r} }

func (r *recorder) note(op string) {
	r.mu.Lock()
	r.ops = append(r.ops, op)
	r.mu.Unlock()
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.ops)
}

type recordingConn struct {
	Conn
	r *recorder
}

func (c *recordingConn) Put(ctx context.Context, rel string, body io.Reader, size int64) error {
	err := c.Conn.Put(ctx, rel, body, size)
	if err == nil {
		c.r.note("put " + rel)
	}
	return err
}

func (c *recordingConn) Remove(ctx context.Context, rel string) error {
	err := c.Conn.Remove(ctx, rel)
	if err == nil && rel != ManifestName {
		c.r.note("remove " + rel)
	}
	return err
}

// A manifest altered to name files outside the destination is refused:
// deploy deletes nothing it names, and says why.
func TestTamperedManifestDeletesNothingOutside(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	outside := filepath.Join(parent, "precious.txt")
	writeFile(t, outside, "not the site's")
	writeFile(t, filepath.Join(dir, ManifestName), `{"generator":"tadafor","version":1,"files":[
{"path":"../precious.txt","size":14,"sha256":"`+strings.Repeat("a", 64)+`"}]}`)
	dest := NewFolder(&url.URL{Scheme: "file", Path: filepath.ToSlash(dir)})
	res := mustDeploy(t, Site{Dir: src}, dest, Options{Delete: true})
	if !exists(outside) {
		t.Fatal("a tampered manifest made deploy delete a file outside the destination")
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "../precious.txt") || !res.Compared {
		t.Fatalf("warnings %q, compared %v", res.Warnings, res.Compared)
	}
}

// A symbolic link in the destination that leads outside it is not
// followed.
func TestSymlinkInDestinationIsNotFollowed(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	dest, dir := folderDest(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "ar")); err != nil {
		t.Fatal(err)
	}
	_, err := Deploy(context.Background(), Site{Dir: src}, dest, Options{})
	if err == nil {
		t.Fatal("deploy wrote through a symbolic link leading outside the destination")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("deploy wrote %d entries outside the destination", len(entries))
	}
}

func TestMissingFolderSaysWhatToDo(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	dest := NewFolder(&url.URL{Scheme: "file", Path: "/nonexistent/tadafor/site"})
	_, err := Deploy(context.Background(), Site{Dir: src}, dest, Options{})
	var e *Error
	if !errors.As(err, &e) || e.Kind != NoFolder {
		t.Fatalf("got %v, want a NoFolder error", err)
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "file:///nonexistent/tadafor/site: ") || !strings.Contains(msg, "create it") {
		t.Errorf("message %q", msg)
	}
}

// flaky fails the first Put of each file with a lost connection.
type flaky struct {
	mu     sync.Mutex
	failed map[string]int
	kind   Kind
}

func (f *flaky) wrap(c Conn) Conn { return &flakyConn{Conn: c, f: f} }

type flakyConn struct {
	Conn
	f *flaky
}

func (c *flakyConn) Put(ctx context.Context, rel string, r io.Reader, size int64) error {
	c.f.mu.Lock()
	n := c.f.failed[rel]
	c.f.failed[rel]++
	c.f.mu.Unlock()
	if n == 0 {
		io.CopyN(io.Discard, r, size/2)
		return &Error{Kind: c.f.kind, Err: io.ErrUnexpectedEOF}
	}
	return c.Conn.Put(ctx, rel, r, size)
}

func TestTransientFailuresAreTriedAgainPermanentOnesAreNot(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	folder, dir := folderDest(t)
	dest := &flaky{failed: map[string]int{}, kind: ConnectionLost}
	res := mustDeploy(t, Site{Dir: src}, wrapped{folder, dest.wrap}, Options{Retry: Retry{Wait: time.Microsecond}})
	if len(res.Uploaded) != len(sample) {
		t.Fatalf("uploaded %d", len(res.Uploaded))
	}
	for rel := range sample {
		if dest.failed[rel] != 2 {
			t.Errorf("%s was put %d times, want 2", rel, dest.failed[rel])
		}
		if readFile(t, filepath.Join(dir, rel)) != sample[rel] {
			t.Errorf("%s is not complete", rel)
		}
	}

	folder2, _ := folderDest(t)
	perm := &flaky{failed: map[string]int{}, kind: QuotaFull}
	_, err := Deploy(context.Background(), Site{Dir: src}, wrapped{folder2, perm.wrap}, Options{Retry: Retry{Wait: time.Microsecond}})
	var e *Error
	if !errors.As(err, &e) || e.Kind != QuotaFull || e.File == "" {
		t.Fatalf("got %v, want a QuotaFull error naming a file", err)
	}
	for rel, n := range perm.failed {
		if n > 1 {
			t.Errorf("%s was tried %d times after a full quota", rel, n)
		}
	}
}

func TestInterruptedDeployIsCompletedByTheNextRun(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	dest, dir := folderDest(t)
	site := Site{Dir: src}
	mustDeploy(t, site, dest, Options{})
	for rel := range sample {
		writeFile(t, filepath.Join(src, rel), sample[rel]+" v2")
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopper := &cancelAfter{n: 3, cancel: cancel}
	_, err := Deploy(ctx, site, wrapped{dest, stopper.wrap}, Options{Parallel: 1})
	var e *Error
	if !errors.As(err, &e) || e.Kind != Interrupted {
		t.Fatalf("got %v, want Interrupted", err)
	}
	if strings.Contains(readFile(t, filepath.Join(dir, "ar/index.html")), "v2") {
		t.Fatal("a page was replaced before the assets were all sent")
	}
	res := mustDeploy(t, site, dest, Options{})
	if len(res.Uploaded) != len(sample) {
		// The old manifest still lists the old hashes: every file is sent.
		t.Fatalf("the rerun uploaded %d files, want %d", len(res.Uploaded), len(sample))
	}
	for rel := range sample {
		if got := readFile(t, filepath.Join(dir, rel)); got != sample[rel]+" v2" {
			t.Errorf("%s = %q after the rerun", rel, got)
		}
	}
}

// cancelAfter cancels the deploy once n files were put.
type cancelAfter struct {
	mu     sync.Mutex
	n      int
	cancel func()
}

func (c *cancelAfter) wrap(conn Conn) Conn { return &cancelConn{Conn: conn, c: c} }

type cancelConn struct {
	Conn
	c *cancelAfter
}

func (cc *cancelConn) Put(ctx context.Context, rel string, r io.Reader, size int64) error {
	if err := cc.Conn.Put(ctx, rel, r, size); err != nil {
		return err
	}
	cc.c.mu.Lock()
	defer cc.c.mu.Unlock()
	if cc.c.n--; cc.c.n == 0 {
		cc.c.cancel()
	}
	return nil
}

// counting counts the connections opened to the destination it wraps.
type counting struct {
	Destination
	mu sync.Mutex
	n  int
}

func (c *counting) Connect(ctx context.Context) (Conn, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.Destination.Connect(ctx)
}

// A missing file (no manifest yet, files not there) is an answer, not a
// broken connection: the pool keeps its connections.
func TestMissingFilesKeepTheConnections(t *testing.T) {
	t.Parallel()
	src := writeSite(t, sample)
	folder, _ := folderDest(t)
	dest := &counting{Destination: folder}
	mustDeploy(t, Site{Dir: src}, dest, Options{Parallel: 2})
	if dest.n > 2 {
		t.Fatalf("%d connections were opened for 2 transfers at once", dest.n)
	}
}
