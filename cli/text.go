package cli

import (
	"fmt"
	"io"
	"strings"

	"hatcheck/assessment"
	"hatcheck/internal/termsafe"
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

func bankJSON(b *questions.Bank) any {
	items := make([]itemJSON, 0, len(b.Items))
	for i := range b.Items {
		it := &b.Items[i]
		doc, _ := b.Document(it.Source.File)
		ij := itemJSON{ID: it.ID, Kind: it.Kind, Section: it.Section, Text: it.Text.String(), Label: it.Label.String(),
			Measures: it.Measures, Audit: it.Audit,
			Source: sourceJSON{File: it.Source.File, Section: it.Source.Section, Title: doc.Title}}
		switch it.Kind {
		case questions.KindSkillRating, questions.KindWorkStyle:
			sc := b.Scales[it.Scale]
			lo, hi := float64(sc.Min), float64(sc.Max)
			ij.Answer = answerJSON{Type: "scale", Min: &lo, Max: &hi, Evidence: it.Evidence}
			for _, l := range sc.Labels {
				ij.Answer.Labels = append(ij.Answer.Labels, l.String())
			}
		case questions.KindForcedChoice, questions.KindScenario:
			ij.Answer = answerJSON{Type: "option"}
			for _, o := range it.Options {
				ij.Answer.Options = append(ij.Answer.Options, optionJSON{ID: o.ID, Text: o.Text.String(), Track: o.Track})
			}
		case questions.KindAuditTask:
			ij.Answer = answerJSON{Type: "audit", Hours: &rangeJSON{b.Audit.Hours.Min, b.Audit.Hours.Max}}
			for _, e := range b.Audit.Energy {
				ij.Answer.Energy = append(ij.Answer.Energy, optionJSON{ID: e.ID, Text: e.Text.String()})
			}
		}
		items = append(items, ij)
	}
	return map[string]any{"format": "hatcheck-questions", "items": items}
}

func writeQuestions(w io.Writer, b *questions.Bank) {
	for _, s := range b.Sections {
		items := b.ItemsIn(s.ID)
		fmt.Fprintf(w, "== %s (%d) ==\n", s.Title.String(), len(items))
		wrap(w, "", s.Intro.String())
		fmt.Fprintln(w)
		for _, it := range items {
			fmt.Fprintf(w, "%s\n", it.ID)
			wrap(w, "  ", it.Text.String())
			switch it.Kind {
			case questions.KindSkillRating, questions.KindWorkStyle:
				sc := b.Scales[it.Scale]
				var pts []string
				for v := sc.Min; v <= sc.Max; v++ {
					pts = append(pts, fmt.Sprintf("%d %s", v, sc.Label(v, "en")))
				}
				fmt.Fprintf(w, "  answer: %s\n", strings.Join(pts, " | "))
			case questions.KindForcedChoice, questions.KindScenario:
				for _, o := range it.Options {
					wrap(w, "    ", fmt.Sprintf("%s: %s", o.ID, o.Text.String()))
				}
			case questions.KindAuditTask:
				fmt.Fprintf(w, "  answer: hours per week (%g-%g) and energy (drains, neutral, energises)\n", b.Audit.Hours.Min, b.Audit.Hours.Max)
			}
			source := it.Source.File
			if doc, ok := b.Document(it.Source.File); ok && doc.Title != "" {
				source = "“" + doc.Title + "”"
			}
			fmt.Fprintf(w, "  source: %s, section %q\n", source, it.Source.Section)
		}
		fmt.Fprintln(w)
	}
}

func fmtScore(s *assessment.Score) string {
	if s == nil {
		return "  n/a"
	}
	return fmt.Sprintf("%5.1f", float64(*s))
}

func fmtBand(b *[2]assessment.Score) string {
	if b == nil {
		return "not enough answers"
	}
	return fmt.Sprintf("%.0f-%.0f", float64(b[0]), float64(b[1]))
}

func writeResult(w io.Writer, b *questions.Bank, r *assessment.Result) {
	name := r.Respondent.Name
	if name == "" {
		name = "you"
	}
	fmt.Fprintf(w, "Hatcheck result for %s\n", termsafe.String(name))
	fmt.Fprintf(w, "(%s)\n\n", assessment.Disclaimer)
	fmt.Fprintf(w, "Answered %d of %d questions", r.Answered.Core, r.Answered.CoreTotal)
	if r.Answered.Audit > 0 {
		fmt.Fprintf(w, ", plus %d audit tasks", r.Answered.Audit)
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w)
	wrap(w, "", "Verdict: "+r.Verdict.Text)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "%-26s %5s %-8s %9s %8s\n", "Track", "Fit", "Band", "Readiness", "Affinity")
	for _, t := range r.Tracks {
		fmt.Fprintf(w, "%-26s %5s %-8s %9s %8s\n", t.Name, fmtScore(t.Fit), fmtBand(t.Band), fmtScore(t.Readiness), fmtScore(t.Affinity))
	}
	fmt.Fprintln(w)
	for _, t := range r.Tracks {
		fmt.Fprintf(w, "Why %s scores %s:\n", t.Name, strings.TrimSpace(fmtScore(t.Fit)))
		for _, m := range t.Missing {
			wrap(w, "  - ", "Not enough answers: "+m+".")
		}
		for _, c := range t.Raised {
			wrap(w, fmt.Sprintf("  +%4.1f ", float64(c.Delta)), c.Text)
		}
		for _, c := range t.Lowered {
			wrap(w, fmt.Sprintf("  %5.1f ", float64(c.Delta)), c.Text)
		}
		fmt.Fprintln(w)
	}
	if len(r.Quality) > 0 {
		fmt.Fprintln(w, "Answer quality:")
		for _, f := range r.Quality {
			wrap(w, "  ! ", f.Text)
		}
		fmt.Fprintln(w)
	}
	if a := r.Audit; a != nil {
		fmt.Fprintf(w, "Hat audit (%.0f hours a week):\n", float64(a.TotalHours))
		for _, t := range a.Tracks {
			energy := "no tasks"
			if t.Energy != nil {
				energy = fmt.Sprintf("energy %+.1f", float64(*t.Energy))
			}
			fmt.Fprintf(w, "  %-26s %5.1f h  %3.0f%%  %s\n", t.Name, float64(t.Hours), float64(t.Share), energy)
		}
		for _, s := range a.Signals {
			wrap(w, "  ! ", s.Text)
		}
		if a.Keep != "" {
			wrap(w, "  ", fmt.Sprintf("Keep: %s. %s", a.KeepName, a.KeepReason))
		}
		for _, t := range a.Tasks {
			wrap(w, "    ", fmt.Sprintf("%-8s %s (%.0f h, %s): %s", t.Suggestion, t.Label, float64(t.Hours), t.Energy, t.Reason))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "Each number can be traced: run with --json to see every answer's contribution.")
}

func writePlan(w io.Writer, e *assessment.Engine, p *assessment.Plan) {
	name := p.Respondent.Name
	if name == "" {
		name = "you"
	}
	fmt.Fprintf(w, "30/60/90-day plan for %s: %s\n", termsafe.String(name), p.TrackName)
	fmt.Fprintf(w, "(%s)\n\n", p.Note)
	why := "you asked for this track"
	if p.Chosen == "best-fit" {
		why = "it is your best fit"
	}
	fit := "not enough answers"
	if p.Fit != nil {
		fit = fmt.Sprintf("%.0f", float64(*p.Fit))
	}
	wrap(w, "", fmt.Sprintf("Target: %s (%s; fit %s). %s", p.TrackName, why, fit, p.Verdict.Text))
	if p.ContextAdvice != "" {
		fmt.Fprintln(w)
		wrap(w, "", p.ContextName+": "+p.ContextAdvice)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Focus (ranked by weight x shortfall):")
	for i, g := range p.Gaps {
		what := "below target"
		if g.Kind == "strengthen" {
			what = "at or above target: deepen it"
		}
		fmt.Fprintf(w, "  %d. %s: level %.0f, target %.0f (%s)\n", i+1, g.Name, float64(g.Level), float64(g.Target), what)
	}
	if len(p.Unrated) > 0 {
		wrap(w, "  ", "Not rated yet, so not planned: "+strings.Join(p.Unrated, "; ")+".")
	}
	fmt.Fprintln(w)
	for _, ph := range p.Phases {
		fmt.Fprintln(w, ph.Title)
		for _, a := range ph.Actions {
			wrap(w, "  - ", fmt.Sprintf("[%s] %s", e.Heading(a), a.Text))
			wrap(w, "      ", "Done when: "+a.Proof)
			if a.ContextNote != "" {
				wrap(w, "      ", "In your context: "+a.ContextNote)
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
	list("How this hat is measured:", p.KPIs)
	list("A day in the life:", p.DayInLife)
	fmt.Fprintln(w, "Working with the other hats:")
	wrap(w, "  ", p.Collaboration)
	fmt.Fprintln(w)
	list("Advice from practitioners:", p.Advice)
	fmt.Fprintln(w, "Sources:")
	for _, s := range p.Sources {
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
