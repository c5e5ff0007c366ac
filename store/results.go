package store

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/internal/safefile"
	"hatcheck/questions"
)

// A results file (.hatcheck.json) carries one attempt between machines: the
// answers in the answers-file format, the scores for reading, and the plan
// choices.
const (
	ResultsFormat = "hatcheck-results"
	// ResultsVersion 2 carries the plan choices of every hat (Plans and
	// Target); version 1 files, with one Plan, are still read.
	ResultsVersion = 2
	// ResultsExt is the file name ending the app proposes.
	ResultsExt = ".hatcheck.json"
)

// ResultsFile is the document written by Export and read by Import.
type ResultsFile struct {
	Format     string                    `json:"format"`
	Version    int                       `json:"version"`
	Exported   string                    `json:"exported"`
	Respondent assessment.Respondent     `json:"respondent"`
	Attempt    ResultsAttempt            `json:"attempt"`
	Answers    assessment.BoundedAnswers `json:"answers"`
	Skipped    skippedIDs                `json:"skipped"`
	// Results is informational: Import recomputes the scores from the
	// answers, so a hand-edited score cannot sneak in.
	Results *assessment.Result `json:"results,omitempty"`
	// Plans are the person's choices for each hat they planned for, and
	// Target the hat the plan is for now.
	Plans  []PlanChoice `json:"plans,omitempty"`
	Target string       `json:"target,omitempty"`
	// Plan is how version 1 files carried the choices of one hat.
	Plan *PlanChoice `json:"plan,omitempty"`
}

// skippedIDs is the list of skipped items, refused while it is read when
// it is longer than any questionnaire.
type skippedIDs []string

func (s *skippedIDs) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		var plain []string
		if err := json.Unmarshal(data, &plain); err != nil {
			return err
		}
		*s = plain
		return nil
	}
	var out skippedIDs
	for dec.More() {
		var id string
		if err := dec.Decode(&id); err != nil {
			return err
		}
		if out = append(out, id); len(out) > maxSkipped {
			return errTooManySkipped
		}
	}
	*s = out
	return nil
}

const maxSkipped = 1000

var errTooManySkipped = i18n.Errorf("\"skipped\" lists more than {{.Max}} items; the questionnaire has fewer than a hundred, so this is not a results file", map[string]any{"Max": maxSkipped})

// ResultsAttempt describes the exported attempt.
type ResultsAttempt struct {
	Started     string `json:"started"`
	Finished    string `json:"finished,omitempty"`
	BankVersion string `json:"bank_version"`
}

