package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// fileSizeLimit, in the environment, makes the test binary a build whose
// files may not grow past that many bytes (RLIMIT_FSIZE): the system then
// refuses every larger write, as a full disk does.
const fileSizeLimit = "TADAFOR_TEST_FILE_SIZE_LIMIT"

// TestWriteFailureIsReportedOnce builds the example communes in a
// process whose files may not grow past 2 kB: nearly every page fails to
// be written, the same way, and the build says so once.
func TestWriteFailureIsReportedOnce(t *testing.T) {
	if limit := os.Getenv(fileSizeLimit); limit != "" {
		n, _ := strconv.ParseUint(limit, 10, 64)
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
			fmt.Println("setrlimit:", err)
			os.Exit(99)
		}
		os.Exit(Run(t.Context(), []string{"build", "--root", "../..", "--out", os.Getenv("OUT")}, io.Discard, os.Stdout))
	}
	t.Parallel()
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFailureIsReportedOnce$")
	cmd.Env = append(os.Environ(), fileSizeLimit+"=2048", "OUT="+out)
	b, err := cmd.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitError {
		t.Fatalf("the build ended with %v:\n%s", err, b)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	want := "build failed with 1 error; " + out + " was left as it was"
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "error: cannot write "+out+"/") || !strings.HasSuffix(lines[0], ": file too large") || lines[1] != want {
		t.Errorf("output:\n%s\nwant one error, then %q", b, want)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), "*public*")); len(left) > 1 || len(left) == 1 && filepath.Base(left[0]) != ".public.lock" {
		t.Errorf("left behind: %v", left)
	}
}
