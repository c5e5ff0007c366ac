package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/questions"
	"hatcheck/report"
	"hatcheck/store"
	"hatcheck/workshop"
)

// workshopScreen is the trainer's: a cohort, its participants, importing
// results, the shared-machine "next participant" mode, and every plan and
// the group report at once.
type workshopScreen struct {
	app *App

	cohorts  []store.Cohort
	cohort   *widget.Select
	newName  *widget.Entry
	members  *fyne.Container
	names    *widget.Check
	actions  []*widget.Button
	selected *store.Cohort
	// asked, when set, is told of every question dialog (for tests).
	asked chan<- *questionDialog
}

// questionDialog is an import's question on screen.
type questionDialog struct {
	pick *widget.RadioGroup
	rest *widget.Check
	ok   *widget.Button
}

func newWorkshopScreen(app *App) *workshopScreen { return &workshopScreen{app: app} }

func (s *workshopScreen) content() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Workshop"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Collect a group's results, print every plan at once and see the group picture. Group outputs show participant codes unless you switch names on, and a breakdown of fewer than 5 people shows only a count.")}
	s.cohort = &widget.Select{PlaceHolder: lang.L("Choose a cohort"), OnChanged: func(string) { s.onCohort() }}
	s.newName = &widget.Entry{PlaceHolder: lang.L("New cohort name, such as Tuesday group")}
	s.newName.OnSubmitted = func(string) { s.onCreate() }
	create := &widget.Button{Text: lang.L("Create cohort"), Icon: theme.ContentAddIcon(), OnTapped: s.onCreate}
	s.members = container.NewVBox()
	s.names = &widget.Check{Text: lang.L("Show names in the group report and the scores (ask the participants first)")}
	next := &widget.Button{Text: lang.L("Next participant mode (N)"), Icon: theme.AccountIcon(), Importance: widget.HighImportance, OnTapped: s.onKiosk}
	importFolder := &widget.Button{Text: lang.L("Import a folder of results…"), Icon: theme.FolderOpenIcon(), OnTapped: s.onImportFolder}
	importCSV := &widget.Button{Text: lang.L("Import a CSV…"), Icon: theme.FileIcon(), OnTapped: s.onImportCSV}
	outputs := &widget.Button{Text: lang.L("Write every plan and the group report…"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onReport}
	del := &widget.Button{Text: lang.L("Delete this cohort…"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: s.onDelete}
	s.actions = []*widget.Button{next, importFolder, importCSV, outputs, del}
	templates := &widget.Button{Text: lang.L("Save a blank worksheet and CSV template…"), Icon: theme.DocumentPrintIcon(), OnTapped: s.onTemplate}
	home := &widget.Button{Text: lang.L("Home"), Icon: theme.HomeIcon(), OnTapped: s.app.showHome}
	s.reload("")
	body := container.NewVBox(intro,
		container.NewBorder(nil, nil, nil, create, s.newName), s.cohort,
		container.NewGridWrap(fyne.NewSize(330, 38), next, importFolder, importCSV, outputs),
		s.names, widget.NewSeparator(),
		&widget.Label{Text: lang.L("Participants"), TextStyle: fyne.TextStyle{Bold: true}}, s.members,
		widget.NewSeparator(), container.NewHBox(templates), container.NewHBox(del))
	return container.NewBorder(container.NewPadded(title), container.NewPadded(container.NewHBox(home)), nil, nil, container.NewVScroll(container.NewPadded(body)))
}

func (s *workshopScreen) reload(select_ string) {
	cs, err := s.app.store.Cohorts()
	if err != nil {
		s.app.showError(lang.L("Could not read the cohorts."), err)
	}
	s.cohorts = cs
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	s.cohort.Options = names
	if select_ == "" && s.selected != nil {
		select_ = s.selected.Name
	}
	if select_ == "" && len(names) == 1 {
		select_ = names[0]
	}
	s.cohort.SetSelected(select_)
	if select_ == "" {
		s.onCohort()
	}
}

func (s *workshopScreen) onCohort() {
	s.selected = nil
	for i := range s.cohorts {
		if s.cohorts[i].Name == s.cohort.Selected {
			s.selected = &s.cohorts[i]
		}
	}
	for _, b := range s.actions {
		if s.selected == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	s.members.RemoveAll()
	if s.selected == nil {
		s.members.Add(widget.NewLabel(lang.L("Create or choose a cohort.")))
		return
	}
	ms, err := s.app.store.Members(s.selected.ID)
	if err != nil {
		s.app.showError(lang.L("Could not read the participants."), err)
		return
	}
	if len(ms) == 0 {
		s.members.Add(&widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("No participants yet: import their results files or a CSV, or run the next participant mode on this computer.")})
	}
	s.members.Add(s.composition(ms))
	for _, m := range ms {
		state := lang.L("not finished")
		if m.Attempt != nil {
			state = lang.L("finished {{.When}}", map[string]any{"When": m.Attempt.Finished.Local().Format("2 Jan 15:04")})
		}
		s.members.Add(&widget.Label{Text: fmt.Sprintf("%s  %s · %s", m.Code, m.Profile.Name, state), Truncation: fyne.TextTruncateEllipsis})
	}
}

// composition is the group picture in one line: how many lean to each hat,
// with counts only, as the group report does.
func (s *workshopScreen) composition(ms []store.CohortMember) fyne.CanvasObject {
	var group []assessment.Member
	for _, m := range ms {
		if member, _, _, ok, err := s.app.store.ScoredMember(m, s.app.engine); err == nil && ok {
			group = append(group, member)
		}
	}
	g := s.app.engine.Summarise(group, false)
	var parts []string
	for _, id := range questions.TrackIDs {
		parts = append(parts, fmt.Sprintf("%s %d", trackName(id), g.Lean[id]))
	}
	parts = append(parts, lang.L("hybrid {{.N}}", map[string]any{"N": g.Hybrid}))
	if g.NotEnough > 0 {
		parts = append(parts, lang.L("not enough answers {{.N}}", map[string]any{"N": g.NotEnough}))
	}
	return &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true},
		Text: lang.L("{{.Done}} of {{.Total}} finished. Best fits: {{.Parts}}.", map[string]any{"Done": len(group), "Total": len(ms), "Parts": strings.Join(parts, " · ")})}
}

