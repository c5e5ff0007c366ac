// Package store keeps Hatcheck's data on the person's machine: profiles,
// attempts, every answer as it is given, plan choices and cohorts, in one
// SQLite database (pure Go driver, WAL, durable commits). It never loses an
// acknowledged answer: each save is its own committed transaction.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"hatcheck/internal/flock"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationsFS embed.FS

// FileName is the database's name inside the data folder.
const FileName = "hatcheck.db"

// EnvDataDir overrides where the data lives, for tests and portable use.
const EnvDataDir = "HATCHECK_DATA_DIR"

// LockName is the lock file beside the database. Every process that has
// the data open holds it shared; setting the data up (creating, upgrading,
// setting a damaged file aside) needs it exclusive, so it never happens
// while another Hatcheck has the file open.
const LockName = "hatcheck.lock"

// SetAsideInfix names a database file that was set aside because it could
// not be read: hatcheck.db.damaged-<UTC stamp>.
const SetAsideInfix = ".damaged-"

// CheckMarkerName is a file beside the database that asks the next open to
// check the whole database: a process writes it when SQLite reported the
// file damaged while it was working (see "When the database is checked").
const CheckMarkerName = "hatcheck.check"

// Errors a caller can act on; each is wrapped with what was being done.
var (
	ErrNewerVersion = errors.New("the data was written by a newer version of Hatcheck")
	ErrDiskFull     = errors.New("the disk is full")
	ErrReadOnly     = errors.New("the data folder or file is read-only")
	ErrNoAccess     = errors.New("Hatcheck may not open its data folder")
	ErrBusy         = errors.New("the data is busy")
	ErrNotFound     = errors.New("not found")
)

// Store is an open database. It is safe for concurrent use, and several
// processes may have the same data folder open at once.
type Store struct {
	db   *sql.DB
	path string
	lock *flock.Lock
	// Recovered is set when this open found the database damaged and set
	// it aside: it says where the old file went, for the caller to show.
	Recovered string
	// SetAside lists every database file set aside in the data folder (by
	// this open or an earlier one) that has not been recovered yet.
	SetAside []string
}

// Waits, variables so that tests can shorten them.
var (
	// openWait bounds how long Open waits for another process that is
	// setting the data up.
	openWait = 30 * time.Second
	// busyWait bounds how long a write waits for other processes' writes.
	busyWait = 30 * time.Second
)

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

// Open opens (creating if needed) the database in dir. Other Hatcheck
// processes may have it open too. A database that is really damaged (SQLite
// itself, with its locks and WAL, cannot read it) is set aside and a fresh
// one started (see Store.Recovered), but only when no other process has it
// open; a database from a newer Hatcheck is refused with ErrNewerVersion
// and left untouched.
func Open(dir string) (*Store, error) {
	return openVersion(dir, -1)
}

// openVersion opens the database migrated to version (all migrations when
// version < 0); tests use it to build databases of earlier versions.
func openVersion(dir string, version int) (*Store, error) {
	if version < 0 {
		version = SchemaVersion()
	}
	if err := prepareDir(dir); err != nil {
		return nil, err
	}
	lk, err := flock.Open(filepath.Join(dir, LockName))
	if err != nil {
		return nil, folderError(dir, err)
	}
	s, err := openLocked(filepath.Join(dir, FileName), version, lk)
	if err != nil {
		lk.Close()
		return nil, err
	}
	s.lock = lk
	s.SetAside = SetAsideFiles(dir)
	return s, nil
}

// prepareDir makes the data folder (private to the user) and checks that
// it is a folder Hatcheck may use.
func prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return folderError(dir, err)
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return folderError(dir, err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("the data folder %s is a file, not a folder; set %s to a folder", dir, EnvDataDir)
	}
	return nil
}

