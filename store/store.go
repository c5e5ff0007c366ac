// Package store keeps Hatcheck's data on the person's machine: profiles,
// attempts, every answer as it is given, plan choices and cohorts, in one
// SQLite database (pure Go driver, WAL, durable commits). It never loses an
// acknowledged answer: each save is its own committed transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// FileName is the database's name inside the data folder.
const FileName = "hatcheck.db"

// EnvDataDir overrides where the data lives, for tests and portable use.
const EnvDataDir = "HATCHECK_DATA_DIR"

// Errors a caller can act on; each is wrapped with what was being done.
var (
	ErrNewerVersion = errors.New("the data was written by a newer version of Hatcheck")
	ErrDiskFull     = errors.New("the disk is full")
	ErrReadOnly     = errors.New("the data folder or file is read-only")
	ErrNotFound     = errors.New("not found")
)

// Store is an open database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	// Recovered is set when the database file was damaged: it says where
	// the old file was moved, for the caller to show the person.
	Recovered string
}

// DefaultDir is where the data lives when HATCHECK_DATA_DIR is not set: the
// user's configuration folder (on Linux ~/.config/hatcheck). The desktop app
// passes its own storage root instead.
func DefaultDir() (string, error) {
	if d := os.Getenv(EnvDataDir); d != "" {
		return d, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the data folder: %w (set %s to choose one)", err, EnvDataDir)
	}
	return filepath.Join(base, "hatcheck"), nil
}

// migrations returns the embedded schema steps in order; step i brings the
// database to version i+1.
func migrations() ([]string, error) {
	entries, err := migrationsFS.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		if want := fmt.Sprintf("%03d_", i+1); !strings.HasPrefix(n, want) {
			return nil, fmt.Errorf("migration %s is out of sequence (want %s...)", n, want)
		}
		b, err := migrationsFS.ReadFile("migrations/" + n)
		if err != nil {
			return nil, err
		}
		out[i] = string(b)
	}
	return out, nil
}

// SchemaVersion is the database version this build writes.
func SchemaVersion() int {
	m, _ := migrations()
	return len(m)
}

// Open opens (creating if needed) the database in dir. A damaged database is
// moved aside and a fresh one started (see Store.Recovered); a database from
// a newer Hatcheck is refused with ErrNewerVersion and left untouched.
func Open(dir string) (*Store, error) {
	return openVersion(dir, -1)
}

// openVersion opens the database migrated to version (all migrations when
// version < 0); tests use it to build databases of earlier versions.
func openVersion(dir string, version int) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create the data folder %s: %w", dir, describe(err))
	}
	if fi, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("open the data folder %s: %w", dir, describe(err))
	} else if !fi.IsDir() {
		return nil, fmt.Errorf("the data folder %s is a file, not a folder; set %s to a folder", dir, EnvDataDir)
	}
	path := filepath.Join(dir, FileName)
	s, err := openFile(path, version)
	var dmg errDamaged
	if !errors.As(err, &dmg) {
		return s, err
	}
	moved, mvErr := moveAside(path)
	if mvErr != nil {
		return nil, fmt.Errorf("the database %s is damaged (%v) and could not be moved aside: %w", path, dmg.err, describe(mvErr))
	}
	s, err = openFile(path, version)
	if err != nil {
		return nil, err
	}
	s.Recovered = fmt.Sprintf("Hatcheck's database was damaged (%v). It was moved to %s, nothing was deleted, and a new, empty database was started.", dmg.err, moved)
	return s, nil
}

func openFile(path string, version int) (*Store, error) {
	s := &Store{path: path}
	if err := s.checkFile(); err != nil {
		return nil, err
	}
	// Create the file ourselves so that it is private from the first byte;
	// SQLite gives its -wal and -shm files the same permissions.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the database %s: %w", path, describe(err))
	}
	f.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open the database %s: %w", path, err)
	}
	// One connection: a desktop app has one writer, and it keeps every
	// statement of a caller in order.
	db.SetMaxOpenConns(1)
	s.db = db
	if err := s.migrate(version); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// checkFile looks at an existing database without changing it: it must be
