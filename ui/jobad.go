package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/internal/safefile"
	"hatcheck/jobad"
	"hatcheck/store"
)

// maxShownLines bounds the marked-up ad on screen, so that a very long
// paste does not fill the window with thousands of widgets; the command
// line's --json lists every line.
const maxShownLines = 150

// jobAdScreen reads a job ad pasted in or opened from a file: the share of
// each hat, the lines behind the shares, the signals and questions, and,
// when the person has a result, the skills they meet and the gaps with the
// plan steps that close them. The ad can be kept with that result, for its
// plan PDF.
type jobAdScreen struct {
	app *App

	ad      *adEntry
	check   *widget.Button
	open    *widget.Button
	keep    *widget.Button
	against *widget.Select
	status  *widget.Label
	results *fyne.Container
	kept    *fyne.Container

	// attempts are the finished attempts the ad can be held against, in
	// the order of the select; name is the file the ad came from.
	attempts []store.Attempt
	name     string
	result   *jobad.Result
	// done, when set, is told when a check is on the screen, or nil when it
	// failed and the status says why (for tests).
	done chan<- *jobad.Result
}

func newJobAdScreen(app *App) *jobAdScreen { return &jobAdScreen{app: app} }

// adEntry is the paste box: Ctrl+Enter checks the ad even while the box has
// the keyboard (a multi-line entry keeps Enter for new lines).
type adEntry struct {
	widget.Entry
	onCheck func()
}

func newAdEntry(onCheck func()) *adEntry {
	e := &adEntry{onCheck: onCheck}
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	e.PlaceHolder = lang.L("Paste the job ad here: the title, the responsibilities and the requirements.")
	e.ExtendBaseWidget(e)
	e.SetMinRowsVisible(7)
	return e
}

func (e *adEntry) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.KeyName == fyne.KeyReturn && cs.Modifier == fyne.KeyModifierShortcutDefault {
		e.onCheck()
		return
	}
	e.Entry.TypedShortcut(s)
}

func (s *jobAdScreen) content() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Check a job ad"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Find out which hats a posting really asks for before you apply: every line of the ad is matched to the work of a hat, and the shares count those lines. Nothing leaves this computer.")}
	s.ad = newAdEntry(s.onCheck)
	s.check = &widget.Button{Text: lang.L("Check the ad (Ctrl+Enter)"), Icon: theme.SearchIcon(), Importance: widget.HighImportance, OnTapped: s.onCheck}
	s.open = &widget.Button{Text: lang.L("Open a file…"), Icon: theme.FolderOpenIcon(), OnTapped: s.onOpen}
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	s.against = &widget.Select{PlaceHolder: lang.L("No result to compare with"), OnChanged: func(string) { s.onAgainst() }}
	s.keep = &widget.Button{Text: lang.L("Keep with this result"), Icon: theme.DocumentSaveIcon(), OnTapped: s.onKeep}
	s.keep.Disable()
	s.results = container.NewVBox()
	s.kept = container.NewVBox()
	s.loadAttempts()

	compare := container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Compare with")}, s.keep, s.against)
	body := container.NewVBox(intro, s.ad, container.NewHBox(s.check, s.open), compare, s.status, s.kept, widget.NewSeparator(), s.results)
	home := &widget.Button{Text: lang.L("Home"), Icon: theme.HomeIcon(), OnTapped: s.app.showHome}
	keys := &widget.Label{Text: lang.L("Ctrl+Enter checks · Ctrl+O opens a file · Escape home"), Importance: widget.LowImportance, Truncation: fyne.TextTruncateEllipsis}
	footer := container.NewBorder(nil, nil, home, nil, keys)
	return container.NewBorder(container.NewPadded(title), container.NewPadded(footer), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

func (s *jobAdScreen) focusFirst() { s.app.win.Canvas().Focus(s.ad) }

var (
	// checkShortcut is Ctrl+Enter: check the ad.
	checkShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	// openShortcut is Ctrl+O: open a file.
	openShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
)

func (s *jobAdScreen) shortcuts() []shortcut {
	return []shortcut{
		{key: checkShortcut, run: s.onCheck},
		{key: openShortcut, run: s.onOpen, private: true},
	}
}

// loadAttempts fills "Compare with" with the chosen profile's finished
// attempts, the latest first and chosen.
func (s *jobAdScreen) loadAttempts() {
	s.attempts = nil
	if p := s.app.profile; p != nil {
		atts, err := s.app.store.Attempts(p.ID)
		if err != nil {
			s.app.showError(lang.L("Could not read your attempts."), err)
		}
		for i := len(atts) - 1; i >= 0; i-- {
			if atts[i].Finished != nil {
				s.attempts = append(s.attempts, atts[i])
			}
		}
	}
	var options []string
	for _, a := range s.attempts {
		options = append(options, lang.L("{{.Name}}, result of {{.When}}", map[string]any{"Name": s.app.profile.Name, "When": printer().ShortDate(a.Finished.Local())}))
	}
	if len(options) > 0 {
		options = append(options, lang.L("Nobody: the ad alone"))
		s.against.Options = options
		s.against.SetSelectedIndex(0)
	} else {
		s.against.Disable()
	}
}

// attempt is the attempt chosen to compare with, or nil.
func (s *jobAdScreen) attempt() *store.Attempt {
	i := s.against.SelectedIndex()
	if i < 0 || i >= len(s.attempts) {
		return nil
	}
	return &s.attempts[i]
}

func (s *jobAdScreen) onAgainst() {
	s.refreshKept()
	if s.result != nil {
		s.onCheck()
	}
}

func (s *jobAdScreen) onOpen() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.app.showError(lang.L("Could not open the file."), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		data, err := safefile.ReadFile(path, jobad.MaxBytes)
		var text string
		if err == nil {
			text, err = jobad.FromFile(path, data)
		}
		if err != nil {
			s.app.showError(lang.L("This file cannot be read as a job ad."), plainError(err))
			return
		}
		s.name = filepath.Base(path)
		s.ad.SetText(text)
		s.onCheck()
	}, s.app.win)
	d.SetFilter(storage.NewExtensionFileFilter(append([]string{".pdf"}, jobad.Extensions...)))
	s.app.fitDialog(d, 760, 520)
	d.Show()
}

