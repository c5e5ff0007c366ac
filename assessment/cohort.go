package assessment

import (
	"cmp"
	"math"
	"slices"
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
	// values holds, by the item's place in the bank (Engine.itemIndex),
	// what completion and reliability need: NaN for an item not answered,
	// noValue for one answered that has no number (a pair, a scenario, an
	// audit task), else the keyed value of a rating or statement. A slice of
	// float32 instead of two maps keeps a member at a few hundred bytes, so
	// the workshop's memory hardly grows with the cohort.
	values []float32
}

// noValue marks an answered item without a number in Member.values.
const noValue = -1

// NewMember condenses one participant's answers and result.
func (e *Engine) NewMember(code, name string, a *Answers, r *Result) Member {
	m := Member{Code: code, Name: name, Context: a.Respondent.Context, Verdict: r.Verdict,
		Fit: map[string]*Score{}, Band: map[string]*[2]Score{}, Levels: map[string]float64{},
		values: make([]float32, len(e.Bank.Items))}
	for i := range m.values {
		m.values[i] = float32(math.NaN())
	}
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
		i, ok := e.itemIndex[id]
		if !ok {
			continue
		}
		it := &e.Bank.Items[i]
		switch it.Kind {
		case questions.KindSkillRating:
			m.values[i] = float32(ans.Value)
		case questions.KindWorkStyle:
			v := ans.Value
			if it.Measures.Reverse {
				v = e.Bank.Scales[it.Scale].Reverse(v)
			}
			m.values[i] = float32(v)
		default:
			m.values[i] = noValue
		}
	}
	return m
}

// answered reports whether the member answered the bank's i-th item.
func (m *Member) answered(i int) bool { return i < len(m.values) && !math.IsNaN(float64(m.values[i])) }

