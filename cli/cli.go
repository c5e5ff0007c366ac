// Package cli is Hatcheck's command line: it lists the item bank, scores an
// answers file and prints a development plan, as text or JSON.
package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/about"
	"hatcheck/internal/safefile"
	"hatcheck/internal/termsafe"
	"hatcheck/jobad"
	"hatcheck/questions"
	"hatcheck/report"
	"hatcheck/store"
)

// Exit codes: the contract scripts rely on (README, "Exit codes").
const (
	// ExitOK: the command did what was asked.
	ExitOK = 0
	// ExitFailure: something went wrong that changing the command or its
	// input does not fix: the disk is full, the data is busy or damaged,
	// a read or write failed.
	ExitFailure = 1
	// ExitBadInput: the command line or an input is wrong, or an output
	// cannot go where it was asked (a missing or read-only folder, a name
	// that is a folder), or some of the files or rows given were refused;
	// the message says what to change.
	ExitBadInput = 2
)

// exitFor sorts an error into the exit code contract.
func exitFor(err error) int {
	switch {
	case errors.Is(err, store.ErrDiskFull), errors.Is(err, syscall.ENOSPC), errors.Is(err, store.ErrBusy):
		return ExitFailure
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrNewerVersion), errors.Is(err, store.ErrReadOnly),
		errors.Is(err, store.ErrNoAccess), errors.Is(err, os.ErrPermission), errors.Is(err, os.ErrNotExist),
		errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.ENOTDIR), errors.Is(err, syscall.EROFS):
		return ExitBadInput
	}
	var ie *assessment.InputError
	if errors.As(err, &ie) {
		return ExitBadInput
	}
	return ExitFailure
}

// Usage is printed for "help" and for a wrong command line.
const Usage = `Hatcheck: which social media hat fits you?

Usage:
  hatcheck                           open the desktop app
  hatcheck questions [--json]        list the questionnaire
  hatcheck score FILE [--json]       score an answers file
  hatcheck plan FILE [--track ID] [--json]
                                     print a 30/60/90-day development plan (FILE:
                                     an answers file, or a results file with the
                                     plan as its owner arranged it)
  hatcheck plan --attempt N [--track ID] [--json]
                                     the plan of a stored attempt, as arranged
  hatcheck plan FILE|--attempt N -o PLAN.pdf [--track ID] [--paper a4|letter]
                                     write the plan as a PDF report
  hatcheck import FILE... [--same-person|--new-person]
                                     import results files (.hatcheck.json); when
                                     someone with the same name is here, say
                                     whether the file is theirs or someone else's
  hatcheck list [--json]             list profiles and their attempts
  hatcheck export ATTEMPT -o FILE    write an attempt as a results file
  hatcheck delete PROFILE --yes      delete a profile (number or exact name)
  hatcheck delete --all --yes        delete every profile, attempt and plan
  hatcheck recover [FILE]            list databases set aside because they could
                                     not be read, or bring back what FILE holds
  hatcheck jobad FILE|- [--json] [--against RESULTS_OR_ANSWERS_FILE | --attempt N]
                                     which hats a job ad really asks for, line by
                                     line; against a result: skills met, gaps and
                                     the plan actions that close them (--attempt
                                     keeps the ad with that attempt for its PDF)
  hatcheck workshop ...              cohorts for trainers (hatcheck workshop for help)
  hatcheck --version                 show the version and the commit it was built from
  hatcheck help                      show this help

Data lives in HATCHECK_DATA_DIR, or ~/.config/hatcheck when it is not set.

Tracks: social-media-manager, community-manager, social-media-strategist.
An answers file is JSON; see README.md for the format.
Results are for exploration, not for hiring decisions.

Exit codes: 0 done; 2 the command, an input or an output place is wrong, or
some files or rows were refused (the message says what to change); 1 anything
else (a full disk, busy or damaged data, a failed read or write).
`

