// Package workshop is what a trainer does with a cohort: collect results
// (results files, whole folders, a filled CSV), then write every
// participant's plan, a group report and a CSV of scores. The command line
// and the desktop app both call it.
package workshop

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
	"hatcheck/internal/i18n"
	"hatcheck/internal/safefile"
	"hatcheck/internal/slug"
	"hatcheck/internal/syserr"
	"hatcheck/internal/termsafe"
	"hatcheck/jobad"
	"hatcheck/questions"
	"hatcheck/report"
	"hatcheck/store"
)

// Outcome is what happened to one file or CSV row.
type Outcome struct {
	Source    string // file, or "file row N"
	Name      string
	Code      string
	Duplicate bool
	// Partial is set when a row cut short was imported as it was.
	Partial bool
	// Problems is set when it was refused or left out; nothing from it was
	// imported.
	Problems []string
	// Pending is set when it was left out only because nobody said what to
	// do (a person with the same name is here, or the row is cut short);
	// importing again with a decision brings it in.
	Pending bool
}

// ImportResult lists the outcome of every file and row read: each is
// imported, already there, or refused, so the counts always add up.
type ImportResult struct {
	Outcomes []Outcome
	// Notes are things the trainer should know that are not problems, such
	// as the encoding a CSV file was read in, or files a folder held that
	// are not results.
	Notes []string
	// Stopped says why the import ended before reading everything (it was
	// cancelled, or the cohort was deleted meanwhile); what was imported
	// before stays.
	Stopped string
}

// Counts returns how many came in new, were recognised, were refused.
func (r ImportResult) Counts() (imported, duplicates, refused int) {
	for _, o := range r.Outcomes {
		switch {
		case len(o.Problems) > 0:
			refused++
		case o.Duplicate:
			duplicates++
		default:
			imported++
		}
	}
	return
}

// Read is how many files and CSV rows were read: imported + duplicates +
// refused.
func (r ImportResult) Read() int { return len(r.Outcomes) }

// Pending counts the rows and files left out until someone decides.
func (r ImportResult) Pending() int {
	n := 0
	for _, o := range r.Outcomes {
		if o.Pending {
			n++
		}
	}
	return n
}

// A Question is asked about a file or row that cannot be imported without
// the trainer's decision.
type Question struct {
	Source string
	Name   string
	// SameName lists the people already here with this name: is the file
	// or row one of them, or someone else?
	SameName []store.Profile
	// Incomplete: the CSV row is cut short (Detail says how); import the
	// answers it has?
	Incomplete bool
	Detail     string
}

// Decision answers a Question.
type Decision struct {
	// Skip leaves the file or row out, as the trainer chose.
	Skip bool
	// Later leaves it out because no decision was given (the command line
	// without --same-person, --new-person or --partial); Why may say more.
	Later bool
	Why   string
	// Profile: it is this person (for a SameName question).
	Profile int64
	// NewPerson: it is someone else with the same name.
	NewPerson bool
}

// ImportOptions are the trainer's choices for an import.
type ImportOptions struct {
	// Ask decides a Question; nil leaves every such file or row out, listed
	// as pending.
	Ask func(Question) Decision
	// Each, when set, is told of every outcome as soon as it is known, so
	// that a long import can show its progress.
	Each func(Outcome)
	// Context, when set, stops the import between two rows or files.
	Context context.Context
}

// maxFolderDepth bounds how deep Import looks into subfolders.
const maxFolderDepth = 4

// Import brings paths into a cohort (created when new): results or answers
// files, folders of them (subfolders too, as learning platforms export one
// folder per participant), and CSV files (form exports included). Only
// regular files are read, within the size limits; what a folder holds that
// is not read is listed in the notes. CSV rows are read and imported one
// by one, so memory does not grow with the file. Two rows or files with
// the same name are two people; one with the name of a person who was here
// before this import is asked about (opt.Ask), never merged on its own.
func Import(s *store.Store, e *assessment.Engine, cohort string, paths []string, opt ImportOptions) (ImportResult, error) {
	c, err := s.Cohort(cohort, true)
	if err != nil {
		return ImportResult{}, err
	}
	if opt.Context == nil {
		opt.Context = context.Background()
	}
	im := &importer{s: s, e: e, cohort: c.ID, opt: opt, created: map[int64]bool{}}
	for _, p := range im.expand(paths) {
		if im.stop() {
			break
		}
		if strings.EqualFold(filepath.Ext(p), ".csv") {
			im.csv(p)
			continue
		}
		data, err := safefile.ReadFile(p, assessment.MaxAnswersBytes)
		if err != nil {
			im.refuse(p, im.describe(err))
			continue
		}
		im.one(p, nil, data, nil)
	}
	return im.res, nil
}

