package assessment

import (
	"strings"
	"testing"

	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

func TestArrangedKeepsOnlyChosenActionsInTheirSlots(t *testing.T) {
	e := testEngine(t)
	a := loadPersona(t, "clear-smm")
	pp, err := e.PlanFor(a, e.Score(a), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	firstDay := len(pp.Full.Phases[0].Actions)
	if firstDay < 2 {
		t.Fatalf("the persona's plan has %d learn actions; the test needs two", firstDay)
	}
	pp.Choice.Actions[0].Chosen = false // first learn action dropped
	pp.Choice.Actions[1].Slot = 90      // second learn action moved to day 90
	pp.Choice.Notes = "mine"
	got := pp.Arranged()
	if n := len(got.Phases[0].Actions); n != len(pp.Full.Phases[0].Actions)-2 {
		t.Errorf("day 30 has %d actions", n)
	}
	last := got.Phases[2].Actions
	if len(last) != len(pp.Full.Phases[2].Actions)+1 || last[len(last)-1].Day != 90 {
		t.Errorf("day 90: %+v", last)
	}
	if got.Notes != "mine" || pp.Full.Notes != "" || len(pp.Full.Phases[0].Actions) != firstDay {
		t.Error("Arranged changed the plan it was given, or lost the notes")
	}
}

// TestPlanForUsesTheChoiceOfItsHatOnly: a choice saved for another hat is
// never applied, and its notes never travel to another hat's plan.
func TestPlanForUsesTheChoiceOfItsHatOnly(t *testing.T) {
	e := testEngine(t)
	a := loadPersona(t, "clear-cm")
	r := e.Score(a)
	strat, _ := e.PlanFor(a, r, questions.TrackStrategist, nil)
	strat.Choice.Notes = "for strategy"
	strat.Choice.Actions[0].Chosen = false
	// The saved choice decides the hat when none is asked for.
	again, _ := e.PlanFor(a, r, "", &strat.Choice)
	if again.Full.Track != questions.TrackStrategist || again.Choice.Notes != "for strategy" || again.Choice.Actions[0].Chosen {
		t.Errorf("the saved hat's choice was not applied: %+v", again.Choice)
	}
	// Another hat asked for: its own defaults, no notes.
	other, _ := e.PlanFor(a, r, questions.TrackCommunityManager, &strat.Choice)
	if other.Choice.Notes != "" || other.Full.Track != questions.TrackCommunityManager {
		t.Errorf("another hat got the strategist's choice: %+v", other.Choice)
	}
	bad := strat.Choice
	bad.Track = "influencer"
	bad.Actions = append([]ActionChoice{{Competency: "juggling", Kind: "learn", Slot: 45, Status: "later"}}, bad.Actions...)
	joined := i18n.Join("; ", bad.Validate(e)).Error()
	for _, w := range []string{`"influencer"`, "unknown competency", "slot 45", `status "later"`} {
		if !strings.Contains(joined, w) {
			t.Errorf("Validate lacks %q: %s", w, joined)
		}
	}
}
