// Package assessment turns answers into scores, explanations, a hat audit
// and a development plan. It is pure Go: no UI, no files other than its
// embedded data, so every number can be tested and explained.
package assessment

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"

	"hatcheck/internal/i18n"
	"hatcheck/internal/jsonpos"
	"hatcheck/questions"
)

// The embedded data files, read in place (embed.FS would copy them).
var (
	//go:embed data/model.json
	modelJSON []byte
	//go:embed data/plan.json
	planJSON []byte
)

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
	// Advice from the practitioners. For lists the situations an entry
	// is for: only "burnout" is known, and puts the entry first when the
	// hat audit shows strain (AdviceAudiences).
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

// AdviceAudiences are the values an advice entry's "for" may hold: the
// situations the plan acts on.
var AdviceAudiences = []string{"burnout"}

// DiscussionConditions are the "when" conditions of discussion questions
// other than "mostly:<track>".
var DiscussionConditions = []string{"always", "many-hybrids", "missing", "gap"}

// The data files as a person editing them finds them; errors name them.
const (
	ModelFile = "assessment/data/model.json"
	PlanFile  = "assessment/data/plan.json"
)

// Action kinds, in plan order, and the day each is due by.
var actionKinds = []struct {
	Kind string
	Day  int
}{{"learn", 30}, {"practise", 60}, {"evidence", 90}}

// Engine scores answers with one bank, model and plan content.
type Engine struct {
	Bank  *questions.Bank
	Model *Model

	plan      *planContent // see Plan
	profiles  map[string]*Profile
	areaIndex map[string]int // area ID -> its place in Bank.Areas
	itemIndex map[string]int // item ID -> its place in Bank.Items

	// tr is the language of every text the engine writes; nil is English.
	tr *i18n.Printer
}

// planContent is the engine's plan content, decoded at its first use:
// scoring does not need it, so a command that only scores (hatcheck score)
// does not decode it (issue 16).
type planContent struct {
	once    sync.Once
	decode  func() (*PlanContent, error)
	content *PlanContent
	actions map[string]*ActionContent // by competency + "/" + kind
	err     error
}

func (p *planContent) get() *planContent {
	p.once.Do(func() {
		if p.content, p.err = p.decode(); p.err != nil {
			return
		}
		p.actions = map[string]*ActionContent{}
		for i := range p.content.Actions {
			a := &p.content.Actions[i]
			p.actions[a.Competency+"/"+a.Kind] = a
		}
	})
	return p
}

// Plan is the plan content: actions, contexts, advice and discussion
// questions. It is decoded at its first use; the engines that check their
// data (NewEngineWithBank) decode it when they are built, and the embedded
// file of NewEngine is checked by TestEmbeddedEngineIsValid, so that it
// cannot fail in a built program.
func (e *Engine) Plan() *PlanContent {
	p := e.plan.get()
	if p.err != nil || p.content == nil { // nil: the decoding panicked once
		panic(fmt.Sprintf("hatcheck: the built-in plan content is broken: %v", p.err))
	}
	return p.content
}

// actions is the plan content's actions by competency + "/" + kind.
func (e *Engine) actions() map[string]*ActionContent {
	e.Plan()
	return e.plan.actions
}

// In returns the engine speaking lang ("es", "es_MX.UTF-8"...; English
// when Hatcheck does not speak it): results, plans and group summaries
// made with it are written in that language. The engine itself is shared,
// not copied.
func (e *Engine) In(lang string) *Engine {
	c := *e
	c.tr = i18n.For(lang)
	return &c
}

// Printer is the engine's language, for the texts other packages write
// around its results (the PDF, the command line).
func (e *Engine) Printer() *i18n.Printer {
	if e.tr == nil {
		return i18n.English()
	}
	return e.tr
}

// Lang is the engine's language code: "en" or "es".
func (e *Engine) Lang() string { return e.Printer().Lang() }

// T is a text of the engine's catalogue in the engine's language.
func (e *Engine) T(key string, data ...any) string { return e.Printer().T(key, data...) }

// N is T for a text about n things.
func (e *Engine) N(key string, n int, data ...any) string { return e.Printer().N(key, n, data...) }

// text is a text of the data (a question, a plan action) in the engine's
// language.
func (e *Engine) text(t questions.Text) string { return t.In(e.Lang()) }

// Default is the engine of the embedded data, built once per process and
// shared: an Engine is never changed after it is built, so it is safe for
// concurrent use.
var Default = sync.OnceValues(NewEngine)

