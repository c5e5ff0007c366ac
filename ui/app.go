// Package ui is Hatcheck's desktop app, built with Fyne: one struct per
// screen (home, questionnaire, results, plan, settings), every user-facing
// string through lang.L, every answer saved by the store before the page
// moves on. It holds no scoring logic: that lives in the assessment package.
package ui

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/assets"
	"hatcheck/internal/about"
	"hatcheck/internal/i18n"
	"hatcheck/store"
)

// Run opens the desktop app and returns the process exit code when the
// window closes. The app's identity is the one main recorded in package
// about from the embedded FyneApp.toml.
func Run() int {
	m := about.Current()
	icon := fyne.NewStaticResource("icon.png", assets.Icon)
	app.SetMetadata(fyne.AppMetadata{ID: m.ID, Name: m.Name, Version: m.Version,
		Build: m.Build, Icon: icon, Migrations: m.Migrations})
	// A soft limit keeps the Go heap small between PDF exports, which
	// allocate a few megabytes for a moment.
	debug.SetMemoryLimit(64 << 20)
	a := newFyneApp(m.ID)
	fonts := warmFonts()
	// The questions and the data folder open on another core while this
	// one makes the window (about 100 ms under X): neither waits for the
	// other (issue 16).
	data := make(chan openedData, 1)
	go func() { data <- openData("") }()
	// The window gets the 128 px icon: the 512 px one cost about 30 ms to
	// decode and hand to X before the window appeared.
	windowIcon := fyne.NewStaticResource("icon-128.png", assets.WindowIcon)
	a.SetIcon(windowIcon)
	w, err := newWindow(a, "Hatcheck")
	if err != nil {
		setLanguage("system")
		fmt.Fprintf(os.Stderr, "hatcheck: %s\n", lang.L("Hatcheck could not open its window: {{.Err}}. Check that a graphical session is running (DISPLAY is \"{{.Display}}\"), or use the command line: hatcheck help",
			map[string]any{"Err": err, "Display": os.Getenv("DISPLAY")}))
		// The data may still be opening (another process can hold its
		// lock for a while): close it if it comes soon, else leave it to
		// the exit, which SQLite and the lock file survive as they survive
		// a crash.
		select {
		case d := <-data:
			if d.store != nil {
				d.store.Close()
			}
		case <-time.After(2 * time.Second):
		}
		return 1
	}
	w.SetIcon(windowIcon)
	w.Resize(fyne.NewSize(1024, 720))
	w.CenterOnScreen()
	if _, err := newApp(a, w, <-data, fonts); err != nil {
		// The message is on screen; the window stays until it is closed.
		fmt.Fprintf(os.Stderr, "hatcheck: %v\n", err)
	}
	w.ShowAndRun()
	return 0
}

// newWindow is a.NewWindow, with the panic of the window toolkit when it
// cannot reach the display (GLFW's "X11: Failed to open display", then
// "The GLFW library is not initialized") turned into an error.
func newWindow(a fyne.App, title string) (w fyne.Window, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	return a.NewWindow(title), nil
}

// warmFonts has Fyne load the faces of plain and bold text (parsing the
// theme's and the emoji fonts, and scanning the system's fonts for the
// fallback) on the second core, while the first opens the data and loads
// the questions; the home screen, which measures a lot of text, waits for
// it. Fyne caches the faces per style, and keeps them until the app runs
// and its settings change. The channel is closed when it is done.
func warmFonts() <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			fyne.MeasureText("Hatcheck", theme.TextSize(), style)
		}
	}()
	return done
}

// LoadTranslations registers the window's catalogues (en.json, es.json)
// with Fyne, once per process. The domain's catalogues (cli.es.json...)
// are package i18n's, which the window's texts never look up through Fyne:
// parsing them too, at every change of language, cost about 50 ms of the
// window's start (issue 16).
func LoadTranslations() error { return loadTranslations() }

