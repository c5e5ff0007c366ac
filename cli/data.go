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
	"hatcheck/store"
)

// openStore opens the local database in HATCHECK_DATA_DIR or the default
// folder, telling the person when a database could not be read and was set
// aside, now or earlier (until it is recovered).
func (c *command) openStore() (*store.Store, int) {
	dir, err := store.DefaultDir()
	if err != nil {
		return nil, c.failErr(ExitFailure, err)
	}
	s, err := store.Open(dir)
	if err != nil {
		return nil, c.failErr(exitFor(err), err)
	}
	if s.Recovered != nil {
		fmt.Fprintf(c.stderr, "hatcheck: %s\n", sanitize(c.engine.Printer().Error(s.Recovered)))
	} else if !c.quietSetAside {
		for _, f := range s.SetAside {
			c.note(c.setAsideNote(f))
		}
	}
	return s, ExitOK
}

// note writes a note on stderr.
func (c *command) note(text string) {
	fmt.Fprintf(c.stderr, "hatcheck: %s\n", c.p.T("note: {{.Text}}", F{"Text": text}))
}

func (c *command) setAsideNote(f string) string {
	return c.p.T("an earlier database that could not be read is kept as {{.File}}; \"hatcheck recover {{.File}}\" brings back what it holds", F{"File": sanitize(f)})
}

func (c *command) importFiles(args []string) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	samePerson := fs.Bool("same-person", false, c.p.T("a file whose person has the name of a profile here is theirs"))
	newPerson := fs.Bool("new-person", false, c.p.T("a file whose person has the name of a profile here is someone else"))
	files, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(files) == 0 {
		return c.usageFail("import", c.p.T("import needs one or more results files (.hatcheck.json)"))
	}
	if *samePerson && *newPerson {
		return c.fail(ExitBadInput, c.p.T("choose --same-person or --new-person, not both"))
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	imported, dups, refused := 0, 0, 0
	refuse := func(f string, why string) {
		fmt.Fprintln(c.stderr, c.p.T("refused {{.File}}: {{.Why}}", F{"File": sanitize(f), "Why": why}))
		refused++
	}
	for _, f := range files {
		if fi, err := os.Stat(f); err == nil && fi.IsDir() {
			refuse(f, c.p.T("it is a folder; name the files, for example {{.Pattern}}", F{"Pattern": sanitize(strings.TrimRight(f, "/")) + "/*" + store.ResultsExt}))
			continue
		}
		data, database, err := store.ReadImport(f)
		if err != nil {
			refuse(f, sysError(c.p, err))
			continue
		}
		if database {
			r, err := s.Recover(f)
			if err != nil {
				refuse(f, c.p.Error(err))
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
				refuse(f, c.p.N("{{.N}} profiles are called \"{{.Name}}\" ({{.Profiles}}); import it in the app to choose one, or use --new-person", len(same.Profiles),
					F{"N": len(same.Profiles), "Name": sanitize(same.Name), "Profiles": c.profileNumbers(same.Profiles)}))
			} else {
				refuse(f, c.p.T("someone called \"{{.Name}}\" is already here ({{.Profiles}}). If the file is theirs, run again with --same-person; if it is someone else with the same name, with --new-person",
					F{"Name": sanitize(same.Name), "Profiles": c.profileNumbers(same.Profiles)}))
			}
		case errors.As(err, &ie):
			fmt.Fprintln(c.stderr, c.p.T("refused {{.File}} (nothing from it was imported):", F{"File": sanitize(f)}))
			for _, p := range ie.Problems {
				fmt.Fprintf(c.stderr, "  - %s\n", sanitize(c.engine.Printer().Error(p)))
			}
			refused++
		case err != nil:
			refuse(f, c.p.Error(err))
		case im.Duplicate:
			fmt.Fprintln(c.stdout, c.p.T("already imported {{.File}}: {{.Name}} (attempt {{.Attempt}}); nothing changed", F{"File": sanitize(f), "Name": sanitize(im.Name), "Attempt": im.AttemptID}))
			dups++
		default:
			fmt.Fprintln(c.stdout, c.p.T("imported {{.File}}: {{.Name}} (profile {{.Profile}}, attempt {{.Attempt}})", F{"File": sanitize(f), "Name": sanitize(im.Name), "Profile": im.ProfileID, "Attempt": im.AttemptID}))
			imported++
		}
	}
	fmt.Fprintln(c.stdout, c.p.N("Read {{.N}} files: {{.Imported}} imported, {{.Duplicates}} already there, {{.Refused}} refused.", len(files),
		F{"N": len(files), "Imported": imported, "Duplicates": dups, "Refused": refused}))
	if refused > 0 {
		return ExitBadInput
	}
	return ExitOK
}

func (c *command) profileNumbers(ps []store.Profile) string {
	var ids []string
	for _, p := range ps {
		ids = append(ids, strconv.FormatInt(p.ID, 10))
	}
	return c.p.N("profiles {{.List}}", len(ids), F{"N": len(ids), "List": strings.Join(ids, ", ")})
}

