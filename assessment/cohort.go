package assessment

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"hatcheck/questions"
)

// MinBreakdown is the smallest group whose breakdown is shown as more than
// a count: below it, a trainer could tell who is who.
const MinBreakdown = 5

// MinAlphaPeople is how many complete answers a scale needs before its
// internal consistency (Cronbach's alpha) means anything.
const MinAlphaPeople = 10

// Member is one participant of a cohort, kept small: a cohort's report
// holds every member at once, so it keeps the numbers, not the answers.
type Member struct {
	Code    string
	Name    string
	Context string
	// Fits, bands and verdict, by track ID.
	Fit     map[string]*Score
	Band    map[string]*[2]Score
	Verdict Verdict
	Best    string // best-fit track, "" when not enough answers
	// Levels of the rated competencies (0-100), by competency ID.
	Levels map[string]float64
	// Gaps are the competencies of the best fit's plan, most urgent first.
	Gaps []string
	// items answered, for completion; values for reliability.
	answered map[string]bool
	values   map[string]float64
}

// NewMember condenses one participant's answers and result.
func (e *Engine) NewMember(code, name string, a *Answers, r *Result) Member {
	m := Member{Code: code, Name: name, Context: a.Respondent.Context, Verdict: r.Verdict,
		Fit: map[string]*Score{}, Band: map[string]*[2]Score{}, Levels: map[string]float64{},
		answered: map[string]bool{}, values: map[string]float64{}}
	for _, t := range r.Tracks {
		m.Fit[t.ID], m.Band[t.ID] = t.Fit, t.Band
	}
	if r.Tracks[0].Fit != nil {
		m.Best = r.Tracks[0].ID
	}
	for _, c := range r.Competencies {
		if c.Level != nil {
			m.Levels[c.ID] = float64(*c.Level)
		}
	}
	if m.Best != "" {
		if p, err := e.BuildPlan(a, r, m.Best); err == nil {
			for _, g := range p.Gaps {
				if g.Kind == "gap" {
					m.Gaps = append(m.Gaps, g.Competency)
				}
			}
		}
	}
	for id, ans := range a.Items {
		m.answered[id] = true
		it, ok := e.Bank.Item(id)
		if !ok {
			continue
		}
		switch it.Kind {
		case questions.KindSkillRating:
			m.values[id] = float64(ans.Value)
		case questions.KindWorkStyle:
			v := float64(ans.Value)
			if it.Measures.Reverse {
				v = 6 - v
			}
			m.values[id] = v
		}
	}
	return m
}

// Label is how the member appears in group outputs: the code, or the name
// when the trainer switched names on.
func (m Member) Label(names bool) string {
	if names && m.Name != "" {
		return m.Name
	}
	return m.Code
}

// Group is the picture of a cohort.
type Group struct {
	Size int
	// Lean counts the clear best fits per track; Hybrid the too-close-to-
	// call; NotEnough those without enough answers.
	Lean      map[string]int
	Hybrid    int
	NotEnough int
	// Contexts counts the members per work context ("" unknown).
	Contexts map[string]int
	// MeanFit is the mean fit per track over the members with one; nil
	// when fewer than MinBreakdown members have it.
	MeanFit map[string]*Score
	// Detailed is false when the group is too small to show anything but
	// counts (fewer than MinBreakdown members and names off).
	Detailed bool
	Gaps     []CommonGap
	Pairs    []PeerPair
	Items    []ItemCompletion
	Scales   []ScaleReliability
	// Questions for the session's discussion.
	Questions []string
}

// CommonGap is a competency many members have among their plan's gaps.
type CommonGap struct {
	Competency string
	Name       string
	People     int
	MeanLevel  Score
}

// PeerPair suggests two members who can learn from each other.
type PeerPair struct {
	A, B   string // labels
	Why    string
	Weight float64
}

// ItemCompletion is the share of members who answered an item.
type ItemCompletion struct {
	Item     string
	Text     string
	Answered int
	Share    Score
}

// ScaleReliability is a scale's internal consistency over the members who
// answered all its items.
type ScaleReliability struct {
	Scale  string
	Items  int
	People int
	Alpha  *float64 // nil: fewer than MinAlphaPeople complete answers
	Note   string
}

