// Package assessment turns answers into scores, explanations, a hat audit
// and a development plan. It is pure Go: no UI, no files other than its
// embedded data, so every number can be tested and explained.
package assessment

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"

	"hatcheck/questions"
)

//go:embed data/model.json data/plan.json
var dataFS embed.FS

// Model holds the scoring parameters and the track profiles. See
// docs/SCORING.md for what each number means and why it has its value.
type Model struct {
	Fit struct {
		Readiness float64 `json:"readiness"`
		Affinity  float64 `json:"affinity"`
	} `json:"fit"`
	Minimum struct {
		ReadinessWeightShare float64 `json:"readiness_weight_share"`
		AffinityObservations int     `json:"affinity_observations"`
	} `json:"minimum"`
	Band struct {
		Z            float64 `json:"z"`
		PriorSD      float64 `json:"prior_sd"`
		PriorWeight  float64 `json:"prior_weight"`
		FlagWidening float64 `json:"flag_widening"`
	} `json:"band"`
	Quality struct {
		StraightLineShare      float64 `json:"straight_line_share"`
		StraightLineMinAnswers int     `json:"straight_line_min_answers"`
		MiddleShare            float64 `json:"middle_share"`
		MiddleMinAnswers       int     `json:"middle_min_answers"`
		ReverseGap             int     `json:"reverse_gap"`
		ReverseMinInconsistent int     `json:"reverse_min_inconsistent"`
	} `json:"quality"`
	Audit struct {
		HatShare         float64 `json:"hat_share"`
		DrainingShare    float64 `json:"draining_share"`
		LongHours        float64 `json:"long_hours"`
		KeepEnergyWeight float64 `json:"keep_energy_weight"`
	} `json:"audit"`
	Plan struct {
		Gaps int `json:"gaps"`
	} `json:"plan"`
	Profiles []Profile `json:"profiles"`
}

// Profile is a track's target: the competencies it needs, how much each
// matters (weight) and the level that counts as ready (target, 0-100).
type Profile struct {
	Track        string         `json:"track"`
	Why          string         `json:"why"`
	Competencies []ProfileEntry `json:"competencies"`
}

// ProfileEntry is one weighted competency of a profile.
type ProfileEntry struct {
	ID     string  `json:"id"`
	Weight float64 `json:"weight"`
	Target float64 `json:"target"`
}

// Cited is a text with the article it rests on.
type Cited struct {
	Text   questions.Text   `json:"text"`
	Source questions.Source `json:"source"`
}

// PlanContent is the development-plan material written from the articles.
type PlanContent struct {
	Contexts []struct {
		ID     string           `json:"id"`
		Name   questions.Text   `json:"name"`
		Advice questions.Text   `json:"advice"`
		Source questions.Source `json:"source"`
	} `json:"contexts"`
	Tracks []struct {
		ID                  string           `json:"id"`
		KPIs                []Cited          `json:"kpis"`
		Day                 []Cited          `json:"day"`
		Collaboration       questions.Text   `json:"collaboration"`
		CollaborationSource questions.Source `json:"collaboration_source"`
	} `json:"tracks"`
	Advice []struct {
		ID     string           `json:"id"`
		Text   questions.Text   `json:"text"`
		For    []string         `json:"for"`
		Source questions.Source `json:"source"`
	} `json:"advice"`
	Actions []ActionContent `json:"actions"`
	// Discussion questions for a workshop, each shown when its condition
	// holds: "always", "many-hybrids", "mostly:<track>", "missing" (a track
	// nobody leans to; {track} is replaced) or "gap" ({gap} is replaced by
	// the most common gap).
	Discussion []struct {
		ID     string           `json:"id"`
		When   string           `json:"when"`
		Text   questions.Text   `json:"text"`
		Source questions.Source `json:"source"`
	} `json:"discussion"`
}

// ActionContent is one plan action for one competency.
type ActionContent struct {
	Competency string                    `json:"competency"`
	Kind       string                    `json:"kind"`
	Text       questions.Text            `json:"text"`
	Proof      questions.Text            `json:"proof"`
	Contexts   map[string]questions.Text `json:"contexts,omitempty"`
	Source     questions.Source          `json:"source"`
}

// Action kinds, in plan order, and the day each is due by.
var actionKinds = []struct {
	Kind string
	Day  int
}{{"learn", 30}, {"practise", 60}, {"evidence", 90}}

// Engine scores answers with one bank, model and plan content.
type Engine struct {
	Bank  *questions.Bank
	Model *Model
	Plan  *PlanContent

	profiles  map[string]*Profile
	actions   map[string]*ActionContent // by competency + "/" + kind
	areaIndex map[string]int            // area ID -> its place in Bank.Areas
}

// Default is the engine of the embedded data, built once per process and
// shared: an Engine is never changed after it is built, so it is safe for
// concurrent use.
var Default = sync.OnceValues(NewEngine)

// NewEngine loads the embedded bank, model and plan content and checks that
// they agree with each other.
func NewEngine() (*Engine, error) {
	bank, err := questions.Load()
	if err != nil {
		return nil, err
	}
	model, err := dataFS.ReadFile("data/model.json")
	if err != nil {
		return nil, err
	}
	plan, err := dataFS.ReadFile("data/plan.json")
	if err != nil {
		return nil, err
	}
	return newEngine(bank, model, plan)
}

