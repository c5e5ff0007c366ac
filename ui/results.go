package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
)

// resultsScreen shows one attempt's scores: the three hats with their bands,
// readiness against affinity, the skill radar, the verdict and quality
// notes, why each number is what it is, the hat audit, and the change since
// the previous attempt.
type resultsScreen struct {
	app     *App
	attempt int64
	answers *assessment.Answers
	result  *assessment.Result
	// progress since the previous finished attempt, when there is one.
	progress *assessment.Progress

	tabs *container.AppTabs
}

func (u *App) showResults(attempt int64) {
	s, err := newResultsScreen(u, attempt)
	if err != nil {
		u.showError(lang.L("Could not open the results."), err)
		return
	}
	u.show(s)
}

func newResultsScreen(app *App, attempt int64) (*resultsScreen, error) {
	answers, result, err := app.scored(attempt)
	if err != nil {
		return nil, err
	}
	s := &resultsScreen{app: app, attempt: attempt, answers: answers, result: result}
	if prev, err := app.store.PreviousAttempt(attempt); err == nil && prev != nil {
		if _, before, err := app.scored(prev.ID); err == nil {
			p := assessment.Compare(before, s.result)
			s.progress = &p
		}
	}
	return s, nil
}

func (s *resultsScreen) content() fyne.CanvasObject {
	r := s.result
	title := &widget.Label{Text: lang.L("Your results"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	if n := r.Respondent.Name; n != "" {
		title.Text = lang.L("Results for {{.Name}}", map[string]any{"Name": n})
	}
	title.Truncation = fyne.TextTruncateEllipsis
	disclaimer := &widget.Label{Text: lang.L(assessment.Disclaimer), Importance: widget.WarningImportance, Wrapping: fyne.TextWrapWord}
	home := &widget.Button{Text: lang.L("Home"), Icon: theme.HomeIcon(), OnTapped: s.app.showHome}
	if s.app.kiosk != nil {
		home.Text, home.Importance = lang.L("Done: next participant"), widget.WarningImportance
	}
	plan := &widget.Button{Text: lang.L("Make my plan"), Icon: theme.NavigateNextIcon(), IconPlacement: widget.ButtonIconTrailingText, Importance: widget.HighImportance, OnTapped: s.onPlan}
	if r.Verdict.Kind == assessment.VerdictNotEnough {
		plan.Text = lang.L("Choose a hat and make a plan")
	}
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Overview"), theme.InfoIcon(), container.NewVScroll(s.overview())),
		container.NewTabItemWithIcon(lang.L("Why these numbers"), theme.QuestionIcon(), container.NewVScroll(s.why())),
	)
	if r.Audit != nil {
		s.tabs.Append(container.NewTabItemWithIcon(lang.L("Hat audit"), theme.ListIcon(), container.NewVScroll(s.audit())))
	}
	if s.progress != nil {
		s.tabs.Append(container.NewTabItemWithIcon(lang.L("Since last time"), theme.HistoryIcon(), container.NewVScroll(s.since())))
	}
	header := container.NewVBox(title, disclaimer)
	footer := container.NewBorder(nil, nil, home, plan, &widget.Label{Text: lang.L("Keys: Enter make my plan · 1-4 tabs · Escape home"), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis})
	return container.NewBorder(container.NewPadded(header), container.NewPadded(footer), nil, nil, s.tabs)
}

func (s *resultsScreen) overview() fyne.CanvasObject {
	r := s.result
	verdict := &widget.Label{Text: r.Verdict.Text, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}}
	grid := container.New(&trackGridLayout{})
	for _, t := range r.Tracks {
		name := container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: trackName(t.ID), TextStyle: fyne.TextStyle{Bold: true}})
		fit := &widget.Label{Text: lang.L("Fit {{.Fit}} ({{.Band}})", map[string]any{"Fit": scoreText(t.Fit), "Band": bandText(t.Band)}), TextStyle: fyne.TextStyle{Bold: true}}
		ready := &widget.Label{Text: lang.L("Readiness {{.Score}} ({{.Band}})", map[string]any{"Score": scoreText(t.Readiness), "Band": bandText(t.ReadinessBand)})}
		aff := &widget.Label{Text: lang.L("Affinity {{.Score}} ({{.Band}})", map[string]any{"Score": scoreText(t.Affinity), "Band": bandText(t.AffinityBand)})}
		grid.Add(name)
		grid.Add(newBandBar(t.Fit, t.Band, trackColour(t.ID), 18))
		grid.Add(fit)
		grid.Add(&widget.Label{Text: "   " + lang.L("skills"), TextStyle: fyne.TextStyle{Italic: true}})
		grid.Add(newBandBar(t.Readiness, t.ReadinessBand, withAlpha(trackColour(t.ID), 0x99), 8))
		grid.Add(ready)
		grid.Add(&widget.Label{Text: "   " + lang.L("style and choices"), TextStyle: fyne.TextStyle{Italic: true}})
		grid.Add(newBandBar(t.Affinity, t.AffinityBand, withAlpha(trackColour(t.ID), 0x99), 8))
		grid.Add(aff)
		for _, m := range t.Missing {
			grid.Add(widget.NewLabel(""))
			grid.Add(&widget.Label{Text: lang.L("Not enough answers: {{.What}}.", map[string]any{"What": m}), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
			grid.Add(widget.NewLabel(""))
		}
	}
	explain := &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true},
		Text: lang.L("Fit is 0.4 × readiness (how much of the hat's skill profile you cover) + 0.6 × affinity (how much your style and choices lean to it). The line with end marks is the band: where the score would probably fall if you answered again. Overlapping bands mean the order could flip. The \"Why these numbers\" tab lists the answers behind each score.")}

	var labels []string
	var values []*float64
	for i, a := range s.result.Areas {
		labels = append(labels, text(s.app.engine.Bank.Areas[i].Name))
		var v *float64
		if a.Level != nil {
			f := float64(*a.Level)
			v = &f
		}
		values = append(values, v)
	}
	radarColour := trackColour(r.Tracks[0].ID)
	radar := newRadarChart(labels, values, radarColour)
	radarTitle := &widget.Label{Text: lang.L("Your skills by area (0 never done it, 100 could teach it)"), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}

	quality := container.NewVBox(&widget.Label{Text: lang.L("About your answers"), TextStyle: fyne.TextStyle{Bold: true}})
	if len(r.Quality) == 0 {
		quality.Add(&widget.Label{Text: lang.L("No warning signs: your answers vary, and your answers to opposite statements agree with each other."), Wrapping: fyne.TextWrapWord})
	}
	for _, f := range r.Quality {
		quality.Add(&widget.Label{Text: "⚠ " + f.Text, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	answered := &widget.Label{TextStyle: fyne.TextStyle{Italic: true}, Wrapping: fyne.TextWrapWord,
		Text: lang.L("You answered {{.N}} of {{.Total}} questions.", map[string]any{"N": r.Answered.Core, "Total": r.Answered.CoreTotal})}
	return container.NewVBox(verdict, grid, explain, widget.NewSeparator(), radarTitle, radar, widget.NewSeparator(), quality, answered)
}

// trackGridLayout lays out rows of three cells: a label column, a bar that
// takes the spare width, and a value column.
type trackGridLayout struct{}

func (l *trackGridLayout) widths(objs []fyne.CanvasObject) (float32, float32) {
	var a, c float32
	for i := 0; i+2 < len(objs); i += 3 {
		a = max(a, objs[i].MinSize().Width)
		c = max(c, objs[i+2].MinSize().Width)
	}
	return a, c
}

func (l *trackGridLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a, c := l.widths(objs)
	pad := theme.Padding()
	if a+c+120+2*pad > size.Width { // narrow window: shrink the text columns
		c = max(80, size.Width-a-120-2*pad)
	}
	bw := size.Width - a - c - 2*pad
	y := float32(0)
	for i := 0; i+2 < len(objs); i += 3 {
		h := max(objs[i].MinSize().Height, objs[i+1].MinSize().Height, objs[i+2].MinSize().Height)
		objs[i].Move(fyne.NewPos(0, y))
		objs[i].Resize(fyne.NewSize(a, h))
		objs[i+1].Move(fyne.NewPos(a+pad, y))
		objs[i+1].Resize(fyne.NewSize(bw, h))
		objs[i+2].Move(fyne.NewPos(a+bw+2*pad, y))
		objs[i+2].Resize(fyne.NewSize(c, h))
		y += h
	}
}

func (l *trackGridLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, _ := l.widths(objs)
	var h float32
	for i := 0; i+2 < len(objs); i += 3 {
		h += max(objs[i].MinSize().Height, objs[i+1].MinSize().Height, objs[i+2].MinSize().Height)
	}
	return fyne.NewSize(a+120+80+2*theme.Padding(), h)
}

func scoreText(s *assessment.Score) string {
	if s == nil {
		return lang.L("n/a")
	}
	return fmt.Sprintf("%.0f", float64(*s))
}

func bandText(b *[2]assessment.Score) string {
	if b == nil {
		return lang.L("not enough answers")
	}
	return fmt.Sprintf("%.0f–%.0f", float64(b[0]), float64(b[1]))
}

func (s *resultsScreen) why() fyne.CanvasObject {
	box := container.NewVBox(&widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("Every answer moves a hat's fit up or down from a neutral 50. These answers moved each hat the most; all of them together add up exactly to the fit. The number is how many points each one moved.")})
	for _, t := range s.result.Tracks {
		box.Add(container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: lang.L("{{.Track}}: fit {{.Fit}}", map[string]any{"Track": trackName(t.ID), "Fit": scoreText(t.Fit)}), TextStyle: fyne.TextStyle{Bold: true}}))
		if t.Fit == nil {
			box.Add(&widget.Label{Text: lang.L("Not enough answers for a fit: {{.What}}.", map[string]any{"What": strings.Join(t.Missing, "; ")}), Wrapping: fyne.TextWrapWord})
			continue
		}
		for _, c := range t.Raised {
			box.Add(&widget.Label{Text: fmt.Sprintf("+%.1f  %s", float64(c.Delta), c.Text), Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance})
		}
		for _, c := range t.Lowered {
			box.Add(&widget.Label{Text: fmt.Sprintf("−%.1f  %s", -float64(c.Delta), c.Text), Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance})
		}
	}
	return box
}

