package assessment

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hatcheck/questions"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

func loadPersona(t testing.TB, name string) *Answers {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "personas", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseAnswers(data, testEngine(t).Bank)
	if err != nil {
		t.Fatalf("persona %s: %v", name, err)
	}
	return a
}

func clone(a *Answers) *Answers {
	c := &Answers{Respondent: a.Respondent, Items: make(map[string]Answer, len(a.Items))}
	for k, v := range a.Items {
		c.Items[k] = v
	}
	return c
}

func track(r *Result, id string) TrackScore {
	for _, t := range r.Tracks {
		if t.ID == id {
			return t
		}
	}
	panic("no track " + id)
}

var personas = []string{"clear-smm", "clear-cm", "clear-strategist", "hybrid", "burnt-out-generalist", "straight-liner"}

// TestPersonas checks each persona's verdict and what explains it, and
// compares the full score and plan with the golden files.
func TestPersonas(t *testing.T) {
	e := testEngine(t)
	cases := []struct {
		persona string
		verdict string
		tracks  []string
		flags   []string
		// Items that must be among the top track's strongest raising and
		// lowering answers: the explanation a person would read.
		raised, lowered string
	}{
		{"clear-smm", VerdictClear, []string{questions.TrackSocialMediaManager}, nil, "skill.content-creation", "scenario.question-you-cannot-answer"},
		{"clear-cm", VerdictClear, []string{questions.TrackCommunityManager}, nil, "skill.moderation", "scenario.report-to-management"},
		{"clear-strategist", VerdictClear, []string{questions.TrackStrategist}, nil, "skill.budgeting", "scenario.product-launch"},
		{"hybrid", VerdictHybrid, []string{questions.TrackSocialMediaManager, questions.TrackCommunityManager}, nil, "skill.member-support", "scenario.report-to-management"},
		{"burnt-out-generalist", VerdictClear, []string{questions.TrackSocialMediaManager}, nil, "skill.visual-content", "scenario.first-meetup"},
		{"straight-liner", VerdictHybrid, questions.TrackIDs, []string{FlagStraightLining, FlagInconsistent}, "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.persona, func(t *testing.T) {
			a := loadPersona(t, tc.persona)
			r := e.Score(a)
			if tc.verdict != "" && r.Verdict.Kind != tc.verdict {
				t.Errorf("verdict %q (%s), want %q", r.Verdict.Kind, r.Verdict.Text, tc.verdict)
			}
			if tc.tracks != nil {
				got := append([]string(nil), r.Verdict.Tracks...)
				want := append([]string(nil), tc.tracks...)
				sort.Strings(got)
				sort.Strings(want)
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("verdict tracks %v, want %v", r.Verdict.Tracks, tc.tracks)
				}
			}
			var flags []string
			for _, f := range r.Quality {
				flags = append(flags, f.ID)
			}
			if strings.Join(flags, ",") != strings.Join(tc.flags, ",") {
				t.Errorf("quality flags %v, want %v", flags, tc.flags)
			}
			if r.Verdict.Kind == VerdictClear && len(r.Tracks[0].Raised) == 0 {
				t.Error("a clear winner with nothing that raised it")
			}
			has := func(cs []Contribution, item string) bool {
				for _, c := range cs {
					if c.Item == item && c.Text != "" {
						return true
					}
				}
				return false
			}
			if tc.raised != "" && !has(r.Tracks[0].Raised, tc.raised) {
				t.Errorf("%s is not among what raised %s: %+v", tc.raised, r.Tracks[0].ID, r.Tracks[0].Raised)
			}
			if tc.lowered != "" && !has(r.Tracks[0].Lowered, tc.lowered) {
				t.Errorf("%s is not among what lowered %s: %+v", tc.lowered, r.Tracks[0].ID, r.Tracks[0].Lowered)
			}
			p, err := e.BuildPlan(a, r, "")
			if r.Verdict.Kind == VerdictNotEnough {
				if err == nil {
					t.Error("a plan was built without a best fit")
				}
			} else if err != nil {
				t.Fatal(err)
			}
			golden(t, tc.persona+".score.json", r)
			if p != nil {
				golden(t, tc.persona+".plan.json", p)
			}
		})
	}
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./assessment -update to create it)", err)
	}
	if !bytes.Equal(want, buf.Bytes()) {
		t.Errorf("%s differs from the golden file; if the change is intended, run go test ./assessment -update and review the diff", path)
	}
}

