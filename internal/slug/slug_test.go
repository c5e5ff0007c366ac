package slug

import (
	"strings"
	"testing"
)

func TestSlugsKeepLettersAndAreSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Ñúñez-Łukasiewicz":          "Zoë-Ñúñez-Łukasiewicz",
		"  ../../etc/passwd ":            "etc-passwd",
		"=HYPERLINK(\"x\")":              "HYPERLINK-x",
		"🙂":                              "participant",
		"":                               "participant",
		strings.Repeat("a", 39) + " b c": strings.Repeat("a", 39),
	} {
		if got := Make(in, "participant"); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}
