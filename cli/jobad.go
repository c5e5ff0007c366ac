package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"hatcheck/assessment"
	"hatcheck/internal/safefile"
	"hatcheck/internal/termsafe"
	"hatcheck/jobad"
	"hatcheck/report"
	"hatcheck/store"
	"hatcheck/workshop"
)

// jobAd is "hatcheck jobad FILE|- [--json] [--against FILE | --attempt N]".
func (c *command) jobAd(args []string) int {
	fs := flag.NewFlagSet("jobad", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	against := fs.String("against", "", "a results or answers file to compare the ad with")
	attempt := fs.Int64("attempt", 0, "a stored attempt to compare the ad with; the ad is kept with it")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(pos) != 1 {
		return c.fail(ExitBadInput, "jobad needs one file (.txt, .md or .html), or - to read the ad from standard input\n\n%s", Usage)
	}
	if *against != "" && *attempt != 0 {
		return c.fail(ExitBadInput, "choose --against FILE or --attempt N, not both")
	}
	name, text, code := c.readAd(pos[0])
	if code != ExitOK {
		return code
	}
	lx, err := jobad.Default()
	if err != nil {
		return c.fail(ExitFailure, "the built-in job-ad lexicon is broken: %v", err)
	}
	r, err := lx.Analyze(c.engine, text)
	if err != nil {
		return c.fail(ExitBadInput, "%s: %v", termsafe.String(name), err)
	}
	var person *jobad.Person
	switch {
	case *against != "":
		in, code := c.load(*against)
		if in == nil {
			return code
		}
		res := c.engine.Score(in.answers)
		person = &jobad.Person{Answers: in.answers, Result: res, Saved: in.choice(r.Primary)}
	case *attempt != 0:
		s, code := c.openStore()
		if s == nil {
			return code
		}
		defer s.Close()
		ap, err := s.PlanFor(*attempt, c.engine, r.Primary)
		if errors.Is(err, store.ErrNotFound) {
			return c.fail(ExitBadInput, "there is no attempt %d (hatcheck list shows the attempts)", *attempt)
		}
		if err != nil && !errors.Is(err, assessment.ErrNoTrack) {
			return c.fail(exitFor(err), "%v", err)
		}
		if ap != nil {
			person = &jobad.Person{Answers: ap.Answers, Result: ap.Result, Saved: &ap.Personal.Choice}
		}
		if _, err := s.SaveJobAd(*attempt, name, text, lx.Version); err != nil {
			return c.fail(exitFor(err), "could not keep the ad with attempt %d: %v", *attempt, err)
		}
	}
	if person != nil {
		r.Against, err = jobad.Compare(c.engine, r, *person)
		if err != nil {
			return c.fail(ExitBadInput, "%v", err)
		}
	}
	if *asJSON {
		return c.writeJSON(r)
	}
	writeJobAd(c.stdout, r)
	if *attempt != 0 {
		fmt.Fprintf(c.stdout, "\nKept with attempt %d: its plan PDF (hatcheck plan --attempt %d -o plan.pdf) has a \"Job ad check\" page.\n", *attempt, *attempt)
	}
	return ExitOK
}

// readAd reads an ad from a file (regular files only, within the size
// limit) or from standard input ("-").
func (c *command) readAd(path string) (name, text string, code int) {
	var data []byte
	var err error
	if path == "-" {
		name = "standard input"
		data, err = io.ReadAll(io.LimitReader(os.Stdin, jobad.MaxBytes+1))
		if err == nil && len(data) > jobad.MaxBytes {
			err = jobad.ErrTooLarge
		}
	} else {
		name = filepath.Base(path)
		data, err = safefile.ReadFile(path, jobad.MaxBytes)
	}
	if err != nil {
		return "", "", c.fail(exitForRead(err), "cannot read the ad %s: %v", termsafe.String(path), unwrapPathErr(err))
	}
	text, err = jobad.FromFile(name, data)
	if err != nil {
		return "", "", c.fail(ExitBadInput, "%s: %v", termsafe.String(path), err)
	}
	return name, text, ExitOK
}

// exitForRead: a missing, special or oversized file is the caller's to
// fix; other read errors are failures.
func exitForRead(err error) int {
	if errors.Is(err, safefile.ErrNotRegular) || errors.Is(err, safefile.ErrTooLarge) || errors.Is(err, jobad.ErrTooLarge) {
		return ExitBadInput
	}
	return exitFor(err)
}

// writeJobAd prints an analysed ad: shares, signals, the marked lines,
// the comparison and the questions.
func writeJobAd(w io.Writer, r *jobad.Result) {
	if r.Title != "" {
		fmt.Fprintf(w, "%s\n\n", termsafe.String(r.Title))
	}
	fmt.Fprintln(w, "Share of the ad each hat takes (lines counted for it):")
	for _, h := range r.Hats {
		bar := strings.Repeat("#", int(h.Share*30+0.5))
		fmt.Fprintf(w, "  %-24s %3.0f%%  %-30s %d %s\n", h.Name, 100*h.Share, bar, h.Lines, plural(h.Lines, "line", "lines"))
	}
	fmt.Fprintf(w, "%d lines counted, %d set aside (pay, degrees, logistics), %d naming no hat's work.\n", r.Counted, r.SetAside, len(r.Lines)-r.Counted-r.SetAside-countHeadings(r))
	if r.Truncated {
		fmt.Fprintf(w, "The ad has more than %d lines; the rest was not read.\n", jobad.MaxLines)
	}
	if len(r.Signals) > 0 {
		fmt.Fprintln(w, "\nWhat to watch for:")
		for _, s := range r.Signals {
			fmt.Fprintf(w, "  ! %s\n", s.Text)
			if s.Detail != "" {
				fmt.Fprintf(w, "    %s\n", termsafe.String(s.Detail))
			}
		}
	}
	fmt.Fprintln(w, "\nThe ad, line by line:")
	for _, l := range r.Lines {
		tag := ""
		switch {
		case l.Hat != nil:
			tag = fmt.Sprintf("[%s: %s]", hatShort(*l.Hat), *l.Competency)
		case l.Aside != "":
			tag = "[set aside: " + l.Aside + "]"
		case l.Kind == jobad.KindTitle || l.Kind == jobad.KindHeading:
			tag = "[" + l.Kind + "]"
		default:
			tag = "[no hat]"
		}
		fmt.Fprintf(w, "  %4d %-40s %s\n", l.N, tag, termsafe.String(l.Text))
	}
	if a := r.Against; a != nil {
		fmt.Fprintf(w, "\nAgainst your result: %s\n", a.Summary)
		for _, m := range a.Meets {
			fmt.Fprintf(w, "  met:   %s\n", m.Name)
		}
		for _, g := range a.Gaps {
			fmt.Fprintf(w, "  gap:   %s\n", g.Name)
			for _, act := range g.Actions {
				where := "to add to your plan"
				if g.InPlan {
					where = "in your plan"
				}
				fmt.Fprintf(w, "         %s (%s, %s): %s\n", act.Kind, where, dayLabel(act.Day), act.Text)
			}
		}
		for _, u := range a.Unrated {
			fmt.Fprintf(w, "  not rated: %s\n", u.Name)
		}
	}
	if len(r.Questions) > 0 {
		fmt.Fprintln(w, "\nQuestions to ask the employer:")
		for _, q := range r.Questions {
			fmt.Fprintf(w, "  ? %s\n", q.Text)
		}
	}
	fmt.Fprintf(w, "\n%s\n", assessment.Disclaimer)
}

func dayLabel(day int) string { return fmt.Sprintf("by day %d", day) }

func countHeadings(r *jobad.Result) int {
	n := 0
	for _, l := range r.Lines {
		if l.Kind == jobad.KindTitle || l.Kind == jobad.KindHeading {
			n++
		}
	}
	return n
}

func hatShort(id string) string {
	switch id {
	case "social-media-manager":
		return "social media"
	case "community-manager":
		return "community"
	}
	return "strategist"
}

// workshopJobAds is "hatcheck workshop jobads FOLDER [-o FILE.pdf]": one
// page per ad, for group discussion.
func (c *command) workshopJobAds(args []string) int {
	fs := flag.NewFlagSet("workshop jobads", flag.ContinueOnError)
	out := fs.String("o", "", "the PDF to write (default: job-ads.pdf in the folder)")
	paperFlag := fs.String("paper", "", "a4 or letter")
	pos, ok := c.parse(fs, args)
	if !ok {
		return ExitBadInput
	}
	if len(pos) != 1 {
		return c.fail(ExitBadInput, "workshop jobads needs one folder of ads (.txt, .md, .html)\n\n%s", workshopUsage)
	}
	dir := pos[0]
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return c.fail(ExitBadInput, "%s is not a folder; give the folder that holds the ads", termsafe.String(dir))
	}
	paper, date, code := c.paperAndDate(*paperFlag)
	if code != ExitOK {
		return code
	}
	path := *out
	if path == "" {
		path = filepath.Join(dir, "job-ads.pdf")
	}
	if !strings.EqualFold(filepath.Ext(path), ".pdf") {
		path += ".pdf"
	}
	skip := ""
	if filepath.Clean(filepath.Dir(path)) == filepath.Clean(dir) {
		skip = filepath.Base(path)
	}
	checks, refused, err := workshop.JobAds(dir, skip)
	if err != nil {
		return c.fail(exitFor(err), "%v", err)
	}
	for _, r := range refused {
		fmt.Fprintf(c.stderr, "refused %s: %s\n", termsafe.String(r.File), termsafe.String(r.Reason))
	}
	if len(checks) == 0 {
		return c.fail(ExitBadInput, "no ad could be read in %s; put the ads there as .txt, .md or .html files", termsafe.String(dir))
	}
	for _, ch := range checks {
		var parts []string
		for _, h := range ch.Result.Hats {
			parts = append(parts, fmt.Sprintf("%s %.0f%%", hatShort(h.ID), 100*h.Share))
		}
		flags := ""
		if ch.Result.HasSignal(jobad.SignalSeveralHats) {
			flags = "  (several hats)"
		}
		fmt.Fprintf(c.stdout, "%s: %s%s\n", termsafe.String(ch.Name), strings.Join(parts, ", "), flags)
	}
	warnings, err := report.WriteJobAdsFile(path, report.JobAdsInput{Engine: c.engine, Folder: filepath.Base(filepath.Clean(dir)), Ads: checks}, report.Options{Paper: paper, Date: date})
	for _, w := range warnings {
		fmt.Fprintf(c.stderr, "hatcheck: warning: %s\n", termsafe.String(w))
	}
	if err != nil {
		return c.fail(exitFor(err), "could not save the PDF: %v; %s (nothing was written)", err, whatToDo(err))
	}
	fmt.Fprintf(c.stdout, "Read %d %s: %d checked, %d refused. Wrote %s (one page per ad).\n", len(checks)+len(refused), plural(len(checks)+len(refused), "file", "files"), len(checks), len(refused), termsafe.String(path))
	if len(refused) > 0 {
		return ExitBadInput
	}
	return ExitOK
}
