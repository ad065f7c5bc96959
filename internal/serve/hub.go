package serve

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Message is what the hub tells the browsers.
type Message struct {
	// Kind is "reload" (load the page again, or go to one of Pages) or
	// "css" (swap the stylesheets listed in Paths without reloading).
	Kind string `json:"kind"`
	// Gen is the generation of the snapshot the message announces: a page
	// already showing it ignores the message.
	Gen uint64 `json:"gen"`
	// Pages are the addresses of the page that changed, in each site and
	// language, for --navigate; the browser picks the closest one.
	Pages []string `json:"pages,omitempty"`
	// Paths are the addresses of the stylesheets that changed.
	Paths []string `json:"paths,omitempty"`
}

// Hello is the first message of every stream: the server instance and
// the generation of its snapshot, which a page compares with its own to
// know whether it missed a change (or the server restarted) while it was
// not connected, and the pages of the latest change for --navigate.
type Hello struct {
	Instance string   `json:"instance"`
	Gen      uint64   `json:"gen"`
	Pages    []string `json:"pages,omitempty"`
}

// heartbeat is how often an idle stream gets a comment, so that a
// connection that died is noticed.
const heartbeat = 15 * time.Second

// MaxClients is how many browsers may follow the live reload at once
// (each open tab is one); the next one is answered 503 until one leaves,
// so that a page cannot hold every connection and goroutine of the
// server.
const MaxClients = 64

// Hub sends live-reload messages to the connected browsers as
// Server-Sent Events. A browser that is slow to read gets the messages
// merged: a reload wins over a stylesheet swap. Its methods are safe for
// concurrent use.
type Hub struct {
	hello func() Hello

	mu      sync.Mutex
	clients map[*client]struct{}
	closed  bool
	quit    chan struct{}
	wg      sync.WaitGroup
}

// client is one connected browser's mailbox.
type client struct {
	mu      sync.Mutex
	pending *Message
	wake    chan struct{} // holds one token when pending is set
}

// NewHub returns a hub whose streams start with the message hello
// returns at the time a browser connects.
func NewHub(hello func() Hello) *Hub {
	return &Hub{hello: hello, clients: map[*client]struct{}{}, quit: make(chan struct{})}
}

// Publish sends m to every connected browser. It does not wait for them.
func (h *Hub) Publish(m Message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		c.post(m)
	}
}

// Clients returns the number of connected browsers.
func (h *Hub) Clients() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

func (c *client) post(m Message) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pending = merge(c.pending, m)
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *client) take() *Message {
	c.mu.Lock()
	defer c.mu.Unlock()
	m := c.pending
	c.pending = nil
	return m
}

// merge combines a message not yet sent with a newer one.
func merge(old *Message, m Message) *Message {
	switch {
	case old == nil:
	case m.Kind == "css" && old.Kind == "css":
		paths := slices.Concat(old.Paths, m.Paths)
		slices.Sort(paths)
		m.Paths = slices.Compact(paths)
	case m.Kind == "css":
		// A reload is pending: it shows the new stylesheet too.
		m = Message{Kind: "reload", Gen: m.Gen, Pages: old.Pages}
	}
	return &m
}

// ServeHTTP streams the messages to one browser until it goes away or
// the hub is closed. It answers only GET (405 otherwise); a closed hub,
// or one already streaming to MaxClients browsers, answers 503.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rc := http.NewResponseController(w)
	c := &client{wake: make(chan struct{}, 1)}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	if len(h.clients) >= MaxClients {
		h.mu.Unlock()
		w.Header().Set("Retry-After", "5")
		http.Error(w, fmt.Sprintf("too many pages follow the live reload (%d); close some tabs", MaxClients), http.StatusServiceUnavailable)
		return
	}
	h.clients[c] = struct{}{}
	h.wg.Add(1)
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
		h.wg.Done()
	}()

	w.Header().Set("Content-Type", "text/event-stream; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if send(w, rc, "retry: 500\n\n") != nil || event(w, rc, "hello", h.hello()) != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.quit:
			return
		case <-tick.C:
			if send(w, rc, ": ping\n\n") != nil {
				return
			}
		case <-c.wake:
			if m := c.take(); m != nil && event(w, rc, m.Kind, m) != nil {
				return
			}
		}
	}
}

// event writes one event with v as its JSON data.
func event(w http.ResponseWriter, rc *http.ResponseController, name string, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return send(w, rc, fmt.Sprintf("event: %s\ndata: %s\n\n", name, data))
}

// writeTimeout bounds the time a write to one browser may take, so that
// a browser that stopped reading cannot hold Close back.
const writeTimeout = 10 * time.Second

func send(w http.ResponseWriter, rc *http.ResponseController, s string) error {
	_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout)) // not every writer has deadlines
	if _, err := w.Write([]byte(s)); err != nil {
		return err
	}
	return rc.Flush()
}

// Close ends every stream and waits for their handlers to return; later
// connections are refused. It may be called more than once.
func (h *Hub) Close() {
	h.mu.Lock()
	if !h.closed {
		h.closed = true
		close(h.quit)
	}
	h.mu.Unlock()
	h.wg.Wait()
}