// Run runs one command and returns the process exit code. It never panics
// on user input.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, Usage)
		return ExitOK
	}
	switch args[0] {
	case "--version", "-version", "version":
		if len(args) > 1 {
			fmt.Fprintf(stderr, "hatcheck: %s takes nothing more (got %q)\n", args[0], args[1])
			return ExitBadInput
		}
		fmt.Fprintln(stdout, about.Current())
		return ExitOK
	}
	engine, err := assessment.Default()
	if err != nil {
		fmt.Fprintf(stderr, "hatcheck: the built-in question bank is broken: %v\n", err)
		return ExitFailure
	}
	c := &command{engine: engine, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "questions":
		return c.questions(args[1:])
	case "score":
		return c.score(args[1:])
	case "plan":
		return c.plan(args[1:])
	case "import":
		return c.importFiles(args[1:])
	case "list":
		return c.list(args[1:])
	case "export":
		return c.export(args[1:])
	case "delete":
		return c.deleteData(args[1:])
	case "recover":
		return c.recover(args[1:])
	case "workshop":
		return c.workshop(args[1:])
	case "jobad":
		return c.jobAd(args[1:])
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, Usage)
		return ExitOK
	}
	fmt.Fprintf(stderr, "hatcheck: unknown command %q\n\n%s", args[0], Usage)
	return ExitBadInput
}

type command struct {
	engine *assessment.Engine
	stdout io.Writer
	stderr io.Writer
	// quietSetAside: the command shows set-aside databases itself.
	quietSetAside bool
	// progressShown: a terminal progress line is open.
	progressShown bool
}

func (c *command) fail(code int, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "hatcheck: "+format+"\n", args...)
	return code
}

// parse parses flags that may come before or after the positional
// arguments, as people type them either way.
func (c *command) parse(fs *flag.FlagSet, args []string) ([]string, bool) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			c.fail(ExitBadInput, "%v\n\n%s", err, Usage)
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func (c *command) questions(args []string) int {
	fs := flag.NewFlagSet("questions", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(pos) > 0 {
		return c.fail(ExitBadInput, "questions takes no file (got %q)", pos[0])
	}
	if *asJSON {
		return c.writeJSON(bankJSON(c.engine.Bank))
	}
	writeQuestions(c.stdout, c.engine.Bank)
	return ExitOK
}

// input is what a command reads from an answers or results file: the
// answers, and (from a results file) the plan choices made for each hat.
type input struct {
	answers *assessment.Answers
	plans   []assessment.PlanChoice
	target  string
}

// load reads an answers file or a results file (.hatcheck.json).
func (c *command) load(path string) (*input, int) {
	data, err := safefile.ReadFile(path, assessment.MaxAnswersBytes)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, c.fail(ExitBadInput, "cannot read answers file %s: %v", termsafe.String(path), err)
	}
	var head struct {
		Format string `json:"format"`
	}
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &head) == nil && head.Format == store.ResultsFormat {
		p, err := store.ParseResults(data, c.engine)
		if err != nil {
			return nil, c.fail(ExitBadInput, "results file %s: %v", termsafe.String(path), err)
		}
		return &input{answers: p.Answers, plans: p.File.Plans, target: p.File.Target}, ExitOK
	}
	a, err := assessment.ParseAnswers(data, c.engine.Bank)
	if err != nil {
		return nil, c.fail(ExitBadInput, "answers file %s: %v", termsafe.String(path), err)
	}
	return &input{answers: a}, ExitOK
}

// choice returns the plan choice kept for a hat, or nil.
func (in *input) choice(track string) *assessment.PlanChoice {
	for i := range in.plans {
		if in.plans[i].Track == track {
			return &in.plans[i]
		}
	}
	return nil
}

func (c *command) score(args []string) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(pos) != 1 {
		return c.fail(ExitBadInput, "score needs exactly one answers or results file\n\n%s", Usage)
	}
	in, code := c.load(pos[0])
	if in == nil {
		return code
	}
	r := c.engine.Score(in.answers)
	if *asJSON {
		return c.writeJSON(r)
	}
	writeResult(c.stdout, c.engine.Bank, r)
	return ExitOK
}

