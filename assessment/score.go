package assessment

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// Disclaimer goes wherever results are shown (in the assessment catalogue,
// which the window's catalogue repeats for lang.L).
var Disclaimer = i18n.Key("For exploration, not for hiring decisions.")

// Score is a number on a 0-100 scale (or an hours figure) printed with one
// decimal, so that saved results and golden files stay readable and stable.
type Score float64

// MarshalJSON rounds to one decimal.
func (s Score) MarshalJSON() ([]byte, error) {
	return []byte(strconv.FormatFloat(round1(float64(s)), 'f', -1, 64)), nil
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

func scorePtr(f float64) *Score { s := Score(f); return &s }

// Verdict kinds.
const (
	VerdictClear     = "clear"
	VerdictHybrid    = "hybrid"
	VerdictNotEnough = "not-enough-answers"
)

// Result is everything the scoring produces for one respondent.
type Result struct {
	Respondent   Respondent        `json:"respondent"`
	Tracks       []TrackScore      `json:"tracks"`
	Verdict      Verdict           `json:"verdict"`
	Quality      []Flag            `json:"quality_flags"`
	Competencies []CompetencyLevel `json:"competencies"`
	// Areas are the mean levels of the rated skills per competency area
	// (the radar on screen and on paper).
	Areas    []AreaLevel  `json:"areas"`
	Traits   []TraitLevel `json:"traits"`
	Audit    *Audit       `json:"audit,omitempty"`
	Answered Answered     `json:"answered"`
	Note     string       `json:"note"`
}

// Answered counts what was answered, to show how complete a result is.
type Answered struct {
	Core      int `json:"core"`
	CoreTotal int `json:"core_total"`
	Audit     int `json:"audit"`
}

// TrackScore is one track's three numbers with their bands and the answers
// behind them. A nil number means "not enough answers".
type TrackScore struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Fit           *Score         `json:"fit"`
	Readiness     *Score         `json:"readiness"`
	Affinity      *Score         `json:"affinity"`
	Band          *[2]Score      `json:"band"`
	ReadinessBand *[2]Score      `json:"readiness_band"`
	AffinityBand  *[2]Score      `json:"affinity_band"`
	Coverage      Score          `json:"coverage"`
	Observations  int            `json:"observations"`
	Missing       []string       `json:"missing,omitempty"`
	Raised        []Contribution `json:"raised"`
	Lowered       []Contribution `json:"lowered"`
	// Contributions lists every answer's share of the fit, largest first;
	// they add up to fit - 50.
	Contributions []Contribution `json:"contributions"`
}

// Contribution is how much one answer moved a track's fit away from the
// neutral 50; the contributions of a track add up to fit - 50.
type Contribution struct {
	Item       string `json:"item"`
	Competency string `json:"competency,omitempty"`
	Part       string `json:"part"`
	Delta      Score  `json:"delta"`
	Text       string `json:"text"`
	// Phrase says the same in a few words, with the scale's words.
	Phrase string `json:"phrase"`
}

// Verdict says which track fits, or that it is too close to call.
type Verdict struct {
	Kind   string   `json:"kind"`
	Tracks []string `json:"tracks"`
	Text   string   `json:"text"`
}

// Flag is a response-quality warning or an audit signal.
type Flag struct {
	ID    string   `json:"id"`
	Text  string   `json:"text"`
	Items []string `json:"items,omitempty"`
}

// CompetencyLevel is one competency's level from its skill rating.
type CompetencyLevel struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Area     string `json:"area"`
	Rating   int    `json:"rating,omitempty"`
	Level    *Score `json:"level"`
	Evidence string `json:"evidence,omitempty"`
}

// TraitLevel is the mean of a trait's work-style statements, 0-100.
type TraitLevel struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Level   *Score `json:"level"`
	Answers int    `json:"answers"`
}

// observation is one 0-100 data point for a score, with its weight and the
// answer that produced it.
type observation struct {
	x, w       float64
	item       string
	competency string
	text       string
	// phrase is the short form a person scans: "Moderation: you do it on
	// your own; this hat asks for “do it well and often”".
	phrase string
}

