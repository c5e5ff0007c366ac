package report

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/text/unicode/norm"

	"hatcheck/assets"
	"hatcheck/internal/i18n"
)

// Placeholder stands in for a character the embedded font cannot draw.
const Placeholder = '\uFFFD'

// parsedFonts are the embedded fonts as gofpdf parsed them, once per
// process: parsing them and making their IDs costs more than laying out a
// whole plan. Hatcheck's copy of gofpdf (third_party/gofpdf/PATCHES.md) can
// share them between documents; upstream parses them for every document.
var parsedFonts = sync.OnceValues(func() (struct{ regular, bold *gofpdf.UTF8Font }, error) {
	var f struct{ regular, bold *gofpdf.UTF8Font }
	var err error
	if f.regular, err = gofpdf.ParseUTF8Font(assets.DejaVuSans); err != nil {
		return f, i18n.Errorf("read the embedded regular font: {{.Err}}; reinstall Hatcheck", map[string]any{"Err": err})
	}
	if f.bold, err = gofpdf.ParseUTF8Font(assets.DejaVuSansBold); err != nil {
		return f, i18n.Errorf("read the embedded bold font: {{.Err}}; reinstall Hatcheck", map[string]any{"Err": err})
	}
	return f, nil
})

// coverage is the set of runes both embedded fonts can draw. It is read
// from the fonts' cmap tables once per process. The fonts are cut down to
// the scripts the report supports (see assets/fonts/subset.sh), which keeps
// the font files in every PDF small.
var coverage = sync.OnceValues(func() (map[rune]bool, error) {
	regular, err := cmapRunes(assets.DejaVuSans)
	if err != nil {
		return nil, i18n.Errorf("read the embedded regular font: {{.Err}}; reinstall Hatcheck", map[string]any{"Err": err})
	}
	bold, err := cmapRunes(assets.DejaVuSansBold)
	if err != nil {
		return nil, i18n.Errorf("read the embedded bold font: {{.Err}}; reinstall Hatcheck", map[string]any{"Err": err})
	}
	both := make(map[rune]bool, len(regular))
	for r := range regular {
		if bold[r] {
			both[r] = true
		}
	}
	return both, nil
})

// cmapRunes lists the runes a TrueType font maps to a glyph, from its
// format 4 (BMP) cmap subtable: gofpdf cannot use anything above U+FFFF.
func cmapRunes(font []byte) (map[rune]bool, error) {
	if len(font) < 12 {
		return nil, i18n.Errorf("the file is too short")
	}
	be := binary.BigEndian
	numTables := int(be.Uint16(font[4:]))
	var cmap []byte
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(font) {
			return nil, i18n.Errorf("its table directory is cut short")
		}
		if string(font[rec:rec+4]) == "cmap" {
			off, n := int(be.Uint32(font[rec+8:])), int(be.Uint32(font[rec+12:]))
			if off < 0 || n < 0 || off+n > len(font) {
				return nil, i18n.Errorf("its cmap table lies outside the file")
			}
			cmap = font[off : off+n]
		}
	}
	if len(cmap) < 4 {
		return nil, i18n.Errorf("it has no cmap table")
	}
	for i := 0; i < int(be.Uint16(cmap[2:])); i++ {
		rec := 4 + 8*i
		if rec+8 > len(cmap) {
			break
		}
		platform, encoding := be.Uint16(cmap[rec:]), be.Uint16(cmap[rec+2:])
		off := int(be.Uint32(cmap[rec+4:]))
		if !(platform == 3 && encoding == 1) && platform != 0 {
			continue
		}
		if off+14 > len(cmap) || be.Uint16(cmap[off:]) != 4 {
			continue
		}
		return format4(cmap[off:])
	}
	return nil, i18n.Errorf("it has no Unicode (format 4) cmap table")
}

func format4(t []byte) (map[rune]bool, error) {
	be := binary.BigEndian
	segX2 := int(be.Uint16(t[6:]))
	end, start := 14, 14+segX2+2
	delta, rangeOff := start+segX2, start+2*segX2
	if rangeOff+segX2 > len(t) {
		return nil, i18n.Errorf("its format 4 cmap table is cut short")
	}
	out := map[rune]bool{}
	for s := 0; s < segX2; s += 2 {
		e, st := int(be.Uint16(t[end+s:])), int(be.Uint16(t[start+s:]))
		d, ro := int(be.Uint16(t[delta+s:])), int(be.Uint16(t[rangeOff+s:]))
		for c := st; c <= e && c != 0xFFFF; c++ {
			glyph := 0
			if ro == 0 {
				glyph = (c + d) & 0xFFFF
			} else {
				at := rangeOff + s + ro + 2*(c-st)
				if at+2 > len(t) {
					continue
				}
				if g := int(be.Uint16(t[at:])); g != 0 {
					glyph = (g + d) & 0xFFFF
				}
			}
			if glyph != 0 {
				out[rune(c)] = true
			}
		}
	}
	return out, nil
}

// sanitize makes text safe for the embedded fonts: it composes accents
// (NFC), turns tabs and odd spaces into plain ones, drops other control
// characters, and replaces what the fonts cannot draw (emoji, CJK, runes
// above U+FFFF, which would break the whole document in gofpdf) with a
// visible Placeholder. It returns the runes it replaced.
func sanitize(s string, cover map[rune]bool) (string, []rune) {
	s = norm.NFC.String(s)
	var b strings.Builder
	var replaced []rune
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case r == '\t' || r == '\r' || unicode.IsSpace(r):
			b.WriteRune(' ')
		case r == '\u200d' || (r >= '\ufe00' && r <= '\ufe0f'): // joiners and variation selectors of emoji sequences
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
		case cover[r]:
			b.WriteRune(r)
		default:
			b.WriteRune(Placeholder)
			replaced = append(replaced, r)
		}
	}
	return b.String(), replaced
}
