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
	"strings"
	"sync"
	"time"
	"unicode"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
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
	// Problems is set when it was refused; nothing from it was imported.
	Problems []string
}

// ImportResult lists the outcome of every file and row.
type ImportResult struct {
	Outcomes []Outcome
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

// Import brings paths into a cohort (created when new): results or answers
// files, folders of them, and CSV files (form exports included).
func Import(s *store.Store, e *assessment.Engine, cohort string, paths []string) (ImportResult, error) {
	c, err := s.Cohort(cohort, true)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	for _, p := range expand(paths, &res) {
		if strings.EqualFold(filepath.Ext(p), ".csv") {
			importCSV(s, e, c.ID, p, &res)
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			res.Outcomes = append(res.Outcomes, Outcome{Source: p, Problems: []string{describe(err)}})
			continue
		}
		im, err := s.Import(data, e, store.ImportOptions{Cohort: c.ID})
		code := im.Code
		res.Outcomes = append(res.Outcomes, outcome(p, im, code, err))
	}
	return res, nil
}

// expand turns folders into the results files, answers files and CSV files
// they hold, sorted by name.
func expand(paths []string, res *ImportResult) []string {
	var out []string
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			res.Outcomes = append(res.Outcomes, Outcome{Source: p, Problems: []string{describe(err)}})
			continue
		}
		if !fi.IsDir() {
			out = append(out, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			res.Outcomes = append(res.Outcomes, Outcome{Source: p, Problems: []string{describe(err)}})
			continue
		}
		var files []string
		for _, en := range entries {
			ext := strings.ToLower(filepath.Ext(en.Name()))
			if !en.IsDir() && (ext == ".json" || ext == ".csv") && !strings.HasPrefix(en.Name(), ".") {
				files = append(files, filepath.Join(p, en.Name()))
			}
		}
		sort.Strings(files)
		if len(files) == 0 {
			res.Outcomes = append(res.Outcomes, Outcome{Source: p, Problems: []string{"the folder has no .hatcheck.json, .json or .csv files"}})
		}
		out = append(out, files...)
	}
	return out
}

func describe(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func outcome(source string, im store.Imported, code string, err error) Outcome {
	o := Outcome{Source: source, Name: im.Name, Code: code, Duplicate: im.Duplicate}
	var ie *assessment.InputError
	switch {
	case errors.As(err, &ie):
		o.Problems = ie.Problems
	case err != nil:
		o.Problems = []string{err.Error()}
	}
	return o
}

func importCSV(s *store.Store, e *assessment.Engine, cohortID int64, path string, res *ImportResult) {
	f, err := os.Open(path)
	if err != nil {
		res.Outcomes = append(res.Outcomes, Outcome{Source: path, Problems: []string{describe(err)}})
		return
	}
	defer f.Close()
	rows, problems, _, err := assessment.ParseCSV(f, e.Bank, assessment.CSVOptions{})
	if err != nil {
		res.Outcomes = append(res.Outcomes, Outcome{Source: path, Problems: []string{err.Error()}})
		return
	}
	byRow := map[int][]string{}
	var order []int
	for _, p := range problems {
		if _, ok := byRow[p.Row]; !ok {
			order = append(order, p.Row)
		}
		byRow[p.Row] = append(byRow[p.Row], p.String())
	}
	for _, r := range rows {
		data, err := r.Answers.MarshalJSON()
		if err != nil {
			res.Outcomes = append(res.Outcomes, Outcome{Source: fmt.Sprintf("%s row %d", path, r.Row), Problems: []string{err.Error()}})
			continue
		}
		im, err := s.Import(data, e, store.ImportOptions{Cohort: cohortID})
		code := im.Code
		res.Outcomes = append(res.Outcomes, outcome(fmt.Sprintf("%s row %d", path, r.Row), im, code, err))
	}
	for _, row := range order {
		res.Outcomes = append(res.Outcomes, Outcome{Source: fmt.Sprintf("%s row %d", path, row), Problems: byRow[row]})
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
	plansDir := filepath.Join(dir, "plans")
	if err := os.MkdirAll(plansDir, 0o700); err != nil {
		return out, fmt.Errorf("create %s: %s", plansDir, describe(err))
	}
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
		return out, fmt.Errorf("stopped after %d of %d participants: %w", len(out.Plans), len(members), err)
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
	if err := ScoresCSV(&buf, group, opt.Names); err != nil {
		return out, err
	}
	if err := atomicfile.Write(out.Scores, buf.Bytes(), 0o600); err != nil {
		return out, err
	}
	return out, nil
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
	member, answers, result, ok, err := s.ScoredMember(m, e)
	if err != nil {
		d.err = err
		return
	}
	label := m.Code + " " + m.Profile.Name
	if !ok {
		d.skipped = label + ": no finished attempt"
		return
	}
	d.member = &member
	plan, err := e.BuildPlan(answers, result, "")
	if err != nil {
		d.skipped = label + ": " + err.Error()
		return
	}
	notes := ""
	if saved, err := s.Plan(m.Attempt.ID); err == nil && saved != nil {
		notes = saved.Notes
		if saved.Track == plan.Track {
			plan = store.ApplyChoice(plan, saved)
		}
	}
	d.path = filepath.Join(dir, fmt.Sprintf("%s-%s.pdf", m.Code, fileName(m.Profile.Name)))
	d.warnings, d.err = report.WriteFile(d.path, report.Input{Engine: e, Result: result, Plan: plan},
		report.Options{Paper: opt.Paper, Date: opt.Date, Notes: notes})
	for i, w := range d.warnings {
		d.warnings[i] = m.Code + ": " + w
	}
	return
}

// fileName keeps letters and digits of a name for a file name.
func fileName(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteRune('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40])
	}
	if s == "" {
		s = "participant"
	}
	return s
}

// ScoresCSV writes one row per participant for a spreadsheet. A cell that
// starts with =, +, - or @ (or a tab or carriage return) gets a leading
// apostrophe, so that no spreadsheet runs it as a formula.
func ScoresCSV(w io.Writer, members []assessment.Member, names bool) error {
	cw := csv.NewWriter(w)
	header := []string{"participant"}
	if names {
		header = append(header, "name")
	}
	header = append(header, "context", "best_fit", "verdict")
	for _, id := range questions.TrackIDs {
		header = append(header, id+"_fit", id+"_band_low", id+"_band_high")
	}
	if err := cw.Write(header); err != nil {
		return err
	}
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
			row = append(row, fmt.Sprintf("%.1f", float64(*f)), fmt.Sprintf("%.1f", float64(b[0])), fmt.Sprintf("%.1f", float64(b[1])))
		}
		for i := range row {
			row[i] = EscapeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// EscapeCell defuses a spreadsheet formula.
func EscapeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Template writes the blank worksheet PDF and the CSV template into dir.
func Template(e *assessment.Engine, dir string, opt report.Options) (worksheet, csvPath string, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", fmt.Errorf("create %s: %s", dir, describe(err))
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
	if err := assessment.CSVTemplate(&c, e.Bank); err != nil {
		return "", "", err
	}
	csvPath = filepath.Join(dir, "template.csv")
	return worksheet, csvPath, atomicfile.Write(csvPath, c.Bytes(), 0o644)
}
