package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"hatcheck/assessment"
	"hatcheck/questions"
)

// Profile is a person who takes the assessment.
type Profile struct {
	ID      int64     `json:"id"`
	Name    string    `json:"name"`
	Context string    `json:"context"`
	Created time.Time `json:"created"`
}

// maxName bounds a profile name, as the answers file does.
const maxName = 200

func checkProfile(name, context string) (string, error) {
	name = assessment.CleanName(name)
	switch {
	case name == "":
		return "", errors.New("a profile needs a name")
	case utf8.RuneCountInString(name) > maxName:
		return "", fmt.Errorf("the name is %d characters long; up to %d are allowed", utf8.RuneCountInString(name), maxName)
	case !utf8.ValidString(name):
		return "", errors.New("the name is not valid text")
	}
	if context != "" && !contains(assessment.Contexts, context) {
		return "", fmt.Errorf("unknown context %q; allowed: %s", context, strings.Join(assessment.Contexts, ", "))
	}
	return name, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// CreateProfile adds a person.
func (s *Store) CreateProfile(name, context string) (Profile, error) {
	name, err := checkProfile(name, context)
	if err != nil {
		return Profile{}, err
	}
	p := Profile{Name: name, Context: context, Created: now()}
	err = s.tx("create the profile", func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO profiles (name, context, created_at) VALUES (?, ?, ?)`, p.Name, p.Context, formatTime(p.Created))
		if err != nil {
			return err
		}
		p.ID, err = res.LastInsertId()
		return err
	})
	return p, err
}

// UpdateProfile changes a person's name or context.
func (s *Store) UpdateProfile(p Profile) error {
	name, err := checkProfile(p.Name, p.Context)
	if err != nil {
		return err
	}
	return s.tx("update the profile", func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE profiles SET name = ?, context = ? WHERE id = ?`, name, p.Context, p.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("profile %d: %w", p.ID, ErrNotFound)
		}
		return nil
	})
}

