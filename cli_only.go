//go:build cli

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"

	"hatcheck/internal/i18n"
)

// WindowProgram is the file name of the window's program, which the
// command-line-only build starts when it is run without arguments.
const WindowProgram = "hatcheck-window"

// window replaces this process with hatcheck-window from beside this
// program (following a symbolic link to it), or else from PATH, so that the
// window keeps this process's ID and environment. Where a process cannot be
// replaced (Windows) it runs the window and waits for it.
func window() int {
	path, dir := windowPath()
	p := func() *i18n.Printer { return i18n.For(i18n.System()) } // only for a message
	if path == "" {
		fmt.Fprintf(os.Stderr, "hatcheck: %s\n", p().T("the window is a program of its own, {{.Program}}, which is neither beside this one (in {{.Dir}}) nor on PATH; reinstall Hatcheck, or run make build, which builds both",
			map[string]any{"Program": WindowProgram, "Dir": dir}))
		return 1
	}
	// Exec returns only when it failed, or on Windows, which has no exec.
	_ = syscall.Exec(path, []string{path}, os.Environ())
	cmd := exec.Command(path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintf(os.Stderr, "hatcheck: %s\n", p().T("could not start {{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": p().Error(err)}))
		return 1
	}
	return 0
}

// windowPath finds the window's program, and names the folder it looked
// in first.
func windowPath() (path, dir string) {
	name := WindowProgram
	if filepath.Ext(os.Args[0]) == ".exe" {
		name += ".exe"
	}
	if self, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(self); err == nil {
			self = real
		}
		dir = filepath.Dir(self)
		beside := filepath.Join(dir, name)
		if fi, err := os.Stat(beside); err == nil && fi.Mode().IsRegular() {
			return beside, dir
		}
	}
	if path, err := exec.LookPath(name); err == nil {
		return path, dir
	}
	return "", dir
}
