// Package ftps is the ftps:// destination of deploy — FTP with explicit
// TLS (AUTH TLS), what shared hosting offers most often — and plain
// ftp://, which the command line allows only when told to. It uses
// github.com/jlaffaye/ftp, the maintained Go FTP client, which speaks
// explicit TLS on the control and data connections. The password comes
// from TADAFOR_PASSWORD or ~/.netrc; the server's certificate is checked
// against the system's authorities (SSL_CERT_FILE adds others).
package ftps

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/textproto"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/jlaffaye/ftp"

	"github.com/tadafor/tadafor/internal/deploy"
)

// Config holds what a connection needs besides the URL.
type Config struct {
	Env deploy.Env
	// RootCAs, when set, replaces the system's certificate authorities.
	RootCAs *x509.CertPool
	// Timeout bounds the connection and each reply (default 30 s).
	Timeout time.Duration
}

// Destination is an ftps:// or ftp:// destination.
type Destination struct {
	cfg     Config
	url     string
	addr    string
	host    string
	account string
	root    string // relative to the account's folder; "" for that folder
	tls     *tls.Config
}

// New returns the destination of an ftps:// or ftp:// URL checked by
// site.ParseDestination. As in RFC 1738, the path is relative to the
// folder the account starts in: ftps://web@host/public_html is the
// folder public_html of the account, ftps://web@host/ the account's own.
func New(u *url.URL, cfg Config) *Destination {
	port := u.Port()
	if port == "" {
		port = "21"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	d := &Destination{cfg: cfg, url: u.Redacted(), host: u.Hostname(), addr: net.JoinHostPort(u.Hostname(), port),
		account: u.User.Username(), root: strings.Trim(u.Path, "/")}
	if u.Scheme == "ftps" {
		d.tls = &tls.Config{ServerName: u.Hostname(), RootCAs: cfg.RootCAs, ClientSessionCache: tls.NewLRUClientSessionCache(16), MinVersion: tls.VersionTLS12}
	}
	return d
}

// String is the destination's URL.
func (d *Destination) String() string { return d.url }

// Connect logs in and goes to the site's folder.
func (d *Destination) Connect(ctx context.Context) (deploy.Conn, error) {
	pw, ok := d.cfg.Env.Password(d.host, d.account)
	if !ok {
		return nil, &deploy.Error{Kind: deploy.AuthFailed, Host: d.addr, Account: d.account,
			Detail: fmt.Sprintf("no password was given: set %s or add the host to ~/.netrc", deploy.PasswordVar)}
	}
	opts := []ftp.DialOption{ftp.DialWithContext(ctx), ftp.DialWithTimeout(d.cfg.Timeout), ftp.DialWithShutTimeout(d.cfg.Timeout)}
	if d.tls != nil {
		opts = append(opts, ftp.DialWithExplicitTLS(d.tls))
	}
	c, err := ftp.Dial(d.addr, opts...)
	if err != nil {
		return nil, d.connectError(err)
	}
	if err := c.Login(d.account, pw); err != nil {
		c.Quit()
		return nil, d.connectError(err)
	}
	if d.root != "" {
		if err := c.ChangeDir(d.root); err != nil {
			c.Quit()
			if code(err) == 550 {
				return nil, &deploy.Error{Kind: deploy.NoFolder, Err: err}
			}
			return nil, d.explain(err, false)
		}
	}
	return &conn{d: d, c: c, dirs: map[string]bool{}}, nil
}

// connectError explains why the connection or the login failed.
func (d *Destination) connectError(err error) error {
	e := &deploy.Error{Host: d.addr, Account: d.account, Err: err}
	var te *textproto.Error
	switch {
	case errors.As(err, &te) && (te.Code == 530 || te.Code == 331 || te.Code == 332):
		e.Kind = deploy.AuthFailed
	case errors.As(err, &te) && te.Code == 534 || errors.As(err, &te) && te.Code == 500 && d.tls != nil:
		e.Kind, e.Detail = deploy.Other, "the server does not offer FTP over TLS (AUTH TLS): ask your host, or use sftp://"
	case errors.As(err, &te):
		e.Kind, e.Detail = d.kindOf(te.Code, false), "the server answered: "+reply(te)
	default:
		e.Kind = deploy.Classify(err)
		if e.Kind == deploy.Other {
			e.Kind = deploy.ConnectionLost
		}
	}
	return e
}

// kindOf classifies an FTP reply code; writing tells a refused write.
func (d *Destination) kindOf(code int, writing bool) deploy.Kind {
	switch code {
	case 421, 425, 426:
		return deploy.ConnectionLost
	case 450, 451:
		return deploy.Busy
	case 452, 552:
		return deploy.QuotaFull
	case 530:
		return deploy.AuthFailed
	case 550, 553:
		if writing {
			return deploy.PermissionDenied
		}
	}
	return deploy.Other
}

// explain classifies a failure, keeping fs.ErrNotExist visible for a
// missing file.
func (d *Destination) explain(err error, writing bool) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		if te.Code == 550 && !writing {
			return fmt.Errorf("%w: %s", fs.ErrNotExist, reply(te))
		}
		k := d.kindOf(te.Code, writing)
		if k == deploy.Other && strings.Contains(strings.ToLower(te.Msg), "quota") {
			k = deploy.QuotaFull
		}
		return &deploy.Error{Kind: k, Host: d.addr, Detail: "the server answered: " + reply(te), Err: err}
	}
	k := deploy.Classify(err)
	if k == deploy.Other {
		k = deploy.ConnectionLost
	}
	return &deploy.Error{Kind: k, Host: d.addr, Err: err}
}