// Summarise builds the group picture. names says whether the trainer
// switched names on (it lets a small group show detail).
func (e *Engine) Summarise(members []Member, names bool) Group {
	g := Group{Size: len(members), Lean: map[string]int{}, Contexts: map[string]int{}, MeanFit: map[string]*Score{}}
	g.Detailed = names || len(members) >= MinBreakdown
	sums, counts := map[string]float64{}, map[string]int{}
	for _, m := range members {
		g.Contexts[m.Context]++
		switch m.Verdict.Kind {
		case VerdictClear:
			g.Lean[m.Best]++
		case VerdictHybrid:
			g.Hybrid++
		default:
			g.NotEnough++
		}
		for id, f := range m.Fit {
			if f != nil {
				sums[id] += float64(*f)
				counts[id]++
			}
		}
	}
	for _, id := range questions.TrackIDs {
		if counts[id] >= MinBreakdown {
			g.MeanFit[id] = scorePtr(sums[id] / float64(counts[id]))
		}
	}
	g.Gaps = e.commonGaps(members)
	if g.Detailed {
		g.Pairs = e.peerPairs(members, names)
	}
	g.Items = e.completion(members)
	g.Scales = e.reliability(members)
	g.Questions = e.discussion(g)
	return g
}

func (e *Engine) commonGaps(members []Member) []CommonGap {
	people := map[string]int{}
	levels := map[string]float64{}
	for _, m := range members {
		for _, c := range m.Gaps {
			people[c]++
			levels[c] += m.Levels[c]
		}
	}
	var out []CommonGap
	for id, n := range people {
		c, _ := e.Bank.Competency(id)
		out = append(out, CommonGap{Competency: id, Name: c.Name.String(), People: n, MeanLevel: Score(levels[id] / float64(n))})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].People != out[j].People {
			return out[i].People > out[j].People
		}
		return out[i].Competency < out[j].Competency
	})
	if len(out) > 8 {
		out = out[:8]
	}
	return out
}

// areaLevels is a member's mean level per competency area.
func (e *Engine) areaLevels(m Member) map[string]float64 {
	sum, n := map[string]float64{}, map[string]int{}
	for _, c := range e.Bank.Competencies {
		if l, ok := m.Levels[c.ID]; ok {
			sum[c.Area] += l
			n[c.Area]++
		}
	}
	out := map[string]float64{}
	for a, s := range sum {
		out[a] = s / float64(n[a])
	}
	return out
}

// peerPairs matches members whose strong areas are the other's weak ones,
// greedily, strongest complement first; each member is in one pair at most.
func (e *Engine) peerPairs(members []Member, names bool) []PeerPair {
	areas := make([]map[string]float64, len(members))
	for i, m := range members {
		areas[i] = e.areaLevels(m)
	}
	type cand struct {
		i, j  int
		score float64
		aArea string // where i helps j
		bArea string // where j helps i
	}
	var cands []cand
	for i := range members {
		for j := i + 1; j < len(members); j++ {
			c := cand{i: i, j: j}
			var bestA, bestB float64
			for _, a := range e.Bank.Areas {
				li, oki := areas[i][a.ID]
				lj, okj := areas[j][a.ID]
				if !oki || !okj {
					continue
				}
				if d := li - lj; d > bestA {
					bestA, c.aArea = d, a.ID
				}
				if d := lj - li; d > bestB {
					bestB, c.bArea = d, a.ID
				}
			}
			// Both must have something to give: the smaller gift decides.
			c.score = math.Min(bestA, bestB)
			if c.score >= 25 {
				cands = append(cands, c)
			}
		}
	}
	sort.Slice(cands, func(a, b int) bool {
		if cands[a].score != cands[b].score {
			return cands[a].score > cands[b].score
		}
		return cands[a].i*len(members)+cands[a].j < cands[b].i*len(members)+cands[b].j
	})
	used := map[int]bool{}
	var out []PeerPair
	areaName := func(id string) string {
		for _, a := range e.Bank.Areas {
			if a.ID == id {
				return a.Name.String()
			}
		}
		return id
	}
	for _, c := range cands {
		if used[c.i] || used[c.j] {
			continue
		}
		used[c.i], used[c.j] = true, true
		a, b := members[c.i].Label(names), members[c.j].Label(names)
		out = append(out, PeerPair{A: a, B: b, Weight: c.score,
			Why: fmt.Sprintf("%s is stronger in %s; %s is stronger in %s.", a, areaName(c.aArea), b, areaName(c.bArea))})
	}
	return out
}

func (e *Engine) completion(members []Member) []ItemCompletion {
	var out []ItemCompletion
	for _, it := range e.Bank.Items {
		if !it.Core() {
			continue
		}
		n := 0
		for _, m := range members {
			if m.answered[it.ID] {
				n++
			}
		}
		share := 0.0
		if len(members) > 0 {
			share = 100 * float64(n) / float64(len(members))
		}
		out = append(out, ItemCompletion{Item: it.ID, Text: it.Text.String(), Answered: n, Share: Score(share)})
	}
	return out
}

