// Package sftp is the sftp:// destination of deploy: SSH's file transfer,
// with golang.org/x/crypto/ssh (the Go project's own SSH client, with
// its known_hosts and agent packages) and github.com/pkg/sftp (the
// maintained SFTP client for it). The server's key is checked against
// known_hosts and never accepted blindly; the account authenticates
// with the SSH agent, a key file named by TADAFOR_SSH_KEY, or a password
// from TADAFOR_PASSWORD or ~/.netrc.
package sftp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/tadafor/tadafor/internal/deploy"
)

// Config holds what a connection needs besides the URL.
type Config struct {
	Env deploy.Env
	// AcceptNewHostKey records the key of a server that known_hosts does
	// not know yet, after telling its fingerprint through Notice. A key
	// that differs from the recorded one is refused all the same.
	AcceptNewHostKey bool
	// Notice receives what the user should read (a host key recorded).
	Notice func(string)
	// Timeout bounds the connection and the SSH handshake (default 30 s).
	Timeout time.Duration
}

// Destination is an sftp:// destination.
type Destination struct {
	cfg     Config
	url     string
	addr    string // host:port
	account string
	root    string // the site's folder on the server

	mu       sync.Mutex
	accepted ssh.PublicKey // a new host key accepted during this run
}

// New returns the destination of an sftp:// URL checked by
// site.ParseDestination. A path starting with /~/ is relative to the
// account's home folder.
func New(u *url.URL, cfg Config) *Destination {
	port := u.Port()
	if port == "" {
		port = "22"
	}
	root := u.Path
	if rest, ok := strings.CutPrefix(root, "/~/"); ok {
		root = rest
	}
	if root == "/~" {
		root = "."
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Destination{cfg: cfg, url: u.Redacted(), addr: net.JoinHostPort(u.Hostname(), port), account: u.User.Username(), root: root}
}

// String is the destination's URL.
func (d *Destination) String() string { return d.url }

func (d *Destination) fail(k deploy.Kind, err error) *deploy.Error {
	return &deploy.Error{Kind: k, Host: d.addr, Account: d.account, Err: err}
}

// Connect opens an SSH connection and an SFTP session on it, and checks
// that the site's folder exists.
func (d *Destination) Connect(ctx context.Context) (deploy.Conn, error) {
	auth, closeAgent, err := d.auth()
	if err != nil {
		return nil, err
	}
	defer closeAgent()
	hostKey, algos, err := d.hostKeyCallback()
	if err != nil {
		return nil, err
	}
	config := &ssh.ClientConfig{
		User:              d.account,
		Auth:              auth,
		HostKeyCallback:   hostKey,
		HostKeyAlgorithms: algos,
		Timeout:           d.cfg.Timeout,
	}
	dialer := net.Dialer{Timeout: d.cfg.Timeout}
	tcp, err := dialer.DialContext(ctx, "tcp", d.addr)
	if err != nil {
		return nil, d.fail(deploy.Classify(err), err)
	}
	tcp.SetDeadline(time.Now().Add(d.cfg.Timeout))
	stop := context.AfterFunc(ctx, func() { tcp.Close() })
	sconn, chans, reqs, err := ssh.NewClientConn(tcp, d.addr, config)
	stop()
	if err != nil {
		tcp.Close()
		return nil, d.handshakeError(err)
	}
	tcp.SetDeadline(time.Time{})
	client := ssh.NewClient(sconn, chans, reqs)
	sc, err := sftp.NewClient(client, sftp.UseConcurrentWrites(true))
	if err != nil {
		client.Close()
		return nil, d.fail(deploy.Classify(err), fmt.Errorf("start SFTP: %w", err))
	}
	c := &conn{d: d, ssh: client, sftp: sc, dirs: map[string]bool{}}
	_, c.posixRename = sc.HasExtension("posix-rename@openssh.com")
	info, err := sc.Stat(d.root)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.Close()
		return nil, &deploy.Error{Kind: deploy.NoFolder, Err: err}
	case err != nil:
		c.Close()
		return nil, c.explain(err)
	case !info.IsDir():
		c.Close()
		return nil, &deploy.Error{Kind: deploy.NoFolder, Detail: "it is a file", Err: err}
	}
	return c, nil
}

