package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/internal/i18n/i18ncheck"
)

func checkSpanish(t *testing.T, name string, err error, keep ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error", name)
		return
	}
	var ie *i18n.Error
	if !errors.As(err, &ie) {
		t.Errorf("%s: %T is not a catalogue text: %v", name, err, err)
	}
	en, es := err.Error(), i18n.For("es").Error(err)
	if left := i18ncheck.EnglishLeft(en, es, append(keep, EnvDataDir, os.TempDir(), "db", "plan")...); len(left) > 0 {
		t.Errorf("%s: English words %q left in the Spanish:\n  es: %s\n  en: %s", name, left, es, en)
	}
	t.Logf("%s:\n  en: %s\n  es: %s", name, en, es)
}

// A full disk, a read-only database and a missing file, as the store
// reports them: every word in Spanish, the sentinels still found.
func TestStoreErrorsReadInSpanish(t *testing.T) {
	s, dir := openTemp(t)
	p, _ := s.CreateProfile("Lleno", "")
	att, _ := s.StartAttempt(p.ID, "v")
	if err := s.SaveAnswer(att.ID, "skill.events", &assessment.Answer{Value: 2}); err != nil {
		t.Fatal(err)
	}
	var pages int
	s.db.QueryRow("PRAGMA page_count").Scan(&pages)
	mustExec(t, s.db, fmt.Sprintf("PRAGMA max_page_count = %d", pages))
	err := s.SaveAnswer(att.ID, "skill.moderation", &assessment.Answer{Value: 3, Evidence: strings.Repeat("x", 100000)})
	if !errors.Is(err, ErrDiskFull) {
		t.Errorf("full: %v", err)
	}
	checkSpanish(t, "SQLite: full", err, "skill.moderation")
	mustExec(t, s.db, "PRAGMA max_page_count = 1073741823")
	mustExec(t, s.db, "PRAGMA query_only = 1")
	err = s.SaveAnswer(att.ID, "skill.moderation", &assessment.Answer{Value: 3})
	if !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only: %v", err)
	}
	checkSpanish(t, "SQLite: read-only", err, "skill.moderation")
	mustExec(t, s.db, "PRAGMA query_only = 0")

	// The system's own reasons, as the store gets them from a file.
	db := filepath.Join(dir, FileName)
	for _, c := range []struct {
		name     string
		errno    syscall.Errno
		sentinel error
	}{
		{"system: full", syscall.ENOSPC, ErrDiskFull},
		{"system: read-only", syscall.EROFS, ErrReadOnly},
		{"system: no access", syscall.EACCES, ErrReadOnly},
		{"system: missing", syscall.ENOENT, os.ErrNotExist},
	} {
		pe := &os.PathError{Op: "write", Path: db, Err: c.errno}
		err := s.wrap(i18n.Errorf("save the plan"), pe)
		if !errors.Is(err, c.sentinel) || !errors.Is(err, c.errno) {
			t.Errorf("%s: errors.Is lost the sentinel or the errno: %v", c.name, err)
		}
		var back *os.PathError
		if !errors.As(err, &back) || back != pe {
			t.Errorf("%s: errors.As lost the *os.PathError: %v", c.name, err)
		}
		checkSpanish(t, c.name, err, db)
	}

	// A file to recover that is not there (a real ENOENT).
	missing := filepath.Join(t.TempDir(), "hatcheck.db.damaged-x")
	_, err = s.Recover(missing)
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("recovering a missing file: %v", err)
	}
	checkSpanish(t, "recover: missing", err, missing)

	// A data folder inside a file (a real ENOTDIR).
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o600)
	_, err = Open(filepath.Join(file, "data"))
	if !errors.Is(err, syscall.ENOTDIR) {
		t.Errorf("a data folder inside a file: %v", err)
	}
	checkSpanish(t, "data folder in a file", err, filepath.Join(file, "data"))

	// Not found, and a profile without a name.
	checkSpanish(t, "not found", s.DeleteProfile(999))
	_, err = s.CreateProfile(" ", "")
	checkSpanish(t, "no name", err)
}
