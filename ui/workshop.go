package ui

import (
	"context"
	"errors"
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
	// kioskPIN is the PIN entry of the dialog that starts the next
	// participant mode (for tests).
	kioskPIN *escEntry
	rows     []memberRow
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
	next := &widget.Button{Text: lang.L("Next participant mode (N)"), Icon: theme.AccountIcon(), OnTapped: s.onKiosk}
	importFolder := &widget.Button{Text: lang.L("Import a folder of results…"), Icon: theme.FolderOpenIcon(), OnTapped: s.onImportFolder}
	importCSV := &widget.Button{Text: lang.L("Import a CSV…"), Icon: theme.FileIcon(), OnTapped: s.onImportCSV}
	outputs := &widget.Button{Text: lang.L("Write every plan and the group report…"), Icon: theme.DocumentSaveIcon(), Importance: widget.HighImportance, OnTapped: s.onReport}
	del := &widget.Button{Text: lang.L("Delete this cohort…"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: s.onDelete}
	s.actions = []*widget.Button{next, importFolder, importCSV, outputs, del}
	templates := &widget.Button{Text: lang.L("Save a blank worksheet and CSV template…"), Icon: theme.DocumentPrintIcon(), OnTapped: s.onTemplate}
	jobAds := &widget.Button{Text: lang.L("Check a folder of job ads (one page each)…"), Icon: theme.SearchIcon(), OnTapped: s.onJobAds}
	oneAd := &widget.Button{Text: lang.L("Check a job ad"), Icon: theme.SearchIcon(), OnTapped: func() { s.app.show(newJobAdScreen(s.app)) }}
	home := &widget.Button{Text: lang.L("Home"), Icon: theme.HomeIcon(), OnTapped: s.app.showHome}
	s.reload("")
	body := container.NewVBox(intro,
		container.NewBorder(nil, nil, nil, create, s.newName), s.cohort,
		container.NewGridWrap(fyne.NewSize(330, 38), next, importFolder, importCSV, outputs),
		s.names, widget.NewSeparator(),
		&widget.Label{Text: lang.L("Participants"), TextStyle: fyne.TextStyle{Bold: true}}, s.members,
		widget.NewSeparator(), container.NewHBox(templates), container.NewHBox(jobAds, oneAd), container.NewHBox(del))
	return container.NewBorder(container.NewPadded(title), container.NewPadded(container.NewHBox(home)), nil, nil, container.NewVScroll(container.NewPadded(wide(body))))
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
		text := lang.L("Choose a cohort above.")
		if len(s.cohorts) == 0 {
			text = lang.L("Start by creating a cohort: type its name above, such as \"Tuesday group\", and press Enter. Then collect results: import files or a CSV, or run the next participant mode on this computer.")
		}
		s.members.Add(&widget.Label{Text: text, Wrapping: fyne.TextWrapWord})
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
	s.rows = nil
	for _, m := range ms {
		m := m
		state := lang.L("not finished")
		results := &widget.Button{Text: lang.L("Results"), Icon: theme.DocumentIcon(), Importance: widget.LowImportance}
		if m.Attempt != nil {
			state = lang.L("finished {{.When}}", map[string]any{"When": printer().ShortDate(m.Attempt.Finished.Local())})
			results.OnTapped = func() { s.app.showResults(m.Attempt.ID) }
		} else {
			results.Disable()
		}
		remove := &widget.Button{Text: lang.L("Remove…"), Icon: theme.ContentRemoveIcon(), Importance: widget.LowImportance, OnTapped: func() { s.onRemove(m) }}
		s.rows = append(s.rows, memberRow{results: results, remove: remove})
		s.members.Add(container.NewBorder(nil, nil, nil, container.NewHBox(results, remove),
			&widget.Label{Text: fmt.Sprintf("%s  %s · %s", m.Code, m.Profile.Name, state), Truncation: fyne.TextTruncateEllipsis}))
	}
}

// memberRow keeps a participant row's buttons (for tests).
type memberRow struct{ results, remove *widget.Button }

// onRemove takes a participant out of the cohort after a confirmation;
// their profile and answers stay on this computer (Settings deletes them).
func (s *workshopScreen) onRemove(m store.CohortMember) {
	c := s.selected
	if c == nil {
		return
	}
	d := dialog.NewConfirm(lang.L("Remove from the cohort?"),
		lang.L("{{.Code}} {{.Name}} leaves {{.Cohort}}: no plan for them in the group's outputs. Their profile and answers stay on this computer; you can import them into the cohort again.", map[string]any{"Code": m.Code, "Name": m.Profile.Name, "Cohort": c.Name}),
		func(ok bool) {
			if !ok {
				return
			}
			if err := s.app.store.Leave(c.ID, m.Profile.ID); err != nil {
				s.app.showError(lang.L("Could not remove the participant."), err)
				return
			}
			s.reload(c.Name)
		}, s.app.win)
	d.SetConfirmText(lang.L("Remove"))
	d.Show()
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
	s.app.fitDialog(d, 760, 520)
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
	s.app.fitDialog(d, 760, 520)
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
	s.app.fitDialog(d, 640, 0)
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
	s.app.fitDialog(d, 700, 420)
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
		opt := workshop.Options{Names: s.names.Checked, Paper: report.LocalPaper(), Date: time.Now()}
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
				msg := lang.N("Wrote {{.N}} plans, the group report and the scores to {{.Dir}}.", len(w.Plans), map[string]any{"N": len(w.Plans), "Dir": dir})
				if len(w.Skipped) > 0 {
					msg += "\n" + lang.L("No plan for:") + " " + strings.Join(w.Skipped, "; ")
				}
				s.app.showSaved(w.GroupReport, []string{msg}, w.Warnings)
			})
		}()
	})
}