// plainError drops the path a file error starts with; the dialog names the
// file already.
func plainError(err error) error {
	switch {
	case errors.Is(err, jobad.ErrPDF), errors.Is(err, jobad.ErrEmpty), errors.Is(err, jobad.ErrBinary), errors.Is(err, jobad.ErrTooLarge):
		return err
	case errors.Is(err, safefile.ErrTooLarge):
		return jobad.ErrTooLarge
	}
	return err
}

// onCheck reads the ad in the background and shows the result.
func (s *jobAdScreen) onCheck() {
	text := s.ad.Text
	if strings.TrimSpace(text) == "" {
		s.status.SetText(lang.L("Paste a job ad into the box first, or open a file."))
		return
	}
	var person *jobad.Person
	if a := s.attempt(); a != nil {
		ap, err := s.app.store.PlanFor(a.ID, s.app.engine, "")
		if err == nil || errors.Is(err, assessment.ErrNoTrack) {
			if ap != nil {
				person = &jobad.Person{Answers: ap.Answers, Result: ap.Result, Saved: &ap.Personal.Choice}
			}
		}
	}
	s.status.SetText(lang.L("Checking…"))
	s.check.Disable()
	e := s.app.engine
	go func() {
		r, err := analyze(e, text)
		if err == nil && person != nil {
			r.Against, _ = jobad.Compare(e, r, *person)
		}
		fyne.Do(func() {
			s.check.Enable()
			if err != nil {
				s.status.SetText(printer().Error(err))
				s.result = nil
				s.keep.Disable()
				s.results.RemoveAll()
				if s.done != nil {
					s.done <- nil
				}
				return
			}
			s.result = r
			s.status.SetText(lang.L("{{.Counted}} lines counted for a hat, {{.Aside}} set aside (pay, degrees, logistics).", map[string]any{"Counted": r.Counted, "Aside": r.SetAside}))
			if s.attempt() != nil {
				s.keep.Enable()
			}
			s.show(r)
			if s.done != nil {
				s.done <- r
			}
		})
	}()
}

// analyze reads an ad with the window's engine, so that its texts are in
// the window's language.
func analyze(e *assessment.Engine, text string) (*jobad.Result, error) {
	lx, err := jobad.Default()
	if err != nil {
		return nil, err
	}
	return lx.Analyze(e, text)
}

// onKeep keeps the ad with the chosen attempt: its plan PDF then has a
// "Job ad check" page.
func (s *jobAdScreen) onKeep() {
	a := s.attempt()
	if a == nil || s.result == nil {
		return
	}
	name := s.name
	if name == "" {
		name = s.result.Title
	}
	if _, err := s.app.store.SaveJobAd(a.ID, name, s.ad.Text, s.result.LexiconVersion); err != nil {
		s.app.showError(lang.L("The ad could not be kept."), err)
		return
	}
	s.refreshKept()
}

