package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

// FuzzLoad checks that Load never panics, that every problem it reports
// has a position inside the file, and that a catalog loaded without
// errors renders every message.
func FuzzLoad(f *testing.F) {
	for _, name := range []string{"ar.yaml", "fr.yaml"} {
		if src, err := os.ReadFile(filepath.Join(shippedDir, name)); err == nil {
			f.Add(src, name == "ar.yaml")
		}
	}
	for _, s := range []string{
		head + "a: \"x {n\"\n",
		head + "a: 'it''s {n}'\nb: \"\\u00a0{x}\"\n",
		head + "a: |\n  line\n  {n\n",
		head + "s:\n  zero: a\n  one: b\n  two: c\n  fw: d\n  many: e\n  other: f\n",
		head + "s:\n  one: x\n  many: \"{n}\"\n  other: \"{n} {y}\"\n",
		head + "l: [a, {b: c}]\nm: {}\nn: []\no:\n",
		head + "a: x\na: y\n",
		"- a\n",
		"~",
		"a: \"}}{{}}{}}{\"\n",
	} {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, src []byte, arabic bool) {
		lang := langFR
		if arabic {
			lang = langAR
		}
		c, errs := Load("f.yaml", src, lang)
		// An upper bound: YAML also breaks lines at a lone \r, the YAML
		// library at NEL, LS and PS, and it places a value missing at the
		// end of the file ("? key") on the line after it.
		lines := 2
		for _, sep := range []string{"\n", "\r", "\u0085", "\u2028", "\u2029"} {
			lines += strings.Count(string(src), sep)
		}
		for _, e := range errs {
			if e.Pos.File != "f.yaml" || e.Pos.Line < 0 || e.Pos.Line > lines || e.Pos.Col < 0 {
				t.Errorf("position out of the file: %v", e)
			}
		}
		day := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
		c.FormatDate(day)
		c.FormatDateTime(day)
		if errs.HasErrors() {
			return
		}
		for _, key := range c.Keys() {
			m := c.msgs[key]
			var args []any
			for _, a := range m.args() {
				args = append(args, a, "x")
			}
			switch m.kind {
			case kindText:
				if _, err := c.T(key, args...); err != nil {
					t.Errorf("T(%q): %v", key, err)
				}
			case kindPlural:
				for _, n := range []int{0, 1, 2, 3, 11, 100, 1_000_000} {
					if _, err := c.N(key, n, args...); err != nil {
						t.Errorf("N(%q, %d): %v", key, n, err)
					}
				}
			}
		}
	})
}

// TestLoadAcceptsSiteDefaults is a guard: the default languages of the
// site have locales Load understands.
func TestLoadAcceptsSiteDefaults(t *testing.T) {
	t.Parallel()
	for _, l := range site.DefaultSettings().Languages {
		if _, errs := Load("f.yaml", []byte(head), l); len(errs) > 0 {
			t.Errorf("%s: %v", l.Code, errs)
		}
	}
}