// Profiles lists every person, by name.
func (s *Store) Profiles() ([]Profile, error) {
	var out []Profile
	err := s.read("list the profiles", func() error {
		out = nil
		rows, err := s.db.Query(`SELECT id, name, context, created_at FROM profiles ORDER BY name COLLATE NOCASE, id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p Profile
			var created string
			if err := rows.Scan(&p.ID, &p.Name, &p.Context, &created); err != nil {
				return err
			}
			p.Created = parseTime(created)
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// Profile returns one person.
func (s *Store) Profile(id int64) (Profile, error) {
	var p Profile
	var created string
	err := s.retry(func() error {
		return s.db.QueryRow(`SELECT id, name, context, created_at FROM profiles WHERE id = ?`, id).Scan(&p.ID, &p.Name, &p.Context, &created)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("profile %d: %w", id, ErrNotFound)
	}
	p.Created = parseTime(created)
	return p, s.wrap("read the profile", err)
}

// DeleteProfile removes a person with every attempt, answer and plan, then
// compacts the file so that the data is really gone from the disk.
func (s *Store) DeleteProfile(id int64) error {
	err := s.tx("delete the profile", func(tx *sql.Tx) error {
		res, err := tx.Exec(`DELETE FROM profiles WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("profile %d: %w", id, ErrNotFound)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.compact()
}

// DeleteAll removes every profile, attempt, plan and cohort, and compacts
// the file.
func (s *Store) DeleteAll() error {
	err := s.tx("delete all data", func(tx *sql.Tx) error {
		for _, t := range []string{"job_ads", "cohort_members", "cohorts", "plan_choice_actions", "plan_choices", "plan_targets", "answers", "attempts", "profiles"} {
			if _, err := tx.Exec("DELETE FROM " + t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.compact()
}

// compact rewrites the database without free pages and empties the WAL, so
// that deleted answers do not linger in the files.
//
// When that fails (a full disk), the deletion stands but traces of the
// deleted data stay in the file: the error is ErrNotCompacted, and every
// start tries again until it works.
func (s *Store) compact() error {
	err := s.retry(func() error {
		if _, err := s.db.Exec("VACUUM"); err != nil {
			return err
		}
		// The checkpoint reports, rather than fails, when a reader kept it
		// from emptying the WAL, where the deleted pages also are.
		var busy, logged, copied int
		if err := s.db.QueryRow("PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logged, &copied); err != nil {
			return err
		}
		if busy != 0 {
			return errCheckpointBusy
		}
		return nil
	})
	if err != nil {
		_ = s.SetSetting(compactPending, "1")
		return fmt.Errorf("%w: %v; what was deleted is gone from Hatcheck, but traces of it stay inside the data file until it is compacted, which Hatcheck tries again at every start", ErrNotCompacted, s.wrap("compact the database", err))
	}
	if s.Setting(compactPending, "") != "" {
		_ = s.SetSetting(compactPending, "")
	}
	return nil
}

// errCheckpointBusy: another process's read kept the WAL from being
// emptied; it is retried like busy.
var errCheckpointBusy = errors.New("another Hatcheck program is reading, so the log of changes could not be emptied")

// compactPending is the setting that says a compaction failed and is owed.
const compactPending = "store.compact-pending"

// ErrNotCompacted: data was deleted, but the file could not be compacted.
var ErrNotCompacted = errors.New("deleted, but the data file could not be compacted yet")

// compactIfPending finishes a compaction a deletion could not do; it runs
// when a process opens the data alone.
func (s *Store) compactIfPending() {
	if s.Setting(compactPending, "") != "" {
		_ = s.compact()
	}
}

// Attempt is one run through the questionnaire.
type Attempt struct {
	ID          int64      `json:"id"`
	ProfileID   int64      `json:"profile_id"`
	Started     time.Time  `json:"started"`
	Finished    *time.Time `json:"finished,omitempty"`
	BankVersion string     `json:"bank_version"`
	Origin      string     `json:"origin"` // "here" or "import"
	Answered    int        `json:"answered"`
}

// StartAttempt begins a new attempt for a profile.
func (s *Store) StartAttempt(profileID int64, bankVersion string) (Attempt, error) {
	a := Attempt{ProfileID: profileID, Started: now(), BankVersion: bankVersion, Origin: "here"}
	err := s.tx("start an attempt", func(tx *sql.Tx) error {
		res, err := tx.Exec(`INSERT INTO attempts (profile_id, started_at, bank_version) VALUES (?, ?, ?)`, profileID, formatTime(a.Started), bankVersion)
		if err != nil {
			if strings.Contains(err.Error(), "FOREIGN KEY") {
				return fmt.Errorf("profile %d: %w", profileID, ErrNotFound)
			}
			return err
		}
		a.ID, err = res.LastInsertId()
		return err
	})
	return a, err
}

const attemptColumns = `a.id, a.profile_id, a.started_at, a.finished_at, a.bank_version, a.origin,
	(SELECT count(*) FROM answers n WHERE n.attempt_id = a.id AND n.value <> 'null')`

func scanAttempt(sc interface{ Scan(...any) error }) (Attempt, error) {
	var a Attempt
	var started string
	var finished sql.NullString
	err := sc.Scan(&a.ID, &a.ProfileID, &started, &finished, &a.BankVersion, &a.Origin, &a.Answered)
	a.Started = parseTime(started)
	if finished.Valid {
		t := parseTime(finished.String)
		a.Finished = &t
	}
	return a, err
}

// Attempts are ordered by when they were added to this store (their ID),
// never by the dates they carry: a results file from a machine whose clock
// was wrong must not stay "latest" over a later retake.

// Attempts lists a profile's attempts, oldest first.
func (s *Store) Attempts(profileID int64) ([]Attempt, error) {
	var out []Attempt
	err := s.read("list the attempts", func() error {
		out = nil
		rows, err := s.db.Query(`SELECT `+attemptColumns+` FROM attempts a WHERE a.profile_id = ? ORDER BY a.id`, profileID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAttempt(rows)
			if err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// attemptWhere returns the one attempt a query finds, or nil.
func (s *Store) attemptWhere(op, query string, args ...any) (*Attempt, error) {
	var a Attempt
	err := s.retry(func() (err error) {
		a, err = scanAttempt(s.db.QueryRow(`SELECT `+attemptColumns+` FROM attempts a`+query, args...))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, s.wrap(op, err)
	}
	return &a, nil
}

// Attempt returns one attempt.
func (s *Store) Attempt(id int64) (Attempt, error) {
	a, err := s.attemptWhere("read the attempt", ` WHERE a.id = ?`, id)
	if err == nil && a == nil {
		return Attempt{}, fmt.Errorf("attempt %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Attempt{}, err
	}
	return *a, nil
}

// InProgress returns the profile's latest unfinished attempt, or nil.
func (s *Store) InProgress(profileID int64) (*Attempt, error) {
	return s.attemptWhere("find the attempt in progress", ` WHERE a.profile_id = ? AND a.finished_at IS NULL ORDER BY a.id DESC LIMIT 1`, profileID)
}

// PreviousAttempt returns the profile's latest finished attempt added
// before the given one, or nil: the "since last time" of results.
func (s *Store) PreviousAttempt(attemptID int64) (*Attempt, error) {
	return s.attemptWhere("find the previous attempt", `, attempts cur
		WHERE cur.id = ? AND a.profile_id = cur.profile_id AND a.id < cur.id AND a.finished_at IS NOT NULL
		ORDER BY a.id DESC LIMIT 1`, attemptID)
}

// FinishAttempt marks an attempt finished.
func (s *Store) FinishAttempt(id int64) error {
	return s.tx("finish the attempt", func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE attempts SET finished_at = ? WHERE id = ? AND finished_at IS NULL`, formatTime(now()), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := s.attemptExists(tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) attemptExists(tx *sql.Tx, id int64) (bool, error) {
	var one int
	err := tx.QueryRow(`SELECT 1 FROM attempts WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, fmt.Errorf("attempt %d: %w", id, ErrNotFound)
	}
	return err == nil, err
}

// encodeAnswer is an answer as a row stores it (assessment.Answer.Stored);
// nil is a skip.
func encodeAnswer(a *assessment.Answer) (value, evidence string, err error) {
	if a == nil {
		return "null", "", nil
	}
	v, ev := a.Stored()
	return string(v), ev, nil
}

// SaveAnswer stores one answer (nil: the item was skipped) and commits it
// durably before returning: once it returns nil, the answer survives a
// crash or a power cut.
func (s *Store) SaveAnswer(attemptID int64, itemID string, a *assessment.Answer) error {
	value, evidence, err := encodeAnswer(a)
	if err != nil {
		return err
	}
	err = s.retry(func() error {
		_, err := s.db.Exec(`INSERT INTO answers (attempt_id, item_id, value, evidence, answered_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (attempt_id, item_id) DO UPDATE SET value = excluded.value, evidence = excluded.evidence, answered_at = excluded.answered_at`,
			attemptID, itemID, value, evidence, formatTime(now()))
		return err
	})
	if err != nil && strings.Contains(err.Error(), "FOREIGN KEY") {
		return fmt.Errorf("save the answer to %s: attempt %d: %w", itemID, attemptID, ErrNotFound)
	}
	return s.wrap("save the answer to "+itemID, err)
}

// SavedAnswer is one stored row: the answer, or a skip.
type SavedAnswer struct {
	Item     string
	Value    json.RawMessage // as in an answers file; "null" for a skip
	Evidence string
	At       time.Time
}

// RawAnswers returns the stored rows of an attempt, in no particular order.
func (s *Store) RawAnswers(attemptID int64) ([]SavedAnswer, error) {
	var out []SavedAnswer
	err := s.read("read the answers", func() error {
		out = nil
		rows, err := s.db.Query(`SELECT item_id, value, evidence, answered_at FROM answers WHERE attempt_id = ?`, attemptID)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a SavedAnswer
			var value, at string
			if err := rows.Scan(&a.Item, &value, &a.Evidence, &at); err != nil {
				return err
			}
			a.Value, a.At = json.RawMessage(value), parseTime(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// Answers loads an attempt's answers, checked against the bank as an
// answers file is. Answers to items the bank has renamed count for the new
// IDs. Answers to items the bank no longer has (an attempt from an older
// version of the questions) are left out and listed in dropped, skips
// included; the answers among them are also in answers.Dropped, and
// answers.BankVersion is set when the attempt was answered on another
// version of the questions, so that the scores note both.
func (s *Store) Answers(attemptID int64, bank *questions.Bank) (answers *assessment.Answers, dropped []string, err error) {
	att, err := s.Attempt(attemptID)
	if err != nil {
		return nil, nil, err
	}
	prof, err := s.Profile(att.ProfileID)
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.RawAnswers(attemptID)
	if err != nil {
		return nil, nil, err
	}
	doc := answersDoc(prof, rows, bank, &dropped)
	a, err := assessment.ParseAnswers(doc, bank)
	if err != nil {
		return nil, dropped, fmt.Errorf("attempt %d has answers this version cannot read: %w", attemptID, err)
	}
	for _, r := range rows {
		if _, ok := bank.CurrentID(r.Item); !ok && !bank.IsRetired(r.Item) && !bytes.Equal(r.Value, []byte("null")) {
			a.Dropped = append(a.Dropped, r.Item)
		}
	}
	sort.Strings(a.Dropped)
	if att.BankVersion != bank.Version() {
		a.BankVersion = att.BankVersion
	}
	return a, dropped, nil
}

// answersDoc builds an answers file from stored rows.
func answersDoc(p Profile, rows []SavedAnswer, bank *questions.Bank, dropped *[]string) []byte {
	var b bytes.Buffer
	resp, _ := json.Marshal(assessment.Respondent{Name: p.Name, Context: p.Context})
	fmt.Fprintf(&b, `{"format":%q,"version":%d,"respondent":%s,"answers":{`, assessment.AnswersFormat, assessment.AnswersVersion, resp)
	first := true
	for _, r := range rows {
		// Renamed and retired items go through: ParseAnswers carries them
		// forward or reports them.
		if _, ok := bank.CurrentID(r.Item); !ok && !bank.IsRetired(r.Item) {
			*dropped = append(*dropped, r.Item)
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		key, _ := json.Marshal(r.Item)
		b.Write(key)
		b.WriteByte(':')
		b.Write(assessment.AnswerJSON(r.Value, r.Evidence))
	}
	b.WriteString("}}")
	return b.Bytes()
}

// PlanChoice and ActionChoice are the plan model's (see assessment); the
// store keeps one choice per attempt and hat, and the hat the plan is for.
type (
	PlanChoice   = assessment.PlanChoice
	ActionChoice = assessment.ActionChoice
)

// SavePlan keeps the person's choices for one hat, in one transaction, and
// makes that hat the plan's target. Choices for other hats are kept.
func (s *Store) SavePlan(attemptID int64, p PlanChoice, e *assessment.Engine) error {
	if problems := p.Validate(e); len(problems) > 0 {
		return fmt.Errorf("the plan cannot be saved: %s", strings.Join(problems, "; "))
	}
	return s.tx("save the plan", func(tx *sql.Tx) error {
		if err := savePlan(tx, attemptID, p); err != nil {
			return err
		}
		return setTarget(tx, attemptID, p.Track)
	})
}

// SetTarget makes track the hat the attempt's plan is for.
func (s *Store) SetTarget(attemptID int64, track string) error {
	return s.tx("choose the target hat", func(tx *sql.Tx) error { return setTarget(tx, attemptID, track) })
}

func setTarget(tx *sql.Tx, attemptID int64, track string) error {
	_, err := tx.Exec(`INSERT INTO plan_targets (attempt_id, track) VALUES (?, ?) ON CONFLICT (attempt_id) DO UPDATE SET track = excluded.track`, attemptID, track)
	if err != nil && strings.Contains(err.Error(), "FOREIGN KEY") {
		return fmt.Errorf("attempt %d: %w", attemptID, ErrNotFound)
	}
	return err
}

func savePlan(tx *sql.Tx, attemptID int64, p PlanChoice) error {
	_, err := tx.Exec(`INSERT INTO plan_choices (attempt_id, track, notes, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (attempt_id, track) DO UPDATE SET notes = excluded.notes, updated_at = excluded.updated_at`,
		attemptID, p.Track, p.Notes, formatTime(now()))
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return fmt.Errorf("attempt %d: %w", attemptID, ErrNotFound)
		}
		return err
	}
	if _, err := tx.Exec(`DELETE FROM plan_choice_actions WHERE attempt_id = ? AND track = ?`, attemptID, p.Track); err != nil {
		return err
	}
	for _, a := range p.Actions {
		if _, err := tx.Exec(`INSERT INTO plan_choice_actions (attempt_id, track, competency, kind, chosen, slot, status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			attemptID, p.Track, a.Competency, a.Kind, a.Chosen, a.Slot, a.Status, a.Note); err != nil {
			return err
		}
	}
	return nil
}

// Target returns the hat the attempt's plan is for, or "" when none was
// chosen.
func (s *Store) Target(attemptID int64) (string, error) {
	var track string
	err := s.retry(func() error {
		return s.db.QueryRow(`SELECT track FROM plan_targets WHERE attempt_id = ?`, attemptID).Scan(&track)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return track, s.wrap("read the plan", err)
}

// Plan returns the choices for the attempt's target hat, or nil when none
// were saved.
func (s *Store) Plan(attemptID int64) (*PlanChoice, error) {
	track, err := s.Target(attemptID)
	if err != nil || track == "" {
		return nil, err
	}
	return s.PlanChoiceFor(attemptID, track)
}

// PlanChoiceFor returns the choices saved for one hat, or nil.
func (s *Store) PlanChoiceFor(attemptID int64, track string) (*PlanChoice, error) {
	all, err := s.PlanChoices(attemptID)
	if err != nil {
		return nil, err
	}
	for i := range all {
		if all[i].Track == track {
			return &all[i], nil
		}
	}
	return nil, nil
}

// PlanChoices returns the choices saved for every hat, in the hats' order.
func (s *Store) PlanChoices(attemptID int64) ([]PlanChoice, error) {
	var out []PlanChoice
	err := s.read("read the plan", func() error {
		out = nil
		// One read transaction, so the choices and their actions agree.
		tx, err := s.db.BeginTx(context.Background(), &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return err
		}
		defer tx.Rollback()
		rows, err := tx.Query(`SELECT track, notes FROM plan_choices WHERE attempt_id = ?`, attemptID)
		if err != nil {
			return err
		}
		for rows.Next() {
			p := PlanChoice{Actions: []ActionChoice{}}
			if err := rows.Scan(&p.Track, &p.Notes); err != nil {
				rows.Close()
				return err
			}
			out = append(out, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range out {
			rows, err := tx.Query(`SELECT competency, kind, chosen, slot, status, note FROM plan_choice_actions WHERE attempt_id = ? AND track = ?
				ORDER BY slot, CASE kind WHEN 'learn' THEN 0 WHEN 'practise' THEN 1 ELSE 2 END, competency`, attemptID, out[i].Track)
			if err != nil {
				return err
			}
			for rows.Next() {
				var a ActionChoice
				if err := rows.Scan(&a.Competency, &a.Kind, &a.Chosen, &a.Slot, &a.Status, &a.Note); err != nil {
					rows.Close()
					return err
				}
				out[i].Actions = append(out[i].Actions, a)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return trackIndex(out[i].Track) < trackIndex(out[j].Track) })
	return out, err
}

func trackIndex(id string) int {
	for i, t := range questions.TrackIDs {
		if t == id {
			return i
		}
	}
	return len(questions.TrackIDs)
}

// AttemptPlan is everything a plan screen, a plan PDF or a workshop plan
// shows for one stored attempt.
type AttemptPlan struct {
	Attempt  Attempt
	Answers  *assessment.Answers
	Result   *assessment.Result
	Personal assessment.PersonalPlan
}

// PlanFor is the one way from a stored attempt to its plan: the window,
// the command line and the workshop all call it. The hat is track when
// given, else the attempt's saved target, else the best fit
// (assessment.ErrNoTrack when there is none); the person's choices for
// that hat, with their notes, are applied.
func (s *Store) PlanFor(attemptID int64, e *assessment.Engine, track string) (*AttemptPlan, error) {
	att, err := s.Attempt(attemptID)
	if err != nil {
		return nil, err
	}
	answers, _, err := s.Answers(attemptID, e.Bank)
	if err != nil {
		return nil, err
	}
	ap := &AttemptPlan{Attempt: att, Answers: answers, Result: e.Score(answers)}
	if track == "" {
		if track, err = s.Target(attemptID); err != nil {
			return nil, err
		}
	}
	var saved *PlanChoice
	if track != "" {
		if saved, err = s.PlanChoiceFor(attemptID, track); err != nil {
			return nil, err
		}
	}
	ap.Personal, err = e.PlanFor(answers, ap.Result, track, saved)
	return ap, err
}