// scales are the item groups whose consistency is checked: the skills of
// each competency area, and the work-style statements of each track
// (reverse-keyed ones turned round).
func (e *Engine) scales() []struct {
	name  string
	items []string
} {
	var out []struct {
		name  string
		items []string
	}
	for _, a := range e.Bank.Areas {
		var items []string
		for _, c := range e.Bank.Competencies {
			if c.Area == a.ID {
				items = append(items, "skill."+c.ID)
			}
		}
		out = append(out, struct {
			name  string
			items []string
		}{"Skills: " + a.Name.String(), items})
	}
	for _, id := range questions.TrackIDs {
		var items []string
		for _, it := range e.Bank.Items {
			if _, ok := it.Measures.Tracks[id]; ok && it.Kind == questions.KindWorkStyle {
				items = append(items, it.ID)
			}
		}
		t, _ := e.Bank.Track(id)
		out = append(out, struct {
			name  string
			items []string
		}{"Work style: " + t.Name.String(), items})
	}
	return out
}

func (e *Engine) reliability(members []Member) []ScaleReliability {
	var out []ScaleReliability
	for _, sc := range e.scales() {
		r := ScaleReliability{Scale: sc.name, Items: len(sc.items)}
		var rows [][]float64
		for _, m := range members {
			row := make([]float64, 0, len(sc.items))
			for _, id := range sc.items {
				v, ok := m.values[id]
				if !ok {
					break
				}
				row = append(row, v)
			}
			if len(row) == len(sc.items) {
				rows = append(rows, row)
			}
		}
		r.People = len(rows)
		switch {
		case len(sc.items) < 2:
			r.Note = "a single item has no internal consistency"
		case len(rows) < MinAlphaPeople:
			r.Note = fmt.Sprintf("needs at least %d people who answered every item (%d did)", MinAlphaPeople, len(rows))
		default:
			a := CronbachAlpha(rows)
			r.Alpha = &a
			switch {
			case math.IsNaN(a):
				r.Alpha, r.Note = nil, "everyone answered alike, so consistency cannot be measured"
			case a >= 0.8:
				r.Note = "good"
			case a >= 0.7:
				r.Note = "acceptable"
			case a >= 0.6:
				r.Note = "questionable: read its scores with care"
			default:
				r.Note = "poor for this group: its items may mean different things to these people"
			}
		}
		out = append(out, r)
	}
	return out
}

// CronbachAlpha is k/(k-1) x (1 - sum of item variances / variance of the
// totals), over rows of complete answers (one row per person). It is NaN
// when the totals do not vary.
func CronbachAlpha(rows [][]float64) float64 {
	if len(rows) < 2 || len(rows[0]) < 2 {
		return math.NaN()
	}
	k := len(rows[0])
	variance := func(xs []float64) float64 {
		var m float64
		for _, x := range xs {
			m += x
		}
		m /= float64(len(xs))
		var ss float64
		for _, x := range xs {
			ss += (x - m) * (x - m)
		}
		return ss / float64(len(xs)-1)
	}
	var itemVar float64
	col := make([]float64, len(rows))
	for j := 0; j < k; j++ {
		for i, r := range rows {
			col[i] = r[j]
		}
		itemVar += variance(col)
	}
	totals := make([]float64, len(rows))
	for i, r := range rows {
		for _, v := range r {
			totals[i] += v
		}
	}
	tv := variance(totals)
	if tv == 0 {
		return math.NaN()
	}
	return float64(k) / float64(k-1) * (1 - itemVar/tv)
}

// discussion picks the questions whose condition the group meets.
func (e *Engine) discussion(g Group) []string {
	var out []string
	clear := 0
	for _, n := range g.Lean {
		clear += n
	}
	for _, q := range e.Plan.Discussion {
		text := q.Text.String()
		switch {
		case q.When == "always":
			out = append(out, text)
		case q.When == "many-hybrids":
			if g.Size > 0 && 3*g.Hybrid >= g.Size {
				out = append(out, text)
			}
		case strings.HasPrefix(q.When, "mostly:"):
			if clear > 0 && 2*g.Lean[strings.TrimPrefix(q.When, "mostly:")] > g.Size {
				out = append(out, text)
			}
		case q.When == "missing":
			if g.Size >= MinBreakdown {
				for _, id := range questions.TrackIDs {
					if g.Lean[id] == 0 {
						t, _ := e.Bank.Track(id)
						out = append(out, strings.ReplaceAll(text, "{track}", strings.ToLower(t.Name.String())))
					}
				}
			}
		case q.When == "gap":
			if len(g.Gaps) > 0 {
				out = append(out, strings.ReplaceAll(text, "{gap}", g.Gaps[0].Name))
			}
		}
	}
	return out
}
