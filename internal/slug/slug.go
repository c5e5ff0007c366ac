// Package slug turns a person's name into a safe part of a file name,
// keeping its letters (accents and scripts included) and digits.
package slug

import (
	"strings"
	"unicode"
)

// Max is the longest slug, in letters.
const Max = 40

// Make keeps the letters and digits of name, with one dash for each run of
// anything else, cut to Max letters; fallback when nothing is left.
func Make(name, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.TrimSpace(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteRune('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if r := []rune(s); len(r) > Max {
		s = strings.TrimRight(string(r[:Max]), "-")
	}
	if s == "" {
		return fallback
	}
	return s
}
