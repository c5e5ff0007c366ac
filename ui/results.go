package ui

import (
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/internal/palette"
	"hatcheck/questions"
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

	tabs       *container.AppTabs
	planButton *widget.Button
	// since is the date of the attempt compared with.
	since string
}

func (u *App) showResults(attempt int64) { u.showComparison(attempt, 0) }

// showComparison shows an attempt's results compared with an earlier one
// (against); 0 compares with the attempt before it, if any.
func (u *App) showComparison(attempt, against int64) {
	s, err := newResultsScreen(u, attempt, against)
	if err != nil {
		u.showError(lang.L("Could not open the results."), err)
		return
	}
	u.show(s)
	if against != 0 && len(s.tabs.Items) > 0 {
		s.tabs.SelectIndex(len(s.tabs.Items) - 1)
	}
}

func newResultsScreen(app *App, attempt, against int64) (*resultsScreen, error) {
	answers, result, err := app.scored(attempt)
	if err != nil {
		return nil, err
	}
	s := &resultsScreen{app: app, attempt: attempt, answers: answers, result: result}
	if against == 0 {
		if prev, err := app.store.PreviousAttempt(attempt); err == nil && prev != nil {
			against = prev.ID
		}
	}
	if against != 0 {
		if _, before, err := app.scored(against); err == nil {
			p := assessment.Compare(before, s.result)
			s.progress = &p
			if a, err := app.store.Attempt(against); err == nil && a.Finished != nil {
				s.since = printer().Date(a.Finished.Local())
			}
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
		home.Text = lang.L("Done: next participant")
	}
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Overview"), theme.InfoIcon(), container.NewVScroll(readable(s.overview()))),
		container.NewTabItemWithIcon(lang.L("Why"), theme.QuestionIcon(), container.NewVScroll(readable(s.why()))),
		container.NewTabItemWithIcon(lang.L("How this was scored"), theme.ListIcon(), container.NewVScroll(readable(s.scoring()))),
	)
	if r.Audit != nil {
		s.tabs.Append(container.NewTabItemWithIcon(lang.L("Hat audit"), theme.StorageIcon(), container.NewVScroll(readable(s.audit()))))
	}
	if s.progress != nil {
		s.tabs.Append(container.NewTabItemWithIcon(lang.L("Since {{.Date}}", map[string]any{"Date": s.since}), theme.HistoryIcon(), container.NewVScroll(readable(s.sinceTab()))))
	}
	header := container.NewVBox(title, disclaimer)
	keys := &widget.Label{Text: lang.L("Keys: Enter make my plan · 1-{{.N}} tabs · Escape home", map[string]any{"N": len(s.tabs.Items)}), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	footer := container.NewBorder(nil, nil, home, nil, keys)
	return container.NewBorder(container.NewPadded(header), container.NewPadded(footer), nil, nil, s.tabs)
}

// verdictCard leads the results with one plain sentence: which hat, how
// sure, and what to do next, with the button to do it.
func (s *resultsScreen) verdictCard() fyne.CanvasObject {
	r := s.result
	var headline, sure, next string
	switch r.Verdict.Kind {
	case assessment.VerdictClear:
		hat := hatInText(r.Tracks[0].ID)
		headline = lang.L("Your best fit: {{.Hat}}.", map[string]any{"Hat": hat})
		sure = lang.L("Clear lead: even at the edges of the bands, {{.Hat}} stays ahead of the other hats.", map[string]any{"Hat": hat})
		next = lang.L("Next: a 30/60/90-day plan for {{.Hat}}, built from your answers.", map[string]any{"Hat": hat})
	case assessment.VerdictHybrid:
		first, second := hatInText(r.Tracks[0].ID), hatInText(r.Tracks[1].ID)
		headline = lang.L("Two hats fit you: {{.First}} first, {{.Second}} close behind.", map[string]any{"First": first, "Second": second})
		sure = lang.L("Close call: the bands overlap, so a few different answers could swap {{.First}} and {{.Second}}. Both fit you.", map[string]any{"First": first, "Second": second})
		next = lang.L("Next: a 30/60/90-day plan; start with {{.First}} and switch hats on the plan to compare.", map[string]any{"First": first})
	default:
		headline = lang.L("Not enough answers yet to say which hat fits.")
		sure = lang.L("Some hats lack the answers a fair score needs; nothing was guessed. Each hat below says what is missing.")
		next = lang.L("Next: answer more questions, or choose a hat yourself and make a plan.")
	}
	plan := &widget.Button{Text: lang.L("Make my plan"), Icon: theme.NavigateNextIcon(), IconPlacement: widget.ButtonIconTrailingText, Importance: widget.HighImportance, OnTapped: s.onPlan}
	if r.Verdict.Kind == assessment.VerdictNotEnough {
		plan.Text = lang.L("Choose a hat and make a plan")
	}
	s.planButton = plan
	body := container.NewVBox(
		&widget.Label{Text: headline, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: sure, Wrapping: fyne.TextWrapWord},
		container.NewBorder(nil, nil, nil, plan, &widget.Label{Text: next, Wrapping: fyne.TextWrapWord}))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return container.NewStack(bg, container.NewPadded(body))
}

func (s *resultsScreen) overview() fyne.CanvasObject {
	r := s.result
	chart := container.New(&trackGridLayout{})
	for _, t := range r.Tracks {
		name := container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: trackName(t.ID), TextStyle: fyne.TextStyle{Bold: true}})
		value := lang.L("{{.Fit}}, likely {{.Band}}", map[string]any{"Fit": scoreText(t.Fit), "Band": bandText(t.Band)})
		if t.Fit == nil {
			value = lang.L("not enough answers")
		}
		chart.Add(name)
		chart.Add(newBandBar(t.Fit, t.Band, trackColour(t.ID), 18))
		chart.Add(&widget.Label{Text: value})
		for _, m := range t.Missing {
			chart.Add(widget.NewLabel(""))
			chart.Add(&widget.Label{Text: lang.L("Missing: {{.What}}.", map[string]any{"What": m}), Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
			chart.Add(widget.NewLabel(""))
		}
	}
	chartTitle := &widget.Label{Text: lang.L("How well each hat fits you, out of 100"), TextStyle: fyne.TextStyle{Bold: true}}
	chartNote := &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance,
		Text: lang.L("The bar is your fit. The line with end marks is its band: where the fit would likely land if you answered again. \"Why\" lists the answers behind each hat.")}

	var labels []string
	var values []*float64
	for i, a := range r.Areas {
		labels = append(labels, text(s.app.engine.Bank.Areas[i].Name))
		var v *float64
		if a.Level != nil {
			f := float64(*a.Level)
			v = &f
		}
		values = append(values, v)
	}
	radar := newRadarChart(labels, values, palette.Skills)
	radarTitle := &widget.Label{Text: lang.L("Your skills by area, out of 100 (centre: never done it; edge: could teach it)"), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}

	quality := container.NewVBox(&widget.Label{Text: lang.L("About your answers"), TextStyle: fyne.TextStyle{Bold: true}})
	if len(r.Quality) == 0 {
		quality.Add(&widget.Label{Text: lang.L("No warning signs: your answers vary, and your answers to opposite statements agree with each other."), Wrapping: fyne.TextWrapWord})
	}
	for _, f := range r.Quality {
		quality.Add(&widget.Label{Text: "⚠ " + f.Text, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	answered := &widget.Label{TextStyle: fyne.TextStyle{Italic: true}, Wrapping: fyne.TextWrapWord,
		Text: lang.L("You answered {{.N}} of {{.Total}} questions.", map[string]any{"N": r.Answered.Core, "Total": r.Answered.CoreTotal})}
	return container.NewVBox(s.verdictCard(), chartTitle, chartNote, chart, widget.NewSeparator(), radarTitle, radar, widget.NewSeparator(), quality, answered)
}

// scoring holds every number behind the fit: readiness and affinity with
// their bands, the formula, and each answer's part in points.
func (s *resultsScreen) scoring() fyne.CanvasObject {
	r := s.result
	m := s.app.engine.Model
	box := container.NewVBox(&widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("Fit = {{.R}} × readiness + {{.A}} × affinity. Readiness is how much of the hat's skill profile you cover, weighted by how much each skill matters to the hat. Affinity is how much your work style, preferences and choices in the scenarios lean to the hat. A band is where a score would probably fall if you answered again (a 90% interval); overlapping bands mean the order could flip. Answers that look rushed widen the bands.",
			map[string]any{"R": s.app.engine.Printer().Decimal("%.1f", m.Fit.Readiness), "A": s.app.engine.Printer().Decimal("%.1f", m.Fit.Affinity)})})
	grid := container.New(&trackGridLayout{})
	for _, t := range r.Tracks {
		grid.Add(container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: trackName(t.ID), TextStyle: fyne.TextStyle{Bold: true}}))
		grid.Add(newBandBar(t.Fit, t.Band, trackColour(t.ID), 14))
		grid.Add(&widget.Label{Text: lang.L("Fit {{.Fit}} ({{.Band}})", map[string]any{"Fit": scoreText(t.Fit), "Band": bandText(t.Band)}), TextStyle: fyne.TextStyle{Bold: true}})
		grid.Add(&widget.Label{Text: "   " + lang.L("readiness")})
		grid.Add(newBandBar(t.Readiness, t.ReadinessBand, withAlpha(trackColour(t.ID), 0x99), 8))
		grid.Add(&widget.Label{Text: lang.L("{{.Score}} ({{.Band}})", map[string]any{"Score": scoreText(t.Readiness), "Band": bandText(t.ReadinessBand)})})
		grid.Add(&widget.Label{Text: "   " + lang.L("affinity")})
		grid.Add(newBandBar(t.Affinity, t.AffinityBand, withAlpha(trackColour(t.ID), 0x99), 8))
		grid.Add(&widget.Label{Text: lang.L("{{.Score}} ({{.Band}})", map[string]any{"Score": scoreText(t.Affinity), "Band": bandText(t.AffinityBand)})})
	}
	box.Add(grid)
	box.Add(&widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("Every answer moves a hat's fit up or down from a neutral 50; all of them together add up exactly to the fit. The number before each answer is how many points it moved.")})
	for _, t := range r.Tracks {
		box.Add(container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: lang.L("{{.Track}}: fit {{.Fit}}", map[string]any{"Track": trackName(t.ID), "Fit": scoreText(t.Fit)}), TextStyle: fyne.TextStyle{Bold: true}}))
		if t.Fit == nil {
			box.Add(&widget.Label{Text: lang.L("Not enough answers for a fit: {{.What}}.", map[string]any{"What": strings.Join(t.Missing, "; ")}), Wrapping: fyne.TextWrapWord})
			continue
		}
		for _, c := range t.Contributions {
			if c.Delta == 0 {
				continue
			}
			box.Add(&widget.Label{Text: strings.Replace(s.app.engine.Printer().Decimal("%+.1f", float64(c.Delta))+"  "+c.Text, "-", "−", 1), Wrapping: fyne.TextWrapWord})
		}
	}
	return box
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