// value is the member's number for the bank's i-th item, if any.
func (m *Member) value(i int) (float64, bool) {
	if !m.answered(i) || m.values[i] == noValue {
		return 0, false
	}
	return float64(m.values[i]), true
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
		out = append(out, CommonGap{Competency: id, Name: e.text(c.Name), People: n, MeanLevel: Score(levels[id] / float64(n))})
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

// Peer pairs.
//
// The rule (docs/SCORING.md): for two members i and j and each competency
// area both rated, i can give where its area level is higher;
// give(i→j) is the largest such difference, and the pair's score is
// min(give(i→j), give(j→i)), so both have something to teach. A pair needs
// a score of at least one step of the skill scale (25 on a 1-5 scale).
// Pairs are chosen greedily, highest score
// first, each member in one pair at most.
//
// Run over every candidate pair, that greedy needs N²/2 candidates: 12.5
// million for a cohort of 5,000: 2.9 GB allocated, 1.7 GB of it held at
// once, and about 15 s (docs/PERFORMANCE.md). So it runs over the
// whole cohort only up to pairWindow members, which covers a usual group;
// its memory is then bounded by a constant and its result is the same as it
// always was. A larger cohort is cut into windows of at most pairWindow
// members and the same exact greedy runs in each window:
//
//  1. Members are indexed by their strongest and their weakest area (s, w).
//     Someone with (s, w) = (a, b) and someone with (b, a) are natural
//     partners: each is strongest where the other is weakest. The first pass
//     orders the members by the unordered areas {a, b}, and within that
//     alternates the two mirror buckets (a, b) and (b, a), each sorted by
//     spread (strongest minus weakest level), largest first. Consecutive
//     windows of that order hold mirror buckets together, the strongest
//     complements first.
//  2. The members left unpaired go through further passes in which the
//     buckets are dealt round-robin, so that each window holds a
//     cross-section of the strengths still unpaired. The passes stop when one
//     pairs nobody, when the rest fits in one window (that last pass is then
//     exact), or after pairPasses passes.
//
// Each pass costs O(N·pairWindow) time, plus an O(N log N) sort, and
// O(pairWindow²) memory for one window's candidates (reused); the rest is
// O(N): the area levels, the buckets and the pairs. Every pair is scored by
// the exact rule, each member at most once. What may be lost is a member's
// best partner sitting in another window, and the greedy's choices are made
// window by window: on synthetic cohorts of 1,000 the windows found 0.95 to
// 1.03 times as many pairs as the exact greedy, with mean scores 1-7% lower
// (TestPeerPairsWindowsFindNearlyAsManyPairs; the 0.95 is a cohort of nearly
// alike people, where partners are rare).
const (
	pairWindow = 300
	pairPasses = 6
)

// areaVectors is each member's mean level per competency area, in the order
// of the bank's areas; NaN where the member rated no skill of the area.
func (e *Engine) areaVectors(members []Member) [][]float64 {
	na := len(e.Bank.Areas)
	flat := make([]float64, len(members)*na)
	out := make([][]float64, len(members))
	for i, m := range members {
		out[i] = e.areaMeans(m.Levels, flat[i*na:(i+1)*na:(i+1)*na])
	}
	return out
}

// pairScore scores i and j by the rule above; a is the area where i helps
// j most, b where j helps i most (-1 when there is none).
func pairScore(li, lj []float64) (score float64, a, b int) {
	var bestA, bestB float64
	a, b = -1, -1
	for k := range li {
		if math.IsNaN(li[k]) || math.IsNaN(lj[k]) {
			continue
		}
		if d := li[k] - lj[k]; d > bestA {
			bestA, a = d, k
		}
		if d := lj[k] - li[k]; d > bestB {
			bestB, b = d, k
		}
	}
	// Both must have something to give: the smaller gift decides.
	return math.Min(bestA, bestB), a, b
}

// pairCand is a candidate pair, or a chosen one.
type pairCand struct {
	i, j  int // positions in the window; member indices once chosen
	score float64
	a, b  int // area where i helps j, where j helps i
}

// pairer holds the state of one pairing: the members' area levels, who is
// paired, the pairs chosen, and one window's candidates (reused).
type pairer struct {
	min   float64 // the lowest score of a pair: one step of the skill scale
	lv    [][]float64
	used  []bool
	cands []pairCand
	pairs []pairCand
}

// greedy pairs the unpaired members of win (member indices) by the exact
// greedy: every candidate scoring p.min or more, highest first, ties
// by position in win. It returns how many pairs it made.
func (p *pairer) greedy(win []int) int {
	p.cands = p.cands[:0]
	for x, i := range win {
		if p.used[i] {
			continue
		}
		for y := x + 1; y < len(win); y++ {
			if p.used[win[y]] {
				continue
			}
			if s, a, b := pairScore(p.lv[i], p.lv[win[y]]); s >= p.min {
				p.cands = append(p.cands, pairCand{i: x, j: y, score: s, a: a, b: b})
			}
		}
	}
	slices.SortFunc(p.cands, func(x, y pairCand) int {
		if x.score != y.score {
			return cmp.Compare(y.score, x.score)
		}
		if x.i != y.i {
			return cmp.Compare(x.i, y.i)
		}
		return cmp.Compare(x.j, y.j)
	})
	made := 0
	for _, c := range p.cands {
		i, j := win[c.i], win[c.j]
		if p.used[i] || p.used[j] {
			continue
		}
		p.used[i], p.used[j] = true, true
		c.i, c.j = i, j
		p.pairs = append(p.pairs, c)
		made++
	}
	return made
}

// windows runs the greedy over consecutive windows of order, at most size
// members each, and returns how many pairs they made.
func (p *pairer) windows(order []int, size int) int {
	made := 0
	for len(order) > 0 {
		n := min(size, len(order))
		made += p.greedy(order[:n])
		order = order[n:]
	}
	return made
}

// indexed pairs the members of elig (more than size of them) in windows of
// at most size members, as described above.
func (p *pairer) indexed(elig []int, size int) {
	na := len(p.lv[elig[0]])
	// Each member's bucket: strongest and weakest area (the first in the
	// bank's order on ties) and the spread between them.
	type key struct {
		s, w   int
		spread float64
		rank   int
	}
	keys := make([]key, len(p.lv))
	for _, i := range elig {
		k := key{s: -1, w: -1}
		for a, l := range p.lv[i] {
			if math.IsNaN(l) {
				continue
			}
			if k.s < 0 || l > p.lv[i][k.s] {
				k.s = a
			}
			if k.w < 0 || l < p.lv[i][k.w] {
				k.w = a
			}
		}
		k.spread = p.lv[i][k.s] - p.lv[i][k.w]
		keys[i] = k
	}
	// rankBy sorts order by group, then spread (largest first), then
	// member, and numbers the members of each group from 0.
	rankBy := func(order []int, group func(i int) int) {
		sort.Slice(order, func(x, y int) bool {
			i, j := order[x], order[y]
			if gi, gj := group(i), group(j); gi != gj {
				return gi < gj
			}
			if keys[i].spread != keys[j].spread {
				return keys[i].spread > keys[j].spread
			}
			return i < j
		})
		for x, i := range order {
			if x > 0 && group(order[x-1]) == group(i) {
				keys[i].rank = keys[order[x-1]].rank + 1
			} else {
				keys[i].rank = 0
			}
		}
	}

	// Pass 1: mirror buckets (a, b) and (b, a) side by side, alternating.
	// side is 0 for (a, b) with a < b, 1 for (b, a); flat members (every
	// area alike, s == w) come last.
	pairOf := func(i int) int {
		k := keys[i]
		if k.s == k.w {
			return na * na
		}
		return min(k.s, k.w)*na + max(k.s, k.w)
	}
	side := func(i int) int {
		if keys[i].s > keys[i].w {
			return 1
		}
		return 0
	}
	order := append([]int(nil), elig...)
	rankBy(order, func(i int) int { return 2*pairOf(i) + side(i) })
	sort.Slice(order, func(x, y int) bool {
		i, j := order[x], order[y]
		if gi, gj := pairOf(i), pairOf(j); gi != gj {
			return gi < gj
		}
		if keys[i].rank != keys[j].rank {
			return keys[i].rank < keys[j].rank
		}
		return side(i) < side(j)
	})
	p.windows(order, size)

	// Further passes: the unpaired, buckets dealt round-robin.
	bucket := func(i int) int { return keys[i].s*na + keys[i].w }
	for pass := 2; pass <= pairPasses; pass++ {
		left := order[:0]
		for _, i := range order {
			if !p.used[i] {
				left = append(left, i)
			}
		}
		order = left
		if len(order) < 2 {
			return
		}
		rankBy(order, bucket)
		sort.Slice(order, func(x, y int) bool {
			i, j := order[x], order[y]
			if keys[i].rank != keys[j].rank {
				return keys[i].rank < keys[j].rank
			}
			return bucket(i) < bucket(j)
		})
		if p.windows(order, size) == 0 || len(order) <= size {
			return
		}
	}
}

// peerPairs matches members whose strong areas are the other's weak ones,
// greedily, strongest complement first; each member is in one pair at most.
func (e *Engine) peerPairs(members []Member, names bool) []PeerPair {
	return e.pairUp(members, names, pairWindow)
}

// pairUp is peerPairs with the window size as a parameter, so that the
// tests can compare windows with the exact greedy on one cohort.
func (e *Engine) pairUp(members []Member, names bool, size int) []PeerPair {
	sc := e.Bank.Scales[questions.SkillScale]
	p := &pairer{min: sc.Percent(sc.Min + 1), lv: e.areaVectors(members), used: make([]bool, len(members))}
	// Only members with two rated areas or more can give and receive.
	var elig []int
	for i, v := range p.lv {
		rated := 0
		for _, l := range v {
			if !math.IsNaN(l) {
				rated++
			}
		}
		if rated >= 2 {
			elig = append(elig, i)
		}
	}
	if len(elig) <= size {
		p.greedy(elig)
	} else {
		p.indexed(elig, size)
		// Strongest complement first, as the exact greedy lists them.
		sort.SliceStable(p.pairs, func(x, y int) bool { return p.pairs[x].score > p.pairs[y].score })
	}
	var out []PeerPair
	for _, c := range p.pairs {
		a, b := members[c.i].Label(names), members[c.j].Label(names)
		out = append(out, PeerPair{A: a, B: b, Weight: c.score,
			Why: e.T("{{.A}} is stronger in {{.AreaA}}; {{.B}} is stronger in {{.AreaB}}.", map[string]any{"A": a, "AreaA": e.text(e.Bank.Areas[c.a].Name), "B": b, "AreaB": e.text(e.Bank.Areas[c.b].Name)})})
	}
	return out
}

func (e *Engine) completion(members []Member) []ItemCompletion {
	var out []ItemCompletion
	for i, it := range e.Bank.Items {
		if !it.Core() {
			continue
		}
		n := 0
		for k := range members {
			if members[k].answered(i) {
				n++
			}
		}
		share := 0.0
		if len(members) > 0 {
			share = 100 * float64(n) / float64(len(members))
		}
		out = append(out, ItemCompletion{Item: it.ID, Text: e.text(it.Text), Answered: n, Share: Score(share)})
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
		}{e.T("Skills: {{.Area}}", map[string]any{"Area": e.text(a.Name)}), items})
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
		}{e.T("Work style: {{.Hat}}", map[string]any{"Hat": e.text(t.Name)}), items})
	}
	return out
}

