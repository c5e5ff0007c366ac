package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
	"hatcheck/store"
)

// openStore opens the local database in HATCHECK_DATA_DIR or the default
// folder, telling the person when a damaged database had to be set aside.
func (c *command) openStore() (*store.Store, int) {
	dir, err := store.DefaultDir()
	if err != nil {
		return nil, c.fail(ExitFailure, "%v", err)
	}
	s, err := store.Open(dir)
	if err != nil {
		code := ExitFailure
		if errors.Is(err, store.ErrNewerVersion) || errors.Is(err, store.ErrReadOnly) {
			code = ExitBadInput
		}
		return nil, c.fail(code, "%v", err)
	}
	if s.Recovered != "" {
		fmt.Fprintf(c.stderr, "hatcheck: %s\n", s.Recovered)
	}
	return s, ExitOK
}

func (c *command) importFiles(args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	files, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(files) == 0 {
		return c.fail(ExitBadInput, "import needs one or more results files (.hatcheck.json)\n\n%s", Usage)
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	refused := 0
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			fmt.Fprintf(c.stderr, "refused %s: it is a folder; name the files, for example %s/*%s\n", f, strings.TrimRight(f, "/"), store.ResultsExt)
			refused++
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			fmt.Fprintf(c.stderr, "refused %s: %v\n", f, unwrapPathErr(err))
			refused++
			continue
		}
		im, err := s.Import(data, c.engine)
		var ie *assessment.InputError
		switch {
		case errors.As(err, &ie):
			fmt.Fprintf(c.stderr, "refused %s (nothing from it was imported):\n", f)
			for _, p := range ie.Problems {
				fmt.Fprintf(c.stderr, "  - %s\n", p)
			}
			refused++
		case err != nil:
			fmt.Fprintf(c.stderr, "refused %s: %v\n", f, err)
			refused++
		case im.Duplicate:
			fmt.Fprintf(c.stdout, "already imported %s: %s (attempt %d); nothing changed\n", f, im.Name, im.AttemptID)
		default:
			fmt.Fprintf(c.stdout, "imported %s: %s (profile %d, attempt %d)\n", f, im.Name, im.ProfileID, im.AttemptID)
		}
	}
	if refused > 0 {
		fmt.Fprintf(c.stderr, "hatcheck: %d of %d files refused\n", refused, len(files))
		return ExitBadInput
	}
	return ExitOK
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// listEntry is one profile as "hatcheck list --json" prints it.
type listEntry struct {
	store.Profile
	Attempts []listAttempt `json:"attempts"`
}

type listAttempt struct {
	store.Attempt
	Total   int               `json:"total"`
	Core    int               `json:"core_answered"`
	Audit   int               `json:"audit_answered"`
	BestFit string            `json:"best_fit,omitempty"`
	Fit     *assessment.Score `json:"fit,omitempty"`
	Verdict string            `json:"verdict"`
}

