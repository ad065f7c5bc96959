package markdown

import (
	"io"
	"strings"
	"testing"
	"time"
)

func TestSlowInputs(t *testing.T) {
	c := New()
	for name, src := range map[string]string{
		"open brackets":   strings.Repeat("[", 50000),
		"headings":        strings.Repeat("# a\n", 20000),
		"braces":          strings.Repeat("{{", 50000),
		"span starts":     strings.Repeat("[a]{", 20000),
		"nested":          strings.Repeat("[", 25000) + strings.Repeat("]", 25000) + "{lang=fr}",
		"nested spans":    strings.Repeat("[", 5000) + strings.Repeat("]{dir=ltr}", 5000),
		"emph brackets":   strings.Repeat("*[", 25000),
		"links":           strings.Repeat("[a](b) ", 20000),
		"many spans":      strings.Repeat("[a]{dir=ltr} ", 20000),
		"bracket lines":   strings.Repeat("[\n", 20000),
		"brackets close":  strings.Repeat("[x", 20000) + strings.Repeat("]", 20000),
		"backticks":       strings.Repeat("[`", 20000),
	} {
		start := time.Now()
		d, _ := c.Parse("x.md", []byte(src), 1, "ar")
		p := time.Since(start)
		c.Render(io.Discard, d, passEnv{})
		t.Logf("%-15s parse %v total %v", name, p, time.Since(start))
	}
}
