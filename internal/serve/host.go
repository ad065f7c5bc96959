package serve

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// hosts are the names a request may give the server in its Host header:
// the address it listens on, and this machine's own names (localhost and
// the loopback addresses), with its port. Any other name is refused, so
// that a web page of another site, whose name its owner made to point at
// this machine (DNS rebinding), cannot read the preview or its error
// panel: the browser sends that other site's name. An address written as
// an IP is never a rebound name, so when the server listens on every
// interface (--bind 0.0.0.0) any IP of this machine is accepted too.
type hosts struct {
	port string // of the listener
	bind string // the address listened on, lowercased
	any  bool   // the listener takes every interface
}

// newHosts returns the names of a server bound to bind and listening at
// addr.
func newHosts(bind string, addr net.Addr) hosts {
	_, port, _ := net.SplitHostPort(addr.String())
	h := hosts{port: port, bind: strings.ToLower(strings.Trim(bind, "[]"))}
	if ip, err := netip.ParseAddr(h.bind); err == nil && ip.IsUnspecified() {
		h.any = true
	}
	return h
}

// allowed reports whether a request whose Host header is host was sent to
// this server by a name of it.
func (h hosts) allowed(host string) bool {
	if h.port == "" {
		return false // not listening: nothing is this server
	}
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, "80" // no port: the default one
	}
	if port != h.port {
		return false
	}
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if name == "localhost" || name == h.bind {
		return true
	}
	ip, err := netip.ParseAddr(strings.Trim(name, "[]"))
	if err != nil || ip.Zone() != "" {
		return false
	}
	ip = ip.Unmap()
	return ip.IsLoopback() || h.any || ip.String() == h.bind
}

// forbid answers a request that named the server by another name.
func (h hosts) forbid(w http.ResponseWriter, host string) {
	w.Header().Set("Cache-Control", "no-store")
	http.Error(w, fmt.Sprintf("403 Forbidden: tadafor serve answers only at localhost:%s or 127.0.0.1:%s (and the address given to --bind), "+
		"not at %q, so that another web site cannot read this preview.", h.port, h.port, host), http.StatusForbidden)
}
