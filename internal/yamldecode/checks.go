package yamldecode

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"

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
				if sug := diag.Suggest(s, allowed); sug != "" {
					msg += fmt.Sprintf("; did you mean %q?", sug)
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

func checkEmail(s string) (msg, hint string) {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") {
		return fmt.Sprintf("expected an e-mail address such as contact@commune.ma, found %q", s), ""
	}
	return "", ""
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
