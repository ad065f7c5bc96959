package serve

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/benchcorpus"
	"github.com/tadafor/tadafor/internal/fixture"
)

// BenchmarkServe measures the live server on the generated 60-commune
// corpus (50 shared pages per language), over the loopback:
//
//   - markdown-edit: one shared Markdown page's body is written, and the
//     time is taken from the write until a browser's event stream
//     receives the reload (the watcher's quiet period included);
//   - profile-edit: the same for one commune's profile;
//   - load: clients request pages, stylesheets and unknown addresses
//     without pause while a page and a profile are edited again and
//     again; every response is checked (status, length, a complete page
//     whose two version marks agree).
//
// Each edit is one iteration; p50 and p95 are over the iterations of the
// run reported. For the figures of the README:
//
//	go test -run '^$' -bench BenchmarkServe -benchtime 100x ./internal/serve
func BenchmarkServe(b *testing.B) {
	root := filepath.Join(b.TempDir(), "project")
	if err := benchcorpus.Generate(root, benchcorpus.Options{Seed: 1, Themes: fixture.Themes(b)}); err != nil {
		b.Fatal(err)
	}
	builds := make(chan BuildInfo, 1000)
	s, err := New(context.Background(), Options{Root: root, Log: io.Discard, OnBuild: func(i BuildInfo) {
		select {
		case builds <- i:
		default:
		}
	}})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	first := <-builds
	if first.Errors != nil {
		b.Fatal(first.Errors)
	}
	load, _ := os.ReadFile("/proc/loadavg")
	b.Logf("corpus: %d files served, first build %v; %d CPUs, GOMAXPROCS %d; load average %s", len(s.snap.Load().files),
		first.Total.Round(time.Millisecond), runtime.NumCPU(), runtime.GOMAXPROCS(0), strings.TrimSpace(string(load)))
	communes, err := os.ReadDir(filepath.Join(root, "communes"))
	if err != nil {
		b.Fatal(err)
	}
	slug := communes[0].Name()

	page := "content/council/decisions.fr.md"
	pageURL := s.URL() + slug + "/fr/council/decisions/"
	original := readFile(b, root, page)
	version := 0
	editPage := func() {
		version++
		body := fmt.Sprintf("Version %d début.\n\n%s\nVersion %d fin.\n", version, strings.SplitN(original, "---\n", 3)[2], version)
		writeFile(b, root, page, "---\n"+strings.SplitN(original, "---\n", 3)[1]+"---\n"+body)
	}
	profile := "communes/" + slug + "/commune.yaml"
	profileText := readFile(b, root, profile)
	minute := 0
	editProfile := func() {
		minute = (minute + 1) % 60
		writeFile(b, root, profile, strings.Replace(profileText, "8 h 30 – 16 h 30", fmt.Sprintf("8 h 30 – 16 h %02d", minute), 1))
	}

	events := openSSE(b, s.URL()+strings.TrimPrefix(EventsPath, "/"))
	if name, _ := events.next(); name != "hello" {
		b.Fatalf("first event %s", name)
	}

	latency := func(b *testing.B, edit func()) {
		var took []time.Duration
		var infos []BuildInfo
		for b.Loop() {
			drain(builds)
			start := time.Now()
			edit()
			for {
				name, data := events.next()
				if name == "reload" {
					break
				}
				if name == "EOF" {
					b.Fatal(data)
				}
			}
			took = append(took, time.Since(start))
			select {
			case i := <-builds:
				if i.Errors != nil {
					b.Fatal(i.Errors)
				}
				infos = append(infos, i)
			case <-time.After(10 * time.Second):
				b.Fatal("no build reported")
			}
		}
		reportLatency(b, took, infos)
	}
	b.Run("markdown-edit", func(b *testing.B) { latency(b, editPage) })
	b.Run("profile-edit", func(b *testing.B) { latency(b, editProfile) })

	b.Run("load", func(b *testing.B) {
		urls := []string{
			pageURL,
			s.URL() + slug + "/ar/",
			s.URL() + slug + "/fr/",
			s.URL() + slug + "/css/style.css",
			s.URL() + communes[1].Name() + "/fr/council/decisions/",
			s.URL(),
			s.URL() + slug + "/no/such/page/",
		}
		var requests, failed, torn atomic.Int64
		var firstProblem sync.Once
		problem := func(format string, args ...any) {
			firstProblem.Do(func() { b.Logf("first problem: "+format, args...) })
		}
		stop := make(chan struct{})
		var clients sync.WaitGroup
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		for i := range 8 {
			clients.Go(func() {
				for j := i; ; j++ {
					select {
					case <-stop:
						return
					default:
					}
					u := urls[j%len(urls)]
					requests.Add(1)
					resp, err := client.Get(u)
					if err != nil {
						failed.Add(1)
						problem("%s: %v", u, err)
						continue
					}
					body, err := io.ReadAll(resp.Body)
					resp.Body.Close()
					want := http.StatusOK
					if strings.Contains(u, "/no/such/") {
						want = http.StatusNotFound
					}
					switch {
					case err != nil:
						failed.Add(1)
						problem("%s: %v", u, err)
					case resp.StatusCode != want:
						failed.Add(1)
						problem("%s: status %d", u, resp.StatusCode)
					case resp.ContentLength != int64(len(body)):
						torn.Add(1)
						problem("%s: %d bytes for a length of %d", u, len(body), resp.ContentLength)
					case strings.HasSuffix(u, ".css"):
					case !strings.HasSuffix(string(body), "</html>") || strings.Count(string(body), "data-tadafor-live") != 1:
						torn.Add(1)
						problem("%s: an incomplete page", u)
					case u == pageURL && !sameVersion(string(body)):
						torn.Add(1)
						problem("%s: the marks of two versions", u)
					}
				}
			})
		}
		// The edits, one after the other, each waited for, for b.N rounds.
		start := time.Now()
		for b.Loop() {
			for _, edit := range []func(){editPage, editProfile} {
				edit()
				for {
					if name, data := events.next(); name == "reload" {
						break
					} else if name == "EOF" {
						b.Fatal(data)
					}
				}
			}
		}
		elapsed := time.Since(start)
		close(stop)
		clients.Wait()
		b.ReportMetric(float64(requests.Load()), "requests")
		b.ReportMetric(float64(requests.Load())/elapsed.Seconds(), "requests/s")
		b.ReportMetric(float64(failed.Load()), "failed")
		b.ReportMetric(float64(torn.Load()), "torn")
		b.ReportMetric(float64(2*b.N), "rebuilds")
	})
}

