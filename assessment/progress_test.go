package assessment

import (
	"testing"

	"hatcheck/questions"
)

func TestCompareShowsChangesSinceLastTime(t *testing.T) {
	e := testEngine(t)
	after := loadPersona(t, "hybrid") // moderation rated 4: "do it well and often"
	before := clone(after)
	before.Items["skill.moderation"] = Answer{Value: 1}
	delete(after.Items, "skill.events")
	p := Compare(e.Score(before), e.Score(after))
	if len(p.Tracks) != 3 || p.Tracks[0].ID != questions.TrackSocialMediaManager {
		t.Fatalf("tracks %+v", p.Tracks)
	}
	for _, c := range p.Tracks {
		if c.Delta == nil || float64(*c.Delta) != float64(*c.After-*c.Before) {
			t.Errorf("%s: delta %v", c.ID, c.Delta)
		}
	}
	if cm := p.Tracks[1]; *cm.Delta <= 0 {
		t.Errorf("raising moderation did not raise community manager fit: %+v", cm)
	}
	byID := map[string]Change{}
	for _, c := range p.Competencies {
		byID[c.ID] = c
	}
	if c := byID["moderation"]; c.Delta == nil || *c.Delta != 75 {
		t.Errorf("moderation change %+v", c)
	}
	if c := byID["events"]; c.Before == nil || c.After != nil || c.Delta != nil {
		t.Errorf("a competency rated before but not now: %+v", c)
	}
	if c := byID["brand-voice"]; c.Delta == nil || *c.Delta != 0 {
		t.Errorf("unchanged competency %+v", c)
	}
}
