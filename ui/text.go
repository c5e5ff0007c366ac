package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"

	"github.com/jeandeaual/go-locale"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/internal/palette"
	"hatcheck/questions"
)

// uiLang is the language of the window and of everything it writes: the
// results, the plan, the PDF. setLanguage sets it.
var uiLang = "en"

// language is the language of the interface: "en" or "es".
func language() string { return uiLang }

// prefLanguage stores the chosen language: "system", "en" or "es".
const prefLanguage = "language"

// setLanguage makes choice ("system" or "" for the system's, else a
// language code) the language of the window, Fyne's own texts included:
// one lookup (i18n.System) decides, and Fyne is told the result. It
// returns the language code.
func setLanguage(choice string) string {
	code := i18n.Match(choice)
	if choice == "" || choice == "system" {
		code = i18n.System()
	}
	locale.SetOverride(code)
	if err := LoadTranslations(); err != nil {
		fyne.LogError("translations", err)
	}
	// Fyne picks its language when translations are added: adding none
	// has it pick again, now that the override says which.
	if err := lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale(code)); err != nil {
		fyne.LogError("translations", err)
	}
	uiLang = code
	return code
}

// printer writes the domain's texts (dates among them) in the interface's
// language.
func printer() *i18n.Printer { return i18n.For(language()) }

// text is a bank text in the interface's language.
func text(t questions.Text) string { return t.In(language()) }

// hatInText is a hat's name inside a sentence: "you lean community
// manager".
func hatInText(id string) string { return assessment.LowerFirst(trackName(id)) }

// trackName is a track's display name.
func trackName(id string) string {
	if e, err := assessment.Default(); err == nil {
		if t, ok := e.Bank.Track(id); ok {
			return text(t.Name)
		}
	}
	return id
}

// trackColour is a hat's colour, the same as in the PDF (internal/palette).
func trackColour(id string) color.Color { return palette.Track(id) }

// trackSwatch is a small square in a track's colour.
func trackSwatch(id string) fyne.CanvasObject {
	r := canvas.NewRectangle(trackColour(id))
	r.CornerRadius = 3
	r.SetMinSize(fyne.NewSize(14, 14))
	return container.NewCenter(r)
}

// coreTotal is the number of questions in the timed questionnaire.
func (u *App) coreTotal() int {
	n := 0
	for _, it := range u.engine.Bank.Items {
		if it.Core() {
			n++
		}
	}
	return n
}

// readable keeps a column of text at a comfortable measure (about 90
// characters) in a wide window, centred; in a narrow window it takes the
// width there is.
func readable(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&measureLayout{max: 860}, o)
}

// wide keeps a board of columns from spreading over a very wide window
// (three cards of about 400 pixels), centred like readable.
func wide(o fyne.CanvasObject) fyne.CanvasObject {
	return container.New(&measureLayout{max: 1280}, o)
}

type measureLayout struct{ max float32 }

func (l *measureLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, l.max)
	for _, o := range objs {
		o.Move(fyne.NewPos((size.Width-w)/2, 0))
		o.Resize(fyne.NewSize(w, size.Height))
	}
}

func (l *measureLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	return s
}