func (e *Engine) reliability(members []Member) []ScaleReliability {
	var out []ScaleReliability
	for _, sc := range e.scales() {
		r := ScaleReliability{Scale: sc.name, Items: len(sc.items)}
		var rows [][]float64
		for k := range members {
			row := make([]float64, 0, len(sc.items))
			for _, id := range sc.items {
				i, known := e.itemIndex[id]
				v, ok := members[k].value(i)
				if !known || !ok {
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
			r.Note = e.T("a single item has no internal consistency")
		case len(rows) < MinAlphaPeople:
			r.Note = e.N("needs at least {{.Need}} people who answered every item ({{.N}} did)", len(rows), map[string]any{"Need": MinAlphaPeople, "N": len(rows)})
		default:
			a := CronbachAlpha(rows)
			r.Alpha = &a
			switch {
			case math.IsNaN(a):
				r.Alpha, r.Note = nil, e.T("everyone answered alike, so consistency cannot be measured")
			case a >= 0.8:
				r.Note = e.T("good")
			case a >= 0.7:
				r.Note = e.T("acceptable")
			case a >= 0.6:
				r.Note = e.T("questionable: read its scores with care")
			default:
				r.Note = e.T("poor for this group: its items may mean different things to these people")
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
	for _, q := range e.Plan().Discussion {
		text := e.text(q.Text)
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
						out = append(out, strings.ReplaceAll(text, "{track}", LowerFirst(e.text(t.Name))))
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
