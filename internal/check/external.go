package check

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
)

// userAgent names the checker to the sites it requests.
const userAgent = "tadafor-check (link checker of a commune website)"

// external requests every web address used by the pages and profiles,
// each once, at most opts.Parallel at a time, and warns at every use of
// an address that fails.
func (c *checker) external(ctx context.Context, opts Options) {
	timeout := cmp.Or(opts.Timeout, DefaultTimeout)
	parallel := max(cmp.Or(opts.Parallel, DefaultParallel), 1)
	client := opts.Client
	if client == nil {
		client = &http.Client{}
	}
	addrs := sortedKeys(c.urls)
	problems := make([]string, len(addrs))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
loop:
	for i, addr := range addrs {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			break loop
		}
		wg.Go(func() {
			defer func() { <-sem }()
			problems[i] = probe(ctx, client, addr, timeout)
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		return
	}
	for i, addr := range addrs {
		if problems[i] == "" {
			continue
		}
		for _, pos := range c.urls[addr] {
			c.add(diag.SevWarning, pos, "open it in a browser, then correct the address or remove the link",
				"external link %q %s", addr, problems[i])
		}
	}
}

// probe requests addr with HEAD, then with GET when HEAD fails (some
// servers refuse HEAD), and returns what is wrong with it, or "".
func probe(ctx context.Context, client *http.Client, addr string, timeout time.Duration) string {
	if status, err := request(ctx, client, http.MethodHead, addr, timeout); err == nil && status < 400 {
		return ""
	}
	status, err := request(ctx, client, http.MethodGet, addr, timeout)
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("did not answer within %s", timeout)
	case err != nil:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Sprintf("cannot be reached: %v", err)
	case status >= 400:
		return fmt.Sprintf("answers %d %s", status, http.StatusText(status))
	}
	return ""
}

// request makes one request and returns the status code of the answer.
func request(ctx context.Context, client *http.Client, method, addr string, timeout time.Duration) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, addr, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	// Read a little of the body so that the connection can be reused.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp.StatusCode, nil
}
