package e2e

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestScreenshotsOfEveryKind saves a full-page screenshot of one page of
// every kind in both languages, on a phone (320 px) and on a desktop
// (1280 px), named <commune>-<lang>-<kind>-<width>.png, and the procedure
// page as printed, <commune>-<lang>-procedure-print.png, for people to
// look at. Each must be exactly as wide as its viewport.
func TestScreenshotsOfEveryKind(t *testing.T) {
	t.Parallel()
	dir := artifacts(t)
	// The first commune that has the kind in the language: one picture
	// per layout is enough, the communes share them.
	first := firstOfEachKind(allPages(t))
	pages := pagesWhere(t, func(p webPage) bool { return first[p.Path] })
	t.Logf("screenshots of %d pages in %s", len(pages), dir)
	forEachPage(t, pages, func(t *testing.T, b *tab, p webPage) {
		commune := p.Commune
		if commune == "" {
			commune = "portal"
		}
		type view struct {
			width int64
			print bool
		}
		views := []view{{320, false}, {1280, false}}
		if p.Kind == "procedure" {
			views = append(views, view{800, true})
		}
		for i, v := range views {
			medium, name := "", fmt.Sprintf("%s-%s-%s-%d.png", commune, p.Lang, p.Kind, v.width)
			if v.print {
				medium, name = "print", fmt.Sprintf("%s-%s-%s-print.png", commune, p.Lang, p.Kind)
			}
			b.do("set the viewport", chromedp.EmulateViewport(v.width, 800), media(medium))
			if i == 0 {
				b.open(p.Path)
			}
			shot, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(shot))
			if err != nil {
				t.Fatalf("decode the screenshot: %v", err)
			}
			if int64(cfg.Width) != v.width {
				t.Errorf("%s: the screenshot is %d px wide, want %d: the page is wider than the viewport", name, cfg.Width, v.width)
			}
			if err := os.WriteFile(filepath.Join(dir, name), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		b.do("back to the screen", media(""))
	})
}
