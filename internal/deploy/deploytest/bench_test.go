package deploytest_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/tadafor/tadafor/internal/deploy"
	"github.com/tadafor/tadafor/internal/deploy/deploytest"
	"github.com/tadafor/tadafor/internal/deploy/s3"
	"github.com/tadafor/tadafor/internal/deploy/sftp"
)

// benchFiles is the size of a commune's site.
const benchFiles = 150

// destinations returns, for each protocol, a function that makes a new
// empty destination on a server started once.
func destinations(b *testing.B) map[string]func(b *testing.B) deploy.Destination {
	sshd := deploytest.StartSSHD(b)
	gw := deploytest.StartS3(b)
	n := 0
	return map[string]func(b *testing.B) deploy.Destination{
		"sftp": func(b *testing.B) deploy.Destination {
			dir := b.TempDir()
			u, _ := url.Parse(fmt.Sprintf("sftp://root@127.0.0.1:%d%s", sshd.Port, dir))
			vars := map[string]string{deploy.SSHKeyVar: sshd.ClientKey, deploy.KnownHostsVar: sshd.KnownHosts}
			return sftp.New(u, sftp.Config{Env: deploy.Env{Getenv: func(k string) string { return vars[k] }}})
		},
		"s3": func(b *testing.B) deploy.Destination {
			n++
			bucket := fmt.Sprintf("bench-%d", n)
			gw.Bucket(b, bucket)
			u, _ := url.Parse(fmt.Sprintf("s3://%s/berkane?endpoint=%s", bucket, url.QueryEscape(gw.Endpoint)))
			vars := map[string]string{"AWS_ACCESS_KEY_ID": gw.AccessKey, "AWS_SECRET_ACCESS_KEY": gw.SecretKey}
			return s3.New(u, s3.Config{Env: deploy.Env{Getenv: func(k string) string { return vars[k] }}})
		},
	}
}

// BenchmarkFirstDeploy publishes a 150-file commune site to an empty
// destination (no manifest: every file is looked up, then sent).
func BenchmarkFirstDeploy(b *testing.B) {
	site := b.TempDir()
	deploytest.WriteSite(b, site, benchFiles, "v1")
	for _, proto := range []string{"sftp", "s3"} {
		newDest := destinations(b)[proto]
		b.Run(proto, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				dest := newDest(b)
				b.StartTimer()
				res := deploytest.Run(b, site, dest, deploy.Options{})
				if len(res.Uploaded) < benchFiles {
					b.Fatalf("uploaded %d files", len(res.Uploaded))
				}
			}
		})
	}
}

// BenchmarkOnePageChange publishes a 150-file site whose one page
// changed since the last deploy.
func BenchmarkOnePageChange(b *testing.B) {
	site := b.TempDir()
	deploytest.WriteSite(b, site, benchFiles, "v1")
	page := filepath.Join(site, "fr", "section-3", "page-10", "index.html")
	for _, proto := range []string{"sftp", "s3"} {
		dest := destinations(b)[proto](b)
		deploytest.Run(b, site, dest, deploy.Options{})
		b.Run(proto, func(b *testing.B) {
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				if err := os.WriteFile(page, []byte(fmt.Sprintf("<!doctype html><title>edit %d</title></html>\n", i)), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res := deploytest.Run(b, site, dest, deploy.Options{})
				if len(res.Uploaded) != 1 {
					b.Fatalf("uploaded %d files, want 1", len(res.Uploaded))
				}
			}
		})
	}
}
