//go:build unix

package atomicfile

import (
	"syscall"
	"testing"
)

// setUmask sets the process's umask for the test, and puts it back after.
func setUmask(t *testing.T, mask int) {
	old := syscall.Umask(mask)
	t.Cleanup(func() { syscall.Umask(old) })
}
