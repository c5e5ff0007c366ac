package assessment

import "testing"

func TestLowerFirstAndJoinAnd(t *testing.T) {
	for in, want := range map[string]string{"Ñandú care": "ñandú care", "Élan": "élan", "NPS": "NPS", "Community": "community", "": "", "Ω": "ω"} {
		if got := LowerFirst(in); got != want {
			t.Errorf("LowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
	if got := JoinAnd([]string{"a", "b", "c"}); got != "a, b and c" {
		t.Errorf("JoinAnd: %q", got)
	}
}