func (c *command) list(args []string) int {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(pos) > 0 {
		return c.fail(ExitBadInput, "list takes no arguments (got %q)", pos[0])
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	profiles, err := s.Profiles()
	if err != nil {
		return c.fail(ExitFailure, "%v", err)
	}
	total := 0
	for _, it := range c.engine.Bank.Items {
		if it.Core() {
			total++
		}
	}
	entries := []listEntry{}
	for _, p := range profiles {
		e := listEntry{Profile: p, Attempts: []listAttempt{}}
		atts, err := s.Attempts(p.ID)
		if err != nil {
			return c.fail(ExitFailure, "%v", err)
		}
		for _, a := range atts {
			la := listAttempt{Attempt: a, Total: total}
			if answers, _, err := s.Answers(a.ID, c.engine.Bank); err == nil {
				r := c.engine.Score(answers)
				la.Verdict, la.Core, la.Audit = r.Verdict.Kind, r.Answered.Core, r.Answered.Audit
				if r.Tracks[0].Fit != nil {
					la.BestFit, la.Fit = r.Tracks[0].Name, r.Tracks[0].Fit
				}
			}
			e.Attempts = append(e.Attempts, la)
		}
		entries = append(entries, e)
	}
	if *asJSON {
		return c.writeJSON(map[string]any{"data": s.Path(), "profiles": entries})
	}
	if len(entries) == 0 {
		fmt.Fprintf(c.stdout, "No profiles yet in %s.\n", s.Path())
		return ExitOK
	}
	fmt.Fprintf(c.stdout, "Data: %s\n\n", s.Path())
	for _, e := range entries {
		ctx := ""
		if e.Context != "" {
			ctx = " (" + e.Context + ")"
		}
		fmt.Fprintf(c.stdout, "profile %d  %s%s\n", e.ID, e.Name, ctx)
		if len(e.Attempts) == 0 {
			fmt.Fprintln(c.stdout, "  no attempts")
		}
		for _, a := range e.Attempts {
			state := "in progress"
			if a.Finished != nil {
				state = "finished " + a.Finished.Local().Format("2006-01-02 15:04")
			}
			fit := "not enough answers to compare the hats"
			if a.BestFit != "" {
				fit = fmt.Sprintf("best fit %s %.0f", a.BestFit, float64(*a.Fit))
				if a.Verdict == assessment.VerdictHybrid {
					fit += " (hybrid: too close to call)"
				}
			}
			origin := ""
			if a.Origin == "import" {
				origin = ", imported"
			}
			audit := ""
			if a.Audit > 0 {
				audit = fmt.Sprintf(" (and %d audit tasks)", a.Audit)
			}
			fmt.Fprintf(c.stdout, "  attempt %d  started %s, %s%s; %d of %d questions answered%s; %s\n", a.ID,
				a.Started.Local().Format("2006-01-02 15:04"), state, origin, a.Core, a.Total, audit, fit)
		}
	}
	return ExitOK
}

func (c *command) export(args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("o", "", "results file to write")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(pos) != 1 || *out == "" {
		return c.fail(ExitBadInput, "export needs an attempt number and -o FILE, for example: hatcheck export 3 -o zoe%s (hatcheck list shows the numbers)", store.ResultsExt)
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return c.fail(ExitBadInput, "%q is not an attempt number (hatcheck list shows them)", pos[0])
	}
	path := *out
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return c.fail(ExitBadInput, "%s is a folder; give a file name such as %s", path, strings.TrimRight(path, "/")+"/results"+store.ResultsExt)
	}
	if !strings.HasSuffix(strings.ToLower(path), ".json") {
		path += store.ResultsExt
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	data, err := s.Export(id, c.engine)
	if errors.Is(err, store.ErrNotFound) {
		return c.fail(ExitBadInput, "there is no attempt %d (hatcheck list shows the attempts)", id)
	}
	if err != nil {
		return c.fail(ExitFailure, "%v", err)
	}
	// Results hold personal answers: readable by their owner only.
	if err := atomicfile.Write(path, data, 0o600); err != nil {
		return c.fail(ExitBadInput, "could not save the results: %v; choose a folder you can write to (nothing was written)", err)
	}
	fmt.Fprintf(c.stdout, "Wrote %s.\n", path)
	return ExitOK
}

func (c *command) deleteData(args []string) int {
	fs := flag.NewFlagSet("delete", flag.ContinueOnError)
	yes := fs.Bool("yes", false, "confirm the deletion")
	all := fs.Bool("all", false, "delete every profile, attempt and plan")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if (len(pos) != 1) == !*all {
		return c.fail(ExitBadInput, "delete needs a profile (its number or exact name) or --all, for example: hatcheck delete 2 --yes")
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	profiles, err := s.Profiles()
	if err != nil {
		return c.fail(ExitFailure, "%v", err)
	}
	if *all {
		if !*yes {
			return c.fail(ExitBadInput, "this deletes all %d profiles with every attempt and plan in %s, for good; run again with --yes to confirm", len(profiles), s.Path())
		}
		if err := s.DeleteAll(); err != nil {
			return c.fail(ExitFailure, "%v", err)
		}
		fmt.Fprintf(c.stdout, "Deleted all data (%d profiles).\n", len(profiles))
		return ExitOK
	}
	var match []store.Profile
	for _, p := range profiles {
		if strconv.FormatInt(p.ID, 10) == pos[0] || p.Name == pos[0] {
			match = append(match, p)
		}
	}
	switch len(match) {
	case 0:
		return c.fail(ExitBadInput, "there is no profile %q (hatcheck list shows them)", pos[0])
	case 1:
	default:
		return c.fail(ExitBadInput, "%d profiles are called %q; give the number instead (hatcheck list shows them)", len(match), pos[0])
	}
	p := match[0]
	atts, _ := s.Attempts(p.ID)
	if !*yes {
		return c.fail(ExitBadInput, "this deletes profile %d (%s) with its %d attempts and plans, for good; run again with --yes to confirm", p.ID, p.Name, len(atts))
	}
	if err := s.DeleteProfile(p.ID); err != nil {
		return c.fail(ExitFailure, "%v", err)
	}
	fmt.Fprintf(c.stdout, "Deleted profile %d (%s) and its %d attempts.\n", p.ID, p.Name, len(atts))
	return ExitOK
}
