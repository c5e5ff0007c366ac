package assessment

import (
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"sort"
	"sync"
	"testing"

	"hatcheck/questions"
)

// syntheticAnswers makes a plausible answers file: a leaning toward one
// track with noise (as in the workshop tests), so that a cohort has a mix
// of hats, hybrids and strengths.
func syntheticAnswers(e *Engine, rng *rand.Rand, name string) *Answers {
	lean := questions.TrackIDs[rng.Intn(3)]
	prof := map[string]bool{}
	for _, p := range e.Model.Profiles {
		if p.Track == lean {
			for _, c := range p.Competencies {
				prof[c.ID] = true
			}
		}
	}
	a := &Answers{Respondent: Respondent{Name: name, Context: Contexts[rng.Intn(len(Contexts))]}, Items: map[string]Answer{}}
	for _, it := range e.Bank.Items {
		if !it.Core() || rng.Intn(40) == 0 { // a few skips
			continue
		}
		switch it.Kind {
		case questions.KindSkillRating:
			v := 1 + rng.Intn(3)
			if prof[it.Measures.Competencies[0]] {
				v += 2
			}
			a.Items[it.ID] = Answer{Value: v}
		case questions.KindWorkStyle:
			v := 2 + rng.Intn(3)
			if _, ok := it.Measures.Tracks[lean]; ok {
				if it.Measures.Reverse {
					v = 1 + rng.Intn(2)
				} else {
					v = 4 + rng.Intn(2)
				}
			}
			a.Items[it.ID] = Answer{Value: v}
		default:
			pick := it.Options[rng.Intn(len(it.Options))]
			if rng.Intn(3) > 0 {
				for _, o := range it.Options {
					if o.Track == lean {
						pick = o
					}
				}
			}
			a.Items[it.ID] = Answer{Option: pick.ID}
		}
	}
	return a
}

// syntheticCohort scores n synthetic participants and condenses them into
// members, as the workshop does.
func syntheticCohort(e *Engine, seed int64, n int) []Member {
	rng := rand.New(rand.NewSource(seed))
	out := make([]Member, n)
	for i := range out {
		name := fmt.Sprintf("Participant %d", i+1)
		a := syntheticAnswers(e, rng, name)
		out[i] = e.NewMember(fmt.Sprintf("P%05d", i+1), name, a, e.Score(a))
	}
	return out
}

var benchCohort struct {
	sync.Once
	members []Member
}

// BenchmarkSummarise builds the group picture (leanings, gaps, peer pairs,
// completion, reliability, discussion) of cohorts of growing size. The
// members are scored once, outside the timed loop.
func BenchmarkSummarise(b *testing.B) {
	e := testEngine(b)
	benchCohort.Do(func() { benchCohort.members = syntheticCohort(e, 11, 5000) })
	for _, n := range []int{100, 1000, 5000} {
		members := benchCohort.members[:n]
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var pairs int
			for b.Loop() {
				g := e.Summarise(members, false)
				pairs = len(g.Pairs)
			}
			b.ReportMetric(float64(pairs), "pairs")
		})
	}
}

// randomCohort makes n members with random skill levels (0, 25, ... 100),
// about one in ten skills unrated, and about one member in fifty who rated
// a single skill (and so can be in no pair).
func randomCohort(e *Engine, seed int64, n int) []Member {
	rng := rand.New(rand.NewSource(seed))
	out := make([]Member, n)
	for i := range out {
		m := Member{Code: fmt.Sprintf("R%05d", i+1), Name: fmt.Sprintf("Random %d", i+1), Levels: map[string]float64{}}
		if rng.Intn(50) == 0 {
			c := e.Bank.Competencies[rng.Intn(len(e.Bank.Competencies))]
			m.Levels[c.ID] = float64(25 * rng.Intn(5))
		} else {
			for _, c := range e.Bank.Competencies {
				if rng.Intn(10) > 0 {
					m.Levels[c.ID] = float64(25 * rng.Intn(5))
				}
			}
		}
		out[i] = m
	}
	return out
}

// alikeCohort makes n members who are nearly alike: every skill at 50,
// except that about every other one is 25 higher or lower (or unchanged).
// Few of them are complementary enough to pair, so a member's partners are
// few and far between: the hard case for windows.
func alikeCohort(e *Engine, seed int64, n int) []Member {
	rng := rand.New(rand.NewSource(seed))
	out := make([]Member, n)
	for i := range out {
		m := Member{Code: fmt.Sprintf("A%05d", i+1), Levels: map[string]float64{}}
		for _, c := range e.Bank.Competencies {
			v := 50.0
			if rng.Intn(2) == 0 {
				v += float64(25 * (rng.Intn(3) - 1))
			}
			m.Levels[c.ID] = v
		}
		out[i] = m
	}
	return out
}