// NewEngine loads the embedded bank, model and plan content. Whether they
// decode strictly (no unknown field), follow the bank's rules and agree
// with each other is checked by tests (TestEmbeddedEngineIsValid and the
// questions package's TestEmbeddedBankIsValid, which "make build" runs
// before building), not again in every process: see questions.Load.
func NewEngine() (*Engine, error) {
	bank, err := questions.Load()
	if err != nil {
		return nil, err
	}
	// The plan content, the biggest file, is decoded when it is first
	// needed (Engine.Plan): a command that only scores never waits for it.
	return newEngineWith(bank, modelJSON, func() (*PlanContent, error) { return decodePlan(planJSON, false) }, false)
}

// newCheckedEngine is NewEngine with every check that NewEngine leaves to
// the tests: the bank's rules and the agreement of model, plan and bank.
func newCheckedEngine() (*Engine, error) {
	bank, err := questions.Load()
	if err != nil {
		return nil, err
	}
	if err := bank.Validate(); err != nil {
		return nil, err
	}
	return newEngine(bank, modelJSON, planJSON, true)
}

// NewEngineWithBank builds an engine of the embedded model and plan content
// around another bank, such as an edited copy of the questions; it checks
// that they agree as NewEngine does.
func NewEngineWithBank(bank *questions.Bank) (*Engine, error) {
	return newEngine(bank, modelJSON, planJSON, true)
}

// newEngine builds an engine; check runs e.validate (see NewEngine).
func newEngine(bank *questions.Bank, modelJSON, planJSON []byte, check bool) (*Engine, error) {
	return newEngineWith(bank, modelJSON, func() (*PlanContent, error) { return decodePlan(planJSON, check) }, check)
}

// decodePlan reads the plan content file (strictly: see decodeData).
func decodePlan(planJSON []byte, strict bool) (*PlanContent, error) {
	plan := struct {
		Format string `json:"format"`
		*PlanContent
	}{PlanContent: &PlanContent{}}
	if err := jsonpos.DecodeDocument(PlanFile, planJSON, "hatcheck-plan", &plan.Format, &plan, strict); err != nil {
		return nil, fmt.Errorf("read plan content: %w", err)
	}
	return plan.PlanContent, nil
}

// newEngineWith is newEngine with the plan content from plan, called at its
// first use unless check asks for it now.
func newEngineWith(bank *questions.Bank, modelJSON []byte, plan func() (*PlanContent, error), check bool) (*Engine, error) {
	e := &Engine{Bank: bank, Model: &Model{}}
	model := struct {
		Format string `json:"format"`
		*Model
	}{Model: e.Model}
	if err := jsonpos.DecodeDocument(ModelFile, modelJSON, "hatcheck-model", &model.Format, &model, check); err != nil {
		return nil, fmt.Errorf("read scoring model: %w", err)
	}
	e.plan = &planContent{decode: plan}
	e.itemIndex = make(map[string]int, len(bank.Items))
	for i := range bank.Items {
		e.itemIndex[bank.Items[i].ID] = i
	}
	e.areaIndex = map[string]int{}
	for k, a := range bank.Areas {
		e.areaIndex[a.ID] = k
	}
	e.profiles = map[string]*Profile{}
	for i := range e.Model.Profiles {
		e.profiles[e.Model.Profiles[i].Track] = &e.Model.Profiles[i]
	}
	if check {
		if err := e.plan.get().err; err != nil {
			return nil, err
		}
		if err := e.validate(); err != nil {
			return nil, err
		}
	}
	// A target written with one decimal (66.7 on a 1-7 scale) is the level
	// of its scale point exactly, so that a rating at the target reads as
	// reaching it.
	skill := bank.Scales[questions.SkillScale]
	for i := range e.Model.Profiles {
		for j := range e.Model.Profiles[i].Competencies {
			pc := &e.Model.Profiles[i].Competencies[j]
			v, _ := skill.PointAt(pc.Target)
			pc.Target = skill.Percent(v)
		}
	}
	return e, nil
}