func (c *command) printRecovery(r store.Recovery) {
	fmt.Fprintln(c.stdout, c.p.T("recovered {{.File}}: people found: {{.Profiles}}; attempts added: {{.Attempts}}; already here: {{.Duplicates}}",
		F{"File": sanitize(r.From), "Profiles": r.Profiles, "Attempts": r.Attempts, "Duplicates": r.Duplicates}))
	for _, p := range r.Problems {
		fmt.Fprintf(c.stderr, "  - %s\n", sanitize(c.engine.Printer().Error(p)))
	}
	switch {
	case r.KeptAs != r.From && len(r.Problems) == 0:
		fmt.Fprintln(c.stdout, c.p.T("The file was read whole and is kept as {{.Path}}.", F{"Path": sanitize(r.KeptAs)}))
	case r.KeptAs != r.From:
		fmt.Fprintln(c.stdout, c.p.T("Some of it could not be read (above); what could is back. The file is kept as {{.Path}}.", F{"Path": sanitize(r.KeptAs)}))
	case len(r.Problems) > 0:
		fmt.Fprintln(c.stdout, c.p.T("Nothing of it could be read; the file stays where it is, as it was."))
	}
}

func (c *command) recover(args []string) int {
	fs := flag.NewFlagSet("recover", flag.ContinueOnError)
	files, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	c.quietSetAside = true
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	if len(files) == 0 {
		if len(s.SetAside) == 0 {
			fmt.Fprintln(c.stdout, c.p.T("No database has been set aside; there is nothing to recover."))
			return ExitOK
		}
		fmt.Fprintln(c.stdout, c.p.T("Set aside because they could not be read, not yet recovered:"))
		for _, f := range s.SetAside {
			fmt.Fprintf(c.stdout, "  %s\n", sanitize(f))
		}
		fmt.Fprintln(c.stdout, c.p.T("Run \"hatcheck recover FILE\" to bring back what one holds."))
		return ExitOK
	}
	failed := 0
	for _, f := range files {
		cannot := func(why string) {
			fmt.Fprintf(c.stderr, "hatcheck: %s\n", c.p.T("cannot recover {{.File}}: {{.Err}}", F{"File": sanitize(f), "Err": why}))
			failed++
		}
		fh, err := safefile.Open(f, store.MaxDatabaseBytes)
		if err != nil {
			cannot(sysError(c.p, err))
			continue
		}
		fh.Close()
		r, err := s.Recover(f)
		if err != nil {
			cannot(c.p.Error(err))
			continue
		}
		c.printRecovery(r)
	}
	if failed > 0 {
		return ExitBadInput
	}
	return ExitOK
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
	asJSON := fs.Bool("json", false, c.p.T("print JSON instead of text"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return c.fail(ExitBadInput, c.p.T("list takes no arguments (got \"{{.Arg}}\")", F{"Arg": sanitize(pos[0])}))
	}
	c.quietSetAside = true
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	profiles, err := s.Profiles()
	if err != nil {
		return c.failErr(ExitFailure, err)
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
			return c.failErr(ExitFailure, err)
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
		fmt.Fprintln(c.stdout, c.p.T("Set aside: {{.Note}}", F{"Note": c.setAsideNote(f)}))
	}
	if len(s.SetAside) > 0 {
		fmt.Fprintln(c.stdout)
	}
	if len(entries) == 0 {
		fmt.Fprintln(c.stdout, c.p.T("No profiles yet in {{.Path}}.", F{"Path": sanitize(s.Path())}))
		return ExitOK
	}
	fmt.Fprintf(c.stdout, "%s\n\n", c.p.T("Data: {{.Path}}", F{"Path": sanitize(s.Path())}))
	for _, e := range entries {
		ctx := ""
		if e.Context != "" {
			ctx = " (" + sanitize(e.Context) + ")"
		}
		fmt.Fprintln(c.stdout, c.p.T("profile {{.ID}}  {{.Name}}{{.Context}}", F{"ID": e.ID, "Name": sanitize(e.Name), "Context": ctx}))
		if len(e.Attempts) == 0 {
			fmt.Fprintln(c.stdout, "  "+c.p.T("no attempts"))
		}
		for _, a := range e.Attempts {
			state := c.p.T("in progress")
			if a.Finished != nil {
				state = c.p.T("finished {{.Date}}", F{"Date": a.Finished.Local().Format("2006-01-02 15:04")})
			}
			fit := c.p.T("not enough answers to compare the hats")
			if a.BestFit != "" {
				fit = c.p.T("best fit {{.Track}} {{.Fit}}", F{"Track": a.BestFit, "Fit": fmt.Sprintf("%.0f", float64(*a.Fit))})
				if a.Verdict == assessment.VerdictHybrid {
					fit += " " + c.p.T("(hybrid: too close to call)")
				}
			}
			origin := ""
			if a.Origin == "import" {
				origin = c.p.T(", imported")
			}
			audit := ""
			if a.Audit > 0 {
				audit = " " + c.p.N("(and {{.N}} audit tasks)", a.Audit, F{"N": a.Audit})
			}
			fmt.Fprintf(c.stdout, "  %s\n", c.p.T("attempt {{.ID}}  started {{.Started}}, {{.State}}{{.Origin}}; {{.Core}} of {{.Total}} questions answered{{.Audit}}; {{.Fit}}",
				F{"ID": a.ID, "Started": a.Started.Local().Format("2006-01-02 15:04"), "State": state, "Origin": origin, "Core": a.Core, "Total": a.Total, "Audit": audit, "Fit": fit}))
		}
	}
	return ExitOK
}

func (c *command) export(args []string) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	out := fs.String("o", "", c.p.T("the results `FILE` to write (.hatcheck.json is added)"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 || *out == "" {
		return c.fail(ExitBadInput, c.p.T("export needs an attempt number and -o FILE, for example: hatcheck export 3 -o zoe{{.Ext}} (hatcheck list shows the numbers)", F{"Ext": store.ResultsExt}))
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil || id <= 0 {
		return c.fail(ExitBadInput, c.p.T("\"{{.Arg}}\" is not an attempt number (hatcheck list shows them)", F{"Arg": sanitize(pos[0])}))
	}
	path := *out
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return c.fail(ExitBadInput, c.isAFolder(path, strings.TrimRight(path, "/")+"/results"+store.ResultsExt))
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
		return c.fail(ExitBadInput, c.noAttempt(id))
	}
	if err != nil {
		return c.failErr(ExitFailure, err)
	}
	// Results hold personal answers: readable by their owner only.
	if err := atomicfile.Write(path, data, 0o600); err != nil {
		return c.fail(exitFor(err), c.couldNotSave(c.p.T("could not save the results"), err))
	}
	fmt.Fprintln(c.stdout, c.p.T("Wrote {{.Path}}.", F{"Path": sanitize(path)}))
	return ExitOK
}

func (c *command) deleteData(args []string) int {
	fs := flag.NewFlagSet("delete", flag.ContinueOnError)
	yes := fs.Bool("yes", false, c.p.T("confirm the deletion"))
	all := fs.Bool("all", false, c.p.T("delete every profile, attempt and plan"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if (len(pos) != 1) == !*all {
		return c.fail(ExitBadInput, c.p.T("delete needs a profile (its number or exact name) or --all, for example: hatcheck delete 2 --yes"))
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	profiles, err := s.Profiles()
	if err != nil {
		return c.failErr(ExitFailure, err)
	}
	if *all {
		if !*yes {
			return c.fail(ExitBadInput, c.p.N("this deletes all {{.N}} profiles with every attempt and plan in {{.Path}}, for good; run again with --yes to confirm", len(profiles),
				F{"N": len(profiles), "Path": sanitize(s.Path())}))
		}
		err := s.DeleteAll()
		if err != nil && !errors.Is(err, store.ErrNotCompacted) {
			return c.failErr(exitFor(err), err)
		}
		fmt.Fprintln(c.stdout, c.p.T("Deleted all data ({{.N}} profiles).", F{"N": len(profiles)}))
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
		return c.fail(ExitBadInput, c.p.T("there is no profile \"{{.Name}}\" (hatcheck list shows them)", F{"Name": sanitize(pos[0])}))
	case 1:
	default:
		return c.fail(ExitBadInput, c.p.N("{{.N}} profiles are called \"{{.Name}}\"; give the number instead (hatcheck list shows them)", len(match), F{"N": len(match), "Name": sanitize(pos[0])}))
	}
	p := match[0]
	atts, _ := s.Attempts(p.ID)
	if !*yes {
		return c.fail(ExitBadInput, c.p.N("this deletes profile {{.ID}} ({{.Name}}) with its {{.N}} attempts and plans, for good; run again with --yes to confirm", len(atts),
			F{"N": len(atts), "ID": p.ID, "Name": sanitize(p.Name)}))
	}
	err = s.DeleteProfile(p.ID)
	if err != nil && !errors.Is(err, store.ErrNotCompacted) {
		return c.failErr(exitFor(err), err)
	}
	fmt.Fprintln(c.stdout, c.p.N("Deleted profile {{.ID}} ({{.Name}}) and its {{.N}} attempts.", len(atts), F{"N": len(atts), "ID": p.ID, "Name": sanitize(p.Name)}))
	return c.compactWarning(err)
}

// compactWarning says when a deletion is done but its traces could not yet
// be wiped from the file (the disk is full): exit 1, as the promise that
// deleted data is gone from the disk is not kept yet.
func (c *command) compactWarning(err error) int {
	if err == nil {
		return ExitOK
	}
	c.warn(c.p.Error(err))
	return ExitFailure
}
