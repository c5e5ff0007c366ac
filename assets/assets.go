// Package assets holds the files Hatcheck embeds: the report fonts (DejaVu
// Sans, see fonts/LICENSE-DejaVu.txt), the app icon and the translations of
// the desktop app's texts.
package assets

import "embed"

// DejaVuSans and DejaVuSansBold are the TrueType fonts of the PDF report.
// Callers must not modify them; gofpdf needs its own copy per document.
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

// Translations holds one JSON file per language (translations/en.json ...)
// in the format of Fyne's lang package.
//
//go:embed translations
var Translations embed.FS