// Score scores one respondent. It never fails: what cannot be computed is
// reported as not enough answers.
func (e *Engine) Score(a *Answers) *Result {
	b := e.Bank
	r := &Result{Respondent: a.Respondent, Note: e.T(Disclaimer)}
	for i := range b.Items {
		it := &b.Items[i]
		_, ok := a.Items[it.ID]
		if it.Core() {
			r.Answered.CoreTotal++
			if ok {
				r.Answered.Core++
			}
		} else if ok {
			r.Answered.Audit++
		}
	}

	levels := map[string]float64{}
	for _, c := range b.Competencies {
		cl := CompetencyLevel{ID: c.ID, Name: e.text(c.Name), Area: c.Area}
		if it, ok := b.SkillItem(c.ID); ok {
			if ans, ok := a.Items[it.ID]; ok {
				lv := b.Scales[it.Scale].Percent(ans.Value)
				levels[c.ID] = lv
				cl.Rating, cl.Level, cl.Evidence = ans.Value, scorePtr(lv), ans.Evidence
			}
		}
		r.Competencies = append(r.Competencies, cl)
	}
	r.Areas = e.areaLevels(levels)
	r.Traits = e.traitLevels(a)
	r.Quality = e.qualityFlags(a)

	// Only the response-quality flags widen the bands; the notes about
	// the version of the questions come after them.
	widen := math.Pow(e.Model.Band.FlagWidening, float64(len(r.Quality)))
	r.Quality = append(r.Quality, e.versionNotes(a)...)
	for _, id := range questions.TrackIDs {
		r.Tracks = append(r.Tracks, e.scoreTrack(id, a, levels, widen))
	}
	sort.SliceStable(r.Tracks, func(i, j int) bool {
		fi, fj := r.Tracks[i].Fit, r.Tracks[j].Fit
		switch {
		case fi == nil:
			return false
		case fj == nil:
			return true
		}
		return *fi > *fj
	})
	r.Verdict = e.verdict(r.Tracks)
	r.Audit = e.audit(a, r.Tracks)
	return r
}

func (e *Engine) scoreTrack(id string, a *Answers, levels map[string]float64, widen float64) TrackScore {
	b, m := e.Bank, e.Model
	tr, _ := b.Track(id)
	ts := TrackScore{ID: id, Name: e.text(tr.Name), Raised: []Contribution{}, Lowered: []Contribution{}, Contributions: []Contribution{}}

	// Readiness: each rated competency against the profile's target.
	var ready []observation
	var wTotal, wAnswered float64
	prof, _ := e.Profile(id)
	for _, pc := range prof.Competencies {
		wTotal += pc.Weight
		lv, ok := levels[pc.ID]
		if !ok {
			continue
		}
		wAnswered += pc.Weight
		c, _ := b.Competency(pc.ID)
		ans := a.Items["skill."+pc.ID]
		sc := b.Scales[questions.SkillScale]
		want, _ := sc.PointAt(pc.Target) // a point of the scale: the model is validated so
		ready = append(ready, observation{
			x: 100 * math.Min(lv/pc.Target, 1), w: pc.Weight, item: "skill." + pc.ID, competency: pc.ID,
			text: e.T("You rated “{{.Skill}}” as “{{.Said}}” (this hat wants “{{.Want}}”).", map[string]any{
				"Skill": e.text(c.Name), "Said": sc.Label(ans.Value, e.Lang()), "Want": sc.Label(want, e.Lang())}),
			phrase: e.skillPhrase(e.text(c.Name), sc.SaidAs(ans.Value, e.Lang()), ans.Value >= want),
		})
	}
	if wTotal > 0 {
		ts.Coverage = Score(100 * wAnswered / wTotal)
	}

	aff := e.affinityObservations(id, a)
	ts.Observations = len(aff)

	readyOK := wTotal > 0 && wAnswered/wTotal >= m.Minimum.ReadinessWeightShare
	affOK := len(aff) >= m.Minimum.AffinityObservations
	var rMean, rSE, aMean, aSE float64
	if readyOK {
		rMean, rSE = weightedMeanSE(ready, m.Band.PriorSD, m.Band.PriorWeight)
		ts.Readiness = scorePtr(rMean)
		ts.ReadinessBand = band(rMean, m.Band.Z*rSE*widen)
	} else {
		ts.Missing = append(ts.Missing, e.T("rate more of this hat's skills ({{.Rated}}% of its weight rated, {{.Needed}}% needed)", map[string]any{
			"Rated": fmt.Sprintf("%.0f", float64(ts.Coverage)), "Needed": fmt.Sprintf("%.0f", 100*m.Minimum.ReadinessWeightShare)}))
	}
	if affOK {
		aMean, aSE = weightedMeanSE(aff, m.Band.PriorSD, m.Band.PriorWeight)
		ts.Affinity = scorePtr(aMean)
		ts.AffinityBand = band(aMean, m.Band.Z*aSE*widen)
	} else {
		ts.Missing = append(ts.Missing, e.N("answer more work-style, preference and scenario questions ({{.N}} answers count for this hat, {{.Needed}} needed)", len(aff), map[string]any{
			"N": len(aff), "Needed": m.Minimum.AffinityObservations}))
	}
	if !readyOK || !affOK {
		return ts
	}
	fR, fA := m.Fit.Readiness, m.Fit.Affinity
	fit := fR*rMean + fA*aMean
	se := math.Sqrt(math.Pow(fR*rSE, 2) + math.Pow(fA*aSE, 2))
	ts.Fit = scorePtr(fit)
	ts.Band = band(fit, m.Band.Z*se*widen)

	// Contributions: fit - 50 = sum over answers of alpha * w * (x - 50) / W.
	var contribs []Contribution
	add := func(obs []observation, alpha float64, part string) {
		var W float64
		for _, o := range obs {
			W += o.w
		}
		byItem := map[string]int{}
		for _, o := range obs {
			d := alpha * o.w * (o.x - 50) / W
			if i, ok := byItem[o.item]; ok {
				contribs[i].Delta += Score(d)
				continue
			}
			byItem[o.item] = len(contribs)
			contribs = append(contribs, Contribution{Item: o.item, Competency: o.competency, Part: part, Delta: Score(d), Text: o.text, Phrase: o.phrase})
		}
	}
	add(ready, fR, "readiness")
	add(aff, fA, "affinity")
	sort.SliceStable(contribs, func(i, j int) bool { return contribs[i].Delta > contribs[j].Delta })
	ts.Contributions = contribs
	for _, c := range contribs {
		if c.Delta >= 0.05 && len(ts.Raised) < 3 {
			ts.Raised = append(ts.Raised, c)
		}
	}
	for i := len(contribs) - 1; i >= 0; i-- {
		if c := contribs[i]; c.Delta <= -0.05 && len(ts.Lowered) < 3 {
			ts.Lowered = append(ts.Lowered, c)
		}
	}
	return ts
}

