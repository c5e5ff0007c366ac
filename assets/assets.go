// Package assets holds the files Hatcheck embeds: the report fonts (DejaVu
// Sans, see fonts/LICENSE-DejaVu.txt), the app icon and the translations of
// the desktop app's texts.
package assets

import "embed"

// DejaVuSans and DejaVuSansBold are the TrueType fonts of the PDF report.
// Callers must not modify them: the report shares them, read only, between
// all its documents.
var (
	//go:embed fonts/DejaVuSans.ttf
	DejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	DejaVuSansBold []byte
)

// Icon is the app icon, a 512 x 512 PNG.
//
//go:embed icon.png
var Icon []byte

// WindowIcon is the icon at 128 x 128 (made from icon.png with ImageMagick:
// convert icon.png -resize 128x128 -strip PNG32:icon-128.png), for the
// window and the task switcher: decoding the 512 px icon and handing its
// million bytes of pixels to X at every start cost about 30 ms before the
// window appeared.
//
//go:embed icon-128.png
var WindowIcon []byte

// Translations holds one JSON file per language (translations/en.json ...)
// in the format of Fyne's lang package.
//
//go:embed translations
var Translations embed.FS
