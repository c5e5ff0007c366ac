package assessment

import (
	"testing"

	"hatcheck/internal/i18n"
)

func TestLowerFirstAndJoinAnd(t *testing.T) {
	for in, want := range map[string]string{"Ñandú care": "ñandú care", "Élan": "élan", "NPS": "NPS", "Community": "community", "": "", "Ω": "ω"} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
	if got := JoinAnd(i18n.English(), []string{"a", "b", "c"}); got != "a, b and c" {
		t.Errorf("JoinAnd: %q", got)
	}
}