// affinityObservations turns work-style, preference and scenario answers
// into 0-100 observations for one track.
func (e *Engine) affinityObservations(track string, a *Answers) []observation {
	b := e.Bank
	var obs []observation
	for i := range b.Items {
		it := &b.Items[i]
		ans, ok := a.Items[it.ID]
		if !ok {
			continue
		}
		switch it.Kind {
		case questions.KindWorkStyle:
			w, ok := it.Measures.Tracks[track]
			if !ok {
				continue
			}
			sc := b.Scales[it.Scale]
			x := sc.Percent(ans.Value)
			data := map[string]any{"Statement": sentence(e.text(it.Text)), "Said": sc.SaidAs(ans.Value, e.Lang()), "Answer": sc.Label(ans.Value, e.Lang())}
			phrase := e.T("“{{.Statement}}”: {{.Said}}", data)
			text := e.T("You answered “{{.Answer}}” to “{{.Statement}}”.", data)
			if it.Measures.Reverse {
				x = sc.Percent(sc.Reverse(ans.Value))
				phrase = e.T("“{{.Statement}}”: {{.Said}} (it counts the other way)", data)
				text = e.T("You answered “{{.Answer}}” to “{{.Statement}}” (this statement counts the other way).", data)
			}
			obs = append(obs, observation{x: x, w: w, item: it.ID, phrase: phrase, text: text})
		case questions.KindForcedChoice, questions.KindScenario:
			offered := false
			for _, o := range it.Options {
				if o.Track == track {
					offered = true
				}
			}
			if !offered {
				continue
			}
			chosen, _ := it.Option(ans.Option)
			x := 0.0
			if chosen.Track == track {
				x = 100
			}
			var text, phrase string
			if it.Kind == questions.KindForcedChoice {
				other := it.Options[0]
				if other.ID == chosen.ID {
					other = it.Options[1]
				}
				data := map[string]any{"Chosen": LowerFirst(sentence(e.text(chosen.Text))), "Other": LowerFirst(sentence(e.text(other.Text)))}
				text = e.T("You would rather “{{.Chosen}}” than “{{.Other}}”.", data)
				phrase = e.T("you would rather {{.Chosen}} than {{.Other}}", data)
			} else {
				data := map[string]any{"Situation": e.text(it.Label), "Chosen": sentence(e.text(chosen.Text)), "chosen": LowerFirst(sentence(e.text(chosen.Text)))}
				text = e.T("In the situation “{{.Situation}}” you chose “{{.Chosen}}”.", data)
				phrase = e.T("{{.Situation}}: you would first {{.chosen}}", data)
			}
			w := it.Measures.Tracks[track]
			if w == 0 {
				w = 1
			}
			obs = append(obs, observation{x: x, w: w, item: it.ID, text: text, phrase: phrase})
		}
	}
	return obs
}