// validate checks that the model and plan only name things the bank knows,
// and that every competency a profile weights has its three plan actions.
// Each problem names the entry and what to do.
func (e *Engine) validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	m := e.Model
	if math.Abs(m.Fit.Readiness+m.Fit.Affinity-1) > 1e-9 || m.Fit.Readiness < 0 || m.Fit.Affinity < 0 {
		add("%s fit: weights %v + %v must be non-negative and add up to 1", ModelFile, m.Fit.Readiness, m.Fit.Affinity)
	}
	if m.Band.Z <= 0 || m.Band.PriorSD <= 0 || m.Band.FlagWidening < 1 {
		add("%s band: parameters must be positive (and flag widening at least 1)", ModelFile)
	}
	if m.Plan.Gaps < 1 {
		add("%s plan: the plan needs at least one gap", ModelFile)
	}
	if agree, ok := e.Bank.Scales[questions.AgreementScale]; ok {
		if g := m.Quality.ReverseGap; g < 1 || g > agree.Max-agree.Min {
			add("%s quality: reverse_gap %d is counted in points of the agreement scale; it must be 1 to %d", ModelFile, g, agree.Max-agree.Min)
		}
	}
	skill := e.Bank.Scales[questions.SkillScale]
	profiled := map[string]bool{}
	for _, p := range m.Profiles {
		if !containsString(questions.TrackIDs, p.Track) {
			add("%s profile %q: unknown track; use one of %s", ModelFile, p.Track, quoteList(questions.TrackIDs))
		}
		if profiled[p.Track] {
			add("%s profile %q: the track has two profiles; keep one", ModelFile, p.Track)
		}
		profiled[p.Track] = true
		seen := map[string]bool{}
		for _, c := range p.Competencies {
			if _, ok := e.Bank.Competency(c.ID); !ok {
				add("%s profile %s: unknown competency %q; use a competency ID from %s", ModelFile, p.Track, c.ID, questions.VocabularyFile)
			}
			if seen[c.ID] {
				add("%s profile %s: competency %q is listed twice; keep one entry", ModelFile, p.Track, c.ID)
			}
			seen[c.ID] = true
			if c.Weight <= 0 || c.Target <= 0 || c.Target > 100 {
				add("%s profile %s: competency %q needs a positive weight and a target in (0, 100]", ModelFile, p.Track, c.ID)
			} else if _, ok := skill.PointAt(c.Target); !ok {
				add("%s profile %s: competency %q has target %v, which is not a level of the %s scale; use one of %s (targets are shown as the scale's labels)", ModelFile, p.Track, c.ID, c.Target, questions.SkillScale, levelList(skill))
			}
		}
	}
	for _, id := range questions.TrackIDs {
		if !profiled[id] {
			add("%s: track %q has no profile; add one", ModelFile, id)
		}
	}
	checkSource := func(where string, s questions.Source) {
		if _, ok := e.Bank.Document(s.File); !ok {
			add("%s %s: source %q is not one of the five articles", PlanFile, where, s.File)
		}
	}
	checkText := func(where string, t questions.Text) {
		if strings.TrimSpace(t.String()) == "" {
			add("%s %s: missing English text", PlanFile, where)
		}
	}
	kinds := make([]string, len(actionKinds))
	for i, k := range actionKinds {
		kinds[i] = k.Kind
	}
	for _, c := range e.Bank.Competencies {
		for _, k := range actionKinds {
			a, ok := e.actions()[c.ID+"/"+k.Kind]
			if !ok {
				add("%s: competency %q has no %s action; add one", PlanFile, c.ID, k.Kind)
				continue
			}
			checkText("action "+c.ID+"/"+k.Kind, a.Text)
			checkText("action "+c.ID+"/"+k.Kind+" proof", a.Proof)
			checkSource("action "+c.ID+"/"+k.Kind, a.Source)
			for ctx, note := range a.Contexts {
				if !containsString(Contexts, ctx) {
					add("%s action %s/%s: unknown context %q; use one of %s", PlanFile, c.ID, k.Kind, ctx, quoteList(Contexts))
				}
				checkText("action "+c.ID+"/"+k.Kind+" in "+ctx, note)
			}
		}
	}
	for _, a := range e.Plan().Actions {
		if _, ok := e.Bank.Competency(a.Competency); !ok {
			add("%s: action for unknown competency %q; use a competency ID from %s", PlanFile, a.Competency, questions.VocabularyFile)
		}
		if !containsString(kinds, a.Kind) {
			add("%s action %s/%s: unknown kind %q; use one of %s", PlanFile, a.Competency, a.Kind, a.Kind, quoteList(kinds))
		}
	}
	if len(e.actions()) != len(e.Plan().Actions) {
		add("%s: some competency has two actions of the same kind; keep one", PlanFile)
	}
	ctxs := map[string]bool{}
	for _, c := range e.Plan().Contexts {
		if !containsString(Contexts, c.ID) {
			add("%s context %q: unknown context; the respondent can choose only %s", PlanFile, c.ID, quoteList(Contexts))
		}
		if ctxs[c.ID] {
			add("%s context %q: defined twice; keep one", PlanFile, c.ID)
		}
		ctxs[c.ID] = true
		checkText("context "+c.ID+" name", c.Name)
		checkText("context "+c.ID, c.Advice)
		checkSource("context "+c.ID, c.Source)
	}
	for _, c := range Contexts {
		if !ctxs[c] {
			add("%s: context %q has no advice; add it under contexts", PlanFile, c)
		}
	}
	tracks := map[string]bool{}
	for _, t := range e.Plan().Tracks {
		if !containsString(questions.TrackIDs, t.ID) {
			add("%s track %q: unknown track; use one of %s", PlanFile, t.ID, quoteList(questions.TrackIDs))
		}
		if tracks[t.ID] {
			add("%s track %q: defined twice; keep one", PlanFile, t.ID)
		}
		tracks[t.ID] = true
		if len(t.KPIs) == 0 || len(t.Day) == 0 {
			add("%s track %s: KPIs and a day in the life are needed", PlanFile, t.ID)
		}
		for _, c := range append(append([]Cited{}, t.KPIs...), t.Day...) {
			checkText("track "+t.ID, c.Text)
			checkSource("track "+t.ID, c.Source)
		}
		checkText("track "+t.ID+" collaboration", t.Collaboration)
		checkSource("track "+t.ID+" collaboration", t.CollaborationSource)
	}
	for _, id := range questions.TrackIDs {
		if !tracks[id] {
			add("%s: track %q has no plan content; add it under tracks", PlanFile, id)
		}
	}
	advice := map[string]bool{}
	for _, a := range e.Plan().Advice {
		if strings.TrimSpace(a.ID) == "" || advice[a.ID] {
			add("%s advice %q: the id is empty or used twice", PlanFile, a.ID)
		}
		advice[a.ID] = true
		checkText("advice "+a.ID, a.Text)
		checkSource("advice "+a.ID, a.Source)
		for _, f := range a.For {
			if !containsString(AdviceAudiences, f) {
				add("%s advice %s: \"for\" holds %q, which the plan does not act on; use %s, or leave \"for\" empty for advice shown to everyone", PlanFile, a.ID, f, quoteList(AdviceAudiences))
			}
		}
	}
	discussion := map[string]bool{}
	for _, q := range e.Plan().Discussion {
		if strings.TrimSpace(q.ID) == "" || discussion[q.ID] {
			add("%s discussion %q: the id is empty or used twice", PlanFile, q.ID)
		}
		discussion[q.ID] = true
		checkText("discussion "+q.ID, q.Text)
		checkSource("discussion "+q.ID, q.Source)
		track, mostly := strings.CutPrefix(q.When, "mostly:")
		switch {
		case mostly && !containsString(questions.TrackIDs, track):
			add("%s discussion %s: condition %q names unknown track %q; use one of %s", PlanFile, q.ID, q.When, track, quoteList(questions.TrackIDs))
		case !mostly && !containsString(DiscussionConditions, q.When):
			add("%s discussion %s: unknown condition %q; use %s, or \"mostly:<track>\"", PlanFile, q.ID, q.When, quoteList(DiscussionConditions))
		}
		text := q.Text.String()
		for _, ph := range []struct{ placeholder, when string }{{"{track}", "missing"}, {"{gap}", "gap"}} {
			if has := strings.Contains(text, ph.placeholder); has != (q.When == ph.when) {
				if has {
					add("%s discussion %s: the text holds %s, which is filled in only for the condition %q", PlanFile, q.ID, ph.placeholder, ph.when)
				} else {
					add("%s discussion %s: the condition %q fills in %s; put it in the text", PlanFile, q.ID, ph.when, ph.placeholder)
				}
			}
		}
	}
	if len(problems) > 0 {
		return errors.New("scoring model or plan content is invalid:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

// levelList lists a scale's levels as a person writes them: 0, 25, 50...
func levelList(sc questions.Scale) string {
	var out []string
	for _, l := range sc.Levels() {
		out = append(out, fmt.Sprintf("%g", math.Round(l*10)/10))
	}
	return strings.Join(out, ", ")
}

// Profile returns a track's profile.
func (e *Engine) Profile(track string) (*Profile, bool) {
	p, ok := e.profiles[track]
	return p, ok
}
