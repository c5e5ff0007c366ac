package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/internal/safefile"
)

// recoveredSuffix marks a set-aside file whose data was brought back; it is
// kept, but no longer announced.
const recoveredSuffix = ".recovered"

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// IsDatabase reports whether data starts like an SQLite database, so that
// an import of a set-aside database can be sent to Recover.
func IsDatabase(head []byte) bool { return bytes.HasPrefix(head, []byte(sqliteMagic)) }

// MaxDatabaseBytes bounds a database file given to import or recover.
const MaxDatabaseBytes = 4 << 30

// ReadImport reads a file a person wants to import: a results or answers
// file (at most assessment.MaxAnswersBytes), or an SQLite database (a
// set-aside or copied Hatcheck database), which the caller recovers
// instead; its data is then nil. Only regular files are read.
func ReadImport(path string) (data []byte, database bool, err error) {
	f, err := safefile.Open(path, MaxDatabaseBytes)
	if err != nil {
		return nil, false, err
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	f.Close()
	if IsDatabase(head[:n]) {
		return nil, true, nil
	}
	data, err = safefile.ReadFile(path, assessment.MaxAnswersBytes)
	return data, false, err
}

// Recovery says what Recover brought back.
type Recovery struct {
	From       string // the file read
	KeptAs     string // where the file is now (renamed when wholly read)
	Profiles   int    // people found in it
	Attempts   int    // attempts added to the live data
	Duplicates int    // attempts the live data already had
	// Problems lists what could not be read (catalogue texts, which a
	// printer renders); when it is empty the file was read whole and
	// renamed to KeptAs so that it is no longer announced.
	Problems []error
}

// Recover brings back the data of a database file that was set aside (or
// any Hatcheck database, such as a copy from another machine): every
// profile, attempt, answer, plan and cohort membership it holds is added to
// the live data. The file itself is never changed: it is copied, with its
// WAL, to a temporary folder and read there. Attempts recovered before are
// recognised and not added twice. When everything was read, the file is
// renamed with the suffix ".recovered" so that it is no longer announced.
func (s *Store) Recover(path string) (Recovery, error) {
	r := Recovery{From: path, KeptAs: path}
	fi, err := os.Stat(path)
	if err != nil {
		return r, i18n.Errorf("read {{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": describe(err)})
	}
	if live, err := os.Stat(s.path); err == nil && os.SameFile(fi, live) {
		return r, i18n.Errorf("this is the database in use (or a link to it); Recover reads a file that was set aside (hatcheck list shows them)")
	}
	if !fi.Mode().IsRegular() {
		return r, i18n.Errorf("{{.Path}} is not a regular file", map[string]any{"Path": path})
	}
	tmp, err := os.MkdirTemp("", "hatcheck-recover-")
	if err != nil {
		return r, i18n.Errorf("make a working copy: {{.Err}}", map[string]any{"Err": describe(err)})
	}
	defer os.RemoveAll(tmp)
	cp := filepath.Join(tmp, FileName)
	if err := copyFile(path, cp); err != nil {
		return r, i18n.Errorf("make a working copy of {{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": describe(err)})
	}
	if err := copyFile(path+"-wal", cp+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		r.Problems = append(r.Problems, i18n.Errorf("its WAL file could not be read ({{.Err}}); the latest changes may be missing", map[string]any{"Err": describe(err)}))
	}
	head := make([]byte, 16)
	if f, err := os.Open(cp); err == nil {
		io.ReadFull(f, head)
		f.Close()
	}
	if !IsDatabase(head) {
		return r, i18n.Errorf("{{.Path}} is not a Hatcheck database (it does not start like an SQLite file); nothing can be read from it", map[string]any{"Path": path})
	}
	src, err := sql.Open("sqlite", "file:"+cp+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return r, i18n.Errorf("read {{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": describe(err)})
	}
	defer src.Close()
	src.SetMaxOpenConns(1)
	var version int
	if err := src.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return r, i18n.Errorf("{{.Path}} cannot be read at all ({{.Err}}); it is kept as it is", map[string]any{"Path": path, "Err": describe(err)})
	}
	if version < 0 || version > SchemaVersion() {
		return r, newerError(path, version)
	}
	old := &Store{db: src, path: cp}
	if err := old.migrate(SchemaVersion()); err != nil {
		r.Problems = append(r.Problems, i18n.Errorf("its tables could not be brought up to date ({{.Err}}); only what is readable was recovered", map[string]any{"Err": describe(err)}))
	}
	people, problems := readPeople(src)
	r.Problems = append(r.Problems, problems...)
	r.Profiles = len(people)
	for _, p := range people {
		added, dup, err := s.restore(p)
		if err != nil {
			r.Problems = append(r.Problems, i18n.Errorf("{{.Name}} could not be added: {{.Err}}", map[string]any{"Name": p.profile.Name, "Err": err}))
			continue
		}
		r.Attempts += added
		r.Duplicates += dup
	}
	// A set-aside file that gave what it could is no longer announced; it
	// is kept under a new name, whole or partly read.
	if (len(r.Problems) == 0 || r.Profiles > 0) && strings.Contains(filepath.Base(path), SetAsideInfix) {
		dest := path + recoveredSuffix
		if err := renameWithWAL(path, dest); err == nil {
			r.KeptAs = dest
		}
	}
	return r, nil
}

