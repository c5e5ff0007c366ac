//go:build !unix

package workshop

import "testing"

// makeFIFO: there are no named pipes in the file system here (Windows).
func makeFIFO(t *testing.T, path string) {
	t.Helper()
	t.Skip("no named pipes in the file system on this system")
}
