package deploytest_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"sync"
	"testing"

	"github.com/tadafor/tadafor/internal/deploy"
	"github.com/tadafor/tadafor/internal/deploy/deploytest"
	"github.com/tadafor/tadafor/internal/deploy/s3"
	"github.com/tadafor/tadafor/internal/deploy/sftp"
)

// Communes published at once to SFTP and S3 each get their site, while
// one whose server refuses the connection fails alone.
func TestCommunesPublishedConcurrentlyOneFailing(t *testing.T) {
	t.Parallel()
	sshd := deploytest.StartSSHD(t)
	gw := deploytest.StartS3(t)
	bucket := gw.Bucket(t, "communes")
	sshVars := map[string]string{deploy.SSHKeyVar: sshd.ClientKey, deploy.KnownHostsVar: sshd.KnownHosts}
	s3Vars := map[string]string{"AWS_ACCESS_KEY_ID": gw.AccessKey, "AWS_SECRET_ACCESS_KEY": gw.SecretKey}
	sftpDest := func(port int, dir string) deploy.Destination {
		u, _ := url.Parse(fmt.Sprintf("sftp://root@127.0.0.1:%d%s", port, dir))
		return sftp.New(u, sftp.Config{Env: deploy.Env{Getenv: func(k string) string { return sshVars[k] }}})
	}
	s3Dest := func(prefix string) deploy.Destination {
		u, _ := url.Parse(fmt.Sprintf("s3://communes/%s?endpoint=%s", prefix, url.QueryEscape(gw.Endpoint)))
		return s3.New(u, s3.Config{Env: deploy.Env{Getenv: func(k string) string { return s3Vars[k] }}})
	}
	dirs := map[string]string{"berkane": t.TempDir(), "settat": filepath.Join(bucket, "settat"), "amtar": t.TempDir()}
	sites := map[string]string{}
	for name := range dirs {
		sites[name] = t.TempDir()
		deploytest.WriteSite(t, sites[name], 30, name)
	}
	jobs := []deploy.Job{
		{Name: "berkane", Site: deploy.Site{Dir: sites["berkane"]}, Dest: sftpDest(sshd.Port, dirs["berkane"])},
		{Name: "settat", Site: deploy.Site{Dir: sites["settat"]}, Dest: s3Dest("settat")},
		{Name: "amtar", Site: deploy.Site{Dir: sites["amtar"]}, Dest: sftpDest(deploytest.FreePort(t), dirs["amtar"])},
	}
	var mu sync.Mutex
	errs := map[string]error{}
	failed := deploy.All(context.Background(), jobs, 3, deploy.Options{}, func(j deploy.Job, _ deploy.Result, err error) {
		mu.Lock()
		defer mu.Unlock()
		errs[j.Name] = err
	})
	var e *deploy.Error
	if failed != 1 || !errors.As(errs["amtar"], &e) || e.Kind != deploy.Refused {
		t.Fatalf("%d failed: %v", failed, errs)
	}
	for _, name := range []string{"berkane", "settat"} {
		if errs[name] != nil {
			t.Errorf("%s: %v", name, errs[name])
		}
		deploytest.SameFiles(t, sites[name], dirs[name])
	}
}
