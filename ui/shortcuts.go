package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// shortcut is a key combination a screen answers. Screens declare theirs
// (see screenShortcuts); App.show adds them when the screen is shown and
// removes them when it leaves, in one place.
type shortcut struct {
	key fyne.Shortcut
	run func()
	// private: it reaches other people's data, the trainer's screens or
	// the file system. It is never registered in the next participant mode.
	private bool
}

// screenShortcuts is implemented by screens that answer key combinations.
type screenShortcuts interface {
	shortcuts() []shortcut
}

var (
	// settingsShortcut is Ctrl+, (Cmd+, on macOS), the usual key for
	// settings.
	settingsShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyComma, Modifier: fyne.KeyModifierShortcutDefault}
	// workshopShortcut is Ctrl+T (T for trainer) for the workshop screen.
	workshopShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyT, Modifier: fyne.KeyModifierShortcutDefault}
	// saveShortcut is Ctrl+S (Cmd+S on macOS).
	saveShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	// jobAdShortcut is Ctrl+J (J for job) for the job-ad check.
	jobAdShortcut = &desktop.CustomShortcut{KeyName: fyne.KeyJ, Modifier: fyne.KeyModifierShortcutDefault}
)

// allShortcuts is every key combination the app defines; a test presses
// them all in the next participant mode.
var allShortcuts = []fyne.Shortcut{settingsShortcut, workshopShortcut, saveShortcut, jobAdShortcut, checkShortcut, openShortcut}

// useShortcuts replaces the window's shortcuts with those of s. In the next
// participant mode the private ones are left out.
func (u *App) useShortcuts(s screen) {
	c := u.win.Canvas()
	for _, k := range u.shortcuts {
		c.RemoveShortcut(k)
	}
	u.shortcuts = nil
	sh, ok := s.(screenShortcuts)
	if !ok {
		return
	}
	for _, sc := range sh.shortcuts() {
		if sc.private && u.kiosk != nil {
			continue
		}
		run := sc.run
		c.AddShortcut(sc.key, func(fyne.Shortcut) { run() })
		u.shortcuts = append(u.shortcuts, sc.key)
	}
}
