package ui

import (
	"image/color"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// choicePad is a list of answers, each with its key (1-5 or A-D), chosen
// with the mouse or the keyboard. It takes focus so that the keys reach it,
// and passes the navigation keys on to its screen.
type choicePad struct {
	widget.BaseWidget

	keys     []string // "1".."5" or "A".."D"
	texts    []string
	selected int
	focused  bool

	// OnSelected is called when the person picks an answer.
	OnSelected func(i int)
	// OnKey gets every key the pad does not use (Enter, arrows...).
	OnKey func(*fyne.KeyEvent)
	// OnRune gets every rune the pad does not use.
	OnRune func(rune)

	rows []*choiceRow
}

func newChoicePad(keys, texts []string, selected int) *choicePad {
	p := &choicePad{keys: keys, texts: texts, selected: selected}
	p.ExtendBaseWidget(p)
	return p
}

// Select picks answer i, as a click or a key would.
func (p *choicePad) Select(i int) {
	if i < 0 || i >= len(p.texts) {
		return
	}
	p.selected = i
	p.Refresh()
	if p.OnSelected != nil {
		p.OnSelected(i)
	}
}

// Selected is the chosen answer, or -1.
func (p *choicePad) Selected() int { return p.selected }

// keyIndex maps a typed rune to an answer: "1" is the first, and for
// lettered answers "a" or "A" is the first too.
func (p *choicePad) keyIndex(r rune) int {
	for i, k := range p.keys {
		if string(unicode.ToUpper(r)) == k {
			return i
		}
	}
	if r >= '1' && r <= '9' && int(r-'1') < len(p.keys) {
		return int(r - '1')
	}
	return -1
}

func (p *choicePad) CreateRenderer() fyne.WidgetRenderer {
	p.rows = make([]*choiceRow, len(p.texts))
	objs := make([]fyne.CanvasObject, len(p.texts))
	for i := range p.texts {
		i := i
		p.rows[i] = newChoiceRow(p.keys[i], p.texts[i], func() { p.Select(i) })
		objs[i] = p.rows[i]
	}
	border := canvas.NewRectangle(color.Transparent)
	border.StrokeWidth = 2
	border.CornerRadius = theme.InputRadiusSize()
	r := &choicePadRenderer{pad: p, border: border, box: container.NewVBox(objs...)}
	r.Refresh()
	return r
}

// FocusGained and the rest make the pad keyboard-operable.
func (p *choicePad) FocusGained() { p.focused = true; p.Refresh() }
func (p *choicePad) FocusLost()   { p.focused = false; p.Refresh() }

func (p *choicePad) TypedRune(r rune) {
	if i := p.keyIndex(r); i >= 0 {
		p.Select(i)
		return
	}
	if p.OnRune != nil {
		p.OnRune(r)
	}
}

func (p *choicePad) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		if p.selected > 0 {
			p.Select(p.selected - 1)
		} else if p.selected < 0 {
			p.Select(len(p.texts) - 1)
		}
		return
	case fyne.KeyDown:
		if p.selected < len(p.texts)-1 {
			p.Select(p.selected + 1)
		}
		return
	case fyne.KeySpace:
		if p.selected < 0 {
			p.Select(0)
		}
		return
	}
	if p.OnKey != nil {
		p.OnKey(ev)
	}
}

// Tapped focuses the pad, so that keys work after a click elsewhere.
func (p *choicePad) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p); c != nil {
		c.Focus(p)
	}
}

type choicePadRenderer struct {
	pad    *choicePad
	border *canvas.Rectangle
	box    *fyne.Container
}

func (r *choicePadRenderer) Layout(size fyne.Size) {
	r.border.Resize(size)
	pad := theme.Padding()
	r.box.Move(fyne.NewPos(pad, pad))
	r.box.Resize(size.SubtractWidthHeight(2*pad, 2*pad))
}

func (r *choicePadRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	return r.box.MinSize().AddWidthHeight(2*pad, 2*pad)
}

func (r *choicePadRenderer) Refresh() {
	if r.pad.focused {
		r.border.StrokeColor = theme.Color(theme.ColorNameFocus)
	} else {
		r.border.StrokeColor = color.Transparent
	}
	r.border.Refresh()
	for i, row := range r.pad.rows {
		row.setSelected(i == r.pad.selected)
	}
}

func (r *choicePadRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.border, r.box}
}

func (r *choicePadRenderer) Destroy() {}

// choiceRow is one answer: its key in a badge and its text, wrapped.
type choiceRow struct {
	widget.BaseWidget
	key, text string
	onTap     func()
	selected  bool
	hovered   bool

	bg    *canvas.Rectangle
	badge *canvas.Text
	label *widget.Label
}

func newChoiceRow(key, text string, onTap func()) *choiceRow {
	r := &choiceRow{key: key, text: text, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

func (r *choiceRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *choiceRow) MouseIn(*desktop.MouseEvent)    { r.hovered = true; r.Refresh() }
func (r *choiceRow) MouseMoved(*desktop.MouseEvent) {}
func (r *choiceRow) MouseOut()                      { r.hovered = false; r.Refresh() }

func (r *choiceRow) setSelected(b bool) {
	if r.selected != b {
		r.selected = b
		r.Refresh()
	}
}

func (r *choiceRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.badge = canvas.NewText(r.key, theme.Color(theme.ColorNameForeground))
	r.badge.TextStyle = fyne.TextStyle{Bold: true, Monospace: true}
	r.badge.Alignment = fyne.TextAlignCenter
	r.label = &widget.Label{Text: r.text, Wrapping: fyne.TextWrapWord}
	rr := &choiceRowRenderer{row: r}
	rr.Refresh()
	return rr
}

type choiceRowRenderer struct{ row *choiceRow }

const badgeWidth = 34

func (rr *choiceRowRenderer) Layout(size fyne.Size) {
	r := rr.row
	r.bg.Resize(size)
	r.badge.Move(fyne.NewPos(0, (size.Height-r.badge.MinSize().Height)/2))
	r.badge.Resize(fyne.NewSize(badgeWidth, r.badge.MinSize().Height))
	r.label.Move(fyne.NewPos(badgeWidth, 0))
	r.label.Resize(fyne.NewSize(size.Width-badgeWidth, size.Height))
}

func (rr *choiceRowRenderer) MinSize() fyne.Size {
	m := rr.row.label.MinSize()
	return fyne.NewSize(m.Width+badgeWidth, max(m.Height, rr.row.badge.MinSize().Height+theme.Padding()))
}

func (rr *choiceRowRenderer) Refresh() {
	r := rr.row
	r.label.TextStyle = fyne.TextStyle{Bold: r.selected}
	switch {
	case r.selected:
		r.bg.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), chosenTint)
		r.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.bg.StrokeWidth = 2
	case r.hovered:
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
		r.bg.StrokeWidth = 0
	default:
		r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		r.bg.StrokeWidth = 0
	}
	r.badge.Color = theme.Color(theme.ColorNameForeground)
	r.bg.Refresh()
	r.badge.Refresh()
	r.label.Refresh()
}

// withAlpha makes a colour translucent.
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

func (rr *choiceRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{rr.row.bg, rr.row.badge, rr.row.label}
}

func (rr *choiceRowRenderer) Destroy() {}

// chosenTint is the opacity of the primary colour behind a chosen answer:
// light enough for its text to stay at 4.5:1 (contrast_test.go).
const chosenTint = 0x33
