package check

import (
	"crypto/x509"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/netip"
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

func newServer(t *testing.T, handler http.HandlerFunc) *server {
	s := &server{hits: map[string]int{}}
	s.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.Method+" "+r.URL.Path]++
		s.inFlight++
		s.peak = max(s.peak, s.inFlight)
		s.mu.Unlock()
		defer func() { s.mu.Lock(); s.inFlight--; s.mu.Unlock() }()
		handler(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// requests returns the requests the server received, by method and path.
func (s *server) requests() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return maps.Clone(s.hits)
}

// addr is the address the server listens on.
func (s *server) addr() netip.AddrPort {
	return netip.MustParseAddrPort(s.Listener.Addr().String())
}

// only lets the external check request the given servers, loopback
// addresses though they are.
func only(servers ...*server) *allowance {
	a := &allowance{roots: x509.NewCertPool()}
	for _, s := range servers {
		a.addrs = append(a.addrs, s.addr())
		a.roots.AddCert(s.Certificate())
	}
	return a
}

// statuses answers as a web site would: 404, 405 to HEAD, 410, a redirect.
func statuses(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.URL.Path == "/missing":
		http.NotFound(w, r)
	case r.URL.Path == "/no-head" && r.Method == http.MethodHead:
		w.WriteHeader(http.StatusMethodNotAllowed)
	case r.URL.Path == "/gone":
		w.WriteHeader(http.StatusGone)
	case r.URL.Path == "/moved":
		http.Redirect(w, r, "/missing", http.StatusFound)
	}
}

const fix = "; open it in a browser, then correct the address or remove the link"

// patience is the timeout of the requests to the test servers: an upper
// bound for a machine in trouble, never what decides a test.
const patience = time.Minute

