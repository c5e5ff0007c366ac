package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// itemJSON is one item as "hatcheck questions --json" prints it.
type itemJSON struct {
	ID       string                `json:"id"`
	Kind     questions.Kind        `json:"kind"`
	Section  string                `json:"section"`
	Text     string                `json:"text"`
	Label    string                `json:"label"`
	Answer   answerJSON            `json:"answer"`
	Measures questions.Measures    `json:"measures"`
	Audit    *questions.AuditHints `json:"audit,omitempty"`
	Source   sourceJSON            `json:"source"`
}

type answerJSON struct {
	Type     string       `json:"type"` // "scale", "option" or "audit"
	Min      *float64     `json:"min,omitempty"`
	Max      *float64     `json:"max,omitempty"`
	Labels   []string     `json:"labels,omitempty"`
	Evidence bool         `json:"evidence,omitempty"`
	Options  []optionJSON `json:"options,omitempty"`
	Hours    *rangeJSON   `json:"hours,omitempty"`
	Energy   []optionJSON `json:"energy,omitempty"`
}

type optionJSON struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Track string `json:"track,omitempty"`
}

type rangeJSON struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

type sourceJSON struct {
	File    string `json:"file"`
	Section string `json:"section"`
	Title   string `json:"title"`
}

// bankJSON is the bank as "hatcheck questions --json" prints it: IDs and
// keys in English, texts in the engine's language.
func bankJSON(e *assessment.Engine) any {
	b, lang := e.Bank, e.Lang()
	items := make([]itemJSON, 0, len(b.Items))
	for i := range b.Items {
		it := &b.Items[i]
		doc, _ := b.Document(it.Source.File)
		ij := itemJSON{ID: it.ID, Kind: it.Kind, Section: it.Section, Text: it.Text.In(lang), Label: it.Label.In(lang),
			Measures: it.Measures, Audit: it.Audit,
			Source: sourceJSON{File: it.Source.File, Section: it.Source.Section, Title: doc.Title}}
		switch it.Kind {
		case questions.KindSkillRating, questions.KindWorkStyle:
			sc := b.Scales[it.Scale]
			lo, hi := float64(sc.Min), float64(sc.Max)
			ij.Answer = answerJSON{Type: "scale", Min: &lo, Max: &hi, Evidence: it.Evidence}
			for _, l := range sc.Labels {
				ij.Answer.Labels = append(ij.Answer.Labels, l.In(lang))
			}
		case questions.KindForcedChoice, questions.KindScenario:
			ij.Answer = answerJSON{Type: "option"}
			for _, o := range it.Options {
				ij.Answer.Options = append(ij.Answer.Options, optionJSON{ID: o.ID, Text: o.Text.In(lang), Track: o.Track})
			}
		case questions.KindAuditTask:
			ij.Answer = answerJSON{Type: "audit", Hours: &rangeJSON{b.Audit.Hours.Min, b.Audit.Hours.Max}}
			for _, en := range b.Audit.Energy {
				ij.Answer.Energy = append(ij.Answer.Energy, optionJSON{ID: en.ID, Text: en.Text.In(lang)})
			}
		}
		items = append(items, ij)
	}
	return map[string]any{"format": "hatcheck-questions", "items": items}
}

func writeQuestions(w io.Writer, e *assessment.Engine) {
	b, lang, p := e.Bank, e.Lang(), e.Printer()
	for _, s := range b.Sections {
		items := b.ItemsIn(s.ID)
		fmt.Fprintf(w, "== %s (%d) ==\n", s.Title.In(lang), len(items))
		wrap(w, "", s.Intro.In(lang))
		fmt.Fprintln(w)
		for _, it := range items {
			fmt.Fprintf(w, "%s\n", it.ID)
			wrap(w, "  ", it.Text.In(lang))
			switch it.Kind {
			case questions.KindSkillRating, questions.KindWorkStyle:
				sc := b.Scales[it.Scale]
				var pts []string
				for v := sc.Min; v <= sc.Max; v++ {
					pts = append(pts, fmt.Sprintf("%d %s", v, sc.Label(v, lang)))
				}
				fmt.Fprintf(w, "  %s\n", p.T("answer: {{.Choices}}", F{"Choices": strings.Join(pts, " | ")}))
			case questions.KindForcedChoice, questions.KindScenario:
				for _, o := range it.Options {
					wrap(w, "    ", fmt.Sprintf("%s: %s", o.ID, o.Text.In(lang)))
				}
			case questions.KindAuditTask:
				var energy []string
				for _, en := range b.Audit.Energy {
					energy = append(energy, en.ID)
				}
				fmt.Fprintf(w, "  %s\n", p.T("answer: hours per week ({{.Min}}-{{.Max}}) and energy ({{.Energy}})",
					F{"Min": decimal(p, "%g", b.Audit.Hours.Min), "Max": decimal(p, "%g", b.Audit.Hours.Max), "Energy": strings.Join(energy, ", ")}))
			}
			if doc, ok := b.Document(it.Source.File); ok && doc.Title != "" {
				fmt.Fprintf(w, "  %s\n", p.T("source: “{{.Title}}”, section \"{{.Section}}\"", F{"Title": doc.Title, "Section": it.Source.Section}))
			} else {
				fmt.Fprintf(w, "  %s\n", p.T("source: {{.Source}}, section \"{{.Section}}\"", F{"Source": it.Source.File, "Section": it.Source.Section}))
			}
		}
		fmt.Fprintln(w)
	}
}