// sameVersion reports whether the two version marks of the edited page
// name the same version.
func sameVersion(body string) bool {
	var a, z int
	i := strings.Index(body, "Version ")
	j := strings.LastIndex(body, "Version ")
	if i < 0 || i == j {
		return !strings.Contains(body, "Version ") // the page before any edit
	}
	fmt.Sscanf(body[i:], "Version %d début.", &a)
	fmt.Sscanf(body[j:], "Version %d fin.", &z)
	return a == z && a > 0
}

func reportLatency(b *testing.B, took []time.Duration, infos []BuildInfo) {
	if len(took) == 0 {
		return
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(percentile(took, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(took, 95)), "p95-ms")
	b.ReportMetric(ms(slices.Max(took)), "max-ms")
	var load, render, total, rendered []time.Duration
	for _, i := range infos {
		load = append(load, i.Load)
		render = append(render, i.Render)
		total = append(total, i.Total)
		rendered = append(rendered, time.Duration(i.Rendered))
	}
	if len(infos) > 0 {
		b.ReportMetric(ms(percentile(total, 50)), "build-p50-ms")
		b.ReportMetric(ms(percentile(load, 50)), "load-p50-ms")
		b.ReportMetric(ms(percentile(render, 50)), "render-p50-ms")
		b.ReportMetric(float64(percentile(rendered, 50)), "files/edit")
	}
	b.ReportMetric(0, "ns/op")
}

func percentile(list []time.Duration, p int) time.Duration {
	s := slices.Clone(list)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(min(i, len(s))-1, 0)]
}

func drain(c chan BuildInfo) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}
