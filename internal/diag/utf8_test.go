package diag

import "testing"

func TestCheckUTF8(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src   string
		first int
		want  string
	}{
		{"نص سليم\nTexte\n", 1, ""},
		{"", 1, ""},
		{"\xff", 1, "f.md:1:1: the text is not UTF-8: byte 0xFF is not part of a character"},
		{"a\nbé\xe9t\xe9\n", 1, "f.md:2:3: the text is not UTF-8: byte 0xE9 is not part of a character"},
		{"سطر\nكلمة \xd8\n", 5, "f.md:6:6: the text is not UTF-8: byte 0xD8 is not part of a character"},
		{"ok\xed\xa0\x80", 0, "f.md:1:3: the text is not UTF-8: byte 0xED is not part of a character"}, // a surrogate
	}
	for _, tt := range tests {
		e := CheckUTF8("f.md", []byte(tt.src), tt.first)
		got := ""
		if e != nil {
			got = e.Pos.String() + ": " + e.Msg
			if e.Hint == "" {
				t.Errorf("CheckUTF8(%q): no hint", tt.src)
			}
		}
		if got != tt.want {
			t.Errorf("CheckUTF8(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}