func (s *workshopScreen) onCreate() {
	c, err := s.app.store.Cohort(s.newName.Text, true)
	if err != nil {
		s.app.showError(lang.L("Could not create the cohort."), err)
		return
	}
	s.newName.SetText("")
	s.reload(c.Name)
}

// pickFolder asks for a folder and calls done with its path.
func (s *workshopScreen) pickFolder(done func(path string)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			s.app.showError(lang.L("Could not open the folder."), err)
			return
		}
		if u != nil {
			done(u.Path())
		}
	}, s.app.win)
	d.Resize(fyne.NewSize(min(s.app.win.Canvas().Size().Width-40, 760), min(s.app.win.Canvas().Size().Height-40, 520)))
	d.Show()
}

func (s *workshopScreen) onImportFolder() { s.pickFolder(s.importPaths) }

func (s *workshopScreen) onImportCSV() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.app.showError(lang.L("Could not open the file."), err)
			return
		}
		if r != nil {
			path := r.URI().Path()
			r.Close()
			s.importPaths(path)
		}
	}, s.app.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fyne.NewSize(min(s.app.win.Canvas().Size().Width-40, 760), min(s.app.win.Canvas().Size().Height-40, 520)))
	d.Show()
}

// importPaths imports into the chosen cohort and lists what happened.
func (s *workshopScreen) importPaths(path string) { s.startImport(path) }