func TestRaisingARatingNeverLowersReadiness(t *testing.T) {
	e := testEngine(t)
	for _, name := range personas {
		base := loadPersona(t, name)
		for _, prof := range e.Model.Profiles {
			for _, pc := range prof.Competencies {
				id := "skill." + pc.ID
				for v := 1; v < 5; v++ {
					lo, hi := clone(base), clone(base)
					lo.Items[id] = Answer{Value: v}
					hi.Items[id] = Answer{Value: v + 1}
					rl, rh := track(e.Score(lo), prof.Track), track(e.Score(hi), prof.Track)
					if rl.Readiness == nil || rh.Readiness == nil {
						continue
					}
					if *rh.Readiness < *rl.Readiness {
						t.Fatalf("%s: raising %s from %d to %d lowered %s readiness %.2f -> %.2f",
							name, id, v, v+1, prof.Track, *rl.Readiness, *rh.Readiness)
					}
					if v+1 <= int(pc.Target/25)+1 && *rh.Readiness <= *rl.Readiness {
						t.Fatalf("%s: raising %s toward its target did not raise %s readiness", name, id, prof.Track)
					}
				}
			}
		}
	}
}

func TestReverseKeyedStatementsCountTheOtherWay(t *testing.T) {
	e := testEngine(t)
	base := loadPersona(t, "hybrid")
	for _, it := range e.Bank.Items {
		if it.Kind != questions.KindWorkStyle || len(it.Measures.Tracks) == 0 {
			continue
		}
		agree, disagree := clone(base), clone(base)
		agree.Items[it.ID] = Answer{Value: 5}
		disagree.Items[it.ID] = Answer{Value: 1}
		for tr := range it.Measures.Tracks {
			ra, rd := track(e.Score(agree), tr).Affinity, track(e.Score(disagree), tr).Affinity
			if it.Measures.Reverse && !(*ra < *rd) {
				t.Errorf("%s is reverse-keyed, but agreeing gave %s affinity %.1f >= %.1f", it.ID, tr, *ra, *rd)
			}
			if !it.Measures.Reverse && !(*ra > *rd) {
				t.Errorf("%s is forward-keyed, but agreeing gave %s affinity %.1f <= %.1f", it.ID, tr, *ra, *rd)
			}
		}
	}
}

func TestSkippedItemsAreNotProrated(t *testing.T) {
	e := testEngine(t)
	full := loadPersona(t, "clear-cm")
	prof, _ := e.Profile(questions.TrackCommunityManager)

	// Skipping is not the same as answering "never done it".
	skipped, lowest := clone(full), clone(full)
	first := "skill." + prof.Competencies[0].ID
	delete(skipped.Items, first)
	lowest.Items[first] = Answer{Value: 1}
	rs, rl := track(e.Score(skipped), questions.TrackCommunityManager), track(e.Score(lowest), questions.TrackCommunityManager)
	if *rs.Readiness == *rl.Readiness {
		t.Error("a skipped skill scored as if rated 1")
	}
	if rs.Coverage >= 100 {
		t.Errorf("coverage %.1f after a skip", rs.Coverage)
	}

	// Below the minimum share of the profile, there is no number at all.
	few := clone(full)
	for i, pc := range prof.Competencies {
		if i > 1 {
			delete(few.Items, "skill."+pc.ID)
		}
	}
	r := e.Score(few)
	cm := track(r, questions.TrackCommunityManager)
	if cm.Readiness != nil || cm.Fit != nil || cm.Band != nil {
		t.Errorf("readiness from two skills was reported (%v); want not enough answers", *cm.Readiness)
	}
	if len(cm.Missing) == 0 || r.Verdict.Kind != VerdictNotEnough {
		t.Errorf("missing = %v, verdict = %q", cm.Missing, r.Verdict.Kind)
	}

	// Without enough style, preference and scenario answers, no affinity.
	noStyle := clone(full)
	for _, it := range e.Bank.Items {
		if it.Kind == questions.KindWorkStyle || it.Kind == questions.KindForcedChoice || it.Kind == questions.KindScenario {
			delete(noStyle.Items, it.ID)
		}
	}
	if a := track(e.Score(noStyle), questions.TrackCommunityManager).Affinity; a != nil {
		t.Errorf("affinity %.1f with no style answers", *a)
	}
}

