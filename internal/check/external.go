package check

import (
	"cmp"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/tadafor/tadafor/internal/diag"
)

// userAgent names the checker to the sites it requests.
const userAgent = "tadafor-check (link checker of a commune website)"

// external requests every web address used by the pages and profiles,
// each once, at most opts.Parallel at a time, and warns at every use of
// an address that fails. It never connects to an address that is not
// public (see public), even after a redirect: such a link is a warning
// of its own.
func (c *checker) external(ctx context.Context, opts Options) {
	timeout := cmp.Or(opts.Timeout, DefaultTimeout)
	parallel := max(cmp.Or(opts.Parallel, DefaultParallel), 1)
	client := newClient(opts.allow)
	defer client.CloseIdleConnections()
	addrs := sortedKeys(c.urls)
	problems := make([]problem, len(addrs))
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
		if problems[i].what == "" {
			continue
		}
		hint := "open it in a browser, then correct the address or remove the link"
		if problems[i].local {
			hint = "a published page cannot lead to this machine or a local network: write the site's public address, or remove the link"
		}
		for _, pos := range c.urls[addr] {
			c.add(diag.SevWarning, pos, hint, "external link %q %s", addr, problems[i].what)
		}
	}
}

// problem is what is wrong with a web address: what, "" when nothing is;
// local when it leads to an address that is not public.
type problem struct {
	what  string
	local bool
}

// newClient returns the client of the external check: it follows
// redirects and connects only to public addresses (and, in tests, to
// those of allow). It dials by itself, without the proxy of the
// environment, so that the address it checks is the one it connects to.
func newClient(allow *allowance) *http.Client {
	var tlsConfig *tls.Config
	reachable := func(netip.AddrPort) bool { return false }
	if allow != nil {
		tlsConfig = &tls.Config{RootCAs: allow.roots}
		reachable = func(ap netip.AddrPort) bool { return slices.Contains(allow.addrs, ap) }
	}
	dialer := &net.Dialer{
		Timeout: DefaultTimeout,
		// Control sees the address resolved for this very connection:
		// a name that resolves to a private address, at once or after
		// a redirect, or differently at the second look (DNS
		// rebinding), is refused before anything is sent.
		Control: func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return err
			}
			ap = netip.AddrPortFrom(ap.Addr().Unmap(), ap.Port())
			if public(ap.Addr()) || reachable(ap) {
				return nil
			}
			return &notPublicError{ap.Addr()}
		},
	}
	return &http.Client{Transport: &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		TLSClientConfig:       tlsConfig,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       30 * time.Second,
		TLSHandshakeTimeout:   DefaultTimeout,
		ExpectContinueTimeout: time.Second,
	}}
}

// notPublicError is the refusal to connect to an address that is not
// public.
type notPublicError struct{ addr netip.Addr }

func (e *notPublicError) Error() string { return fmt.Sprintf("%s is not a public address", e.addr) }

// where names the kind of address refused, for messages.
func (e *notPublicError) where() string {
	a := e.addr
	switch {
	case a.IsLoopback() || a.IsUnspecified():
		return fmt.Sprintf("an address of this machine (%s)", a)
	case a.IsMulticast() || a.IsInterfaceLocalMulticast() || a.IsLinkLocalMulticast():
		return fmt.Sprintf("a multicast address (%s)", a)
	}
	return fmt.Sprintf("an address of a local network (%s)", a)
}

// nonPublic are the address blocks public does not allow, besides the
// private, loopback, link-local, multicast and unspecified ones: blocks
// of the IANA special-purpose registries that a request may reach
// locally.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // this network
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (carrier-grade NAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use IPv4/IPv6 translation
	netip.MustParsePrefix("fec0::/10"),       // site-local (deprecated)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:10::/28"),    // ORCHID
	netip.MustParsePrefix("2001:20::/28"),    // ORCHIDv2
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
}

// public reports whether the external check may connect to addr: a
// global unicast address outside the private and special-purpose
// blocks. An IPv6 address that carries an IPv4 one (NAT64 64:ff9b::/96,
// 6to4 2002::/16) is judged by that IPv4 address.
func public(addr netip.Addr) bool {
	addr = addr.Unmap()
	if !addr.IsGlobalUnicast() || addr.IsPrivate() || addr.IsLoopback() || addr.IsLinkLocalUnicast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(addr) {
			return false
		}
	}
	if addr.Is6() {
		b := addr.As16()
		switch {
		case nat64.Contains(addr):
			return public(netip.AddrFrom4([4]byte(b[12:16])))
		case sixToFour.Contains(addr):
			return public(netip.AddrFrom4([4]byte(b[2:6])))
		}
	}
	return true
}

// The IPv6 blocks that carry an IPv4 address.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// probe requests addr with HEAD, then with GET when HEAD fails (some
// servers refuse HEAD), and returns what is wrong with it.
func probe(ctx context.Context, client *http.Client, addr string, timeout time.Duration) problem {
	status, err := request(ctx, client, http.MethodHead, addr, timeout)
	if err == nil && status < 400 {
		return problem{}
	}
	var np *notPublicError
	if !errors.As(err, &np) {
		status, err = request(ctx, client, http.MethodGet, addr, timeout)
	}
	var ue *url.Error
	switch {
	case errors.As(err, &np) && errors.As(err, &ue) && ue.URL != addr:
		return problem{fmt.Sprintf("redirects to %s, which is %s; it was not requested", ue.URL, np.where()), true}
	case errors.As(err, &np):
		return problem{fmt.Sprintf("is %s; it was not requested", np.where()), true}
	case errors.Is(err, context.DeadlineExceeded) || timedOut(err):
		return problem{what: fmt.Sprintf("did not answer within %s", timeout)}
	case err != nil:
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return problem{what: fmt.Sprintf("cannot be reached: %v", err)}
	case status >= 400:
		return problem{what: fmt.Sprintf("answers %d %s", status, http.StatusText(status))}
	}
	return problem{}
}

// timedOut reports whether err is a timeout of the network (the deadline
// of a request may strike while it connects).
func timedOut(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
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