// decimal formats a number with the decimal mark of the printer's
// language: 73.5 in English, 73,5 in Spanish.
func decimal(p *i18n.Printer, format string, v float64) string { return p.Decimal(format, v) }

func fmtScore(p *i18n.Printer, s *assessment.Score) string {
	if s == nil {
		return p.T("n/a")
	}
	return decimal(p, "%.1f", float64(*s))
}

func fmtBand(p *i18n.Printer, b *[2]assessment.Score) string {
	if b == nil {
		return p.T("not enough answers")
	}
	return fmt.Sprintf("%.0f-%.0f", float64(b[0]), float64(b[1]))
}

// table writes rows as columns as wide as their widest cell, and at least
// min[i]; right[i] puts column i flush right. Widths count characters, not
// bytes.
func table(w io.Writer, right []bool, min []int, rows [][]string) {
	widths := append([]int(nil), min...)
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	for _, r := range rows {
		var line strings.Builder
		for i, cell := range r {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell))
			if i > 0 {
				line.WriteString(" ")
			}
			if right[i] {
				line.WriteString(pad + cell)
			} else {
				line.WriteString(cell + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(line.String(), " "))
	}
}

// The ID words of the hat audit, for the catalogue.
var auditWords = []string{i18n.Key("keep"), i18n.Key("delegate"), i18n.Key("automate"), i18n.Key("drop"),
	i18n.Key("drains"), i18n.Key("neutral"), i18n.Key("energises")}

func writeResult(w io.Writer, e *assessment.Engine, r *assessment.Result) {
	p := e.Printer()
	_ = auditWords
	name := r.Respondent.Name
	if name == "" {
		name = p.T("you")
	}
	fmt.Fprintln(w, p.T("Hatcheck result for {{.Name}}", F{"Name": sanitize(name)}))
	fmt.Fprintf(w, "(%s)\n\n", r.Note)
	answered := p.T("Answered {{.Core}} of {{.Total}} questions.", F{"Core": r.Answered.Core, "Total": r.Answered.CoreTotal})
	if r.Answered.Audit > 0 {
		answered = p.N("Answered {{.Core}} of {{.Total}} questions, plus {{.N}} audit tasks.", r.Answered.Audit, F{"Core": r.Answered.Core, "Total": r.Answered.CoreTotal, "N": r.Answered.Audit})
	}
	wrap(w, "", answered)
	fmt.Fprintln(w)
	wrap(w, "", p.T("Verdict: {{.Text}}", F{"Text": r.Verdict.Text}))
	fmt.Fprintln(w)
	rows := [][]string{{p.T("Track"), p.T("Fit"), p.T("Band"), p.T("Readiness"), p.T("Affinity")}}
	for _, t := range r.Tracks {
		rows = append(rows, []string{t.Name, fmtScore(p, t.Fit), fmtBand(p, t.Band), fmtScore(p, t.Readiness), fmtScore(p, t.Affinity)})
	}
	table(w, []bool{false, true, false, true, true}, []int{26, 5, 8, 9, 8}, rows)
	fmt.Fprintln(w)
	for _, t := range r.Tracks {
		fmt.Fprintln(w, p.T("Why {{.Track}} scores {{.Fit}}:", F{"Track": t.Name, "Fit": fmtScore(p, t.Fit)}))
		for _, m := range t.Missing {
			wrap(w, "  - ", p.T("Not enough answers: {{.What}}.", F{"What": m}))
		}
		for _, c := range t.Raised {
			wrap(w, "  +"+padLeft(decimal(p, "%.1f", float64(c.Delta)), 4)+" ", c.Text)
		}
		for _, c := range t.Lowered {
			wrap(w, "  "+padLeft(decimal(p, "%.1f", float64(c.Delta)), 5)+" ", c.Text)
		}
		fmt.Fprintln(w)
	}
	if len(r.Quality) > 0 {
		fmt.Fprintln(w, p.T("Answer quality:"))
		for _, f := range r.Quality {
			wrap(w, "  ! ", f.Text)
		}
		fmt.Fprintln(w)
	}
	if a := r.Audit; a != nil {
		fmt.Fprintln(w, p.T("Hat audit ({{.Hours}} hours a week):", F{"Hours": fmt.Sprintf("%.0f", float64(a.TotalHours))}))
		for _, t := range a.Tracks {
			energy := p.T("no tasks")
			if t.Energy != nil {
				energy = p.T("energy {{.Energy}}", F{"Energy": decimal(p, "%+.1f", float64(*t.Energy))})
			}
			fmt.Fprintf(w, "  %-26s %5s h  %3.0f%%  %s\n", t.Name, decimal(p, "%.1f", float64(t.Hours)), float64(t.Share), energy)
		}
		for _, s := range a.Signals {
			wrap(w, "  ! ", s.Text)
		}
		if a.Keep != "" {
			wrap(w, "  ", p.T("Keep: {{.Track}}. {{.Reason}}", F{"Track": a.KeepName, "Reason": a.KeepReason}))
		}
		for _, t := range a.Tasks {
			wrap(w, "    ", p.T("{{.Suggestion}} {{.Task}} ({{.Hours}} h, {{.Energy}}): {{.Reason}}",
				F{"Suggestion": p.T(t.Suggestion), "Task": t.Label, "Hours": fmt.Sprintf("%.0f", float64(t.Hours)), "Energy": p.T(t.Energy), "Reason": t.Reason}))
		}
		fmt.Fprintln(w)
	}
	wrap(w, "", p.T("Each number can be traced: run with --json to see every answer's contribution."))
}

