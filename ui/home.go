package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/store"
)

// prefLastProfile remembers the profile chosen last, so that a restart
// (after a crash, say) offers to resume at once.
const prefLastProfile = "profile.last"

// contextChoices are the work contexts a profile can have, in the order the
// select shows them; "" is "not sure".
var contextChoices = []string{"", "small-business", "agency", "enterprise", "freelance", "student"}

func contextLabel(id string) string {
	switch id {
	case "small-business":
		return lang.L("Small business")
	case "agency":
		return lang.L("Agency")
	case "enterprise":
		return lang.L("Large company")
	case "freelance":
		return lang.L("Freelance")
	case "student":
		return lang.L("Student or career changer")
	}
	return lang.L("Not sure, or rather not say")
}

// homeScreen explains Hatcheck, and lets a person choose or create a
// profile, then start, resume or look back.
type homeScreen struct {
	app *App

	profiles   []store.Profile
	profileSel *widget.Select
	name       *widget.Entry
	context    *widget.Select
	create     *widget.Button
	start      *widget.Button
	resume     *widget.Button
	past       *fyne.Container
	status     *widget.Label
	compare    *widget.Button
	// ticked holds the attempts ticked for comparing, oldest first.
	ticked []int64
	// latest is the profile's last finished attempt (R and P open it).
	latest int64

	inProgress *store.Attempt
}

func newHomeScreen(app *App) *homeScreen {
	return &homeScreen{app: app}
}

func (s *homeScreen) content() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Which social media hat fits you?"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	settings := &widget.Button{Text: lang.L("Settings"), Icon: theme.SettingsIcon(), Importance: widget.LowImportance, OnTapped: s.onSettings}
	importB := &widget.Button{Text: lang.L("Import results…"), Icon: theme.DownloadIcon(), Importance: widget.LowImportance,
		OnTapped: func() { s.app.onImport(func(im store.Imported) { s.reload(im.ProfileID) }) }}
	intro := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("Answer about 15 minutes of questions on your skills, how you like to work, what you would rather do and what you would do in real situations. Hatcheck shows how well each of three jobs fits you, with an honest margin of error, explains every number, and builds a 30/60/90-day plan you can save as a PDF. Everything stays on this computer.")}

	var cards []fyne.CanvasObject
	for _, t := range s.app.engine.Bank.Tracks {
		name := &widget.Label{Text: t.Name.In(lang.SystemLocale().LanguageString()), TextStyle: fyne.TextStyle{Bold: true}}
		summary := &widget.Label{Text: t.Summary.In(lang.SystemLocale().LanguageString()), Wrapping: fyne.TextWrapWord}
		cards = append(cards, container.NewBorder(container.NewHBox(trackSwatch(t.ID), name), nil, nil, nil, summary))
	}
	tracks := container.NewGridWithColumns(3, cards...)

	get := &widget.Label{Wrapping: fyne.TextWrapWord, Text: lang.L("You will get: your fit for each hat and why, the skills to work on first, a plan with one step to learn, one to practise and one to show for each, and, if you already do this work, a check of which hat to keep and what to hand over.") + " " + lang.L(assessment.Disclaimer)}

	s.profileSel = &widget.Select{PlaceHolder: lang.L("Choose your profile"), OnChanged: s.onProfileChosen}
	s.name = &widget.Entry{PlaceHolder: lang.L("Your name, or a nickname")}
	s.name.OnSubmitted = func(string) { s.onCreate() }
	s.context = &widget.Select{Options: contextOptions(), PlaceHolder: lang.L("Where do you work? (optional)")}
	s.create = &widget.Button{Text: lang.L("Create profile"), Icon: theme.ContentAddIcon(), OnTapped: s.onCreate}
	s.start = &widget.Button{Text: lang.L("Start a new assessment"), Icon: theme.MediaPlayIcon(), Importance: widget.HighImportance, OnTapped: s.onStart}
	s.resume = &widget.Button{Icon: theme.MediaSkipNextIcon(), Importance: widget.HighImportance, OnTapped: s.onResume}
	s.past = container.NewVBox()
	s.status = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}

	s.compare = &widget.Button{Text: lang.L("Compare the two ticked"), Icon: theme.ViewRefreshIcon(), OnTapped: s.onCompare}
	s.compare.Hide()
	s.reload(0)
	jobAdB := &widget.Button{Text: lang.L("Check a job ad (Ctrl+J)"), Icon: theme.SearchIcon(), OnTapped: s.onJobAd}
	jobAd := container.NewHBox(jobAdB, &widget.Label{Text: lang.L("Which hats does a posting really ask for?"), Importance: widget.LowImportance})
	// A returning person sees their own history first; the pitch is for
	// newcomers, who see it with the form to begin right under it.
	var body *fyne.Container
	if len(s.profiles) > 0 {
		mine := container.NewVBox(
			&widget.Label{Text: lang.L("Welcome back"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameSubHeadingText},
			container.NewBorder(nil, nil, &widget.Label{Text: lang.L("Your profile")}, nil, s.profileSel),
			container.NewHBox(s.resume, s.start), s.status, s.past, container.NewHBox(s.compare))
		newProfile := container.NewVBox(
			&widget.Label{Text: lang.L("Someone new? Create a profile"), TextStyle: fyne.TextStyle{Bold: true}},
			container.NewBorder(nil, nil, nil, s.create, s.name), s.context)
		about := widget.NewAccordion(widget.NewAccordionItem(lang.L("About Hatcheck and the three hats"), container.NewVBox(intro, tracks, get)))
		body = container.NewVBox(readable(mine), widget.NewSeparator(), readable(newProfile), widget.NewSeparator(), readable(jobAd), about)
	} else {
		start := container.NewVBox(
			&widget.Label{Text: lang.L("Create a profile to begin"), TextStyle: fyne.TextStyle{Bold: true}},
			container.NewBorder(nil, nil, nil, s.create, s.name), s.context, s.status)
		body = container.NewVBox(readable(intro), readable(start), widget.NewSeparator(), tracks, widget.NewSeparator(), readable(get), readable(jobAd))
	}
	workshopB := &widget.Button{Text: lang.L("Workshop"), Icon: theme.AccountIcon(), Importance: widget.LowImportance, OnTapped: func() { s.app.show(newWorkshopScreen(s.app)) }}
	header := container.NewBorder(nil, nil, nil, container.NewHBox(workshopB, importB, settings), title)
	return container.NewBorder(header, nil, nil, nil, container.NewVScroll(container.NewPadded(body)))
}

