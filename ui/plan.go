package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/questions"
)

// planScreen lets the person pick a target hat, see the ranked gaps, keep
// the actions they want in the slot they want, and write notes. Every change
// is saved as it is made.
type planScreen struct {
	app     *App
	attempt int64
	answers *assessment.Answers
	result  *assessment.Result
	// plan lists every action the target hat calls for; choice is what
	// the person made of them, for that hat (assessment.PersonalPlan).
	plan   *assessment.Plan
	choice assessment.PlanChoice

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
	s := &planScreen{app: app, attempt: attempt}
	if err := s.load(track); err != nil {
		return nil, err
	}
	return s, nil
}

// load shows the plan for track (the saved target, else the best fit, when
// ""), with the person's choices for that hat: the same plan the command
// line and the workshop print (store.PlanFor).
func (s *planScreen) load(track string) error {
	ap, err := s.app.store.PlanFor(s.attempt, s.app.engine, track)
	if errors.Is(err, assessment.ErrNoTrack) {
		// Nothing to go on: the first hat, which the person can change.
		ap, err = s.app.store.PlanFor(s.attempt, s.app.engine, questions.TrackSocialMediaManager)
	}
	if err != nil {
		return err
	}
	s.answers, s.result = ap.Answers, ap.Result
	s.plan, s.choice = ap.Personal.Full, ap.Personal.Choice
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
	keys := &widget.Label{Text: lang.L("Ctrl+S saves the PDF"), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	footer := container.NewBorder(nil, nil, container.NewHBox(back, home), container.NewHBox(exportResults, exportPDF), keys)
	if s.app.kiosk != nil {
		// On the shared computer the trainer prints the plans; no file
		// dialog opens onto the folders of the people before.
		exportPDF.Hide()
		exportResults.Hide()
		keys.Hide()
	}
	return container.NewBorder(container.NewPadded(head), container.NewPadded(footer), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

func (s *planScreen) shortcuts() []shortcut {
	return []shortcut{{key: saveShortcut, run: s.onExportPDF, private: true}}
}

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

// onTrack switches the target hat: what was arranged for the old hat is
// kept, and the new hat's plan comes back as the person left it.
func (s *planScreen) onTrack(string) {
	i := s.track.SelectedIndex()
	if i < 0 || questions.TrackIDs[i] == s.plan.Track {
		return
	}
	s.flushNotes()
	track := questions.TrackIDs[i]
	if err := s.load(track); err != nil {
		s.app.showError(lang.L("Could not build the plan."), err)
		return
	}
	if err := s.app.store.SetTarget(s.attempt, track); err != nil {
		s.app.showError(lang.L("Your plan could not be saved; what you typed is still on the screen."), err)
	}
	s.notes.OnChanged = nil
	s.notes.SetText(s.choice.Notes)
	s.notes.OnChanged = s.onNotes
	s.fill()
}

// flushNotes saves notes still waiting for a pause in the typing.
func (s *planScreen) flushNotes() {
	if s.notesTimer != nil && s.notesTimer.Stop() {
		s.save()
	}
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

// arranged is the plan as the person arranged it, with their notes, for
// the PDF.
func (s *planScreen) arranged() *assessment.Plan {
	return assessment.PersonalPlan{Full: s.plan, Choice: s.choice}.Arranged()
}

func (s *planScreen) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && !s.app.closeNotice() {
		s.app.showResults(s.attempt)
	}
}

func (s *planScreen) typedRune(rune) {}

func (s *planScreen) leave() {
	s.flushNotes()
}
