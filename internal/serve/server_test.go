package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for concurrent use, for console
// output.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServer serves a copy of the fixture on a free loopback port.
func startServer(t *testing.T, opts Options) (*Server, string, *syncBuffer) {
	t.Helper()
	root := newProject(t)
	log := &syncBuffer{}
	opts.Root, opts.Log = root, log
	s, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, root, log
}

// fetch gets a page from the server and returns its status and body.
func fetch(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// expectEvent waits for the next event and checks its name.
func expectEvent(t *testing.T, s *sse, name string) Message {
	t.Helper()
	got, data := s.next()
	if got != name {
		t.Fatalf("event %s %s, want %s", got, data, name)
	}
	var m Message
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestServerLiveReload edits files of a served project and checks what
// the browsers are told and what they are then served.
func TestServerLiveReload(t *testing.T) {
	t.Parallel()
	s, root, log := startServer(t, Options{})
	page := s.URL() + "alpha/fr/participation/petitions/"
	events := openSSE(t, s.URL()+strings.TrimPrefix(EventsPath, "/"))
	if name, data := events.next(); name != "hello" || !strings.Contains(data, `"gen":0`) {
		t.Fatalf("hello: %s %s", name, data)
	}
	if _, body := fetch(t, page); !strings.Contains(body, "Une pétition doit réunir au moins") {
		t.Fatalf("the page before any edit:\n%s", body)
	}

	steps := []struct {
		what     string
		do       func()
		event    string
		url      string
		contains []string
		lacks    []string
	}{
		{"a save", func() {
			writeFile(t, root, "content/participation/petitions.fr.md", "---\ntitle: Pétitions\nkind: guide\n---\n## Qui peut signer ?\n\nPremière modification.\n")
		}, "reload", page, []string{"Première modification."}, nil},
		{"a save by rename", func() {
			writeFile(t, root, "content/participation/petitions.fr.md.tmp", "---\ntitle: Pétitions\nkind: guide\n---\n## Qui peut signer ?\n\nDeuxième modification.\n")
			if err := os.Rename(filepath.Join(root, "content/participation/petitions.fr.md.tmp"), filepath.Join(root, "content/participation/petitions.fr.md")); err != nil {
				t.Fatal(err)
			}
		}, "reload", page, []string{"Deuxième modification."}, nil},
		{"a broken profile", func() {
			writeFile(t, root, "communes/alpha/commune.yaml", strings.Replace(readFile(t, root, "communes/alpha/commune.yaml"), "population: 99069", "population: beaucoup", 1))
		}, "reload", page, []string{
			"Deuxième modification.", `id="tadafor-overlay"`, "The build failed with 1 error",
			"communes/alpha/commune.yaml:6:13", `population: <mark>b</mark>eaucoup`,
		}, nil},
		{"the profile fixed", func() {
			writeFile(t, root, "communes/alpha/commune.yaml", strings.Replace(readFile(t, root, "communes/alpha/commune.yaml"), "population: beaucoup", "population: 99069", 1))
		}, "reload", page, []string{"Deuxième modification."}, []string{"tadafor-overlay"}},
		{"the stylesheet", func() {
			writeFile(t, root, "themes/default/static/css/style.css", readFile(t, root, "themes/default/static/css/style.css")+"\n.edited-by-test{color:red}\n")
		}, "css", s.URL() + "alpha/css/style.css", []string{".edited-by-test"}, nil},
	}
	for _, st := range steps {
		st.do()
		m := expectEvent(t, events, st.event)
		if st.event == "css" && strings.Join(m.Paths, " ") != "/alpha/css/style.css /beta/css/style.css /css/style.css" {
			t.Errorf("%s: stylesheets %q", st.what, m.Paths)
		}
		status, body := fetch(t, st.url)
		if status != http.StatusOK {
			t.Errorf("%s: status %d", st.what, status)
		}
		for _, want := range st.contains {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q in\n%s", st.what, want, body)
			}
		}
		for _, unwanted := range st.lacks {
			if strings.Contains(body, unwanted) {
				t.Errorf("%s: %q in\n%s", st.what, unwanted, body)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("the server wrote public/")
	}
	if err := s.Close(); err != nil {
		t.Error(err)
	}
	if name, _ := events.next(); name != "EOF" {
		t.Errorf("the stream is still open after Close: %s", name)
	}
	for _, want := range []string{
		"building the sites in memory", "built ", "serving http://127.0.0.1:",
		// The page in each site, and each site's French search index.
		"content/participation/petitions.fr.md: 2 pages re-rendered (4 files) in 2 sites, 4 changed, in ",
		"communes/alpha/commune.yaml: the build failed with 1 error",
		"  communes/alpha/commune.yaml:6:13: ",
		"communes/alpha/commune.yaml: fixed; nothing to re-render",
		"themes/default/static/css/style.css: 0 pages re-rendered (3 files) in 2 sites and the portal, 3 changed",
		"stopped",
	} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("no %q in the console output:\n%s", want, log)
		}
	}
}

func readFile(t testing.TB, root, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestServerNavigate(t *testing.T) {
	t.Parallel()
	s, root, _ := startServer(t, Options{Navigate: true, Commune: "alpha"})
	events := openSSE(t, s.URL()+strings.TrimPrefix(EventsPath, "/"))
	expectEvent(t, events, "hello")
	writeFile(t, root, "content/participation/petitions.ar.md", "---\ntitle: العرائض\nkind: guide\n---\n## من يمكنه التوقيع؟\n\nتعديل.\n")
	m := expectEvent(t, events, "reload")
	if got := strings.Join(m.Pages, " "); got != "/ar/participation/petitions/ /fr/participation/petitions/" {
		t.Errorf("pages to go to: %q", got)
	}
	// A page that connects later (it was loading) is told where to go too.
	late := openSSE(t, s.URL()+strings.TrimPrefix(EventsPath, "/"))
	if name, data := late.next(); name != "hello" || !strings.Contains(data, `"pages":["/ar/participation/petitions/","/fr/participation/petitions/"]`) {
		t.Errorf("hello after the edit: %s %s", name, data)
	}
	if status, body := fetch(t, s.URL()+"ar/participation/petitions/"); status != 200 || !strings.Contains(body, "تعديل.") {
		t.Errorf("the page after the edit: %d\n%s", status, body)
	}
	// The other commune is not served.
	if status, _ := fetch(t, s.URL()+"beta/ar/"); status != http.StatusNotFound {
		t.Errorf("another commune's page: %d", status)
	}
}

// TestServerNeverReadsOutsideTheSnapshot sends raw requests that try to
// leave the served folder, towards a file beside the project.
func TestServerNeverReadsOutsideTheSnapshot(t *testing.T) {
	t.Parallel()
	s, root, _ := startServer(t, Options{})
	secret := "TOP-SECRET-" + filepath.Base(root)
	writeFile(t, root, "secret.txt", secret)
	writeFile(t, filepath.Dir(root), "secret.txt", secret)
	host := strings.TrimSuffix(strings.TrimPrefix(s.URL(), "http://"), "/")
	for _, target := range []string{
		"/../secret.txt", "/../../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e/%2e%2e/secret.txt",
		"/alpha/..%2f..%2fsecret.txt", "/alpha/%2e%2e%2f%2e%2e%2fsecret.txt", "/..%5csecret.txt",
		"/secret.txt", "/content/index.fr.md", "/communes/alpha/commune.yaml", "/./secret.txt",
		"/alpha/fr/..%252f..%252fsecret.txt",
	} {
		conn, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, host)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if strings.Contains(string(body), secret) {
			t.Errorf("%s: served a file outside the snapshot", target)
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status 200", target)
		}
	}
}