// folderError explains why the data folder cannot be used.
func folderError(dir string, err error) error {
	if errors.Is(err, os.ErrPermission) {
		// Name what is really refused: the folder, or a file in it.
		var pe *os.PathError
		if errors.As(err, &pe) && filepath.Clean(pe.Path) != filepath.Clean(dir) {
			return fmt.Errorf("%w: Hatcheck may not open %s (permission denied): check that the file belongs to you and that you may read and write it (chmod u+rw %s), or choose another folder with %s; nothing was changed", ErrNoAccess, pe.Path, pe.Path, EnvDataDir)
		}
		return fmt.Errorf("%w %s (permission denied): check that the folder belongs to you and that you may read and write it (chmod u+rwx %s), or choose another folder with %s; nothing was changed", ErrNoAccess, dir, dir, EnvDataDir)
	}
	if noSpace(dir) {
		return fmt.Errorf("open the data folder %s: %w (%v): free some space and try again; what was saved before is safe", dir, ErrDiskFull, describe(err))
	}
	return fmt.Errorf("open the data folder %s: %w", dir, describe(err))
}

// openLocked opens the database under the lock file's protocol: with the
// lock exclusive (no other process has the data open), the file is checked,
// created, upgraded or set aside; with the lock shared, another process has
// already done that, and the file is only opened. The lock is left shared.
func openLocked(path string, version int, lk *flock.Lock) (*Store, error) {
	deadline := time.Now().Add(openWait)
	pause := 2 * time.Millisecond
	for {
		ok, err := lk.TryLock(flock.Exclusive)
		if err != nil {
			return nil, folderError(filepath.Dir(path), err)
		}
		if ok {
			s, err := setUp(path, version)
			if err != nil {
				return nil, err
			}
			// Step down to shared: from now on others may open it too.
			if err := lk.Acquire(flock.Shared, openWait); err != nil {
				s.db.Close()
				return nil, busyError(err)
			}
			return s, nil
		}
		if ok, _ := lk.TryLock(flock.Shared); ok {
			s, err := join(path, version)
			if err == nil {
				return s, nil
			}
			lk.Unlock()
			if !errors.Is(err, errNotReady) {
				return nil, err
			}
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("%w: another Hatcheck program is setting up or upgrading the data in %s and has not finished after %s; close other Hatcheck windows and commands, then try again", ErrBusy, filepath.Dir(path), openWait)
		}
		time.Sleep(pause)
		if pause < 100*time.Millisecond {
			pause *= 2
		}
	}
}

// errNotReady: the database is not yet at this build's version, and other
// processes have it open (an older Hatcheck, or one still setting it up).
var errNotReady = errors.New("the database is not set up yet")

func busyError(err error) error {
	return fmt.Errorf("%w: another Hatcheck program kept the data locked (%v); close other Hatcheck windows and commands, then try again", ErrBusy, err)
}

// When the database is checked
//
// SQLite's quick_check reads every page, so its cost grows with the data:
// run on every open, it made 1,000 one-file imports take 190 s instead of
// 3.6 s in one call. It now runs when there is a reason to doubt the file,
// at an open with the lock exclusive (no other process has the data), and
// every open still does a probe whose cost does not depend on the size of
// the data. The reasons:
//
//   - The last process did not end cleanly. The last process to close the
//     data holds the lock exclusive, checkpoints the WAL into the main file
//     (TRUNCATE) and closes; SQLite then removes the -wal file. A -wal file
//     that is not empty at an exclusive open therefore means that the last
//     process was killed, crashed or lost power while it had the data open
//     (or that its final checkpoint failed, on a full disk for instance).
//     An empty or missing -wal file is a clean end.
//   - A process saw SQLite report the file damaged (SQLITE_CORRUPT or
//     SQLITE_NOTADB) while working: it leaves the marker file
//     CheckMarkerName beside the database, and the next exclusive open
//     checks and then removes the marker (or sets the file aside).
//   - The probe fails: opening the file, reading its version, reading the
//     schema (sqlite_schema, whose size is that of the schema, not of the
//     data), or the file's size disagreeing with the page count in its
//     header when there is no WAL to make up the difference. A failing
//     probe that SQLite calls damage sets the file aside at once; a size
//     mismatch leads to the full check.
//
// Damage that none of these notices (a page of old data rotting on a disk
// that said nothing) is found by SQLite when the page is read: the error
// says the database is damaged, the marker is written, and the next start
// checks the file and sets it aside if the check fails.

