package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchPages are pages of a built site for the benchmarks: those under
// $TADAFOR_SITE (a language folder of a built commune site, such as
// public/berkane/ar), else a page made here.
func benchPages(b *testing.B) [][]byte {
	var pages [][]byte
	if dir := os.Getenv("TADAFOR_SITE"); dir != "" {
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == "index.html" {
				data, _ := os.ReadFile(p)
				pages = append(pages, data)
			}
			return nil
		})
	}
	if len(pages) == 0 {
		page := []byte("<!doctype html><html lang=ar><body><header>…</header><main><p class=demo data-search-ignore>موقع تجريبي<nav><ol><li><a>الرئيسية</a></ol></nav><article><h1>رخصة البناء</h1>")
		for range 40 {
			page = append(page, "<h2>الوثائق المطلوبة</h2><ul><li>طلب موقع من طرف المعني بالأمر<li>نسخة من البطاقة الوطنية للتعريف الإلكترونية<li>التصاميم المعمارية المصادق عليها</ul><p>تودع الطلبات لدى الشباك الوحيد للتعمير بالجماعة، وتسلم الرخصة داخل أجل لا يتعدى شهرين.</p>"...)
		}
		pages = append(pages, append(page, "</article></main><footer>…</footer>"...))
	}
	return pages
}

func BenchmarkExtract(b *testing.B) {
	pages := benchPages(b)
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, p := range pages {
			Extract(p)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e3, "µs/page")
}

func BenchmarkScript(b *testing.B) {
	ix := &Index{}
	for _, p := range benchPages(b) {
		ix.Docs = append(ix.Docs, Doc{Dir: "x", Title: "x", Passages: Extract(p)})
	}
	for b.Loop() {
		ix.Script(nil)
	}
}

// BenchmarkExtractCache reads the pages of benchPages, or of every site
// under $TADAFOR_SITES (a built output folder), as a build does, with
// Extract and with an ExtractCache.
func BenchmarkExtractCache(b *testing.B) {
	pages := benchPages(b)
	if dir := os.Getenv("TADAFOR_SITES"); dir != "" {
		pages = nil
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == "index.html" {
				data, _ := os.ReadFile(p)
				pages = append(pages, data)
			}
			return nil
		})
	}
	for _, cached := range []bool{false, true} {
		b.Run(map[bool]string{false: "Extract", true: "ExtractCache"}[cached], func(b *testing.B) {
			for b.Loop() {
				var c *ExtractCache
				if cached {
					c = new(ExtractCache)
				}
				for _, p := range pages {
					c.Extract(p)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pages))/1e3, "µs/page")
		})
	}
}

// BenchmarkScriptSites writes the index of every site and language under
// $TADAFOR_SITES (a built output folder: <commune>/<lang>/…/index.html)
// with one TermCache, as a build does: their texts are read with one
// ExtractCache, which gives the texts the sites share as one string.
func BenchmarkScriptSites(b *testing.B) {
	dir := os.Getenv("TADAFOR_SITES")
	if dir == "" {
		b.Skip("TADAFOR_SITES names no built output folder")
	}
	sites := map[string]*Index{}
	var order []string
	var texts ExtractCache
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		parts := strings.Split(filepath.ToSlash(rel), "/")
		if len(parts) < 3 {
			return nil
		}
		site := parts[0] + "/" + parts[1]
		ix := sites[site]
		if ix == nil {
			ix = &Index{Shown: 10}
			sites[site] = ix
			order = append(order, site)
		}
		data, _ := os.ReadFile(p)
		ix.Docs = append(ix.Docs, Doc{Dir: strings.Join(parts[1:len(parts)-1], "/"), Title: parts[len(parts)-2], Passages: texts.Extract(data)})
		return nil
	})
	for b.Loop() {
		var cache TermCache
		for _, s := range order {
			sites[s].Script(&cache)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(order))/1e3, "µs/index")
}
