package jobad

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Kinds of line the splitter finds.
const (
	KindTitle    = "title"    // the first short line: the job's title
	KindHeading  = "heading"  // "Responsibilities:", "## Requirements", "WHAT YOU'LL DO"
	KindBullet   = "bullet"   // a list item, bulleted or numbered
	KindSentence = "sentence" // a sentence of running text
)

// Line is one piece of an ad the analysis looks at: a bullet, a sentence
// of a paragraph, a heading or the title.
type Line struct {
	// N is the line of the original text it comes from (1-based).
	N    int    `json:"n"`
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// maxLineRunes bounds one line: a paragraph with no full stop for pages
// is cut at a space.
const maxLineRunes = 600

var (
	// A bullet: a dash, star, dot or arrow, or a number or letter with a
	// full stop or bracket, then a space.
	bulletMark = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:[-*•·–—▪◦○●■□✓✔➢➤→>+]+|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)])\s+`)
	})
	// Markdown decoration that is not text.
	mdHeading = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^#{1,6}\s*`) })
	mdLink    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`) })
	mdEmph    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\*\*|__|` + "`") })
	// A sentence ends at . ! ? followed by a space and a capital, a digit
	// or an opening quote or bracket.
	sentenceEnd = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[.!?…]["”’)]?\s+["“‘(]?[\p{Lu}\d]`) })
	inlineDots  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\s+[•·▪●]\s+`) })
)

// Split cuts an ad into lines: every bullet and numbered item is one line,
// running text is cut into sentences, headings and the title are marked as
// such. Line breaks of any system (\n, \r\n, \r, U+2028) are understood; at
// most MaxLines lines are returned, and truncated says whether text was
// left out.
func Split(text string) (lines []Line, truncated bool) {
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n", "\f", "\n", "\v", "\n").Replace(text)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\ufffd")
	}
	add := func(n int, kind, s string) bool {
		s = strings.TrimSpace(s)
		if s == "" || !hasLetterOrDigit(s) {
			return true
		}
		if len(lines) >= MaxLines {
			truncated = true
			return false
		}
		lines = append(lines, Line{N: n, Kind: kind, Text: s})
		return true
	}
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		l := strings.TrimSpace(strings.Map(spaceOrSame, raw))
		if l == "" {
			continue
		}
		l = mdLink().ReplaceAllString(l, "$1")
		heading := false
		if mdHeading().MatchString(l) {
			l, heading = mdHeading().ReplaceAllString(l, ""), true
		}
		bold := strings.HasPrefix(l, "**") && strings.HasSuffix(l, "**") && len(l) > 4
		l = strings.TrimSpace(mdEmph().ReplaceAllString(l, ""))
		kind := KindSentence
		if m := bulletMark().FindString(l); m != "" && len(m) < len(l) {
			l, kind = strings.TrimSpace(l[len(m):]), KindBullet
		}
		switch {
		case kind != KindBullet && len(lines) == 0 && isTitle(l):
			kind = KindTitle
		case kind != KindBullet && (heading || bold || isHeading(l)):
			kind = KindHeading
		}
		if kind == KindTitle || kind == KindHeading {
			if !add(n, kind, strings.TrimRight(l, ":")) {
				return
			}
			continue
		}
		// "Duties • Posting • Replies": bullets run together on one line.
		for _, part := range inlineDots().Split(l, -1) {
			for _, s := range sentences(part) {
				if !add(n, kind, s) {
					return
				}
			}
		}
	}
	return lines, truncated
}

// sentences cuts running text at sentence ends, and a very long sentence at
// a space.
func sentences(s string) []string {
	var out []string
	for {
		loc := sentenceEnd().FindStringIndex(s)
		if loc == nil {
			break
		}
		// Cut after the punctuation and space, before the capital.
		_, last := utf8.DecodeLastRuneInString(s[:loc[1]])
		cut := loc[1] - last
		for cut > loc[0] && strings.ContainsAny(s[cut-1:cut], "“‘(\"") {
			cut--
		}
		out = append(out, s[:cut])
		s = s[cut:]
	}
	out = append(out, s)
	var bounded []string
	for _, p := range out {
		for utf8.RuneCountInString(p) > maxLineRunes {
			cut := runeOffset(p, maxLineRunes)
			if sp := strings.LastIndexFunc(p[:cut], unicode.IsSpace); sp > cut/2 {
				cut = sp
			}
			bounded = append(bounded, p[:cut])
			p = p[cut:]
		}
		bounded = append(bounded, p)
	}
	return bounded
}

func runeOffset(s string, n int) int {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// isTitle: a short first line that does not end like a sentence.
func isTitle(l string) bool {
	return utf8.RuneCountInString(l) <= 90 && !strings.HasSuffix(l, ".") && !strings.HasSuffix(l, ":")
}

// isHeading: a short line ending in a colon, or a short line in capitals.
func isHeading(l string) bool {
	if utf8.RuneCountInString(l) > 70 {
		return false
	}
	if strings.HasSuffix(l, ":") && !strings.Contains(strings.TrimSuffix(l, ":"), ":") {
		return true
	}
	letters, upper := 0, 0
	for _, r := range l {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 4 && upper == letters
}

func hasLetterOrDigit(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// spaceOrSame turns tabs, no-break and other spaces into a plain space and
// drops control characters, so that a line prints as one line.
func spaceOrSame(r rune) rune {
	switch {
	case r == '\t' || unicode.IsSpace(r):
		return ' '
	case unicode.IsControl(r), r == '\u200b', r == '\ufeff', r == '\u00ad':
		return -1
	}
	return r
}
