package deploy

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strings"
	"syscall"
)

// Kind is what went wrong, in the terms of someone who publishes a site:
// each kind has its own message and advice.
type Kind int

// The kinds of failure. Timeout, ConnectionLost and Busy are transient:
// the operation is tried again.
const (
	Other Kind = iota
	UnknownHost
	Refused
	Timeout
	ConnectionLost
	Busy
	AuthFailed
	HostKeyUnknown
	HostKeyChanged
	PermissionDenied
	QuotaFull
	NoFolder
	Certificate
	Interrupted
	Damaged // the destination answered something that makes no sense
)

// Transient reports whether an operation that failed this way may
// succeed when tried again.
func (k Kind) Transient() bool {
	return k == Timeout || k == ConnectionLost || k == Busy
}

// Error is a deploy failure, said so that the person deploying can act
// on it: what happened, to which destination and file, and what to do.
// It never holds a password or key.
type Error struct {
	Kind Kind
	Dest string // the destination, as shown to the user
	File string // the file concerned, relative to the site; "" for the connection
	// Detail is what the server or system said, when it helps (an FTP
	// reply, a key fingerprint); never a secret.
	Detail string
	// Host and Account fill some messages; Fingerprint is the server's key
	// for the host key kinds.
	Host, Account, Fingerprint string
	Err                        error
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Error reads "DEST: what happened (detail); what to do".
func (e *Error) Error() string {
	what, todo := e.explain()
	var b strings.Builder
	if e.Dest != "" {
		b.WriteString(e.Dest)
		b.WriteString(": ")
	}
	b.WriteString(what)
	if e.Detail != "" {
		b.WriteString(" (")
		b.WriteString(e.Detail)
		b.WriteString(")")
	}
	if todo != "" {
		b.WriteString("; ")
		b.WriteString(todo)
	}
	return b.String()
}

func (e *Error) explain() (what, todo string) {
	host := e.Host
	if host == "" {
		host = "the host"
	}
	file := ""
	if e.File != "" {
		file = " " + e.File
	}
	switch e.Kind {
	case UnknownHost:
		return fmt.Sprintf("the host %s is unknown: no server has this name", host),
			"check the host name in the destination address (deploy: in the profile, or --to), and that this computer is connected to the Internet"
	case Refused:
		return fmt.Sprintf("%s refused the connection", host),
			"check the port and the protocol with your host (SFTP usually listens on port 22, FTP on port 21), or try again when the server is back"
	case Timeout:
		return fmt.Sprintf("%s did not answer in time", host),
			"check the host name, the port and the network, then run the same command again"
	case ConnectionLost:
		return "the connection was lost" + while(file),
			"run the same command again: the site still works as it was, and the deploy continues where it stopped"
	case Busy:
		return "the server is busy and asked to try later" + while(file),
			"run the same command again in a few minutes"
	case AuthFailed:
		acct := "the account"
		if e.Account != "" {
			acct = fmt.Sprintf("the account %q", e.Account)
		}
		return fmt.Sprintf("%s refused %s and its password or key", host, acct),
			"check the account in the destination address and the password in the environment variable TADAFOR_PASSWORD or in ~/.netrc, or the key (SSH agent, TADAFOR_SSH_KEY); see docs/hosting.md"
	case HostKeyUnknown:
		return fmt.Sprintf("the identity of %s is not known on this computer: its key has the fingerprint %s", host, e.Fingerprint),
			"ask your host for the server's key fingerprint; if it is the same, run the command again with --accept-new-host-key to remember it"
	case HostKeyChanged:
		return fmt.Sprintf("the identity of %s changed: its key has the fingerprint %s, not the one recorded in known_hosts, which may mean that someone is intercepting the connection", host, e.Fingerprint),
			"nothing was sent; ask your host whether the server's key changed, and only if it did, remove its old line with ssh-keygen -R " + hostOnly(e.Host)
	case PermissionDenied:
		return "the account may not write" + orFolder(file),
			"ask your host to give the account write access to the site's folder, or correct the folder in the destination address"
	case QuotaFull:
		return "the hosting space is full" + while(file),
			"free space on the host (old files, backups, logs) or ask your host for more, then run the same command again"
	case NoFolder:
		return "the site's folder does not exist on the destination",
			"create it (an empty folder), or correct the folder in the destination address"
	case Certificate:
		return fmt.Sprintf("the secure connection to %s failed: its certificate is not valid for it", host),
			"check the host name (use the one the certificate is issued for), or ask your host to renew the certificate"
	case Interrupted:
		return "the deploy was interrupted" + while(file),
			"the site still works as it was; run the same command again to finish"
	case Damaged:
		return "the destination answered something unexpected" + while(file),
			"run the same command again; if it fails again, tell your host what the message says"
	}
	msg := "the transfer failed" + while(file)
	if e.Err != nil && e.Detail == "" {
		msg += ": " + e.Err.Error()
	}
	return msg, "run the same command again; if it fails again, tell your host what the message says"
}

func while(file string) string {
	if file == "" {
		return ""
	}
	return " while sending" + file
}

func orFolder(file string) string {
	if file == "" {
		return " into the site's folder"
	}
	return file
}

func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return hostport
}

// Classify returns the kind of a failure that a destination did not
// classify itself: network and system errors.
func Classify(err error) Kind {
	var e *Error
	var dns *net.DNSError
	var unknownAuthority x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var ne net.Error
	switch {
	case errors.As(err, &e):
		return e.Kind
	case errors.Is(err, context.Canceled):
		return Interrupted
	case errors.Is(err, fs.ErrNotExist):
		return Other // an answer about a file, not a failure of the connection
	case errors.As(err, &dns):
		if dns.IsTimeout || dns.IsTemporary {
			return Timeout
		}
		return UnknownHost
	case errors.Is(err, syscall.ECONNREFUSED):
		return Refused
	case errors.Is(err, syscall.EDQUOT), errors.Is(err, syscall.ENOSPC):
		return QuotaFull
	case errors.Is(err, fs.ErrPermission), errors.Is(err, syscall.EROFS):
		return PermissionDenied
	case errors.As(err, &unknownAuthority), errors.As(err, &hostname), errors.As(err, &invalid):
		return Certificate
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return Timeout
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED), errors.Is(err, net.ErrClosed):
		return ConnectionLost
	case errors.As(err, &ne) && !errors.As(err, new(syscall.Errno)):
		// A network failure; a system error (which also has Timeout and
		// Temporary methods) is not one.
		return ConnectionLost
	}
	return Other
}

// explainErr turns any failure into an *Error of dest and file, keeping
// a destination's own classification.
func explainErr(err error, dest, file string) *Error {
	var e *Error
	if errors.As(err, &e) {
		c := *e
		if c.Dest == "" {
			c.Dest = dest
		}
		if c.File == "" {
			c.File = file
		}
		return &c
	}
	return &Error{Kind: Classify(err), Dest: dest, File: file, Err: err}
}
