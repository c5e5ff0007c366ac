package ui

import (
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
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

	track *widget.Select
	gaps  *fyne.Container
	// gapsTitle heads the list: what to work on, or strengths only.
	gapsTitle *widget.Label
	board     *fyne.Container
	notNow    *fyne.Container
	cards     []*planCard
	notes     *widget.Entry
	saved     *widget.Label

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
	s.board = container.New(&boardLayout{})
	s.notNow = container.NewVBox()
	s.gaps = container.NewVBox()
	s.gapsTitle = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}}
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
		container.NewHBox(&widget.Label{Text: lang.L("Target hat")}, container.NewGridWrap(fyne.NewSize(360, s.track.MinSize().Height), s.track)),
		&widget.Label{Text: lang.L(assessment.Disclaimer), Importance: widget.WarningImportance})
	body := container.NewVBox(
		container.NewVBox(s.gapsTitle, s.gaps),
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("Your 30/60/90 days: each card is one thing to do. Move a card to another month with its arrows, or set it aside with \"Not now\"; every change is saved."), Wrapping: fyne.TextWrapWord},
		s.board,
		s.notNow,
		widget.NewSeparator(),
		container.NewVBox(&widget.Label{Text: lang.L("Notes"), TextStyle: fyne.TextStyle{Bold: true}}, s.notes, s.saved))
	keys := &widget.Label{Text: lang.L("Ctrl+S saves the PDF"), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	footer := container.NewBorder(nil, nil, container.NewHBox(back, home), container.NewHBox(exportResults, exportPDF), keys)
	if s.app.kiosk != nil {
		// On the shared computer the trainer prints the plans; no file
		// dialog opens onto the folders of the people before.
		exportPDF.Hide()
		exportResults.Hide()
		keys.Hide()
	}
	return container.NewBorder(container.NewPadded(head), container.NewPadded(footer), nil, nil, container.NewVScroll(container.NewPadded(wide(body))))
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

// fill shows what to work on first and the board of the current plan.
func (s *planScreen) fill() {
	s.gaps.RemoveAll()
	sc := s.app.engine.Bank.Scales[questions.SkillScale]
	said := func(level assessment.Score) string {
		v, _ := sc.PointAt(float64(level))
		return sc.SaidAs(v, language())
	}
	s.gapsTitle.SetText(lang.L("Your strengths to take further"))
	for _, g := range s.plan.Gaps {
		if g.Kind == "gap" {
			s.gapsTitle.SetText(lang.L("What to work on first"))
		}
	}
	for i, g := range s.plan.Gaps {
		var line string
		switch {
		case g.Kind != "gap":
			line = lang.L("{{.N}}. {{.Skill}}: {{.Level}}, enough for this hat; a strength to take further.", map[string]any{"N": i + 1, "Skill": g.Name, "Level": said(g.Level)})
		case i == 0:
			line = lang.L("{{.N}}. {{.Skill}}: {{.Level}}, and this hat needs more; the biggest gap for this hat.", map[string]any{"N": i + 1, "Skill": g.Name, "Level": said(g.Level)})
		default:
			line = lang.L("{{.N}}. {{.Skill}}: {{.Level}}, and this hat needs more.", map[string]any{"N": i + 1, "Skill": g.Name, "Level": said(g.Level)})
		}
		s.gaps.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: line})
	}
	if len(s.plan.Unrated) > 0 {
		s.gaps.Add(&widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}, Text: lang.L("Not rated, so not planned: {{.Skills}}.", map[string]any{"Skills": strings.Join(s.plan.Unrated, "; ")})})
	}
	s.fillBoard()
}

// boardSlots are the plan's three months.
var boardSlots = []int{30, 60, 90}

