package yamldecode

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/segment"
)

// checkString applies the string checks of a field to v.
func (d *Decoder) checkString(v Value, path string, checks []string, errs *diag.List) {
	s := strings.TrimSpace(v.Scalar)
	for _, c := range checks {
		if s == "" {
			return // emptiness is the job of "required"
		}
		name, arg, _ := strings.Cut(c, "=")
		var msg, hint string
		switch name {
		case "email":
			msg, hint = checkEmail(s)
		case "phone":
			msg, hint = checkPhone(s)
		case "url":
			msg, hint = checkURL(s, false)
		case "https":
			msg, hint = checkURL(s, true)
		case "slug":
			if !segment.IsID(s) {
				msg, hint = fmt.Sprintf("expected a name of lower-case letters, digits and hyphens, found %q", s), "for example \"my-theme\""
			}
		case "lang":
			if !langRE.MatchString(s) {
				msg, hint = fmt.Sprintf("expected a language code such as \"ar\", \"fr\" or \"zgh\", found %q", s), ""
			}
		case "oneof":
			allowed := strings.Split(arg, "|")
			if !contains(allowed, s) {
				msg = fmt.Sprintf("expected one of %s, found %q", quoteAll(allowed), s)
				if q := diag.DidYouMean(s, allowed); q != "" {
					msg += "; " + q
				}
			}
		}
		if msg != "" {
			errs.Add(v.Pos, "%s", msg).Hint = hint
		}
	}
}

var (
	langRE  = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)
	phoneRE = regexp.MustCompile(`^(?:\+212|00212|0)([5-8][0-9]{8})$`)
)

// checkEmail accepts an address alone, as a profile gives it and a page
// writes it after "mailto:": one local part of ASCII letters, digits and
// . _ + - (no dot first, last or twice in a row), one @, and a domain of
// at least two labels of letters (of any script), digits and hyphens.
// Anything a mail link would read as more than an address — ?cc=, a
// second @, a display name, spaces, "mailto:" — is refused, though RFC
// 5322 allows some of it in a local part.
func checkEmail(s string) (msg, hint string) {
	why := emailProblem(s)
	if why == "" {
		return "", ""
	}
	return fmt.Sprintf("expected an e-mail address such as contact@commune.ma, found %q", s), why
}

// emailProblem says what is wrong with the address s, "" when nothing is.
func emailProblem(s string) string {
	const alone = "write the address alone, such as contact@commune.ma"
	switch {
	case strings.HasPrefix(strings.ToLower(s), "mailto:"):
		return "write the address without \"mailto:\""
	case strings.ContainsAny(s, "<>\""):
		return alone + ", without a name, quotes or < >"
	case strings.IndexFunc(s, unicode.IsSpace) >= 0:
		return "an e-mail address has no spaces"
	case strings.ContainsAny(s, "?#&=/\\%:;,!"):
		return alone + ": no ?, #, &, =, /, %, :, ; or , (a mail link would read them as more than an address)"
	case strings.Count(s, "@") != 1:
		return "an e-mail address has exactly one @"
	}
	local, domain, _ := strings.Cut(s, "@")
	if len(local) > 64 || len(s) > 254 || !emailLocalRE.MatchString(local) {
		return "before the @, use letters a to z, digits and . _ + - (not a dot first, last or twice in a row)"
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return "the domain after the @ needs a dot, such as commune.ma"
	}
	for _, l := range labels {
		if !emailLabel(l) {
			return "after the @, use a domain such as commune.ma: letters, digits and hyphens between the dots"
		}
	}
	return ""
}

// emailLocalRE is the local part checkEmail accepts.
var emailLocalRE = regexp.MustCompile(`^[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*$`)

// emailLabel reports whether l is a label of a domain name: letters of
// any script, digits and hyphens, not starting or ending with a hyphen, at
// most 63 bytes.
func emailLabel(l string) bool {
	if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for _, r := range l {
		if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

// checkPhone accepts Moroccan numbers written as 05 22 12 34 56,
// 0522-123456, +212 5 22 12 34 56 or 00212522123456.
func checkPhone(s string) (msg, hint string) {
	digits := strings.NewReplacer(" ", "", "-", "", ".", "", "(0)", "", "\u00a0", "").Replace(s)
	if phoneRE.MatchString(digits) {
		return "", ""
	}
	return fmt.Sprintf("expected a Moroccan phone number, found %q", s),
		"write it as +212 5 22 12 34 56 or 05 22 12 34 56 (ten digits starting with 05, 06, 07 or 08)"
}

func checkURL(s string, httpsOnly bool) (msg, hint string) {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Sprintf("expected a web address starting with https://, found %q", s), ""
	}
	if httpsOnly && u.Scheme != "https" {
		return fmt.Sprintf("expected a secure web address (https://), found %q", s), "replace http:// by https://"
	}
	return "", ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteAll(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
