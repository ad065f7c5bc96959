package build_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tadafor/tadafor/internal/benchcorpus"
	"github.com/tadafor/tadafor/internal/build"
)

// BenchmarkBuild builds a generated project of 6 communes with 20 shared
// pages per language (minified, all CPUs) into the same output folder at
// each iteration, as repeated builds do. "make bench" measures the full
// 60-commune corpus against its floor; this one is for profiles:
//
//	go test -run '^$' -bench BenchmarkBuild -cpuprofile cpu.out ./internal/build
func BenchmarkBuild(b *testing.B) {
	root := filepath.Join(b.TempDir(), "project")
	opts := benchcorpus.Options{Communes: 6, Pages: 20, Seed: 1, Themes: filepath.Join("..", "..", "themes")}
	if err := benchcorpus.Generate(root, opts); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	ctx := context.Background()
	var pages int64
	for b.Loop() {
		rep, err := build.Run(ctx, build.Options{Root: root, Out: out})
		if err != nil {
			b.Fatal(err)
		}
		pages = rep.Pages
	}
	b.ReportMetric(float64(pages), "pages/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(int64(b.N)*pages), "ns/page")
}