func newEngine(bank *questions.Bank, modelJSON, planJSON []byte) (*Engine, error) {
	e := &Engine{Bank: bank, Model: &Model{}, Plan: &PlanContent{}}
	if err := decodeData(modelJSON, "hatcheck-model", e.Model); err != nil {
		return nil, fmt.Errorf("read scoring model: %w", err)
	}
	if err := decodeData(planJSON, "hatcheck-plan", e.Plan); err != nil {
		return nil, fmt.Errorf("read plan content: %w", err)
	}
	e.areaIndex = map[string]int{}
	for k, a := range bank.Areas {
		e.areaIndex[a.ID] = k
	}
	e.profiles = map[string]*Profile{}
	for i := range e.Model.Profiles {
		e.profiles[e.Model.Profiles[i].Track] = &e.Model.Profiles[i]
	}
	e.actions = map[string]*ActionContent{}
	for i := range e.Plan.Actions {
		a := &e.Plan.Actions[i]
		e.actions[a.Competency+"/"+a.Kind] = a
	}
	if err := e.validate(); err != nil {
		return nil, err
	}
	return e, nil
}

func decodeData(data []byte, format string, v any) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	var f string
	_ = json.Unmarshal(m["format"], &f)
	if f != format {
		return fmt.Errorf("format is %q, want %q", f, format)
	}
	delete(m, "format")
	body, err := json.Marshal(m)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// validate checks that the model and plan only name things the bank knows,
// and that every competency a profile weights has its three plan actions.
func (e *Engine) validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	m := e.Model
	if math.Abs(m.Fit.Readiness+m.Fit.Affinity-1) > 1e-9 || m.Fit.Readiness < 0 || m.Fit.Affinity < 0 {
		add("fit weights %v + %v must be non-negative and add up to 1", m.Fit.Readiness, m.Fit.Affinity)
	}
	if m.Band.Z <= 0 || m.Band.PriorSD <= 0 || m.Band.FlagWidening < 1 {
		add("band parameters must be positive (and flag widening at least 1)")
	}
	if m.Plan.Gaps < 1 {
		add("the plan needs at least one gap")
	}
	for _, id := range questions.TrackIDs {
		p, ok := e.profiles[id]
		if !ok {
			add("track %q has no profile", id)
			continue
		}
		for _, c := range p.Competencies {
			if _, ok := e.Bank.Competency(c.ID); !ok {
				add("profile %s: unknown competency %q", id, c.ID)
			}
			if c.Weight <= 0 || c.Target <= 0 || c.Target > 100 {
				add("profile %s: competency %q needs a positive weight and a target in (0, 100]", id, c.ID)
			}
		}
	}
	checkSource := func(where string, s questions.Source) {
		if _, ok := e.Bank.Document(s.File); !ok {
			add("%s: source %q is not one of the five articles", where, s.File)
		}
	}
	checkText := func(where string, t questions.Text) {
		if strings.TrimSpace(t.String()) == "" {
			add("%s: missing English text", where)
		}
	}
	for _, c := range e.Bank.Competencies {
		for _, k := range actionKinds {
			a, ok := e.actions[c.ID+"/"+k.Kind]
			if !ok {
				add("competency %q has no %s action", c.ID, k.Kind)
				continue
			}
			checkText("action "+c.ID+"/"+k.Kind, a.Text)
			checkText("action "+c.ID+"/"+k.Kind+" proof", a.Proof)
			checkSource("action "+c.ID+"/"+k.Kind, a.Source)
			for ctx := range a.Contexts {
				if !containsString(Contexts, ctx) {
					add("action %s/%s: unknown context %q", c.ID, k.Kind, ctx)
				}
			}
		}
	}
	for _, a := range e.Plan.Actions {
		if _, ok := e.Bank.Competency(a.Competency); !ok {
			add("action for unknown competency %q", a.Competency)
		}
	}
	if len(e.actions) != len(e.Plan.Actions) {
		add("some competency has two actions of the same kind")
	}
	ctxs := map[string]bool{}
	for _, c := range e.Plan.Contexts {
		ctxs[c.ID] = true
		checkText("context "+c.ID, c.Advice)
		checkSource("context "+c.ID, c.Source)
	}
	for _, c := range Contexts {
		if !ctxs[c] {
			add("context %q has no advice", c)
		}
	}
	tracks := map[string]bool{}
	for _, t := range e.Plan.Tracks {
		tracks[t.ID] = true
		if len(t.KPIs) == 0 || len(t.Day) == 0 {
			add("track %s: KPIs and a day in the life are needed", t.ID)
		}
		for _, c := range append(append([]Cited{}, t.KPIs...), t.Day...) {
			checkText("track "+t.ID, c.Text)
			checkSource("track "+t.ID, c.Source)
		}
		checkText("track "+t.ID+" collaboration", t.Collaboration)
	}
	for _, id := range questions.TrackIDs {
		if !tracks[id] {
			add("track %q has no plan content", id)
		}
	}
	for _, a := range e.Plan.Advice {
		checkText("advice "+a.ID, a.Text)
		checkSource("advice "+a.ID, a.Source)
	}
	for _, q := range e.Plan.Discussion {
		checkText("discussion "+q.ID, q.Text)
		checkSource("discussion "+q.ID, q.Source)
		when := strings.TrimPrefix(q.When, "mostly:")
		if q.When != "always" && q.When != "many-hybrids" && q.When != "missing" && q.When != "gap" && !containsString(questions.TrackIDs, when) {
			add("discussion %s: unknown condition %q", q.ID, q.When)
		}
	}
	if len(problems) > 0 {
		return errors.New("scoring model or plan content is invalid:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

// Profile returns a track's profile.
func (e *Engine) Profile(track string) (*Profile, bool) {
	p, ok := e.profiles[track]
	return p, ok
}
