package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"hatcheck/report"
	"hatcheck/store"
	"hatcheck/workshop"
)

func (c *command) workshop(args []string) int {
	if len(args) == 0 {
		return c.fail(ExitBadInput, c.p.T("workshop needs a command")+"\n\n"+workshopUsage(c.p))
	}
	switch args[0] {
	case "import":
		return c.workshopImport(args[1:])
	case "report":
		return c.workshopReport(args[1:])
	case "template":
		return c.workshopTemplate(args[1:])
	case "list":
		return c.workshopList(args[1:])
	case "delete":
		return c.workshopDelete(args[1:])
	case "jobads":
		return c.workshopJobAds(args[1:])
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			fmt.Fprint(c.stdout, commandUsage(c.p, "workshop "+strings.Join(args[1:], " ")))
			return ExitOK
		}
		fmt.Fprint(c.stdout, workshopUsage(c.p))
		return ExitOK
	}
	return c.fail(ExitBadInput, c.p.T("unknown workshop command \"{{.Command}}\"", F{"Command": sanitize(args[0])})+"\n\n"+workshopUsage(c.p))
}

func (c *command) workshopImport(args []string) int {
	fs := flag.NewFlagSet("workshop import", flag.ContinueOnError)
	cohort := fs.String("cohort", "", c.p.T("the cohort's `NAME` (a new name makes a new cohort)"))
	samePerson := fs.Bool("same-person", false, c.p.T("a row or file with the name of someone here before is that person"))
	newPerson := fs.Bool("new-person", false, c.p.T("a row or file with the name of someone here before is someone else"))
	partial := fs.Bool("partial", false, c.p.T("import CSV rows that are cut short, their missing cells as skipped"))
	paths, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if *cohort == "" || len(paths) == 0 {
		return c.usageFail("workshop import", c.p.T("workshop import needs --cohort NAME and one or more files or folders"))
	}
	if *samePerson && *newPerson {
		return c.fail(ExitBadInput, c.p.T("choose --same-person or --new-person, not both"))
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	ask := func(q workshop.Question) workshop.Decision {
		switch {
		case q.Incomplete && *partial:
			return workshop.Decision{}
		case q.Incomplete:
			return workshop.Decision{Later: true, Why: c.p.T("run the import again with --partial to take the answers it has")}
		case *newPerson:
			return workshop.Decision{NewPerson: true}
		case *samePerson && len(q.SameName) == 1:
			return workshop.Decision{Profile: q.SameName[0].ID}
		case *samePerson:
			return workshop.Decision{Later: true, Why: c.p.N("{{.N}} people here have that name, so --same-person cannot tell which; import it in the app to choose", len(q.SameName), F{"N": len(q.SameName)})}
		}
		return workshop.Decision{Later: true, Why: c.p.T("run the import again with --same-person if it is them, or --new-person if it is someone else")}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// Each row or file is reported as soon as it is in (or refused), so a
	// long import shows its progress and an interrupted one what it did.
	each := func(o workshop.Outcome) {
		f := F{"File": sanitize(o.Source), "Name": sanitize(o.Name), "Code": o.Code}
		switch {
		case len(o.Problems) > 0:
			fmt.Fprintln(c.stderr, c.p.T("refused {{.File}} (nothing from it was imported):", f))
			for _, p := range o.Problems {
				fmt.Fprintf(c.stderr, "  - %s\n", sanitize(p))
			}
		case o.Duplicate:
			fmt.Fprintln(c.stdout, c.p.T("already imported {{.File}}: {{.Name}} ({{.Code}})", f))
		case o.Partial:
			fmt.Fprintln(c.stdout, c.p.T("imported {{.File}}: {{.Name}} as {{.Code}} (cut short: its missing answers count as skipped)", f))
		default:
			fmt.Fprintln(c.stdout, c.p.T("imported {{.File}}: {{.Name}} as {{.Code}}", f))
		}
	}
	res, err := workshop.Import(s, c.engine, *cohort, paths, workshop.ImportOptions{Ask: ask, Each: each, Context: ctx})
	if err != nil {
		return c.failErr(exitFor(err), err)
	}
	for _, n := range res.Notes {
		c.note(sanitize(n))
	}
	in, dup, bad := res.Counts()
	fmt.Fprintln(c.stdout, c.p.T("Cohort \"{{.Cohort}}\": read {{.N}} (files and CSV rows): {{.Imported}} imported, {{.Duplicates}} already there, {{.Refused}} refused.",
		F{"Cohort": sanitize(*cohort), "N": res.Read(), "Imported": in, "Duplicates": dup, "Refused": bad}))
	if res.Stopped != "" {
		fmt.Fprintln(c.stdout, c.p.T("Stopped: {{.Why}}.", F{"Why": res.Stopped}))
	}
	if n := res.Pending(); n > 0 {
		fmt.Fprintln(c.stdout, c.p.N("{{.N}} of the refused were left out until you decide; each says how. What came in already is recognised and not imported twice.", n, F{"N": n}))
	}
	if res.Stopped != "" {
		return ExitFailure
	}
	if bad > 0 {
		return ExitBadInput
	}
	return ExitOK
}

func (c *command) workshopReport(args []string) int {
	fs := flag.NewFlagSet("workshop report", flag.ContinueOnError)
	cohort := fs.String("cohort", "", c.p.T("the cohort's `NAME`"))
	out := fs.String("o", "", c.p.T("the folder (`DIR`) to write the plans, the group report and scores.csv into"))
	names := fs.Bool("names", false, c.p.T("show names instead of participant codes"))
	paperFlag := fs.String("paper", "", c.p.T("the PDFs' page `SIZE`: a4 or letter (default: the locale's)"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if *cohort == "" || *out == "" || len(pos) > 0 {
		return c.usageFail("workshop report", c.p.T("workshop report needs --cohort NAME and -o DIR"))
	}
	paper, date, code := c.paperAndDate(*paperFlag)
	if code != ExitOK {
		return code
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	w, err := workshop.Report(ctx, s, c.engine, *cohort, *out, workshop.Options{Names: *names, Paper: paper, Date: date}, c.progress(c.p.T("plans")))
	c.endProgress()
	for _, warn := range w.Warnings {
		c.warn(sanitize(warn))
	}
	for _, sk := range w.Skipped {
		fmt.Fprintf(c.stderr, "hatcheck: %s\n", c.p.T("no plan for {{.Who}}", F{"Who": sanitize(sk)}))
	}
	if errors.Is(err, store.ErrNotFound) {
		return c.fail(ExitBadInput, c.p.T("there is no cohort \"{{.Cohort}}\" (hatcheck workshop list shows them)", F{"Cohort": sanitize(*cohort)}))
	}
	if err != nil {
		return c.failErr(exitFor(err), err)
	}
	fmt.Fprintln(c.stdout, c.p.N("Wrote {{.N}} plans in {{.Dir}}/plans, {{.Group}} and {{.Scores}}.", len(w.Plans),
		F{"N": len(w.Plans), "Dir": sanitize(strings.TrimRight(*out, "/")), "Group": sanitize(w.GroupReport), "Scores": sanitize(w.Scores)}))
	return ExitOK
}

func (c *command) workshopTemplate(args []string) int {
	fs := flag.NewFlagSet("workshop template", flag.ContinueOnError)
	out := fs.String("o", "", c.p.T("the folder (`DIR`) to write worksheet.pdf and template.csv into"))
	paperFlag := fs.String("paper", "", c.p.T("the worksheet's page `SIZE`: a4 or letter (default: the locale's)"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if *out == "" || len(pos) > 0 {
		return c.usageFail("workshop template", c.p.T("workshop template needs -o DIR"))
	}
	paper, date, code := c.paperAndDate(*paperFlag)
	if code != ExitOK {
		return code
	}
	ws, csvPath, err := workshop.Template(c.engine, *out, report.Options{Paper: paper, Date: date})
	if err != nil {
		return c.failErr(exitFor(err), err)
	}
	fmt.Fprintln(c.stdout, c.p.T("Wrote {{.Worksheet}} and {{.CSV}}.", F{"Worksheet": sanitize(ws), "CSV": sanitize(csvPath)}))
	return ExitOK
}

func (c *command) workshopList(args []string) int {
	fs := flag.NewFlagSet("workshop list", flag.ContinueOnError)
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return c.usageFail("workshop list", c.p.T("workshop list takes no arguments (got \"{{.Arg}}\")", F{"Arg": sanitize(pos[0])}))
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	cs, err := s.Cohorts()
	if err != nil {
		return c.failErr(ExitFailure, err)
	}
	if len(cs) == 0 {
		fmt.Fprintln(c.stdout, c.p.T("No cohorts yet; hatcheck workshop import --cohort NAME FILES... creates one."))
	}
	for _, co := range cs {
		fmt.Fprintln(c.stdout, c.p.N("{{.Cohort}}: {{.N}} participants", co.Members, F{"Cohort": sanitize(co.Name), "N": co.Members}))
	}
	return ExitOK
}

func (c *command) workshopDelete(args []string) int {
	fs := flag.NewFlagSet("workshop delete", flag.ContinueOnError)
	cohort := fs.String("cohort", "", c.p.T("the cohort's `NAME`"))
	yes := fs.Bool("yes", false, c.p.T("confirm the deletion"))
	if _, code, ok := c.parse(fs, args); !ok {
		return code
	}
	if *cohort == "" {
		return c.usageFail("workshop delete", c.p.T("workshop delete needs --cohort NAME"))
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	co, err := s.Cohort(*cohort, false)
	if errors.Is(err, store.ErrNotFound) {
		return c.fail(ExitBadInput, c.p.T("there is no cohort \"{{.Cohort}}\" (hatcheck workshop list shows them)", F{"Cohort": sanitize(*cohort)}))
	}
	if err != nil {
		return c.failErr(exitFor(err), err)
	}
	if !*yes {
		return c.fail(ExitBadInput, c.p.N("this deletes cohort \"{{.Cohort}}\" and all data of its {{.N}} participants, for good; run again with --yes to confirm", co.Members,
			F{"Cohort": sanitize(co.Name), "N": co.Members}))
	}
	n, err := s.DeleteCohort(co.ID)
	if err != nil && !errors.Is(err, store.ErrNotCompacted) {
		return c.failErr(exitFor(err), err)
	}
	fmt.Fprintln(c.stdout, c.p.N("Deleted cohort \"{{.Cohort}}\" and its {{.N}} participants.", n, F{"Cohort": sanitize(co.Name), "N": n}))
	return c.compactWarning(err)
}

// progress reports "what: done of total" on stderr: updated in place on a
// terminal, and as plain lines at every tenth of the way when stderr is a
// file or a pipe (where carriage returns would pile up).
func (c *command) progress(what string) workshop.Progress {
	tty := isTerminal(c.stderr)
	last := -1
	return func(done, total int) {
		line := c.p.T("{{.What}}: {{.Done}} of {{.Total}}", F{"What": what, "Done": done, "Total": total})
		if tty {
			fmt.Fprintf(c.stderr, "\r%s", line)
			c.progressShown = true
			return
		}
		if step := done * 10 / max(total, 1); step != last || done == total {
			last = step
			fmt.Fprintln(c.stderr, line)
		}
	}
}

// endProgress ends the line a terminal progress left open.
func (c *command) endProgress() {
	if c.progressShown {
		fmt.Fprintln(c.stderr)
		c.progressShown = false
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
