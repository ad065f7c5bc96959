package check

import (
	"fmt"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/law"
	"github.com/tadafor/tadafor/internal/project"
	"github.com/tadafor/tadafor/internal/site"
)

// fallbackKind is a kind of text the sites show that the project's files
// may not have in every language the site publishes.
type fallbackKind struct {
	// what names the texts in a message ("region names").
	what string
	// texts are the texts of this kind the sites checked show.
	texts func(c *checker) []site.Text
	// hint says how to give them the missing language, where the
	// project's files can; lang is the language's code.
	hint func(lang string) string
}

// fallbackKinds are the texts that can exist in fewer languages than the
// site's: those the program supplies (census names, legal references)
// and those with a default. The texts an editor writes (profiles,
// records, front matter) must exist in every language: the loader says so.
var fallbackKinds = []fallbackKind{
	{
		what: "the portal's title",
		texts: func(c *checker) []site.Text {
			return []site.Text{c.p.Settings.Title}
		},
		hint: func(lang string) string {
			return fmt.Sprintf("write it under title: in %s, as %s: …", project.SettingsFile, lang)
		},
	},
	{
		what:  "region names",
		texts: communeTexts(func(c *site.Commune) site.Text { return c.RegionName }),
		hint:  func(string) string { return "the census data names regions in Arabic and French" },
	},
	{
		what:  "province names",
		texts: communeTexts(func(c *site.Commune) site.Text { return c.ProvinceName }),
		hint:  func(string) string { return "the census data names provinces and prefectures in Arabic and French" },
	},
	{
		what: "legal references",
		texts: func(*checker) []site.Text {
			var ts []site.Text
			for _, f := range law.Figures() {
				ts = append(ts, f.Ref)
			}
			return ts
		},
		hint: func(string) string { return "the legal references are written in Arabic and French" },
	},
}

// communeTexts returns the texts of kind text of every commune checked.
func communeTexts(text func(*site.Commune) site.Text) func(*checker) []site.Text {
	return func(c *checker) []site.Text {
		ts := make([]site.Text, len(c.p.Communes))
		for i, cm := range c.p.Communes {
			ts[i] = text(cm.Profile)
		}
		return ts
	}
}

// fallbacks warns, once per language and kind of text, when the sites
// show a text in another language because it does not exist in theirs
// (site.Text.In), at the language's line in the settings.
func (c *checker) fallbacks() {
	for i, l := range c.langs {
		at := diag.Pos{File: project.SettingsFile}
		if i < len(c.p.Settings.LanguagesPos) {
			at = c.p.Settings.LanguagesPos[i]
		}
		for _, k := range fallbackKinds {
			from := fallbackFrom(k.texts(c), l.Code)
			if from == "" {
				continue
			}
			c.add(diag.SevWarning, at, k.hint(l.Code)+"; a text missing in a language is shown in French, or else in Arabic (README.md, Languages)",
				"%s: missing in %s, shown in %s on the %s pages", k.what, langName(l), langName(c.lang(from)), l.Code)
		}
	}
}

// fallbackFrom returns the language the first of texts that falls back
// from lang is shown in, or "" when none does.
func fallbackFrom(texts []site.Text, lang string) string {
	for _, t := range texts {
		if _, in := t.In(lang); in != "" && in != lang {
			return in
		}
	}
	return ""
}

// lang returns the site's language with the given code, or one named by
// its code alone.
func (c *checker) lang(code string) site.Lang {
	for _, l := range c.langs {
		if l.Code == code {
			return l
		}
	}
	return site.Lang{Code: code}
}