var loadTranslations = sync.OnceValue(func() error {
	for _, code := range i18n.Supported {
		data, err := assets.Translations.ReadFile("translations/" + code + ".json")
		if err != nil {
			return err
		}
		if err := lang.AddTranslationsForLocale(data, fyne.Locale(code)); err != nil {
			return fmt.Errorf("%s.json: %w", code, err)
		}
	}
	return nil
})

// App is the running desktop app: the window, the engine and the store,
// and the screen shown now.
type App struct {
	fyneApp fyne.App
	win     fyne.Window
	// engine speaks the interface's language; base is the same engine in
	// English, from which a change of language makes the next.
	engine *assessment.Engine
	base   *assessment.Engine
	store  *store.Store

	profile *store.Profile // the person working now, if chosen
	current screen
	// notice is an open confirmation (such as "your plan is saved"); Escape
	// or the next screen closes it.
	notice dialog.Dialog
	// kiosk is the cohort of the next participant mode, when it is on: the
	// home screen is then the clean start for the next person.
	kiosk *store.Cohort
	// kioskPIN, when set, is asked before leaving that mode; kioskCode is
	// the participant code of the person working now in it.
	kioskPIN, kioskCode string
	// shortcuts are the current screen's key combinations (useShortcuts).
	shortcuts []fyne.Shortcut
}

// closeNotice closes an open confirmation; it reports whether there was one.
func (u *App) closeNotice() bool {
	if u.notice == nil {
		return false
	}
	u.notice.Hide()
	u.notice = nil
	return true
}

// screen is one of the app's screens.
type screen interface {
	// content builds the screen's widgets.
	content() fyne.CanvasObject
	// typedKey and typedRune get the keys no focused widget took.
	typedKey(*fyne.KeyEvent)
	typedRune(rune)
	// leave is called before another screen replaces this one.
	leave()
}

// New opens the store in dataDir (the default data folder when "") and shows
// the home screen. When the store cannot be opened, the window shows what
// went wrong and what to do, and the error is returned.
func New(a fyne.App, w fyne.Window, dataDir string) (*App, error) {
	return newApp(a, w, openData(dataDir), nil)
}

// openedData is what the app needs from disk: the engine and the data
// folder's store, or the step that failed ("questions", "folder" or
// "store") and why.
type openedData struct {
	engine *assessment.Engine
	store  *store.Store
	failed string
	err    error
}

// openData loads the questions and opens the store of dataDir (the
// default data folder when ""). It touches nothing of the window's, so it
// can run while the window is made.
func openData(dataDir string) (d openedData) {
	if d.engine, d.err = assessment.Default(); d.err != nil {
		d.failed = "questions"
		return d
	}
	if dataDir == "" {
		if dataDir, d.err = store.DefaultDir(); d.err != nil {
			d.failed = "folder"
			return d
		}
	}
	if d.store, d.err = store.Open(dataDir); d.err != nil {
		d.failed = "store"
	}
	return d
}

