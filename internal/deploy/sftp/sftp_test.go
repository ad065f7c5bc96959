package sftp_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tadafor/tadafor/internal/deploy"
	"github.com/tadafor/tadafor/internal/deploy/deploytest"
	"github.com/tadafor/tadafor/internal/deploy/sftp"
)

// env is an environment holding only vars.
func env(vars map[string]string) deploy.Env {
	return deploy.Env{Getenv: func(k string) string { return vars[k] }, Home: "/nonexistent"}
}

// dest is an sftp:// destination to the folder dir of the server at
// port, as root with the test's key.
func dest(t *testing.T, srv *deploytest.SSHD, port int, dir string, vars map[string]string) *sftp.Destination {
	t.Helper()
	if vars == nil {
		vars = map[string]string{deploy.SSHKeyVar: srv.ClientKey, deploy.KnownHostsVar: srv.KnownHosts}
	}
	u, err := url.Parse(fmt.Sprintf("sftp://root@127.0.0.1:%d%s", port, filepath.ToSlash(dir)))
	if err != nil {
		t.Fatal(err)
	}
	return sftp.New(u, sftp.Config{Env: env(vars)})
}

func TestSFTP(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartSSHD(t)
	deploytest.Suite(t, 40, func(t *testing.T) deploytest.Target {
		dir := t.TempDir()
		return deploytest.Target{Dest: dest(t, srv, srv.Port, dir, nil), Dir: dir}
	})
}

func TestSFTPConnectionCutInTheMiddle(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartSSHD(t)
	proxy := deploytest.StartProxy(t, srv.Addr)
	dir := t.TempDir()
	// known_hosts names the proxy's port too.
	known := filepath.Join(t.TempDir(), "known_hosts")
	line := fmt.Sprintf("[127.0.0.1]:%d %s[127.0.0.1]:%d %s", srv.Port, marshal(srv), proxy.Port, marshal(srv))
	os.WriteFile(known, []byte(line), 0o600)
	vars := map[string]string{deploy.SSHKeyVar: srv.ClientKey, deploy.KnownHostsVar: known}
	deploytest.Interrupted(t, 60, deploytest.Target{Dir: dir},
		dest(t, srv, srv.Port, dir, vars), dest(t, srv, proxy.Port, dir, vars), proxy, 0)
}

// marshal is the server's key as a known_hosts line ends.
func marshal(srv *deploytest.SSHD) string { return srv.HostKey + "\n" }

// A connection lost once is opened again and the deploy completes in the
// same run.
func TestSFTPRetriesAfterALostConnection(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartSSHD(t)
	proxy := deploytest.StartProxy(t, srv.Addr)
	known := filepath.Join(t.TempDir(), "known_hosts")
	os.WriteFile(known, []byte(fmt.Sprintf("[127.0.0.1]:%d %s", proxy.Port, marshal(srv))), 0o600)
	dir := t.TempDir()
	site := t.TempDir()
	deploytest.WriteSite(t, site, 40, "v1")
	proxy.CutAfter(100_000, true)
	d := dest(t, srv, proxy.Port, dir, map[string]string{deploy.SSHKeyVar: srv.ClientKey, deploy.KnownHostsVar: known})
	deploytest.Run(t, site, d, deploy.Options{Retry: deploy.Retry{Wait: time.Millisecond}})
	if proxy.Cuts() != 1 {
		t.Fatalf("the proxy cut %d times, want 1", proxy.Cuts())
	}
	deploytest.SameFiles(t, site, dir)
}

func TestSFTPWrongPassword(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartSSHD(t)
	d := dest(t, srv, srv.Port, t.TempDir(), map[string]string{deploy.PasswordVar: "not-the-password", deploy.KnownHostsVar: srv.KnownHosts})
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, d, deploy.Options{})
	var e *deploy.Error
	if !errors.As(err, &e) || e.Kind != deploy.AuthFailed {
		t.Fatalf("got %v, want AuthFailed", err)
	}
	msg := err.Error()
	for _, want := range []string{"sftp://root@127.0.0.1:", `refused the account "root"`, "TADAFOR_PASSWORD"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message %q does not say %q", msg, want)
		}
	}
	if strings.Contains(msg, "not-the-password") {
		t.Errorf("the message shows the password: %q", msg)
	}
}

