// Package deploytest starts the real servers the deploy tests publish
// to — OpenSSH's sshd, pure-ftpd, an S3-compatible gateway and nginx to
// read what visitors would get — on loopback ports, each with a
// throwaway configuration in the test's temporary folder, and holds the
// behaviour every destination must show. A missing server skips the
// test, or fails it when CI is "true" (make test-deps installs them).
package deploytest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startupLimit bounds the wait for a server to be ready: generous, since
// a busy machine may be slow, and only ever reached when it is broken.
const startupLimit = 60 * time.Second

// Need returns the path of program, or skips the test (fails it in CI)
// when it is not installed.
func Need(t testing.TB, program, pkg string) string {
	t.Helper()
	for _, dir := range []string{"", "/usr/sbin/", "/usr/local/sbin/", "/sbin/"} {
		if p, err := exec.LookPath(dir + program); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("%s is not installed (Debian package %s; make test-deps installs it)", program, pkg)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// FreePort returns a loopback port that was free a moment ago.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// server is a running server process whose standard error is watched.
type server struct {
	cmd  *exec.Cmd
	mu   sync.Mutex
	log  strings.Builder
	done chan struct{}
}

// start runs the command, calls ready on each line of its standard
// error until it returns true, and stops the process when the test ends.
// With ready nil, it waits for the port to accept connections instead.
func start(t testing.TB, name string, port int, ready func(line string) bool, args ...string) *server {
	t.Helper()
	s := &server{cmd: exec.Command(name, args...), done: make(chan struct{})}
	// Its own process group, so that the processes it forks (sshd's one
	// per connection) end with it.
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := s.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	s.cmd.Stdout = s.cmd.Stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	seen := make(chan struct{})
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(stderr)
		signalled := false
		for sc.Scan() {
			s.mu.Lock()
			s.log.WriteString(sc.Text() + "\n")
			s.mu.Unlock()
			if !signalled && ready != nil && ready(sc.Text()) {
				signalled = true
				close(seen)
			}
		}
		io.Copy(io.Discard, stderr)
		s.cmd.Wait()
	}()
	t.Cleanup(func() {
		syscall.Kill(-s.cmd.Process.Pid, syscall.SIGKILL)
		<-s.done
	})
	if ready == nil {
		go func() {
			defer close(seen)
			for range int(startupLimit / (20 * time.Millisecond)) {
				c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(port))
				if err == nil {
					c.Close()
					return
				}
				select {
				case <-s.done:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
	}
	select {
	case <-seen:
	case <-s.done:
		t.Fatalf("%s stopped before it was ready:\n%s", name, s.output())
	case <-time.After(startupLimit):
		t.Fatalf("%s was not ready after %v:\n%s", name, startupLimit, s.output())
	}
	select {
	case <-s.done:
		t.Fatalf("%s stopped:\n%s", name, s.output())
	default:
	}
	return s
}

func (s *server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.log.String()
}

// SSHD is a running OpenSSH server.
type SSHD struct {
	Addr        string // 127.0.0.1:port
	Port        int
	HostKey     string // the server's public key, as in known_hosts: "ssh-ed25519 AAAA…"
	Fingerprint string // of the host key: "SHA256:…"
	ClientKey   string // the path of a private key the server accepts for root
	KnownHosts  string // a known_hosts file that knows the server
	Dir         string // a folder the tests may publish into
}

// StartSSHD starts sshd on a free loopback port with a fresh host key,
// accepting root with a fresh client key, and SFTP.
func StartSSHD(t testing.TB) *SSHD {
	t.Helper()
	sshd := Need(t, "sshd", "openssh-server")
	dir := t.TempDir()
	hostPub, fingerprint := writeKey(t, filepath.Join(dir, "host_key"))
	clientKey := filepath.Join(dir, "client_key")
	clientPub, _ := writeKey(t, clientKey)
	if err := os.WriteFile(filepath.Join(dir, "authorized_keys"), []byte(clientPub+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// sshd needs its privilege separation folder.
	if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
		t.Fatal(err)
	}
	var s *server
	var port int
	for attempt := 0; ; attempt++ {
		port = FreePort(t)
		config := fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %s/host_key
PidFile none
AuthorizedKeysFile %s/authorized_keys
PermitRootLogin yes
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
MaxStartups 100
MaxSessions 100
LogLevel INFO
Subsystem sftp internal-sftp
`, port, dir, dir)
		conf := filepath.Join(dir, "sshd_config")
		if err := os.WriteFile(conf, []byte(config), 0o600); err != nil {
			t.Fatal(err)
		}
		listening := "Server listening on 127.0.0.1 port " + strconv.Itoa(port)
		var ok bool
		s, ok = tryStart(t, sshd, func(line string) bool { return strings.Contains(line, listening) }, "-D", "-e", "-f", conf)
		if ok || attempt == 3 {
			break
		}
	}
	if s == nil {
		t.Fatal("sshd did not start")
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	known := filepath.Join(dir, "known_hosts")
	line := fmt.Sprintf("[127.0.0.1]:%d %s\n", port, hostPub)
	if err := os.WriteFile(known, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(dir, "www")
	if err := os.Mkdir(pub, 0o755); err != nil {
		t.Fatal(err)
	}
	return &SSHD{Addr: addr, Port: port, HostKey: hostPub, Fingerprint: fingerprint, ClientKey: clientKey, KnownHosts: known, Dir: pub}
}

// tryStart is start that reports a server stopping at once (a port taken
// in the meantime) instead of failing.
func tryStart(t testing.TB, name string, ready func(string) bool, args ...string) (s *server, ok bool) {
	t.Helper()
	var failed bool
	func() {
		ft := &failTB{TB: t}
		defer func() {
			if r := recover(); r != nil {
				if _, stopped := r.(stopTest); !stopped {
					panic(r)
				}
				failed = true
			}
		}()
		s = start(ft, name, 0, ready, args...)
	}()
	return s, !failed
}

// failTB turns Fatal into a panic that tryStart recovers.
type failTB struct{ testing.TB }

type stopTest struct{}

func (f *failTB) Fatalf(format string, args ...any) {
	f.TB.Logf(format, args...)
	panic(stopTest{})
}

func (f *failTB) Fatal(args ...any) {
	f.TB.Log(args...)
	panic(stopTest{})
}

// writeKey writes a new ed25519 key pair, name and name.pub, with
// OpenSSH's ssh-keygen, and returns the public key's line and
// fingerprint.
func writeKey(t testing.TB, name string) (pub, fingerprint string) {
	t.Helper()
	keygen := Need(t, "ssh-keygen", "openssh-client")
	if out, err := exec.Command(keygen, "-q", "-t", "ed25519", "-N", "", "-C", "", "-f", name).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	b, err := os.ReadFile(name + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(keygen, "-l", "-E", "sha256", "-f", name+".pub").Output()
	if err != nil {
		t.Fatalf("ssh-keygen -l: %v", err)
	}
	fields := strings.Fields(string(out)) // 256 SHA256:… comment (ED25519)
	if len(fields) < 2 {
		t.Fatalf("ssh-keygen -l: %q", out)
	}
	return strings.TrimSpace(string(b)), fields[1]
}

// Nginx is a running nginx serving a folder, the way a web host serves
// the folder deploy publishes into.
type Nginx struct {
	URL string // http://127.0.0.1:port
}

// StartNginx serves dir at the root of a new nginx on a free loopback
// port.
func StartNginx(t testing.TB, dir string) *Nginx {
	t.Helper()
	nginx := Need(t, "nginx", "nginx")
	tmp := t.TempDir()
	port := FreePort(t)
	conf := filepath.Join(tmp, "nginx.conf")
	config := fmt.Sprintf(`daemon off;
master_process off;
user root;
pid %[1]s/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path %[1]s/body;
  proxy_temp_path %[1]s/proxy;
  fastcgi_temp_path %[1]s/fastcgi;
  uwsgi_temp_path %[1]s/uwsgi;
  scgi_temp_path %[1]s/scgi;
  types { text/html html; text/css css; application/xml xml; }
  server {
    listen 127.0.0.1:%[2]d;
    root %[3]s;
    location ~ /\.tadafor- { return 404; }
  }
}
`, tmp, port, dir)
	if err := os.WriteFile(conf, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	start(t, nginx, port, nil, "-c", conf, "-p", tmp)
	return &Nginx{URL: "http://127.0.0.1:" + strconv.Itoa(port)}
}

// Proxy forwards loopback TCP connections to a server and can cut them
// all after a number of bytes sent to the server, to lose a connection
// in the middle of a deploy at a point that does not depend on timing.
type Proxy struct {
	Addr string // 127.0.0.1:port, to connect to instead of the server
	Port int

	target string
	l      net.Listener

	mu       sync.Mutex
	budget   int64 // bytes still allowed towards the server; <0: unlimited
	onceMode bool  // the next cut lets new connections through
	refusing bool  // new connections are refused until Restore
	conns    map[net.Conn]bool
	cuts     int
	wg       sync.WaitGroup
}

// StartProxy starts a proxy to target, which forwards everything until
// CutAfter is called.
func StartProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Addr: l.Addr().String(), Port: l.Addr().(*net.TCPAddr).Port, target: target, l: l, budget: -1, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(func() {
		l.Close()
		p.mu.Lock()
		for c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
		p.wg.Wait()
	})
	return p
}

// CutAfter lets n more bytes through towards the server, then closes
// every connection and refuses new ones until Restore. With once set,
// only the connections open at the cut are closed and new ones are let
// through, as after a brief outage.
func (p *Proxy) CutAfter(n int64, once bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.budget = n
	p.onceMode = once
}

// Restore lets every connection through again.
func (p *Proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.budget, p.refusing = -1, false
}

// Cuts is the number of times connections were cut.
func (p *Proxy) Cuts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cuts
}

func (p *Proxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.refusing {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns[c] = true
		p.mu.Unlock()
		p.wg.Add(1)
		go p.forward(c)
	}
}

func (p *Proxy) forward(c net.Conn) {
	defer p.wg.Done()
	var d net.Dialer
	s, err := d.DialContext(context.Background(), "tcp", p.target)
	if err != nil {
		p.drop(c)
		return
	}
	p.mu.Lock()
	p.conns[s] = true
	p.mu.Unlock()
	done := make(chan struct{}, 2)
	go func() { io.Copy(c, s); done <- struct{}{} }()
	go func() { p.toServer(s, c); done <- struct{}{} }()
	<-done
	p.drop(c)
	p.drop(s)
	<-done
}

// toServer copies from the client to the server within the budget.
func (p *Proxy) toServer(dst, src net.Conn) {
	buf := make([]byte, 4096)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			allowed := int64(n)
			cutNow := false
			if p.budget >= 0 {
				allowed = min(allowed, p.budget)
				p.budget -= allowed
				cutNow = p.budget == 0
			}
			p.mu.Unlock()
			if allowed > 0 {
				if _, werr := dst.Write(buf[:allowed]); werr != nil {
					return
				}
			}
			if cutNow {
				p.cutAll()
				return
			}
		}
		if err != nil {
			return
		}
	}
}

// cutAll closes every connection, and refuses new ones unless the cut
// was for once.
func (p *Proxy) cutAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.budget != 0 {
		return // already cut by another connection
	}
	p.cuts++
	p.budget = -1
	p.refusing = !p.onceMode
	for c := range p.conns {
		c.Close()
		delete(p.conns, c)
	}
}

func (p *Proxy) drop(c net.Conn) {
	c.Close()
	p.mu.Lock()
	delete(p.conns, c)
	p.mu.Unlock()
}
