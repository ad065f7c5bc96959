package serve

import (
	_ "embed"
	"encoding/json"
	"strings"
)

// EventsPath is the address of the live-reload stream. It cannot be the
// address of a page: commune folder names never start with "_".
const EventsPath = "/_tadafor/events"

// liveJS is the script injected into every HTML page served (never into
// built files). It listens to the hub; it reloads the page when a newer
// snapshot is announced (or goes to the page that changed, when the
// server was started with --navigate), swaps stylesheets in place, and
// reconnects after the server restarts, reloading then since the
// snapshot may have changed meanwhile.
//
// Browsers open few connections at once to one server (six over
// HTTP/1.1), and each stream holds one: with more tabs than that, pages
// would stop loading. So the tabs of the preview share one stream: the
// tab that holds a lock listens and passes every message on to the
// others; when it goes away another takes the lock. A tab that starts
// asks for the latest state, so that it does not miss a change made
// while it was loading.
//
//go:embed live.js
var liveJS string

// liveScript returns the script element for a page of the snapshot gen
// served by the server instance.
func liveScript(instance string, gen uint64) []byte {
	cfg, _ := json.Marshal(map[string]any{"instance": instance, "gen": gen, "events": EventsPath})
	var b strings.Builder
	b.WriteString(`<script data-tadafor-live>`)
	b.WriteString(strings.TrimSpace(liveJS))
	b.WriteString("(")
	b.Write(cfg)
	b.WriteString(");</script>")
	return []byte(b.String())
}