func width(b *[2]Score) float64 { return float64(b[1] - b[0]) }

// TestBandsWidenAsAnswersAreRemoved drops ever more answers at random and
// checks that the average band grows at every step.
func TestBandsWidenAsAnswersAreRemoved(t *testing.T) {
	e := testEngine(t)
	for _, name := range []string{"clear-smm", "clear-cm", "hybrid"} {
		full := loadPersona(t, name)
		ids := make([]string, 0, len(full.Items))
		for id := range full.Items {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		rng := rand.New(rand.NewSource(1))
		prev := map[string]float64{}
		for _, drop := range []float64{0, 0.15, 0.3} {
			sum := map[string]float64{}
			n := map[string]int{}
			for trial := 0; trial < 40; trial++ {
				a := clone(full)
				perm := rng.Perm(len(ids))
				for _, i := range perm[:int(drop*float64(len(ids)))] {
					delete(a.Items, ids[i])
				}
				for _, ts := range e.Score(a).Tracks {
					if ts.Band != nil {
						sum[ts.ID] += width(ts.Band)
						n[ts.ID]++
					}
				}
			}
			for id := range sum {
				mean := sum[id] / float64(n[id])
				if p, ok := prev[id]; ok && mean <= p {
					t.Errorf("%s %s: dropping %.0f%% of answers gave a mean band of %.2f, not wider than %.2f", name, id, 100*drop, mean, p)
				}
				prev[id] = mean
			}
		}
	}
}

func TestInconsistentAnswersWidenBands(t *testing.T) {
	e := testEngine(t)
	a := loadPersona(t, "clear-cm")
	before := track(e.Score(a), questions.TrackCommunityManager)
	// Agree strongly with every statement and its opposite.
	for _, it := range e.Bank.Items {
		if it.Kind == questions.KindWorkStyle && it.Measures.Pair != "" {
			a.Items[it.ID] = Answer{Value: 5}
		}
	}
	r := e.Score(a)
	after := track(r, questions.TrackCommunityManager)
	found := false
	for _, f := range r.Quality {
		found = found || f.ID == FlagInconsistent
	}
	if !found {
		t.Fatal("agreeing with both sides of every pair was not flagged")
	}
	if width(after.Band) <= width(before.Band) {
		t.Errorf("band %.1f did not widen from %.1f", width(after.Band), width(before.Band))
	}
}

func TestContributionsAddUpToFit(t *testing.T) {
	e := testEngine(t)
	for _, name := range personas {
		r := e.Score(loadPersona(t, name))
		for _, ts := range r.Tracks {
			if ts.Fit == nil {
				continue
			}
			var sum float64
			for _, c := range ts.Contributions {
				sum += float64(c.Delta)
				if c.Text == "" || c.Item == "" {
					t.Errorf("%s %s: contribution without an explanation: %+v", name, ts.ID, c)
				}
			}
			if math.Abs(50+sum-float64(*ts.Fit)) > 1e-6 {
				t.Errorf("%s %s: contributions add to %.3f, fit is %.3f", name, ts.ID, 50+sum, *ts.Fit)
			}
			if b := ts.Band; float64(*ts.Fit) < float64(b[0]) || float64(*ts.Fit) > float64(b[1]) {
				t.Errorf("%s %s: fit %.1f outside its band %v", name, ts.ID, *ts.Fit, *b)
			}
		}
	}
}

func TestTracksAreSortedByFit(t *testing.T) {
	e := testEngine(t)
	for _, name := range personas {
		r := e.Score(loadPersona(t, name))
		for i := 1; i < len(r.Tracks); i++ {
			if r.Tracks[i].Fit != nil && *r.Tracks[i].Fit > *r.Tracks[i-1].Fit {
				t.Errorf("%s: tracks not sorted by fit", name)
			}
		}
		if r.Note != Disclaimer {
			t.Errorf("%s: the result lacks the disclaimer", name)
		}
	}
}

func TestStraightLiningAndMiddleAnswersAreFlagged(t *testing.T) {
	e := testEngine(t)
	middle := clone(loadPersona(t, "clear-smm"))
	for _, it := range e.Bank.Items {
		if it.Kind == questions.KindWorkStyle {
			middle.Items[it.ID] = Answer{Value: 3}
		}
	}
	var ids []string
	for _, f := range e.Score(middle).Quality {
		ids = append(ids, f.ID)
	}
	if !strings.Contains(strings.Join(ids, ","), FlagMiddle) {
		t.Errorf("all-middle work style gave flags %v", ids)
	}
	if len(e.Score(loadPersona(t, "clear-smm")).Quality) != 0 {
		t.Error("a careful respondent was flagged")
	}
}

func BenchmarkScore(b *testing.B) {
	e := testEngine(b)
	a := loadPersona(b, "burnt-out-generalist")
	b.ReportAllocs()
	for b.Loop() {
		r := e.Score(a)
		if _, err := e.BuildPlan(a, r, ""); err != nil && err != ErrNoTrack {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseAnswers(b *testing.B) {
	e := testEngine(b)
	data, err := os.ReadFile("testdata/personas/burnt-out-generalist.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseAnswers(data, e.Bank); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBurntOutGeneralistGetsAClearHatAudit checks the "which hat to keep"
// answer for someone doing two jobs at once.
func TestBurntOutGeneralistGetsAClearHatAudit(t *testing.T) {
	e := testEngine(t)
	r := e.Score(loadPersona(t, "burnt-out-generalist"))
	au := r.Audit
	if au == nil {
		t.Fatal("no audit for a persona who answered the current-work section")
	}
	if au.Keep != questions.TrackSocialMediaManager {
		t.Errorf("keep %q, want the hat that energises: %s", au.Keep, questions.TrackSocialMediaManager)
	}
	var signals []string
	for _, s := range au.Signals {
		signals = append(signals, s.ID)
	}
	if got := strings.Join(signals, ","); got != "several-hats,draining,long-hours" {
		t.Errorf("signals %s", got)
	}
	want := map[string]string{
		"audit.posting":       SuggestKeep,     // kept hat, energises
		"audit.mentions":      SuggestAutomate, // kept hat, drains, a tool can do it
		"audit.moderation":    SuggestDelegate, // other hat, drains, cannot be automated
		"audit.member-events": SuggestDrop,     // other hat, drains, droppable
		"audit.reporting":     SuggestAutomate, // other hat, a tool can do it
	}
	var share float64
	for _, tr := range au.Tracks {
		share += float64(tr.Share)
	}
	if math.Abs(share-100) > 0.01 {
		t.Errorf("hour shares add up to %.2f%%", share)
	}
	for _, task := range au.Tasks {
		if w, ok := want[task.Item]; ok && task.Suggestion != w {
			t.Errorf("%s: %s (%s), want %s", task.Item, task.Suggestion, task.Reason, w)
		}
		delete(want, task.Item)
	}
	if len(want) > 0 {
		t.Errorf("tasks missing from the audit: %v", want)
	}
	// Without the optional section there is no audit at all.
	if e.Score(loadPersona(t, "clear-cm")).Audit != nil {
		t.Error("an audit appeared for a persona who skipped the section")
	}
}
