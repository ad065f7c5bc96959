package render

import (
	"html/template"
	"strings"
)

// Links make the addresses a page links to, relative to it: the site's
// pages by key, its published files, phone numbers. Layouts reach them as
// .Links
//
//	<a href="{{ .Links.Page "contact" }}">  <a href="{{ .Links.File .Minutes }}">
//
// Every page at the same depth of the same site and language has the same
// Links (see relURL). A Links is a small value, safe for concurrent use.
type Links struct {
	// tree is the site in the page's language, nil on the portal.
	tree *tree
	// base is what every link of the page to its own site starts with:
	// the way up from its folder to the site's root (rootOf), or the path
	// of the site's address on the 404 page, served at any address.
	base string
	// langs are the codes of the site's languages.
	langs []string
}

// Page returns the address of the page with key (e.g. "contact" or
// "participation/index") in this language, or "" when there is none.
func (l Links) Page(key string) string {
	if l.tree == nil {
		return ""
	}
	n, ok := l.tree.byKey[key]
	if !ok {
		return ""
	}
	return l.base + escapePath(n.file())
}

// File is the address of a file of the site's static folder (e.g. a
// document's "docs/budget-2026.pdf"), or the address itself when it is
// already absolute (https://…).
func (l Links) File(file string) string {
	if strings.Contains(file, "://") {
		return file
	}
	file = strings.TrimPrefix(file, "/")
	return l.base + escapePath(file)
}

// Tel turns a written phone number into a tel: link, in international
// form when the number is Moroccan (tel:+212…), so that it dials from
// abroad too.
func (Links) Tel(phone string) template.URL {
	if intl := internationalPhone(phone); intl != "" {
		return template.URL("tel:" + intl)
	}
	return template.URL("tel:" + telDigits(phone))
}

// Session is the address of the page of the council session with ID id.
func (l Links) Session(id string) string { return l.Page(sessionKey(id)) }

// Petition is the address of the page of the petition with reference ref
// ("P-2026/001").
func (l Links) Petition(ref string) string { return l.Page(petitionKey(ref)) }

// Project is the address of the page of the project with ID project of
// the participatory budget's cycle with ID cycle.
func (l Links) Project(cycle, project string) string { return l.Page(projectKey(cycle, project)) }

// Body is the address of the page of the consultative body with ID id.
func (l Links) Body(id string) string { return l.Page(bodyKey(id)) }

// OpenData lists the open-data files of the commune site, nil on the
// portal.
func (l Links) OpenData() []OpenDataFile {
	if l.tree == nil {
		return nil
	}
	var files []OpenDataFile
	for _, name := range openDataNames(l.langs) {
		stem, ext, _ := strings.Cut(name, ".")
		files = append(files, OpenDataFile{Name: strings.ReplaceAll(stem, "-", "_"), Format: strings.ToUpper(ext), URL: l.File(OpenDataDir + "/" + name)})
	}
	return files
}
