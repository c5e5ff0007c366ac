package ui

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"hatcheck/internal/palette"
)

// luminance is WCAG 2's relative luminance of an opaque colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// over blends a translucent colour over an opaque one.
func over(top, bottom color.Color) color.Color {
	tr, tg, tb, ta := top.RGBA()
	br, bg, bb, _ := bottom.RGBA()
	mix := func(t, b uint32) uint8 {
		a := float64(ta) / 0xffff
		return uint8((float64(t)*1 + float64(b)*(1-a)) / 0xffff * 255 * 1)
	}
	return color.NRGBA{R: mix(tr, br), G: mix(tg, bg), B: mix(tb, bb), A: 0xff}
}

// TestEveryTextColourIsReadable: every text colour the app draws meets WCAG
// AA (4.5:1) on every background it is drawn on, and chart marks 3:1, in
// light and in dark.
func TestEveryTextColourIsReadable(t *testing.T) {
	th := &appTheme{Theme: theme.DefaultTheme()}
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameDisabled, theme.ColorNamePlaceHolder,
		theme.ColorNamePrimary, theme.ColorNameHyperlink, theme.ColorNameSuccess, theme.ColorNameWarning, theme.ColorNameError}
	backgrounds := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameInputBackground,
		theme.ColorNameMenuBackground, theme.ColorNameButton, theme.ColorNameHeaderBackground}
	onColour := map[fyne.ThemeColorName]fyne.ThemeColorName{
		theme.ColorNameForegroundOnPrimary: theme.ColorNamePrimary, theme.ColorNameForegroundOnSuccess: theme.ColorNameSuccess,
		theme.ColorNameForegroundOnWarning: theme.ColorNameWarning, theme.ColorNameForegroundOnError: theme.ColorNameError,
	}
	report := ""
	for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
		name := map[fyne.ThemeVariant]string{theme.VariantLight: "light", theme.VariantDark: "dark"}[v]
		for _, fg := range texts {
			for _, bg := range backgrounds {
				if r := contrast(th.Color(fg, v), th.Color(bg, v)); r < 4.5 {
					t.Errorf("%s: %s on %s is %.2f:1, under 4.5", name, fg, bg, r)
				} else if bg == theme.ColorNameBackground {
					report += fmt.Sprintf("%s %s %.1f:1; ", name, fg, r)
				}
			}
		}
		for fg, bg := range onColour {
			if r := contrast(th.Color(fg, v), th.Color(bg, v)); r < 4.5 {
				t.Errorf("%s: %s on %s is %.2f:1, under 4.5", name, fg, bg, r)
			}
		}
		// A chosen answer: text on the primary tint over the input field.
		for _, bg := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameInputBackground} {
			chosen := over(withAlpha(th.Color(theme.ColorNamePrimary, v), chosenTint), th.Color(bg, v))
			if r := contrast(th.Color(theme.ColorNameForeground, v), chosen); r < 4.5 {
				t.Errorf("%s: a chosen answer's text on %s is %.2f:1", name, bg, r)
			}
		}
		// Chart marks: the hats' colours and the skills radar on the page.
		for _, id := range []string{"social-media-manager", "community-manager", "social-media-strategist"} {
			if r := contrast(palette.Track(id), th.Color(theme.ColorNameBackground, v)); r < 3 {
				t.Errorf("%s: the colour of %s is %.2f:1 on the background, under 3", name, id, r)
			}
		}
		if r := contrast(palette.Skills, th.Color(theme.ColorNameBackground, v)); r < 3 {
			t.Errorf("%s: the skills colour is %.2f:1, under 3", name, r)
		}
	}
	t.Log(report)
}
