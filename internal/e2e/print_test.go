package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// media makes the tab's page use the style sheet's rules for the medium
// ("print", or "" for the screen).
func media(medium string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: medium})
		return chromedp.Void{}, err
	}
}

// printout is what a printed procedure page shows, from printJS.
type printout struct {
	Shown     []string `json:"shown"`     // navigation and page furniture that still shows
	Checklist []string `json:"checklist"` // the documents to bring, with their boxes
	Boxes     int      `json:"boxes"`     // checklist items whose box is drawn
	Steps     []string `json:"steps"`
	Numbers   int      `json:"numbers"` // steps whose number is drawn
	Text      string   `json:"text"`    // the whole printed text
}

// printJS lists what shows of the page in the print media: the
// navigation, header, footer, language switcher and skip link must not.
const printJS = `(() => {
	const shown = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden";
	const name = (e) => e.tagName.toLowerCase() + (e.className ? "." + e.className.split(/\s+/).join(".") : "");
	const furniture = [...document.querySelectorAll("nav, header, footer, .site-header, .site-footer, .lang-switch, .skip-link, .breadcrumbs, .toc")];
	const drawn = (e) => {
		const b = getComputedStyle(e, "::before");
		return b.content !== "none" && (parseFloat(b.borderTopWidth) > 0 || b.content.startsWith("counter") || /\d/.test(b.content));
	};
	const items = (sel) => [...document.querySelectorAll(sel)].filter(shown);
	const checklist = items(".checklist > li"), steps = items(".steps > li");
	return {
		shown: furniture.filter(shown).map(name),
		checklist: checklist.map((e) => e.textContent.trim().slice(0, 40)),
		boxes: checklist.filter(drawn).length,
		steps: steps.map((e) => e.textContent.trim().slice(0, 40)),
		numbers: steps.filter(drawn).length,
		text: document.body.innerText,
	};
})()`

// TestProcedurePrintsAsAChecklist prints the procedure page of every
// commune in both languages: the navigation, header, footer, language
// switcher and skip link disappear, the documents to bring show as a
// checklist with boxes to tick and the steps keep their numbers. The PDF
// of each is saved with the screenshots.
func TestProcedurePrintsAsAChecklist(t *testing.T) {
	t.Parallel()
	dir := artifacts(t)
	forEachPage(t, pagesOf(t, "procedure"), func(t *testing.T, b *tab, p webPage) {
		b.do("set the viewport", chromedp.EmulateViewport(1280, 800), media("print"))
		defer b.do("back to the screen", media(""))
		b.open(p.Path)
		got := eval[printout](b, printJS)
		if len(got.Shown) > 0 {
			t.Errorf("%s: printed with its %s", p.Path, strings.Join(got.Shown, ", "))
		}
		if len(got.Checklist) == 0 || got.Boxes != len(got.Checklist) {
			t.Errorf("%s: the printed checklist has %d items, %d with a box: %q", p.Path, len(got.Checklist), got.Boxes, got.Checklist)
		}
		if len(got.Steps) == 0 || got.Numbers != len(got.Steps) {
			t.Errorf("%s: the printed steps are %d, %d with their number: %q", p.Path, len(got.Steps), got.Numbers, got.Steps)
		}
		// A link to another site shows its address on paper.
		external := eval[[]string](b, `[...document.querySelectorAll(".prose a[href^='http']")].map((a) => a.href + " " + getComputedStyle(a, "::after").content)`)
		if len(external) == 0 {
			t.Errorf("%s: no link to another site to check", p.Path)
		}
		for _, e := range external {
			href, after, _ := strings.Cut(e, " ")
			if !strings.Contains(after, strings.TrimSuffix(href, "/")) {
				t.Errorf("%s: the printed link to %s does not show its address (::after %s)", p.Path, href, after)
			}
		}
		menu := eval[[]string](b, `[...document.querySelectorAll(".main-nav a, .lang-switch a, .skip-link")].map((a) => a.textContent.trim())`)
		for _, m := range menu {
			if regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(m) + `\s*$`).MatchString(got.Text) {
				t.Errorf("%s: the printed text still has the line %q of the navigation", p.Path, m)
			}
		}

		pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatalf("%s: print to PDF: %v", p.Path, err)
		}
		if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("/Type /Page")) && !bytes.Contains(pdf, []byte("/Type/Page")) {
			t.Fatalf("%s: the printout is not a PDF with pages (%d bytes)", p.Path, len(pdf))
		}
		file := filepath.Join(dir, p.Commune+"-"+p.Lang+"-procedure-print.pdf")
		if err := os.WriteFile(file, pdf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d checklist items, %d steps; %s (%d KB)", p.Path, len(got.Checklist), len(got.Steps), file, len(pdf)/1024)
	})
}