func reply(te *textproto.Error) string {
	return fmt.Sprintf("%d %s", te.Code, strings.TrimSpace(te.Msg))
}

func code(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

// conn is one logged-in FTP control connection, in the site's folder.
type conn struct {
	d    *Destination
	c    *ftp.ServerConn
	dirs map[string]bool // folders known to exist
}

func (c *conn) Close() error { return c.c.Quit() }

func check(rel string) error {
	if err := deploy.CheckPath(rel); err != nil {
		return fmt.Errorf("refusing the path %q: %v", rel, err)
	}
	if strings.ContainsAny(rel, "\r\n") {
		return fmt.Errorf("refusing the path %q: a line break", rel)
	}
	return nil
}

func (c *conn) Put(ctx context.Context, rel string, r io.Reader, size int64) error {
	if err := check(rel); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := c.mkdirAll(path.Dir(rel)); err != nil {
		return err
	}
	tmp := deploy.TempName(rel)
	counted := &countingReader{r: r}
	if err := c.c.Stor(tmp, counted); err != nil {
		return c.d.explain(err, true)
	}
	if counted.n != size {
		c.c.Delete(tmp)
		return fmt.Errorf("%d bytes read instead of %d: the file changed while it was sent", counted.n, size)
	}
	if err := c.c.Rename(tmp, rel); err != nil {
		// Some servers refuse to rename over an existing file.
		if derr := c.c.Delete(rel); derr != nil && code(derr) != 550 {
			return c.d.explain(derr, true)
		}
		if err := c.c.Rename(tmp, rel); err != nil {
			return c.d.explain(err, true)
		}
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *conn) mkdirAll(dir string) error {
	if dir == "." || c.dirs[dir] {
		return nil
	}
	if err := c.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	if err := c.c.MakeDir(dir); err != nil {
		// It may exist already (made by another connection): look.
		if _, lerr := c.c.NameList(dir); lerr != nil {
			if code(lerr) == 0 {
				return c.d.explain(lerr, true) // the connection failed
			}
			return c.d.explain(err, true)
		}
	}
	c.dirs[dir] = true
	return nil
}

func (c *conn) Open(ctx context.Context, rel string) (io.ReadCloser, error) {
	if err := check(rel); err != nil {
		return nil, err
	}
	r, err := c.c.Retr(rel)
	if err != nil {
		return nil, c.d.explain(err, false)
	}
	return r, nil
}

func (c *conn) Stat(ctx context.Context, rel string) (deploy.Remote, error) {
	if err := check(rel); err != nil {
		return deploy.Remote{}, err
	}
	n, err := c.c.FileSize(rel)
	if err != nil {
		return deploy.Remote{}, c.d.explain(err, false)
	}
	return deploy.Remote{Size: n}, nil
}

func (c *conn) Remove(ctx context.Context, rel string) error {
	if err := check(rel); err != nil {
		return err
	}
	if err := c.c.Delete(rel); err != nil && code(err) != 550 {
		return c.d.explain(err, true)
	}
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if c.c.RemoveDir(dir) != nil {
			break
		}
		delete(c.dirs, dir)
	}
	return nil
}