// refreshKept lists the ads kept with the chosen attempt, each with a way
// to delete it.
func (s *jobAdScreen) refreshKept() {
	s.kept.RemoveAll()
	a := s.attempt()
	if a == nil {
		return
	}
	ads, err := s.app.store.JobAds(a.ID)
	if err != nil {
		s.app.showError(lang.L("Could not read the kept ads."), err)
		return
	}
	if len(ads) == 0 {
		return
	}
	s.kept.Add(&widget.Label{Text: lang.L("Kept with this result (in its plan PDF):"), TextStyle: fyne.TextStyle{Bold: true}})
	for _, ad := range ads {
		ad := ad
		label := ad.Name
		if label == "" {
			label = lang.L("Job ad")
		}
		del := &widget.Button{Icon: theme.DeleteIcon(), Importance: widget.LowImportance, OnTapped: func() { s.onDelete(ad) }}
		s.kept.Add(container.NewBorder(nil, nil, nil, del, &widget.Label{Text: label + " · " + printer().ShortDate(ad.Checked.Local()), Truncation: fyne.TextTruncateEllipsis}))
	}
}

func (s *jobAdScreen) onDelete(ad store.JobAd) {
	dialog.ShowConfirm(lang.L("Delete this ad?"), lang.L("The ad is removed from this result and its plan PDF, for good."), func(ok bool) {
		if !ok {
			return
		}
		err := s.app.store.DeleteJobAd(ad.ID)
		if err != nil && !errors.Is(err, store.ErrNotCompacted) {
			s.app.showError(lang.L("Could not delete the ad."), err)
			return
		}
		s.refreshKept()
		s.app.notCompacted(err)
	}, s.app.win)
}

// show fills the results: the shares as one bar, the signals, the ad line
// by line (why the shares are what they are), the comparison and the
// questions.
func (s *jobAdScreen) show(r *jobad.Result) {
	s.results.RemoveAll()
	legend := container.NewVBox()
	for _, h := range r.Hats {
		label := lang.N("{{.Hat}} {{.Share}}% ({{.Lines}} lines)", h.Lines, map[string]any{"Hat": trackName(h.ID), "Share": fmt.Sprintf("%.0f", 100*h.Share), "Lines": h.Lines})
		legend.Add(container.NewHBox(trackSwatch(h.ID), &widget.Label{Text: label}))
	}
	s.results.Add(&widget.Label{Text: lang.L("Share of the ad each hat takes"), TextStyle: fyne.TextStyle{Bold: true}})
	s.results.Add(newShareBar(r.Hats))
	s.results.Add(legend)
	for _, sg := range r.Signals {
		text := "⚠ " + sg.Text
		if sg.Detail != "" {
			text += " " + sg.Detail
		}
		s.results.Add(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	s.results.Add(widget.NewSeparator())
	s.results.Add(&widget.Label{Text: lang.L("The ad, line by line"), TextStyle: fyne.TextStyle{Bold: true}})
	for i, l := range r.Lines {
		if i >= maxShownLines {
			s.results.Add(&widget.Label{Text: lang.L("{{.N}} more lines are not shown; hatcheck jobad FILE --json lists them all.", map[string]any{"N": len(r.Lines) - i}), Importance: widget.LowImportance})
			break
		}
		s.results.Add(s.lineRow(l))
	}
	if a := r.Against; a != nil {
		s.results.Add(widget.NewSeparator())
		s.results.Add(&widget.Label{Text: lang.L("Against your result"), TextStyle: fyne.TextStyle{Bold: true}})
		s.results.Add(&widget.Label{Text: a.Summary, Wrapping: fyne.TextWrapWord})
		for _, g := range a.Gaps {
			s.results.Add(&widget.Label{Text: lang.L("Gap: {{.Skill}}", map[string]any{"Skill": g.Name}), TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord})
			for _, act := range g.Actions {
				where := lang.L("add to your plan")
				if g.InPlan {
					where = lang.L("in your plan")
				}
				s.results.Add(&widget.Label{Text: fmt.Sprintf("   %s (%s): %s", s.app.engine.KindTitle(act.Kind), where, act.Text), Wrapping: fyne.TextWrapWord})
			}
		}
		if len(a.Meets) > 0 {
			var names []string
			for _, m := range a.Meets {
				names = append(names, m.Name)
			}
			s.results.Add(&widget.Label{Text: lang.L("You already meet: {{.Skills}}.", map[string]any{"Skills": strings.Join(names, "; ")}), Wrapping: fyne.TextWrapWord, Importance: widget.SuccessImportance})
		}
	}
	if len(r.Questions) > 0 {
		s.results.Add(widget.NewSeparator())
		s.results.Add(&widget.Label{Text: lang.L("Questions to ask before you accept"), TextStyle: fyne.TextStyle{Bold: true}})
		for _, q := range r.Questions {
			s.results.Add(&widget.Label{Text: "• " + q.Text, Wrapping: fyne.TextWrapWord})
		}
	}
	s.results.Add(&widget.Label{Text: lang.L(assessment.Disclaimer), Importance: widget.LowImportance})
}

// lineRow is one line of the ad: its hat's colour and the skill it names
// for a counted line; set-aside and other lines are greyed.
func (s *jobAdScreen) lineRow(l jobad.LineResult) fyne.CanvasObject {
	switch {
	case l.Hat != nil:
		name := *l.Competency
		if c, ok := s.app.engine.Bank.Competency(*l.Competency); ok {
			name = text(c.Name)
		}
		rt := widget.NewRichText(
			&widget.TextSegment{Text: trackName(*l.Hat) + " · " + name + "  ", Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNameForeground}},
			&widget.TextSegment{Text: l.Text, Style: widget.RichTextStyleInline})
		rt.Wrapping = fyne.TextWrapWord
		return container.NewBorder(nil, nil, trackSwatch(*l.Hat), nil, rt)
	case l.Kind == jobad.KindTitle || l.Kind == jobad.KindHeading:
		return &widget.Label{Text: l.Text, TextStyle: fyne.TextStyle{Bold: true}, Wrapping: fyne.TextWrapWord}
	case l.Aside != "":
		return &widget.Label{Text: lang.L("set aside ({{.Why}}): {{.Line}}", map[string]any{"Why": jobad.AsideName(printer(), l.Aside), "Line": l.Text}), Importance: widget.LowImportance, TextStyle: fyne.TextStyle{Italic: true}, Wrapping: fyne.TextWrapWord}
	}
	return &widget.Label{Text: l.Text, Importance: widget.LowImportance, Wrapping: fyne.TextWrapWord}
}

func (s *jobAdScreen) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && !s.app.closeNotice() {
		s.app.showHome()
	}
}

