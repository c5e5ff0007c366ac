package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"hatcheck/assessment"
	"hatcheck/jobad"
)

// JobAd is a job ad checked against an attempt and kept with it.
type JobAd struct {
	ID        int64     `json:"id"`
	AttemptID int64     `json:"attempt_id"`
	Name      string    `json:"name"`
	Text      string    `json:"text"`
	Checked   time.Time `json:"checked"`
	// Lexicon is the version of the lexicon that first read it.
	Lexicon string `json:"lexicon"`
}

// maxJobAdName bounds the name given to a saved ad (a file name, or the
// ad's title).
const maxJobAdName = 200

// SaveJobAd keeps an ad with an attempt. The text is checked as the
// analysis checks it: empty or oversized text is refused.
func (s *Store) SaveJobAd(attemptID int64, name, text, lexicon string) (JobAd, error) {
	switch {
	case strings.TrimSpace(text) == "":
		return JobAd{}, jobad.ErrEmpty
	case len(text) > jobad.MaxBytes:
		return JobAd{}, jobad.ErrTooLarge
	case !utf8.ValidString(text) || !utf8.ValidString(name):
		return JobAd{}, fmt.Errorf("the ad is not valid text")
	}
	name = strings.TrimSpace(name)
	if r := []rune(name); len(r) > maxJobAdName {
		name = string(r[:maxJobAdName])
	}
	ad := JobAd{AttemptID: attemptID, Name: name, Text: text, Checked: now(), Lexicon: lexicon}
	err := s.tx("save the job ad", func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO job_ads (attempt_id, name, text, checked_at, lexicon) VALUES (?, ?, ?, ?, ?)`,
			attemptID, ad.Name, ad.Text, formatTime(ad.Checked), lexicon)
		if err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return fmt.Errorf("attempt %d: %w", attemptID, ErrNotFound)
			}
			return err
		}
		ad.ID, err = res.LastInsertId()
		return err
	})
	return ad, err
}

// JobAds lists the ads kept with an attempt, oldest first.
func (s *Store) JobAds(attemptID int64) ([]JobAd, error) {
	var out []JobAd
	err := s.read("read the job ads", func() error {
		out = nil
		rows, err := s.db.Query(`SELECT id, attempt_id, name, text, checked_at, lexicon FROM job_ads WHERE attempt_id = ? ORDER BY id`, attemptID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a JobAd
			var at string
			if err := rows.Scan(&a.ID, &a.AttemptID, &a.Name, &a.Text, &at, &a.Lexicon); err != nil {
				return err
			}
			a.Checked = parseTime(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// DeleteJobAd removes a kept ad for good and compacts the file (as
// deleting a profile does); ErrNotCompacted says the traces stay until the
// next start.
func (s *Store) DeleteJobAd(id int64) error {
	err := s.tx("delete the job ad", func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM job_ads WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("job ad %d: %w", id, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.compact()
}

// JobAdChecks reads the ads kept with an attempt again and holds each
// against the person: what the plan PDF's "Job ad check" section shows.
func (s *Store) JobAdChecks(attemptID int64, e *assessment.Engine, p jobad.Person) ([]jobad.Check, error) {
	ads, err := s.JobAds(attemptID)
	if err != nil {
		return nil, err
	}
	lx, err := jobad.Default()
	if err != nil {
		return nil, err
	}
	var out []jobad.Check
	for _, ad := range ads {
		r, err := lx.Analyze(e, ad.Text)
		if err != nil {
			continue // kept text that no longer reads is left out, not fatal
		}
		if p.Result != nil {
			r.Against, _ = jobad.Compare(e, r, p)
		}
		out = append(out, jobad.Check{ID: ad.ID, Name: ad.Name, Checked: ad.Checked, Result: r})
	}
	return out, nil
}
