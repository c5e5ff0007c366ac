package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/questions"
)

// secondsPerItem is the pace the time estimate assumes: most items are one
// click, scenarios take longer to read.
const secondsPerItem = 13

// questionnaireScreen shows one question per page, in the bank's order,
// section by section: skills, work style, preferences, scenarios, then the
// optional current-work audit. Every answer is saved before the page moves.
type questionnaireScreen struct {
	app     *App
	attempt int64

	// sit is the attempt in progress: the pages, what each item holds
	// (answered, skipped, unseen) and the page shown.
	sit *assessment.Sitting
	// reviewing: the review of unanswered questions is shown.
	reviewing     bool
	reviewButtons []*widget.Button
	questionMap   *escList

	// frame
	section  *widget.Label
	counter  *widget.Label
	progress *widget.ProgressBar
	body     *fyne.Container
	back     *widget.Button
	skip     *widget.Button
	next     *widget.Button
	hint     *widget.Label

	// page
	pad      *choicePad
	evidence *widget.Entry
	hours    *widget.Entry
	message  *widget.Label
	why      *widget.Label
}

func (u *App) showQuestionnaire(attempt int64) {
	s, err := newQuestionnaireScreen(u, attempt)
	if err != nil {
		u.showError(lang.L("Could not open the assessment."), err)
		return
	}
	u.show(s)
	s.showPage()
}

func newQuestionnaireScreen(app *App, attempt int64) (*questionnaireScreen, error) {
	loaded, _, err := app.store.Answers(attempt, app.engine.Bank)
	if err != nil {
		return nil, err
	}
	return &questionnaireScreen{app: app, attempt: attempt, sit: assessment.NewSitting(app.engine.Bank, loaded)}, nil
}

func (s *questionnaireScreen) content() fyne.CanvasObject {
	s.section = &widget.Label{TextStyle: fyne.TextStyle{Bold: true}, Truncation: fyne.TextTruncateEllipsis}
	s.counter = &widget.Label{Alignment: fyne.TextAlignTrailing}
	s.progress = &widget.ProgressBar{Min: 0, Max: 1, TextFormatter: func() string { return "" }}
	exit := &widget.Button{Text: lang.L("Save and exit"), Icon: theme.HomeIcon(), Importance: widget.LowImportance, OnTapped: s.onExit}
	s.back = &widget.Button{Text: lang.L("Back"), Icon: theme.NavigateBackIcon(), OnTapped: s.onBack}
	s.skip = &widget.Button{Text: lang.L("Skip"), Importance: widget.LowImportance, OnTapped: s.onSkip}
	s.next = &widget.Button{Text: lang.L("Next"), Icon: theme.NavigateNextIcon(), IconPlacement: widget.ButtonIconTrailingText, Importance: widget.HighImportance, OnTapped: s.onNext}
	s.hint = &widget.Label{Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	all := &widget.Button{Text: lang.L("All questions"), Icon: theme.ListIcon(), Importance: widget.LowImportance, OnTapped: s.showMap}
	s.body = container.NewStack()
	top := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(s.counter, all, exit), s.section), s.progress)
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, s.back, container.NewHBox(s.skip, s.next), s.hint))
	return container.NewBorder(container.NewPadded(top), container.NewPadded(bottom), nil, nil, container.NewPadded(s.body))
}

func (s *questionnaireScreen) total() int { return s.sit.Total() }

// item is the item on the current page, or nil on the audit offer.
func (s *questionnaireScreen) item() *questions.Item { return s.sit.Item() }

// number is the 1-based question number shown.
func (s *questionnaireScreen) number() int { return s.sit.Number() }

func (s *questionnaireScreen) sectionTitle(id string) string {
	for i, sec := range s.app.engine.Bank.Sections {
		if sec.ID == id {
			return lang.L("Part {{.N}} of {{.Of}}: {{.Title}}", map[string]any{"N": i + 1, "Of": len(s.app.engine.Bank.Sections), "Title": text(sec.Title)})
		}
	}
	return ""
}

