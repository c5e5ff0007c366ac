package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/questions"
	"hatcheck/store"
)

// planScreen lets the person pick a target hat, see the ranked gaps, keep
// the actions they want in the slot they want, and write notes. Every change
// is saved as it is made.
type planScreen struct {
	app     *App
	attempt int64
	answers *assessment.Answers
	result  *assessment.Result
	plan    *assessment.Plan
	choice  store.PlanChoice

	track   *widget.Select
	gaps    *fyne.Container
	actions *fyne.Container
	notes   *widget.Entry
	saved   *widget.Label

	notesTimer *time.Timer
}

func (u *App) showPlan(attempt int64, track string) {
	s, err := newPlanScreen(u, attempt, track)
	if err != nil {
		u.showError(lang.L("Could not open the plan."), err)
		return
	}
	u.show(s)
}

func newPlanScreen(app *App, attempt int64, track string) (*planScreen, error) {
	answers, result, err := app.scored(attempt)
	if err != nil {
		return nil, err
	}
	s := &planScreen{app: app, attempt: attempt, answers: answers, result: result}
	saved, err := app.store.Plan(attempt)
	if err != nil {
		return nil, err
	}
	if track == "" && saved != nil {
		track = saved.Track
	}
	if track == "" && s.result.Tracks[0].Fit == nil {
		track = questions.TrackSocialMediaManager // nothing to go on: the first hat, which the person can change
	}
	if err := s.build(track, saved); err != nil {
		return nil, err
	}
	return s, nil
}

// build makes the plan for track (best fit when ""), applying saved choices
// when they are for that track.
func (s *planScreen) build(track string, saved *store.PlanChoice) error {
	p, err := s.app.engine.BuildPlan(s.answers, s.result, track)
	if err != nil {
		return err
	}
	s.plan = p
	s.choice = store.DefaultPlanChoice(p)
	if saved != nil && saved.Track == p.Track {
		byKey := map[string]store.ActionChoice{}
		for _, a := range saved.Actions {
			byKey[a.Competency+"/"+a.Kind] = a
		}
		for i, a := range s.choice.Actions {
			if sa, ok := byKey[a.Competency+"/"+a.Kind]; ok {
				s.choice.Actions[i] = sa
			}
		}
		s.choice.Notes = saved.Notes
	}
	return nil
}

func (s *planScreen) content() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Your 30/60/90-day plan"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	var names []string
	for _, id := range questions.TrackIDs {
		names = append(names, s.trackOption(id))
	}
	s.track = &widget.Select{Options: names, OnChanged: s.onTrack}
	s.track.Selected = s.trackOption(s.plan.Track)
	s.gaps = container.NewVBox()
	s.actions = container.NewVBox()
	s.notes = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: lang.L("Your notes: who can help, where to practise, what to ask your manager..."), Text: s.choice.Notes}
	s.notes.SetMinRowsVisible(4)
	s.notes.OnChanged = s.onNotes
	s.saved = &widget.Label{Importance: widget.LowImportance}
	s.fill()

	back := &widget.Button{Text: lang.L("Results"), Icon: theme.NavigateBackIcon(), OnTapped: func() { s.app.showResults(s.attempt) }}
	home := &widget.Button{Text: lang.L("Home"), Icon: theme.HomeIcon(), Importance: widget.LowImportance, OnTapped: s.app.showHome}
	exportPDF := &widget.Button{Text: lang.L("Save plan as PDF…"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onExportPDF}
	exportResults := &widget.Button{Text: lang.L("Export results file…"), Icon: theme.UploadIcon(), OnTapped: s.onExportResults}

	head := container.NewVBox(title,
		container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Target hat")}, nil, s.track),
		&widget.Label{Text: lang.L(assessment.Disclaimer), Importance: widget.WarningImportance})
	body := container.NewVBox(
		&widget.Label{Text: lang.L("What to work on first"), TextStyle: fyne.TextStyle{Bold: true}}, s.gaps,
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("Actions: untick what you will not do, and move an action to another month if that suits you better."), Wrapping: fyne.TextWrapWord},
		s.actions,
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("Notes"), TextStyle: fyne.TextStyle{Bold: true}}, s.notes, s.saved)
	footer := container.NewBorder(nil, nil, container.NewHBox(back, home), container.NewHBox(exportResults, exportPDF),
		&widget.Label{Text: lang.L("Ctrl+S saves the PDF"), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis})
	s.app.win.Canvas().AddShortcut(saveShortcut, func(fyne.Shortcut) { s.onExportPDF() })
	return container.NewBorder(container.NewPadded(head), container.NewPadded(footer), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

// saveShortcut is Ctrl+S (Cmd+S on macOS).
var saveShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}

func (s *planScreen) trackOption(id string) string {
	for _, t := range s.result.Tracks {
		if t.ID == id {
			if t.Fit != nil {
				return lang.L("{{.Track}} (fit {{.Fit}})", map[string]any{"Track": trackName(id), "Fit": scoreText(t.Fit)})
			}
		}
	}
	return trackName(id)
}

