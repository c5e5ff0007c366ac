// Package assets holds the files Hatcheck embeds: the report fonts (DejaVu
// Sans, see fonts/LICENSE-DejaVu.txt) and, later, the icon and translations.
package assets

import _ "embed"

// DejaVuSans and DejaVuSansBold are the TrueType fonts of the PDF report.
// Callers must not modify them; gofpdf needs its own copy per document.
var (
	//go:embed fonts/DejaVuSans.ttf
	DejaVuSans []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	DejaVuSansBold []byte
)
