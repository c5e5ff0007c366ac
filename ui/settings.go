package ui

import (
	"errors"
	"net/url"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/internal/about"
	"hatcheck/internal/i18n"
	"hatcheck/store"
)

// settingsScreen sets the appearance, shows where the data lives, deletes a
// profile or all data after a confirmation, and says which Hatcheck this is.
type settingsScreen struct {
	app *App

	themeChoice *widget.RadioGroup
	langChoice  *widget.RadioGroup
	deleteOne   *widget.Button
	deleteAll   *widget.Button
	about       *widget.Label
}

func newSettingsScreen(app *App) *settingsScreen { return &settingsScreen{app: app} }

var themeIDs = []string{"system", "light", "dark"}

func (s *settingsScreen) content() fyne.CanvasObject {
	title := &widget.Label{Text: lang.L("Settings"), TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameHeadingText}
	labels := []string{lang.L("Follow the system"), lang.L("Light"), lang.L("Dark")}
	s.themeChoice = &widget.RadioGroup{Options: labels, Horizontal: true, Required: true}
	current := s.app.setting(prefTheme, "system")
	for i, id := range themeIDs {
		if id == current {
			s.themeChoice.Selected = labels[i]
		}
	}
	s.themeChoice.OnChanged = func(string) {
		for i, l := range labels {
			if l == s.themeChoice.Selected {
				s.app.setSetting(prefTheme, themeIDs[i])
				applyTheme(s.app.fyneApp, themeIDs[i])
			}
		}
		// The choice keeps no focus, so that Escape still goes home.
		s.app.win.Canvas().Unfocus()
	}
	s.langChoice = s.languageChoice()
	path := s.app.store.Path()
	where := &widget.Label{Text: path, Wrapping: fyne.TextWrapBreak}
	openFolder := &widget.Button{Text: lang.L("Open the data folder"), Icon: theme.FolderOpenIcon(), OnTapped: func() {
		s.app.fyneApp.OpenURL(&url.URL{Scheme: "file", Path: filepath.Dir(path)})
	}}
	importB := &widget.Button{Text: lang.L("Import a results file…"), Icon: theme.DownloadIcon(), OnTapped: func() {
		s.app.onImport(func(store.Imported) {})
	}}
	s.deleteOne = &widget.Button{Text: lang.L("Delete my profile…"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: s.onDeleteProfile}
	if s.app.profile == nil {
		s.deleteOne.Disable()
	}
	s.deleteAll = &widget.Button{Text: lang.L("Delete all data…"), Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: s.onDeleteAll}
	back := &widget.Button{Text: lang.L("Home"), Icon: theme.HomeIcon(), OnTapped: s.app.showHome}
	// Selectable, so that the version and commit can be copied into a
	// message asking for help.
	s.about = &widget.Label{Text: aboutText(about.Current()), Wrapping: fyne.TextWrapWord, Selectable: true}

	body := container.NewVBox(
		&widget.Label{Text: lang.L("Appearance"), TextStyle: fyne.TextStyle{Bold: true}}, s.themeChoice,
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("Language"), TextStyle: fyne.TextStyle{Bold: true}}, s.langChoice,
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("Where your data lives"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: lang.L("Everything stays on this computer, in one file readable by you only. Set HATCHECK_DATA_DIR to keep it elsewhere."), Wrapping: fyne.TextWrapWord},
		where, container.NewHBox(openFolder, importB),
		s.setAside(),
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("Delete"), TextStyle: fyne.TextStyle{Bold: true}},
		&widget.Label{Text: lang.L("Deleting removes the answers, results and plans from the file for good; there is no undo. Export a results file first if you may want them later."), Wrapping: fyne.TextWrapWord},
		container.NewHBox(s.deleteOne), container.NewHBox(s.deleteAll),
		widget.NewSeparator(),
		&widget.Label{Text: lang.L("About"), TextStyle: fyne.TextStyle{Bold: true}},
		s.about)
	return container.NewBorder(container.NewPadded(title), container.NewPadded(container.NewHBox(back)), nil, nil, container.NewVScroll(container.NewPadded(readable(body))))
}

