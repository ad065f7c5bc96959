package i18n

import (
	"testing"

	"golang.org/x/text/language"
)

func mustTag(t testing.TB, s string) language.Tag {
	t.Helper()
	tag, err := language.Parse(s)
	if err != nil {
		t.Fatalf("language.Parse(%q): %v", s, err)
	}
	return tag
}