func contextOptions() []string {
	out := make([]string, len(contextChoices))
	for i, c := range contextChoices {
		out[i] = contextLabel(c)
	}
	return out
}

// reload refreshes the profile list, choosing the profile with id (or the
// app's current profile).
func (s *homeScreen) reload(id int64) {
	ps, err := s.app.store.Profiles()
	if err != nil {
		s.app.showError(lang.L("Could not read the profiles."), err)
	}
	s.profiles = ps
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = profileLabel(p, ps)
	}
	s.profileSel.Options = names
	if id == 0 && s.app.profile != nil {
		id = s.app.profile.ID
	}
	if id == 0 {
		// Pick up where the last person left off.
		id, _ = strconv.ParseInt(s.app.setting(prefLastProfile, ""), 10, 64)
	}
	if id == 0 && len(ps) == 1 && s.app.kiosk == nil {
		id = ps[0].ID // the only person here
	}
	for i, p := range ps {
		if p.ID == id {
			s.profileSel.SetSelectedIndex(i)
			return
		}
	}
	s.app.profile = nil
	s.profileSel.ClearSelected()
	s.refreshActions()
}

// profileLabel names a profile, with its number when two share a name.
func profileLabel(p store.Profile, all []store.Profile) string {
	for _, o := range all {
		if o.ID != p.ID && o.Name == p.Name {
			return fmt.Sprintf("%s (#%d)", p.Name, p.ID)
		}
	}
	return p.Name
}

func (s *homeScreen) onProfileChosen(string) {
	i := s.profileSel.SelectedIndex()
	if i < 0 || i >= len(s.profiles) {
		return
	}
	p := s.profiles[i]
	s.app.profile = &p
	s.app.setSetting(prefLastProfile, strconv.FormatInt(p.ID, 10))
	s.refreshActions()
}

