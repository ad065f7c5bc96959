package render

import (
	"net/url"
	"testing"
)

func TestRelURL(t *testing.T) {
	t.Parallel()
	tests := []struct{ from, to, want string }{
		{"ar", "ar/index.html", "../ar/index.html"},
		{"ar/participation", "ar/index.html", "../../ar/index.html"},
		{"ar/participation/petitions", "fr/participation/petitions/index.html", "../../../fr/participation/petitions/index.html"},
		{"ar/participation", "ar/participation/petitions/index.html", "../../ar/participation/petitions/index.html"},
		{"", "ar/index.html", "ar/index.html"},
		{"ar", "css/style.css", "../css/style.css"},
		{"ar/المشاركة", "ar/المشاركة/العرائض/index.html", "../../ar/%D8%A7%D9%84%D9%85%D8%B4%D8%A7%D8%B1%D9%83%D8%A9/%D8%A7%D9%84%D8%B9%D8%B1%D8%A7%D8%A6%D8%B6/index.html"},
		{"fr/a b", "fr/a b/c?d/index.html", "../../fr/a%20b/c%3Fd/index.html"},
	}
	for _, tt := range tests {
		if got := relURL(tt.from, tt.to); got != tt.want {
			t.Errorf("relURL(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

// TestPlainDestAgreesWithURLParse checks the shortcut of ResolveLink
// against url.Parse on the destinations it accepts.
func TestPlainDestAgreesWithURLParse(t *testing.T) {
	t.Parallel()
	for _, dest := range []string{"guide.md", "../a/b.md#étapes", "/participation/x.md", "#top", "a b.md", "docs/form.pdf", "x.md#a#b", "", "مشاركة/عرائض.md#من-يمكنه"} {
		path, frag, ok := plainDest(dest)
		if !ok {
			t.Errorf("plainDest(%q) refused", dest)
			continue
		}
		u, err := url.Parse(dest)
		if err != nil {
			t.Errorf("url.Parse(%q): %v", dest, err)
			continue
		}
		if path != u.Path || frag != u.Fragment {
			t.Errorf("plainDest(%q) = %q, %q; url.Parse gives %q, %q", dest, path, frag, u.Path, u.Fragment)
		}
	}
	for _, dest := range []string{"https://x.ma", "mailto:a@b.ma", "a%20b.md", "x.md?q", "//host/x", "a\tb.md"} {
		if _, _, ok := plainDest(dest); ok {
			t.Errorf("plainDest(%q) accepted", dest)
		}
	}
}