func padLeft(s string, n int) string {
	if k := utf8.RuneCountInString(s); k < n {
		return strings.Repeat(" ", n-k) + s
	}
	return s
}

func writePlan(w io.Writer, e *assessment.Engine, pl *assessment.Plan) {
	p := e.Printer()
	name := pl.Respondent.Name
	if name == "" {
		name = p.T("you")
	}
	wrap(w, "", p.T("30/60/90-day plan for {{.Name}}: {{.Track}}", F{"Name": sanitize(name), "Track": pl.TrackName}))
	fmt.Fprintf(w, "(%s)\n\n", pl.Note)
	why := p.T("you asked for this track")
	if pl.Chosen == "best-fit" {
		why = p.T("it is your best fit")
	}
	fit := p.T("not enough answers")
	if pl.Fit != nil {
		fit = fmt.Sprintf("%.0f", float64(*pl.Fit))
	}
	wrap(w, "", p.T("Target: {{.Track}} ({{.Why}}; fit {{.Fit}}). {{.Verdict}}", F{"Track": pl.TrackName, "Why": why, "Fit": fit, "Verdict": pl.Verdict.Text}))
	if pl.ContextAdvice != "" {
		fmt.Fprintln(w)
		wrap(w, "", pl.ContextName+": "+pl.ContextAdvice)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, p.T("Focus (ranked by weight x shortfall):"))
	for i, g := range pl.Gaps {
		what := p.T("below target")
		if g.Kind == "strengthen" {
			what = p.T("at or above target: deepen it")
		}
		wrap(w, fmt.Sprintf("  %d. ", i+1), p.T("{{.Skill}}: level {{.Level}}, target {{.Target}} ({{.What}})",
			F{"Skill": g.Name, "Level": fmt.Sprintf("%.0f", float64(g.Level)), "Target": fmt.Sprintf("%.0f", float64(g.Target)), "What": what}))
	}
	if len(pl.Unrated) > 0 {
		wrap(w, "  ", p.T("Not rated yet, so not planned: {{.Skills}}.", F{"Skills": strings.Join(pl.Unrated, "; ")}))
	}
	fmt.Fprintln(w)
	for _, ph := range pl.Phases {
		fmt.Fprintln(w, ph.Title)
		for _, a := range ph.Actions {
			wrap(w, "  - ", fmt.Sprintf("[%s] %s", e.Heading(a), a.Text))
			wrap(w, "      ", p.T("Done when: {{.Proof}}", F{"Proof": a.Proof}))
			if a.ContextNote != "" {
				wrap(w, "      ", p.T("In your context: {{.Note}}", F{"Note": a.ContextNote}))
			}
		}
		fmt.Fprintln(w)
	}
	list := func(title string, items []string) {
		fmt.Fprintln(w, title)
		for _, s := range items {
			wrap(w, "  - ", s)
		}
		fmt.Fprintln(w)
	}
	list(p.T("How this hat is measured:"), pl.KPIs)
	list(p.T("A day in the life:"), pl.DayInLife)
	fmt.Fprintln(w, p.T("Working with the other hats:"))
	wrap(w, "  ", pl.Collaboration)
	fmt.Fprintln(w)
	list(p.T("Advice from practitioners:"), pl.Advice)
	fmt.Fprintln(w, p.T("Sources:"))
	for _, s := range pl.Sources {
		wrap(w, "  - ", fmt.Sprintf("%s, %s (%s)", s.Title, s.Author, s.File))
	}
}

// wrap writes text wrapped at 78 columns, the first line after prefix and
// the rest indented to match.
func wrap(w io.Writer, prefix, text string) {
	const width = 78
	indent := strings.Repeat(" ", len([]rune(prefix)))
	line := prefix
	empty := true
	for _, word := range strings.Fields(text) {
		if !empty && len([]rune(line))+1+len([]rune(word)) > width {
			fmt.Fprintln(w, line)
			line, empty = indent, true
		}
		if empty {
			line += word
			empty = false
		} else {
			line += " " + word
		}
	}
	fmt.Fprintln(w, line)
}
