package assessment

import (
	"strings"
	"unicode"

	"hatcheck/internal/i18n"
)

// JoinAnd lists names in a sentence of p's language: "a", "a and b",
// "a, b and c".
func JoinAnd(p *i18n.Printer, names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return p.T("{{.Rest}} and {{.Last}}", map[string]any{"Rest": strings.Join(names[:len(names)-1], ", "), "Last": names[len(names)-1]})
}

// LowerFirst lowers the first letter of a name for use inside a sentence,
// whatever its script ("Ñandú" -> "ñandú"), and leaves an acronym such as
// "NPS" as it is.
func LowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 || (len(r) > 1 && unicode.IsUpper(r[1])) {
		return s
	}
	r[0] = unicode.ToLower(r[0])
	return string(r)
}