// setCounter shows where the person is and the time left; in the next
// participant mode it starts with their participant code, which they need
// to continue later.
func (s *questionnaireScreen) setCounter(left int) {
	text := lang.L("{{.N}} of {{.Total}} · about {{.Minutes}} min left", map[string]any{
		"N": s.number(), "Total": s.total(), "Minutes": max(1, int(math.Ceil(float64(left*secondsPerItem)/60)))})
	if left <= 1 {
		text = lang.L("{{.N}} of {{.Total}} · the last question", map[string]any{"N": s.number(), "Total": s.total()})
	}
	if code := s.app.kioskCode; code != "" {
		text = lang.L("Your code: {{.Code}}", map[string]any{"Code": code}) + " · " + text
	}
	s.counter.SetText(text)
}

// showPage builds the current page and updates the frame.
func (s *questionnaireScreen) showPage() {
	s.pad, s.evidence, s.hours, s.message = nil, nil, nil, nil
	if s.sit.Pos >= len(s.sit.Core)+1+len(s.sit.Audit) { // past the end (an old resume)
		s.sit.Pos = len(s.sit.Core)
	}
	s.hint.SetText(lang.L("Keys: 1-5 or A-D answer · Enter or → next · ← back · S skip · M all questions · ? why we ask"))
	done := s.sit.Done()
	left := s.total() - done
	s.setCounter(left)
	s.progress.SetValue(float64(done) / float64(s.total()))
	switch {
	case s.item() == nil:
		s.next.SetText(lang.L("Continue"))
	case s.sit.IsLast():
		s.next.SetText(lang.L("Finish"))
	default:
		s.next.SetText(lang.L("Next"))
	}
	s.back.Disable()
	if s.sit.Pos > 0 {
		s.back.Enable()
	}
	it := s.item()
	if it == nil {
		s.section.SetText(s.sectionTitle("current-work"))
		s.body.Objects = []fyne.CanvasObject{s.auditOffer()}
		s.skip.Hide()
	} else {
		s.section.SetText(s.sectionTitle(it.Section))
		s.body.Objects = []fyne.CanvasObject{s.itemPage(it)}
		s.skip.Show()
	}
	s.body.Refresh()
	s.focusPage()
}

func (s *questionnaireScreen) focusPage() {
	c := s.app.win.Canvas()
	switch {
	case s.hours != nil && s.hours.Text == "":
		c.Focus(s.hours)
	case s.pad != nil:
		c.Focus(s.pad)
	default:
		c.Unfocus()
	}
}

func (s *questionnaireScreen) scaleTexts(scale string) ([]string, []string) {
	sc := s.app.engine.Bank.Scales[scale]
	var keys, texts []string
	for v := sc.Min; v <= sc.Max; v++ {
		keys = append(keys, strconv.Itoa(v))
		texts = append(texts, sc.Label(v, language()))
	}
	return keys, texts
}