// why lists, hat by hat, what raised its fit and what lowered it, as
// short phrases in the scale's words; the points are in "How this was
// scored".
func (s *resultsScreen) why() fyne.CanvasObject {
	box := container.NewVBox(&widget.Label{Wrapping: fyne.TextWrapWord,
		Text: lang.L("The answers that moved each hat the most, up and down.")})
	list := func(title string, cs []assessment.Contribution) {
		if len(cs) == 0 {
			return
		}
		box.Add(&widget.Label{Text: title, TextStyle: fyne.TextStyle{Italic: true}})
		for _, c := range cs {
			box.Add(&widget.Label{Text: "• " + c.Phrase, Wrapping: fyne.TextWrapWord})
		}
	}
	for _, t := range s.result.Tracks {
		box.Add(widget.NewSeparator())
		box.Add(container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: trackName(t.ID), TextStyle: fyne.TextStyle{Bold: true}}))
		if t.Fit == nil {
			box.Add(&widget.Label{Text: lang.L("Not enough answers for a fit: {{.What}}.", map[string]any{"What": strings.Join(t.Missing, "; ")}), Wrapping: fyne.TextWrapWord})
			continue
		}
		list(lang.L("What raised it"), t.Raised)
		list(lang.L("What lowered it"), t.Lowered)
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
			energy = strings.Replace(s.app.engine.Printer().Decimal("%+.1f", float64(*t.Energy)), "-", "−", 1)
		}
		share := assessment.Score(t.Share)
		box.Add(container.NewBorder(nil, nil, container.NewHBox(trackSwatch(t.ID), &widget.Label{Text: trackName(t.ID), TextStyle: fyne.TextStyle{Bold: true}}),
			&widget.Label{Text: lang.L("{{.Hours}} h · {{.Share}}% · energy {{.Energy}}", map[string]any{"Hours": s.app.engine.Printer().Decimal("%.1f", float64(t.Hours)), "Share": fmt.Sprintf("%.0f", float64(t.Share)), "Energy": energy})},
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

// since shows the fit of each hat then and now as paired bars, and the
// skills whose rating moved, in the scale's words.
func (s *resultsScreen) sinceTab() fyne.CanvasObject {
	p := s.progress
	box := container.NewVBox(&widget.Label{Text: lang.L("Your fit for each hat on {{.Date}} and now", map[string]any{"Date": s.since}), TextStyle: fyne.TextStyle{Bold: true}})
	grid := container.New(&trackGridLayout{})
	for _, c := range p.Tracks {
		grid.Add(container.NewHBox(trackSwatch(c.ID), &widget.Label{Text: trackName(c.ID), TextStyle: fyne.TextStyle{Bold: true}}))
		grid.Add(newBandBar(c.Before, nil, withAlpha(trackColour(c.ID), 0x88), 8))
		grid.Add(&widget.Label{Text: lang.L("then {{.Score}}", map[string]any{"Score": scoreText(c.Before)})})
		grid.Add(widget.NewLabel(""))
		grid.Add(newBandBar(c.After, nil, trackColour(c.ID), 14))
		grid.Add(&widget.Label{Text: lang.L("now {{.Score}} ({{.Delta}})", map[string]any{"Score": scoreText(c.After), "Delta": deltaText(c.Delta)}), TextStyle: fyne.TextStyle{Bold: true}})
	}
	box.Add(grid)
	var moved []assessment.Change
	for _, c := range p.Competencies {
		if c.Delta != nil && *c.Delta != 0 {
			moved = append(moved, c)
		}
	}
	sort.SliceStable(moved, func(i, j int) bool { return abs(float64(*moved[i].Delta)) > abs(float64(*moved[j].Delta)) })
	box.Add(widget.NewSeparator())
	box.Add(&widget.Label{Text: lang.L("Skills you rated differently"), TextStyle: fyne.TextStyle{Bold: true}})
	if len(moved) == 0 {
		box.Add(widget.NewLabel(lang.L("Your skill ratings are the same as last time.")))
	}
	sc := s.app.engine.Bank.Scales[questions.SkillScale]
	said := func(level *assessment.Score) string {
		if level == nil {
			return lang.L("not rated")
		}
		v, _ := sc.PointAt(float64(*level))
		return sc.SaidAs(v, language())
	}
	for _, c := range moved {
		arrow := "↑"
		if *c.Delta < 0 {
			arrow = "↓"
		}
		box.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("{{.Arrow}} {{.Skill}}: then {{.Before}}; now {{.After}}",
			map[string]any{"Arrow": arrow, "Skill": c.Name, "Before": said(c.Before), "After": said(c.After)})})
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
