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
	"hatcheck/internal/i18n"
	"hatcheck/internal/safefile"
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

// Run runs one command and returns the process exit code. It never panics
// on user input. It speaks the language of the environment (LANGUAGE,
// LC_ALL, LC_MESSAGES, LANG) or the one --lang chooses, wherever the flag
// is; the language chosen in the app's Settings is the window's only.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && !strings.Contains(" --version -version version help --help -h ", " "+args[0]+" ") {
		// A command: the question bank and plan content decode while the
		// catalogues are read (assessment.Default decodes them once).
		go assessment.Default()
	}
	p := i18n.For(i18n.System())
	lang, args, problem := splitLang(args, p)
	if problem != "" {
		fmt.Fprintf(stderr, "hatcheck: %s\n", problem)
		return ExitBadInput
	}
	if lang != "" {
		p = i18n.For(lang)
	}
	if len(args) == 0 {
		fmt.Fprint(stdout, usage(p))
		return ExitOK
	}
	switch args[0] {
	case "--version", "-version", "version":
		if len(args) > 1 {
			fmt.Fprintf(stderr, "hatcheck: %s\n", p.T("{{.Command}} takes nothing more (got \"{{.Arg}}\")", F{"Command": sanitize(args[0]), "Arg": sanitize(args[1])}))
			return ExitBadInput
		}
		fmt.Fprintln(stdout, about.Current())
		return ExitOK
	}
	engine, err := assessment.Default()
	if err != nil {
		fmt.Fprintf(stderr, "hatcheck: %s\n", p.T("the built-in question bank is broken: {{.Err}}", F{"Err": p.Error(err)}))
		return ExitFailure
	}
	c := &command{engine: engine.In(p.Lang()), p: p, stdout: stdout, stderr: stderr}
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
		switch name := strings.Join(args[1:], " "); name {
		case "":
			fmt.Fprint(stdout, usage(p))
		case "workshop":
			fmt.Fprint(stdout, workshopUsage(p))
		default:
			fmt.Fprint(stdout, commandUsage(p, name))
		}
		return ExitOK
	}
	fmt.Fprintf(stderr, "hatcheck: %s\n\n%s", p.T("unknown command \"{{.Command}}\"", F{"Command": sanitize(args[0])}), usage(p))
	return ExitBadInput
}

type command struct {
	// engine speaks the language of the run; p is its printer.
	engine *assessment.Engine
	p      *i18n.Printer
	stdout io.Writer
	stderr io.Writer
	// quietSetAside: the command shows set-aside databases itself.
	quietSetAside bool
	// progressShown: a terminal progress line is open.
	progressShown bool
}

// fail writes "hatcheck: " and a message on stderr and returns code.
func (c *command) fail(code int, msg string) int {
	fmt.Fprintf(c.stderr, "hatcheck: %s\n", msg)
	return code
}

// failErr writes an error the way fail writes a message: in the language
// of the run when it is a catalogue error.
func (c *command) failErr(code int, err error) int {
	return c.fail(code, c.p.Error(err))
}

// usageFail is fail followed by the usage: of the workshop commands for
// one of them, else the overview.
func (c *command) usageFail(name, msg string) int {
	u := usage(c.p)
	if strings.HasPrefix(name, "workshop") {
		u = workshopUsage(c.p)
	}
	fmt.Fprintf(c.stderr, "hatcheck: %s\n\n%s\n", msg, u)
	return ExitBadInput
}

// warn writes a warning on stderr.
func (c *command) warn(text string) {
	fmt.Fprintf(c.stderr, "hatcheck: %s\n", c.p.T("warning: {{.Text}}", F{"Text": text}))
}