func (s *resultsScreen) audit() fyne.CanvasObject {
	a := s.result.Audit
	box := container.NewVBox(&widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("Where your {{.Hours}} hours a week go, hat by hat. Energy runs from −1 (every hour drains you) to +1 (every hour gives you energy).", map[string]any{"Hours": fmt.Sprintf("%.0f", float64(a.TotalHours))})})
	for _, t := range a.Tracks {
		energy := lang.L("no tasks")
		if t.Energy != nil {
			energy = strings.Replace(fmt.Sprintf("%+.1f", float64(*t.Energy)), "-", "−", 1)
		}
		share := assessment.Score(t.Share)
		box.Add(container.NewBorder(nil, nil, container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: trackName(t.ID), TextStyle: fyne.TextStyle{Bold: true}}),
			&widget.Label{Text: lang.L("{{.Hours}} h · {{.Share}}% · energy {{.Energy}}", map[string]any{"Hours": fmt.Sprintf("%.1f", float64(t.Hours)), "Share": fmt.Sprintf("%.0f", float64(t.Share)), "Energy": energy})},
			newBandBar(&share, nil, trackColour(t.ID), 12)))
	}
	for _, f := range a.Signals {
		box.Add(&widget.Label{Text: "⚠ " + f.Text, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	if a.Keep != "" {
		box.Add(&widget.Label{Text: lang.L("Keep: {{.Track}}", map[string]any{"Track": trackName(a.Keep)}), TextStyle: fyne.TextStyle{Bold: true}})
		box.Add(&widget.Label{Text: a.KeepReason, Wrapping: fyne.TextWrapWord})
	}
	for _, t := range a.Tasks {
		box.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: fmt.Sprintf("%s · %s (%.0f h, %s): %s", suggestionLabel(t.Suggestion), t.Label, float64(t.Hours), energyLabel(t.Energy), t.Reason)})
	}
	return box
}

