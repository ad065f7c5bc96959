package deploy

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strings"
	"syscall"
	"testing"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want Kind
	}{
		{&fs.PathError{Op: "stat", Path: "x", Err: syscall.ENOENT}, Other},
		{&fs.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, PermissionDenied},
		{&fs.PathError{Op: "write", Path: "x", Err: syscall.EDQUOT}, QuotaFull},
		{&fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, QuotaFull},
		{&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, Refused},
		{&net.DNSError{Err: "no such host", Name: "h", IsNotFound: true}, UnknownHost},
		{fmt.Errorf("read: %w", io.ErrUnexpectedEOF), ConnectionLost},
		{&net.OpError{Op: "read", Err: syscall.ECONNRESET}, ConnectionLost},
		{context.Canceled, Interrupted},
		{&Error{Kind: Busy}, Busy},
	} {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("Classify(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

// Every kind says what happened and what to do, and names the
// destination and the file.
func TestErrorMessages(t *testing.T) {
	t.Parallel()
	for k := Other; k <= Damaged; k++ {
		e := &Error{Kind: k, Dest: "sftp://web@host.ma/www", File: "ar/index.html", Host: "host.ma:22", Account: "web", Fingerprint: "SHA256:abc"}
		msg := e.Error()
		if !strings.HasPrefix(msg, "sftp://web@host.ma/www: ") || !strings.Contains(msg, "; ") {
			t.Errorf("kind %d: %q", k, msg)
		}
	}
}
