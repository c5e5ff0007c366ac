package palette

import "testing"

func TestEveryHatHasItsOwnColour(t *testing.T) {
	seen := map[[3]uint8]string{}
	for _, id := range []string{"social-media-manager", "community-manager", "social-media-strategist"} {
		c := Track(id)
		if c == Neutral {
			t.Errorf("%s has no colour", id)
		}
		k := [3]uint8{c.R, c.G, c.B}
		if other, dup := seen[k]; dup {
			t.Errorf("%s and %s share a colour", id, other)
		}
		seen[k] = id
	}
	if Track("influencer") != Neutral {
		t.Error("an unknown hat got a colour")
	}
}