func (s *workshopScreen) onTemplate() {
	s.pickFolder(func(dir string) {
		ws, c, err := workshop.Template(s.app.engine, dir, report.Options{Paper: report.LocalPaper(), Date: time.Now()})
		if err != nil {
			s.app.showError(lang.L("Could not save the templates."), err)
			return
		}
		s.app.showSaved(ws, []string{lang.L("The CSV template is {{.Path}}. Fill one row per participant, or export your online form to CSV, then import it here.", map[string]any{"Path": c})}, nil)
	})
}

// onJobAds checks every ad in a folder and writes job-ads.pdf there, one
// page per ad, for the group to discuss.
func (s *workshopScreen) onJobAds() {
	s.pickFolder(func(dir string) {
		prog := dialog.NewCustomWithoutButtons(lang.L("Checking the ads…"), &widget.ProgressBarInfinite{}, s.app.win)
		prog.Show()
		go func() {
			const name = "job-ads.pdf"
			checks, refused, err := workshop.JobAds(s.app.engine.Lang(), dir, name)
			path := filepath.Join(dir, name)
			var warnings []string
			if err == nil && len(checks) == 0 {
				err = errors.New(lang.L("No ad could be read in this folder. Put the ads there as .txt, .md or .html files."))
			}
			if err == nil {
				warnings, err = report.WriteJobAdsFile(path, report.JobAdsInput{Engine: s.app.engine, Folder: filepath.Base(dir), Ads: checks},
					report.Options{Paper: report.LocalPaper(), Date: time.Now()})
			}
			fyne.Do(func() {
				prog.Hide()
				if err != nil {
					s.app.showError(lang.L("Could not check the folder of job ads."), err)
					return
				}
				msg := []string{lang.N("Checked {{.N}} ads, one page each.", len(checks), map[string]any{"N": len(checks)})}
				var notRead []string
				for _, r := range refused {
					notRead = append(notRead, lang.L("Not read: {{.File}}: {{.Why}}", map[string]any{"File": r.File, "Why": r.Reason}))
				}
				s.app.showSaved(path, msg, append(notRead, warnings...))
			})
		}()
	})
}