func (s *jobAdScreen) typedRune(rune) {}
func (s *jobAdScreen) leave()         {}

// shareBar draws the three shares of an ad as one bar in the hats'
// colours, with each share written on its part when there is room.
type shareBar struct {
	widget.BaseWidget
	hats []jobad.HatShare
}

func newShareBar(hats []jobad.HatShare) *shareBar {
	b := &shareBar{hats: hats}
	b.ExtendBaseWidget(b)
	return b
}

func (b *shareBar) CreateRenderer() fyne.WidgetRenderer {
	r := &shareBarRenderer{b: b, track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))}
	for _, h := range b.hats {
		r.parts = append(r.parts, canvas.NewRectangle(trackColour(h.ID)))
		t := canvas.NewText(fmt.Sprintf("%.0f%%", 100*h.Share), theme.Color(theme.ColorNameForegroundOnPrimary))
		t.TextStyle.Bold = true
		t.Alignment = fyne.TextAlignCenter
		r.labels = append(r.labels, t)
	}
	return r
}

type shareBarRenderer struct {
	b      *shareBar
	track  *canvas.Rectangle
	parts  []*canvas.Rectangle
	labels []*canvas.Text
}

func (r *shareBarRenderer) Layout(size fyne.Size) {
	r.track.Resize(size)
	x := float32(0)
	for i, h := range r.b.hats {
		w := size.Width * float32(h.Share)
		r.parts[i].Move(fyne.NewPos(x, 0))
		r.parts[i].Resize(fyne.NewSize(w, size.Height))
		r.labels[i].Hidden = w < 44
		r.labels[i].Move(fyne.NewPos(x, (size.Height-r.labels[i].MinSize().Height)/2))
		r.labels[i].Resize(fyne.NewSize(w, r.labels[i].MinSize().Height))
		x += w
	}
}

func (r *shareBarRenderer) MinSize() fyne.Size { return fyne.NewSize(200, 28) }
func (r *shareBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}
func (r *shareBarRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.track}
	for i := range r.parts {
		objs = append(objs, r.parts[i], r.labels[i])
	}
	return objs
}
func (r *shareBarRenderer) Destroy() {}
