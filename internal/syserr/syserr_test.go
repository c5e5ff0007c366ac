package syserr_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"hatcheck/internal/i18n"
	"hatcheck/internal/i18n/i18ncheck"
	"hatcheck/internal/syserr"
)

// The reasons the system gives most often: each has a catalogue text, so
// that a person reads it in Spanish, and stays the cause.
var reasons = []struct {
	errno syscall.Errno
	en    string
	is    error
}{
	{syscall.ENOSPC, "no space left on device", nil},
	{syscall.EROFS, "read-only file system", nil},
	{syscall.EACCES, "permission denied", os.ErrPermission},
	{syscall.EPERM, "operation not permitted", os.ErrPermission},
	{syscall.ENOENT, "no such file or directory", os.ErrNotExist},
	{syscall.EEXIST, "file exists", os.ErrExist},
	{syscall.EISDIR, "is a directory", nil},
	{syscall.ENOTDIR, "not a directory", nil},
	{syscall.EIO, "input/output error", nil},
	{syscall.EMFILE, "too many open files", nil},
	{syscall.ENAMETOOLONG, "file name too long", nil},
	{syscall.EBUSY, "device or resource busy", nil},
	{syscall.ELOOP, "too many levels of symbolic links", nil},
}

func TestReasonsAreCatalogueTextsAndKeepTheirCause(t *testing.T) {
	es := i18n.For("es")
	for _, r := range reasons {
		pe := &os.PathError{Op: "open", Path: "/data/hatcheck.db", Err: r.errno}
		got := syserr.Reason(pe)
		var ie *i18n.Error
		if !errors.As(got, &ie) {
			t.Errorf("%v: Reason gives %T, not a catalogue text", r.errno, got)
			continue
		}
		if got.Error() != r.en {
			t.Errorf("%v: English %q, want %q", r.errno, got.Error(), r.en)
		}
		if s := es.Error(got); s == r.en || s == "" {
			t.Errorf("%v: no Spanish: %q", r.errno, s)
		}
		if !errors.Is(got, r.errno) {
			t.Errorf("%v: errors.Is lost the errno", r.errno)
		}
		if r.is != nil && !errors.Is(got, r.is) {
			t.Errorf("%v: errors.Is(%v) lost", r.errno, r.is)
		}
		var back *os.PathError
		if !errors.As(got, &back) || back != pe {
			t.Errorf("%v: errors.As lost the *os.PathError", r.errno)
		}
		// Describe keeps the path in front.
		d := syserr.Describe(pe)
		if want := "/data/hatcheck.db: " + r.en; d.Error() != want {
			t.Errorf("%v: Describe %q, want %q", r.errno, d.Error(), want)
		}
		if !strings.HasPrefix(es.Error(d), "/data/hatcheck.db: ") || !errors.Is(d, r.errno) {
			t.Errorf("%v: Describe in Spanish %q", r.errno, es.Error(d))
		}
	}
}

func TestAnUnknownReasonStaysAsTheSystemGivesIt(t *testing.T) {
	pe := &os.PathError{Op: "read", Path: "x", Err: syscall.EXDEV}
	if got := syserr.Reason(pe); got != syscall.EXDEV {
		t.Errorf("Reason = %#v, want the errno", got)
	}
	if got := syserr.Describe(pe); got != error(pe) {
		t.Errorf("Describe = %#v, want the error unchanged", got)
	}
	if syserr.Reason(nil) != nil || syserr.Describe(nil) != nil {
		t.Error("Reason(nil) is not nil")
	}
	plain := errors.New("something else")
	if syserr.Reason(plain) != plain || syserr.Describe(plain) != plain {
		t.Error("an error that is not the system's is not kept as it is")
	}
	le := &os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EROFS}
	if got := syserr.Reason(le); got.Error() != "read-only file system" || !errors.As(got, new(*os.LinkError)) {
		t.Errorf("LinkError: %v", got)
	}
	se := os.NewSyscallError("fsync", syscall.ENOSPC)
	if got := syserr.Reason(se); got.Error() != "no space left on device" || !errors.Is(got, syscall.ENOSPC) {
		t.Errorf("SyscallError: %v", got)
	}
}

// A full disk, a read-only disk and a missing file, as a person sees them
// after an operation: the Spanish says every part in Spanish, with no
// English word left, and the chain still answers errors.Is and errors.As.
func TestTheSystemsReasonsReadInSpanishInAChain(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.csv")
	_, readErr := os.ReadFile(missing) // a real ENOENT
	if !errors.Is(readErr, syscall.ENOENT) {
		t.Fatalf("reading a missing file: %v", readErr)
	}
	var full error = &os.PathError{Op: "write", Path: "/data/hatcheck.json", Err: syscall.ENOSPC}
	if f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0); err == nil {
		// /dev/full gives a real ENOSPC on every write.
		_, err = f.Write([]byte("x"))
		f.Close()
		if errors.Is(err, syscall.ENOSPC) {
			full = err
		}
	}
	var fullPath string
	var pe *os.PathError
	errors.As(full, &pe)
	fullPath = pe.Path
	readOnly := &os.LinkError{Op: "rename", Old: "/data/.tmp", New: "/data/plan.pdf", Err: syscall.EROFS}

	chains := []struct {
		name  string
		err   error
		errno syscall.Errno
		keep  []string
	}{
		{"full disk", i18n.Errorf("write {{.Path}}: {{.Err}}", map[string]any{"Path": fullPath, "Err": syserr.Reason(full)}), syscall.ENOSPC, []string{fullPath}},
		{"read-only", i18n.Errorf("save {{.Path}}: {{.Err}}", map[string]any{"Path": "/data/plan.pdf", "Err": syserr.Reason(readOnly)}), syscall.EROFS, []string{"/data/plan.pdf"}},
		{"missing file", i18n.Errorf("read {{.Path}}: {{.Err}}", map[string]any{"Path": missing, "Err": syserr.Reason(readErr)}), syscall.ENOENT, []string{missing}},
		{"missing file described", syserr.Describe(readErr), syscall.ENOENT, []string{missing}},
	}
	es := i18n.For("es")
	for _, c := range chains {
		en, sp := c.err.Error(), es.Error(c.err)
		if left := i18ncheck.EnglishLeft(en, sp, c.keep...); len(left) > 0 {
			t.Errorf("%s: English words %q left in the Spanish %q (English %q)", c.name, left, sp, en)
		}
		if !errors.Is(c.err, c.errno) {
			t.Errorf("%s: errors.Is(%v) lost in %q", c.name, c.errno, en)
		}
		if c.errno == syscall.ENOENT && !errors.Is(c.err, fs.ErrNotExist) {
			t.Errorf("%s: errors.Is(fs.ErrNotExist) lost", c.name)
		}
		t.Logf("%s:\n  en: %s\n  es: %s", c.name, en, sp)
	}
}
