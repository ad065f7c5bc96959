package chart

import (
	"encoding/xml"
	"errors"
	"flag"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata")

// petitionsAr and petitionsFr are the same figures in both languages.
var (
	petitionsAr = []Bar{
		{Label: "العرائض المودعة", Value: 12, Display: "12"},
		{Label: "العرائض المقبولة", Value: 7, Display: "7"},
		{Label: "العرائض التي أجيب عنها داخل الأجل القانوني (ثلاثة أشهر)", Value: 3, Display: "3"},
		{Label: "العرائض المرفوضة", Value: 0, Display: "0"},
	}
	petitionsFr = []Bar{
		{Label: "Pétitions déposées", Value: 1234, Display: "1.234"},
		{Label: "Pétitions acceptées", Value: 7, Display: "7"},
		{Label: "Pétitions ayant reçu une réponse dans le délai légal de trois mois", Value: 3, Display: "3"},
		{Label: "Pétitions rejetées", Value: 0, Display: "0"},
	}
	womenAr = [2]Part{{Label: "نساء", Value: 12, Display: "12 (40٪)"}, {Label: "رجال", Value: 18, Display: "18 (60٪)"}}
	womenFr = [2]Part{{Label: "Femmes", Value: 12, Display: "12 (40 %)"}, {Label: "Hommes", Value: 18, Display: "18 (60 %)"}}
)

// TestGolden compares every kind of chart in both directions with
// testdata/*.svg; run `go test ./internal/chart -update` after an intended
// change and review the diff (the files open in a browser).
func TestGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		got  template.HTML
	}{
		{"hbar-ltr", HBar(petitionsFr, Options{Title: "Pétitions", Dir: "ltr", Lang: "fr", ID: "petitions"})},
		{"hbar-rtl", HBar(petitionsAr, Options{Title: "العرائض", Dir: "rtl", Lang: "ar", ID: "petitions"})},
		{"share-ltr", Share(womenFr, Options{Title: "Part des femmes parmi les membres", Dir: "ltr", Lang: "fr", ID: "women"})},
		{"share-rtl", Share(womenAr, Options{Title: "نسبة النساء بين الأعضاء", Dir: "rtl", Lang: "ar", ID: "women"})},
		{"empty-rtl", HBar(nil, Options{Title: "العرائض", Dir: "rtl", Lang: "ar", ID: "petitions", Empty: "لم تتوصل الجماعة بأي عريضة بعد"})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join("testdata", tt.name+".svg")
			got := string(tt.got) + "\n"
			if *update {
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n got: %s\nwant: %s", file, got, want)
			}
			wellFormed(t, tt.got)
		})
	}
}

// TestDeterministic checks that the same input gives the same bytes.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	o := Options{Title: "t", Dir: "rtl", ID: "x"}
	if a, b := HBar(petitionsAr, o), HBar(petitionsAr, o); a != b {
		t.Error("HBar differs between two calls")
	}
	if a, b := Share(womenAr, o), Share(womenAr, o); a != b {
		t.Error("Share differs between two calls")
	}
}

// TestEscapesHostileText checks that user text can neither break the
// markup nor the XML, and that it reads back as written.
func TestEscapesHostileText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, label, want string
	}{
		{"markup", `"><script>alert(1)</script>`, `"><script>alert(1)</script>`},
		{"entities", `a & b &amp; c`, `a & b &amp; c`},
		{"quotes", `l'avis « du » "conseil"`, `l'avis « du » "conseil"`},
		{"arabic", `رأي "الهيئة" <المساواة>`, `رأي "الهيئة" <المساواة>`},
		{"control characters", "a\x00b\x1bc\td", "abc d"},
		{"invalid utf-8", "a\xffb", "a\uFFFDb"},
		{"cdata end", "]]>", "]]>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := Options{Title: tt.label, Desc: tt.label, Lang: `fr"x`, ID: `a"b c`}
			for _, out := range []template.HTML{
				HBar([]Bar{{Label: tt.label, Value: 1, Display: tt.label}}, o),
				Share([2]Part{{Label: tt.label, Value: 1, Display: tt.label}, {Label: "x", Value: 1}}, o),
				HBar(nil, Options{Title: tt.label, Empty: tt.label}),
			} {
				if strings.Contains(string(out), "<script") {
					t.Fatalf("unescaped markup in %s", out)
				}
				d := wellFormed(t, out)
				if d.Title != tt.want {
					t.Errorf("title = %q, want %q", d.Title, tt.want)
				}
				for _, tx := range d.Texts {
					if tx.Body != tt.want && tx.Body != "x" && !strings.Contains(tx.Body, "(50%)") {
						t.Errorf("text = %q, want %q", tx.Body, tt.want)
					}
				}
			}
		})
	}
}