// setUp runs with the lock exclusive: it refuses a newer database untouched,
// opens the file normally (so that a WAL left by a crash or a full disk is
// replayed, never ignored), checks it when there is a reason (see above),
// upgrades it, and sets it aside only when SQLite itself finds it damaged.
func setUp(path string, version int) (*Store, error) {
	if err := refuseNewer(path); err != nil {
		return nil, err
	}
	full := needsFullCheck(path)
	s, err := openFile(path)
	if err == nil {
		err = s.check(full)
	}
	if err == nil && full {
		_ = os.Remove(filepath.Join(filepath.Dir(path), CheckMarkerName))
	}
	if err == nil {
		if err = s.migrate(version); err != nil {
			s.db.Close()
			return nil, err
		}
		s.compactIfPending()
		return s, nil
	}
	if s != nil {
		s.db.Close()
	}
	var dmg errDamaged
	if !errors.As(err, &dmg) {
		return nil, err
	}
	moved, mvErr := moveAside(path)
	if mvErr != nil {
		return nil, fmt.Errorf("the database %s is damaged (%v) and could not be set aside: %w", path, dmg.err, describe(mvErr))
	}
	_ = os.Remove(filepath.Join(filepath.Dir(path), CheckMarkerName)) // it was about the file set aside
	s, err = openFile(path)
	if err == nil {
		err = s.migrate(version)
	}
	if err != nil {
		return nil, fmt.Errorf("the damaged database was set aside as %s (nothing was deleted), but a new one could not be started: %w", moved, err)
	}
	why, _, _ := strings.Cut(dmg.err.Error(), "\n") // quick_check lists every bad page
	s.Recovered = fmt.Sprintf("Hatcheck could not read its database (%s). The file was set aside as %s and a new, empty database was started; nothing was deleted. \"hatcheck recover %s\" (or Settings > Recover) brings back what can still be read.", why, moved, moved)
	return s, nil
}

// join opens a database that another process has set up (the lock is
// shared): nothing is created, upgraded or set aside here.
func join(path string, version int) (*Store, error) {
	s, err := openFile(path)
	if err != nil {
		return nil, inUse(path, err)
	}
	var current int
	if err := s.retry(func() error { return s.db.QueryRow("PRAGMA user_version").Scan(&current) }); err != nil {
		s.db.Close()
		return nil, inUse(path, s.wrap("open the database "+path, err))
	}
	switch {
	case current < 0 || current > SchemaVersion():
		s.db.Close()
		return nil, newerError(path, current)
	case current != version:
		s.db.Close()
		return nil, errNotReady
	}
	return s, nil
}

// inUse keeps a damaged file that other processes have open where it is.
func inUse(path string, err error) error {
	var dmg errDamaged
	if errors.As(err, &dmg) {
		return fmt.Errorf("the database %s cannot be read (%v), and another Hatcheck program has it open, so it was left as it is; close every Hatcheck window and command, then start Hatcheck again", path, dmg.err)
	}
	return err
}

func newerError(path string, version int) error {
	if version < 0 {
		return fmt.Errorf("%w: %s says it is version %d, which no Hatcheck writes; it has been left as it was", ErrNewerVersion, path, version)
	}
	return fmt.Errorf("%w (database version %d, this Hatcheck reads up to %d); update Hatcheck to open %s, which has been left as it was", ErrNewerVersion, version, SchemaVersion(), path)
}

// refuseNewer reads the version from the file's header without SQLite, so
// that a database from a newer Hatcheck is left byte for byte as it was (no
// -wal or -shm file appears). When a WAL is beside it, the header may be
// behind; the check after opening (see check) has the last word.
func refuseNewer(path string) error {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return folderError(filepath.Dir(path), err)
	}
	defer f.Close()
	head := make([]byte, 100)
	if _, err := io.ReadFull(f, head); err != nil || string(head[:16]) != "SQLite format 3\x00" {
		return nil // empty, short or not SQLite: opening it says which
	}
	v := int(binary.BigEndian.Uint32(head[60:64]))
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		return nil
	}
	if v > SchemaVersion() {
		return newerError(path, v)
	}
	return nil
}

