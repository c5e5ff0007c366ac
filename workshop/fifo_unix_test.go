//go:build unix

package workshop

import (
	"syscall"
	"testing"
)

// makeFIFO makes a named pipe, which a reader of files must refuse rather
// than wait on.
func makeFIFO(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
}