// startImport imports in the background, with a progress dialog; a file
// or row that needs the trainer's decision (someone with the same name is
// here, a CSV row is cut short) pauses the import and asks. The channel is
// closed when the summary is on screen.
func (s *workshopScreen) startImport(path string) <-chan struct{} {
	done := make(chan struct{})
	if s.selected == nil {
		close(done)
		return done
	}
	cohort := s.selected.Name
	prog := dialog.NewCustomWithoutButtons(lang.L("Importing…"), &widget.ProgressBarInfinite{}, s.app.win)
	prog.Show()
	// Decisions the trainer asked to repeat for the rest of this import.
	var forSame, forShort *workshop.Decision
	ask := func(q workshop.Question) workshop.Decision {
		if q.Incomplete && forShort != nil {
			return *forShort
		}
		if !q.Incomplete && forSame != nil && (forSame.Profile == 0 || len(q.SameName) == 1) {
			d := *forSame
			if d.Profile != 0 {
				d.Profile = q.SameName[0].ID
			}
			return d
		}
		answer := make(chan workshop.Decision)
		fyne.Do(func() {
			s.askQuestion(q, func(d workshop.Decision, rest bool) {
				if rest {
					if q.Incomplete {
						forShort = &d
					} else {
						forSame = &d
					}
				}
				answer <- d
			})
		})
		return <-answer
	}
	go func() {
		res, err := workshop.Import(s.app.store, s.app.engine, cohort, []string{path}, workshop.ImportOptions{Ask: ask})
		fyne.Do(func() {
			prog.Hide()
			if err != nil {
				s.app.showError(lang.L("Could not import."), err)
			} else {
				s.showImported(res)
			}
			s.reload(cohort)
			close(done)
		})
	}()
	return done
}

// askQuestion asks about one file or row; answer gets the decision and
// whether to repeat it for the rest of the import.
func (s *workshopScreen) askQuestion(q workshop.Question, answer func(d workshop.Decision, rest bool)) {
	rest := &widget.Check{Text: lang.L("Do the same for the rest of this import")}
	var choices []string
	var decisions []workshop.Decision
	var text string
	if q.Incomplete {
		text = lang.L("{{.Source}} ({{.Name}}) is cut short: {{.Detail}}", map[string]any{"Source": filepath.Base(q.Source), "Name": q.Name, "Detail": q.Detail})
		choices = []string{lang.L("Import the answers it has; the missing ones count as skipped"), lang.L("Leave it out")}
		decisions = []workshop.Decision{{}, {Skip: true}}
	} else {
		text = lang.L("{{.Source}}: someone called {{.Name}} is already here. Is this the same person?", map[string]any{"Source": filepath.Base(q.Source), "Name": q.Name})
		for _, p := range q.SameName {
			choices = append(choices, lang.L("Yes: {{.Name}}, added {{.Date}} (profile {{.ID}})",
				map[string]any{"Name": p.Name, "Date": p.Created.Local().Format("2006-01-02"), "ID": p.ID}))
			decisions = append(decisions, workshop.Decision{Profile: p.ID})
		}
		choices = append(choices, lang.L("No: someone else with the same name"), lang.L("Leave it out"))
		decisions = append(decisions, workshop.Decision{NewPerson: true}, workshop.Decision{Skip: true})
	}
	pick := &widget.RadioGroup{Options: choices, Required: true, Selected: choices[len(choices)-1]}
	body := container.NewVBox(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord}, pick, rest)
	var d dialog.Dialog
	ok := &widget.Button{Text: lang.L("Continue"), Importance: widget.HighImportance, OnTapped: func() {
		d.Hide()
		for i, c := range choices {
			if c == pick.Selected {
				answer(decisions[i], rest.Checked)
				return
			}
		}
		answer(workshop.Decision{Skip: true}, false)
	}}
	d = dialog.NewCustomWithoutButtons(lang.L("Your decision is needed"), container.NewVBox(body, container.NewHBox(ok)), s.app.win)
	d.Resize(fyne.NewSize(min(s.app.win.Canvas().Size().Width-40, 640), 0))
	d.Show()
	if s.asked != nil {
		s.asked <- &questionDialog{pick: pick, rest: rest, ok: ok}
	}
}

