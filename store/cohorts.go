package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
)

// Cohort is a workshop group.
type Cohort struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Members int    `json:"members"`
}

// CohortMember is a participant and their latest finished attempt.
type CohortMember struct {
	Profile Profile
	Code    string
	// Attempt is the latest finished attempt, or nil.
	Attempt *Attempt
}

// Cohort returns the cohort with this name, creating it when create is set.
// Two processes creating the same cohort at once get the same one.
func (s *Store) Cohort(name string, create bool) (Cohort, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 200 {
		return Cohort{}, i18n.Errorf("a cohort needs a name of 1 to 200 characters")
	}
	var c Cohort
	find := func(q interface {
		QueryRow(string, ...any) *sql.Row
	}) error {
		return q.QueryRow(`SELECT c.id, c.name, (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id) FROM cohorts c WHERE c.name = ?`, name).Scan(&c.ID, &c.Name, &c.Members)
	}
	var err error
	if create {
		err = s.tx(i18n.Errorf("create the cohort"), func(tx *sql.Tx) error {
			if _, err := tx.Exec(`INSERT INTO cohorts (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, name, formatTime(now())); err != nil {
				return err
			}
			return find(tx)
		})
	} else {
		err = s.retry(func() error { return find(s.db) })
	}
	if errors.Is(err, sql.ErrNoRows) {
		return c, i18n.Errorf("cohort {{.Name}}: {{.Err}}", map[string]any{"Name": strconv.Quote(name), "Err": ErrNotFound})
	}
	return c, s.wrap(i18n.Errorf("read the cohort"), err)
}

// Cohorts lists the cohorts by name.
func (s *Store) Cohorts() ([]Cohort, error) {
	var out []Cohort
	err := s.read(i18n.Errorf("list the cohorts"), func() error {
		out = nil
		rows, err := s.db.Query(`SELECT c.id, c.name, (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id) FROM cohorts c ORDER BY c.name COLLATE NOCASE`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c Cohort
			if err := rows.Scan(&c.ID, &c.Name, &c.Members); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// Join adds a profile to a cohort with the next participant code (P01,
// P02...), or returns its code when it is already a member.
func (s *Store) Join(cohortID, profileID int64) (string, error) {
	var code string
	err := s.tx(i18n.Errorf("add the participant"), func(tx *sql.Tx) (err error) {
		code, err = joinTx(tx, cohortID, profileID)
		return err
	})
	return code, err
}

func joinTx(tx *sql.Tx, cohortID, profileID int64) (string, error) {
	var code string
	err := tx.QueryRow(`SELECT code FROM cohort_members WHERE cohort_id = ? AND profile_id = ?`, cohortID, profileID).Scan(&code)
	if err == nil || !errors.Is(err, sql.ErrNoRows) {
		return code, err
	}
	var last int
	if err := tx.QueryRow(`SELECT COALESCE(MAX(seq), 0) FROM cohort_members WHERE cohort_id = ?`, cohortID).Scan(&last); err != nil {
		return "", err
	}
	for seq := last + 1; ; seq++ {
		code = fmt.Sprintf("P%02d", seq)
		_, err = tx.Exec(`INSERT INTO cohort_members (cohort_id, profile_id, code, seq) VALUES (?, ?, ?, ?)`, cohortID, profileID, code, seq)
		switch {
		case err == nil:
			return code, nil
		case strings.Contains(err.Error(), "FOREIGN KEY"):
			return "", i18n.Errorf("cohort {{.ID}}: {{.Err}} (it was deleted)", map[string]any{"ID": cohortID, "Err": ErrNotFound})
		case !strings.Contains(err.Error(), "UNIQUE"):
			return "", err
		}
	}
}

// Members lists a cohort's participants in code order.
func (s *Store) Members(cohortID int64) ([]CohortMember, error) {
	var out []CohortMember
	err := s.read(i18n.Errorf("list the participants"), func() error {
		out = nil
		rows, err := s.db.Query(`SELECT p.id, p.name, p.context, p.created_at, m.code FROM cohort_members m JOIN profiles p ON p.id = m.profile_id
		WHERE m.cohort_id = ? ORDER BY length(m.code), m.code`, cohortID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m CohortMember
			var created string
			if err := rows.Scan(&m.Profile.ID, &m.Profile.Name, &m.Profile.Context, &created, &m.Code); err != nil {
				return err
			}
			m.Profile.Created = parseTime(created)
			out = append(out, m)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		a, err := s.attemptWhere(i18n.Errorf("list the participants"), ` WHERE a.profile_id = ? AND a.finished_at IS NOT NULL ORDER BY a.id DESC LIMIT 1`, out[i].Profile.ID)
		if err != nil {
			return nil, err
		}
		out[i].Attempt = a
	}
	return out, nil
}

// DeleteCohort deletes a cohort and its participants with all their data,
// then compacts the file. It returns how many participants were deleted
// (counted in the same transaction, so a participant an import added a
// moment before is counted too).
func (s *Store) DeleteCohort(cohortID int64) (int, error) {
	var n int64
	err := s.tx(i18n.Errorf("delete the cohort"), func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM profiles WHERE id IN (SELECT profile_id FROM cohort_members WHERE cohort_id = ?)`, cohortID)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		res, err = tx.Exec(`DELETE FROM cohorts WHERE id = ?`, cohortID)
		if err != nil {
			return err
		}
		if k, _ := res.RowsAffected(); k == 0 {
			return i18n.Errorf("cohort {{.ID}}: {{.Err}}", map[string]any{"ID": cohortID, "Err": ErrNotFound})
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return int(n), s.compact()
}

// ScoredMember loads a member's latest finished attempt and condenses it
// for the group report; ok is false when they have none.
func (s *Store) ScoredMember(m CohortMember, e *assessment.Engine) (member assessment.Member, answers *assessment.Answers, result *assessment.Result, ok bool, err error) {
	if m.Attempt == nil {
		return member, nil, nil, false, nil
	}
	answers, _, err = s.Answers(m.Attempt.ID, e.Bank)
	if err != nil {
		return member, nil, nil, false, err
	}
	result = e.Score(answers)
	return e.NewMember(m.Code, m.Profile.Name, answers, result), answers, result, true, nil
}

// Leave takes a profile out of a cohort; the profile and its attempts stay.
func (s *Store) Leave(cohortID, profileID int64) error {
	return s.tx(i18n.Errorf("remove the participant"), func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM cohort_members WHERE cohort_id = ? AND profile_id = ?`, cohortID, profileID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return i18n.Errorf("participant {{.Profile}} of cohort {{.ID}}: {{.Err}}", map[string]any{"Profile": profileID, "ID": cohortID, "Err": ErrNotFound})
		}
		return nil
	})
}
