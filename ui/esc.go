package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives every key to the focused widget and none to the window, so a
// list or an entry focused inside a dialog would keep Escape from closing
// it. These two hand Escape on.

// escList is a list that calls OnEscape on Escape.
type escList struct {
	widget.List
	OnEscape func()
}

func (l *escList) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && l.OnEscape != nil {
		l.OnEscape()
		return
	}
	l.List.TypedKey(ev)
}

// escEntry is an entry that calls OnEscape on Escape.
type escEntry struct {
	widget.Entry
	OnEscape func()
}

func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(ev)
}
