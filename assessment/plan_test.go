package assessment

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"

	"hatcheck/questions"
)

// TestPlanContentIsWrittenInOwnWords checks every plan text against the
// fingerprints of the five articles kept by the questions package.
func TestPlanContentIsWrittenInOwnWords(t *testing.T) {
	f, err := os.Open("../questions/testdata/source-shingles.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sources := map[uint64]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			h, err := strconv.ParseUint(line, 16, 64)
			if err != nil {
				t.Fatal(err)
			}
			sources[h] = true
		}
	}
	e := testEngine(t)
	checked := 0
	check := func(where string, tx questions.Text) {
		checked++
		for _, h := range questions.Shingles(tx.String()) {
			if sources[h] {
				t.Errorf("%s copies eight or more words from an article: %q", where, tx.String())
				return
			}
		}
	}
	for _, a := range e.Plan().Actions {
		check("action "+a.Competency+"/"+a.Kind, a.Text)
		check("action "+a.Competency+"/"+a.Kind+" proof", a.Proof)
		for ctx, note := range a.Contexts {
			check("action "+a.Competency+"/"+a.Kind+" in "+ctx, note)
		}
	}
	for _, c := range e.Plan().Contexts {
		check("context "+c.ID, c.Advice)
	}
	for _, tr := range e.Plan().Tracks {
		for _, k := range append(append([]Cited{}, tr.KPIs...), tr.Day...) {
			check("track "+tr.ID, k.Text)
		}
		check("track "+tr.ID+" collaboration", tr.Collaboration)
	}
	for _, a := range e.Plan().Advice {
		check("advice "+a.ID, a.Text)
	}
	for _, q := range e.Plan().Discussion {
		check("discussion "+q.ID, q.Text)
	}
	if checked < 200 {
		t.Errorf("only %d texts checked", checked)
	}
}

func TestPlanRanksGapsByWeightTimesShortfall(t *testing.T) {
	e := testEngine(t)
	a := loadPersona(t, "clear-smm")
	p, err := e.BuildPlan(a, e.Score(a), questions.TrackStrategist)
	if err != nil {
		t.Fatal(err)
	}
	if p.Chosen != "requested" || p.Track != questions.TrackStrategist {
		t.Errorf("chosen %q track %q", p.Chosen, p.Track)
	}
	if len(p.Gaps) != e.Model.Plan.Gaps {
		t.Fatalf("%d gaps, want %d", len(p.Gaps), e.Model.Plan.Gaps)
	}
	for i, g := range p.Gaps {
		if want := g.Weight * float64(g.Target-g.Level) / 100; g.Kind == "gap" && float64(g.Priority) != want {
			t.Errorf("gap %s priority %.2f, want %.2f", g.Competency, g.Priority, want)
		}
		if i > 0 && g.Kind == p.Gaps[i-1].Kind && g.Priority > p.Gaps[i-1].Priority {
			t.Errorf("gap %s ranked below a smaller one", g.Competency)
		}
	}
	// Each phase has one action per gap, with a proof of done and a source.
	for _, ph := range p.Phases {
		if len(ph.Actions) != len(p.Gaps) {
			t.Errorf("phase %d has %d actions for %d gaps", ph.Day, len(ph.Actions), len(p.Gaps))
		}
		for _, ac := range ph.Actions {
			if ac.Text == "" || ac.Proof == "" || ac.Source.File == "" || ac.Day != ph.Day {
				t.Errorf("incomplete action %+v", ac)
			}
		}
	}
	if len(p.KPIs) == 0 || len(p.DayInLife) == 0 || len(p.Advice) == 0 || len(p.Sources) == 0 || p.Collaboration == "" {
		t.Error("the plan lacks KPIs, a day in the life, advice, collaboration or sources")
	}
}

func TestPlanDefaultsToBestFitAndAdaptsToContext(t *testing.T) {
	e := testEngine(t)
	for _, ctx := range Contexts {
		a := clone(loadPersona(t, "clear-cm"))
		a.Respondent.Context = ctx
		r := e.Score(a)
		p, err := e.BuildPlan(a, r, "")
		if err != nil {
			t.Fatal(err)
		}
		if p.Track != r.Tracks[0].ID || p.Chosen != "best-fit" {
			t.Errorf("%s: plan for %s (%s), best fit is %s", ctx, p.Track, p.Chosen, r.Tracks[0].ID)
		}
		if p.Context != ctx || p.ContextAdvice == "" {
			t.Errorf("%s: no context advice", ctx)
		}
	}
	// An action with a note for a context shows it only in that context.
	var comp, ctx string
	for _, ac := range e.Plan().Actions {
		for c := range ac.Contexts {
			comp, ctx = ac.Competency, c
		}
	}
	a := &Answers{Respondent: Respondent{Context: ctx}, Items: map[string]Answer{}}
	for _, c := range e.Bank.Competencies {
		a.Items["skill."+c.ID] = Answer{Value: 5}
	}
	a.Items["skill."+comp] = Answer{Value: 1}
	for _, prof := range e.Model.Profiles {
		found := false
		for _, pc := range prof.Competencies {
			found = found || pc.ID == comp
		}
		if !found {
			continue
		}
		p, err := e.BuildPlan(a, e.Score(a), prof.Track)
		if err != nil {
			t.Fatal(err)
		}
		if p.Gaps[0].Competency != comp {
			t.Fatalf("the only gap %s is not ranked first: %+v", comp, p.Gaps[0])
		}
		notes := 0
		for _, ph := range p.Phases {
			for _, ac := range ph.Actions {
				if ac.ContextNote != "" {
					notes++
				}
			}
		}
		if notes == 0 {
			t.Errorf("no context note for %s in context %s", comp, ctx)
		}
		a.Respondent.Context = ""
		p, _ = e.BuildPlan(a, e.Score(a), prof.Track)
		for _, ph := range p.Phases {
			for _, ac := range ph.Actions {
				if ac.ContextNote != "" {
					t.Errorf("a context note without a context: %s", ac.ContextNote)
				}
			}
		}
		break
	}
}

