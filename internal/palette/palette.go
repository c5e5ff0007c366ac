// Package palette holds the colours that mean something in Hatcheck, for
// the window and the PDF alike: one colour per hat, the same on screen and
// on paper.
package palette

import "image/color"

// Track colours, by track ID (see questions.TrackIDs).
var tracks = map[string]color.NRGBA{
	"social-media-manager":    {47, 109, 181, 255},
	"community-manager":       {38, 134, 84, 255},
	"social-media-strategist": {142, 68, 173, 255},
}

// Neutral is the colour of something that belongs to no hat.
var Neutral = color.NRGBA{128, 128, 128, 255}

// Track is a hat's colour; Neutral for an unknown ID.
func Track(id string) color.NRGBA {
	if c, ok := tracks[id]; ok {
		return c
	}
	return Neutral
}