// Export writes an attempt as a results file.
func (s *Store) Export(attemptID int64, e *assessment.Engine) ([]byte, error) {
	att, err := s.Attempt(attemptID)
	if err != nil {
		return nil, err
	}
	prof, err := s.Profile(att.ProfileID)
	if err != nil {
		return nil, err
	}
	// The answers as read (current IDs, renamed options, skips): written
	// with the one answer encoding.
	answers, _, err := s.Answers(attemptID, e.Bank)
	if err != nil {
		return nil, err
	}
	f := ResultsFile{Format: ResultsFormat, Version: ResultsVersion, Exported: formatTime(now()),
		Respondent: assessment.Respondent{Name: prof.Name, Context: prof.Context},
		Attempt:    ResultsAttempt{Started: formatTime(att.Started), BankVersion: att.BankVersion},
		Answers:    assessment.BoundedAnswers{}, Skipped: append(skippedIDs{}, answers.Skipped...),
		Results: e.Score(answers)}
	if att.Finished != nil {
		f.Attempt.Finished = formatTime(*att.Finished)
	}
	for id, a := range answers.Items {
		f.Answers[id] = assessment.AnswerJSON(a.Stored())
	}
	if f.Plans, err = s.PlanChoices(attemptID); err != nil {
		return nil, err
	}
	if f.Target, err = s.Target(attemptID); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// ParsedResults is a results file that passed every check.
type ParsedResults struct {
	File     ResultsFile
	Answers  *assessment.Answers
	Skipped  []string
	Started  time.Time
	Finished *time.Time
	// Fingerprint identifies the attempt, so that importing the same file
	// twice is recognised.
	Fingerprint string
}

// ParseResults checks a results file as a whole. The error, if any, is an
// *assessment.InputError listing every problem found.
//
// A plain answers file is accepted too, as a finished attempt answered at
// the time of import; the same answers from the same person are recognised
// when imported again.
func ParseResults(data []byte, e *assessment.Engine) (*ParsedResults, error) {
	if len(data) > assessment.MaxAnswersBytes {
		return nil, inputError(i18n.Errorf("the file is {{.Size}}; a results file is at most {{.Max}}, so this is not one",
			map[string]any{"Size": safefile.Size(int64(len(data))), "Max": safefile.Size(assessment.MaxAnswersBytes)}))
	}
	// A byte order mark, UTF-16, invalid UTF-8, a key named twice: read
	// or refused with the place, never silently changed.
	data, err := assessment.JSONText(data)
	if err != nil {
		return nil, inputError(err)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if json.Unmarshal(data, &head) == nil {
		switch {
		case head.Format == assessment.AnswersFormat:
			return parseAnswersAsResults(data, e)
		case head.Format == ResultsFormat && head.Version > ResultsVersion:
			// Checked before the fields: a newer file may have new ones.
			return nil, inputError(i18n.Errorf("this results file was made by a newer Hatcheck (results version {{.Version}}; this one reads version {{.Max}}); update Hatcheck to import it",
				map[string]any{"Version": head.Version, "Max": ResultsVersion}))
		}
	}
	var f ResultsFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		var msg *i18n.Error
		if errors.As(err, &msg) { // a message of ours: too many answers or skips
			return nil, inputError(msg)
		}
		return nil, inputError(i18n.Errorf("this is not a readable Hatcheck results file: {{.Err}}", map[string]any{"Err": jsonProblem(err)}))
	}
	if dec.More() {
		return nil, inputError(i18n.Errorf("there is more text after the JSON object; a results file holds exactly one object"))
	}
	if f.Format != ResultsFormat {
		return nil, inputError(i18n.Errorf("this is not a Hatcheck results file: \"format\" is {{.Format}}, want {{.Want}}",
			map[string]any{"Format": strconv.Quote(f.Format), "Want": strconv.Quote(ResultsFormat)}))
	}
	if f.Version != ResultsVersion && f.Version != 1 {
		return nil, inputError(i18n.Errorf("\"version\" is {{.Version}}; this Hatcheck reads results files of version {{.Max}} (a newer Hatcheck may have written it)",
			map[string]any{"Version": f.Version, "Max": ResultsVersion}))
	}
	p := &ParsedResults{File: f}
	var problems []error
	if _, err := checkProfile(f.Respondent.Name, ""); err != nil {
		problems = append(problems, i18n.Errorf("respondent: {{.Err}}", map[string]any{"Err": err}))
	}
	started, err := time.Parse(time.RFC3339Nano, f.Attempt.Started)
	if err != nil {
		problems = append(problems, i18n.Errorf("attempt started {{.Date}} is not a date and time (want RFC 3339, such as 2026-11-23T09:30:00Z)", map[string]any{"Date": strconv.Quote(f.Attempt.Started)}))
	}
	p.Started = started
	if f.Attempt.Finished != "" {
		fin, err := time.Parse(time.RFC3339Nano, f.Attempt.Finished)
		switch {
		case err != nil:
			problems = append(problems, i18n.Errorf("attempt finished {{.Date}} is not a date and time", map[string]any{"Date": strconv.Quote(f.Attempt.Finished)}))
		case !started.IsZero() && fin.Before(started):
			problems = append(problems, i18n.Errorf("the attempt finished ({{.Finished}}) before it started ({{.Started}}); correct one of the dates",
				map[string]any{"Finished": f.Attempt.Finished, "Started": f.Attempt.Started}))
		default:
			p.Finished = &fin
		}
	}
	// The answers go through the same checks as an answers file.
	doc, _ := json.Marshal(map[string]any{"format": assessment.AnswersFormat, "version": assessment.AnswersVersion,
		"respondent": f.Respondent, "answers": f.Answers})
	answers, err := assessment.ParseAnswers(doc, e.Bank)
	var ie *assessment.InputError
	switch {
	case errors.As(err, &ie):
		problems = append(problems, ie.Problems...)
	case err != nil:
		problems = append(problems, err)
	}
	p.Answers = answers
	seen := map[string]bool{}
	for _, id := range f.Skipped {
		cur, ok := e.Bank.CurrentID(id)
		switch {
		case !ok && e.Bank.IsRetired(id):
			continue // a skip of a question no longer asked
		case !ok:
			problems = append(problems, i18n.Errorf("skipped item {{.Item}}: there is no such item", map[string]any{"Item": strconv.Quote(id)}))
		default:
			id = cur // a renamed item
		}
		if _, answered := f.Answers[id]; answered {
			problems = append(problems, i18n.Errorf("item {{.Item}} is both answered and skipped", map[string]any{"Item": strconv.Quote(id)}))
		}
		if !seen[id] {
			p.Skipped = append(p.Skipped, id)
		}
		seen[id] = true
	}
	if f.Plan != nil { // version 1
		f.Plans, f.Target, f.Plan = []PlanChoice{*f.Plan}, f.Plan.Track, nil
		p.File = f
	}
	planned := map[string]bool{}
	for i := range f.Plans {
		problems = append(problems, f.Plans[i].Validate(e)...)
		if planned[f.Plans[i].Track] {
			problems = append(problems, i18n.Errorf("the plan for {{.Hat}} is given twice", map[string]any{"Hat": strconv.Quote(f.Plans[i].Track)}))
		}
		planned[f.Plans[i].Track] = true
	}
	if f.Target != "" {
		if _, ok := e.Bank.Track(f.Target); !ok {
			problems = append(problems, i18n.Errorf("the target hat {{.Hat}} is unknown; allowed: {{.Allowed}}", map[string]any{"Hat": strconv.Quote(f.Target), "Allowed": strings.Join(questions.TrackIDs, ", ")}))
		}
	}
	if len(problems) > 0 {
		return nil, &assessment.InputError{Problems: problems}
	}
	canon := canonical(answers)
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%s", started.UTC().Format(time.RFC3339Nano), canon)))
	p.Fingerprint = hex.EncodeToString(sum[:16])
	return p, nil
}

func parseAnswersAsResults(data []byte, e *assessment.Engine) (*ParsedResults, error) {
	a, err := assessment.ParseAnswers(data, e.Bank)
	if err != nil {
		return nil, err
	}
	return answersAsResults(a, e)
}

// answersAsResults makes checked answers (an answers file, a CSV row) an
// attempt to import: finished now, recognised by its answers when it comes
// again.
func answersAsResults(a *assessment.Answers, e *assessment.Engine) (*ParsedResults, error) {
	if _, err := checkProfile(a.Respondent.Name, ""); err != nil {
		return nil, inputError(i18n.Errorf("respondent: {{.Err}} (add \"respondent\": {\"name\": \"...\"})", map[string]any{"Err": err}))
	}
	t := now()
	f := ResultsFile{Format: ResultsFormat, Version: ResultsVersion, Respondent: a.Respondent,
		Attempt: ResultsAttempt{Started: formatTime(t), Finished: formatTime(t), BankVersion: e.Bank.Version()}}
	canon := canonical(a)
	sum := sha256.Sum256(append([]byte("answers-file\x00"), canon...))
	return &ParsedResults{File: f, Answers: a, Started: t, Finished: &t, Fingerprint: hex.EncodeToString(sum[:16])}, nil
}

// inputError is the *assessment.InputError of one problem.
func inputError(problem error) error {
	return &assessment.InputError{Problems: []error{problem}}
}

func jsonProblem(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return i18n.Errorf("not valid JSON ({{.Err}} at byte {{.Offset}})", map[string]any{"Err": assessment.JSONSyntax(syn), "Offset": syn.Offset})
	case errors.As(err, &typ):
		return i18n.Errorf("{{.Field}} has the wrong type (a JSON {{.Type}})", map[string]any{"Field": strconv.Quote(typ.Field), "Type": assessment.JSONValueName(typ.Value)})
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return i18n.Errorf("unexpected field {{.Field}}", map[string]any{"Field": strings.TrimPrefix(err.Error(), "json: unknown field ")})
	case err.Error() == "EOF", err.Error() == "unexpected EOF":
		return i18n.Errorf("the file is empty or cut short")
	}
	return err
}