// TestZeros checks zero values, all-zero data and no data: no division by
// zero, every value still written, and the empty state.
func TestZeros(t *testing.T) {
	t.Parallel()
	t.Run("all zero bars are drawn empty with their values", func(t *testing.T) {
		t.Parallel()
		out := HBar([]Bar{{Label: "a"}, {Label: "b", Display: "0"}}, Options{Title: "t"})
		d := wellFormed(t, out)
		if s := string(out); strings.Contains(s, "NaN") || strings.Contains(s, "Inf") {
			t.Fatalf("non-finite coordinate in %s", s)
		}
		if got := d.rects("chart-bar"); len(got) != 0 {
			t.Errorf("zero values drew %d bars", len(got))
		}
		if got := d.rects("chart-track"); len(got) != 2 {
			t.Errorf("drew %d tracks, want 2", len(got))
		}
		if got := d.texts("chart-value"); !reflect.DeepEqual(got, []string{"0", "0"}) {
			t.Errorf("values = %q, want both 0", got)
		}
	})
	t.Run("negative values count as zero", func(t *testing.T) {
		t.Parallel()
		d := wellFormed(t, HBar([]Bar{{Label: "a", Value: -5}, {Label: "b", Value: 2}}, Options{Title: "t"}))
		if got := d.texts("chart-value"); !reflect.DeepEqual(got, []string{"0", "2"}) {
			t.Errorf("values = %q", got)
		}
	})
	t.Run("one zero part of a share", func(t *testing.T) {
		t.Parallel()
		d := wellFormed(t, Share([2]Part{{Label: "w", Value: 0}, {Label: "m", Value: 5}}, Options{Title: "t"}))
		segs := d.rects("chart-seg")
		// the full bar and the two legend swatches
		if len(segs) != 3 || segs[0].W != Width-2*pad {
			t.Errorf("segments = %+v, want one full-width segment and two swatches", segs)
		}
		if got := d.texts("chart-value"); !reflect.DeepEqual(got, []string{"0 (0%)", "5 (100%)"}) {
			t.Errorf("values = %q", got)
		}
	})
	t.Run("no data with a message", func(t *testing.T) {
		t.Parallel()
		for _, out := range []template.HTML{
			HBar(nil, Options{Title: "t", Empty: "Aucune donnée"}),
			Share([2]Part{{Label: "w"}, {Label: "m"}}, Options{Title: "t", Empty: "Aucune donnée"}),
		} {
			d := wellFormed(t, out)
			if got := d.texts("chart-empty"); !reflect.DeepEqual(got, []string{"Aucune donnée"}) {
				t.Errorf("empty texts = %q", got)
			}
			if d.Desc != "Aucune donnée" || len(d.Rects) != 0 {
				t.Errorf("desc %q, %d rects", d.Desc, len(d.Rects))
			}
		}
	})
	t.Run("no data without a message", func(t *testing.T) {
		t.Parallel()
		if out := HBar([]Bar{}, Options{Title: "t"}); out != "" {
			t.Errorf("HBar = %q, want nothing", out)
		}
		if out := Share([2]Part{}, Options{Title: "t"}); out != "" {
			t.Errorf("Share = %q, want nothing", out)
		}
	})
}