// copyFile copies a file, creating the copy private to the user.
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// Everything one person has in a database, read for recovery.
type personData struct {
	profile  Profile
	attempts []attemptData
	cohorts  []membership
}

type attemptData struct {
	started, bankVersion, origin string
	finished, fingerprint        sql.NullString
	answers                      []answerRow
	plans                        []PlanChoice
	target                       string
}

type answerRow struct{ item, value, evidence, at string }

type membership struct{ cohort, created, code string }

// readPeople reads every person with what is theirs, carrying on past
// what cannot be read (a damaged page loses its rows, not the whole file).
func readPeople(db *sql.DB) ([]personData, []error) {
	var problems []error
	note := func(what, err error) {
		if err != nil && len(problems) < 20 {
			problems = append(problems, i18n.Errorf("{{.What}} could not be read: {{.Err}}", map[string]any{"What": what, "Err": describe(err)}))
		}
	}
	people, err := readProfiles(db)
	if err != nil {
		note(i18n.Errorf("some people"), err)
	}
	for i := range people {
		p := &people[i]
		name := map[string]any{"Name": p.profile.Name}
		ids, err := readAttempts(db, p)
		note(i18n.Errorf("the attempts of {{.Name}}", name), err)
		for j, id := range ids {
			a := &p.attempts[j]
			note(i18n.Errorf("the answers of {{.Name}}", name), readRows(db, `SELECT item_id, value, evidence, answered_at FROM answers WHERE attempt_id = ?`, id, func(sc scanner) error {
				var r answerRow
				err := sc.Scan(&r.item, &r.value, &r.evidence, &r.at)
				a.answers = append(a.answers, r)
				return err
			}))
			old := &Store{db: db}
			plans, err := old.PlanChoices(id)
			note(i18n.Errorf("the plan of {{.Name}}", name), err)
			target, err := old.Target(id)
			note(i18n.Errorf("the plan of {{.Name}}", name), err)
			a.plans, a.target = plans, target
		}
		note(i18n.Errorf("the cohorts of {{.Name}}", name), readRows(db, `SELECT c.name, c.created_at, m.code FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE m.profile_id = ?`, p.profile.ID, func(sc scanner) error {
			var m membership
			err := sc.Scan(&m.cohort, &m.created, &m.code)
			p.cohorts = append(p.cohorts, m)
			return err
		}))
	}
	return people, problems
}

// readProfiles reads every person it can. A damaged page stops a plain
// scan of the table; then each row is looked up on its own, so that only
// the rows on the damaged page are lost.
func readProfiles(db *sql.DB) ([]personData, error) {
	var people []personData
	scan := func(sc scanner) error {
		var p personData
		var created string
		if err := sc.Scan(&p.profile.ID, &p.profile.Name, &p.profile.Context, &created); err != nil {
			return err
		}
		p.profile.Created = parseTime(created)
		people = append(people, p)
		return nil
	}
	err := readRows(db, `SELECT id, name, context, created_at FROM profiles WHERE id > ? ORDER BY id`, 0, scan)
	if err == nil {
		return people, nil
	}
	// Row by row, up to the highest ID that can be found (the attempts
	// name their people too).
	var last int64
	for _, q := range []string{`SELECT max(id) FROM profiles`, `SELECT max(profile_id) FROM attempts`} {
		var n sql.NullInt64
		if db.QueryRow(q).Scan(&n) == nil && n.Int64 > last {
			last = n.Int64
		}
	}
	if last > 1_000_000 {
		last = 1_000_000
	}
	people = nil
	lost := 0
	for id := int64(1); id <= last; id++ {
		err := scan(db.QueryRow(`SELECT id, name, context, created_at FROM profiles WHERE id = ?`, id))
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			lost++
		}
	}
	if lost > 0 {
		return people, i18n.Errorf("{{.N}} could not be read: {{.Err}}", map[string]any{"N": lost, "Err": err})
	}
	return people, err
}

type scanner interface{ Scan(...any) error }

