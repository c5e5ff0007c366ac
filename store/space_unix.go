//go:build unix

package store

import "syscall"

// noSpace reports whether the file system of dir has no room left for a
// new file (SQLite's shared-memory file needs 32 KB).
func noSpace(dir string) bool {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 64<<10
}