// TestMirroring checks the coordinates of right-to-left charts: bars
// start at the right and grow leftwards, labels and values are anchored
// at their inline start with direction="rtl".
func TestMirroring(t *testing.T) {
	t.Parallel()
	bars := []Bar{{Label: "أ", Value: 10}, {Label: "ب", Value: 5}}
	ltr := wellFormed(t, HBar(bars, Options{Title: "t", Dir: "ltr"}))
	rtl := wellFormed(t, HBar(bars, Options{Title: "t", Dir: "rtl"}))
	if ltr.Direction != "ltr" || rtl.Direction != "rtl" {
		t.Fatalf("direction = %q and %q", ltr.Direction, rtl.Direction)
	}
	lb, rb := ltr.rects("chart-bar"), rtl.rects("chart-bar")
	if len(lb) != 2 || len(rb) != 2 {
		t.Fatalf("bars: %d ltr, %d rtl", len(lb), len(rb))
	}
	for i := range lb {
		if lb[i].X != pad {
			t.Errorf("ltr bar %d starts at x=%v, want %v", i, lb[i].X, pad)
		}
		if end := rb[i].X + rb[i].W; !near(end, Width-pad) {
			t.Errorf("rtl bar %d ends at x=%v, want the right side %v", i, end, Width-pad)
		}
		if !near(rb[i].X, Width-lb[i].X-lb[i].W) || rb[i].W != lb[i].W || rb[i].Y != lb[i].Y {
			t.Errorf("rtl bar %d = %+v is not the mirror of %+v", i, rb[i], lb[i])
		}
	}
	if rb[0].X >= rb[1].X {
		t.Errorf("the longer rtl bar should reach further left: %v >= %v", rb[0].X, rb[1].X)
	}
	for i, tx := range rtl.Texts {
		if tx.Anchor != "start" {
			t.Errorf("text %d anchored %q", i, tx.Anchor)
		}
	}
	labels := rtl.textEls("chart-label")
	if labels[0].X != Width-pad {
		t.Errorf("rtl label at x=%v, want %v", labels[0].X, Width-pad)
	}
	values := rtl.textEls("chart-value")
	if want := rb[0].X - valueGap; !near(values[0].X, want) {
		t.Errorf("rtl value at x=%v, want %v, left of its bar", values[0].X, want)
	}
	lv := ltr.textEls("chart-value")
	if want := lb[0].X + lb[0].W + valueGap; !near(lv[0].X, want) {
		t.Errorf("ltr value at x=%v, want %v, right of its bar", lv[0].X, want)
	}

	ls := wellFormed(t, Share(womenFr, Options{Title: "t"})).rects("chart-seg")
	rs := wellFormed(t, Share(womenAr, Options{Title: "t", Dir: "rtl"})).rects("chart-seg")
	if ls[0].X != pad || !near(rs[0].X+rs[0].W, Width-pad) {
		t.Errorf("first part: ltr at x=%v, rtl ends at x=%v", ls[0].X, rs[0].X+rs[0].W)
	}
	if !near(rs[1].X, pad) {
		t.Errorf("second rtl part starts at x=%v, want %v", rs[1].X, pad)
	}
}

// TestShareProportions checks the split and the hatch of the second part.
func TestShareProportions(t *testing.T) {
	t.Parallel()
	d := wellFormed(t, Share(womenFr, Options{Title: "t", ID: "w"}))
	segs := d.rects("chart-seg")
	full := float64(Width - 2*pad)
	if !near(segs[0].W, full*12/30) || !near(segs[0].W+segs[1].W, full) {
		t.Errorf("segments %v and %v do not split %v as 12:18", segs[0].W, segs[1].W, full)
	}
	if segs[1].Fill != "url(#w-hatch)" || segs[3].Fill != "url(#w-hatch)" {
		t.Errorf("second part and its swatch are filled %q and %q, want the hatch", segs[1].Fill, segs[3].Fill)
	}
	if segs[0].Fill != "" {
		t.Errorf("first part filled %q, want the stylesheet's solid fill", segs[0].Fill)
	}
	if !strings.Contains(string(Share(womenFr, Options{ID: "w"})), `<pattern id="w-hatch"`) {
		t.Error("no hatch pattern")
	}
}

