// Package syserr gives the operating system's reasons for a failure ("no
// space left on device", "permission denied") as catalogue texts, so that
// a person reads them in their language. The original error stays the
// cause: errors.Is and errors.As see it as before.
package syserr

import (
	"errors"
	"os"
	"syscall"

	"hatcheck/internal/i18n"
)

// Reason returns the system's reason for err without the operation and
// the path of an *os.PathError, *os.LinkError or *os.SyscallError (the
// caller's message names them): a catalogue text when the reason is a
// common one, else the reason as the system gives it. err is the cause of
// the text, so errors.Is(Reason(err), os.ErrPermission) and errors.As to
// the *os.PathError hold when they held for err.
func Reason(err error) error {
	if err == nil {
		return nil
	}
	inner := err
	var pe *os.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		inner = pe.Err
	case errors.As(err, &le):
		inner = le.Err
	case errors.As(err, &se):
		inner = se.Err
	}
	if t := text(inner, err); t != nil {
		return t
	}
	return inner
}

// Describe is Reason for an error whose path is not named around it: the
// path stays, in front of the reason ("/data/a.csv: permission denied").
func Describe(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		if t := text(pe.Err, err); t != nil {
			return i18n.Errorf("{{.Path}}: {{.Err}}", map[string]any{"Path": pe.Path, "Err": t})
		}
		return err
	}
	if t := text(err, err); t != nil {
		return t
	}
	return err
}

// text is the catalogue text of the reason, with cause as its cause; nil
// for a reason without one.
func text(reason, cause error) error {
	c := map[string]any{"Cause": cause}
	var errno syscall.Errno
	if !errors.As(reason, &errno) {
		return nil
	}
	switch {
	case errors.Is(errno, syscall.ENOSPC):
		return i18n.Errorf("no space left on device", c)
	case errors.Is(errno, syscall.EDQUOT):
		return i18n.Errorf("disk quota exceeded", c)
	case errors.Is(errno, syscall.EROFS):
		return i18n.Errorf("read-only file system", c)
	case errors.Is(errno, syscall.EPERM):
		return i18n.Errorf("operation not permitted", c)
	case errors.Is(errno, os.ErrPermission):
		return i18n.Errorf("permission denied", c)
	case errors.Is(errno, os.ErrNotExist):
		return i18n.Errorf("no such file or directory", c)
	case errors.Is(errno, os.ErrExist):
		return i18n.Errorf("file exists", c)
	case errors.Is(errno, syscall.EISDIR):
		return i18n.Errorf("is a directory", c)
	case errors.Is(errno, syscall.ENOTDIR):
		return i18n.Errorf("not a directory", c)
	case errors.Is(errno, syscall.EIO):
		return i18n.Errorf("input/output error", c)
	case errors.Is(errno, syscall.EMFILE), errors.Is(errno, syscall.ENFILE):
		return i18n.Errorf("too many open files", c)
	case errors.Is(errno, syscall.ENAMETOOLONG):
		return i18n.Errorf("file name too long", c)
	case errors.Is(errno, syscall.EBUSY):
		return i18n.Errorf("device or resource busy", c)
	case errors.Is(errno, syscall.ELOOP):
		return i18n.Errorf("too many levels of symbolic links", c)
	}
	return nil
}
