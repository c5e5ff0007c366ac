package questions

import (
	"hash/fnv"
	"strings"
	"unicode"
)

// ShingleWords is the length of the word sequences compared when checking
// that the bank's texts are written in its own words: eight words in a row
// shared with an article is copying, not coincidence.
const ShingleWords = 8

// Shingles returns a hash for every run of ShingleWords consecutive words of
// text, ignoring case and punctuation. Tests compare them against the
// articles' shingles so that the product never pastes the sources.
func Shingles(text string) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var out []uint64
	for i := 0; i+ShingleWords <= len(words); i++ {
		h := fnv.New64a()
		h.Write([]byte(strings.Join(words[i:i+ShingleWords], " ")))
		out = append(out, h.Sum64())
	}
	return out
}