// TestPeerPairsUpToTheWindowAreTheExactGreedy checks that cohorts of up to
// pairWindow members get exactly the pairs (order, weights and texts
// included) of the former algorithm.
func TestPeerPairsUpToTheWindowAreTheExactGreedy(t *testing.T) {
	e := testEngine(t)
	cohorts := map[string][]Member{}
	for _, seed := range []int64{1, 2, 3} {
		for _, n := range []int{2, 5, 37, 120, pairWindow} {
			cohorts[fmt.Sprintf("random seed %d N=%d", seed, n)] = randomCohort(e, seed, n)
		}
	}
	answered := syntheticCohort(e, 5, pairWindow)
	for _, n := range []int{10, 150, pairWindow} {
		cohorts[fmt.Sprintf("answered N=%d", n)] = answered[:n]
	}
	for name, members := range cohorts {
		for _, names := range []bool{false, true} {
			got, want := e.peerPairs(members, names), refPeerPairs(e, members, names)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s, names %v: %d pairs, want the former algorithm's %d", name, names, len(got), len(want))
				for k := 0; k < min(len(got), len(want)); k++ {
					if got[k] != want[k] {
						t.Errorf("first difference at pair %d: %+v, want %+v", k, got[k], want[k])
						break
					}
				}
			}
		}
	}
}

// checkPairs checks every pair against the rule, scored again from the
// members' levels by the former code: a score of 25 or more, the weight
// and the Why text it gives, and each member in one pair at most.
func checkPairs(t *testing.T, e *Engine, members []Member, pairs []PeerPair) {
	t.Helper()
	byLabel := map[string]int{}
	for i, m := range members {
		byLabel[m.Label(false)] = i
	}
	seen := map[string]bool{}
	for _, p := range pairs {
		for _, l := range []string{p.A, p.B} {
			if seen[l] {
				t.Fatalf("%s is in two pairs", l)
			}
			seen[l] = true
		}
		// The reference on the two alone gives their score and text.
		i, j := byLabel[p.A], byLabel[p.B]
		want := refPeerPairs(e, []Member{members[i], members[j]}, false)
		if len(want) != 1 {
			t.Fatalf("%s and %s are paired but do not score 25 together", p.A, p.B)
		}
		if want[0] != p || p.Weight < 25 {
			t.Fatalf("pair %+v, want %+v", p, want[0])
		}
	}
}

// TestPeerPairsOfALargeCohortFollowTheRule pairs 2,000 members (windowed)
// and checks every pair.
func TestPeerPairsOfALargeCohortFollowTheRule(t *testing.T) {
	e := testEngine(t)
	for _, members := range [][]Member{randomCohort(e, 7, 2000), syntheticCohort(e, 7, 2000), alikeCohort(e, 7, 2000)} {
		pairs := e.peerPairs(members, false)
		checkPairs(t, e, members, pairs)
		if len(pairs) == 0 {
			t.Error("no pairs")
		}
		if !sort.SliceIsSorted(pairs, func(x, y int) bool { return pairs[x].Weight > pairs[y].Weight }) {
			t.Error("pairs are not listed strongest complement first")
		}
	}
}

// TestPeerPairsWindowsFindNearlyAsManyPairs compares the windows with the
// exact greedy on cohorts of 1,000: the windows must find at least 80% as
// many pairs. (Measured: see docs/PERFORMANCE.md.)
func TestPeerPairsWindowsFindNearlyAsManyPairs(t *testing.T) {
	e := testEngine(t)
	cohorts := map[string][]Member{
		"random levels":    randomCohort(e, 9, 1000),
		"answered":         syntheticCohort(e, 9, 1000),
		"answered, seed 3": syntheticCohort(e, 3, 1000),
		"nearly alike":     alikeCohort(e, 2, 1000),
	}
	for name, members := range cohorts {
		got := e.pairUp(members, false, pairWindow)
		checkPairs(t, e, members, got)
		want := refPeerPairs(e, members, false)
		ratio := float64(len(got)) / float64(len(want))
		t.Logf("%s: windows %d pairs (mean weight %.1f), exact %d (mean weight %.1f): ratio %.3f",
			name, len(got), meanWeight(got), len(want), meanWeight(want), ratio)
		if ratio < 0.8 {
			t.Errorf("%s: windows find %d pairs, the exact greedy %d (ratio %.3f, want 0.8 or more)", name, len(got), len(want), ratio)
		}
	}
}

func meanWeight(pairs []PeerPair) float64 {
	if len(pairs) == 0 {
		return math.NaN()
	}
	var s float64
	for _, p := range pairs {
		s += p.Weight
	}
	return s / float64(len(pairs))
}

// refAreaLevels is a member's mean level per competency area (copied from
// cohort.go before the windowed pairing).
func refAreaLevels(e *Engine, m Member) map[string]float64 {
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

// refPeerPairs is peerPairs as it was before the windowed pairing: the
// exact greedy over all N²/2 candidate pairs, kept as the reference.
func refPeerPairs(e *Engine, members []Member, names bool) []PeerPair {
	areas := make([]map[string]float64, len(members))
	for i, m := range members {
		areas[i] = refAreaLevels(e, m)
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