func readRows(db *sql.DB, q string, arg any, fn func(scanner) error) error {
	rows, err := db.Query(q, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func readAttempts(db *sql.DB, p *personData) ([]int64, error) {
	var ids []int64
	err := readRows(db, `SELECT id, started_at, finished_at, bank_version, origin, fingerprint FROM attempts WHERE profile_id = ? ORDER BY id`, p.profile.ID, func(sc scanner) error {
		var id int64
		var a attemptData
		if err := sc.Scan(&id, &a.started, &a.finished, &a.bankVersion, &a.origin, &a.fingerprint); err != nil {
			return err
		}
		ids = append(ids, id)
		p.attempts = append(p.attempts, a)
		return nil
	})
	return ids, err
}

// recoveryFingerprint identifies an attempt that had none (one answered
// here), from what it holds, so that recovering a file twice adds nothing
// the second time.
func recoveryFingerprint(p Profile, a attemptData) string {
	var b strings.Builder
	fmt.Fprintf(&b, "recovered\x00%s\x00%s\x00%s\x00%s", p.Name, p.Context, formatTime(p.Created), a.started)
	rows := append([]answerRow(nil), a.answers...)
	sort.Slice(rows, func(i, j int) bool { return rows[i].item < rows[j].item })
	for _, r := range rows {
		fmt.Fprintf(&b, "\x00%s=%s|%s", r.item, r.value, r.evidence)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:16])
}

// restore adds one person's recovered data in one transaction. The person
// is the same profile when one with the same name, context and creation
// time exists (an earlier recovery of the same file), else a new one.
func (s *Store) restore(p personData) (added, duplicates int, err error) {
	err = s.tx(i18n.Errorf("recover {{.Name}}", map[string]any{"Name": p.profile.Name}), func(tx *sql.Tx) error {
		added, duplicates = 0, 0
		var profileID int64
		err := tx.QueryRow(`SELECT id FROM profiles WHERE name = ? AND context = ? AND created_at = ? ORDER BY id LIMIT 1`,
			p.profile.Name, p.profile.Context, formatTime(p.profile.Created)).Scan(&profileID)
		if errors.Is(err, sql.ErrNoRows) {
			res, err := tx.Exec(`INSERT INTO profiles (name, context, created_at) VALUES (?, ?, ?)`, p.profile.Name, p.profile.Context, formatTime(p.profile.Created))
			if err != nil {
				return err
			}
			profileID, _ = res.LastInsertId()
		} else if err != nil {
			return err
		}
		for _, a := range p.attempts {
			fp := a.fingerprint.String
			if !a.fingerprint.Valid || fp == "" {
				fp = recoveryFingerprint(p.profile, a)
			}
			var one int
			if err := tx.QueryRow(`SELECT 1 FROM attempts WHERE fingerprint = ?`, fp).Scan(&one); err == nil {
				duplicates++
				continue
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			res, err := tx.Exec(`INSERT INTO attempts (profile_id, started_at, finished_at, bank_version, origin, fingerprint) VALUES (?, ?, ?, ?, ?, ?)`,
				profileID, a.started, a.finished, a.bankVersion, a.origin, fp)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			for _, r := range a.answers {
				if _, err := tx.Exec(`INSERT OR REPLACE INTO answers (attempt_id, item_id, value, evidence, answered_at) VALUES (?, ?, ?, ?, ?)`,
					id, r.item, r.value, r.evidence, r.at); err != nil {
					return err
				}
			}
			for _, pc := range a.plans {
				if err := savePlan(tx, id, pc); err != nil {
					return err
				}
			}
			if a.target != "" {
				if err := setTarget(tx, id, a.target); err != nil {
					return err
				}
			}
			added++
		}
		for _, m := range p.cohorts {
			if err := joinByName(tx, m, profileID); err != nil {
				return err
			}
		}
		return nil
	})
	return added, duplicates, err
}

// joinByName puts a recovered person back in their cohort (made again when
// it is gone), under their old code when it is free.
func joinByName(tx *sql.Tx, m membership, profileID int64) error {
	var cohortID int64
	err := tx.QueryRow(`SELECT id FROM cohorts WHERE name = ?`, m.cohort).Scan(&cohortID)
	if errors.Is(err, sql.ErrNoRows) {
		created := m.created
		if created == "" {
			created = formatTime(time.Now())
		}
		res, err := tx.Exec(`INSERT INTO cohorts (name, created_at) VALUES (?, ?)`, m.cohort, created)
		if err != nil {
			return err
		}
		cohortID, _ = res.LastInsertId()
	} else if err != nil {
		return err
	}
	var one int
	if tx.QueryRow(`SELECT 1 FROM cohort_members WHERE cohort_id = ? AND profile_id = ?`, cohortID, profileID).Scan(&one) == nil {
		return nil
	}
	var seq int
	fmt.Sscanf(m.code, "P%d", &seq)
	if _, err := tx.Exec(`INSERT INTO cohort_members (cohort_id, profile_id, code, seq) VALUES (?, ?, ?, ?)`, cohortID, profileID, m.code, seq); err == nil {
		return nil
	}
	_, err = joinTx(tx, cohortID, profileID)
	return err
}
