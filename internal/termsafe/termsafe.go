// Package termsafe makes text from files safe to print on a terminal: a
// name read from a CSV must not clear the screen, set the window title or
// forge lines of output. Control characters (C0, DEL, C1), line and
// paragraph separators and bidirectional overrides are written as visible
// escapes (\x1b, \n, \u202e); everything else, accents and scripts
// included, is left as it is.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String returns s with its unsafe characters escaped.
func String(s string) string { return escape(s, false) }

// Cell is String for a spreadsheet cell: tabs and line breaks, which a
// cell may hold, are kept; escape sequences and the rest are escaped.
func Cell(s string) string { return escape(s, true) }

func escape(s string, keepSpace bool) string {
	if !needs(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case keepSpace && (r == '\n' || r == '\r' || r == '\t'):
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case unsafe(r):
			if r < 0x100 {
				fmt.Fprintf(&b, `\x%02x`, r)
			} else {
				fmt.Fprintf(&b, `\u%04x`, r)
			}
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

func needs(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if r == '\n' || r == '\r' || r == '\t' || unsafe(r) {
			return true
		}
	}
	return false
}

func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c: // bidi
		return true
	}
	return false
}
