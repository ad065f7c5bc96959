package deploytest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// VersityGW is the S3-compatible gateway the tests run, and the version
// .ci/install-test-deps installs with go install.
const VersityGW = "github.com/versity/versitygw/cmd/versitygw@v1.8.0"

// ToolsDir is where .ci/install-test-deps installs the Go programs the
// tests run: $XDG_CACHE_HOME/tadafor/bin, or ~/.cache/tadafor/bin.
func ToolsDir() string {
	cache := os.Getenv("XDG_CACHE_HOME")
	if cache == "" {
		home, _ := os.UserHomeDir()
		cache = filepath.Join(home, ".cache")
	}
	return filepath.Join(cache, "tadafor", "bin")
}

// S3 is a running S3-compatible server storing each bucket as a folder.
type S3 struct {
	Endpoint  string // http://127.0.0.1:port
	AccessKey string
	SecretKey string
	Dir       string // the folder that holds one folder per bucket
	// Website serves the buckets as web sites, with their website
	// configuration: the host <bucket>.website.test serves <bucket>.
	Website string // http://127.0.0.1:port
}

// StartS3 starts versitygw with its posix backend on a new folder, on a
// free loopback port.
func StartS3(t testing.TB) *S3 {
	t.Helper()
	gw, err := exec.LookPath("versitygw")
	if err != nil {
		gw = filepath.Join(ToolsDir(), "versitygw")
		if _, err := os.Stat(gw); err != nil {
			msg := "versitygw is not installed (make test-deps runs go install " + VersityGW + " into " + ToolsDir() + ")"
			if os.Getenv("CI") == "true" {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
	s := &S3{AccessKey: "tadafor-test", SecretKey: "tadafor-test-secret-key", Dir: t.TempDir()}
	port, web := FreePort(t), FreePort(t)
	s.Endpoint = "http://127.0.0.1:" + strconv.Itoa(port)
	s.Website = "http://127.0.0.1:" + strconv.Itoa(web)
	start(t, gw, port, nil, "--port", "127.0.0.1:"+strconv.Itoa(port), "--access", s.AccessKey, "--secret", s.SecretKey,
		"--website", "127.0.0.1:"+strconv.Itoa(web), "--website-domain", "website.test", "--quiet", "posix", s.Dir)
	return s
}

// Bucket makes a bucket (a folder of the posix backend) and returns its
// folder.
func (s *S3) Bucket(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(s.Dir, name)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}
