package check

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// server is a loopback web server that counts requests by path and the
// most requests it served at once.
type server struct {
	*httptest.Server
	mu             sync.Mutex
	hits           map[string]int
	inFlight, peak int
}

func newServer(t *testing.T, delay time.Duration) *server {
	s := &server{hits: map[string]int{}}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.Method+" "+r.URL.Path]++
		s.inFlight++
		s.peak = max(s.peak, s.inFlight)
		s.mu.Unlock()
		defer func() { s.mu.Lock(); s.inFlight--; s.mu.Unlock() }()
		time.Sleep(delay)
		switch {
		case r.URL.Path == "/missing":
			http.NotFound(w, r)
		case r.URL.Path == "/no-head" && r.Method == http.MethodHead:
			w.WriteHeader(http.StatusMethodNotAllowed)
		case r.URL.Path == "/gone":
			w.WriteHeader(http.StatusGone)
		case r.URL.Path == "/slow":
			time.Sleep(300 * time.Millisecond)
		case r.URL.Path == "/moved":
			http.Redirect(w, r, "/missing", http.StatusFound)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func TestExternalLinks(t *testing.T) {
	t.Parallel()
	s := newServer(t, 0)
	u := s.URL
	root := newProject(t, `-- content/guide.fr.md --
---
title: Guide
---

[a](`+u+`/ok) [b](`+u+`/missing) [c](`+u+`/no-head) [d](`+u+`/gone)

[e](`+u+`/missing) [f](`+u+`/moved) [g](`+u+`/slow)
-- content/procedures/p.fr.md --
---
title: Démarche
kind: procedure
procedure:
  purpose: Obtenir.
  who: [Tous]
  documents: [{items: [Carte]}]
  cost: Gratuit
  delay: Un jour
  where: Bureau
  online: {label: En ligne, url: "`+u+`/missing"}
  steps: [Déposer]
  legal: [Loi]
  sheet: "`+u+`/ok"
  reviewed: 2026-01-10
---
-- content/procedures/p.ar.md --
---
title: مسطرة
---
`)
	if got := lines(t, root, Options{}); len(got) != 0 {
		t.Fatalf("without External, findings:\n%s", strings.Join(got, "\n"))
	}
	got := lines(t, root, Options{External: true, Timeout: 150 * time.Millisecond, Parallel: 2, Client: s.Client()})
	line5 := "[a](" + u + "/ok) [b](" + u + "/missing) [c](" + u + "/no-head) [d](" + u + "/gone)"
	line7 := "[e](" + u + "/missing) [f](" + u + "/moved) [g](" + u + "/slow)"
	at := func(line, link string) int { return strings.Index(line, link) + 1 }
	const fix = "; open it in a browser, then correct the address or remove the link"
	want := []string{
		fmt.Sprintf(`content/guide.fr.md:5:%d: warning: external link "%s/missing" answers 404 Not Found%s`, at(line5, "[b]"), u, fix),
		fmt.Sprintf(`content/guide.fr.md:5:%d: warning: external link "%s/gone" answers 410 Gone%s`, at(line5, "[d]"), u, fix),
		fmt.Sprintf(`content/guide.fr.md:7:1: warning: external link "%s/missing" answers 404 Not Found%s`, u, fix),
		fmt.Sprintf(`content/guide.fr.md:7:%d: warning: external link "%s/moved" answers 404 Not Found%s`, at(line7, "[f]"), u, fix),
		fmt.Sprintf(`content/guide.fr.md:7:%d: warning: external link "%s/slow" did not answer within 150ms%s`, at(line7, "[g]"), u, fix),
		fmt.Sprintf(`content/procedures/p.fr.md:11:34: warning: external link "%s/missing" answers 404 Not Found%s`, u, fix),
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	wantHits := map[string]int{
		"HEAD /ok": 1, "HEAD /missing": 2, "GET /missing": 2, // for itself, and after /moved
		"HEAD /no-head": 1, "GET /no-head": 1, "HEAD /gone": 1, "GET /gone": 1,
		"HEAD /moved": 1, "GET /moved": 1, "HEAD /slow": 1, "GET /slow": 1,
	}
	if !maps.Equal(s.hits, wantHits) {
		t.Errorf("requests = %v, want %v", s.hits, wantHits)
	}
	if s.peak > 2 {
		t.Errorf("%d requests at once, want at most 2", s.peak)
	}
}

func TestExternalUnreachable(t *testing.T) {
	t.Parallel()
	s := httptest.NewTLSServer(http.NotFoundHandler())
	u := s.URL
	s.Close() // nothing listens there any more
	root := newProject(t, `-- content/guide.fr.md --
---
title: Guide
---

[a](`+u+`/x)
`)
	got := lines(t, root, Options{External: true, Timeout: time.Second})
	if len(got) != 1 || !strings.HasPrefix(got[0], `content/guide.fr.md:5:1: warning: external link "`+u+`/x" cannot be reached: `) {
		t.Errorf("findings = %q", got)
	}
}
