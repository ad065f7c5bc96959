package deploy

import (
	"strings"
	"testing"
)

func TestParseManifestRefusesPathsLeavingTheSite(t *testing.T) {
	t.Parallel()
	hash := strings.Repeat("0", 64)
	for _, tc := range []struct {
		name, files string
		wantErr     string
	}{
		{"ok", `{"path":"ar/index.html","size":1,"sha256":"` + hash + `"}`, ""},
		{"dot dot", `{"path":"../etc/passwd","size":1,"sha256":"` + hash + `"}`, "leaves"},
		{"inner dot dot", `{"path":"ar/../../x","size":1,"sha256":"` + hash + `"}`, "leaves"},
		{"absolute", `{"path":"/etc/passwd","size":1,"sha256":"` + hash + `"}`, "absolute"},
		{"backslash", `{"path":"..\\x","size":1,"sha256":"` + hash + `"}`, "backslash"},
		{"drive", `{"path":"C:/x","size":1,"sha256":"` + hash + `"}`, "drive"},
		{"empty", `{"path":"","size":1,"sha256":"` + hash + `"}`, "empty"},
		{"trailing slash", `{"path":"ar/","size":1,"sha256":"` + hash + `"}`, "clean"},
		{"control", `{"path":"a\u0000b","size":1,"sha256":"` + hash + `"}`, "control"},
		{"own file", `{"path":".tadafor-manifest.json","size":1,"sha256":"` + hash + `"}`, "bookkeeping"},
		{"bad hash", `{"path":"a","size":1,"sha256":"xyz"}`, "SHA-256"},
		{"negative", `{"path":"a","size":-1,"sha256":"` + hash + `"}`, "negative"},
		{"twice", `{"path":"a","size":1,"sha256":"` + hash + `"},{"path":"a","size":1,"sha256":"` + hash + `"}`, "twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseManifest([]byte(`{"generator":"tadafor","version":1,"files":[` + tc.files + `]}`))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatal(err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("got %v, want an error about %q", err, tc.wantErr)
			}
		})
	}
}

func TestManifestRoundTrip(t *testing.T) {
	t.Parallel()
	m := Manifest{Files: []File{{"a b/é.html", 3, strings.Repeat("a", 64)}, {"z", 0, strings.Repeat("b", 64)}}}
	got, err := ParseManifest(m.Encode())
	if err != nil || len(got.Files) != 2 || got.Files[0] != m.Files[0] || got.Files[1] != m.Files[1] {
		t.Fatalf("got %+v, %v", got, err)
	}
}

// Whatever a destination holds, a manifest that parses lists only paths
// that stay inside the site.
func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(`{"generator":"tadafor","version":1,"files":[{"path":"ar/index.html","size":1,"sha256":"` + strings.Repeat("0", 64) + `"}]}`))
	f.Add([]byte(`{"generator":"tadafor","version":1,"files":[{"path":"../x","size":1,"sha256":""}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseManifest(data)
		if err != nil {
			return
		}
		for _, file := range m.Files {
			if strings.HasPrefix(file.Path, "/") || strings.Contains("/"+file.Path+"/", "/../") || strings.Contains(file.Path, `\`) {
				t.Fatalf("accepted %q", file.Path)
			}
		}
	})
}

func TestNetrcPassword(t *testing.T) {
	t.Parallel()
	netrc := []byte(`machine ftp.a.ma login alice password s3cret
machine ftp.a.ma login bob password other
macdef init
cd /x
machine evil password fromMacro

machine sftp.b.ma
  login carol
  password "quoted"
default login anon password fallback
`)
	for _, tc := range []struct{ host, account, want string }{
		{"ftp.a.ma", "alice", "s3cret"},
		{"ftp.a.ma", "bob", "other"},
		{"sftp.b.ma", "carol", `"quoted"`},
		{"elsewhere", "anon", "fallback"},
		{"evil", "x", ""},
	} {
		got, ok := netrcPassword(netrc, tc.host, tc.account)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s %s: got %q %v, want %q", tc.host, tc.account, got, ok, tc.want)
		}
	}
}