// parse parses flags that may come before or after the positional
// arguments, as people type them either way. When it returns false, the
// command ends with the exit code it returns: 0 after -h or --help, which
// prints the command's help, 2 after a wrong flag.
func (c *command) parse(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	fs.SetOutput(io.Discard)
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(c.stdout, c.commandHelpText(fs))
				return nil, ExitOK, false
			}
			return nil, c.usageFail(fs.Name(), flagError(c.p, err)), false
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, ExitOK, true
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func (c *command) questions(args []string) int {
	fs := flag.NewFlagSet("questions", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, c.p.T("print JSON instead of text"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return c.fail(ExitBadInput, c.p.T("questions takes no file (got \"{{.Arg}}\")", F{"Arg": sanitize(pos[0])}))
	}
	if *asJSON {
		return c.writeJSON(bankJSON(c.engine))
	}
	writeQuestions(c.stdout, c.engine)
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
		return nil, c.fail(ExitBadInput, c.p.T("cannot read answers file {{.Path}}: {{.Err}}", F{"Path": sanitize(path), "Err": sysError(c.p, err)}))
	}
	var head struct {
		Format string `json:"format"`
	}
	if json.Unmarshal(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), &head) == nil && head.Format == store.ResultsFormat {
		p, err := store.ParseResults(data, c.engine)
		if err != nil {
			return nil, c.fail(ExitBadInput, c.p.T("results file {{.Path}}: {{.Err}}", F{"Path": sanitize(path), "Err": c.p.Error(err)}))
		}
		return &input{answers: p.Answers, plans: p.File.Plans, target: p.File.Target}, ExitOK
	}
	a, err := assessment.ParseAnswers(data, c.engine.Bank)
	if err != nil {
		return nil, c.fail(ExitBadInput, c.p.T("answers file {{.Path}}: {{.Err}}", F{"Path": sanitize(path), "Err": c.p.Error(err)}))
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
	asJSON := fs.Bool("json", false, c.p.T("print JSON instead of text, with every answer's contribution"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return c.usageFail("score", c.p.T("score needs exactly one answers or results file"))
	}
	in, code := c.load(pos[0])
	if in == nil {
		return code
	}
	r := c.engine.Score(in.answers)
	if *asJSON {
		return c.writeJSON(r)
	}
	writeResult(c.stdout, c.engine, r)
	return ExitOK
}

func (c *command) plan(args []string) int {
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, c.p.T("print JSON instead of text"))
	track := fs.String("track", "", c.p.T("the hat to plan for, by its `ID` (default: the one chosen in the results file, else the best fit)"))
	out := fs.String("o", "", c.p.T("write the plan as a PDF report to this `FILE`"))
	paperFlag := fs.String("paper", "", c.p.T("the PDF's page `SIZE`: a4 or letter (default: the locale's)"))
	attempt := fs.Int64("attempt", 0, c.p.T("the plan of stored attempt `N` (hatcheck list shows the numbers) instead of a file"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	paper, date, code := c.paperAndDate(*paperFlag)
	if code != ExitOK {
		return code
	}
	if *out != "" && *asJSON {
		return c.fail(ExitBadInput, c.p.T("choose either --json or -o FILE, not both"))
	}
	if *out == "" && *paperFlag != "" {
		return c.fail(ExitBadInput, c.p.T("--paper applies to the PDF only; add -o PLAN.pdf"))
	}
	if (len(pos) == 1) == (*attempt != 0) || len(pos) > 1 {
		return c.usageFail("plan", c.p.T("plan needs exactly one answers or results file, or --attempt N"))
	}
	if *track != "" {
		if _, ok := c.engine.Bank.Track(*track); !ok {
			return c.fail(ExitBadInput, c.p.T("unknown track \"{{.Track}}\"; allowed: {{.Allowed}}", F{"Track": sanitize(*track), "Allowed": strings.Join(questions.TrackIDs, ", ")}))
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
			return c.fail(ExitBadInput, c.noAttempt(*attempt))
		}
		if ap != nil {
			r, pp = ap.Result, ap.Personal
			if *out != "" && err == nil {
				// The ads checked for this attempt get their page.
				var adErr error
				ads, adErr = s.JobAdChecks(*attempt, c.engine, jobad.Person{Answers: ap.Answers, Result: ap.Result, Saved: &ap.Personal.Choice})
				if adErr != nil {
					return c.failErr(exitFor(adErr), adErr)
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
		return c.fail(ExitBadInput, c.p.T("{{.Err}} (for example: --track {{.Track}})", F{"Err": c.p.Error(err), "Track": questions.TrackSocialMediaManager}))
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

// noAttempt is the message for an attempt number that is not stored.
func (c *command) noAttempt(id int64) string {
	return c.p.T("there is no attempt {{.N}} (hatcheck list shows the attempts)", F{"N": id})
}

// paperAndDate reads --paper (the locale's size when empty) and the date
// for a PDF: now, or SOURCE_DATE_EPOCH when set, so that a build or a test
// can reproduce a report exactly.
func (c *command) paperAndDate(paperFlag string) (report.Paper, time.Time, int) {
	paper := report.LocalPaper()
	if paperFlag != "" {
		p, err := report.ParsePaper(paperFlag)
		if err != nil {
			return "", time.Time{}, c.failErr(ExitBadInput, err)
		}
		paper = p
	}
	date := time.Now()
	if epoch := os.Getenv("SOURCE_DATE_EPOCH"); epoch != "" {
		sec, err := strconv.ParseInt(epoch, 10, 64)
		if err != nil {
			return "", time.Time{}, c.fail(ExitBadInput, c.p.T("SOURCE_DATE_EPOCH=\"{{.Value}}\" is not a number of seconds", F{"Value": sanitize(epoch)}))
		}
		date = time.Unix(sec, 0).UTC()
	}
	return paper, date, ExitOK
}

// writePDF exports the plan.
func (c *command) writePDF(path string, r *assessment.Result, p *assessment.Plan, ads []jobad.Check, paper report.Paper, date time.Time) int {
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() && !fi.Mode().IsRegular() {
		return c.fail(ExitBadInput, c.p.T("{{.Path}} is {{.Kind}}, not a file Hatcheck can write a PDF to; give a file name such as plan.pdf", F{"Path": sanitize(path), "Kind": kind(c.p, fi.Mode())}))
	}
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			return c.fail(ExitBadInput, c.isAFolder(path, filepath.Join(path, "plan.pdf")))
		}
		path += ".pdf"
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return c.fail(ExitBadInput, c.isAFolder(path, filepath.Join(path, "plan.pdf")))
	}
	warnings, err := report.WriteFile(path, report.Input{Engine: c.engine, Result: r, Plan: p, JobAds: ads}, report.Options{Paper: paper, Date: date})
	for _, w := range warnings {
		c.warn(sanitize(w))
	}
	if err != nil {
		return c.fail(exitFor(err), c.couldNotSave(c.p.T("could not save the PDF"), err))
	}
	fmt.Fprintln(c.stdout, c.p.T("Wrote {{.Path}} ({{.Track}}, {{.Paper}}).", F{"Path": sanitize(path), "Track": p.TrackName, "Paper": strings.ToUpper(string(paper))}))
	return ExitOK
}

// isAFolder is the message for an output file name that is a folder.
func (c *command) isAFolder(path, example string) string {
	return c.p.T("{{.Path}} is a folder; give a file name such as {{.Example}}", F{"Path": sanitize(path), "Example": sanitize(example)})
}

// couldNotSave says that an output was not written, why, and what to do.
func (c *command) couldNotSave(what string, err error) string {
	return c.p.T("{{.What}}: {{.Err}}; {{.ToDo}} (nothing was written)", F{"What": what, "Err": c.p.Error(err), "ToDo": c.whatToDo(err)})
}

func (c *command) writeJSON(v any) int {
	enc := json.NewEncoder(c.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return c.fail(ExitFailure, c.p.T("could not write the output: {{.Err}}", F{"Err": sysError(c.p, err)}))
	}
	return ExitOK
}

// whatToDo is the next step after an output could not be written.
func (c *command) whatToDo(err error) string {
	if exitFor(err) == ExitFailure {
		return c.p.T("free some space or check the disk, then try again")
	}
	return c.p.T("choose a folder you can write to")
}
