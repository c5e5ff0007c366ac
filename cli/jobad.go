package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/internal/safefile"
	"hatcheck/jobad"
	"hatcheck/report"
	"hatcheck/store"
	"hatcheck/workshop"
)

// jobAd is "hatcheck jobad FILE|- [--json] [--against FILE | --attempt N]".
func (c *command) jobAd(args []string) int {
	fs := flag.NewFlagSet("jobad", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, c.p.T("print JSON instead of text"))
	against := fs.String("against", "", c.p.T("a results or answers `FILE` to compare the ad with"))
	attempt := fs.Int64("attempt", 0, c.p.T("a stored attempt `N` to compare the ad with; the ad is kept with it"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return c.usageFail("jobad", c.p.T("jobad needs one file (.txt, .md or .html), or - to read the ad from standard input"))
	}
	if *against != "" && *attempt != 0 {
		return c.fail(ExitBadInput, c.p.T("choose --against FILE or --attempt N, not both"))
	}
	name, text, code := c.readAd(pos[0])
	if code != ExitOK {
		return code
	}
	lx, err := jobad.Default()
	if err != nil {
		return c.fail(ExitFailure, c.p.T("the built-in job-ad lexicon is broken: {{.Err}}", F{"Err": c.p.Error(err)}))
	}
	r, err := lx.Analyze(c.engine, text)
	if err != nil {
		return c.fail(ExitBadInput, sanitize(name)+": "+c.p.Error(err))
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
			return c.fail(ExitBadInput, c.noAttempt(*attempt))
		}
		if err != nil && !errors.Is(err, assessment.ErrNoTrack) {
			return c.failErr(exitFor(err), err)
		}
		if ap != nil {
			person = &jobad.Person{Answers: ap.Answers, Result: ap.Result, Saved: &ap.Personal.Choice}
		}
		if _, err := s.SaveJobAd(*attempt, name, text, lx.Version); err != nil {
			return c.fail(exitFor(err), c.p.T("could not keep the ad with attempt {{.N}}: {{.Err}}", F{"N": *attempt, "Err": c.p.Error(err)}))
		}
	}
	if person != nil {
		r.Against, err = jobad.Compare(c.engine, r, *person)
		if err != nil {
			return c.failErr(ExitBadInput, err)
		}
	}
	if *asJSON {
		return c.writeJSON(r)
	}
	c.writeJobAd(r)
	if *attempt != 0 {
		fmt.Fprintln(c.stdout)
		fmt.Fprintln(c.stdout, c.p.T("Kept with attempt {{.N}}: its plan PDF (hatcheck plan --attempt {{.N}} -o plan.pdf) has a \"Job ad check\" page.", F{"N": *attempt}))
	}
	return ExitOK
}

