package jobad

import (
	"hatcheck/assessment"
	"hatcheck/questions"
)

// Person is someone to hold an ad against: their answers and scores, and
// the plan choices they saved (nil when none).
type Person struct {
	Answers *assessment.Answers
	Result  *assessment.Result
	Saved   *assessment.PlanChoice
}

// Comparison is an ad's skills against one person's levels: which they
// meet, which are gaps (with the plan actions that close them) and which
// they have not rated.
type Comparison struct {
	// Hat is the hat whose plan names the actions: the ad's primary hat,
	// or the person's own when the ad has none.
	Hat     string       `json:"hat"`
	Meets   []SkillCheck `json:"meets"`
	Gaps    []SkillCheck `json:"gaps"`
	Unrated []SkillCheck `json:"unrated"`
	Summary string       `json:"summary"`
}

// SkillCheck is one skill of the ad against the person's level.
type SkillCheck struct {
	Competency string            `json:"competency"`
	Name       string            `json:"name"`
	Hat        string            `json:"hat"`
	Lines      int               `json:"lines"`
	Level      *assessment.Score `json:"level"`
	Target     assessment.Score  `json:"target"`
	// InPlan: the person's plan for Hat already works on this gap; its
	// actions are Actions. Otherwise Actions are the plan content's steps
	// for the skill, to add.
	InPlan  bool                    `json:"in_plan"`
	Actions []assessment.PlanAction `json:"actions,omitempty"`
}

// Compare holds the ad's skills against a person's result. The actions
// come from the person's plan (assessment's PlanFor, with their saved
// choices for that hat) where it already covers a gap, else from the plan
// content for that skill.
func Compare(e *assessment.Engine, r *Result, p Person) (*Comparison, error) {
	if p.Answers == nil || p.Result == nil {
		return nil, ErrNoPerson
	}
	hat := r.Primary
	if hat == "" && p.Saved != nil {
		hat = p.Saved.Track
	}
	var saved *assessment.PlanChoice
	if p.Saved != nil && (hat == "" || p.Saved.Track == hat) {
		saved = p.Saved
	}
	c := &Comparison{Meets: []SkillCheck{}, Gaps: []SkillCheck{}, Unrated: []SkillCheck{}}
	planned := map[string][]assessment.PlanAction{}
	pp, err := e.PlanFor(p.Answers, p.Result, hat, saved)
	if err == nil {
		c.Hat = pp.Full.Track
		for _, ph := range pp.Arranged().Phases {
			for _, a := range ph.Actions {
				planned[a.Competency] = append(planned[a.Competency], a)
			}
		}
	} else if hat == "" {
		c.Hat = questions.TrackSocialMediaManager
	} else {
		c.Hat = hat
	}
	levels := map[string]*assessment.Score{}
	for _, cl := range p.Result.Competencies {
		levels[cl.ID] = cl.Level
	}
	for _, sk := range r.Skills {
		sc := SkillCheck{Competency: sk.Competency, Name: sk.Name, Hat: sk.Hat, Lines: len(sk.Lines), Level: levels[sk.Competency], Target: target(e, c.Hat, sk)}
		switch {
		case sc.Level == nil:
			c.Unrated = append(c.Unrated, sc)
		case *sc.Level >= sc.Target:
			c.Meets = append(c.Meets, sc)
		default:
			if acts, ok := planned[sk.Competency]; ok {
				sc.InPlan, sc.Actions = true, acts
			} else {
				sc.Actions = contentActions(e, sk.Competency, sk.Name)
			}
			c.Gaps = append(c.Gaps, sc)
		}
	}
	c.Summary = e.N("Of the {{.Skills}} skills this ad asks for, you meet {{.Meets}} and have {{.Gaps}} to work on; {{.Unrated}} you have not rated.", len(r.Skills),
		map[string]any{"Skills": len(r.Skills), "Meets": len(c.Meets), "Gaps": len(c.Gaps), "Unrated": len(c.Unrated)})
	return c, nil
}

// target is the level the ad's skill needs: the target of the compared
// hat's profile, or of the hat the lines belong to, or the middle of the
// scale (do it on my own) when neither profile weights it.
func target(e *assessment.Engine, hat string, sk Skill) assessment.Score {
	for _, h := range []string{hat, sk.Hat} {
		if prof, ok := e.Profile(h); ok {
			for _, pc := range prof.Competencies {
				if pc.ID == sk.Competency {
					return assessment.Score(pc.Target)
				}
			}
		}
	}
	return 50
}

// contentActions are the plan content's three steps for a skill, as a plan
// would list them.
func contentActions(e *assessment.Engine, competency, name string) []assessment.PlanAction {
	var out []assessment.PlanAction
	for i, kind := range assessment.ActionKinds {
		for _, a := range e.Plan().Actions {
			if a.Competency == competency && a.Kind == kind {
				out = append(out, assessment.PlanAction{Competency: competency, Name: name, Kind: kind, Day: assessment.Slots[i],
					Text: a.Text.In(e.Lang()), Proof: a.Proof.In(e.Lang()), Source: a.Source})
			}
		}
	}
	return out
}