// languageChoice offers the system's language or one of Hatcheck's; a
// choice applies at once, to the window and to everything it writes next
// (results, plans, PDFs), and is kept in the data folder.
func (s *settingsScreen) languageChoice() *widget.RadioGroup {
	ids := append([]string{"system"}, i18n.Supported...)
	labels := []string{lang.L("Follow the system ({{.Language}})", map[string]any{"Language": i18n.Names[i18n.System()]})}
	for _, code := range i18n.Supported {
		labels = append(labels, i18n.Names[code])
	}
	g := &widget.RadioGroup{Options: labels, Horizontal: true, Required: true}
	current := s.app.setting(prefLanguage, "system")
	for i, id := range ids {
		if id == current {
			g.Selected = labels[i]
		}
	}
	g.OnChanged = func(sel string) {
		for i, l := range labels {
			if l == sel && ids[i] != current {
				s.app.setSetting(prefLanguage, ids[i])
				s.app.engine = s.app.base.In(setLanguage(ids[i]))
				// Rebuilt in the new language, when this change is done.
				go fyne.Do(func() { s.app.show(newSettingsScreen(s.app)) })
			}
		}
	}
	return g
}

// aboutText names this Hatcheck's version and build and the commit it was
// built from, as "hatcheck --version" does.
func aboutText(i about.Info) string {
	version := lang.L("Hatcheck, version unknown")
	if i.Version != "" {
		version = lang.L("Hatcheck {{.Version}}, build {{.Build}}", map[string]any{"Version": i.Version, "Build": i.Build})
	}
	built := lang.L("The commit it was built from was not recorded.")
	switch {
	case i.Commit != "" && i.Modified:
		built = lang.L("Built from commit {{.Commit}}, with changes not yet committed.", map[string]any{"Commit": i.ShortCommit()})
	case i.Commit != "":
		built = lang.L("Built from commit {{.Commit}}.", map[string]any{"Commit": i.ShortCommit()})
	}
	return version + "\n" + built
}

// setAside lists the databases that could not be read and were set aside,
// with a button that brings their data back; empty when there are none.
func (s *settingsScreen) setAside() fyne.CanvasObject {
	files := s.app.store.SetAside
	if len(files) == 0 {
		return container.NewVBox()
	}
	recoverB := &widget.Button{Text: lang.L("Recover"), Icon: theme.HistoryIcon(), Importance: widget.HighImportance,
		OnTapped: func() { s.app.recoverFiles(files) }}
	return container.NewVBox(
		&widget.Label{Text: lang.L("Set aside because it could not be read (nothing was deleted):"), Wrapping: fyne.TextWrapWord},
		&widget.Label{Text: strings.Join(files, "\n"), Wrapping: fyne.TextWrapBreak},
		container.NewHBox(recoverB))
}

func (s *settingsScreen) onDeleteProfile() {
	p := s.app.profile
	if p == nil {
		return
	}
	dialog.ShowConfirm(lang.L("Delete this profile?"),
		lang.L("This deletes {{.Name}} with every attempt, result and plan, for good.", map[string]any{"Name": p.Name}),
		func(ok bool) {
			if !ok {
				return
			}
			err := s.app.store.DeleteProfile(p.ID)
			if err != nil && !errors.Is(err, store.ErrNotCompacted) {
				s.app.showError(lang.L("Could not delete the profile."), err)
				return
			}
			s.app.profile = nil
			s.app.showHome()
			s.app.notCompacted(err)
		}, s.app.win)
}

func (s *settingsScreen) onDeleteAll() {
	dialog.ShowConfirm(lang.L("Delete all data?"),
		lang.L("This deletes every profile, attempt, result and plan on this computer, for good."),
		func(ok bool) {
			if !ok {
				return
			}
			err := s.app.store.DeleteAll()
			if err != nil && !errors.Is(err, store.ErrNotCompacted) {
				s.app.showError(lang.L("Could not delete the data."), err)
				return
			}
			s.app.profile = nil
			s.app.showHome()
			s.app.notCompacted(err)
		}, s.app.win)
}

func (s *settingsScreen) typedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		s.app.showHome()
	}
}

func (s *settingsScreen) typedRune(rune) {}
func (s *settingsScreen) leave()         {}
