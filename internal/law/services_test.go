package law_test

import (
	"slices"
	"testing"

	"github.com/tadafor/tadafor/internal/law"
)

// watiqa delivers the birth extract and the full copy of the birth record
// only: no other procedure may offer it, the death extract above all.
func TestWatiqaServesOnlyBirthDocuments(t *testing.T) {
	t.Parallel()
	s, ok := law.ServiceAt("https://www.watiqa.ma")
	if !ok || s.Name != "watiqa" {
		t.Fatalf("ServiceAt(watiqa) = %+v, %v", s, ok)
	}
	allowed := []string{
		"procedures/birth-certificate-extract",
		"procedures/birth-certificate-full-copy",
		"procedures/civil-status-online", // the page on ordering those two online
	}
	for _, key := range s.Procedures {
		if !slices.Contains(allowed, key) {
			t.Errorf("watiqa is said to serve %s", key)
		}
	}
	for _, key := range []string{"procedures/death-certificate-extract", "procedures/family-booklet", "procedures/death-declaration"} {
		if s.Serves(key) {
			t.Errorf("watiqa is said to serve %s", key)
		}
	}
	if !s.Serves("procedures/birth-certificate-extract") || !s.Serves("procedures/birth-certificate-full-copy") {
		t.Error("watiqa does not serve the birth documents")
	}
}

func TestServiceAt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, want string
		ok        bool
	}{
		{"https://www.watiqa.ma", "watiqa", true},
		{"https://watiqa.ma/some/page?x=1", "watiqa", true},
		{"https://WWW.ROKHAS.MA/", "rokhas", true},
		{"https://www.idarati.ma", "", false},
		{"https://watiqa.ma.example.com", "", false},
		{"not a url %", "", false},
	}
	for _, tt := range tests {
		s, ok := law.ServiceAt(tt.url)
		if ok != tt.ok || s.Name != tt.want {
			t.Errorf("ServiceAt(%q) = %q, %v; want %q, %v", tt.url, s.Name, ok, tt.want, tt.ok)
		}
	}
	// Each call returns fresh slices.
	a := law.Services()
	a[0].Procedures[0] = "changed"
	if law.Services()[0].Procedures[0] == "changed" {
		t.Error("Services shares its slices")
	}
}

func TestIsIdaratiHome(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url  string
		home bool
	}{
		{"https://www.idarati.ma", true},
		{"https://www.idarati.ma/", true},
		{"https://idarati.ma", true},
		{"https://www.idarati.ma/fr/procedure/extrait-acte-naissance", false},
		{"https://www.idarati.ma/?q=naissance", false},
		{"https://www.watiqa.ma", false},
	}
	for _, tt := range tests {
		if got := law.IsIdaratiHome(tt.url); got != tt.home {
			t.Errorf("IsIdaratiHome(%q) = %v, want %v", tt.url, got, tt.home)
		}
	}
}