// TestAccessibleName checks role, aria-labelledby and the generated
// description.
func TestAccessibleName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		out  template.HTML
		desc string
	}{
		{"given description", HBar(petitionsFr[:1], Options{Title: "T", Desc: "D", ID: "c1"}), "D"},
		{"generated ltr", HBar(petitionsFr[:2], Options{Title: "T", ID: "c1"}), "Pétitions déposées: 1.234; Pétitions acceptées: 7"},
		{"generated rtl", HBar(petitionsAr[:2], Options{Title: "T", Dir: "rtl", ID: "c1"}), "العرائض المودعة: 12؛ العرائض المقبولة: 7"},
		{"generated share", Share(womenFr, Options{Title: "T", ID: "c1"}), "Femmes: 12 (40 %); Hommes: 18 (60 %)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := wellFormed(t, tt.out)
			if d.Role != "img" || d.LabelledBy != "c1-title c1-desc" || d.TitleID != "c1-title" || d.DescID != "c1-desc" {
				t.Errorf("role %q, aria-labelledby %q, title id %q, desc id %q", d.Role, d.LabelledBy, d.TitleID, d.DescID)
			}
			if d.Title != "T" || d.Desc != tt.desc {
				t.Errorf("title %q, desc %q, want T and %q", d.Title, d.Desc, tt.desc)
			}
		})
	}
}

// TestScalesToPhones checks that the chart has no pixel size and that its
// text is at least 12 CSS pixels when drawn 288 pixels wide, a 320-pixel
// screen less the page's 16-pixel margins.
func TestScalesToPhones(t *testing.T) {
	t.Parallel()
	d := wellFormed(t, HBar(petitionsFr, Options{Title: "t"}))
	if d.Width != "100%" || d.Height != "" {
		t.Errorf("width %q, height %q, want 100%% and none", d.Width, d.Height)
	}
	f := strings.Fields(d.ViewBox)
	if len(f) != 4 || f[2] != strconv.Itoa(Width) {
		t.Fatalf("viewBox %q", d.ViewBox)
	}
	if px := float64(FontSize) * 288 / Width; px < 12 {
		t.Errorf("text is %.1f px at 288 px wide, want at least 12", px)
	}
	if d.FontSize != strconv.Itoa(FontSize) {
		t.Errorf("font-size %q", d.FontSize)
	}
	for _, tx := range d.Texts {
		if tx.FontSize != "" {
			t.Errorf("text %q overrides the font size", tx.Body)
		}
	}
}

// TestLongLabelsWrap checks that a label wider than the chart is broken
// into lines that fit, and that no text is lost.
func TestLongLabelsWrap(t *testing.T) {
	t.Parallel()
	long := "العرائض التي أجيب عنها داخل الأجل القانوني المحدد في ثلاثة أشهر ابتداء من تاريخ الدورة"
	d := wellFormed(t, HBar([]Bar{{Label: long, Value: 1}}, Options{Title: "t", Dir: "rtl"}))
	lines := d.texts("chart-label")
	if len(lines) < 2 {
		t.Fatalf("label on %d line(s)", len(lines))
	}
	if strings.Join(lines, " ") != long {
		t.Errorf("lines %q do not give back the label", lines)
	}
	for _, l := range lines {
		if w := textWidth(l) * charW / digitW; w > Width-2*pad {
			t.Errorf("line %q is about %v wide, more than %v", l, w, Width-2*pad)
		}
	}
}

