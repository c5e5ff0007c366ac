package assessment

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// PlanChoice is what a person decided about their plan for one hat: which
// actions they keep, in which month, how far along each is, and their notes.
// A person keeps one choice per hat, so switching the target hat and back
// restores what they had.
type PlanChoice struct {
	Track   string         `json:"track"`
	Notes   string         `json:"notes,omitempty"`
	Actions []ActionChoice `json:"actions"`
}

// ActionChoice is one plan action as the person set it.
type ActionChoice struct {
	Competency string `json:"competency"`
	Kind       string `json:"kind"`
	Chosen     bool   `json:"chosen"`
	Slot       int    `json:"slot"`
	Status     string `json:"status"`
	Note       string `json:"note,omitempty"`
}

// Statuses an action can have.
var Statuses = []string{"todo", "doing", "done"}

// ActionKinds are the kinds of plan action, in the order a plan lists them.
var ActionKinds = []string{"learn", "practise", "evidence"}

// Slots are the plan's months, by their last day.
var Slots = []int{30, 60, 90}

// MaxNotes bounds the plan notes; longer is almost certainly a paste
// accident.
const MaxNotes = 20000

func (a ActionChoice) key() string { return a.Competency + "/" + a.Kind }

// Validate checks a plan choice against the engine's tracks and actions;
// it returns every problem found, each a catalogue text (see i18n.Errorf).
func (p *PlanChoice) Validate(e *Engine) []error {
	var problems []error
	if _, ok := e.Bank.Track(p.Track); !ok {
		problems = append(problems, i18n.Errorf("plan track {{.Hat}} is unknown; allowed: {{.Allowed}}", map[string]any{"Hat": strconv.Quote(p.Track), "Allowed": strings.Join(questions.TrackIDs, ", ")}))
	}
	if n := utf8.RuneCountInString(p.Notes); n > MaxNotes {
		problems = append(problems, i18n.Errorf("plan notes are {{.N}} characters long; up to {{.Max}} are allowed", map[string]any{"N": n, "Max": MaxNotes}))
	}
	seen := map[string]bool{}
	for i, a := range p.Actions {
		where := map[string]any{"N": i + 1, "Action": a.Competency + "/" + a.Kind}
		if _, ok := e.Bank.Competency(a.Competency); !ok {
			problems = append(problems, i18n.Errorf("plan action {{.N}} ({{.Action}}): unknown competency", where))
		}
		if !containsString(ActionKinds, a.Kind) {
			problems = append(problems, i18n.Errorf("plan action {{.N}} ({{.Action}}): kind must be \"learn\", \"practise\" or \"evidence\"", where))
		}
		if !containsInt(Slots, a.Slot) {
			problems = append(problems, i18n.Errorf("plan action {{.N}} ({{.Action}}): slot {{.Slot}}; allowed: 30, 60, 90", with(where, "Slot", a.Slot)))
		}
		if !containsString(Statuses, a.Status) {
			problems = append(problems, i18n.Errorf("plan action {{.N}} ({{.Action}}): status {{.Status}}; allowed: {{.Allowed}}", with(where, "Status", strconv.Quote(a.Status), "Allowed", strings.Join(Statuses, ", "))))
		}
		if n := utf8.RuneCountInString(a.Note); n > MaxNotes {
			problems = append(problems, i18n.Errorf("plan action {{.N}} ({{.Action}}): note is {{.Length}} characters long; up to {{.Max}} are allowed", with(where, "Length", n, "Max", MaxNotes)))
		}
		if seen[a.key()] {
			problems = append(problems, i18n.Errorf("plan action {{.N}} ({{.Action}}): listed twice", where))
		}
		seen[a.key()] = true
	}
	return problems
}

// with is data with more fields, given as name, value, name, value...
func with(data map[string]any, kv ...any) map[string]any {
	out := make(map[string]any, len(data)+len(kv)/2)
	for k, v := range data {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

func containsInt(list []int, n int) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// PersonalPlan is a plan for one hat together with the person's choices
// for that hat. The screen lists Full with the choices; the PDF, the text
// output and the workshop print Arranged.
type PersonalPlan struct {
	// Full holds every action the hat's gaps call for, in its default slot.
	Full *Plan
	// Choice has one entry per action of Full, and the notes.
	Choice PlanChoice
}

// Arranged is the plan as the person arranged it: only the actions they
// keep, each in the month they chose, with their notes; the phases keep
// their titles.
func (pp PersonalPlan) Arranged() *Plan {
	p := pp.Full
	byKey := map[string]ActionChoice{}
	for _, a := range pp.Choice.Actions {
		byKey[a.key()] = a
	}
	out := *p
	out.Notes = pp.Choice.Notes
	out.Phases = make([]Phase, len(p.Phases))
	slot := map[int]int{}
	for i, ph := range p.Phases {
		out.Phases[i] = Phase{Day: ph.Day, Title: ph.Title, Actions: []PlanAction{}}
		slot[ph.Day] = i
	}
	for _, ph := range p.Phases {
		for _, a := range ph.Actions {
			ch, ok := byKey[a.Competency+"/"+a.Kind]
			if ok && !ch.Chosen {
				continue
			}
			if ok {
				if _, known := slot[ch.Slot]; known {
					a.Day = ch.Slot
				}
			}
			i := slot[a.Day]
			out.Phases[i].Actions = append(out.Phases[i].Actions, a)
		}
	}
	return &out
}

// PlanFor is the one way from answers to the plan a person sees, prints or
// hands to a trainer. The hat is target when given, else the hat of the
// saved choice, else the best fit (ErrNoTrack when there is none). The
// saved choice applies when it is for that hat; actions it does not mention
// (new in this version) keep their defaults.
func (e *Engine) PlanFor(a *Answers, r *Result, target string, saved *PlanChoice) (PersonalPlan, error) {
	if target == "" && saved != nil {
		target = saved.Track
	}
	p, err := e.BuildPlan(a, r, target)
	if err != nil {
		return PersonalPlan{}, err
	}
	c := PlanChoice{Track: p.Track, Actions: []ActionChoice{}}
	for _, ph := range p.Phases {
		for _, pa := range ph.Actions {
			c.Actions = append(c.Actions, ActionChoice{Competency: pa.Competency, Kind: pa.Kind, Chosen: true, Slot: pa.Day, Status: "todo"})
		}
	}
	if saved != nil && saved.Track == p.Track {
		byKey := map[string]ActionChoice{}
		for _, sa := range saved.Actions {
			byKey[sa.key()] = sa
		}
		for i, ca := range c.Actions {
			if sa, ok := byKey[ca.key()]; ok {
				c.Actions[i] = sa
			}
		}
		c.Notes = saved.Notes
	}
	return PersonalPlan{Full: p, Choice: c}, nil
}