func TestPlanListsUnratedSkillsInsteadOfGuessing(t *testing.T) {
	e := testEngine(t)
	a := clone(loadPersona(t, "clear-cm"))
	delete(a.Items, "skill.events")
	p, err := e.BuildPlan(a, e.Score(a), questions.TrackCommunityManager)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := e.Bank.Competency("events")
	if strings.Join(p.Unrated, ";") != c.Name.String() {
		t.Errorf("unrated %v", p.Unrated)
	}
	for _, g := range p.Gaps {
		if g.Competency == "events" {
			t.Error("an unrated skill was planned as a gap")
		}
	}
}

// TestActionsFitTheLevel: at every level of every skill of every hat's
// profile, a plan asks to learn only what the person has not done on
// their own, to practise only below "well and often", and nothing of a
// skill they could teach.
func TestActionsFitTheLevel(t *testing.T) {
	e := testEngine(t)
	sc := e.Bank.Scales[questions.SkillScale]
	for _, prof := range e.Model.Profiles {
		for point := sc.Min; point <= sc.Max; point++ {
			a := &Answers{Items: map[string]Answer{}}
			for _, it := range e.Bank.Items {
				switch it.Kind {
				case questions.KindSkillRating:
					a.Items[it.ID] = Answer{Value: point}
				case questions.KindWorkStyle:
					a.Items[it.ID] = Answer{Value: 3}
				case questions.KindForcedChoice, questions.KindScenario:
					a.Items[it.ID] = Answer{Option: it.Options[0].ID}
				}
			}
			r := e.Score(a)
			p, err := e.BuildPlan(a, r, prof.Track)
			if err != nil {
				t.Fatal(err)
			}
			level := sc.Percent(point)
			kinds := map[string]int{}
			for _, ph := range p.Phases {
				for _, pa := range ph.Actions {
					kinds[pa.Kind]++
				}
			}
			switch {
			case level >= 100 && len(kinds) > 0:
				t.Errorf("%s, %q: actions %v for a skill the person could teach", prof.Track, sc.Label(point, "en"), kinds)
			case level >= 50 && kinds["learn"] > 0:
				t.Errorf("%s, %q: %d learn actions for skills done on one's own", prof.Track, sc.Label(point, "en"), kinds["learn"])
			case level >= 75 && kinds["practise"] > 0:
				t.Errorf("%s, %q: practise actions for skills done well and often", prof.Track, sc.Label(point, "en"))
			case level < 50 && len(p.Gaps) > 0 && kinds["learn"] == 0:
				t.Errorf("%s, %q: nothing to learn for skills never done", prof.Track, sc.Label(point, "en"))
			}
			// "What to work on first" lists exactly the skills with actions.
			with := map[string]bool{}
			for _, ph := range p.Phases {
				for _, pa := range ph.Actions {
					with[pa.Competency] = true
				}
			}
			for _, g := range p.Gaps {
				if !with[g.Competency] {
					t.Errorf("%s, %q: %s is listed first but gets no action", prof.Track, sc.Label(point, "en"), g.Competency)
				}
			}
		}
	}
}

// TestEveryMonthHasWorkFromDayOne: whatever the level, a plan with at
// least three actions has work in every month, and each skill's steps
// follow one another a month apart in the order learn, practise, show
// evidence.
func TestEveryMonthHasWorkFromDayOne(t *testing.T) {
	e := testEngine(t)
	sc := e.Bank.Scales[questions.SkillScale]
	for _, prof := range e.Model.Profiles {
		for point := sc.Min; point < sc.Max; point++ {
			for mixed := 0; mixed < 2; mixed++ {
				a := &Answers{Items: map[string]Answer{}}
				n := 0
				for _, it := range e.Bank.Items {
					if it.Kind == questions.KindSkillRating {
						v := point
						if mixed == 1 {
							v = sc.Min + n%(sc.Max-sc.Min)
						}
						a.Items[it.ID] = Answer{Value: v}
						n++
					}
				}
				r := e.Score(a)
				p, err := e.BuildPlan(a, r, prof.Track)
				if err != nil {
					t.Fatal(err)
				}
				total := 0
				months := map[string][]int{}
				for m, ph := range p.Phases {
					total += len(ph.Actions)
					for _, pa := range ph.Actions {
						months[pa.Competency] = append(months[pa.Competency], m)
						if ph.Day != pa.Day {
							t.Errorf("%s: action day %d in phase %d", prof.Track, pa.Day, ph.Day)
						}
					}
				}
				for _, ph := range p.Phases {
					if total >= len(p.Phases) && len(ph.Actions) == 0 {
						t.Errorf("%s, %q (mixed %d): %d actions but none in %s", prof.Track, sc.Label(point, "en"), mixed, total, ph.Title)
					}
				}
				for c, ms := range months {
					for i := 1; i < len(ms); i++ {
						if ms[i] != ms[i-1]+1 {
							t.Errorf("%s: the steps of %s fall in months %v", prof.Track, c, ms)
						}
					}
				}
			}
		}
	}
}