func TestWrap(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		n    int
		want []string
	}{
		{"", 10, []string{""}},
		{"one", 10, []string{"one"}},
		{"one two three", 7, []string{"one two", "three"}},
		{"a\nb  c", 10, []string{"a b c"}},
		{"unbreakable-word x", 5, []string{"unbreakable-word", "x"}},
		{"ب ت ث", 3, []string{"ب ت", "ث"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.s, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func TestPercents(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want []int
	}{
		{[]int{12, 18}, []int{40, 60}},
		{[]int{1, 2}, []int{33, 67}},
		{[]int{1, 1, 1}, []int{34, 33, 33}},
		{[]int{0, 0}, []int{0, 0}},
		{[]int{0, 7}, []int{0, 100}},
		{[]int{-3, 1}, []int{0, 100}},
		{[]int{1, 999}, []int{0, 100}},
		{[]int{5, 995}, []int{1, 99}},
		{nil, []int{}},
	}
	for _, tt := range tests {
		got := Percents(tt.in...)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Percents(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCleanID(t *testing.T) {
	t.Parallel()
	tests := map[string]string{"": "chart", "a-b_9": "a-b_9", `a"b c`: "a-b-c", "نساء": "----"}
	for in, want := range tests {
		if got := cleanID(in); got != want {
			t.Errorf("cleanID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNum(t *testing.T) {
	t.Parallel()
	tests := map[float64]string{0: "0", -0.001: "0", 1.5: "1.5", 2.0 / 3: "0.67", 320: "320", 1e-9: "0"}
	for in, want := range tests {
		if got := num(in); got != want {
			t.Errorf("num(%v) = %q, want %q", in, got, want)
		}
	}
}

// doc is the decoded chart.
type doc struct {
	Role       string   `xml:"role,attr"`
	LabelledBy string   `xml:"aria-labelledby,attr"`
	ViewBox    string   `xml:"viewBox,attr"`
	Width      string   `xml:"width,attr"`
	Height     string   `xml:"height,attr"`
	Direction  string   `xml:"direction,attr"`
	FontSize   string   `xml:"font-size,attr"`
	TitleEl    named    `xml:"title"`
	DescEl     named    `xml:"desc"`
	Title      string   `xml:"-"`
	TitleID    string   `xml:"-"`
	Desc       string   `xml:"-"`
	DescID     string   `xml:"-"`
	Rects      []rect   `xml:"rect"`
	Texts      []textEl `xml:"text"`
}

type named struct {
	ID   string `xml:"id,attr"`
	Body string `xml:",chardata"`
}

type rect struct {
	Class string  `xml:"class,attr"`
	X     float64 `xml:"x,attr"`
	Y     float64 `xml:"y,attr"`
	W     float64 `xml:"width,attr"`
	H     float64 `xml:"height,attr"`
	Fill  string  `xml:"fill,attr"`
}

type textEl struct {
	Class    string  `xml:"class,attr"`
	X        float64 `xml:"x,attr"`
	Y        float64 `xml:"y,attr"`
	Anchor   string  `xml:"text-anchor,attr"`
	FontSize string  `xml:"font-size,attr"`
	Body     string  `xml:",chardata"`
}

// rects returns the rectangles whose class list holds cls.
func (d doc) rects(cls string) []rect {
	var out []rect
	for _, r := range d.Rects {
		if hasClass(r.Class, cls) {
			out = append(out, r)
		}
	}
	return out
}

// textEls returns the text elements of class cls.
func (d doc) textEls(cls string) []textEl {
	var out []textEl
	for _, x := range d.Texts {
		if hasClass(x.Class, cls) {
			out = append(out, x)
		}
	}
	return out
}

// texts returns the contents of the text elements of class cls.
func (d doc) texts(cls string) []string {
	var out []string
	for _, x := range d.textEls(cls) {
		out = append(out, x.Body)
	}
	return out
}

func hasClass(list, cls string) bool {
	for _, c := range strings.Fields(list) {
		if c == cls {
			return true
		}
	}
	return false
}

func near(a, b float64) bool { return a-b < 0.02 && b-a < 0.02 }

// wellFormed decodes out with a strict XML decoder, token by token (which
// catches any syntax error) and then into a doc.
func wellFormed(t *testing.T, out template.HTML) doc {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(string(out)))
	dec.Strict = true
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, out)
		}
	}
	var d doc
	if err := xml.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	d.Title, d.TitleID = d.TitleEl.Body, d.TitleEl.ID
	d.Desc, d.DescID = d.DescEl.Body, d.DescEl.ID
	return d
}

// FuzzLabels checks that any label and value text gives well-formed XML.
func FuzzLabels(f *testing.F) {
	f.Add("العرائض <b>", "1.234", 3)
	f.Add("]]>&#0;\x00\xff", "", -1)
	f.Fuzz(func(t *testing.T, label, value string, n int) {
		o := Options{Title: label, Dir: "rtl", ID: label, Lang: value, Empty: label}
		wellFormed(t, HBar([]Bar{{Label: label, Value: n, Display: value}, {Label: value, Value: 1}}, o))
		if out := Share([2]Part{{Label: label, Value: n, Display: value}, {Label: value, Value: 2}}, o); out != "" {
			wellFormed(t, out)
		}
	})
}
