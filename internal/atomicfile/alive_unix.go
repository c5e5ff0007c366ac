//go:build unix

package atomicfile

import (
	"errors"
	"syscall"
)

// processAlive says whether a process with this ID runs; known is false
// when that cannot be told.
func processAlive(pid int) (alive, known bool) {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM), true
}
