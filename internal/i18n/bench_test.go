package i18n

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/site"
)

func BenchmarkLoad(b *testing.B) {
	src, err := os.ReadFile(filepath.Join(shippedDir, "ar.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	lang := site.DefaultSettings().Languages[0]
	for b.Loop() {
		if _, errs := Load("ar.yaml", src, lang); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

func BenchmarkT(b *testing.B) {
	c := loadShipped(b, site.DefaultSettings().Languages[0])
	for b.Loop() {
		if _, err := c.T("demo_banner", "name", "تيزنيت"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkN(b *testing.B) {
	c := loadShipped(b, site.DefaultSettings().Languages[0])
	for b.Loop() {
		if _, err := c.N("population", 74699); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormatInt(b *testing.B) {
	c := loadShipped(b, site.DefaultSettings().Languages[1])
	for b.Loop() {
		c.FormatInt(1234567)
	}
}

func BenchmarkFormatDateTime(b *testing.B) {
	c := loadShipped(b, site.DefaultSettings().Languages[1])
	day := time.Date(2026, 10, 1, 18, 30, 0, 0, time.UTC)
	for b.Loop() {
		c.FormatDateTime(day)
	}
}