// importer is one Import run.
type importer struct {
	s      *store.Store
	e      *assessment.Engine
	cohort int64
	opt    ImportOptions
	res    ImportResult
	// created holds the profiles this run made: a later row with the same
	// name is another person, not a question.
	created map[int64]bool
}

// stop reports whether the import must end here, and says why once.
func (im *importer) stop() bool {
	if im.res.Stopped != "" {
		return true
	}
	if err := im.opt.Context.Err(); err != nil {
		im.res.Stopped = im.e.T("the import was stopped; what was imported before stays")
		return true
	}
	return false
}

func (im *importer) add(o Outcome) {
	im.res.Outcomes = append(im.res.Outcomes, o)
	if im.opt.Each != nil {
		im.opt.Each(o)
	}
}

func (im *importer) refuse(source string, problems ...string) {
	im.add(Outcome{Source: source, Problems: problems})
}

func (im *importer) ask(q Question) Decision {
	if im.opt.Ask == nil {
		return Decision{Later: true}
	}
	return im.opt.Ask(q)
}

// describe is Describe in the language of the import.
func (im *importer) describe(err error) string { return Describe(im.e.Printer(), err) }

// leftOut says why a file or row was not imported after a question.
func (im *importer) leftOut(problem string, d Decision) (string, bool) {
	f := map[string]any{"Problem": problem, "Why": d.Why}
	switch {
	case d.Later && d.Why != "":
		return im.e.T("{{.Problem}}; left out: {{.Why}}", f), true
	case d.Later:
		return im.e.T("{{.Problem}}; left out until you decide", f), true
	}
	return im.e.T("{{.Problem}}; left out, as you chose", f), false
}

// samePerson says that a person with the name is here already.
func (im *importer) samePerson(same *store.SamePersonError) string {
	if len(same.Profiles) == 1 {
		return im.e.T("someone called \"{{.Name}}\" is already here (profile {{.ID}}); say whether this is the same person or someone else",
			map[string]any{"Name": same.Name, "ID": same.Profiles[0].ID})
	}
	return im.e.N("someone called \"{{.Name}}\" is already here ({{.N}} profiles); say whether this is the same person or someone else", len(same.Profiles),
		map[string]any{"Name": same.Name, "N": len(same.Profiles)})
}

// one imports one file (data) or CSV row (answers); partial is the row's
// cut-short problem.
func (im *importer) one(source string, answers *assessment.Answers, data []byte, partial *assessment.CSVProblem) {
	opt := store.ImportOptions{Cohort: im.cohort}
	o := Outcome{Source: source}
	imp := func() (store.Imported, error) {
		if answers != nil {
			return im.s.ImportAnswers(answers, im.e, opt)
		}
		return im.s.Import(data, im.e, opt)
	}
	if partial != nil {
		name := ""
		if answers != nil {
			name = answers.Respondent.Name
		}
		if d := im.ask(Question{Source: source, Name: name, Incomplete: true, Detail: im.e.Printer().Error(partial.Problem)}); d.Skip || d.Later {
			p, pending := im.leftOut(partial.String(), d)
			o.Name, o.Problems, o.Pending = name, []string{p}, pending
			im.add(o)
			return
		}
		o.Partial = true
	}
	r, err := imp()
	var same *store.SamePersonError
	if errors.As(err, &same) {
		if allIn(same.Profiles, im.created) {
			opt.NewPerson = true // two people of this import share a name
		} else {
			d := im.ask(Question{Source: source, Name: same.Name, SameName: same.Profiles})
			if d.Skip || d.Later {
				p, pending := im.leftOut(im.samePerson(same), d)
				o.Name, o.Problems, o.Pending = same.Name, []string{p}, pending
				im.add(o)
				return
			}
			opt.Profile, opt.NewPerson = d.Profile, d.NewPerson
		}
		r, err = imp()
	}
	if err == nil && r.NewProfile {
		im.created[r.ProfileID] = true
	}
	o.Name, o.Code, o.Duplicate = r.Name, r.Code, r.Duplicate
	var ie *assessment.InputError
	switch {
	case errors.Is(err, store.ErrNotFound) && strings.Contains(err.Error(), "cohort"):
		// The cohort was deleted while this import ran.
		im.res.Stopped = im.e.T("the cohort was deleted while the import ran; the people imported before were deleted with it")
		o.Problems = []string{im.e.T("not imported: {{.Why}}", map[string]any{"Why": im.res.Stopped})}
	case errors.As(err, &ie):
		o.Problems = im.e.Printer().Errors(ie.Problems)
	case err != nil:
		o.Problems = []string{im.e.Printer().Error(err)}
	}
	im.add(o)
}