// newApp is New with the data opened; when fonts is not nil, the home
// screen is built once it is closed (see warmFonts).
func newApp(a fyne.App, w fyne.Window, data openedData, fonts <-chan struct{}) (*App, error) {
	// Nothing may change the app's settings (the theme) while warmFonts
	// reads them: ready waits for it.
	ready := func() {
		if fonts != nil {
			<-fonts
			fonts = nil
		}
	}
	fatal := func(msg string, err error) {
		ready()
		applyTheme(a, "system")
		showFatal(w, msg, err)
	}
	engine, s, err := data.engine, data.store, data.err
	if err != nil {
		// The person's choice of language is in the store: the system's.
		setLanguage("system")
	}
	switch data.failed {
	case "questions":
		fatal(lang.L("The built-in questions are damaged; please reinstall Hatcheck."), err)
		return nil, err
	case "folder":
		fatal(lang.L("Hatcheck cannot find a folder for its data."), err)
		return nil, err
	case "store":
		msg := lang.L("Hatcheck cannot open its data.")
		switch {
		case errors.Is(err, store.ErrNewerVersion):
			msg = lang.L("Your data was saved by a newer version of Hatcheck. Install that version to open it; the data has not been changed.")
		case errors.Is(err, store.ErrNoAccess), errors.Is(err, store.ErrReadOnly):
			msg = lang.L("Hatcheck may not read or write its data folder. Check the folder's permissions, or start Hatcheck with HATCHECK_DATA_DIR set to another folder; nothing was changed.")
		case errors.Is(err, store.ErrBusy):
			msg = lang.L("Another Hatcheck window or command is busy with the data. Close it, then start Hatcheck again.")
		case errors.Is(err, store.ErrDiskFull):
			msg = lang.L("The disk is full. Free some space, then start Hatcheck again; everything saved before is safe.")
		}
		fatal(msg, err)
		return nil, err
	}
	ready()
	ui := &App{fyneApp: a, win: w, base: engine, store: s}
	ui.engine = engine.In(setLanguage(ui.setting(prefLanguage, "system")))
	keepPreferencesInStore(a, s)
	applyTheme(a, ui.setting(prefTheme, "system"))
	w.SetCloseIntercept(func() {
		ui.leaveCurrent()
		s.Close()
		w.Close()
	})
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		// A key never acts on the screen behind an open dialog: Escape
		// closes the dialog, other keys stay with it.
		if top := w.Canvas().Overlays().Top(); top != nil {
			if ev.Name == fyne.KeyEscape {
				if !ui.closeNotice() {
					top.Hide()
				}
			}
			return
		}
		if ui.current != nil {
			ui.current.typedKey(ev)
		}
	})
	w.Canvas().SetOnTypedRune(func(r rune) {
		if w.Canvas().Overlays().Top() != nil {
			return
		}
		if ui.current != nil {
			ui.current.typedRune(r)
		}
	})
	ui.showHome()
	ui.announceSetAside()
	return ui, nil
}

// setting reads one of the app's settings. They live in the data folder,
// not in Fyne's preferences, so that a data folder elsewhere (a USB stick)
// leaves nothing behind on the computer.
func (u *App) setting(key, fallback string) string { return u.store.Setting(key, fallback) }

// setSetting keeps a setting; a setting that cannot be saved is not worth
// interrupting the person for, so it is only logged.
func (u *App) setSetting(key, value string) {
	if err := u.store.SetSetting(key, value); err != nil {
		fyne.LogError("save a setting", err)
	}
}

// announceSetAside tells the person, at every start until they deal with
// it, that a database could not be read and was set aside, and offers to
// bring its data back.
func (u *App) announceSetAside() {
	files := u.store.SetAside
	if len(files) == 0 {
		return
	}
	msg := lang.L("An earlier Hatcheck database could not be read and was set aside; nothing in it was deleted:") + "\n" + strings.Join(files, "\n") +
		"\n\n" + lang.L("Recover brings back what it still holds. You can also do it later in Settings.")
	if u.store.Recovered != nil {
		msg = lang.L("Hatcheck could not read its database, so it set the file aside and started a new one; nothing was deleted:") + "\n" + strings.Join(files, "\n") +
			"\n\n" + lang.L("Recover brings back what it still holds. You can also do it later in Settings.")
	}
	d := dialog.NewConfirm(lang.L("Some data was set aside"), msg, func(ok bool) {
		if ok {
			u.recoverFiles(files)
		}
	}, u.win)
	d.SetConfirmText(lang.L("Recover"))
	d.SetDismissText(lang.L("Later"))
	d.Show()
}