// readAd reads an ad from a file (regular files only, within the size
// limit) or from standard input ("-").
func (c *command) readAd(path string) (name, text string, code int) {
	var data []byte
	var err error
	if path == "-" {
		name = c.p.T("standard input")
		data, err = io.ReadAll(io.LimitReader(os.Stdin, jobad.MaxBytes+1))
		if err == nil && len(data) > jobad.MaxBytes {
			err = jobad.ErrTooLarge
		}
	} else {
		name = filepath.Base(path)
		data, err = safefile.ReadFile(path, jobad.MaxBytes)
	}
	if err != nil {
		return "", "", c.fail(exitForRead(err), c.p.T("cannot read the ad {{.Path}}: {{.Err}}", F{"Path": sanitize(path), "Err": sysError(c.p, err)}))
	}
	text, err = jobad.FromFile(name, data)
	if err != nil {
		return "", "", c.fail(ExitBadInput, sanitize(path)+": "+c.p.Error(err))
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

// asideNames are the reasons a line is set aside, by the lexicon's IDs.
var asideNames = map[string]string{"pay": i18n.Key("pay"), "education": i18n.Key("education"),
	"logistics": i18n.Key("logistics"), "equal-opportunity": i18n.Key("equal-opportunity")}

// actionKinds are the kinds of plan action as the ad check lists them.
var actionKinds = map[string]string{"learn": i18n.Key("learn"), "practise": i18n.Key("practise"), "evidence": i18n.Key("evidence")}

// lookup is the text of a table of catalogue keys in the run's language,
// or the ID itself when the table lacks it.
func (c *command) lookup(table map[string]string, id string) string {
	if k, ok := table[id]; ok {
		return c.p.T(k)
	}
	return sanitize(id)
}

// hatName is a hat's name in the run's language.
func (c *command) hatName(id, fallback string) string {
	if t, ok := c.engine.Bank.Track(id); ok {
		return t.Name.In(c.engine.Lang())
	}
	return fallback
}

// skillName is a competency's name in the run's language.
func (c *command) skillName(id, fallback string) string {
	if comp, ok := c.engine.Bank.Competency(id); ok {
		return comp.Name.In(c.engine.Lang())
	}
	return fallback
}

// actionText is a plan action's text in the run's language.
func (c *command) actionText(a assessment.PlanAction) string {
	for _, pa := range c.engine.Plan().Actions {
		if pa.Competency == a.Competency && pa.Kind == a.Kind {
			return pa.Text.In(c.engine.Lang())
		}
	}
	return a.Text
}

// writeJobAd prints an analysed ad: shares, signals, the marked lines,
// the comparison and the questions.
func (c *command) writeJobAd(r *jobad.Result) {
	w, p := c.stdout, c.p
	if r.Title != "" {
		fmt.Fprintf(w, "%s\n\n", sanitize(r.Title))
	}
	fmt.Fprintln(w, p.T("Share of the ad each hat takes (lines counted for it):"))
	width := 24 // names as long as "Estratega de redes sociales" widen the column
	for _, h := range r.Hats {
		width = max(width, utf8.RuneCountInString(c.hatName(h.ID, h.Name)))
	}
	for _, h := range r.Hats {
		bar := strings.Repeat("#", int(h.Share*30+0.5))
		fmt.Fprintf(w, "  %-*s %3.0f%%  %-30s %s\n", width, c.hatName(h.ID, h.Name), 100*h.Share, bar, p.N("{{.N}} lines", h.Lines, F{"N": h.Lines}))
	}
	fmt.Fprintln(w, p.T("{{.Counted}} lines counted, {{.Aside}} set aside (pay, degrees, logistics), {{.None}} naming no hat's work.",
		F{"Counted": r.Counted, "Aside": r.SetAside, "None": len(r.Lines) - r.Counted - r.SetAside - countHeadings(r)}))
	if r.Truncated {
		fmt.Fprintln(w, p.T("The ad has more than {{.N}} lines; the rest was not read.", F{"N": jobad.MaxLines}))
	}
	if len(r.Signals) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("What to watch for:"))
		for _, s := range r.Signals {
			fmt.Fprintf(w, "  ! %s\n", s.Text)
			if s.Detail != "" {
				fmt.Fprintf(w, "    %s\n", sanitize(s.Detail))
			}
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, p.T("The ad, line by line:"))
	for _, l := range r.Lines {
		tag := ""
		switch {
		case l.Hat != nil:
			tag = fmt.Sprintf("[%s: %s]", c.hatShort(*l.Hat), *l.Competency)
		case l.Aside != "":
			tag = "[" + p.T("set aside: {{.Why}}", F{"Why": c.lookup(asideNames, l.Aside)}) + "]"
		case l.Kind == jobad.KindTitle:
			tag = "[" + p.T("title") + "]"
		case l.Kind == jobad.KindHeading:
			tag = "[" + p.T("heading") + "]"
		default:
			tag = "[" + p.T("no hat") + "]"
		}
		fmt.Fprintf(w, "  %4d %-40s %s\n", l.N, tag, sanitize(l.Text))
	}
	if a := r.Against; a != nil {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("Against your result: {{.Summary}}", F{"Summary": a.Summary}))
		for _, m := range a.Meets {
			fmt.Fprintln(w, p.T("  met:   {{.Skill}}", F{"Skill": c.skillName(m.Competency, m.Name)}))
		}
		for _, g := range a.Gaps {
			fmt.Fprintln(w, p.T("  gap:   {{.Skill}}", F{"Skill": c.skillName(g.Competency, g.Name)}))
			for _, act := range g.Actions {
				where := p.T("to add to your plan")
				if g.InPlan {
					where = p.T("in your plan")
				}
				fmt.Fprintf(w, "         %s (%s, %s): %s\n", c.lookup(actionKinds, act.Kind), where, p.T("by day {{.Day}}", F{"Day": act.Day}), c.actionText(act))
			}
		}
		for _, u := range a.Unrated {
			fmt.Fprintln(w, p.T("  not rated: {{.Skill}}", F{"Skill": c.skillName(u.Competency, u.Name)}))
		}
	}
	if len(r.Questions) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, p.T("Questions to ask the employer:"))
		for _, q := range r.Questions {
			fmt.Fprintf(w, "  ? %s\n", q.Text)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, c.engine.T(assessment.Disclaimer))
}