// openFile opens the database with its locks and WAL honoured.
func openFile(path string) (*Store, error) {
	// Create the file ourselves so that it is private from the first byte;
	// SQLite gives its -wal and -shm files the same permissions.
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		if errors.Is(err, os.ErrPermission) {
			return nil, folderError(filepath.Dir(path), err)
		}
		return nil, fmt.Errorf("open the database %s: %w", path, describe(err))
	}
	f.Close()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(5000)&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open the database %s: %w", path, err)
	}
	// One connection: a desktop app has one writer, and it keeps every
	// statement of a caller in order.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path}
	// Connecting applies the pragmas (WAL); a busy moment is waited out.
	if err := s.retry(db.Ping); err != nil {
		db.Close()
		return nil, s.wrap("open the database "+path, err)
	}
	return s, nil
}

// needsFullCheck tells, before the database is opened with the lock
// exclusive, whether there is a reason to run the full check: a WAL left
// by a process that did not end cleanly, the marker of damage seen while
// working, or a main file whose size is not what its header says.
func needsFullCheck(path string) bool {
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
		return true
	}
	if fileExists(filepath.Join(filepath.Dir(path), CheckMarkerName)) {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false // missing (a new database) or unreadable: opening says which
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	fi, err := f.Stat()
	if err != nil || n == 0 {
		return false // empty: a new database
	}
	if n < 100 || string(head[:16]) != "SQLite format 3\x00" {
		return true // not a database: the probe will say so
	}
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	// The header's page count is valid when its "version-valid-for" number
	// matches the change counter (SQLite 3.7.0 and later always write so).
	valid := binary.BigEndian.Uint32(head[92:96]) == binary.BigEndian.Uint32(head[24:28])
	return valid && pages > 0 && pages*pageSize != fi.Size()
}

// check refuses a newer database and finds damage: SQLite, having replayed
// the WAL, cannot read the file or its schema, or (when full is set, see
// "When the database is checked") its quick check fails.
func (s *Store) check(full bool) error {
	var current int
	if err := s.retry(func() error { return s.db.QueryRow("PRAGMA user_version").Scan(&current) }); err != nil {
		return s.wrap("open the database "+s.path, err)
	}
	if current < 0 || current > SchemaVersion() {
		return newerError(s.path, current)
	}
	// Reading the whole schema costs the same for 10 people or 10,000.
	var objects int
	if err := s.retry(func() error { return s.db.QueryRow("SELECT count(*) FROM sqlite_schema").Scan(&objects) }); err != nil {
		return s.wrap("open the database "+s.path, err)
	}
	if !full {
		return nil
	}
	var check string
	if err := s.retry(func() error { return s.db.QueryRow("PRAGMA quick_check").Scan(&check) }); err != nil {
		return s.wrap("check the database "+s.path, err)
	} else if check != "ok" {
		return errDamaged{errors.New(check)}
	}
	return nil
}

// SetAsideFiles lists the database files set aside in dir and not yet
// recovered, oldest first.
func SetAsideFiles(dir string) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, FileName+SetAsideInfix+"*"))
	var out []string
	for _, m := range matches {
		if strings.HasSuffix(m, "-wal") || strings.HasSuffix(m, "-shm") || strings.HasSuffix(m, recoveredSuffix) {
			continue
		}
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// moveAside renames a damaged database (and its WAL files) to a name with
// a timestamp, so nothing is ever deleted.
func moveAside(path string) (string, error) {
	stamp := time.Now().UTC().Format("20060102T150405Z")
	dest := path + SetAsideInfix + stamp
	for i := 2; fileExists(dest); i++ {
		dest = fmt.Sprintf("%s%s%s-%d", path, SetAsideInfix, stamp, i)
	}
	return dest, renameWithWAL(path, dest)
}

// renameWithWAL renames a database file with its -wal and -shm files.
func renameWithWAL(from, to string) error {
	if err := os.Rename(from, to); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if fileExists(from + suffix) {
			if err := os.Rename(from+suffix, to+suffix); err != nil {
				return err
			}
		}
	}
	return nil
}

