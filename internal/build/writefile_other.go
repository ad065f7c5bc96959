//go:build !unix

package build

import (
	"io/fs"
	"os"
)

// writeFile writes data to the file name, as os.WriteFile does.
func writeFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}
