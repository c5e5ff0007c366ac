package assessment

import (
	"encoding/json"
	"fmt"
	"hatcheck/internal/i18n/i18ncheck"
	"os"
	"reflect"
	"strings"
	"testing"

	"hatcheck/questions"
)

// rawData returns the four data files as they are on disk, to be broken or
// changed in tests.
func rawData(t testing.TB) (vocab, items, model, plan string) {
	t.Helper()
	read := func(path string) string {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	return read("../questions/data/vocabulary.json"), read("../questions/data/items.json"),
		read("data/model.json"), read("data/plan.json")
}

// engineFrom builds an engine from the four documents.
func engineFrom(t testing.TB, vocab, items, model, plan string) (*Engine, error) {
	t.Helper()
	bank, err := questions.Parse([]byte(vocab), []byte(items))
	if err != nil {
		t.Fatalf("bank: %v", err)
	}
	return newEngine(bank, []byte(model), []byte(plan), true)
}

// nthReplace replaces the n-th occurrence (from 1) of old in s, and fails
// when there is none.
func nthReplace(t *testing.T, s, old, new string, n int) string {
	t.Helper()
	at := -1
	for k := 0; k < n; k++ {
		j := strings.Index(s[at+1:], old)
		if j < 0 {
			t.Fatalf("%q occurs fewer than %d times", old, n)
		}
		at += 1 + j
	}
	return s[:at] + new + s[at+len(old):]
}

func lineAt(t *testing.T, doc, s string) int {
	t.Helper()
	i := strings.Index(doc, s)
	if i < 0 {
		t.Fatalf("%q is not in the document", s)
	}
	return 1 + strings.Count(doc[:i], "\n")
}

// TestModelAndPlanErrorsNameFileLineAndEntry breaks model.json and
// plan.json and checks that the error names the file, the line, the column
// and the entry, as answers files already do.
func TestModelAndPlanErrorsNameFileLineAndEntry(t *testing.T) {
	vocab, items, model, plan := rawData(t)
	typo := nthReplace(t, plan, `"for": [`, `"fro": [`, 5)
	missingComma := nthReplace(t, plan, `"kind": "learn",`, `"kind": "learn"`, 2)
	commaLine := lineAt(t, nthReplace(t, plan, `"kind": "learn",`, "\x00", 2), "\x00") + 1 // found at the next member
	cases := []struct {
		name        string
		model, plan string
		line        int
		want        []string
	}{
		{"unknown field in an advice entry", model, typo, lineAt(t, typo, `"fro"`),
			[]string{"assessment/data/plan.json, line ", "column 4", `advice[4] (id "go-slow").fro`, `unknown field "fro"`, `"for"`}},
		{"syntax error in an action", model, missingComma, commaLine,
			[]string{"assessment/data/plan.json, line ", `actions[3] (competency "visual-content", kind "learn")`, "not valid JSON"}},
		{"wrong type in a profile", strings.Replace(model, `"target": 75}`, `"target": "75"}`, 1), plan, lineAt(t, model, `"target": 75}`),
			[]string{"assessment/data/model.json, line ", `profiles[0] (track "social-media-manager").competencies[0] (id "content-creation").target`, "wrong type"}},
		{"unknown field in the model", strings.Replace(model, `"reverse_gap"`, `"reverse_gapp"`, 1), plan, lineAt(t, model, `"reverse_gap"`),
			[]string{"assessment/data/model.json, line ", "quality.reverse_gapp", `unknown field "reverse_gapp"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := engineFrom(t, vocab, items, tc.model, tc.plan)
			if err == nil {
				t.Fatal("the broken data was accepted")
			}
			for _, w := range append(tc.want, fmt.Sprintf("line %d,", tc.line)) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v\ndoes not say %q", err, w)
				}
			}
		})
	}
}

// TestModelAndPlanCrossReferencesAreChecked breaks references that were
// checked nowhere: each must be reported with the entry and what to do.
func TestModelAndPlanCrossReferencesAreChecked(t *testing.T) {
	vocab, items, model, plan := rawData(t)
	cases := []struct {
		name        string
		model, plan string
		want        string
	}{
		{"advice for an unknown situation", model, nthReplace(t, plan, `"burnout"`, `"burnuot"`, 1),
			`advice go-slow: "for" holds "burnuot", which the plan does not act on; use "burnout"`},
		{"advice for a track, which the plan ignores", model, nthReplace(t, plan, `"burnout"`, `"community-manager"`, 1),
			`"for" holds "community-manager"`},
		{"discussion condition without mostly:", model, strings.Replace(plan, `"when": "mostly:community-manager"`, `"when": "community-manager"`, 1),
			`discussion mostly-cm: unknown condition "community-manager"`},
		{"discussion condition with an unknown track", model, strings.Replace(plan, `"when": "mostly:community-manager"`, `"when": "mostly:influencer"`, 1),
			`discussion mostly-cm: condition "mostly:influencer" names unknown track "influencer"`},
		{"placeholder the condition does not fill", model, strings.Replace(plan, `"when": "missing"`, `"when": "always"`, 1),
			`discussion missing-hat: the text holds {track}`},
		{"context nobody can choose", model, strings.Replace(plan, `"id": "agency"`, `"id": "agencies"`, 1),
			`context "agencies": unknown context`},
		{"plan content for an unknown track", model, strings.Replace(plan, `"id": "community-manager",
   "kpis"`, `"id": "community-managers",
   "kpis"`, 1), `track "community-managers": unknown track`},
		{"action of an unknown kind", model, nthReplace(t, plan, `"kind": "learn"`, `"kind": "read"`, 1),
			`action content-creation/read: unknown kind "read"`},
		{"collaboration source not an article", model, nthReplace(t, plan, `"file": "001_a6fec3aca149622a.txt",
    "section": "Social Media Manager vs. Community Manager (conclusion)"
   }
  },`, `"file": "blog.txt",
    "section": "Social Media Manager vs. Community Manager (conclusion)"
   }
  },`, 1), `track social-media-manager collaboration: source "blog.txt"`},
		{"target between two scale points", strings.Replace(model, `"target": 75}`, `"target": 70}`, 1), plan,
			`competency "content-creation" has target 70, which is not a level of the skill-level scale; use one of 0, 25, 50, 75, 100`},
		{"profile of an unknown track", strings.Replace(model, `"track": "community-manager"`, `"track": "community-managers"`, 1), plan,
			`profile "community-managers": unknown track`},
		{"competency twice in a profile", strings.Replace(model, `{"id": "brand-voice", "weight": 3, "target": 75}`, `{"id": "content-creation", "weight": 3, "target": 75}`, 1), plan,
			`competency "content-creation" is listed twice`},
		{"reverse gap larger than the scale", strings.Replace(model, `"reverse_gap": 3`, `"reverse_gap": 5`, 1), plan,
			"reverse_gap 5 is counted in points of the agreement scale; it must be 1 to 4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.model == model && tc.plan == plan {
				t.Fatal("the case changes nothing")
			}
			_, err := engineFrom(t, vocab, items, tc.model, tc.plan)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v\nwant an error saying %q", err, tc.want)
			}
		})
	}
	if _, err := engineFrom(t, vocab, items, model, plan); err != nil {
		t.Fatalf("the data as shipped: %v", err)
	}
}

// sevenPoints makes a scale of the vocabulary run from 1 to 7.
func sevenPoints(t *testing.T, vocab, scale string) string {
	t.Helper()
	head := fmt.Sprintf(`"%s": {
      "min": 1, "max": 5,
      "labels": [`, scale)
	if !strings.Contains(vocab, head) {
		t.Fatalf("scale %s is not written as expected", scale)
	}
	vocab = strings.Replace(vocab, head, fmt.Sprintf(`"%s": {
      "min": 1, "max": 7,
      "labels": [
        {"en": "Point 1 of 7"},
        {"en": "Point 2 of 7"},`, scale), 1)
	// Two more "said" phrases, after the scale's labels.
	at := strings.Index(vocab, fmt.Sprintf(`"%s": {`, scale))
	said := strings.Index(vocab[at:], `"said": [`) + at
	return vocab[:said] + `"said": [
        {"en": "you said point 1 of 7"},
        {"en": "you said point 2 of 7"},` + vocab[said+len(`"said": [`):]
}

// TestSevenPointScalesScoreWithin0To100 changes both scales to 1-7 in the
// data: every score stays within 0-100, the ends of a scale are 0 and 100,
// and a target reads as the label of its point.
func TestSevenPointScalesScoreWithin0To100(t *testing.T) {
	vocab, items, model, plan := rawData(t)
	vocab = sevenPoints(t, sevenPoints(t, vocab, "skill-level"), "agreement")
	// 75 is not a level of a 1-7 scale; 66.7 (point 5) and 50 (point 4) are.
	model = strings.ReplaceAll(model, `"target": 75`, `"target": 66.7`)
	e, err := engineFrom(t, vocab, items, model, plan)
	if err != nil {
		t.Fatal(err)
	}
	answer := func(skill, agree int) *Answers {
		var b strings.Builder
		b.WriteString(`{"format": "hatcheck-answers", "version": 1, "answers": {`)
		for i, it := range e.Bank.Items {
			if i > 0 {
				b.WriteString(",")
			}
			switch it.Kind {
			case questions.KindSkillRating:
				fmt.Fprintf(&b, "%q: %d", it.ID, skill)
			case questions.KindWorkStyle:
				fmt.Fprintf(&b, "%q: %d", it.ID, agree)
			case questions.KindForcedChoice, questions.KindScenario:
				fmt.Fprintf(&b, "%q: %q", it.ID, it.Options[0].ID)
			default:
				fmt.Fprintf(&b, "%q: null", it.ID)
			}
		}
		b.WriteString("}}")
		a, err := ParseAnswers([]byte(b.String()), e.Bank)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	within := func(what string, s *Score) {
		if s != nil && (*s < 0 || *s > 100) {
			t.Errorf("%s is %v, outside 0-100", what, *s)
		}
	}
	for _, c := range []struct{ skill, agree int }{{7, 7}, {1, 1}, {4, 4}, {7, 1}, {1, 7}} {
		r := e.Score(answer(c.skill, c.agree))
		for _, cl := range r.Competencies {
			within("level of "+cl.ID, cl.Level)
			want := map[int]float64{7: 100, 1: 0, 4: 50}[c.skill]
			if cl.Level == nil || float64(*cl.Level) != want {
				t.Errorf("%s rated %d of 7: level %s, want %v", cl.ID, c.skill, show(cl.Level), want)
			}
		}
		for _, tl := range r.Traits {
			within("trait "+tl.ID, tl.Level)
		}
		for _, tr := range r.Tracks {
			within(tr.ID+" fit", tr.Fit)
			within(tr.ID+" readiness", tr.Readiness)
			within(tr.ID+" affinity", tr.Affinity)
		}
	}
	// The ends of the agreement scale: a forward statement at 7 is 100 and
	// its reverse twin at 7 counts as 0; at 1, the other way round.
	for _, c := range []struct {
		agree            int
		forward, reverse float64
	}{{7, 100, 0}, {1, 0, 100}} {
		a := answer(4, c.agree)
		for _, it := range e.Bank.Items {
			if it.Kind != questions.KindWorkStyle || it.Measures.Pair == "" {
				continue
			}
			one := &Answers{Items: map[string]Answer{it.ID: a.Items[it.ID]}}
			var level *Score
			for _, tl := range e.Score(one).Traits {
				if tl.ID == it.Measures.Traits[0] {
					level = tl.Level
				}
			}
			want := c.forward
			if it.Measures.Reverse {
				want = c.reverse
			}
			if level == nil || float64(*level) != want {
				t.Errorf("%s answered %d of 7: trait level %s, want %v", it.ID, c.agree, show(level), want)
			}
		}
	}
	// A rating at the target reaches it, and the explanation names the
	// target's label.
	// The labels of the 1-7 scale above are "Point 1 of 7", "Point 2 of
	// 7", then the five of today's scale: point 4 (50) is "Done it with
	// help" and point 5 (66.7) "Do it on my own".
	r := e.Score(answer(5, 4))
	wants := map[string]int{}
	for _, tr := range r.Tracks {
		for _, c := range tr.Contributions {
			if c.Part == "readiness" {
				_, want, _ := strings.Cut(c.Text, "this hat wants ")
				wants[want]++
			}
		}
	}
	if len(wants) != 2 || wants[`“Done it with help”).`] == 0 || wants[`“Do it on my own”).`] == 0 {
		t.Errorf("targets read as %v, want the labels of points 4 and 5", wants)
	}
	if tr := track(r, questions.TrackSocialMediaManager); tr.Readiness == nil || *tr.Readiness != 100 {
		t.Errorf("every skill at point 5 of 7 reaches every target (66.7 or 50): readiness %s, want 100", show(tr.Readiness))
	}
}

func show(s *Score) string {
	if s == nil {
		return "none"
	}
	return fmt.Sprint(float64(*s))
}

// TestEveryTextOfThePlanContentIsTranslated: every plan action, proof,
// piece of advice and discussion question has its Spanish.
func TestEveryTextOfThePlanContentIsTranslated(t *testing.T) {
	e := testEngine(t)
	if n := i18ncheck.DataTexts(t, e.Plan()); n < 250 {
		t.Errorf("only %d texts found in the plan content; is the walk still right?", n)
	}
}

// TestEmbeddedEngineIsValid runs every check NewEngine leaves out at run
// time on the embedded data (the bank's rules, and model, plan and bank
// agreeing), and checks that the engine NewEngine builds is the same.
// "make build" runs it before building.
func TestEmbeddedEngineIsValid(t *testing.T) {
	checked, err := newCheckedEngine()
	if err != nil {
		t.Fatalf("the embedded data is not valid: %v", err)
	}
	fast, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	// The plan content is decoded at first use: compare what it decodes to.
	if !reflect.DeepEqual(checked.Plan(), fast.Plan()) || !reflect.DeepEqual(checked.actions(), fast.actions()) {
		t.Error("NewEngine decodes other plan content than the checked engine")
	}
	c, f := *checked, *fast
	c.plan, f.plan = nil, nil
	if c.Bank.Version() != f.Bank.Version() { // and both worked out, for DeepEqual
		t.Error("NewEngine's bank has another version")
	}
	if !reflect.DeepEqual(c, f) {
		t.Error("NewEngine builds another engine than the checked one")
	}
}

// TestScoringLeavesThePlanContentUndecoded: scoring, explaining and writing
// a result (all that "hatcheck score" does) never needs the plan content,
// so an engine decodes it only when a plan is made. This keeps the command
// line's start within its budget (issue 16); a change that reads Plan()
// while scoring fails here rather than slowing every command down.
func TestScoringLeavesThePlanContentUndecoded(t *testing.T) {
	e, err := NewEngine()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "es"} {
		r := e.In(lang).Score(loadPersona(t, "burnt-out-generalist"))
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	}
	if e.plan.content != nil {
		t.Fatal("scoring decoded the plan content")
	}
	if len(e.Plan().Actions) == 0 || e.plan.content == nil {
		t.Fatal("Plan() did not decode the plan content")
	}
}
