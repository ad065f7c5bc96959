package typography

import (
	"os"
	"testing"
)

// BenchmarkHTML measures the pass over a French procedure page and an
// Arabic home page of the examples, minified, as built before the pass
// (testdata): what it adds to each page a build writes.
func BenchmarkHTML(b *testing.B) {
	rules := Rules{"ar": nil, "fr": french(b)}
	for _, tt := range []struct{ name, file, lang string }{
		{"french-procedure", "testdata/procedure.fr.html", "fr"},
		{"arabic-home", "testdata/home.ar.html", "ar"},
	} {
		src, err := os.ReadFile(tt.file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			dst := make([]byte, 0, 2*len(src))
			for b.Loop() {
				dst = rules.HTML(dst[:0], src, tt.lang)
			}
		})
	}
}