// handshakeError explains why the SSH handshake failed.
func (d *Destination) handshakeError(err error) error {
	var e *deploy.Error
	if errors.As(err, &e) {
		return e // the host key check said it
	}
	if strings.Contains(err.Error(), "unable to authenticate") {
		return d.fail(deploy.AuthFailed, err)
	}
	k := deploy.Classify(err)
	if k == deploy.Other {
		k = deploy.ConnectionLost
	}
	return d.fail(k, err)
}

// auth lists the ways to authenticate: the agent's keys, the key file of
// TADAFOR_SSH_KEY, the password. closeAgent ends the agent connection
// once the handshake is done.
func (d *Destination) auth() (methods []ssh.AuthMethod, closeAgent func(), err error) {
	closeAgent = func() {}
	env := d.cfg.Env
	if sock := env.Get("SSH_AUTH_SOCK"); sock != "" {
		if ac, err := net.Dial("unix", sock); err == nil {
			closeAgent = func() { ac.Close() }
			methods = append(methods, ssh.PublicKeysCallback(agent.NewClient(ac).Signers))
		}
	}
	if name := env.Get(deploy.SSHKeyVar); name != "" {
		pem, err := os.ReadFile(name)
		if err != nil {
			closeAgent()
			return nil, nil, &deploy.Error{Kind: deploy.AuthFailed, Host: d.addr, Account: d.account,
				Detail: fmt.Sprintf("the key file named by %s cannot be read: %v", deploy.SSHKeyVar, unwrapPath(err)), Err: err}
		}
		var signer ssh.Signer
		if pass := env.Get(deploy.SSHKeyPassphraseVar); pass != "" {
			signer, err = ssh.ParsePrivateKeyWithPassphrase(pem, []byte(pass))
		} else {
			signer, err = ssh.ParsePrivateKey(pem)
		}
		if err != nil {
			closeAgent()
			detail := fmt.Sprintf("the key file named by %s is not a private key", deploy.SSHKeyVar)
			var missing *ssh.PassphraseMissingError
			if errors.As(err, &missing) {
				detail = fmt.Sprintf("the key file named by %s needs its passphrase in %s", deploy.SSHKeyVar, deploy.SSHKeyPassphraseVar)
			} else if strings.Contains(err.Error(), "decryption password incorrect") {
				detail = fmt.Sprintf("the passphrase in %s does not open the key file", deploy.SSHKeyPassphraseVar)
			}
			return nil, nil, &deploy.Error{Kind: deploy.AuthFailed, Host: d.addr, Account: d.account, Detail: detail}
		}
		methods = append(methods, ssh.PublicKeys(signer))
	}
	host, _, _ := net.SplitHostPort(d.addr)
	if pw, ok := env.Password(host, d.account); ok {
		methods = append(methods, ssh.Password(pw), ssh.KeyboardInteractive(func(_, _ string, questions []string, _ []bool) ([]string, error) {
			answers := make([]string, len(questions))
			for i := range answers {
				answers[i] = pw
			}
			return answers, nil
		}))
	}
	if len(methods) == 0 {
		closeAgent()
		return nil, nil, &deploy.Error{Kind: deploy.AuthFailed, Host: d.addr, Account: d.account,
			Detail: fmt.Sprintf("no password nor key was given: set %s, add the host to ~/.netrc, load a key in the SSH agent, or name a key file in %s", deploy.PasswordVar, deploy.SSHKeyVar)}
	}
	return methods, closeAgent, nil
}

// knownHostsFile is the known_hosts file deploy reads and adds to.
func (d *Destination) knownHostsFile() string {
	if f := d.cfg.Env.Get(deploy.KnownHostsVar); f != "" {
		return f
	}
	return filepath.Join(d.cfg.Env.Home, ".ssh", "known_hosts")
}