// Imported says what an import did.
type Imported struct {
	Name      string
	ProfileID int64
	AttemptID int64
	// Code is the participant code in the cohort, when one was given.
	Code string
	// NewProfile is set when the import made a new profile.
	NewProfile bool
	// Duplicate is true when the same attempt was imported before; nothing
	// was changed and AttemptID is the earlier import.
	Duplicate bool
}

// ImportOptions say where an imported attempt goes.
type ImportOptions struct {
	// Cohort, when not 0, is the cohort the person joins, in the same
	// transaction as the import.
	Cohort int64
	// Profile, when not 0, is the person the attempt belongs to: someone
	// said the file is theirs.
	Profile int64
	// NewPerson makes a new profile even when someone with the same name is
	// here already: someone said it is another person.
	NewPerson bool
}

// SamePersonError is returned by Import when the file's person has the
// name of a profile already here, and nobody has said
// whether it is the same person: two people may share a name, so Import
// never merges them on its own.
type SamePersonError struct {
	Name     string
	Profiles []Profile // the profiles with that name
}

func (e *SamePersonError) Error() string { return e.ErrorIn(i18n.English()) }

// ErrorIn is the message in p's language (i18n.Localized).
func (e *SamePersonError) ErrorIn(p *i18n.Printer) string {
	which := i18n.Errorf("profile {{.ID}}", map[string]any{"ID": e.Profiles[0].ID})
	if len(e.Profiles) > 1 {
		which = i18n.Errorn("{{.N}} profiles", len(e.Profiles), map[string]any{"N": len(e.Profiles)})
	}
	return p.Error(i18n.Errorf("someone called {{.Name}} is already here ({{.Which}}); say whether this is the same person or someone else",
		map[string]any{"Name": strconv.Quote(e.Name), "Which": which}))
}