func countHeadings(r *jobad.Result) int {
	n := 0
	for _, l := range r.Lines {
		if l.Kind == jobad.KindTitle || l.Kind == jobad.KindHeading {
			n++
		}
	}
	return n
}

// hatShort is a hat's short name in the ad's marked lines.
func (c *command) hatShort(id string) string {
	switch id {
	case "social-media-manager":
		return c.p.T("social media")
	case "community-manager":
		return c.p.T("community")
	}
	return c.p.T("strategist")
}

// workshopJobAds is "hatcheck workshop jobads FOLDER [-o FILE.pdf]": one
// page per ad, for group discussion.
func (c *command) workshopJobAds(args []string) int {
	fs := flag.NewFlagSet("workshop jobads", flag.ContinueOnError)
	out := fs.String("o", "", c.p.T("the PDF `FILE` to write (default: job-ads.pdf in the folder)"))
	paperFlag := fs.String("paper", "", c.p.T("the PDF's page `SIZE`: a4 or letter (default: the locale's)"))
	pos, code, ok := c.parse(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return c.usageFail("workshop jobads", c.p.T("workshop jobads needs one folder of ads (.txt, .md, .html)"))
	}
	dir := pos[0]
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return c.fail(ExitBadInput, c.p.T("{{.Path}} is not a folder; give the folder that holds the ads", F{"Path": sanitize(dir)}))
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
	checks, refused, err := workshop.JobAds(c.engine.Lang(), dir, skip)
	if err != nil {
		return c.failErr(exitFor(err), err)
	}
	for _, r := range refused {
		fmt.Fprintln(c.stderr, c.p.T("refused {{.File}}: {{.Why}}", F{"File": sanitize(r.File), "Why": sanitize(sysError(c.p, r.Err))}))
	}
	if len(checks) == 0 {
		return c.fail(ExitBadInput, c.p.T("no ad could be read in {{.Path}}; put the ads there as .txt, .md or .html files", F{"Path": sanitize(dir)}))
	}
	for _, ch := range checks {
		var parts []string
		for _, h := range ch.Result.Hats {
			parts = append(parts, fmt.Sprintf("%s %.0f%%", c.hatShort(h.ID), 100*h.Share))
		}
		flags := ""
		if ch.Result.HasSignal(jobad.SignalSeveralHats) {
			flags = "  (" + c.p.T("several hats") + ")"
		}
		fmt.Fprintf(c.stdout, "%s: %s%s\n", sanitize(ch.Name), strings.Join(parts, ", "), flags)
	}
	warnings, err := report.WriteJobAdsFile(path, report.JobAdsInput{Engine: c.engine, Folder: filepath.Base(filepath.Clean(dir)), Ads: checks}, report.Options{Paper: paper, Date: date})
	for _, w := range warnings {
		c.warn(sanitize(w))
	}
	if err != nil {
		return c.fail(exitFor(err), c.couldNotSave(c.p.T("could not save the PDF"), err))
	}
	n := len(checks) + len(refused)
	fmt.Fprintln(c.stdout, c.p.N("Read {{.N}} files: {{.Checked}} checked, {{.Refused}} refused. Wrote {{.Path}} (one page per ad).", n,
		F{"N": n, "Checked": len(checks), "Refused": len(refused), "Path": sanitize(path)}))
	if len(refused) > 0 {
		return ExitBadInput
	}
	return ExitOK
}