// fill shows the gaps and the actions of the current plan.
func (s *planScreen) fill() {
	s.gaps.RemoveAll()
	sc := s.app.engine.Bank.Scales[questions.SkillScale]
	label := func(level assessment.Score) string {
		if v, ok := sc.PointAt(float64(level)); ok {
			return sc.Label(v, language())
		}
		return scoreText(&level)
	}
	for i, g := range s.plan.Ranking {
		if i >= 6 {
			break
		}
		what := lang.L("gap")
		if g.Kind != "gap" {
			what = lang.L("strength to deepen")
		}
		s.gaps.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("{{.N}}. {{.Skill}}: you “{{.Level}}”, the hat wants “{{.Target}}” ({{.What}}, priority {{.Priority}})",
			map[string]any{"N": i + 1, "Skill": g.Name, "Level": label(g.Level), "Target": label(g.Target), "What": what, "Priority": fmt.Sprintf("%.2f", float64(g.Priority))})})
	}
	if len(s.plan.Unrated) > 0 {
		s.gaps.Add(&widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}, Text: lang.L("Not rated, so not planned: {{.Skills}}.", map[string]any{"Skills": strings.Join(s.plan.Unrated, "; ")})})
	}
	s.actions.RemoveAll()
	if len(s.choice.Actions) == 0 {
		s.actions.Add(&widget.Label{Text: lang.L("Every skill you rated for this hat is at the top of the scale: nothing to close. Try another hat, or read the advice in the PDF."), Wrapping: fyne.TextWrapWord})
	}
	slots := []string{lang.L("Days 1-30"), lang.L("Days 31-60"), lang.L("Days 61-90")}
	slotDay := []int{30, 60, 90}
	byKey := map[string]assessment.PlanAction{}
	for _, ph := range s.plan.Phases {
		for _, a := range ph.Actions {
			byKey[a.Competency+"/"+a.Kind] = a
		}
	}
	for i := range s.choice.Actions {
		i := i
		c := &s.choice.Actions[i]
		a := byKey[c.Competency+"/"+c.Kind]
		keep := &widget.Check{Text: kindLabel(c.Kind) + ": " + a.Name, Checked: c.Chosen}
		keep.OnChanged = func(b bool) { c.Chosen = b; s.save() }
		slot := &widget.Select{Options: slots}
		for j, d := range slotDay {
			if d == c.Slot {
				slot.Selected = slots[j]
			}
		}
		slot.OnChanged = func(string) { c.Slot = slotDay[slot.SelectedIndex()]; s.save() }
		what := a.Text
		if a.ContextNote != "" {
			what += " " + lang.L("In your context:") + " " + a.ContextNote
		}
		s.actions.Add(container.NewBorder(nil, nil, keep, slot))
		s.actions.Add(&widget.Label{Text: what, Wrapping: fyne.TextWrapWord})
		s.actions.Add(&widget.Label{Text: lang.L("Done when:") + " " + a.Proof, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}})
	}
}

func kindLabel(kind string) string {
	switch kind {
	case "learn":
		return lang.L("Learn")
	case "practise":
		return lang.L("Practise")
	}
	return lang.L("Show evidence")
}

func (s *planScreen) onTrack(string) {
	i := s.track.SelectedIndex()
	if i < 0 || questions.TrackIDs[i] == s.plan.Track {
		return
	}
	if err := s.build(questions.TrackIDs[i], nil); err != nil {
		s.app.showError(lang.L("Could not build the plan."), err)
		return
	}
	s.choice.Notes = s.notes.Text
	s.fill()
	s.save()
}

func (s *planScreen) onNotes(string) {
	s.choice.Notes = s.notes.Text
	if s.notesTimer != nil {
		s.notesTimer.Stop()
	}
	// Save when typing pauses; leaving the screen saves at once.
	s.notesTimer = time.AfterFunc(600*time.Millisecond, func() { fyne.Do(s.save) })
}

// save stores the plan choices; a failure is shown and nothing typed is
// lost from the screen.
func (s *planScreen) save() {
	if err := s.app.store.SavePlan(s.attempt, s.choice, s.app.engine); err != nil {
		s.saved.SetText("")
		s.app.showError(lang.L("Your plan could not be saved; what you typed is still on the screen."), err)
		return
	}
	s.saved.SetText(lang.L("Saved {{.Time}}", map[string]any{"Time": time.Now().Format("15:04:05")}))
}

// arranged is the plan as the person arranged it, for the PDF.
func (s *planScreen) arranged() *assessment.Plan {
	return store.ApplyChoice(s.plan, &s.choice)
}

func (s *planScreen) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && !s.app.closeNotice() {
		s.app.showResults(s.attempt)
	}
}

func (s *planScreen) typedRune(rune) {}

func (s *planScreen) leave() {
	if s.notesTimer != nil && s.notesTimer.Stop() {
		s.save()
	}
	s.app.win.Canvas().RemoveShortcut(saveShortcut)
}