// showImported lists what an import did; the counts add up to what was
// read.
func (s *workshopScreen) showImported(res workshop.ImportResult) {
	in, dup, bad := res.Counts()
	var lines []string
	for _, o := range res.Outcomes {
		if len(o.Problems) > 0 {
			lines = append(lines, fmt.Sprintf("• %s: %s", o.Source, strings.Join(o.Problems, "; ")))
		}
	}
	msg := lang.L("Read {{.Read}} (files and rows): {{.In}} imported, {{.Dup}} already there, {{.Bad}} refused.", map[string]any{"Read": res.Read(), "In": in, "Dup": dup, "Bad": bad})
	for _, n := range res.Notes {
		msg += "\n\n" + n
	}
	if len(lines) > 0 {
		msg += "\n\n" + lang.L("Refused, with nothing from them imported:") + "\n" + strings.Join(lines, "\n")
	}
	label := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom(lang.L("Import finished"), lang.L("Close"), container.NewVScroll(label), s.app.win)
	d.Resize(fyne.NewSize(min(s.app.win.Canvas().Size().Width-40, 700), min(s.app.win.Canvas().Size().Height-60, 420)))
	d.Show()
}

func (s *workshopScreen) onReport() {
	if s.selected == nil {
		return
	}
	cohort := s.selected.Name
	s.pickFolder(func(dir string) {
		ctx, cancel := context.WithCancel(context.Background())
		bar := &widget.ProgressBar{}
		status := widget.NewLabel(lang.L("Preparing…"))
		stop := &widget.Button{Text: lang.L("Cancel"), OnTapped: cancel}
		prog := dialog.NewCustomWithoutButtons(lang.L("Writing every plan"), container.NewVBox(status, bar, container.NewHBox(stop)), s.app.win)
		prog.Resize(fyne.NewSize(420, 0))
		prog.Show()
		opt := workshop.Options{Names: s.names.Checked, Paper: report.DefaultPaper(localeEnv()), Date: time.Now()}
		go func() {
			w, err := workshop.Report(ctx, s.app.store, s.app.engine, cohort, dir, opt, func(done, total int) {
				fyne.Do(func() {
					bar.SetValue(float64(done) / float64(total))
					status.SetText(lang.L("Plan {{.Done}} of {{.Total}}", map[string]any{"Done": done, "Total": total}))
				})
			})
			cancel()
			fyne.Do(func() {
				prog.Hide()
				if err != nil {
					s.app.showError(lang.L("Not everything was written. The plans already written are complete."), err)
					return
				}
				msg := lang.L("Wrote {{.N}} plans, the group report and the scores to {{.Dir}}.", map[string]any{"N": len(w.Plans), "Dir": dir})
				if len(w.Skipped) > 0 {
					msg += "\n" + lang.L("No plan for:") + " " + strings.Join(w.Skipped, "; ")
				}
				s.app.showSaved(w.GroupReport, append([]string{msg}, w.Warnings...))
			})
		}()
	})
}

func (s *workshopScreen) onTemplate() {
	s.pickFolder(func(dir string) {
		ws, c, err := workshop.Template(s.app.engine, dir, report.Options{Paper: report.DefaultPaper(localeEnv()), Date: time.Now()})
		if err != nil {
			s.app.showError(lang.L("Could not save the templates."), err)
			return
		}
		s.app.showSaved(ws, []string{lang.L("The CSV template is {{.Path}}. Fill one row per participant, or export your online form to CSV, then import it here.", map[string]any{"Path": c})})
	})
}

