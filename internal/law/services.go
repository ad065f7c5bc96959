package law

import (
	"net/url"
	"slices"
	"strings"
)

// Service is a national portal on which citizens do a procedure online.
// A procedure page may offer a portal as its online service only if the
// portal serves that procedure: the build refuses any other pairing, so
// that no page sends a citizen to order online what the portal does not
// deliver.
type Service struct {
	// Name is the portal's name as citizens know it, e.g. "watiqa".
	Name string
	// Host is the portal's host name without "www.", e.g. "watiqa.ma".
	Host string
	// Procedures are the keys of the procedure pages whose procedure the
	// portal serves, e.g. "procedures/birth-certificate-extract".
	Procedures []string
}

// Serves reports whether the portal serves the procedure of the page with
// key.
func (s Service) Serves(key string) bool { return slices.Contains(s.Procedures, key) }

// Services returns every national online service a procedure page may
// offer, in a fixed order; the slices are the caller's. It is safe for
// concurrent use.
//
// watiqa delivers online the birth extract and the full copy of the birth
// record only, not the death extract, which stays at the civil-status
// office; "procedures/civil-status-online" is the page on ordering those
// two documents there. rokhas takes the planning and economic permits,
// the permit for small works (réfection) included.
func Services() []Service {
	return []Service{
		{Name: "watiqa", Host: "watiqa.ma", Procedures: []string{
			"procedures/birth-certificate-extract",
			"procedures/birth-certificate-full-copy",
			"procedures/civil-status-online",
		}},
		{Name: "rokhas", Host: "rokhas.ma", Procedures: []string{
			"procedures/building-permit",
			"procedures/small-works-permit",
			"procedures/occupancy-permit",
			"procedures/subdivision-permit",
			"procedures/land-division-permit",
			"procedures/economic-activity-permit",
		}},
	}
}

// ServiceAt returns the national online service at the web address u
// (any path, with or without "www."), and whether u is one.
func ServiceAt(u string) (Service, bool) {
	host := hostOf(u)
	for _, s := range Services() {
		if host == s.Host {
			return s, true
		}
	}
	return Service{}, false
}

// IdaratiHost is the host of idarati, the national portal of procedure
// sheets (law 55-19): one sheet per procedure, the only list of documents
// an administration may demand.
const IdaratiHost = "idarati.ma"

// IsIdaratiHome reports whether u is the home page of idarati rather than
// the sheet of a procedure: a page must never present the portal's home
// as a procedure's sheet.
func IsIdaratiHome(u string) bool {
	p, err := url.Parse(u)
	if err != nil || hostOf(u) != IdaratiHost {
		return false
	}
	return strings.Trim(p.Path, "/") == "" && p.RawQuery == "" && p.Fragment == ""
}

// hostOf returns the lower-case host of the web address u without
// "www.", or "" when u has none.
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}