func (c *command) plan(args []string) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	track := fs.String("track", "", "target track")
	out := fs.String("o", "", "write a PDF report to this file")
	paperFlag := fs.String("paper", "", "PDF page size: a4 or letter (default from the locale)")
	attempt := fs.Int64("attempt", 0, "a stored attempt (hatcheck list shows them) instead of a file")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	paper, date, code := c.paperAndDate(*paperFlag)
	if code != ExitOK {
		return code
	}
	if *out != "" && *asJSON {
		return c.fail(ExitBadInput, "choose either --json or -o FILE, not both")
	}
	if *out == "" && *paperFlag != "" {
		return c.fail(ExitBadInput, "--paper applies to the PDF only; add -o PLAN.pdf")
	}
	if (len(pos) == 1) == (*attempt != 0) || len(pos) > 1 {
		return c.fail(ExitBadInput, "plan needs exactly one answers or results file, or --attempt N\n\n%s", Usage)
	}
	if *track != "" {
		if _, ok := c.engine.Bank.Track(*track); !ok {
			return c.fail(ExitBadInput, "unknown track %q; allowed: %s", *track, strings.Join(questions.TrackIDs, ", "))
		}
	}
	var r *assessment.Result
	var pp assessment.PersonalPlan
	var ads []jobad.Check
	var err error
	if *attempt != 0 {
		s, code := c.openStore()
		if s == nil {
			return code
		}
		defer s.Close()
		var ap *store.AttemptPlan
		ap, err = s.PlanFor(*attempt, c.engine, *track)
		if errors.Is(err, store.ErrNotFound) {
			return c.fail(ExitBadInput, "there is no attempt %d (hatcheck list shows the attempts)", *attempt)
		}
		if ap != nil {
			r, pp = ap.Result, ap.Personal
			if *out != "" && err == nil {
				// The ads checked for this attempt get their page.
				var adErr error
				ads, adErr = s.JobAdChecks(*attempt, c.engine, jobad.Person{Answers: ap.Answers, Result: ap.Result, Saved: &ap.Personal.Choice})
				if adErr != nil {
					return c.fail(exitFor(adErr), "%v", adErr)
				}
			}
		}
	} else {
		in, code := c.load(pos[0])
		if in == nil {
			return code
		}
		r = c.engine.Score(in.answers)
		target := *track
		if target == "" {
			target = in.target
		}
		pp, err = c.engine.PlanFor(in.answers, r, target, in.choice(target))
	}
	if err != nil {
		return c.fail(ExitBadInput, "%v (for example: --track %s)", err, questions.TrackSocialMediaManager)
	}
	p := pp.Arranged()
	if *out != "" {
		return c.writePDF(*out, r, p, ads, paper, date)
	}
	if *asJSON {
		return c.writeJSON(p)
	}
	writePlan(c.stdout, c.engine, p)
	return ExitOK
}

// paperAndDate reads --paper (the locale's size when empty) and the date
// for a PDF: now, or SOURCE_DATE_EPOCH when set, so that a build or a test
// can reproduce a report exactly.
func (c *command) paperAndDate(paperFlag string) (report.Paper, time.Time, int) {
	paper := report.LocalPaper()
	if paperFlag != "" {
		p, err := report.ParsePaper(paperFlag)
		if err != nil {
			return "", time.Time{}, c.fail(ExitBadInput, "%v", err)
		}
		paper = p
	}
	date := time.Now()
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		sec, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return "", time.Time{}, c.fail(ExitBadInput, "SOURCE_DATE_EPOCH=%q is not a number of seconds", epoch)
		}
		date = time.Unix(sec, 0).UTC()
	}
	return paper, date, ExitOK
}

// writePDF exports the plan.
func (c *command) writePDF(path string, r *assessment.Result, p *assessment.Plan, ads []jobad.Check, paper report.Paper, date time.Time) int {
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
		return c.fail(ExitBadInput, "%s is %s, not a file Hatcheck can write a PDF to; give a file name such as plan.pdf", termsafe.String(path), safefile.Kind(fi.Mode()))
	}
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			return c.fail(ExitBadInput, "%s is a folder; give a file name such as %s", termsafe.String(path), termsafe.String(filepath.Join(path, "plan.pdf")))
		}
		path += ".pdf"
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return c.fail(ExitBadInput, "%s is a folder; give a file name such as %s", termsafe.String(path), termsafe.String(filepath.Join(path, "plan.pdf")))
	}
	warnings, err := report.WriteFile(path, report.Input{Engine: c.engine, Result: r, Plan: p, JobAds: ads}, report.Options{Paper: paper, Date: date})
	for _, w := range warnings {
		fmt.Fprintf(c.stderr, "hatcheck: warning: %s\n", termsafe.String(w))
	}
	if err != nil {
		return c.fail(exitFor(err), "could not save the PDF: %v; %s (nothing was written)", err, whatToDo(err))
	}
	fmt.Fprintf(c.stdout, "Wrote %s (%s, %s).\n", termsafe.String(path), p.TrackName, strings.ToUpper(string(paper)))
	return ExitOK
}

func (c *command) writeJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return c.fail(ExitFailure, "write output: %v", err)
	}
	return ExitOK
}

// whatToDo is the next step after an output could not be written.
func whatToDo(err error) string {
	if exitFor(err) == ExitFailure {
		return "free some space or check the disk, then try again"
	}
	return "choose a folder you can write to"
}