// weightedMeanSE returns the weighted mean of the observations and its
// standard error. The spread is shrunk toward a prior standard deviation,
// so two answers that happen to agree do not claim certainty; the effective
// number of answers accounts for unequal weights.
func weightedMeanSE(obs []observation, priorSD, priorWeight float64) (mean, se float64) {
	var W, W2 float64
	for _, o := range obs {
		W += o.w
		W2 += o.w * o.w
	}
	for _, o := range obs {
		mean += o.w * o.x
	}
	mean /= W
	var ss float64
	for _, o := range obs {
		ss += o.w * (o.x - mean) * (o.x - mean)
	}
	n := float64(len(obs))
	v := ss / W // weighted population variance of the answers
	s2 := (priorWeight*priorSD*priorSD + n*v) / (priorWeight + n)
	nEff := W * W / W2
	return mean, math.Sqrt(s2 / nEff)
}

func band(center, half float64) *[2]Score {
	return &[2]Score{Score(math.Max(0, center-half)), Score(math.Min(100, center+half))}
}

func (e *Engine) verdict(tracks []TrackScore) Verdict {
	var missing []string
	for _, t := range tracks {
		if t.Fit == nil {
			missing = append(missing, t.Name)
		}
	}
	if len(missing) > 0 {
		return Verdict{Kind: VerdictNotEnough, Tracks: []string{},
			Text: e.T("Not enough answers to compare the three hats yet (missing for: {{.Hats}}). Answer more questions; nothing has been guessed.", map[string]any{"Hats": strings.Join(missing, ", ")})}
	}
	top := tracks[0]
	ids, names := []string{top.ID}, []string{top.Name}
	for _, t := range tracks[1:] {
		if t.Band[1] >= top.Band[0] {
			ids = append(ids, t.ID)
			names = append(names, t.Name)
		}
	}
	if len(ids) == 1 {
		return Verdict{Kind: VerdictClear, Tracks: ids,
			Text: e.T("{{.Hat}} fits you best: its band does not overlap the next hat's.", map[string]any{"Hat": top.Name})}
	}
	return Verdict{Kind: VerdictHybrid, Tracks: ids,
		Text: e.T("Too close to call between {{.Hats}}: a hybrid profile. Their bands overlap, so the order between them could flip with a few different answers.", map[string]any{"Hats": JoinAnd(e.Printer(), lowerAll(names))})}
}

func (e *Engine) traitLevels(a *Answers) []TraitLevel {
	b := e.Bank
	var out []TraitLevel
	for _, t := range b.Traits {
		tl := TraitLevel{ID: t.ID, Name: e.text(t.Name)}
		var sum float64
		for i := range b.Items {
			it := &b.Items[i]
			ans, ok := a.Items[it.ID]
			if !ok || it.Kind != questions.KindWorkStyle || !containsString(it.Measures.Traits, t.ID) {
				continue
			}
			sc := b.Scales[it.Scale]
			v := ans.Value
			if it.Measures.Reverse {
				v = sc.Reverse(v)
			}
			sum += sc.Percent(v)
			tl.Answers++
		}
		if tl.Answers > 0 {
			tl.Level = scorePtr(sum / float64(tl.Answers))
		}
		out = append(out, tl)
	}
	return out
}

// Quality flag IDs.
const (
	FlagStraightLining = "straight-lining"
	FlagMiddle         = "too-many-middle-answers"
	FlagInconsistent   = "inconsistent-reverse-pairs"
)