func allIn(ps []store.Profile, set map[int64]bool) bool {
	for _, p := range ps {
		if !set[p.ID] {
			return false
		}
	}
	return true
}

// expand turns folders (and their subfolders) into the results files,
// answers files and CSV files they hold, sorted by path. What is not a
// regular file (a FIFO, a device) is refused, never opened; other files
// and hidden ones are listed in a note.
func (im *importer) expand(paths []string) []string {
	var out, other []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			im.refuse(p, im.describe(err))
			continue
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		var files []string
		im.walk(p, 0, &files, &other)
		sort.Strings(files)
		if len(files) == 0 {
			im.refuse(p, im.e.T("the folder has no .hatcheck.json, .json or .csv files"))
		}
		out = append(out, files...)
	}
	if len(other) > 0 {
		sort.Strings(other)
		im.res.Notes = append(im.res.Notes, im.e.T("Not read, as they are not .json or .csv files (or are hidden): {{.Files}}.", map[string]any{"Files": im.quoteSome(other, 8)}))
	}
	return out
}

func (im *importer) walk(dir string, depth int, files, other *[]string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		im.refuse(dir, im.describe(err))
		return
	}
	for _, en := range entries {
		full := filepath.Join(dir, en.Name())
		ext := strings.ToLower(filepath.Ext(en.Name()))
		switch {
		case strings.HasPrefix(en.Name(), "."):
			*other = append(*other, full)
		case en.IsDir():
			if depth+1 < maxFolderDepth {
				im.walk(full, depth+1, files, other)
			} else {
				*other = append(*other, full+string(filepath.Separator))
			}
		case ext != ".json" && ext != ".csv":
			*other = append(*other, full)
		case !en.Type().IsRegular():
			if fi, err := os.Stat(full); err != nil || !fi.Mode().IsRegular() {
				im.refuse(full, im.e.T("skipped: it is {{.Kind}}, not a regular file", map[string]any{"Kind": FileKind(im.e.Printer(), en.Type())}))
				continue
			}
			*files = append(*files, full)
		default:
			*files = append(*files, full)
		}
	}
}

// quoteSome quotes the first n strings of list and counts the rest.
func (im *importer) quoteSome(list []string, n int) string {
	var q []string
	for i, s := range list {
		if i == n {
			q = append(q, im.e.N("and {{.N}} more", len(list)-n, map[string]any{"N": len(list) - n}))
			break
		}
		q = append(q, strconv.Quote(s))
	}
	return strings.Join(q, ", ")
}

// errStop ends the reading of a CSV file when the import must stop.
var errStop = errors.New("stop")

// csv imports the rows of a CSV file one by one as they are read: each row
// ends as imported, already there, or refused with its reasons.
func (im *importer) csv(path string) {
	data, err := safefile.ReadFile(path, assessment.MaxCSVBytes)
	if err != nil {
		im.refuse(path, im.describe(err))
		return
	}
	rows := 0
	info, err := assessment.ReadCSV(bytes.NewReader(data), im.e.Bank, assessment.CSVOptions{AllowPartial: true},
		func(r assessment.CSVRow, problems []assessment.CSVProblem) error {
			if im.stop() {
				return errStop
			}
			rows++
			source := im.e.T("{{.File}} row {{.Row}}", map[string]any{"File": path, "Row": r.Row})
			if r.Answers == nil {
				var texts []string
				for _, p := range problems {
					texts = append(texts, p.String())
				}
				im.refuse(source, texts...)
				return nil
			}
			im.one(source, r.Answers, nil, r.Short)
			return nil
		})
	for _, n := range info.Notes {
		im.res.Notes = append(im.res.Notes, filepath.Base(path)+": "+im.e.Printer().Error(n))
	}
	switch {
	case errors.Is(err, errStop):
	case err != nil:
		im.refuse(path, im.e.Printer().Error(err))
	case rows == 0:
		im.refuse(path, im.e.T("the file has a header but no participant rows; fill one row per participant (see \"hatcheck workshop template\")"))
	}
}

// Options are the trainer's choices for the outputs.
type Options struct {
	// Names shows names instead of participant codes in the group report
	// and the scores CSV.
	Names bool
	Paper report.Paper
	Date  time.Time
	// Workers build plans in parallel; 0 means 2.
	Workers int
}