// hostKeyCallback checks the server's key against known_hosts, and
// returns the key algorithms known for the host so that the server
// shows the key that was recorded.
func (d *Destination) hostKeyCallback() (ssh.HostKeyCallback, []string, error) {
	file := d.knownHostsFile()
	var known ssh.HostKeyCallback
	if _, err := os.Stat(file); err == nil {
		cb, err := knownhosts.New(file)
		if err != nil {
			return nil, nil, &deploy.Error{Kind: deploy.Other, Detail: fmt.Sprintf("%s cannot be read: %v", file, err), Err: err}
		}
		known = cb
	}
	var algos []string
	if known != nil {
		algos = knownAlgorithms(known, d.addr)
	}
	cb := func(hostname string, remote net.Addr, key ssh.PublicKey) error {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.accepted != nil && string(d.accepted.Marshal()) == string(key.Marshal()) {
			return nil
		}
		var err error = &knownhosts.KeyError{}
		if known != nil {
			err = known(hostname, remote, key)
		}
		var ke *knownhosts.KeyError
		if !errors.As(err, &ke) {
			return err
		}
		fp := ssh.FingerprintSHA256(key)
		if len(ke.Want) > 0 {
			return &deploy.Error{Kind: deploy.HostKeyChanged, Host: d.addr, Fingerprint: fp}
		}
		if !d.cfg.AcceptNewHostKey {
			return &deploy.Error{Kind: deploy.HostKeyUnknown, Host: d.addr, Fingerprint: fp}
		}
		if d.cfg.Notice != nil {
			d.cfg.Notice(fmt.Sprintf("the key of %s has the fingerprint %s (%s); it is added to %s", d.addr, fp, key.Type(), file))
		}
		if err := appendKnownHost(file, d.addr, key); err != nil {
			return &deploy.Error{Kind: deploy.Other, Detail: fmt.Sprintf("the key could not be recorded in %s: %v", file, unwrapPath(err)), Err: err}
		}
		d.accepted = key
		return nil
	}
	return cb, algos, nil
}

// knownAlgorithms returns the key algorithms recorded for addr, found by
// asking the callback about a key it cannot know.
func knownAlgorithms(cb ssh.HostKeyCallback, addr string) []string {
	tcp, err := net.ResolveTCPAddr("tcp", addr)
	if err != nil {
		tcp = &net.TCPAddr{}
	}
	var ke *knownhosts.KeyError
	if !errors.As(cb(addr, tcp, probeKey{}), &ke) {
		return nil
	}
	var algos []string
	for _, k := range ke.Want {
		switch t := k.Key.Type(); t {
		case ssh.KeyAlgoRSA:
			algos = append(algos, ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA)
		default:
			algos = append(algos, t)
		}
	}
	return algos
}

// probeKey is a key no known_hosts file holds.
type probeKey struct{}

func (probeKey) Type() string                        { return "tadafor-probe" }
func (probeKey) Marshal() []byte                     { return []byte("tadafor-probe") }
func (probeKey) Verify([]byte, *ssh.Signature) error { return errors.New("probe") }

// appendKnownHost records key for addr at the end of file, creating it
// (and ~/.ssh) readable by the user only.
func appendKnownHost(file, addr string, key ssh.PublicKey) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f, knownhosts.Line([]string{knownhosts.Normalize(addr)}, key))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// conn is one SSH connection with its SFTP session.
type conn struct {
	d           *Destination
	ssh         *ssh.Client
	sftp        *sftp.Client
	posixRename bool
	dirs        map[string]bool // folders known to exist
}

func (c *conn) Close() error {
	c.sftp.Close()
	return c.ssh.Close()
}

// remote is the server's path of rel, checked to stay inside the site's
// folder.
func (c *conn) remote(rel string) (string, error) {
	if err := deploy.CheckPath(rel); err != nil {
		return "", fmt.Errorf("refusing the path %q: %v", rel, err)
	}
	return path.Join(c.d.root, rel), nil
}

