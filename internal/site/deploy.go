package site

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/tadafor/tadafor/internal/diag"
	"github.com/tadafor/tadafor/internal/yamldecode"
)

// Destination is where a site is published by "tadafor deploy": a URL
// such as sftp://user@host/var/www/site (see ParseDestination). It is
// checked when the profile or tadafor.yaml is loaded, so that a mistake
// is reported with its position before anything is built.
type Destination string

// DestinationSchemes are the schemes a Destination may have.
var DestinationSchemes = []string{"file", "sftp", "ftps", "ftp", "s3"}

// DestinationError says what is wrong with a destination URL and how to
// fix it. Its texts never repeat the URL, which may hold a password.
type DestinationError struct {
	Msg  string
	Hint string
}

func (e *DestinationError) Error() string {
	if e.Hint == "" {
		return e.Msg
	}
	return e.Msg + "; " + e.Hint
}

// ParseDestination parses and checks a destination URL: a known scheme,
// no password (secrets never live in the project), a host where the
// scheme needs one, a path, and for s3:// only the query keys endpoint
// and region. Errors are *DestinationError.
func ParseDestination(s string) (*url.URL, error) {
	bad := func(msg, hint string) (*url.URL, error) {
		return nil, &DestinationError{Msg: msg, Hint: hint}
	}
	scheme, _, found := strings.Cut(s, "://")
	if !found {
		return bad("expected an address such as sftp://user@host/var/www/site or file:///srv/www/site",
			"write the scheme ("+strings.Join(DestinationSchemes, ", ")+") followed by ://")
	}
	scheme = strings.ToLower(scheme)
	if !slices.Contains(DestinationSchemes, scheme) {
		msg := fmt.Sprintf("unknown scheme %q", scheme)
		if q := diag.DidYouMean(scheme, DestinationSchemes); q != "" {
			msg += "; " + q
		}
		return bad(msg, "tadafor publishes to "+strings.Join(DestinationSchemes, "://, ")+"://")
	}
	u, err := url.Parse(s)
	if err != nil {
		// url.Error repeats the URL; say only what is wrong.
		var reason string
		if ue, ok := err.(*url.Error); ok {
			reason = ue.Err.Error()
		}
		return bad("this is not a valid address: "+reason, "write special characters of the path as %XX")
	}
	if _, has := u.User.Password(); has {
		return bad("the address contains a password, and passwords never go into the project",
			"remove \":password\" and put the password in the environment variable TADAFOR_PASSWORD or in ~/.netrc (see docs/hosting.md)")
	}
	if u.Fragment != "" {
		return bad("the address has a fragment (#…)", "remove the part from #")
	}
	if scheme != "s3" && u.RawQuery != "" {
		return bad(fmt.Sprintf("a %s:// address takes no parameters after \"?\"", scheme), "remove the part from ?")
	}
	switch scheme {
	case "file":
		if u.Host != "" && u.Host != "localhost" {
			return bad(fmt.Sprintf("a file:// address names a folder of this computer, not the host %q", u.Host),
				"write three slashes and the absolute path: file:///var/www/site")
		}
		if u.User != nil {
			return bad("a file:// address has no account", "write file:///path/to/folder")
		}
		if u.Path == "" || u.Path == "/" {
			return bad("expected the absolute path of a folder after file://", "for example file:///var/www/site")
		}
	case "sftp", "ftps", "ftp":
		if u.Hostname() == "" {
			return bad("the address names no host", fmt.Sprintf("write %s://user@host/path", scheme))
		}
		if u.User == nil || u.User.Username() == "" {
			return bad("the address names no account", fmt.Sprintf("write the account before the host: %s://user@%s/…", scheme, u.Hostname()))
		}
		if p := u.Port(); p != "" {
			if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
				return bad(fmt.Sprintf("port %q is not a port number", p), "leave it out for the default port")
			}
		}
		if u.Path == "" {
			return bad("the address names no folder", fmt.Sprintf("add the folder of the site on the host: %s://%s@%s/www", scheme, u.User.Username(), u.Host))
		}
	case "s3":
		if u.Host == "" {
			return bad("the address names no bucket", "write s3://bucket/prefix?endpoint=…&region=…")
		}
		if u.User != nil {
			return bad("an s3:// address has no account: the keys come from the environment",
				"remove the part before @ and set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (see docs/hosting.md)")
		}
		for k := range u.Query() {
			if k != "endpoint" && k != "region" {
				msg := fmt.Sprintf("unknown parameter %q", k)
				if q := diag.DidYouMean(k, []string{"endpoint", "region"}); q != "" {
					msg += "; " + q
				}
				return bad(msg, "an s3:// address takes endpoint and region")
			}
		}
		if ep := u.Query().Get("endpoint"); ep != "" {
			if e, err := url.Parse(ep); err != nil || (e.Scheme != "https" && e.Scheme != "http") || e.Host == "" {
				return bad(fmt.Sprintf("endpoint %q is not a web address", ep), "write endpoint=https://s3.example.com")
			}
		}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == ".." || seg == "." {
			return bad("the path has a \".\" or \"..\" folder", "write the path of the folder without them")
		}
	}
	u.Scheme = scheme
	return u, nil
}

// Redacted is d as it may be shown in messages: the URL without any
// password or query secret (ParseDestination refuses passwords, but a
// Destination that failed the check is shown through this too).
func (d Destination) Redacted() string {
	u, err := url.Parse(string(d))
	if err != nil {
		return "(an invalid address)"
	}
	return u.Redacted()
}

// UnmarshalYAMLValue decodes and checks a destination, reporting a
// mistake at the value's position.
func (d *Destination) UnmarshalYAMLValue(v yamldecode.Value, path string, dec *yamldecode.Decoder) diag.List {
	if v.Kind != "scalar" {
		return diag.List{diag.Errorf(v.Pos, "expected an address such as sftp://user@host/var/www/site")}
	}
	s := strings.TrimSpace(v.Scalar)
	if _, err := ParseDestination(s); err != nil {
		e := err.(*DestinationError)
		return diag.List{{Pos: v.Pos, Msg: e.Msg, Hint: e.Hint}}
	}
	*d = Destination(s)
	return nil
}
