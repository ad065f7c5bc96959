//go:build unix

package build

import (
	"errors"
	"io"
	"io/fs"
	"syscall"
)

// writeFile writes data to the file name, created with the permissions
// perm (less the umask) or emptied, as os.WriteFile does, with the three
// system calls it needs: os.OpenFile also tries to make every file it
// opens non-blocking and to register it with the network poller, which a
// regular file refuses, and a build writes thousands of small files.
func writeFile(name string, data []byte, perm fs.FileMode) error {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, uint32(perm.Perm()))
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		switch {
		case errors.Is(err, syscall.EINTR):
			continue
		case err == nil && n == 0:
			err = io.ErrShortWrite
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}