func (s *workshopScreen) onDelete() {
	c := s.selected
	if c == nil {
		return
	}
	dialog.ShowConfirm(lang.L("Delete this cohort?"),
		lang.N("This deletes the cohort {{.Name}} and all data of its {{.N}} participants, for good.", c.Members, map[string]any{"Name": c.Name, "N": c.Members}),
		func(ok bool) {
			if !ok {
				return
			}
			_, err := s.app.store.DeleteCohort(c.ID)
			if err != nil && !errors.Is(err, store.ErrNotCompacted) {
				s.app.showError(lang.L("Could not delete the cohort."), err)
				return
			}
			s.selected = nil
			s.reload("")
			s.app.notCompacted(err)
		}, s.app.win)
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
// the previous person is shown, only a place to type a name. No key, menu
// or dialog of the mode reaches another person's data or the trainer's
// screens (private shortcuts are not registered, exports are hidden); the
// way out asks for confirmation and, when the trainer chose one, a PIN.
type kioskScreen struct {
	app    *App
	cohort store.Cohort
	name   *widget.Entry
	start  *widget.Button
	exit   *widget.Button
	// code asks a returning person for their participant code.
	code *widget.Entry
	// pin is the PIN entry of the way out (for tests).
	pin *escEntry
	// hint explains the code to a returning person.
	hint *widget.Label
}

// onKiosk asks the trainer for an optional PIN, then starts the mode.
func (s *workshopScreen) onKiosk() {
	if s.selected == nil {
		return
	}
	c := *s.selected
	pin := &escEntry{Entry: widget.Entry{Password: true, PlaceHolder: lang.L("Optional PIN, such as 2580")}}
	pin.ExtendBaseWidget(pin)
	body := container.NewVBox(
		&widget.Label{Text: lang.L("Participants take the assessment one after another on this computer; each starts on a clean screen that shows nothing of the others."), Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: lang.L("A PIN keeps participants from leaving the mode: it is asked when you leave. Leave it empty to only confirm."), Wrapping: fyne.TextWrapWord},
		pin)
	d := dialog.NewCustomConfirm(lang.L("Start the next participant mode?"), lang.L("Start"), lang.L("Cancel"), body, func(ok bool) {
		if ok {
			s.app.kioskPIN = strings.TrimSpace(pin.Text)
			s.app.startKiosk(c)
		}
	}, s.app.win)
	pin.OnEscape = d.Hide
	pin.OnSubmitted = func(string) { d.Hide(); s.app.kioskPIN = strings.TrimSpace(pin.Text); s.app.startKiosk(c) }
	s.app.fitDialog(d, 520, 0)
	d.Show()
	s.app.win.Canvas().Focus(pin)
	s.kioskPIN = pin
}

// startKiosk turns the app into the shared-machine mode for a cohort.
func (u *App) startKiosk(c store.Cohort) {
	u.kiosk = &c
	u.profile = nil
	u.kioskCode = ""
	u.show(&kioskScreen{app: u, cohort: c})
}

// nextParticipant returns to the clean start after a participant.
func (u *App) nextParticipant() {
	if u.kiosk == nil {
		u.showHome()
		return
	}
	u.profile = nil
	u.kioskCode = ""
	u.show(&kioskScreen{app: u, cohort: *u.kiosk})
}

func (s *kioskScreen) content() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Which social media hat fits you?"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText, Alignment: fyne.TextAlignCenter}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter,
		Text: lang.L("Welcome. Type your name and press Enter to start: about 15 minutes of questions. At the end you see your results; your trainer prints your plan. Coming back to finish? Type your name, then your participant code.")}
	s.name = &widget.Entry{PlaceHolder: lang.L("Your name")}
	s.name.OnSubmitted = func(string) { s.onStart() }
	s.code = &widget.Entry{PlaceHolder: lang.L("Your participant code, such as P03")}
	s.code.OnSubmitted = func(string) { s.onStart() }
	s.code.Hide()
	s.hint = &widget.Label{Wrapping: fyne.TextWrapWord, Alignment: fyne.TextAlignCenter, Importance: widget.WarningImportance}
	s.hint.Hide()
	s.start = &widget.Button{Text: lang.L("Start"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: s.onStart}
	s.exit = &widget.Button{Text: lang.L("Trainer: leave this mode"), Importance: widget.LowImportance, OnTapped: s.onExit}
	cohort := &widget.Label{Text: lang.L("Workshop: {{.Name}}", map[string]any{"Name": s.cohort.Name}), Alignment: fyne.TextAlignCenter, TextStyle: fyne.TextStyle{Italic: true}}
	form := container.NewVBox(title, intro, s.name, s.hint, s.code, container.NewCenter(s.start), cohort)
	return container.NewBorder(nil, container.NewHBox(s.exit), nil, nil, container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 420), form)))
}

func (s *kioskScreen) focusFirst() { s.app.win.Canvas().Focus(s.name) }