func (s *questionnaireScreen) itemPage(it *questions.Item) fyne.CanvasObject {
	prev, _ := s.sit.Answer(it.ID)
	objs := []fyne.CanvasObject{}
	if sec := s.sectionIntro(it); sec != "" {
		objs = append(objs, &widget.Label{Text: sec, Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}})
	}
	question := &widget.Label{Text: text(it.Text), Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
	objs = append(objs, question)
	selected := -1
	switch it.Kind {
	case questions.KindSkillRating, questions.KindWorkStyle:
		keys, texts := s.scaleTexts(it.Scale)
		if prev != nil {
			selected = prev.Value - s.app.engine.Bank.Scales[it.Scale].Min
		}
		s.pad = newChoicePad(keys, texts, selected)
		s.pad.OnSelected = func(i int) { s.saveScale(it, i) }
		objs = append(objs, s.pad)
		if it.Evidence {
			s.evidence = &widget.Entry{PlaceHolder: lang.L("Optional: a link or an example that shows it")}
			if prev != nil {
				s.evidence.Text = prev.Evidence
			}
			s.evidence.OnSubmitted = func(string) { s.onNext() }
			objs = append(objs, s.evidence)
		}
	case questions.KindForcedChoice, questions.KindScenario:
		var keys, texts []string
		for i, o := range it.Options {
			keys = append(keys, string(rune('A'+i)))
			texts = append(texts, text(o.Text))
			if prev != nil && prev.Option == o.ID {
				selected = i
			}
		}
		if it.Kind == questions.KindScenario {
			objs[len(objs)-1] = &widget.Label{Text: text(it.Label), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
			objs = append(objs, &widget.Label{Text: text(it.Text), Wrapping: fyne.TextWrapWord},
				&widget.Label{Text: lang.L("What would you do first?"), TextStyle: fyne.TextStyle{Italic: true}})
		}
		s.pad = newChoicePad(keys, texts, selected)
		s.pad.OnSelected = func(i int) { s.save(it, &assessment.Answer{Option: it.Options[i].ID}) }
		objs = append(objs, s.pad)
	case questions.KindAuditTask:
		objs[len(objs)-1] = &widget.Label{Text: text(it.Label), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText}
		objs = append(objs, &widget.Label{Text: text(it.Text), Wrapping: fyne.TextWrapWord})
		b := s.app.engine.Bank.Audit
		s.hours = &widget.Entry{PlaceHolder: lang.L("Hours in a usual week, {{.Min}} to {{.Max}}", map[string]any{"Min": b.Hours.Min, "Max": b.Hours.Max})}
		if prev != nil {
			s.hours.Text = strconv.FormatFloat(prev.Hours, 'f', -1, 64)
		}
		s.hours.OnSubmitted = func(string) { s.app.win.Canvas().Focus(s.pad) }
		var keys, texts []string
		for i, e := range b.Energy {
			keys = append(keys, strconv.Itoa(i+1))
			texts = append(texts, text(e.Text))
			if prev != nil && prev.Energy == e.ID {
				selected = i
			}
		}
		s.pad = newChoicePad(keys, texts, selected)
		s.pad.OnSelected = func(int) { s.message.SetText("") }
		objs = append(objs, container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Hours a week")}, nil, s.hours),
			&widget.Label{Text: lang.L("How does it feel?")}, s.pad)
	}
	if s.pad != nil {
		s.pad.OnKey = s.typedKey
		s.pad.OnRune = s.typedRune
	}
	s.message = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.why = &widget.Label{Text: s.whyWeAsk(it), Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Italic: true}}
	s.why.Hide()
	whyButton := &widget.Button{Text: lang.L("Why we ask"), Icon: theme.QuestionIcon(), Importance: widget.LowImportance, OnTapped: s.toggleWhy}
	objs = append(objs, s.message, container.NewHBox(whyButton), s.why)
	return container.NewVScroll(container.NewVBox(objs...))
}

// sectionIntro shows a section's instructions on its first page.
func (s *questionnaireScreen) sectionIntro(it *questions.Item) string {
	items := s.app.engine.Bank.ItemsIn(it.Section)
	if len(items) == 0 || items[0].ID != it.ID {
		return ""
	}
	for _, sec := range s.app.engine.Bank.Sections {
		if sec.ID == it.Section {
			return text(sec.Intro)
		}
	}
	return ""
}

func (s *questionnaireScreen) auditOffer() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Do you already do social media or community work?"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText, Wrapping: fyne.TextWrapWord}
	body := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("If you do, {{.N}} short questions (about {{.Minutes}} minutes) show where your hours and energy go, which hat to keep, and what to hand over, automate or drop. If not, go straight to your results.",
		map[string]any{"N": len(s.sit.Audit), "Minutes": int(math.Ceil(float64(len(s.sit.Audit)*secondsPerItem) / 60))})}
	s.pad = newChoicePad([]string{"A", "B"}, []string{lang.L("Yes: add the current-work questions"), lang.L("No: show my results")}, -1)
	if s.sit.WithAudit {
		s.pad.selected = 0
	}
	s.pad.OnSelected = func(i int) {
		s.sit.WithAudit = i == 0
		s.showPageKeepingSelection()
	}
	s.pad.OnKey = s.typedKey
	s.pad.OnRune = s.typedRune
	s.message = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	return container.NewVBox(title, body, s.pad, s.message)
}

// showPageKeepingSelection refreshes the frame (the total changes when the
// audit is accepted) without rebuilding the page.
func (s *questionnaireScreen) showPageKeepingSelection() {
	s.setCounter(s.total() - len(s.sit.Core))
	s.progress.SetValue(float64(len(s.sit.Core)) / float64(s.total()))
}

