package assessment

import (
	"fmt"
	"sort"

	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// Audit is the hat audit: where the hours and the energy go, per track and
// per task, for people who already do the work.
type Audit struct {
	TotalHours Score        `json:"total_hours"`
	Tracks     []AuditTrack `json:"tracks"`
	Signals    []Flag       `json:"signals"`
	Keep       string       `json:"keep"`
	KeepName   string       `json:"keep_name"`
	KeepReason string       `json:"keep_reason"`
	Tasks      []AuditTask  `json:"tasks"`
}

// AuditTrack sums a track's tasks. Energy runs from -1 (every hour drains)
// to +1 (every hour energises), weighted by hours.
type AuditTrack struct {
	ID     string `json:"id"`
	Name   string `json:"name"`
	Hours  Score  `json:"hours"`
	Share  Score  `json:"share"`
	Energy *Score `json:"energy"`
	Tasks  int    `json:"tasks"`
}

// Suggestions for a task.
const (
	SuggestKeep     = "keep"
	SuggestDelegate = "delegate"
	SuggestAutomate = "automate"
	SuggestDrop     = "drop"
)

// AuditTask is one answered task with its suggestion.
type AuditTask struct {
	Item       string `json:"item"`
	Label      string `json:"label"`
	Track      string `json:"track"`
	Hours      Score  `json:"hours"`
	Energy     string `json:"energy"`
	Suggestion string `json:"suggestion"`
	Reason     string `json:"reason"`
}

var energyValue = map[string]float64{"drains": -1, "neutral": 0, "energises": 1}

func (e *Engine) audit(a *Answers, scored []TrackScore) *Audit {
	b, m := e.Bank, e.Model.Audit
	type acc struct {
		hours, energyHours, energySum float64
		tasks                         int
	}
	per := map[string]*acc{}
	au := &Audit{}
	var drainingHours float64
	for i := range b.Items {
		it := &b.Items[i]
		ans, ok := a.Items[it.ID]
		if !ok || it.Kind != questions.KindAuditTask {
			continue
		}
		track := onlyKey(it.Measures.Tracks)
		t := per[track]
		if t == nil {
			t = &acc{}
			per[track] = t
		}
		t.tasks++
		t.hours += ans.Hours
		t.energyHours += ans.Hours * energyValue[ans.Energy]
		t.energySum += energyValue[ans.Energy]
		au.TotalHours += Score(ans.Hours)
		if ans.Energy == "drains" {
			drainingHours += ans.Hours
		}
		au.Tasks = append(au.Tasks, AuditTask{Item: it.ID, Label: e.text(it.Label), Track: track, Hours: Score(ans.Hours), Energy: ans.Energy})
	}
	if len(au.Tasks) == 0 {
		return nil
	}
	fits := map[string]float64{}
	for _, s := range scored {
		if s.Fit != nil {
			fits[s.ID] = float64(*s.Fit)
		}
	}
	hats := 0
	bestKeep := -1.0
	for _, id := range questions.TrackIDs {
		tr, _ := b.Track(id)
		at := AuditTrack{ID: id, Name: e.text(tr.Name)}
		t := per[id]
		if t != nil {
			at.Hours, at.Tasks = Score(t.hours), t.tasks
			if au.TotalHours > 0 {
				at.Share = Score(100 * t.hours / float64(au.TotalHours))
			}
			// Weight energy by hours; with no hours, every task counts once.
			if t.hours > 0 {
				at.Energy = scorePtr(t.energyHours / t.hours)
			} else {
				at.Energy = scorePtr(t.energySum / float64(t.tasks))
			}
			if float64(at.Share) >= 100*m.HatShare {
				hats++
			}
			// Keep the hat that gives energy, nudged by how well it fits.
			keep := m.KeepEnergyWeight * (float64(*at.Energy) + 1) / 2 * 100
			if f, ok := fits[id]; ok {
				keep += (1 - m.KeepEnergyWeight) * f
			} else {
				keep += (1 - m.KeepEnergyWeight) * 50
			}
			if t.hours > 0 && keep > bestKeep {
				bestKeep, au.Keep, au.KeepName = keep, id, at.Name
				au.KeepReason = e.T("Of the hats you wear, {{.Hat}} gives you the most energy for its hours.", map[string]any{"Hat": LowerFirst(at.Name)})
				if _, ok := fits[id]; ok {
					au.KeepReason = e.T("Of the hats you wear, {{.Hat}} gives you the most energy for its hours once your fit for it is counted too.", map[string]any{"Hat": LowerFirst(at.Name)})
				}
			}
		}
		au.Tracks = append(au.Tracks, at)
	}
	au.Signals = []Flag{}
	if hats >= 2 {
		au.Signals = append(au.Signals, Flag{ID: "several-hats",
			Text: e.T("You wear {{.Hats}} at once (each takes at least {{.Share}}% of your hours). The practitioners describe burning out from doing several of these jobs at the same time.", map[string]any{"Hats": e.hatCount(hats), "Share": fmt.Sprintf("%.0f", 100*m.HatShare)})})
	}
	if au.TotalHours > 0 && drainingHours/float64(au.TotalHours) >= m.DrainingShare {
		au.Signals = append(au.Signals, Flag{ID: "draining",
			Text: e.T("{{.Share}}% of your hours go to work that drains you.", map[string]any{"Share": fmt.Sprintf("%.0f", 100*drainingHours/float64(au.TotalHours))})})
	}
	if float64(au.TotalHours) >= m.LongHours {
		au.Signals = append(au.Signals, Flag{ID: "long-hours",
			Text: e.T("These tasks alone take {{.Hours}} hours a week.", map[string]any{"Hours": fmt.Sprintf("%.0f", float64(au.TotalHours))})})
	}
	for i := range au.Tasks {
		t := &au.Tasks[i]
		it, _ := b.Item(t.Item)
		t.Suggestion, t.Reason = suggest(t, it.Audit, au.Keep)
		t.Reason = e.T(t.Reason)
	}
	sort.SliceStable(au.Tasks, func(i, j int) bool { return au.Tasks[i].Hours > au.Tasks[j].Hours })
	return au
}

// suggest applies the keep / automate / delegate / drop rules of
// docs/SCORING.md to one task; the reason is the English text, for the
// catalogue.
func suggest(t *AuditTask, can *questions.AuditHints, keep string) (string, string) {
	if t.Hours == 0 {
		// No hours: nothing to hand over, automate or drop.
		return SuggestKeep, i18n.Key("You spend no time on it now, so there is nothing to change.")
	}
	if t.Track == keep {
		if t.Energy == "drains" && can.Allows(questions.CanAutomate) {
			return SuggestAutomate, i18n.Key("It belongs to the hat you keep, but it drains you and a tool can do much of it.")
		}
		return SuggestKeep, i18n.Key("It belongs to the hat you keep.")
	}
	switch {
	case t.Energy == "energises" && !can.Allows(questions.CanAutomate):
		return SuggestKeep, i18n.Key("It belongs to another hat, but it gives you energy: keep it while it fits in your week.")
	case can.Allows(questions.CanAutomate):
		return SuggestAutomate, i18n.Key("It belongs to another hat and is repetitive enough for a tool to do.")
	case can.Allows(questions.CanDrop) && t.Energy == "drains":
		return SuggestDrop, i18n.Key("It belongs to another hat, drains you, and little is lost without it.")
	default:
		return SuggestDelegate, i18n.Key("It belongs to another hat: hand it to whoever wears that hat, or ask for one.")
	}
}

func onlyKey(m map[string]float64) string {
	for k := range m {
		return k
	}
	return ""
}

// hatCount names a number of hats in words: "two hats", "all three hats".
func (e *Engine) hatCount(n int) string {
	switch {
	case n >= len(questions.TrackIDs):
		return e.T("all three hats")
	case n == 2:
		return e.T("two hats")
	}
	return e.N("{{.N}} hats", n, map[string]any{"N": n})
}