// refreshActions shows what the chosen profile can do: resume, start, or
// open past results.
func (s *homeScreen) refreshActions() {
	s.past.RemoveAll()
	s.inProgress = nil
	p := s.app.profile
	if p == nil {
		s.start.Disable()
		s.resume.Hide()
		s.status.SetText(lang.L("Create a profile or choose yours to begin."))
		return
	}
	s.start.Enable()
	total := s.app.coreTotal()
	ip, err := s.app.store.InProgress(p.ID)
	if err != nil {
		s.app.showError(lang.L("Could not read your attempts."), err)
	}
	s.inProgress = ip
	if ip != nil {
		s.resume.SetText(lang.L("Resume ({{.Answered}} of {{.Total}} answered)", map[string]any{"Answered": min(ip.Answered, total), "Total": total}))
		s.resume.Show()
		s.start.Importance = widget.MediumImportance
	} else {
		s.resume.Hide()
		s.start.Importance = widget.HighImportance
	}
	s.start.Refresh()
	keys := lang.L("Press Enter to {{.Action}} · Ctrl+J job ad · Ctrl+, settings · Ctrl+T workshop", map[string]any{"Action": map[bool]string{true: lang.L("resume"), false: lang.L("start")}[ip != nil]})
	atts, err := s.app.store.Attempts(p.ID)
	if err != nil {
		s.app.showError(lang.L("Could not read your attempts."), err)
		return
	}
	var finished []store.Attempt
	for _, a := range atts {
		if a.Finished != nil {
			finished = append(finished, a)
		}
	}
	s.latest = 0
	if len(finished) > 0 {
		s.latest = finished[len(finished)-1].ID
		keys = lang.L("Enter {{.Action}} · R your latest results · P your plan · Ctrl+J job ad · Ctrl+, settings · Ctrl+T workshop", map[string]any{"Action": map[bool]string{true: lang.L("resume"), false: lang.L("start again")}[ip != nil]})
	}
	s.status.SetText(keys)
	s.ticked = nil
	s.compare.Hide()
	if len(finished) > 0 {
		s.past.Add(&widget.Label{Text: lang.L("Your results so far"), TextStyle: fyne.TextStyle{Bold: true}})
	}
	for i := len(finished) - 1; i >= 0; i-- {
		a := finished[i]
		label := printer().ShortDate(a.Finished.Local())
		if _, r, err := s.app.scored(a.ID); err == nil && r.Tracks[0].Fit != nil {
			label = lang.L("{{.Date}}: best fit {{.Hat}} ({{.Fit}})", map[string]any{"Date": label, "Hat": hatInText(r.Tracks[0].ID), "Fit": scoreText(r.Tracks[0].Fit)})
		}
		results := &widget.Button{Text: lang.L("Results"), Icon: theme.DocumentIcon(), Importance: widget.LowImportance, OnTapped: func() { s.app.showResults(a.ID) }}
		plan := &widget.Button{Text: lang.L("Plan"), Icon: theme.ListIcon(), Importance: widget.LowImportance, OnTapped: func() { s.app.showPlan(a.ID, "") }}
		row := container.NewBorder(nil, nil, nil, container.NewHBox(results, plan), &widget.Label{Text: label, Truncation: fyne.TextTruncateEllipsis})
		if len(finished) > 1 {
			tick := &widget.Check{OnChanged: func(on bool) { s.onTick(a.ID, on) }}
			row = container.NewBorder(nil, nil, tick, container.NewHBox(results, plan), &widget.Label{Text: label, Truncation: fyne.TextTruncateEllipsis})
		}
		s.past.Add(row)
	}
	if len(finished) > 1 {
		s.past.Add(&widget.Label{Text: lang.L("Tick two attempts to compare them."), Importance: widget.LowImportance})
	}
}

// onTick keeps the ticked attempts; two ticked can be compared.
func (s *homeScreen) onTick(id int64, on bool) {
	var keep []int64
	for _, t := range s.ticked {
		if t != id {
			keep = append(keep, t)
		}
	}
	if on {
		keep = append(keep, id)
	}
	s.ticked = keep
	if len(s.ticked) == 2 {
		s.compare.Show()
	} else {
		s.compare.Hide()
	}
}

// onCompare shows the later of the two ticked attempts compared with the
// earlier one.
func (s *homeScreen) onCompare() {
	if len(s.ticked) != 2 {
		return
	}
	a, b := s.ticked[0], s.ticked[1]
	if a > b {
		a, b = b, a
	}
	s.app.showComparison(b, a)
}

func (s *homeScreen) onCreate() {
	ctx := ""
	if i := s.context.SelectedIndex(); i >= 0 {
		ctx = contextChoices[i]
	}
	p, err := s.app.store.CreateProfile(s.name.Text, ctx)
	if err != nil {
		s.app.showError(lang.L("Could not create the profile."), err)
		return
	}
	s.app.profile = &p
	s.app.setSetting(prefLastProfile, strconv.FormatInt(p.ID, 10))
	// Shown again: with a profile, the screen leads with it.
	s.app.show(newHomeScreen(s.app))
}

func (s *homeScreen) onStart() {
	if s.app.profile == nil {
		return
	}
	a, err := s.app.store.StartAttempt(s.app.profile.ID, s.app.engine.Bank.Version())
	if err != nil {
		s.app.showError(lang.L("Could not start the assessment."), err)
		return
	}
	s.app.showQuestionnaire(a.ID)
}

func (s *homeScreen) onResume() {
	if s.inProgress != nil {
		s.app.showQuestionnaire(s.inProgress.ID)
	}
}

func (s *homeScreen) onSettings() { s.app.show(newSettingsScreen(s.app)) }

func (s *homeScreen) shortcuts() []shortcut {
	return []shortcut{
		{key: settingsShortcut, run: s.onSettings, private: true},
		{key: workshopShortcut, run: func() { s.app.show(newWorkshopScreen(s.app)) }, private: true},
		{key: jobAdShortcut, run: s.onJobAd, private: true},
	}
}

// onJobAd opens the job-ad check; it compares with the chosen profile's
// results.
func (s *homeScreen) onJobAd() { s.app.show(newJobAdScreen(s.app)) }

func (s *homeScreen) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		switch {
		case s.inProgress != nil:
			s.onResume()
		case s.app.profile != nil:
			s.onStart()
		}
	}
}

// focusFirst puts the cursor in the name field on a first launch, so that a
// person can start typing at once.
func (s *homeScreen) focusFirst() {
	if len(s.profiles) == 0 {
		s.app.win.Canvas().Focus(s.name)
	}
}

// typedRune: R opens the latest results, P the latest plan.
func (s *homeScreen) typedRune(r rune) {
	if s.latest == 0 {
		return
	}
	switch r {
	case 'r', 'R':
		s.app.showResults(s.latest)
	case 'p', 'P':
		s.app.showPlan(s.latest, "")
	}
}
func (s *homeScreen) leave() {}
