package assessment

import (
	"sort"

	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// Plan is a 30/60/90-day development plan toward one track.
type Plan struct {
	Respondent    Respondent `json:"respondent"`
	Track         string     `json:"track"`
	TrackName     string     `json:"track_name"`
	Chosen        string     `json:"chosen"` // "best-fit" or "requested"
	Fit           *Score     `json:"fit"`
	Verdict       Verdict    `json:"verdict"`
	Context       string     `json:"context,omitempty"`
	ContextName   string     `json:"context_name,omitempty"`
	ContextAdvice string     `json:"context_advice,omitempty"`
	Gaps          []Gap      `json:"gaps"`
	// Ranking is every rated competency of the track's profile, gaps first
	// by priority, then strengths by headroom; Gaps is its top part.
	Ranking       []Gap        `json:"ranking"`
	Phases        []Phase      `json:"phases"`
	Unrated       []string     `json:"unrated"`
	KPIs          []string     `json:"kpis"`
	DayInLife     []string     `json:"day_in_life"`
	Collaboration string       `json:"collaboration"`
	Advice        []string     `json:"advice"`
	Sources       []PlanSource `json:"sources"`
	Note          string       `json:"note"`
	// Notes are the person's own notes for this hat (see PlanFor).
	Notes string `json:"notes,omitempty"`
}

// Gap is a competency the plan works on. Priority is weight x shortfall:
// how much of the track's readiness closing it would buy.
type Gap struct {
	Competency string  `json:"competency"`
	Name       string  `json:"name"`
	Level      Score   `json:"level"`
	Target     Score   `json:"target"`
	Weight     float64 `json:"weight"`
	Priority   Score   `json:"priority"`
	// Kind is "gap" below target, or "strengthen" when the respondent is
	// already at target and the plan deepens a strength instead.
	Kind string `json:"kind"`
}

// Phase is one 30-day block of the plan.
type Phase struct {
	Day     int          `json:"day"`
	Title   string       `json:"title"`
	Actions []PlanAction `json:"actions"`
}

// PlanAction is one thing to do, with its proof of done.
type PlanAction struct {
	Competency  string           `json:"competency"`
	Name        string           `json:"name"`
	Kind        string           `json:"kind"`
	Day         int              `json:"day"`
	Text        string           `json:"text"`
	Proof       string           `json:"proof"`
	ContextNote string           `json:"context_note,omitempty"`
	Source      questions.Source `json:"source"`
}

// kindTitles name the kinds of plan action as a person reads them.
var kindTitles = map[string]string{"learn": i18n.Key("Learn"), "practise": i18n.Key("Practise"), "evidence": i18n.Key("Show evidence")}

// SlotTitle names a month of the plan by its last day: "Days 31-60".
func (e *Engine) SlotTitle(day int) string { return e.T(phaseTitles[day]) }

// KindTitle names a kind of plan action ("learn") in the engine's
// language: "Learn".
func (e *Engine) KindTitle(kind string) string { return e.T(kindTitles[kind]) }

// Heading names an action by its kind and skill: "Learn: Moderation".
func (e *Engine) Heading(a PlanAction) string {
	return e.T("{{.Kind}}: {{.Skill}}", map[string]any{"Kind": e.KindTitle(a.Kind), "Skill": a.Name})
}

// PlanSource is an article the plan rests on.
type PlanSource struct {
	File   string `json:"file"`
	Title  string `json:"title"`
	Author string `json:"author"`
}

// ErrNoTrack is returned when no track was asked for and none can be chosen.
var ErrNoTrack = i18n.Errorf("there are not enough answers to choose a hat; answer more questions or choose a hat yourself")

var phaseTitles = map[int]string{30: i18n.Key("Days 1-30"), 60: i18n.Key("Days 31-60"), 90: i18n.Key("Days 61-90")}

// BuildPlan makes the plan for track, or for the best fit when track is "".
func (e *Engine) BuildPlan(a *Answers, r *Result, track string) (*Plan, error) {
	b := e.Bank
	p := &Plan{Respondent: a.Respondent, Verdict: r.Verdict, Note: e.T(Disclaimer), Chosen: "requested"}
	if track == "" {
		if r.Tracks[0].Fit == nil {
			return nil, ErrNoTrack
		}
		track, p.Chosen = r.Tracks[0].ID, "best-fit"
	}
	tr, ok := b.Track(track)
	if !ok {
		return nil, i18n.Errorf("unknown hat “{{.Hat}}”; allowed: {{.Allowed}}", map[string]any{"Hat": track, "Allowed": quoteList(questions.TrackIDs)})
	}
	p.Track, p.TrackName = tr.ID, e.text(tr.Name)
	for _, t := range r.Tracks {
		if t.ID == track {
			p.Fit = t.Fit
		}
	}
	used := map[string]bool{}
	for _, s := range tr.Sources {
		used[s.File] = true
	}

	levels := map[string]float64{}
	for _, c := range r.Competencies {
		if c.Level != nil {
			levels[c.ID] = float64(*c.Level)
		}
	}
	prof, _ := e.Profile(track)
	var gaps, strengths []Gap
	for _, pc := range prof.Competencies {
		c, _ := b.Competency(pc.ID)
		lv, ok := levels[pc.ID]
		if !ok {
			p.Unrated = append(p.Unrated, e.text(c.Name))
			continue
		}
		g := Gap{Competency: pc.ID, Name: e.text(c.Name), Level: Score(lv), Target: Score(pc.Target), Weight: pc.Weight}
		if lv < pc.Target {
			g.Kind, g.Priority = "gap", Score(pc.Weight*(pc.Target-lv)/100)
			gaps = append(gaps, g)
		} else {
			g.Kind, g.Priority = "strengthen", Score(pc.Weight*(100-lv)/100)
			strengths = append(strengths, g)
		}
	}
	byPriority := func(gs []Gap) {
		sort.SliceStable(gs, func(i, j int) bool {
			if gs[i].Priority != gs[j].Priority {
				return gs[i].Priority > gs[j].Priority
			}
			if gs[i].Weight != gs[j].Weight {
				return gs[i].Weight > gs[j].Weight
			}
			return gs[i].Competency < gs[j].Competency
		})
	}
	byPriority(gaps)
	byPriority(strengths)
	p.Ranking = append(append([]Gap{}, gaps...), strengths...)
	// A skill already at the top of the scale has nothing left to plan.
	for _, g := range p.Ranking {
		if g.Level < 100 && len(p.Gaps) < e.Model.Plan.Gaps {
			p.Gaps = append(p.Gaps, g)
		}
	}
	if p.Gaps == nil {
		p.Gaps = []Gap{}
	}
	if p.Unrated == nil {
		p.Unrated = []string{}
	}

	ctx := a.Respondent.Context
	for _, c := range e.Plan().Contexts {
		if c.ID == ctx {
			p.Context, p.ContextName, p.ContextAdvice = c.ID, e.text(c.Name), e.text(c.Advice)
			used[c.Source.File] = true
		}
	}
	p.Phases = e.schedule(p.Gaps, ctx, used)
	for _, t := range e.Plan().Tracks {
		if t.ID != track {
			continue
		}
		for _, k := range t.KPIs {
			p.KPIs = append(p.KPIs, e.text(k.Text))
			used[k.Source.File] = true
		}
		for _, d := range t.Day {
			p.DayInLife = append(p.DayInLife, e.text(d.Text))
			used[d.Source.File] = true
		}
		p.Collaboration = e.text(t.Collaboration)
		used[t.CollaborationSource.File] = true
	}
	// Burnout advice first for people whose audit shows strain.
	strained := r.Audit != nil && len(r.Audit.Signals) > 0
	var first, rest []string
	for _, ad := range e.Plan().Advice {
		if containsString(ad.For, "burnout") && strained {
			first = append(first, e.text(ad.Text))
		} else {
			rest = append(rest, e.text(ad.Text))
		}
		used[ad.Source.File] = true
	}
	p.Advice = append(first, rest...)
	for _, d := range b.Sources {
		if used[d.File] {
			p.Sources = append(p.Sources, PlanSource{File: d.File, Title: d.Title, Author: d.Author.In(e.Lang())})
		}
	}
	return p, nil
}

// schedule lays the plan's actions out over the three months. Each skill
// takes the steps its level calls for (see KindFits) one month apart, in
// the order learn, practise, show evidence; a skill with fewer than three
// steps starts where its months hold the fewest cards so far, finishing by day 90
// (the earliest on a tie), so that a person who already does much of the
// work still has something to do from day 1. Skills are placed in order of
// priority, so the most important one starts first.
func (e *Engine) schedule(gaps []Gap, ctx string, used map[string]bool) []Phase {
	phases := make([]Phase, len(actionKinds))
	for i, k := range actionKinds {
		phases[i] = Phase{Day: k.Day, Title: e.T(phaseTitles[k.Day]), Actions: []PlanAction{}}
	}
	for _, g := range gaps {
		var kinds []string
		for _, k := range actionKinds {
			if KindFits(k.Kind, float64(g.Level)) {
				kinds = append(kinds, k.Kind)
			}
		}
		load := func(start int) int {
			n := 0
			for i := range kinds {
				n += len(phases[start+i].Actions)
			}
			return n
		}
		start := 0
		for m := 1; m+len(kinds) <= len(phases); m++ {
			if load(m) < load(start) {
				start = m
			}
		}
		for i, kind := range kinds {
			ph := &phases[start+i]
			ac := e.actions()[g.Competency+"/"+kind]
			pa := PlanAction{Competency: g.Competency, Name: g.Name, Kind: kind, Day: ph.Day,
				Text: e.text(ac.Text), Proof: e.text(ac.Proof), Source: ac.Source}
			if note, ok := ac.Contexts[ctx]; ok && ctx != "" {
				pa.ContextNote = e.text(note)
			}
			used[ac.Source.File] = true
			ph.Actions = append(ph.Actions, pa)
		}
	}
	return phases
}

// Where a person's level of a skill (0-100 on the skill scale) puts them:
// below "do it on my own" they learn it first; doing it on their own, they
// practise it; doing it well and often, they show evidence of it (and lead
// others in it). Nobody is asked to learn what they already do on their
// own, let alone what they could teach.
const (
	onOwnLevel     = 50 // "Do it on my own" on a five-point scale
	wellOftenLevel = 75 // "Do it well and often"
)

// KindFits says whether a plan action of this kind suits a skill at this
// level.
func KindFits(kind string, level float64) bool {
	switch kind {
	case "learn":
		return level < onOwnLevel
	case "practise":
		return level < wellOftenLevel
	case "evidence":
		return level < 100
	}
	return false
}