func TestExternalLinks(t *testing.T) {
	t.Parallel()
	s := newServer(t, statuses)
	u := s.URL
	root := newProject(t, `-- content/guide.fr.md --
---
title: Guide
---

[a](`+u+`/ok) [b](`+u+`/missing) [c](`+u+`/no-head) [d](`+u+`/gone)

[e](`+u+`/missing) [f](`+u+`/moved)
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
	got := lines(t, root, Options{External: true, Timeout: patience, Parallel: 2, allow: only(s)})
	line5 := "[a](" + u + "/ok) [b](" + u + "/missing) [c](" + u + "/no-head) [d](" + u + "/gone)"
	line7 := "[e](" + u + "/missing) [f](" + u + "/moved)"
	at := func(line, link string) int { return strings.Index(line, link) + 1 }
	want := []string{
		fmt.Sprintf(`content/guide.fr.md:5:%d: warning: external link "%s/missing" answers 404 Not Found%s`, at(line5, "[b]"), u, fix),
		fmt.Sprintf(`content/guide.fr.md:5:%d: warning: external link "%s/gone" answers 410 Gone%s`, at(line5, "[d]"), u, fix),
		fmt.Sprintf(`content/guide.fr.md:7:1: warning: external link "%s/missing" answers 404 Not Found%s`, u, fix),
		fmt.Sprintf(`content/guide.fr.md:7:%d: warning: external link "%s/moved" answers 404 Not Found%s`, at(line7, "[f]"), u, fix),
		fmt.Sprintf(`content/procedures/p.fr.md:11:34: warning: external link "%s/missing" answers 404 Not Found%s`, u, fix),
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantHits := map[string]int{
		"HEAD /ok": 1, "HEAD /missing": 2, "GET /missing": 2, // for itself, and after /moved
		"HEAD /no-head": 1, "GET /no-head": 1, "HEAD /gone": 1, "GET /gone": 1,
		"HEAD /moved": 1, "GET /moved": 1,
	}
	if hits := s.requests(); !maps.Equal(hits, wantHits) {
		t.Errorf("requests = %v, want %v", hits, wantHits)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.peak > 2 {
		t.Errorf("%d requests at once, want at most 2", s.peak)
	}
}

// TestExternalTimeout links to a server that never answers: whatever the
// speed of the machine, the only outcome is the timeout.
func TestExternalTimeout(t *testing.T) {
	t.Parallel()
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
	root := newProject(t, `-- content/guide.fr.md --
---
title: Guide
---

[a](`+s.URL+`/never)
`)
	got := lines(t, root, Options{External: true, Timeout: 50 * time.Millisecond, allow: only(s)})
	want := fmt.Sprintf(`content/guide.fr.md:5:1: warning: external link "%s/never" did not answer within 50ms%s`, s.URL, fix)
	if len(got) != 1 || got[0] != want {
		t.Errorf("findings = %q, want %q", got, want)
	}
}

func TestExternalUnreachable(t *testing.T) {
	t.Parallel()
	s := newServer(t, http.NotFound)
	u, allow := s.URL, only(s)
	s.Close() // nothing listens there any more
	root := newProject(t, `-- content/guide.fr.md --
---
title: Guide
---

[a](`+u+`/x)
`)
	got := lines(t, root, Options{External: true, Timeout: patience, allow: allow})
	if len(got) != 1 || !strings.HasPrefix(got[0], `content/guide.fr.md:5:1: warning: external link "`+u+`/x" cannot be reached: `) {
		t.Errorf("findings = %q", got)
	}
}

// TestExternalNeverRequestsLocalAddresses checks that, by default, a
// link to this machine or a local network, directly or by a redirect, is
// a warning and is never requested: the server behind it receives
// nothing.
func TestExternalNeverRequestsLocalAddresses(t *testing.T) {
	t.Parallel()
	local := newServer(t, statuses)
	port := local.addr().Port()
	redirector := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		to := map[string]string{
			"/to-local":    local.URL + "/secret",
			"/to-metadata": "http://169.254.169.254/latest/meta-data/",
			"/to-private":  "http://10.20.30.40/admin",
		}[r.URL.Path]
		http.Redirect(w, r, to, http.StatusFound)
	})
	r := redirector.URL
	last := "[f](" + r + "/to-local) [g](" + r + "/to-metadata) [h](" + r + "/to-private)"
	at := func(link string) int { return strings.Index(last, link) + 1 }
	root := newProject(t, fmt.Sprintf(`-- content/guide.fr.md --
---
title: Guide
---

[a](%[1]s/secret)

[b](https://[::ffff:127.0.0.1]:%[2]d/secret)

[c](http://169.254.169.254/latest/meta-data/)

[d](http://10.20.30.40/admin)

[e](https://127.0.0.2:%[2]d/secret)

%[4]s
`, local.URL, port, r, last))
	got := lines(t, root, Options{External: true, Timeout: patience, allow: only(redirector)})
	const hint = "; a published page cannot lead to this machine or a local network: write the site's public address, or remove the link"
	want := []string{
		fmt.Sprintf(`content/guide.fr.md:5:1: warning: external link "%s/secret" is an address of this machine (127.0.0.1); it was not requested%s`, local.URL, hint),
		fmt.Sprintf(`content/guide.fr.md:7:1: warning: external link "https://[::ffff:127.0.0.1]:%d/secret" is an address of this machine (127.0.0.1); it was not requested%s`, port, hint),
		`content/guide.fr.md:9:1: warning: external link "http://169.254.169.254/latest/meta-data/" is an address of a local network (169.254.169.254); it was not requested` + hint,
		`content/guide.fr.md:11:1: warning: external link "http://10.20.30.40/admin" is an address of a local network (10.20.30.40); it was not requested` + hint,
		fmt.Sprintf(`content/guide.fr.md:13:1: warning: external link "https://127.0.0.2:%d/secret" is an address of this machine (127.0.0.2); it was not requested%s`, port, hint),
		fmt.Sprintf(`content/guide.fr.md:15:1: warning: external link "%s/to-local" redirects to %s/secret, which is an address of this machine (127.0.0.1); it was not requested%s`, r, local.URL, hint),
		fmt.Sprintf(`content/guide.fr.md:15:%d: warning: external link "%s/to-metadata" redirects to http://169.254.169.254/latest/meta-data/, which is an address of a local network (169.254.169.254); it was not requested%s`, at("[g]"), r, hint),
		fmt.Sprintf(`content/guide.fr.md:15:%d: warning: external link "%s/to-private" redirects to http://10.20.30.40/admin, which is an address of a local network (10.20.30.40); it was not requested%s`, at("[h]"), r, hint),
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if hits := local.requests(); len(hits) > 0 {
		t.Errorf("the local server received %v", hits)
	}
	wantHits := map[string]int{"HEAD /to-local": 1, "HEAD /to-metadata": 1, "HEAD /to-private": 1}
	if hits := redirector.requests(); !maps.Equal(hits, wantHits) {
		t.Errorf("the redirecting server received %v, want %v", hits, wantHits)
	}
}

func TestPublic(t *testing.T) {
	t.Parallel()
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "41.214.0.1": true, "2001:4860:4860::8888": true, "64:ff9b::808:808": true,
		"127.0.0.1": false, "127.8.9.10": false, "10.0.0.1": false, "172.16.0.1": false, "172.31.255.255": false,
		"192.168.1.1": false, "169.254.169.254": false, "100.64.0.1": false, "100.100.100.200": false,
		"0.0.0.0": false, "0.1.2.3": false, "224.0.0.1": false, "239.255.255.250": false, "255.255.255.255": false,
		"240.0.0.1": false, "198.18.0.1": false, "192.0.0.170": false, "192.0.2.1": false,
		"::": false, "::1": false, "fe80::1": false, "fc00::1": false, "fd12:3456::1": false, "ff02::1": false,
		"fec0::1": false, "::ffff:127.0.0.1": false, "::ffff:10.0.0.1": false, "64:ff9b::a00:1": false,
		"2002:a00:1::": false, "2002:808:808::": true, "2001:db8::1": false,
	} {
		if got := public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("public(%s) = %v, want %v", addr, got, want)
		}
	}
}
