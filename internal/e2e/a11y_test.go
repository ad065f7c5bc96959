package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeFile is axe-core's script, installed by npm (make test-deps) in the
// repository's node_modules.
var axeFile = filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")

// axeSource reads axeFile once.
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axeFile)
	return string(b), err
})

// needAxe returns axe-core's script. Without it, it skips the test, or
// fails it when $CI is "true".
func needAxe(t *testing.T) string {
	t.Helper()
	src, err := axeSource()
	if err != nil {
		msg := fmt.Sprintf("no axe-core for the accessibility tests (%v): run make test-deps, or npm ci at the repository root", err)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return src
}

// axeTags are the rule sets run: WCAG 2.0, 2.1 and 2.2 at levels A and AA.
var axeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// violation is one axe-core rule that a page breaks, with the elements
// that break it.
type violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeRunJS runs axe-core on the whole document with the rule sets of
// axeTags and returns its violations.
var axeRunJS = `axe.run(document, {
	runOnly: {type: "tag", values: ` + jsonList(axeTags) + `},
	resultTypes: ["violations"],
}).then((r) => r.violations.map((v) => ({
	id: v.id, impact: v.impact || "", help: v.help,
	nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
})))`

// jsonList writes the strings as a JavaScript array.
func jsonList(s []string) string {
	return `["` + strings.Join(s, `", "`) + `"]`
}

// TestAxeFindsNoViolation runs axe-core, at WCAG 2.2 level AA, on a page
// of every kind of every example commune in both languages on a phone,
// and on the first commune's pages on a desktop too: it must find
// nothing.
func TestAxeFindsNoViolation(t *testing.T) {
	t.Parallel()
	src := needAxe(t)
	pages := allPages(t)
	desktop := firstOfEachKind(pages)
	forEachPage(t, pages, func(t *testing.T, b *tab, p webPage) {
		for _, width := range []int64{320, 1280} {
			if width == 1280 && !desktop[p.Path] {
				break
			}
			b.do("set the viewport", chromedp.EmulateViewport(width, 800))
			if width == 320 {
				b.open(p.Path)
				b.do("load axe-core", chromedp.Evaluate[chromedp.Void](src))
			}
			got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]violation](axeRunJS, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("run axe-core: %v", err)
			}
			for _, v := range got {
				var where strings.Builder
				for _, n := range v.Nodes {
					fmt.Fprintf(&where, "\n\t\t%s\n\t\t\t%s", n.Target, strings.ReplaceAll(n.Summary, "\n", "\n\t\t\t"))
				}
				t.Errorf("%s at %d px: %s (%s): %s%s", p.Path, width, v.ID, v.Impact, v.Help, where.String())
			}
		}
	})
}
