package site

import (
	"strings"
	"testing"
)

func TestParseDestination(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, wantErr string
	}{
		{"file:///var/www/site", ""},
		{"sftp://web@host.ma/var/www/site", ""},
		{"sftp://web@host.ma:2222/~/www", ""},
		{"ftps://web@ftp.host.ma/public_html", ""},
		{"ftp://web@ftp.host.ma/", ""},
		{"s3://bucket/communes/berkane?endpoint=https://s3.example.com&region=fr-par", ""},
		{"s3://bucket", ""},
		{"SFTP://web@host.ma/www", ""},
		{"host.ma/www", "expected an address such as"},
		{"http://host.ma/www", `unknown scheme "http"`},
		{"sftp://web:secret@host.ma/www", "contains a password"},
		{"ftps://web:@host.ma/www", "contains a password"},
		{"sftp://host.ma/www", "names no account"},
		{"sftp://web@/www", "names no host"},
		{"sftp://web@host.ma", "names no folder"},
		{"sftp://web@host.ma:99999/www", "not a port number"},
		{"sftp://web@host.ma/www/../etc", `"." or ".."`},
		{"sftp://web@host.ma/www?x=1", "takes no parameters"},
		{"file://host/var/www", "not the host"},
		{"file:///", "absolute path of a folder"},
		{"s3://key:secret@bucket/x", "contains a password"},
		{"s3://user@bucket/x", "has no account"},
		{"s3://bucket/x?endpont=https://e", `did you mean "endpoint"?`},
		{"s3://bucket/x?endpoint=e.com", "not a web address"},
		{"sftp://web@host.ma/www#top", "fragment"},
	} {
		_, err := ParseDestination(tc.in)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%s: %v", tc.in, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%s: got %v, want %q", tc.in, err, tc.wantErr)
		case err != nil && strings.Contains(err.Error(), "secret"):
			t.Errorf("%s: the message shows the password: %v", tc.in, err)
		}
	}
}

// Whatever is written in a profile, an accepted destination has no
// password and no "..".
func FuzzParseDestination(f *testing.F) {
	f.Add("sftp://web@host.ma/var/www/site")
	f.Add("s3://bucket/prefix?endpoint=https://e.ma&region=x")
	f.Add("file:///srv/www")
	f.Fuzz(func(t *testing.T, s string) {
		u, err := ParseDestination(s)
		if err != nil {
			return
		}
		if _, has := u.User.Password(); has {
			t.Fatalf("accepted a password in %q", s)
		}
		if strings.Contains("/"+u.Path+"/", "/../") {
			t.Fatalf("accepted .. in %q", s)
		}
	})
}