func (s *questionnaireScreen) whyWeAsk(it *questions.Item) string {
	b := s.app.engine.Bank
	var parts []string
	switch it.Kind {
	case questions.KindSkillRating:
		c, _ := b.Competency(it.Measures.Competencies[0])
		var tracks []string
		for _, p := range s.app.engine.Model.Profiles {
			for _, pc := range p.Competencies {
				if pc.ID == c.ID {
					tracks = append(tracks, trackName(p.Track))
				}
			}
		}
		parts = append(parts, lang.L("This rates your skill in “{{.Skill}}”. It counts toward your readiness for: {{.Tracks}}.", map[string]any{"Skill": text(c.Name), "Tracks": strings.Join(tracks, ", ")}))
	case questions.KindWorkStyle:
		var traits, tracks []string
		for _, id := range it.Measures.Traits {
			t, _ := b.Trait(id)
			traits = append(traits, text(t.Name))
		}
		for _, id := range questions.TrackIDs {
			if _, ok := it.Measures.Tracks[id]; ok {
				tracks = append(tracks, trackName(id))
			}
		}
		msg := lang.L("This looks at {{.Traits}}.", map[string]any{"Traits": strings.Join(traits, ", ")})
		if len(tracks) > 0 {
			msg += " " + lang.L("It counts toward your affinity for: {{.Tracks}}.", map[string]any{"Tracks": strings.Join(tracks, ", ")})
		} else {
			msg += " " + lang.L("All three hats need it, so it counts toward none of them.")
		}
		if it.Measures.Pair != "" {
			msg += " " + lang.L("Another statement says the opposite; answering both the same way is flagged.")
		}
		parts = append(parts, msg)
	case questions.KindForcedChoice, questions.KindScenario:
		parts = append(parts, lang.L("Each answer leans toward one of the three hats; none is wrong. Your choices make up part of your affinity."))
	case questions.KindAuditTask:
		parts = append(parts, lang.L("This feeds the hat audit: where your hours and energy go, hat by hat."))
	}
	if doc, ok := b.Document(it.Source.File); ok {
		parts = append(parts, lang.L("Based on “{{.Title}}” ({{.Section}}).", map[string]any{"Title": doc.Title, "Section": it.Source.Section}))
	}
	return strings.Join(parts, " ")
}

func (s *questionnaireScreen) toggleWhy() {
	if s.why == nil {
		return
	}
	if s.why.Visible() {
		s.why.Hide()
	} else {
		s.why.Show()
	}
	// Redraw at once (without it the text waited for the mouse to move).
	s.body.Refresh()
}

func (s *questionnaireScreen) saveScale(it *questions.Item, i int) {
	a := &assessment.Answer{Value: s.app.engine.Bank.Scales[it.Scale].Min + i}
	if s.evidence != nil {
		a.Evidence = strings.TrimSpace(s.evidence.Text)
	}
	s.save(it, a)
}

// save stores an answer (nil: skipped) at once; on failure the person sees
// why and stays on the page.
func (s *questionnaireScreen) save(it *questions.Item, a *assessment.Answer) bool {
	if err := s.app.store.SaveAnswer(s.attempt, it.ID, a); err != nil {
		s.app.showError(lang.L("Your answer could not be saved, so the page stays here."), err)
		return false
	}
	s.sit.Record(it.ID, a)
	if s.message != nil {
		s.message.SetText("")
	}
	return true
}

// commit saves what the page holds before leaving it forward: the answer
// with its evidence, an audit answer, or a skip when nothing was given.
func (s *questionnaireScreen) commit() bool {
	it := s.item()
	if it == nil {
		return true
	}
	switch it.Kind {
	case questions.KindAuditTask:
		return s.commitAudit(it)
	case questions.KindSkillRating:
		if prev, _ := s.sit.Answer(it.ID); prev != nil && s.evidence != nil && strings.TrimSpace(s.evidence.Text) != prev.Evidence {
			a := *prev
			a.Evidence = strings.TrimSpace(s.evidence.Text)
			if len([]rune(a.Evidence)) > 2000 {
				s.message.SetText(lang.L("The note is too long: up to 2,000 characters."))
				return false
			}
			return s.save(it, &a)
		}
	}
	if _, seen := s.sit.Answer(it.ID); !seen {
		// Moving on is never a silent skip.
		s.message.SetText(lang.L("Choose an answer, or press S to skip this question."))
		return false
	}
	return true
}

