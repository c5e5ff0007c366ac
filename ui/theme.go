package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// prefTheme stores the chosen appearance: "system", "light" or "dark".
const prefTheme = "theme"

// appTheme is Fyne's theme with the text colours every person can read:
// each text colour meets WCAG AA (4.5:1) on every background it is drawn
// on, in light and in dark (see contrast_test.go). Fyne's defaults do not:
// hints were 1.6:1 in dark and 1.3:1 in light, green text 1.5:1 and the
// orange warning 2.2:1 on white. variant, when set, fixes light or dark;
// nil follows the desktop.
type appTheme struct {
	fyne.Theme
	variant *fyne.ThemeVariant
}

// readable holds the colours that differ from Fyne's, by variant.
var readableColours = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.NRGBA{
	theme.VariantLight: {
		theme.ColorNameDisabled:            {0x6b, 0x6b, 0x6b, 0xff}, // hints and low-importance text
		theme.ColorNamePlaceHolder:         {0x6e, 0x6e, 0x6e, 0xff},
		theme.ColorNameSuccess:             {0x1e, 0x7b, 0x34, 0xff},
		theme.ColorNameWarning:             {0x99, 0x52, 0x00, 0xff},
		theme.ColorNameError:               {0xc6, 0x28, 0x28, 0xff},
		theme.ColorNamePrimary:             {0x15, 0x65, 0xc0, 0xff},
		theme.ColorNameHyperlink:           {0x15, 0x65, 0xc0, 0xff},
		theme.ColorNameForegroundOnPrimary: {0xff, 0xff, 0xff, 0xff},
		theme.ColorNameForegroundOnSuccess: {0xff, 0xff, 0xff, 0xff},
		theme.ColorNameForegroundOnWarning: {0xff, 0xff, 0xff, 0xff},
		theme.ColorNameForegroundOnError:   {0xff, 0xff, 0xff, 0xff},
		theme.ColorNameFocus:               {0x15, 0x65, 0xc0, 0x66},
		theme.ColorNameSelection:           {0x15, 0x65, 0xc0, 0x3f},
	},
	theme.VariantDark: {
		theme.ColorNameDisabled:            {0x9a, 0x9a, 0x9a, 0xff},
		theme.ColorNamePlaceHolder:         {0x9e, 0x9e, 0x9e, 0xff},
		theme.ColorNameError:               {0xff, 0x6e, 0x61, 0xff},
		theme.ColorNamePrimary:             {0x5a, 0xa9, 0xf5, 0xff},
		theme.ColorNameHyperlink:           {0x5a, 0xa9, 0xf5, 0xff},
		theme.ColorNameForegroundOnPrimary: {0x17, 0x17, 0x18, 0xff},
		theme.ColorNameFocus:               {0x5a, 0xa9, 0xf5, 0x7f},
		theme.ColorNameSelection:           {0x5a, 0xa9, 0xf5, 0x3f},
	},
}

func (t *appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if t.variant != nil {
		v = *t.variant
	}
	if c, ok := readableColours[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}

// applyTheme follows the saved choice ("system", "light" or "dark");
// "system" (the default) follows the desktop's light or dark setting.
func applyTheme(a fyne.App, choice string) {
	t := &appTheme{Theme: theme.DefaultTheme()}
	switch choice {
	case "light":
		v := theme.VariantLight
		t.variant = &v
	case "dark":
		v := theme.VariantDark
		t.variant = &v
	}
	a.Settings().SetTheme(t)
}