func (s *workshopScreen) onDelete() {
	c := s.selected
	if c == nil {
		return
	}
	dialog.ShowConfirm(lang.L("Delete this cohort?"),
		lang.L("This deletes the cohort {{.Name}} and all data of its {{.N}} participants, for good.", map[string]any{"Name": c.Name, "N": c.Members}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := s.app.store.DeleteCohort(c.ID); err != nil {
				s.app.showError(lang.L("Could not delete the cohort."), err)
				return
			}
			s.selected = nil
			s.reload("")
		}, s.app.win)
}

func (s *workshopScreen) onKiosk() {
	if s.selected != nil {
		s.app.startKiosk(*s.selected)
	}
}

func (s *workshopScreen) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		s.app.showHome()
	}
}

// typedRune: N starts the next participant mode.
func (s *workshopScreen) typedRune(r rune) {
	if r == 'n' || r == 'N' {
		s.onKiosk()
	}
}
func (s *workshopScreen) leave() {}

// kioskScreen is the clean start of the next participant mode: nothing of
// the previous person is shown, only a place to type a name.
type kioskScreen struct {
	app    *App
	cohort store.Cohort
	name   *widget.Entry
	start  *widget.Button
	exit   *widget.Button
}

// startKiosk turns the app into the shared-machine mode for a cohort.
func (u *App) startKiosk(c store.Cohort) {
	u.kiosk = &c
	u.profile = nil
	u.show(&kioskScreen{app: u, cohort: c})
}

// nextParticipant returns to the clean start after a participant.
func (u *App) nextParticipant() {
	if u.kiosk == nil {
		u.showHome()
		return
	}
	u.profile = nil
	u.show(&kioskScreen{app: u, cohort: *u.kiosk})
}

func (s *kioskScreen) content() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Which social media hat fits you?"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Alignment: fyne.TextAlignCenter}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter,
		Text: lang.L("Welcome. Type your name and press Enter to start: about 15 minutes of questions. At the end you see your results; your trainer prints your plan.")}
	s.name = &widget.Entry{PlaceHolder: lang.L("Your name")}
	s.name.OnSubmitted = func(string) { s.onStart() }
	s.start = &widget.Button{Text: lang.L("Start"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: s.onStart}
	s.exit = &widget.Button{Text: lang.L("Trainer: leave this mode"), Importance: widget.LowImportance, OnTapped: s.onExit}
	cohort := &widget.Label{Text: lang.L("Workshop: {{.Name}}", map[string]any{"Name": s.cohort.Name}), Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Italic: true}}
	form := container.NewVBox(title, intro, s.name, container.NewCenter(s.start), cohort)
	return container.NewBorder(nil, container.NewHBox(s.exit), nil, nil, container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 320), form)))
}

func (s *kioskScreen) focusFirst() { s.app.win.Canvas().Focus(s.name) }

func (s *kioskScreen) onStart() {
	p, err := s.app.store.CreateProfile(s.name.Text, "")
	if err != nil {
		s.app.showError(lang.L("Please type your name first."), err)
		return
	}
	if _, err := s.app.store.Join(s.cohort.ID, p.ID); err != nil {
		s.app.showError(lang.L("Could not join the workshop."), err)
		return
	}
	a, err := s.app.store.StartAttempt(p.ID, s.app.engine.Bank.Version())
	if err != nil {
		s.app.showError(lang.L("Could not start the assessment."), err)
		return
	}
	s.app.profile = &p
	s.app.showQuestionnaire(a.ID)
}

func (s *kioskScreen) onExit() {
	dialog.ShowConfirm(lang.L("Leave the next participant mode?"), lang.L("The app returns to the workshop screen."), func(ok bool) {
		if ok {
			s.app.kiosk = nil
			s.app.show(newWorkshopScreen(s.app))
		}
	}, s.app.win)
}

func (s *kioskScreen) typedKey(*fyne.KeyEvent) {}
func (s *kioskScreen) typedRune(rune)          {}
func (s *kioskScreen) leave()                  {}