func (s *questionnaireScreen) commitAudit(it *questions.Item) bool {
	b := s.app.engine.Bank.Audit
	raw := strings.TrimSpace(strings.ReplaceAll(s.hours.Text, ",", "."))
	energy := s.pad.Selected()
	if raw == "" && energy < 0 {
		if _, seen := s.sit.Answer(it.ID); !seen {
			s.message.SetText(lang.L("Give the hours and how it feels, or press Alt+S to skip this task."))
			s.app.win.Canvas().Focus(s.hours)
			return false
		}
		return true
	}
	h, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(h) || h < b.Hours.Min || h > b.Hours.Max {
		s.message.SetText(lang.L("Give the hours as a number from {{.Min}} to {{.Max}}, or press Alt+S to skip this task.", map[string]any{"Min": b.Hours.Min, "Max": b.Hours.Max}))
		s.app.win.Canvas().Focus(s.hours)
		return false
	}
	if energy < 0 {
		s.message.SetText(lang.L("Choose how it feels (1-3), or press Alt+S to skip this task."))
		s.app.win.Canvas().Focus(s.pad)
		return false
	}
	a := &assessment.Answer{Hours: h, Energy: b.Energy[energy].ID}
	if prev, _ := s.sit.Answer(it.ID); prev != nil && *prev == *a {
		return true
	}
	return s.save(it, a)
}

func (s *questionnaireScreen) onNext() {
	if s.reviewing {
		s.finish()
		return
	}
	if s.item() == nil { // the audit offer
		if s.pad.Selected() < 0 {
			s.message.SetText(lang.L("Choose A to add the questions about your current work, or B to see your results."))
			return
		}
	} else if !s.commit() {
		return
	}
	if s.sit.Forward() {
		s.finishOrReview()
		return
	}
	s.showPage()
}

// finishOrReview finishes, unless questions were skipped or left: then a
// review lists them first, with "Answer now" and "Finish anyway".
func (s *questionnaireScreen) finishOrReview() {
	if len(s.sit.NotAnswered()) == 0 {
		s.finish()
		return
	}
	s.showReview()
}

// showReview is the step before the results: what was skipped or not yet
// answered, to answer now or leave.
func (s *questionnaireScreen) showReview() {
	s.reviewing = true
	s.pad, s.evidence, s.hours = nil, nil, nil
	missing := s.sit.NotAnswered()
	s.section.SetText(lang.L("Before your results"))
	s.counter.SetText(lang.L("Review"))
	s.progress.SetValue(1)
	s.skip.Hide()
	s.back.Enable()
	s.next.SetText(lang.L("Finish anyway"))
	s.hint.SetText(lang.L("Keys: Tab then Space answers a question · Enter finish anyway · ← back"))
	list := container.NewVBox(&widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.N("You did not answer {{.N}} questions. Your results use only what you answered; you can answer them now, or finish anyway.", len(missing), map[string]any{"N": len(missing)})})
	s.reviewButtons = nil
	for _, it := range missing {
		it := it
		state := lang.L("skipped")
		if s.sit.State(it.ID) == assessment.StateUnseen {
			state = lang.L("not answered")
		}
		answer := &widget.Button{Text: lang.L("Answer now"), OnTapped: func() { s.jump(s.sit.PageOf(it.ID)) }}
		s.reviewButtons = append(s.reviewButtons, answer)
		list.Add(container.NewBorder(nil, nil, nil, answer, &widget.Label{Wrapping: fyne.TextWrapWord,
			Text: lang.L("{{.N}}. {{.Question}} ({{.State}})", map[string]any{"N": s.sit.PageOf(it.ID) + 1 - s.auditOffset(it), "Question": s.shortLabel(it), "State": state})}))
	}
	s.message = &widget.Label{Importance: widget.DangerImportance, Wrapping: fyne.TextWrapWord}
	s.body.Objects = []fyne.CanvasObject{container.NewVScroll(readable(container.NewVBox(list, s.message)))}
	s.body.Refresh()
	s.app.win.Canvas().Unfocus()
}

// auditOffset is 1 for an audit item (whose page follows the offer), so
// that numbers count questions, not pages.
func (s *questionnaireScreen) auditOffset(it *questions.Item) int {
	if it.Core() {
		return 0
	}
	return 1
}

