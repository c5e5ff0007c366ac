package store

import (
	"database/sql"

	"hatcheck/internal/i18n"
)

// Setting returns a setting of the app, or fallback when it was never set
// or cannot be read.
func (s *Store) Setting(key, fallback string) string {
	var v string
	err := s.retry(func() error { return s.db.QueryRow(`SELECT value FROM settings WHERE key = ?`, key).Scan(&v) })
	if err != nil {
		return fallback
	}
	return v
}

// SetSetting keeps a setting of the app.
func (s *Store) SetSetting(key, value string) error {
	return s.tx(i18n.Errorf("save the setting {{.Key}}", map[string]any{"Key": key}), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
		return err
	})
}