// onStart starts a new participant, or lets a returning one continue: when
// someone with this name is in the workshop, their participant code is
// asked (a name alone must not open another person's answers).
func (s *kioskScreen) onStart() {
	name := assessment.CleanName(s.name.Text)
	if name == "" {
		s.app.showError(lang.L("Please type your name first."), errors.New(lang.L("The name is empty.")))
		return
	}
	ms, err := s.app.store.Members(s.cohort.ID)
	if err != nil {
		s.app.showError(lang.L("Could not join the workshop."), err)
		return
	}
	var same []store.CohortMember
	for _, m := range ms {
		if strings.EqualFold(m.Profile.Name, name) {
			same = append(same, m)
		}
	}
	if len(same) > 0 && !s.code.Visible() {
		s.code.Show()
		s.code.SetText("")
		s.start.SetText(lang.L("Continue"))
		s.app.win.Canvas().Focus(s.code)
		s.hint.SetText(lang.L("Someone called {{.Name}} is already in this workshop. If that is you, type your participant code to continue where you stopped. If not, leave the code empty and press Enter to start as a new participant.", map[string]any{"Name": name}))
		s.hint.Show()
		return
	}
	if code := strings.ToUpper(strings.TrimSpace(s.code.Text)); code != "" {
		for _, m := range same {
			if m.Code == code {
				s.resume(m)
				return
			}
		}
		s.app.showError(lang.L("That code does not belong to this name."), errors.New(lang.L("Check the code with your trainer, or leave it empty to start as a new participant.")))
		return
	}
	p, err := s.app.store.CreateProfile(name, "")
	if err != nil {
		s.app.showError(lang.L("Please type your name first."), err)
		return
	}
	code, err := s.app.store.Join(s.cohort.ID, p.ID)
	if err != nil {
		s.app.showError(lang.L("Could not join the workshop."), err)
		return
	}
	a, err := s.app.store.StartAttempt(p.ID, s.app.engine.Bank.Version())
	if err != nil {
		s.app.showError(lang.L("Could not start the assessment."), err)
		return
	}
	s.app.profile, s.app.kioskCode = &p, code
	s.app.showQuestionnaire(a.ID)
}

// resume continues a returning participant's unfinished attempt, or starts
// a new one for them when they had finished.
func (s *kioskScreen) resume(m store.CohortMember) {
	a, err := s.app.store.InProgress(m.Profile.ID)
	if err != nil {
		s.app.showError(lang.L("Could not start the assessment."), err)
		return
	}
	if a == nil {
		started, err := s.app.store.StartAttempt(m.Profile.ID, s.app.engine.Bank.Version())
		if err != nil {
			s.app.showError(lang.L("Could not start the assessment."), err)
			return
		}
		a = &started
	}
	p := m.Profile
	s.app.profile, s.app.kioskCode = &p, m.Code
	s.app.showQuestionnaire(a.ID)
}

// onExit leaves the mode after a confirmation, and the PIN when one was
// chosen.
func (s *kioskScreen) onExit() {
	leave := func() {
		s.app.kiosk, s.app.kioskPIN = nil, ""
		s.app.show(newWorkshopScreen(s.app))
	}
	if s.app.kioskPIN == "" {
		dialog.ShowConfirm(lang.L("Leave the next participant mode?"), lang.L("The app returns to the workshop screen."), func(ok bool) {
			if ok {
				leave()
			}
		}, s.app.win)
		return
	}
	pin := &escEntry{Entry: widget.Entry{Password: true, PlaceHolder: lang.L("PIN")}}
	pin.ExtendBaseWidget(pin)
	var d dialog.Dialog
	check := func() {
		if strings.TrimSpace(pin.Text) != s.app.kioskPIN {
			pin.SetText("")
			s.app.showError(lang.L("That is not the PIN."), errors.New(lang.L("The mode stays on. Ask the trainer who started it.")))
			return
		}
		d.Hide()
		leave()
	}
	pin.OnSubmitted = func(string) { check() }
	pin.OnEscape = func() { d.Hide() }
	d = dialog.NewCustomConfirm(lang.L("Leave the next participant mode?"), lang.L("Leave"), lang.L("Stay"), container.NewVBox(
		&widget.Label{Text: lang.L("Type the trainer's PIN.")}, pin), func(ok bool) {
		if ok {
			check()
		}
	}, s.app.win)
	d.Show()
	s.app.win.Canvas().Focus(pin)
	s.pin = pin
}

func (s *kioskScreen) typedKey(*fyne.KeyEvent) {}
func (s *kioskScreen) typedRune(rune)          {}
func (s *kioskScreen) leave()                  {}
