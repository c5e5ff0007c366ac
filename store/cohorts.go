package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"hatcheck/assessment"
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
func (s *Store) Cohort(name string, create bool) (Cohort, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 200 {
		return Cohort{}, errors.New("a cohort needs a name of 1 to 200 characters")
	}
	var c Cohort
	err := s.db.QueryRow(`SELECT c.id, c.name, (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id) FROM cohorts c WHERE c.name = ?`, name).Scan(&c.ID, &c.Name, &c.Members)
	if errors.Is(err, sql.ErrNoRows) && create {
		err = s.tx("create the cohort", func(tx *sql.Tx) error {
			res, err := tx.Exec(`INSERT INTO cohorts (name, created_at) VALUES (?, ?)`, name, formatTime(now()))
			if err != nil {
				return err
			}
			c = Cohort{Name: name}
			c.ID, err = res.LastInsertId()
			return err
		})
		return c, err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("cohort %q: %w", name, ErrNotFound)
	}
	return c, s.wrap("read the cohort", err)
}

// Cohorts lists the cohorts by name.
func (s *Store) Cohorts() ([]Cohort, error) {
	rows, err := s.db.Query(`SELECT c.id, c.name, (SELECT count(*) FROM cohort_members m WHERE m.cohort_id = c.id) FROM cohorts c ORDER BY c.name COLLATE NOCASE`)
	if err != nil {
		return nil, s.wrap("list the cohorts", err)
	}
	defer rows.Close()
	var out []Cohort
	for rows.Next() {
		var c Cohort
		if err := rows.Scan(&c.ID, &c.Name, &c.Members); err != nil {
			return nil, s.wrap("list the cohorts", err)
		}
		out = append(out, c)
	}
	return out, s.wrap("list the cohorts", rows.Err())
}

// Join adds a profile to a cohort with the next participant code (P01,
// P02...), or returns its code when it is already a member.
func (s *Store) Join(cohortID, profileID int64) (string, error) {
	var code string
	err := s.tx("add the participant", func(tx *sql.Tx) error {
		err := tx.QueryRow(`SELECT code FROM cohort_members WHERE cohort_id = ? AND profile_id = ?`, cohortID, profileID).Scan(&code)
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM cohort_members WHERE cohort_id = ?`, cohortID).Scan(&n); err != nil {
			return err
		}
		for i := n + 1; ; i++ {
			code = fmt.Sprintf("P%02d", i)
			_, err = tx.Exec(`INSERT INTO cohort_members (cohort_id, profile_id, code) VALUES (?, ?, ?)`, cohortID, profileID, code)
			if err == nil || !strings.Contains(err.Error(), "UNIQUE") {
				return err
			}
		}
	})
	return code, err
}

// Members lists a cohort's participants in code order.
func (s *Store) Members(cohortID int64) ([]CohortMember, error) {
	rows, err := s.db.Query(`SELECT p.id, p.name, p.context, p.created_at, m.code FROM cohort_members m JOIN profiles p ON p.id = m.profile_id
		WHERE m.cohort_id = ? ORDER BY length(m.code), m.code`, cohortID)
	if err != nil {
		return nil, s.wrap("list the participants", err)
	}
	var out []CohortMember
	for rows.Next() {
		var m CohortMember
		var created string
		if err := rows.Scan(&m.Profile.ID, &m.Profile.Name, &m.Profile.Context, &created, &m.Code); err != nil {
			rows.Close()
			return nil, s.wrap("list the participants", err)
		}
		m.Profile.Created = parseTime(created)
		out = append(out, m)
	}
	rows.Close()
	for i := range out {
		a, err := scanAttempt(s.db.QueryRow(`SELECT `+attemptColumns+` FROM attempts a WHERE a.profile_id = ? AND a.finished_at IS NOT NULL
			ORDER BY a.finished_at DESC, a.id DESC LIMIT 1`, out[i].Profile.ID))
		if err == nil {
			out[i].Attempt = &a
		} else if !errors.Is(err, sql.ErrNoRows) {
			return nil, s.wrap("list the participants", err)
		}
	}
	return out, nil
}

// DeleteCohort deletes a cohort and its participants with all their data,
// then compacts the file.
func (s *Store) DeleteCohort(cohortID int64) error {
	err := s.tx("delete the cohort", func(tx *sql.Tx) error {
		if _, err := tx.Exec(`DELETE FROM profiles WHERE id IN (SELECT profile_id FROM cohort_members WHERE cohort_id = ?)`, cohortID); err != nil {
			return err
		}
		res, err := tx.Exec(`DELETE FROM cohorts WHERE id = ?`, cohortID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("cohort %d: %w", cohortID, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.compact()
}

// ImportToCohort imports a results or answers file and adds its person to
// the cohort; a file imported before is recognised and only joins.
func (s *Store) ImportToCohort(cohortID int64, data []byte, e *assessment.Engine) (Imported, string, error) {
	im, err := s.Import(data, e)
	if err != nil {
		return im, "", err
	}
	code, err := s.Join(cohortID, im.ProfileID)
	return im, code, err
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