// shortLabel names a question in a list: its label, or its text.
func (s *questionnaireScreen) shortLabel(it *questions.Item) string {
	if l := text(it.Label); l != "" {
		return l
	}
	return text(it.Text)
}

// jump shows the page of any question.
func (s *questionnaireScreen) jump(page int) {
	if page < 0 {
		return
	}
	s.reviewing = false
	s.sit.Pos = page
	s.showPage()
}

// showMap lists every question with what it holds (answered, skipped, not
// yet seen); choosing one goes to it.
func (s *questionnaireScreen) showMap() {
	pages := s.sit.Pages()
	here := ""
	if it := s.item(); it != nil {
		here = it.ID
	}
	var d dialog.Dialog
	list := &escList{List: widget.List{
		Length:     func() int { return len(pages) },
		CreateItem: func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) {
			it := pages[i]
			state := lang.L("answered")
			switch s.sit.State(it.ID) {
			case assessment.StateSkipped:
				state = lang.L("skipped")
			case assessment.StateUnseen:
				state = lang.L("not yet seen")
			}
			mark := "✓"
			if state != lang.L("answered") {
				mark = "○"
			}
			if it.ID == here {
				mark, state = "▸", state+" · "+lang.L("you are here")
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s %d. %s · %s", mark, i+1, s.shortLabel(it), state))
		},
		OnSelected: func(i widget.ListItemID) {
			d.Hide()
			s.jump(s.sit.PageOf(pages[i].ID))
		},
	}, OnEscape: func() { d.Hide() }}
	list.ExtendBaseWidget(list)
	d = dialog.NewCustom(lang.L("All questions"), lang.L("Close"), list, s.app.win)
	s.app.fitDialog(d, 720, 560)
	d.Show()
	if item := s.item(); item != nil {
		for i, it := range pages {
			if it.ID == item.ID {
				list.ScrollTo(i)
			}
		}
	}
	s.app.win.Canvas().Focus(list)
	s.questionMap = list
}

func (s *questionnaireScreen) onBack() {
	if s.reviewing {
		s.reviewing = false
		s.showPage()
		return
	}
	if s.sit.Pos == 0 {
		return
	}
	// Going back keeps what was typed on this page.
	if it := s.item(); it != nil && it.Kind == questions.KindSkillRating {
		s.commit()
	}
	s.sit.Back()
	s.showPage()
}

func (s *questionnaireScreen) onSkip() {
	if it := s.item(); it != nil {
		if !s.save(it, nil) {
			return
		}
		if s.sit.Forward() {
			s.finishOrReview()
			return
		}
		s.showPage()
	}
}

func (s *questionnaireScreen) onExit() {
	if it := s.item(); it != nil && it.Kind == questions.KindSkillRating {
		s.commit()
	}
	s.app.showHome()
}

func (s *questionnaireScreen) finish() {
	if err := s.app.store.FinishAttempt(s.attempt); err != nil {
		s.app.showError(lang.L("Could not finish the assessment."), err)
		return
	}
	s.app.showResults(s.attempt)
}

func (s *questionnaireScreen) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyRight:
		s.onNext()
	case fyne.KeyLeft, fyne.KeyBackspace:
		s.onBack()
	case fyne.KeyEscape:
		s.focusPage()
	case fyne.KeyF1:
		s.toggleWhy()
	}
}

func (s *questionnaireScreen) typedRune(r rune) {
	switch r {
	case '?':
		s.toggleWhy()
		return
	case 's', 'S':
		if s.item() != nil && !s.reviewing {
			s.onSkip()
		}
		return
	case 'm', 'M':
		s.showMap()
		return
	}
	if s.pad != nil {
		if i := s.pad.keyIndex(r); i >= 0 {
			s.pad.Select(i)
		}
	}
}

func (s *questionnaireScreen) leave() {}

// skipShortcut skips even while the cursor is in a text field (the hours
// of an audit task), where S would be typed.
var skipShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierAlt}

func (s *questionnaireScreen) shortcuts() []shortcut {
	return []shortcut{{key: skipShortcut, run: func() {
		if s.item() != nil && !s.reviewing {
			s.onSkip()
		}
	}}}
}
