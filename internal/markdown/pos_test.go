package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tadafor/tadafor/internal/diag"
)

func TestLineIndexPos(t *testing.T) {
	t.Parallel()
	body := []byte("abc\nدال x\r\n\nz")
	tests := []struct {
		name      string
		bodyLine  int
		off       int
		line, col int
	}{
		{"start of body", 5, 0, 5, 1},
		{"inside first line", 5, 2, 5, 3},
		{"newline ends its line", 5, 3, 5, 4},
		{"start of second line", 5, 4, 6, 1},
		{"columns count runes, not bytes", 5, 4 + len("دال "), 6, 5},
		{"inside a rune counts as that rune", 5, 5, 6, 1},
		{"empty line", 5, 14, 7, 1},
		{"end of body", 5, len(body), 8, 2},
		{"past the end is clamped", 5, len(body) + 10, 8, 2},
		{"before the start is clamped", 5, -3, 5, 1},
		{"body line below 1 counts as 1", 0, 4, 2, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := newLineIndex("content/a.ar.md", body, tt.bodyLine).pos(tt.off)
			want := diag.Pos{File: "content/a.ar.md", Line: tt.line, Col: tt.col}
			if got != want {
				t.Errorf("pos(%d) = %v, want %v", tt.off, got, want)
			}
		})
	}
}

func TestLineIndexEmptyBody(t *testing.T) {
	t.Parallel()
	got := newLineIndex("a.md", nil, 3).pos(0)
	if want := (diag.Pos{File: "a.md", Line: 3, Col: 1}); got != want {
		t.Errorf("pos(0) = %v, want %v", got, want)
	}
}

// TestLineIndexLongLines checks the rune counting that skips ahead by
// chunks against a plain count, on lines longer than a chunk.
func TestLineIndexLongLines(t *testing.T) {
	t.Parallel()
	body := []byte(strings.Repeat("عريضة x é ⵣ\n", 3) + strings.Repeat("كيف تقدم عريضة؟ ", 60) + "\n" + strings.Repeat("a", 512))
	x := newLineIndex("f.md", body, 1)
	line, lineStart := 1, 0
	for off := 0; off <= len(body); off++ {
		if off > 0 && body[off-1] == '\n' {
			line, lineStart = line+1, off
		}
		if off < len(body) && !utf8.RuneStart(body[off]) {
			continue
		}
		want := diag.Pos{File: "f.md", Line: line, Col: utf8.RuneCount(body[lineStart:off]) + 1}
		if got := x.pos(off); got != want {
			t.Fatalf("pos(%d) = %v, want %v", off, got, want)
		}
	}
}