func (e *Engine) qualityFlags(a *Answers) []Flag {
	b, q := e.Bank, e.Model.Quality
	flags := []Flag{}
	counts := map[int]int{}
	rated, middle, workStyle := 0, 0, 0
	middleLabel := ""
	for i := range b.Items {
		it := &b.Items[i]
		ans, ok := a.Items[it.ID]
		if !ok || (it.Kind != questions.KindSkillRating && it.Kind != questions.KindWorkStyle) {
			continue
		}
		rated++
		counts[ans.Value]++
		if it.Kind == questions.KindWorkStyle {
			workStyle++
			sc := b.Scales[it.Scale]
			if mid, ok := sc.Mid(); ok && ans.Value == mid {
				middle++
				middleLabel = sc.Label(mid, e.Lang())
			}
		}
	}
	// The most frequent point; on a tie, the lowest.
	points := make([]int, 0, len(counts))
	for v := range counts {
		points = append(points, v)
	}
	sort.Ints(points)
	modal, modalCount := 0, 0
	for _, v := range points {
		if counts[v] > modalCount {
			modal, modalCount = v, counts[v]
		}
	}
	if rated >= q.StraightLineMinAnswers && float64(modalCount) >= q.StraightLineShare*float64(rated) {
		flags = append(flags, Flag{ID: FlagStraightLining,
			Text: e.T("{{.Same}} of your {{.Rated}} ratings are the same point ({{.Point}}). If you rushed, the scores say little; the bands have been widened.", map[string]any{"Same": modalCount, "Rated": rated, "Point": modal})})
	}
	if workStyle >= q.MiddleMinAnswers && float64(middle) >= q.MiddleShare*float64(workStyle) {
		flags = append(flags, Flag{ID: FlagMiddle,
			Text: e.T("You chose “{{.Answer}}” for {{.Middle}} of {{.Total}} work-style statements, so they tell little about your style; the bands have been widened.", map[string]any{"Answer": middleLabel, "Middle": middle, "Total": workStyle})})
	}
	var bad []string
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != questions.KindWorkStyle || !it.Measures.Reverse {
			continue
		}
		rev, ok1 := a.Items[it.ID]
		fwd, ok2 := a.Items[it.Measures.Pair]
		if !ok1 || !ok2 {
			continue
		}
		// Agreeing with a statement and with its opposite: after reversing,
		// the two answers should be close. A pair shares its scale (the
		// bank is validated so).
		if abs(fwd.Value-b.Scales[it.Scale].Reverse(rev.Value)) >= q.ReverseGap {
			bad = append(bad, it.Measures.Pair+" / "+it.ID)
		}
	}
	if len(bad) >= q.ReverseMinInconsistent {
		flags = append(flags, Flag{ID: FlagInconsistent, Items: bad,
			Text: e.N("In {{.N}} pairs of opposite statements you agreed (or disagreed) with both sides; the bands have been widened.", len(bad), map[string]any{"N": len(bad)})})
	}
	return flags
}

// Notes about the version of the questions the answers were given to.
const (
	FlagAnswersNotUsed   = "answers-not-used"
	FlagOtherBankVersion = "other-questions-version"
)

// versionNotes says which answers could not be used because the questions
// changed since they were given, and whether they were given to another
// version of the questions. They are notes, not response-quality flags:
// they do not widen the bands (fewer usable answers widen them anyway).
func (e *Engine) versionNotes(a *Answers) []Flag {
	var notes []Flag
	if n := len(a.Dropped); n > 0 {
		text := e.N("{{.N}} answers from an older version of the questions could not be used: the questions or answer choices they answered are no longer asked. The scores use your other answers.", n, map[string]any{"N": n})
		notes = append(notes, Flag{ID: FlagAnswersNotUsed, Text: text, Items: append([]string(nil), a.Dropped...)})
	}
	if v := a.BankVersion; v != "" && v != e.Bank.Version() {
		notes = append(notes, Flag{ID: FlagOtherBankVersion,
			Text: e.T("These answers were given to another version of the questions (version {{.Theirs}}; this Hatcheck asks version {{.Ours}}). Some questions may have been reworded, added or removed since, so the result can differ from the one shown then.", map[string]any{"Theirs": v, "Ours": e.Bank.Version()})})
	}
	return notes
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// skillPhrase says a rating in a few words: "Moderation: you do it on your
// own; this hat needs more" or "...: you do it well and often, as this hat
// needs".
func (e *Engine) skillPhrase(skill, said string, enough bool) string {
	data := map[string]any{"Skill": skill, "Said": said}
	if enough {
		return e.T("{{.Skill}}: {{.Said}}, enough for this hat", data)
	}
	return e.T("{{.Skill}}: {{.Said}}; this hat needs more", data)
}

// lowerAll is LowerFirst of every name, for a list inside a sentence.
func lowerAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = LowerFirst(n)
	}
	return out
}

// sentence drops a final full stop, so that a quoted answer does not end
// in two.
func sentence(s string) string { return strings.TrimSuffix(strings.TrimSpace(s), ".") }