// recoverFiles brings back the data of set-aside databases and says what
// came back.
func (u *App) recoverFiles(files []string) {
	var lines []string
	for _, f := range files {
		r, err := u.store.Recover(f)
		if err != nil {
			lines = append(lines, lang.L("{{.File}}: could not be read ({{.Error}}). It is kept as it is.", map[string]any{"File": f, "Error": printer().Error(err)}))
			continue
		}
		lines = append(lines, lang.L("{{.File}}: people found: {{.People}}; attempts brought back: {{.Attempts}}; already here: {{.Already}}.",
			map[string]any{"File": f, "Attempts": r.Attempts, "People": r.Profiles, "Already": r.Duplicates}))
		if len(r.Problems) > 0 {
			lines = append(lines, lang.L("Some of it could not be read; the file stays where it is:")+"\n• "+strings.Join(printer().Errors(r.Problems), "\n• "))
		}
	}
	u.store.SetAside = store.SetAsideFiles(u.store.Dir())
	dialog.ShowInformation(lang.L("Recovery"), strings.Join(lines, "\n\n"), u.win)
	u.showHome()
}

// showFatal fills the window with a message when the app cannot start.
func showFatal(w fyne.Window, msg string, err error) {
	title := &widget.Label{Text: lang.L("Hatcheck cannot start"), TextStyle: fyne.TextStyle{Bold: true}}
	body := &widget.Label{Text: msg, Wrapping: fyne.TextWrapWord}
	detail := &widget.Label{Text: printer().Error(err), Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	w.SetContent(container.NewPadded(container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.ErrorIcon()), title), body, detail)))
}

func (u *App) leaveCurrent() {
	if u.current != nil {
		u.current.leave()
	}
}

// show replaces the window's content with a screen.
func (u *App) show(s screen) {
	u.closeNotice()
	u.leaveCurrent()
	u.current = s
	u.win.SetContent(s.content())
	u.useShortcuts(s)
	u.win.Canvas().Unfocus()
	if f, ok := s.(interface{ focusFirst() }); ok {
		f.focusFirst()
	}
}

// Close closes the store; the window closes itself.
func (u *App) Close() {
	u.leaveCurrent()
	u.store.Close()
}

// notCompacted says that a deletion is done but that its traces stay in the
// data file until there is space to compact it (nothing when err is nil).
func (u *App) notCompacted(err error) {
	if err == nil {
		return
	}
	u.showError(lang.L("Deleted, but not yet wiped from the disk."), errors.New(lang.L("What you deleted is gone from Hatcheck, but the disk is too full to rewrite the data file, so traces of it stay inside the file. Free some space: Hatcheck finishes the job at its next start.")))
}

// showError tells the person what went wrong and what to do next.
func (u *App) showError(doing string, err error) {
	msg := printer().Error(err)
	switch {
	case errors.Is(err, store.ErrDiskFull):
		msg = lang.L("The disk is full. Free some space and try again; everything saved before is safe.")
	case errors.Is(err, store.ErrReadOnly):
		msg = lang.L("Hatcheck cannot write to its data folder. Check the folder's permissions; everything saved before is safe.")
	}
	d := dialog.NewError(fmt.Errorf("%s\n\n%s", doing, msg), u.win)
	d.Show()
}

func (u *App) showHome() {
	if u.kiosk != nil {
		u.nextParticipant()
		return
	}
	u.show(newHomeScreen(u))
}

// scored loads an attempt's answers and scores them.
func (u *App) scored(attempt int64) (*assessment.Answers, *assessment.Result, error) {
	answers, _, err := u.store.Answers(attempt, u.engine.Bank)
	if err != nil {
		return nil, nil, err
	}
	return answers, u.engine.Score(answers), nil
}

// fitDialog sizes a dialog to at most w x h, and never beyond the window
// (a margin of 40 left around it); 0 leaves that side at its natural size.
func (u *App) fitDialog(d dialog.Dialog, w, h float32) {
	win := u.win.Canvas().Size()
	size := fyne.NewSize(min(win.Width-40, w), 0)
	if h > 0 {
		size.Height = min(win.Height-40, h)
	}
	d.Resize(size)
}
