//go:build !unix

package store

import "os/exec"

// asNobody: never called here, where no process runs as root (uid 0).
func asNobody(cmd *exec.Cmd) {}
