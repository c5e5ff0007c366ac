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
	"hatcheck/internal/safefile"
	"hatcheck/internal/termsafe"
	"hatcheck/store"
)

// openStore opens the local database in HATCHECK_DATA_DIR or the default
// folder, telling the person when a database could not be read and was set
// aside, now or earlier (until it is recovered).
func (c *command) openStore() (*store.Store, int) {
	dir, err := store.DefaultDir()
	if err != nil {
		return nil, c.fail(ExitFailure, "%v", err)
	}
	s, err := store.Open(dir)
	if err != nil {
		return nil, c.fail(exitFor(err), "%v", err)
	}
	if s.Recovered != nil {
		fmt.Fprintf(c.stderr, "hatcheck: %s\n", termsafe.String(c.engine.Printer().Error(s.Recovered)))
	} else if !c.quietSetAside {
		for _, f := range s.SetAside {
			fmt.Fprintf(c.stderr, "hatcheck: note: %s\n", setAsideNote(f))
		}
	}
	return s, ExitOK
}

func setAsideNote(f string) string {
	return fmt.Sprintf("an earlier database that could not be read is kept as %s; \"hatcheck recover %s\" brings back what it holds", termsafe.String(f), termsafe.String(f))
}

func (c *command) importFiles(args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	samePerson := fs.Bool("same-person", false, "a file whose person has the name of a profile here is theirs")
	newPerson := fs.Bool("new-person", false, "a file whose person has the name of a profile here is someone else")
	files, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(files) == 0 {
		return c.fail(ExitBadInput, "import needs one or more results files (.hatcheck.json)\n\n%s", Usage)
	}
	if *samePerson && *newPerson {
		return c.fail(ExitBadInput, "choose --same-person or --new-person, not both")
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	imported, dups, refused := 0, 0, 0
	refuse := func(f string, format string, args ...any) {
		fmt.Fprintf(c.stderr, "refused %s: %s\n", termsafe.String(f), fmt.Sprintf(format, args...))
		refused++
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			refuse(f, "it is a folder; name the files, for example %s/*%s", termsafe.String(strings.TrimRight(f, "/")), store.ResultsExt)
			continue
		}
		data, database, err := store.ReadImport(f)
		if err != nil {
			refuse(f, "%v", unwrapPathErr(err))
			continue
		}
		if database {
			r, err := s.Recover(f)
			if err != nil {
				refuse(f, "%v", err)
				continue
			}
			c.printRecovery(r)
			imported += r.Attempts
			dups += r.Duplicates
			continue
		}
		opt := store.ImportOptions{NewPerson: *newPerson}
		im, err := s.Import(data, c.engine, opt)
		var same *store.SamePersonError
		if errors.As(err, &same) && *samePerson && len(same.Profiles) == 1 {
			opt.Profile = same.Profiles[0].ID
			im, err = s.Import(data, c.engine, opt)
		}
		var ie *assessment.InputError
		switch {
		case errors.As(err, &same):
			if *samePerson {
				refuse(f, "%d profiles are called %q (%s); import it in the app to choose one, or use --new-person", len(same.Profiles), termsafe.String(same.Name), profileNumbers(same.Profiles))
			} else {
				refuse(f, "someone called %q is already here (%s). If the file is theirs, run again with --same-person; if it is someone else with the same name, with --new-person", termsafe.String(same.Name), profileNumbers(same.Profiles))
			}
		case errors.As(err, &ie):
			fmt.Fprintf(c.stderr, "refused %s (nothing from it was imported):\n", termsafe.String(f))
			for _, p := range ie.Problems {
				fmt.Fprintf(c.stderr, "  - %s\n", termsafe.String(c.engine.Printer().Error(p)))
			}
			refused++
		case err != nil:
			refuse(f, "%v", err)
		case im.Duplicate:
			fmt.Fprintf(c.stdout, "already imported %s: %s (attempt %d); nothing changed\n", termsafe.String(f), termsafe.String(im.Name), im.AttemptID)
			dups++
		default:
			fmt.Fprintf(c.stdout, "imported %s: %s (profile %d, attempt %d)\n", termsafe.String(f), termsafe.String(im.Name), im.ProfileID, im.AttemptID)
			imported++
		}
	}
	fmt.Fprintf(c.stdout, "%s\n", countLine(len(files), "file", imported, dups, refused))
	if refused > 0 {
		return ExitBadInput
	}
	return ExitOK
}

// countLine sums an import up so that the numbers add up: everything read
// was imported, already there, or refused.
func countLine(read int, unit string, imported, dups, refused int) string {
	if read != 1 {
		unit += "s"
	}
	return fmt.Sprintf("Read %d %s: %d imported, %d already there, %d refused.", read, unit, imported, dups, refused)
}

