// Package palette holds the colours that mean something in Hatcheck, for
// the window and the PDF alike: one colour per hat, the same on screen and
// on paper. Each is at least 3:1 against the light and the dark background,
// as chart marks must be (ui/contrast_test.go checks it).
package palette

import "image/color"

// Track colours, by track ID (see questions.TrackIDs).
var tracks = map[string]color.NRGBA{
	"social-media-manager":    {47, 109, 181, 255},
	"community-manager":       {38, 134, 84, 255},
	"social-media-strategist": {155, 89, 182, 255},
}

// Skills is the colour of the person's skills (the radar): it means "you",
// never one hat, so it does not change with the best fit.
var Skills = color.NRGBA{15, 124, 134, 255}

// Neutral is the colour of something that belongs to no hat.
var Neutral = color.NRGBA{128, 128, 128, 255}

// Track is a hat's colour; Neutral for an unknown ID.
func Track(id string) color.NRGBA {
	if c, ok := tracks[id]; ok {
		return c
	}
	return Neutral
}