func suggestionLabel(s string) string {
	switch s {
	case assessment.SuggestKeep:
		return lang.L("Keep")
	case assessment.SuggestDelegate:
		return lang.L("Delegate")
	case assessment.SuggestAutomate:
		return lang.L("Automate")
	case assessment.SuggestDrop:
		return lang.L("Drop")
	}
	return s
}

func energyLabel(e string) string {
	switch e {
	case "drains":
		return lang.L("drains you")
	case "energises":
		return lang.L("gives you energy")
	}
	return lang.L("neutral")
}

func (s *resultsScreen) since() fyne.CanvasObject {
	p := s.progress
	box := container.NewVBox(&widget.Label{Text: lang.L("How your fit changed since your previous attempt"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, c := range p.Tracks {
		box.Add(&widget.Label{Text: fmt.Sprintf("%s: %s → %s (%s)", trackName(c.ID), scoreText(c.Before), scoreText(c.After), deltaText(c.Delta))})
	}
	var moved []assessment.Change
	for _, c := range p.Competencies {
		if c.Delta != nil && *c.Delta != 0 {
			moved = append(moved, c)
		}
	}
	sort.SliceStable(moved, func(i, j int) bool { return abs(float64(*moved[i].Delta)) > abs(float64(*moved[j].Delta)) })
	box.Add(&widget.Label{Text: lang.L("Skills that moved"), TextStyle: fyne.TextStyle{Bold: true}})
	if len(moved) == 0 {
		box.Add(widget.NewLabel(lang.L("Your skill ratings are the same as last time.")))
	}
	for _, c := range moved {
		box.Add(&widget.Label{Text: fmt.Sprintf("%s: %s → %s (%s)", c.Name, scoreText(c.Before), scoreText(c.After), deltaText(c.Delta)), Wrapping: fyne.TextWrapWord})
	}
	return box
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func deltaText(d *assessment.Score) string {
	if d == nil {
		return lang.L("not comparable")
	}
	return strings.Replace(fmt.Sprintf("%+.0f", float64(*d)), "-", "−", 1)
}

func (s *resultsScreen) onPlan() { s.app.showPlan(s.attempt, "") }

func (s *resultsScreen) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		s.onPlan()
	case fyne.KeyEscape:
		s.app.showHome()
	}
}

func (s *resultsScreen) typedRune(r rune) {
	if i := int(r - '1'); i >= 0 && i < len(s.tabs.Items) {
		s.tabs.SelectIndex(i)
	}
}
func (s *resultsScreen) leave() {}