// Import adds a results file's attempt, in one transaction: it comes in
// whole or not at all. A file imported before is recognised (Duplicate).
// The person is a new profile, unless opt names one; when someone with the
// same name is here already and opt does not say what to do,
// the error is a *SamePersonError and nothing is imported.
func (s *Store) Import(data []byte, e *assessment.Engine, opt ImportOptions) (Imported, error) {
	p, err := ParseResults(data, e)
	if err != nil {
		return Imported{}, err
	}
	return s.importParsed(p, opt)
}

// ImportAnswers imports answers already read and checked (a CSV row) as
// Import does an answers file.
func (s *Store) ImportAnswers(a *assessment.Answers, e *assessment.Engine, opt ImportOptions) (Imported, error) {
	p, err := answersAsResults(a, e)
	if err != nil {
		return Imported{}, err
	}
	return s.importParsed(p, opt)
}

func (s *Store) importParsed(p *ParsedResults, opt ImportOptions) (Imported, error) {
	name, _ := checkProfile(p.File.Respondent.Name, "")
	out := Imported{Name: name}
	err := s.tx(i18n.Errorf("import the results"), func(tx *sql.Tx) error {
		out = Imported{Name: name}
		err := tx.QueryRow(`SELECT id, profile_id FROM attempts WHERE fingerprint = ?`, p.Fingerprint).Scan(&out.AttemptID, &out.ProfileID)
		if err == nil {
			out.Duplicate = true
			return joinIfCohort(tx, opt.Cohort, &out)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		ctx := p.File.Respondent.Context
		switch {
		case opt.Profile != 0:
			if err := tx.QueryRow(`SELECT id FROM profiles WHERE id = ?`, opt.Profile).Scan(&out.ProfileID); err != nil {
				if errors.Is(err, sql.ErrNoRows) {
					return profileNotFound(opt.Profile)
				}
				return err
			}
		case !opt.NewPerson:
			same, err := profilesNamed(tx, name)
			if err != nil {
				return err
			}
			if len(same) > 0 {
				return &SamePersonError{Name: name, Profiles: same}
			}
		}
		if out.ProfileID == 0 {
			res, err := tx.Exec(`INSERT INTO profiles (name, context, created_at) VALUES (?, ?, ?)`, name, ctx, formatTime(now()))
			if err != nil {
				return err
			}
			out.ProfileID, _ = res.LastInsertId()
			out.NewProfile = true
		}
		var finished any
		if p.Finished != nil {
			finished = formatTime(*p.Finished)
		}
		res, err := tx.Exec(`INSERT INTO attempts (profile_id, started_at, finished_at, bank_version, origin, fingerprint) VALUES (?, ?, ?, ?, 'import', ?)`,
			out.ProfileID, formatTime(p.Started), finished, p.File.Attempt.BankVersion, p.Fingerprint)
		if err != nil {
			return err
		}
		out.AttemptID, _ = res.LastInsertId()
		if err := insertAnswers(tx, out.AttemptID, p.Answers, p.Skipped); err != nil {
			return err
		}
		for _, pc := range p.File.Plans {
			if err := savePlan(tx, out.AttemptID, pc); err != nil {
				return err
			}
		}
		if p.File.Target != "" {
			if err := setTarget(tx, out.AttemptID, p.File.Target); err != nil {
				return err
			}
		}
		return joinIfCohort(tx, opt.Cohort, &out)
	})
	if err != nil {
		var same *SamePersonError
		if errors.As(err, &same) {
			return Imported{Name: name}, same
		}
		return Imported{}, err
	}
	return out, nil
}

func joinIfCohort(tx *sql.Tx, cohort int64, out *Imported) (err error) {
	if cohort != 0 {
		out.Code, err = joinTx(tx, cohort, out.ProfileID)
	}
	return err
}

// profilesNamed lists the profiles with this name, ignoring case; the
// context is not compared, as a person's work may have changed.
func profilesNamed(tx *sql.Tx, name string) ([]Profile, error) {
	rows, err := tx.Query(`SELECT id, name, context, created_at FROM profiles WHERE name = ? COLLATE NOCASE ORDER BY id`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Profile
	for rows.Next() {
		var p Profile
		var created string
		if err := rows.Scan(&p.ID, &p.Name, &p.Context, &created); err != nil {
			return nil, err
		}
		p.Created = parseTime(created)
		out = append(out, p)
	}
	return out, rows.Err()
}

// insertAnswers stores an attempt's answers and skips in one statement per
// few hundred rows (one statement per answer made an import of thousands
// of people spend most of its time preparing statements).
func insertAnswers(tx *sql.Tx, attemptID int64, a *assessment.Answers, skipped []string) error {
	at := formatTime(now())
	ids := make([]string, 0, len(a.Items))
	for id := range a.Items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	const perStatement = 150 // 5 values each, far below SQLite's limit
	var q strings.Builder
	var args []any
	flush := func() error {
		if len(args) == 0 {
			return nil
		}
		_, err := tx.Exec(q.String(), args...)
		q.Reset()
		args = args[:0]
		return err
	}
	add := func(id, value, evidence string) error {
		if len(args) == 0 {
			q.WriteString(`INSERT INTO answers (attempt_id, item_id, value, evidence, answered_at) VALUES `)
		} else {
			q.WriteByte(',')
		}
		q.WriteString("(?, ?, ?, ?, ?)")
		args = append(args, attemptID, id, value, evidence, at)
		if len(args) >= perStatement*5 {
			return flush()
		}
		return nil
	}
	for _, id := range ids {
		ans := a.Items[id]
		value, evidence, err := encodeAnswer(&ans)
		if err != nil {
			return err
		}
		if err := add(id, value, evidence); err != nil {
			return err
		}
	}
	for _, id := range skipped {
		if err := add(id, "null", ""); err != nil {
			return err
		}
	}
	return flush()
}

// canonical is the answers as fingerprints hash them: the answers given,
// without the skips, as before skips were part of Answers, so that a file
// imported by an earlier version is still recognised.
func canonical(a *assessment.Answers) []byte {
	c := *a
	c.Skipped = nil
	b, _ := json.Marshal(&c)
	return b
}