func profileNumbers(ps []store.Profile) string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, strconv.FormatInt(p.ID, 10))
	}
	if len(ids) == 1 {
		return "profile " + ids[0]
	}
	return "profiles " + strings.Join(ids, ", ")
}

func (c *command) printRecovery(r store.Recovery) {
	fmt.Fprintf(c.stdout, "recovered %s: people found: %d; attempts added: %d; already here: %d\n", termsafe.String(r.From), r.Profiles, r.Attempts, r.Duplicates)
	for _, p := range r.Problems {
		fmt.Fprintf(c.stderr, "  - %s\n", termsafe.String(c.engine.Printer().Error(p)))
	}
	switch {
	case r.KeptAs != r.From && len(r.Problems) == 0:
		fmt.Fprintf(c.stdout, "The file was read whole and is kept as %s.\n", termsafe.String(r.KeptAs))
	case r.KeptAs != r.From:
		fmt.Fprintf(c.stdout, "Some of it could not be read (above); what could is back. The file is kept as %s.\n", termsafe.String(r.KeptAs))
	case len(r.Problems) > 0:
		fmt.Fprintf(c.stdout, "Nothing of it could be read; the file stays where it is, as it was.\n")
	}
}

func (c *command) recover(args []string) int {
	fs := flag.NewFlagSet("recover", flag.ContinueOnError)
	files, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	c.quietSetAside = true
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	if len(files) == 0 {
		if len(s.SetAside) == 0 {
			fmt.Fprintln(c.stdout, "No database has been set aside; there is nothing to recover.")
			return ExitOK
		}
		fmt.Fprintln(c.stdout, "Set aside because they could not be read, not yet recovered:")
		for _, f := range s.SetAside {
			fmt.Fprintf(c.stdout, "  %s\n", termsafe.String(f))
		}
		fmt.Fprintln(c.stdout, "Run \"hatcheck recover FILE\" to bring back what one holds.")
		return ExitOK
	}
	failed := 0
	for _, f := range files {
		if _, err := safefile.Open(f, store.MaxDatabaseBytes); err != nil {
			fmt.Fprintf(c.stderr, "hatcheck: cannot recover %s: %v\n", termsafe.String(f), unwrapPathErr(err))
			failed++
			continue
		}
		r, err := s.Recover(f)
		if err != nil {
			fmt.Fprintf(c.stderr, "hatcheck: cannot recover %s: %v\n", termsafe.String(f), err)
			failed++
			continue
		}
		c.printRecovery(r)
	}
	if failed > 0 {
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
	c.quietSetAside = true
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
		return c.writeJSON(map[string]any{"data": s.Path(), "profiles": entries, "set_aside": append([]string{}, s.SetAside...)})
	}
	for _, f := range s.SetAside {
		fmt.Fprintf(c.stdout, "Set aside: %s\n", setAsideNote(f))
	}
	if len(s.SetAside) > 0 {
		fmt.Fprintln(c.stdout)
	}
	if len(entries) == 0 {
		fmt.Fprintf(c.stdout, "No profiles yet in %s.\n", termsafe.String(s.Path()))
		return ExitOK
	}
	fmt.Fprintf(c.stdout, "Data: %s\n\n", termsafe.String(s.Path()))
	for _, e := range entries {
		ctx := ""
		if e.Context != "" {
			ctx = " (" + e.Context + ")"
		}
		fmt.Fprintf(c.stdout, "profile %d  %s%s\n", e.ID, termsafe.String(e.Name), ctx)
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
		return c.fail(exitFor(err), "could not save the results: %v; %s (nothing was written)", err, whatToDo(err))
	}
	fmt.Fprintf(c.stdout, "Wrote %s.\n", termsafe.String(path))
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
		err := s.DeleteAll()
		if err != nil && !errors.Is(err, store.ErrNotCompacted) {
			return c.fail(exitFor(err), "%v", err)
		}
		fmt.Fprintf(c.stdout, "Deleted all data (%d profiles).\n", len(profiles))
		return c.compactWarning(err)
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
	err = s.DeleteProfile(p.ID)
	if err != nil && !errors.Is(err, store.ErrNotCompacted) {
		return c.fail(exitFor(err), "%v", err)
	}
	fmt.Fprintf(c.stdout, "Deleted profile %d (%s) and its %d attempts.\n", p.ID, termsafe.String(p.Name), len(atts))
	return c.compactWarning(err)
}

// compactWarning says when a deletion is done but its traces could not yet
// be wiped from the file (the disk is full): exit 1, as the promise that
// deleted data is gone from the disk is not kept yet.
func (c *command) compactWarning(err error) int {
	if err == nil {
		return ExitOK
	}
	fmt.Fprintf(c.stderr, "hatcheck: warning: %v\n", err)
	return ExitFailure
}