func TestSFTPUnknownHostKeyIsRefusedThenAcceptedOnRequest(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartSSHD(t)
	known := filepath.Join(t.TempDir(), "ssh", "known_hosts") // missing: every host is unknown
	vars := map[string]string{deploy.SSHKeyVar: srv.ClientKey, deploy.KnownHostsVar: known}
	dir := t.TempDir()
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest(t, srv, srv.Port, dir, vars), deploy.Options{})
	var e *deploy.Error
	if !errors.As(err, &e) || e.Kind != deploy.HostKeyUnknown {
		t.Fatalf("got %v, want HostKeyUnknown", err)
	}
	fp := srv.Fingerprint
	if !strings.Contains(err.Error(), fp) || !strings.Contains(err.Error(), "--accept-new-host-key") {
		t.Errorf("the message %q does not give the fingerprint %s and the way to accept it", err, fp)
	}
	if n := countEntries(dir); n != 0 {
		t.Fatalf("%d files were sent to an unknown host", n)
	}

	var notices []string
	u, _ := url.Parse(fmt.Sprintf("sftp://root@127.0.0.1:%d%s", srv.Port, dir))
	accepting := sftp.New(u, sftp.Config{Env: env(vars), AcceptNewHostKey: true, Notice: func(s string) { notices = append(notices, s) }})
	deploytest.Run(t, site, accepting, deploy.Options{})
	if len(notices) != 1 || !strings.Contains(notices[0], fp) {
		t.Fatalf("notices %q, want one giving %s", notices, fp)
	}
	// Recorded: the next deploy needs no flag.
	deploytest.Run(t, site, dest(t, srv, srv.Port, dir, vars), deploy.Options{})

	// A server showing another key for the same address is refused,
	// flag or not.
	other := deploytest.StartSSHD(t)
	proxy := deploytest.StartProxy(t, other.Addr)
	changed := filepath.Join(t.TempDir(), "known_hosts")
	os.WriteFile(changed, []byte(fmt.Sprintf("[127.0.0.1]:%d %s", proxy.Port, marshal(srv))), 0o600)
	u2, _ := url.Parse(fmt.Sprintf("sftp://root@127.0.0.1:%d%s", proxy.Port, dir))
	impostor := sftp.New(u2, sftp.Config{Env: env(map[string]string{deploy.SSHKeyVar: other.ClientKey, deploy.KnownHostsVar: changed}), AcceptNewHostKey: true})
	_, err = deploy.Deploy(context.Background(), deploy.Site{Dir: site}, impostor, deploy.Options{})
	if !errors.As(err, &e) || e.Kind != deploy.HostKeyChanged {
		t.Fatalf("got %v, want HostKeyChanged", err)
	}
	if !strings.Contains(err.Error(), "ssh-keygen -R 127.0.0.1") {
		t.Errorf("the message %q does not say how to forget the old key", err)
	}
}

func TestSFTPMissingFolderAndRefusedConnection(t *testing.T) {
	t.Parallel()
	srv := deploytest.StartSSHD(t)
	site := t.TempDir()
	deploytest.WriteSite(t, site, 10, "v1")
	_, err := deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest(t, srv, srv.Port, "/nonexistent/www", nil), deploy.Options{})
	var e *deploy.Error
	if !errors.As(err, &e) || e.Kind != deploy.NoFolder {
		t.Fatalf("got %v, want NoFolder", err)
	}

	_, err = deploy.Deploy(context.Background(), deploy.Site{Dir: site}, dest(t, srv, deploytest.FreePort(t), "/tmp", nil), deploy.Options{})
	if !errors.As(err, &e) || e.Kind != deploy.Refused {
		t.Fatalf("got %v, want Refused", err)
	}
	if !strings.Contains(err.Error(), "refused the connection") || !strings.Contains(err.Error(), "check the port") {
		t.Errorf("message %q", err)
	}
}

func countEntries(dir string) int {
	entries, _ := os.ReadDir(dir)
	return len(entries)
}