// an SQLite file of a version this build knows, and intact.
func (s *Store) checkFile() error {
	fi, err := os.Stat(s.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return errDamaged{err}
	}
	if fi.Size() == 0 {
		return nil
	}
	f, err := os.Open(s.path)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return fmt.Errorf("open the database %s: %w", s.path, ErrReadOnly)
		}
		return errDamaged{err}
	}
	head := make([]byte, 16)
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || string(head) != "SQLite format 3\x00" {
		return errDamaged{errors.New("it is not an SQLite database")}
	}
	// immutable=1: no locks, no -shm or -wal files, no writes at all.
	probe, err := sql.Open("sqlite", "file:"+s.path+"?mode=ro&immutable=1")
	if err != nil {
		return err
	}
	defer probe.Close()
	var version int
	if err := probe.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return errDamaged{err}
	}
	if version > SchemaVersion() {
		return fmt.Errorf("%w (database version %d, this Hatcheck reads up to %d); update Hatcheck to open %s, which has been left as it was", ErrNewerVersion, version, SchemaVersion(), s.path)
	}
	// A WAL file may hold committed pages the immutable probe cannot see;
	// the full check runs after opening normally (see migrate).
	return nil
}

// moveAside renames a damaged database (and its WAL files) to a name with
// a timestamp, so nothing is ever deleted.
func moveAside(path string) (string, error) {
	stamp := time.Now().UTC().Format("20060102T150405Z")
	dest := fmt.Sprintf("%s.damaged-%s", path, stamp)
	for i := 2; fileExists(dest); i++ {
		dest = fmt.Sprintf("%s.damaged-%s-%d", path, stamp, i)
	}
	if err := os.Rename(path, dest); err != nil {
		return "", err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if fileExists(path + suffix) {
			if err := os.Rename(path+suffix, dest+suffix); err != nil {
				return dest, err
			}
		}
	}
	return dest, nil
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// migrate brings the schema to version (all when < 0), one transaction per
// step, and checks the database's integrity.
func (s *Store) migrate(version int) error {
	steps, err := migrations()
	if err != nil {
		return err
	}
	if version < 0 {
		version = len(steps)
	}
	var current int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&current); err != nil {
		return s.wrap("open the database "+s.path, err)
	}
	var check string
	if err := s.db.QueryRow("PRAGMA quick_check").Scan(&check); err != nil {
		return s.wrap("check the database "+s.path, err)
	} else if check != "ok" {
		return errDamaged{errors.New(check)}
	}
	for v := current; v < version; v++ {
		tx, err := s.db.Begin()
		if err != nil {
			return s.wrap("upgrade the database", err)
		}
		if _, err := tx.Exec(steps[v]); err != nil {
			tx.Rollback()
			return s.wrap(fmt.Sprintf("upgrade the database to version %d", v+1), err)
		}
		if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return s.wrap("upgrade the database", err)
		}
		if err := tx.Commit(); err != nil {
			return s.wrap(fmt.Sprintf("upgrade the database to version %d", v+1), err)
		}
	}
	return nil
}

// errDamaged marks a database that opened but is not sound; Open moves it
// aside and starts again.
type errDamaged struct{ err error }

func (e errDamaged) Error() string { return "the database is damaged: " + e.err.Error() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close closes the database, folding the WAL back into the main file.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	err := s.db.Close()
	s.db = nil
	return err
}

// IntegrityCheck runs SQLite's full check; "ok" means sound.
func (s *Store) IntegrityCheck() (string, error) {
	var out string
	err := s.db.QueryRow("PRAGMA integrity_check").Scan(&out)
	return out, err
}

// wrap names the operation and turns SQLite's codes into errors a person
// can act on.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", op, describe(err))
}

// describe maps low-level errors to the package's sentinel errors where
// one fits, keeping the original text.
func describe(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%w: free some space and try again; what was saved before is safe", ErrDiskFull)
		case sqlite3.SQLITE_READONLY:
			return fmt.Errorf("%w: Hatcheck cannot save there; check the folder's permissions or choose another with %s", ErrReadOnly, EnvDataDir)
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return errDamaged{err}
		}
		return err
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, os.ErrPermission) {
			return fmt.Errorf("%w (%v)", ErrReadOnly, pe.Err)
		}
		if strings.Contains(pe.Err.Error(), "no space left") {
			return fmt.Errorf("%w (%v)", ErrDiskFull, pe.Err)
		}
		return pe.Err
	}
	return err
}

// now is the clock; tests may replace it.
var now = func() time.Time { return time.Now().UTC() }

const timeLayout = time.RFC3339Nano

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, _ := time.Parse(timeLayout, s)
	return t
}

// tx runs fn in one immediate transaction: all of it is committed, or none.
func (s *Store) tx(op string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		return s.wrap(op, err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return s.wrap(op, err)
	}
	return s.wrap(op, tx.Commit())
}