// Progress is told how many participants are done out of how many.
type Progress func(done, total int)

// Written lists the files a report run wrote.
type Written struct {
	Plans       []string
	GroupReport string
	Scores      string
	// Skipped participants had no finished attempt or not enough answers
	// to choose a hat.
	Skipped []string
	// Warnings are texts the PDFs could not show as typed.
	Warnings []string
	// Cleaned lists temporary files of an earlier, killed run that were
	// removed.
	Cleaned []string
}

// Report writes into dir: plans/<code>-<name>.pdf for every participant,
// group-report.pdf and scores.csv. Plans are written one by one as they are
// made, so memory does not grow with the cohort; ctx cancels between
// participants, keeping the plans already written.
func Report(ctx context.Context, s *store.Store, e *assessment.Engine, cohort, dir string, opt Options, progress Progress) (Written, error) {
	var out Written
	c, err := s.Cohort(cohort, false)
	if err != nil {
		return out, err
	}
	members, err := s.Members(c.ID)
	if err != nil {
		return out, err
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now()
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return out, notAFolder(dir)
	}
	plansDir := filepath.Join(dir, "plans")
	if err := os.MkdirAll(plansDir, 0o700); err != nil {
		return out, cannotCreate(plansDir, err)
	}
	// A run that was killed leaves half-written temporary files; they go.
	out.Cleaned = append(atomicfile.RemoveStale(dir), atomicfile.RemoveStale(plansDir)...)
	workers := opt.Workers
	if workers <= 0 {
		workers = 2
	}
	type job struct {
		i int
		m store.CohortMember
	}
	jobs := make(chan job)
	results := make(chan planResult)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r := planFor(s, e, j.m, plansDir, opt)
				r.i = j.i
				results <- r
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i, m := range members {
			select {
			case jobs <- job{i, m}:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	condensed := make([]*assessment.Member, len(members))
	n := 0
	var firstErr error
	for r := range results {
		n++
		switch {
		case r.err != nil && firstErr == nil:
			firstErr = r.err
		case r.skipped != "":
			out.Skipped = append(out.Skipped, r.skipped)
		case r.path != "":
			out.Plans = append(out.Plans, r.path)
		}
		out.Warnings = append(out.Warnings, r.warnings...)
		condensed[r.i] = r.member
		if progress != nil {
			progress(n, len(members))
		}
	}
	sort.Strings(out.Plans)
	sort.Strings(out.Skipped)
	if firstErr != nil {
		return out, firstErr
	}
	if err := ctx.Err(); err != nil {
		return out, i18n.Errorf("stopped after {{.Done}} of {{.Total}} participants; the plans written so far stay", map[string]any{"Done": len(out.Plans), "Total": len(members), "Cause": err})
	}
	var group []assessment.Member
	for _, m := range condensed {
		if m != nil {
			group = append(group, *m)
		}
	}
	g := e.Summarise(group, opt.Names)
	out.GroupReport = filepath.Join(dir, "group-report.pdf")
	w, err := report.WriteGroupFile(out.GroupReport, report.GroupInput{Engine: e, Cohort: c.Name, Group: g, Members: group, Names: opt.Names},
		report.Options{Paper: opt.Paper, Date: opt.Date})
	out.Warnings = append(out.Warnings, w...)
	if err != nil {
		return out, err
	}
	out.Scores = filepath.Join(dir, "scores.csv")
	var buf bytes.Buffer
	if err := ScoresCSV(&buf, e.Printer(), group, opt.Names); err != nil {
		return out, err
	}
	if err := atomicfile.Write(out.Scores, buf.Bytes(), 0o600); err != nil {
		return out, err
	}
	return out, nil
}

// notAFolder is the error for an output folder that is a file; it is
// syscall.ENOTDIR to callers that sort errors.
func notAFolder(path string) error {
	return i18n.Errorf("{{.Path}} is a file, not a folder; give a folder to write the plans, the group report and scores.csv into",
		map[string]any{"Path": path, "Cause": syscall.ENOTDIR})
}

// cannotCreate is the error for a folder that could not be made; it wraps
// the system's reason.
func cannotCreate(dir string, err error) error {
	return i18n.Errorf("cannot create the folder {{.Path}}: {{.Err}}", map[string]any{"Path": dir, "Err": Reason(err)})
}

// planResult is one participant's plan: written, skipped, or failed.
type planResult struct {
	i        int
	member   *assessment.Member
	path     string
	skipped  string
	warnings []string
	err      error
}

func planFor(s *store.Store, e *assessment.Engine, m store.CohortMember, dir string, opt Options) (d planResult) {
	member, _, _, ok, err := s.ScoredMember(m, e)
	if err != nil {
		d.err = err
		return
	}
	label := m.Code + " " + m.Profile.Name
	if !ok {
		d.skipped = e.T("{{.Who}}: no finished attempt", map[string]any{"Who": label})
		return
	}
	d.member = &member
	// The plan the participant arranged, for the hat they chose: the same
	// as the window and the command line make (store.PlanFor).
	ap, err := s.PlanFor(m.Attempt.ID, e, "")
	if err != nil {
		if errors.Is(err, assessment.ErrNoTrack) {
			d.skipped = label + ": " + e.Printer().Error(err)
		} else {
			d.err = err
		}
		return
	}
	d.path = filepath.Join(dir, fmt.Sprintf("%s-%s.pdf", m.Code, slug.Make(m.Profile.Name, e.T("participant"))))
	ads, err := s.JobAdChecks(m.Attempt.ID, e, jobad.Person{Answers: ap.Answers, Result: ap.Result, Saved: &ap.Personal.Choice})
	if err != nil {
		d.err = err
		return
	}
	d.warnings, d.err = report.WriteFile(d.path, report.Input{Engine: e, Result: ap.Result, Plan: ap.Personal.Arranged(), JobAds: ads},
		report.Options{Paper: opt.Paper, Date: opt.Date})
	for i, w := range d.warnings {
		d.warnings[i] = m.Code + ": " + w
	}
	return
}

// ScoresCSV writes one row per participant for a spreadsheet, in the
// printer's language: its header is translated, and in a language whose
// numbers take a decimal comma (Spanish) the cells are separated by
// semicolons and the numbers written with a comma, as that language's
// spreadsheets open a CSV file. The cells themselves are codes and IDs
// (context, best fit, verdict), the same in every language, like the values
// of the JSON output. A cell that starts with =, +, - or @ (or a tab or
// carriage return) gets a leading apostrophe, so that no spreadsheet runs
// it as a formula.
func ScoresCSV(w io.Writer, p *i18n.Printer, members []assessment.Member, names bool) error {
	cw := csv.NewWriter(w)
	if p.DecimalComma() {
		cw.Comma = ';'
	}
	header := []string{p.T("participant")}
	if names {
		header = append(header, p.T("name"))
	}
	header = append(header, p.T("context"), p.T("best_fit"), p.T("verdict"))
	for _, id := range questions.TrackIDs {
		f := map[string]any{"Track": id}
		header = append(header, p.T("{{.Track}}_fit", f), p.T("{{.Track}}_band_low", f), p.T("{{.Track}}_band_high", f))
	}
	if err := cw.Write(header); err != nil {
		return syserr.Describe(err)
	}
	number := func(v float64) string { return p.Decimal("%.1f", v) }
	for _, m := range members {
		row := []string{m.Code}
		if names {
			row = append(row, m.Name)
		}
		row = append(row, m.Context, m.Best, m.Verdict.Kind)
		for _, id := range questions.TrackIDs {
			f, b := m.Fit[id], m.Band[id]
			if f == nil || b == nil {
				row = append(row, "", "", "")
				continue
			}
			row = append(row, number(float64(*f)), number(float64(b[0])), number(float64(b[1])))
		}
		for i := range row {
			row[i] = EscapeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return syserr.Describe(err)
		}
	}
	cw.Flush()
	return syserr.Describe(cw.Error())
}

// EscapeCell defuses a spreadsheet formula, and writes control characters
// (escape sequences in a name) as visible escapes.
func EscapeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + termsafe.Cell(s)
	}
	return termsafe.Cell(s)
}

// Template writes the blank worksheet PDF and the CSV template into dir,
// both in the engine's language.
func Template(e *assessment.Engine, dir string, opt report.Options) (worksheet, csvPath string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", cannotCreate(dir, err)
	}
	var pdf bytes.Buffer
	if err := report.WriteWorksheet(&pdf, e, opt); err != nil {
		return "", "", err
	}
	worksheet = filepath.Join(dir, "worksheet.pdf")
	if err := atomicfile.Write(worksheet, pdf.Bytes(), 0o644); err != nil {
		return "", "", err
	}
	var c bytes.Buffer
	if err := assessment.CSVTemplateIn(&c, e.Bank, e.Lang()); err != nil {
		return "", "", err
	}
	csvPath = filepath.Join(dir, "template.csv")
	return worksheet, csvPath, atomicfile.Write(csvPath, c.Bytes(), 0o644)
}