// fillBoard lays the chosen actions out as cards in their month, and the
// ones set aside in a "Not now" list, from s.choice.
func (s *planScreen) fillBoard() {
	byKey := map[string]assessment.PlanAction{}
	for _, ph := range s.plan.Phases {
		for _, a := range ph.Actions {
			byKey[a.Competency+"/"+a.Kind] = a
		}
	}
	s.board.RemoveAll()
	s.cards = nil
	for _, day := range boardSlots {
		col := container.NewVBox(&widget.Label{Text: s.app.engine.SlotTitle(day), TextStyle: fyne.TextStyle{Bold: true}})
		n := 0
		for i := range s.choice.Actions {
			c := &s.choice.Actions[i]
			if !c.Chosen || c.Slot != day {
				continue
			}
			col.Add(s.card(c, byKey[c.Competency+"/"+c.Kind]))
			n++
		}
		if n == 0 {
			col.Add(&widget.Label{Text: lang.L("Nothing here yet: move a card to these days with its arrows."), Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord})
		}
		s.board.Add(col)
	}
	s.board.Refresh()
	s.notNow.RemoveAll()
	var aside []fyne.CanvasObject
	for i := range s.choice.Actions {
		c := &s.choice.Actions[i]
		if c.Chosen {
			continue
		}
		a := byKey[c.Competency+"/"+c.Kind]
		back := &widget.Button{Text: lang.L("Put back"), Icon: theme.ContentUndoIcon(), OnTapped: func() { c.Chosen = true; s.changed() }}
		aside = append(aside, container.NewBorder(nil, nil, nil, back,
			&widget.Label{Text: s.app.engine.Heading(a), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}))
	}
	if len(aside) > 0 {
		s.notNow.Add(&widget.Label{Text: lang.L("Not now (left out of the plan and its PDF)"), TextStyle: fyne.TextStyle{Bold: true}})
		for _, o := range aside {
			s.notNow.Add(o)
		}
	}
	if len(s.choice.Actions) == 0 {
		s.notNow.Add(&widget.Label{Text: lang.L("Every skill you rated for this hat is at the top of the scale: nothing to close. Try another hat, or read the advice in the PDF."), Wrapping: fyne.TextWrapWord})
	}
	s.notNow.Refresh()
}

// card is one action on the board: what to do, when it is done, and the
// buttons that move it to another month or set it aside.
func (s *planScreen) card(c *assessment.ActionChoice, a assessment.PlanAction) fyne.CanvasObject {
	move := func(by int) func() {
		return func() {
			for i, d := range boardSlots {
				if d == c.Slot && i+by >= 0 && i+by < len(boardSlots) {
					c.Slot = boardSlots[i+by]
					s.changed()
					return
				}
			}
		}
	}
	earlier := &widget.Button{Icon: theme.NavigateBackIcon(), Importance: widget.LowImportance, OnTapped: move(-1)}
	later := &widget.Button{Icon: theme.NavigateNextIcon(), Importance: widget.LowImportance, OnTapped: move(1)}
	if c.Slot == boardSlots[0] {
		earlier.Disable()
	}
	if c.Slot == boardSlots[len(boardSlots)-1] {
		later.Disable()
	}
	aside := &widget.Button{Text: lang.L("Not now"), Importance: widget.LowImportance, OnTapped: func() { c.Chosen = false; s.changed() }}
	what := a.Text
	if a.ContextNote != "" {
		what += " " + lang.L("In your context:") + " " + a.ContextNote
	}
	body := container.NewVBox(
		&widget.Label{Text: s.app.engine.Heading(a), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: what, Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: lang.L("Done when:") + " " + a.Proof, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}},
		container.NewHBox(earlier, later, layout.NewSpacer(), aside))
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	card := &planCard{choice: c, moveEarlier: earlier, moveLater: later, setAside: aside}
	s.cards = append(s.cards, card)
	return container.NewStack(bg, container.NewPadded(body))
}

// planCard keeps a card's controls, for tests and keyboard use.
type planCard struct {
	choice                           *assessment.ActionChoice
	moveEarlier, moveLater, setAside *widget.Button
}

// changed saves the choices and redraws the board.
func (s *planScreen) changed() {
	s.save()
	s.fillBoard()
}

// boardLayout puts the three months side by side in a wide window and one
// under the other in a narrow one.
type boardLayout struct{ width float32 }

// boardColumnsFrom is the width from which the months stand side by side.
const boardColumnsFrom = 900

func (l *boardLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	l.width = size.Width
	if size.Width < boardColumnsFrom {
		y := float32(0)
		for _, o := range objs {
			h := o.MinSize().Height
			o.Move(fyne.NewPos(0, y))
			o.Resize(fyne.NewSize(size.Width, h))
			y += h + pad
		}
		return
	}
	w := (size.Width - pad*float32(len(objs)-1)) / float32(len(objs))
	for i, o := range objs {
		o.Move(fyne.NewPos(float32(i)*(w+pad), 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l *boardLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	// A column's height depends on its width (its text wraps): the last
	// layout's width says whether the months are side by side.
	var stacked, tallest float32
	for _, o := range objs {
		h := o.MinSize().Height
		stacked += h + theme.Padding()
		tallest = max(tallest, h)
	}
	if l.width >= boardColumnsFrom {
		return fyne.NewSize(200, tallest)
	}
	return fyne.NewSize(200, stacked)
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
