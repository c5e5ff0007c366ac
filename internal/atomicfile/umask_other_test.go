//go:build !unix

package atomicfile

import "testing"

// setUmask: there is no umask here (Windows).
func setUmask(t *testing.T, mask int) {
	t.Skip("no umask on this system")
}