func (c *conn) Put(ctx context.Context, rel string, r io.Reader, size int64) error {
	dst, err := c.remote(rel)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { c.ssh.Close() })
	defer stop()
	if err := c.mkdirAll(path.Dir(dst)); err != nil {
		return err
	}
	tmp := path.Join(c.d.root, deploy.TempName(rel))
	f, err := c.sftp.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return c.explain(err)
	}
	n, err := f.ReadFrom(r)
	if err == nil && n != size {
		err = fmt.Errorf("%d bytes read instead of %d: the file changed while it was sent", n, size)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = c.rename(tmp, dst)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		c.sftp.Remove(tmp)
		return c.explain(err)
	}
	return nil
}

// rename moves tmp over dst in one step with OpenSSH's posix-rename;
// plain SFTP renaming refuses an existing target, so without the
// extension the old file is removed first.
func (c *conn) rename(tmp, dst string) error {
	if c.posixRename {
		return c.sftp.PosixRename(tmp, dst)
	}
	if err := c.sftp.Rename(tmp, dst); err == nil {
		return nil
	}
	if err := c.sftp.Remove(dst); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return c.sftp.Rename(tmp, dst)
}

func (c *conn) mkdirAll(dir string) error {
	if c.dirs[dir] || dir == c.d.root || dir == "." || dir == "/" {
		return nil
	}
	if info, err := c.sftp.Stat(dir); err == nil && info.IsDir() {
		c.dirs[dir] = true
		return nil
	}
	if err := c.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	if err := c.sftp.Mkdir(dir); err != nil {
		// Another connection may have made it meanwhile.
		if info, serr := c.sftp.Stat(dir); serr != nil || !info.IsDir() {
			return c.explain(err)
		}
	}
	c.dirs[dir] = true
	return nil
}

func (c *conn) Open(ctx context.Context, rel string) (io.ReadCloser, error) {
	p, err := c.remote(rel)
	if err != nil {
		return nil, err
	}
	f, err := c.sftp.Open(p)
	if err != nil {
		return nil, c.explain(err)
	}
	return f, nil
}

func (c *conn) Stat(ctx context.Context, rel string) (deploy.Remote, error) {
	p, err := c.remote(rel)
	if err != nil {
		return deploy.Remote{}, err
	}
	info, err := c.sftp.Stat(p)
	if err != nil {
		return deploy.Remote{}, c.explain(err)
	}
	if !info.Mode().IsRegular() {
		return deploy.Remote{Size: -1}, nil
	}
	return deploy.Remote{Size: info.Size()}, nil
}

func (c *conn) Remove(ctx context.Context, rel string) error {
	p, err := c.remote(rel)
	if err != nil {
		return err
	}
	if err := c.sftp.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return c.explain(err)
	}
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if c.sftp.RemoveDirectory(path.Join(c.d.root, dir)) != nil {
			break
		}
		delete(c.dirs, path.Join(c.d.root, dir))
	}
	return nil
}

// explain classifies an SFTP failure, keeping fs.ErrNotExist visible.
func (c *conn) explain(err error) error {
	var status *sftp.StatusError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return err
	case errors.Is(err, fs.ErrPermission):
		return &deploy.Error{Kind: deploy.PermissionDenied, Err: err}
	case errors.As(err, &status) && status.FxCode() == sftp.ErrSSHFxFailure:
		// OpenSSH answers a plain "failure" to a full disk or quota: look.
		if vfs, verr := c.sftp.StatVFS(c.d.root); verr == nil && vfs.FreeSpace() < 1<<20 {
			return &deploy.Error{Kind: deploy.QuotaFull, Err: err}
		}
		return &deploy.Error{Kind: deploy.Other, Detail: "the server answered: " + status.Error(), Err: err}
	case errors.Is(err, sftp.ErrSSHFxConnectionLost), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return &deploy.Error{Kind: deploy.ConnectionLost, Err: err}
	}
	k := deploy.Classify(err)
	if k == deploy.Other && errors.As(err, &status) {
		return &deploy.Error{Kind: deploy.Other, Detail: "the server answered: " + status.Error(), Err: err}
	}
	return &deploy.Error{Kind: k, Err: err}
}
