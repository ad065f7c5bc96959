package ftps_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tadafor/tadafor/internal/deploy"
	"github.com/tadafor/tadafor/internal/deploy/deploytest"
	"github.com/tadafor/tadafor/internal/deploy/ftps"
)

func env(vars map[string]string) deploy.Env {
	return deploy.Env{Getenv: func(k string) string { return vars[k] }, Home: "/nonexistent"}
}

// dest is an ftps:// destination to the folder sub of the server's user
// at port, with password.
func dest(t *testing.T, srv *deploytest.FTPS, port int, sub, password string) *ftps.Destination {
	t.Helper()
	u, err := url.Parse(fmt.Sprintf("ftps://%s@127.0.0.1:%d/%s", srv.User, port, sub))
	if err != nil {
		t.Fatal(err)
	}
	return ftps.New(u, ftps.Config{Env: env(map[string]string{deploy.PasswordVar: password}), RootCAs: srv.RootCAs})
}

// folder makes a folder for one test in the user's folder.
func folder(t *testing.T, srv *deploytest.FTPS) (sub, dir string) {
	t.Helper()
	sub = strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
	dir = filepath.Join(srv.Dir, sub)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	return sub, dir
}

func TestFTPS(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartFTPS(t, deploytest.FTPOptions{})
	deploytest.Suite(t, 20, func(t *testing.T) deploytest.Target {
		sub, dir := folder(t, srv)
		return deploytest.Target{Dest: dest(t, srv, srv.Port, sub, srv.Password), Dir: dir}
	})
}

func TestFTPSConnectionCutInTheMiddle(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartFTPS(t, deploytest.FTPOptions{})
	proxy := deploytest.StartProxy(t, srv.Addr)
	sub, dir := folder(t, srv)
	// Data connections go straight to the server: the proxy sees the
	// commands, of which three kilobytes make some ten files.
	deploytest.Interrupted(t, 30, deploytest.Target{Dir: dir},
		dest(t, srv, srv.Port, sub, srv.Password), dest(t, srv, proxy.Port, sub, srv.Password), proxy, 3000)
}

func TestFTPSWrongPassword(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartFTPS(t, deploytest.FTPOptions{})
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest(t, srv, srv.Port, "", "wrong password"), deploy.Options{})
	var e *deploy.Error
	if !errors.As(err, &e) || e.Kind != deploy.AuthFailed {
		t.Fatalf("got %v, want AuthFailed", err)
	}
	if msg := err.Error(); !strings.Contains(msg, `refused the account "web"`) || strings.Contains(msg, "wrong password") {
		t.Errorf("message %q", msg)
	}
}

func TestFTPSUntrustedCertificateAndMissingFolder(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartFTPS(t, deploytest.FTPOptions{})
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	u, _ := url.Parse(fmt.Sprintf("ftps://web@127.0.0.1:%d/", srv.Port))
	untrusted := ftps.New(u, ftps.Config{Env: env(map[string]string{deploy.PasswordVar: srv.Password})})
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, untrusted, deploy.Options{})
	var e *deploy.Error
	if !errors.As(err, &e) || e.Kind != deploy.Certificate {
		t.Fatalf("got %v, want Certificate", err)
	}
	_, err = deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest(t, srv, srv.Port, "no/such/folder", srv.Password), deploy.Options{})
	if !errors.As(err, &e) || e.Kind != deploy.NoFolder {
		t.Fatalf("got %v, want NoFolder", err)
	}
}

func TestFTPSFullQuota(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartFTPS(t, deploytest.FTPOptions{QuotaMB: 1})
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	big := make([]byte, 3<<20)
	for i := range big {
		big[i] = byte(i * 7)
	}
	os.WriteFile(filepath.Join(site, "docs", "annual-report.pdf"), big, 0o644)
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest(t, srv, srv.Port, "", srv.Password), deploy.Options{})
	var e *deploy.Error
	if !errors.As(err, &e) || e.Kind != deploy.QuotaFull {
		t.Fatalf("got %v, want QuotaFull", err)
	}
	// Files go up in parallel: the large one fills the space, and whichever
	// file is being sent when the server refuses is the one named.
	sending := regexp.MustCompile(`(?s)the hosting space is full while sending (\S+) .*free space on the host`).FindStringSubmatch(err.Error())
	if sending == nil {
		t.Fatalf("message %q", err.Error())
	}
	if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(sending[1]))); err != nil {
		t.Errorf("the message names %q, which is not a file of the site", sending[1])
	}
	if _, err := os.Stat(filepath.Join(srv.Dir, "index.html")); err == nil {
		t.Error("a page was published although an asset could not be")
	}
}
