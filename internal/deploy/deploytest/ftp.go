package deploytest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// FTPS is a running pure-ftpd that requires TLS, with one virtual user.
type FTPS struct {
	Addr     string // 127.0.0.1:port
	Port     int
	User     string
	Password string
	Dir      string // the user's folder
	RootCAs  *x509.CertPool
}

// FTPOptions tune StartFTPS.
type FTPOptions struct {
	// QuotaMB, when set, limits what the user may store, in megabytes.
	QuotaMB int
}

// StartFTPS starts pure-ftpd on a free loopback port with a throwaway
// certificate for 127.0.0.1, TLS required, and a virtual user whose
// folder is Dir.
func StartFTPS(t testing.TB, opts FTPOptions) *FTPS {
	t.Helper()
	server := Need(t, "pure-ftpd", "pure-ftpd")
	purePW := Need(t, "pure-pw", "pure-ftpd-common")
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	if err := os.Mkdir(home, 0o755); err != nil {
		t.Fatal(err)
	}
	// pure-ftpd refuses to log root in: the virtual user is "nobody".
	const nobody = 65534
	if err := os.Chown(home, nobody, nobody); err != nil {
		t.Fatal(err)
	}
	s := &FTPS{User: "web", Password: "correct horse battery staple", Dir: home}
	pdb := filepath.Join(dir, "pureftpd.pdb")
	cmd := exec.Command(purePW, "useradd", s.User, "-u", strconv.Itoa(nobody), "-g", strconv.Itoa(nobody), "-d", home,
		"-f", filepath.Join(dir, "pureftpd.passwd"), "-F", pdb, "-m")
	cmd.Stdin = strings.NewReader(s.Password + "\n" + s.Password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pure-pw: %v\n%s", err, out)
	}
	cert, key := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	s.RootCAs = writeCert(t, cert, key)
	s.Port = FreePort(t)
	s.Addr = "127.0.0.1:" + strconv.Itoa(s.Port)
	args := []string{
		"-S", "127.0.0.1," + strconv.Itoa(s.Port), "-4", "-H", // loopback only, no DNS
		"-l", "puredb:" + pdb, "-E", "-A", // virtual users only, each in their folder
		"-Y", "2", "-2", cert + "," + key, // TLS required
		"-P", "127.0.0.1", "-c", "100", "-C", "100",
	}
	if opts.QuotaMB > 0 {
		args = append(args, "-n", "100000:"+strconv.Itoa(opts.QuotaMB))
	}
	start(t, server, s.Port, nil, args...)
	return s
}

// writeCert writes a self-signed certificate for 127.0.0.1 and its key,
// and returns a pool that trusts it.
func writeCert(t testing.TB, certFile, keyFile string) *x509.CertPool {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:         true, BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return pool
}
