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

	"hatcheck/internal/termsafe"
	"hatcheck/report"
	"hatcheck/store"
	"hatcheck/workshop"
)

const workshopUsage = `Usage:
  hatcheck workshop import --cohort NAME PATH... [--same-person|--new-person] [--partial]
                                                  results files, folders of them, or CSV files
  hatcheck workshop report --cohort NAME -o DIR [--names] [--paper a4|letter]
                                                  every plan, the group report and scores.csv
  hatcheck workshop template -o DIR               a printable worksheet and a CSV template
  hatcheck workshop list                          the cohorts
  hatcheck workshop delete --cohort NAME --yes    delete a cohort and its participants' data
  hatcheck workshop jobads FOLDER [-o FILE.pdf] [--paper a4|letter]
                                                  check a folder of job ads (.txt, .md, .html):
                                                  one page per ad for group discussion
`

func (c *command) workshop(args []string) int {
	if len(args) == 0 {
		return c.fail(ExitBadInput, "workshop needs a command\n\n%s", workshopUsage)
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
	}
	return c.fail(ExitBadInput, "unknown workshop command %q\n\n%s", args[0], workshopUsage)
}

func (c *command) workshopImport(args []string) int {
	fs := flag.NewFlagSet("workshop import", flag.ContinueOnError)
	cohort := fs.String("cohort", "", "cohort name")
	samePerson := fs.Bool("same-person", false, "a row or file with the name of someone here before is that person")
	newPerson := fs.Bool("new-person", false, "a row or file with the name of someone here before is someone else")
	partial := fs.Bool("partial", false, "import CSV rows that are cut short, their missing cells as skipped")
	paths, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if *cohort == "" || len(paths) == 0 {
		return c.fail(ExitBadInput, "workshop import needs --cohort NAME and one or more files or folders\n\n%s", workshopUsage)
	}
	if *samePerson && *newPerson {
		return c.fail(ExitBadInput, "choose --same-person or --new-person, not both")
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
			return workshop.Decision{Later: true, Why: "run the import again with --partial to take the answers it has"}
		case *newPerson:
			return workshop.Decision{NewPerson: true}
		case *samePerson && len(q.SameName) == 1:
			return workshop.Decision{Profile: q.SameName[0].ID}
		case *samePerson:
			return workshop.Decision{Later: true, Why: fmt.Sprintf("%d people here have that name, so --same-person cannot tell which; import it in the app to choose", len(q.SameName))}
		}
		return workshop.Decision{Later: true, Why: "run the import again with --same-person if it is them, or --new-person if it is someone else"}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// Each row or file is reported as soon as it is in (or refused), so a
	// long import shows its progress and an interrupted one what it did.
	each := func(o workshop.Outcome) {
		src, name := termsafe.String(o.Source), termsafe.String(o.Name)
		switch {
		case len(o.Problems) > 0:
			fmt.Fprintf(c.stderr, "refused %s (nothing from it was imported):\n", src)
			for _, p := range o.Problems {
				fmt.Fprintf(c.stderr, "  - %s\n", termsafe.String(p))
			}
		case o.Duplicate:
			fmt.Fprintf(c.stdout, "already imported %s: %s (%s)\n", src, name, o.Code)
		case o.Partial:
			fmt.Fprintf(c.stdout, "imported %s: %s as %s (cut short: its missing answers count as skipped)\n", src, name, o.Code)
		default:
			fmt.Fprintf(c.stdout, "imported %s: %s as %s\n", src, name, o.Code)
		}
	}
	res, err := workshop.Import(s, c.engine, *cohort, paths, workshop.ImportOptions{Ask: ask, Each: each, Context: ctx})
	if err != nil {
		return c.fail(exitFor(err), "%v", err)
	}
	for _, n := range res.Notes {
		fmt.Fprintf(c.stderr, "hatcheck: note: %s\n", termsafe.String(n))
	}
	in, dup, bad := res.Counts()
	fmt.Fprintf(c.stdout, "Cohort %q: read %d (files and CSV rows): %d imported, %d already there, %d refused.\n", termsafe.String(*cohort), res.Read(), in, dup, bad)
	if res.Stopped != "" {
		fmt.Fprintf(c.stdout, "Stopped: %s.\n", res.Stopped)
	}
	if n := res.Pending(); n > 0 {
		fmt.Fprintf(c.stdout, "%d of the refused %s left out until you decide; each says how. What came in already is recognised and not imported twice.\n", n, plural(n, "was", "were"))
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
	cohort := fs.String("cohort", "", "cohort name")
	out := fs.String("o", "", "folder to write into")
	names := fs.Bool("names", false, "show names instead of participant codes")
	paperFlag := fs.String("paper", "", "a4 or letter")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if *cohort == "" || *out == "" || len(pos) > 0 {
		return c.fail(ExitBadInput, "workshop report needs --cohort NAME and -o DIR\n\n%s", workshopUsage)
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
	w, err := workshop.Report(ctx, s, c.engine, *cohort, *out, workshop.Options{Names: *names, Paper: paper, Date: date}, c.progress("plans"))
	c.endProgress()
	for _, warn := range w.Warnings {
		fmt.Fprintf(c.stderr, "hatcheck: warning: %s\n", termsafe.String(warn))
	}
	for _, sk := range w.Skipped {
		fmt.Fprintf(c.stderr, "hatcheck: no plan for %s\n", termsafe.String(sk))
	}
	if errors.Is(err, store.ErrNotFound) {
		return c.fail(ExitBadInput, "there is no cohort %q (hatcheck workshop list shows them)", *cohort)
	}
	if err != nil {
		return c.fail(exitFor(err), "%v", err)
	}
	fmt.Fprintf(c.stdout, "Wrote %d %s in %s/plans, %s and %s.\n", len(w.Plans), plural(len(w.Plans), "plan", "plans"), termsafe.String(strings.TrimRight(*out, "/")), termsafe.String(w.GroupReport), termsafe.String(w.Scores))
	return ExitOK
}

func (c *command) workshopTemplate(args []string) int {
	fs := flag.NewFlagSet("workshop template", flag.ContinueOnError)
	out := fs.String("o", "", "folder to write into")
	paperFlag := fs.String("paper", "", "a4 or letter")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if *out == "" || len(pos) > 0 {
		return c.fail(ExitBadInput, "workshop template needs -o DIR\n\n%s", workshopUsage)
	}
	paper, date, code := c.paperAndDate(*paperFlag)
	if code != ExitOK {
		return code
	}
	ws, csvPath, err := workshop.Template(c.engine, *out, report.Options{Paper: paper, Date: date})
	if err != nil {
		return c.fail(exitFor(err), "%v", err)
	}
	fmt.Fprintf(c.stdout, "Wrote %s and %s.\n", ws, csvPath)
	return ExitOK
}

func (c *command) workshopList(args []string) int {
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	cs, err := s.Cohorts()
	if err != nil {
		return c.fail(ExitFailure, "%v", err)
	}
	if len(cs) == 0 {
		fmt.Fprintln(c.stdout, "No cohorts yet; hatcheck workshop import --cohort NAME FILES... creates one.")
	}
	for _, co := range cs {
		fmt.Fprintf(c.stdout, "%s: %d %s\n", termsafe.String(co.Name), co.Members, plural(co.Members, "participant", "participants"))
	}
	return ExitOK
}

func (c *command) workshopDelete(args []string) int {
	fs := flag.NewFlagSet("workshop delete", flag.ContinueOnError)
	cohort := fs.String("cohort", "", "cohort name")
	yes := fs.Bool("yes", false, "confirm")
	if _, ok := c.parse(fs, args); !ok {
		return ExitBadInput
	}
	if *cohort == "" {
		return c.fail(ExitBadInput, "workshop delete needs --cohort NAME")
	}
	s, code := c.openStore()
	if s == nil {
		return code
	}
	defer s.Close()
	co, err := s.Cohort(*cohort, false)
	if err != nil {
		return c.fail(ExitBadInput, "there is no cohort %q", *cohort)
	}
	if !*yes {
		return c.fail(ExitBadInput, "this deletes cohort %q and all data of its %d participants, for good; run again with --yes to confirm", co.Name, co.Members)
	}
	n, err := s.DeleteCohort(co.ID)
	if err != nil && !errors.Is(err, store.ErrNotCompacted) {
		return c.fail(exitFor(err), "%v", err)
	}
	fmt.Fprintf(c.stdout, "Deleted cohort %q and its %d %s.\n", termsafe.String(co.Name), n, plural(n, "participant", "participants"))
	return c.compactWarning(err)
}

// progress reports "what: done of total" on stderr: updated in place on a
// terminal, and as plain lines at every tenth of the way when stderr is a
// file or a pipe (where carriage returns would pile up).
func (c *command) progress(what string) workshop.Progress {
	tty := isTerminal(c.stderr)
	last := -1
	return func(done, total int) {
		if tty {
			fmt.Fprintf(c.stderr, "\r%s: %d of %d", what, done, total)
			c.progressShown = true
			return
		}
		if step := done * 10 / max(total, 1); step != last || done == total {
			last = step
			fmt.Fprintf(c.stderr, "%s: %d of %d\n", what, done, total)
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

// plural picks the English singular or plural form for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