func fileExists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// migrate brings the schema to version, one transaction per step. It runs
// with the lock file exclusive, and each step checks the version again
// inside its transaction, so a step never runs twice.
func (s *Store) migrate(version int) error {
	steps, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := s.retry(func() error { return s.db.QueryRow("PRAGMA user_version").Scan(&current) }); err != nil {
		return s.wrap("open the database "+s.path, err)
	}
	if current < 0 || current > len(steps) {
		return newerError(s.path, current)
	}
	for v := current; v < version; v++ {
		err := s.tx(fmt.Sprintf("upgrade the database to version %d", v+1), func(tx *sql.Tx) error {
			var current int
			if err := tx.QueryRow("PRAGMA user_version").Scan(&current); err != nil {
				return err
			}
			if current > v {
				return nil
			}
			if _, err := tx.Exec(steps[v]); err != nil {
				return err
			}
			_, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", v+1))
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// errDamaged marks a database that SQLite cannot read; Open sets it aside
// (when no other process has it open) and starts again.
type errDamaged struct{ err error }

func (e errDamaged) Error() string { return "the database is damaged: " + e.err.Error() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Dir is the data folder.
func (s *Store) Dir() string { return filepath.Dir(s.path) }

// Close closes the database. The last process to close it folds the WAL
// back into the main file; while others still have it open, a checkpoint
// would have to wait for them, so only what is free is copied.
func (s *Store) Close() error {
	if s.db == nil {
		return nil
	}
	mode := "PASSIVE"
	if s.lock != nil {
		if ok, _ := s.lock.TryLock(flock.Exclusive); ok {
			mode = "TRUNCATE"
		}
	}
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(" + mode + ")")
	err := s.db.Close()
	s.db = nil
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
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
	d := describe(err)
	var se *sqlite.Error
	var dmg errDamaged
	if errors.As(d, &dmg) {
		s.markForCheck()
	}
	if errors.As(d, &se) && se.Code()&0xff == sqlite3.SQLITE_IOERR && noSpace(filepath.Dir(s.path)) {
		// SQLite says "disk I/O error" when it cannot even make its
		// shared-memory file on a full disk.
		return fmt.Errorf("%s: %w (%v): free some space and try again; what was saved before is safe", op, ErrDiskFull, se)
	}
	return fmt.Errorf("%s: %w", op, d)
}

// markForCheck leaves CheckMarkerName beside the database, so that the
// next open with the lock exclusive checks the whole file. Best effort: on
// a full disk the marker may not be written, and the damage will be seen
// again the next time the page is read.
func (s *Store) markForCheck() {
	f, err := os.OpenFile(filepath.Join(filepath.Dir(s.path), CheckMarkerName), os.O_WRONLY|os.O_CREATE, 0o600)
	if err == nil {
		f.Close()
	}
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
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH:
			return fmt.Errorf("%w (%v): check that the data folder and its files belong to you and that you may read and write them, or choose another folder with %s", ErrNoAccess, se, EnvDataDir)
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return busyError(err)
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
		if errors.Is(pe.Err, syscall.ENOSPC) {
			return fmt.Errorf("%w (%v)", ErrDiskFull, pe.Err)
		}
		return pe.Err
	}
	return err
}

// isBusy reports whether another connection held a lock SQLite could not
// wait out.
func isBusy(err error) bool {
	if errors.Is(err, errCheckpointBusy) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

// retry runs fn again, with a growing pause, while another process keeps
// the database busy (SQLite's own busy timeout has already waited), for up
// to busyWait. Busy is never taken for damage.
func (s *Store) retry(fn func() error) error {
	deadline := time.Now().Add(busyWait)
	pause := 5 * time.Millisecond
	for {
		err := fn()
		if !isBusy(err) || time.Now().After(deadline) {
			return err
		}
		time.Sleep(pause)
		if pause < 250*time.Millisecond {
			pause *= 2
		}
	}
}

// read runs a read, retried while busy, and names the operation.
func (s *Store) read(op string, fn func() error) error {
	return s.wrap(op, s.retry(fn))
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
// When another process keeps the database busy, the whole transaction is
// run again (fn must not depend on an earlier run).
func (s *Store) tx(op string, fn func(*sql.Tx) error) error {
	return s.wrap(op, s.retry(func() error {
		tx, err := s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	}))
}
