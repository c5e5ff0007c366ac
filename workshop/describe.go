package workshop

import (
	"errors"
	"io/fs"
	"syscall"

	"hatcheck/internal/i18n"
	"hatcheck/internal/safefile"
)

// Describe renders an error the way a person reads it, in the printer's
// language: for a failed open, read or write of a file the system's reason
// only ("no such file or directory"), as the caller names the file itself;
// a catalogue error (*i18n.Error) in full.
func Describe(p *i18n.Printer, err error) string {
	return p.Error(Reason(err))
}

// Reason is the system's reason for a failed open, read or write of a
// file, without the Go wording around it, as a catalogue error that still
// wraps it (errors.Is sees os.ErrNotExist...). Other errors are returned as
// they are.
func Reason(err error) error {
	if _, ok := err.(*i18n.Error); ok {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && !errors.Is(err, safefile.ErrNotRegular) && !errors.Is(err, safefile.ErrTooLarge) {
		err = pe.Err
	}
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err
	}
	d := map[string]any{"Cause": err}
	switch {
	case errors.Is(errno, fs.ErrNotExist):
		return i18n.Errorf("no such file or directory", d)
	case errors.Is(errno, fs.ErrPermission):
		return i18n.Errorf("permission denied", d)
	case errno == syscall.EISDIR:
		return i18n.Errorf("is a directory", d)
	case errno == syscall.ENOTDIR:
		return i18n.Errorf("not a directory", d)
	case errno == syscall.ENOSPC:
		return i18n.Errorf("no space left on device", d)
	case errno == syscall.EROFS:
		return i18n.Errorf("read-only file system", d)
	case errno == syscall.ENAMETOOLONG:
		return i18n.Errorf("file name too long", d)
	}
	return err
}

// fileKinds are the kinds safefile.Kind names, for the catalogue.
var fileKinds = []string{i18n.Key("a folder"), i18n.Key("a named pipe (FIFO)"), i18n.Key("a socket"),
	i18n.Key("a device"), i18n.Key("a symbolic link"), i18n.Key("not a regular file")}

// FileKind names what a path that is not a regular file is ("a named pipe
// (FIFO)") in the printer's language.
func FileKind(p *i18n.Printer, m fs.FileMode) string {
	_ = fileKinds
	return p.T(safefile.Kind(m))
}
