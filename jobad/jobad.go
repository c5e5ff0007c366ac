// Package jobad reads a job ad the way the five articles read the roles:
// it cuts the ad into sentences and bullet lines, matches each line to a
// competency of one of the three hats with a phrase lexicon kept as data
// (data/lexicon.json), and reports the share of the ad each hat takes, the
// lines behind every share, the signals the articles warn about (several
// hats at once, a title that does not match the work, evenings and
// weekends, a long list of tools) and questions to ask the employer. It is
// pure Go, offline and deterministic: the same ad always gives the same
// result, and every number can be traced to the lines behind it. See
// docs/JOBAD.md.
package jobad

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// Thresholds of the analysis (docs/JOBAD.md says why).
const (
	// SeveralHatsShare is the share of the counted lines from which a hat
	// counts as asked for: a quarter.
	SeveralHatsShare = 0.25
	// MinCounted is how many counted lines a share needs before the
	// signals that compare shares are raised.
	MinCounted = 4
	// ManyTools is the number of different tools from which the list is
	// "very long".
	ManyTools = 6
	// minScore is the weight a line needs to count for a hat: one word of
	// a phrase of ordinary weight.
	minScore = 1.0
	// asideBeats: a line about pay, degrees or logistics is set aside
	// unless its competency phrases weigh at least this much.
	asideBeats = 3.0
)

// Result is the analysis of one ad.
type Result struct {
	LexiconVersion string `json:"lexicon_version"`
	// Title is the first short line, when the ad starts with one; TitleHat
	// the hat its words name, if any.
	Title    string `json:"title,omitempty"`
	TitleHat string `json:"title_hat,omitempty"`
	// Primary is the hat with the most lines ("" when no line counts).
	Primary string `json:"primary"`
	// Hats are all three hats, largest share first.
	Hats []HatShare `json:"hats"`
	// Counted lines belong to a hat; SetAside lines are about pay,
	// degrees or logistics; the other lines name no hat's work.
	Counted   int          `json:"counted"`
	SetAside  int          `json:"set_aside"`
	Signals   []Signal     `json:"signals"`
	Lines     []LineResult `json:"lines"`
	Skills    []Skill      `json:"skills"`
	Tools     []string     `json:"tools"`
	Questions []Asked      `json:"questions"`
	// Truncated: the ad had more than MaxLines lines; the rest was not read.
	Truncated bool        `json:"truncated,omitempty"`
	Against   *Comparison `json:"against,omitempty"`
}

// Check is an ad that was checked, as kept with an attempt (ID is 0 when it
// is not kept) and shown in the plan PDF.
type Check struct {
	ID      int64     `json:"id,omitempty"`
	Name    string    `json:"name,omitempty"`
	Checked time.Time `json:"checked"`
	Result  *Result   `json:"result"`
}

// HatShare is one hat's part of the ad.
type HatShare struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Share float64 `json:"share"`
	Lines int     `json:"lines"`
}

// Signal is a warning the articles give about ads like this one.
type Signal struct {
	ID     string `json:"id"`
	Text   string `json:"text"`
	Detail string `json:"detail,omitempty"`
	Basis  Basis  `json:"basis"`
}

// Asked is a question to put to the employer, with why it is asked.
type Asked struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Basis Basis  `json:"basis"`
}

// LineResult is one line of the ad with what it counted for, and why.
type LineResult struct {
	Line
	// Hat and Competency are null when the line counts for no hat.
	Hat        *string `json:"hat"`
	Competency *string `json:"competency"`
	// Aside says why a line was set aside: pay, education, logistics...
	Aside      string  `json:"aside,omitempty"`
	AfterHours bool    `json:"after_hours,omitempty"`
	Matches    []Match `json:"matches,omitempty"`
}

// Match is one phrase of the lexicon found in a line.
type Match struct {
	Phrase     string  `json:"phrase"`
	Hat        string  `json:"hat"`
	Competency string  `json:"competency"`
	Weight     float64 `json:"weight"`
}

// Skill is a competency the ad asks for, with the lines that ask.
type Skill struct {
	Competency string `json:"competency"`
	Name       string `json:"name"`
	Hat        string `json:"hat"`
	Lines      []int  `json:"lines"`
}

// HatOf returns the share of hat id.
func (r *Result) HatOf(id string) HatShare {
	for _, h := range r.Hats {
		if h.ID == id {
			return h
		}
	}
	return HatShare{ID: id}
}

// HasSignal reports whether the analysis raised the signal id.
func (r *Result) HasSignal(id string) bool {
	for _, s := range r.Signals {
		if s.ID == id {
			return true
		}
	}
	return false
}

// Read analyses an ad with the embedded lexicon and question bank; its
// texts are in English.
func Read(text string) (*Result, error) { return ReadIn("en", text) }

// ReadIn is Read with the result's texts (hat and skill names, signals,
// questions) in lang ("es", "es_ES.UTF-8"...).
func ReadIn(lang, text string) (*Result, error) {
	lx, err := Default()
	if err != nil {
		return nil, err
	}
	e, err := assessment.Default()
	if err != nil {
		return nil, err
	}
	return lx.Analyze(e.In(lang), text)
}

// Analyze reads one ad. It fails only on an empty or oversized ad. The
// result's texts are in the engine's language (e.In); IDs stay as they are.
func (lx *Lexicon) Analyze(e *assessment.Engine, text string) (*Result, error) {
	if len(text) > MaxBytes {
		return nil, ErrTooLarge
	}
	lines, truncated := Split(text)
	if len(lines) == 0 {
		return nil, ErrEmpty
	}
	r := &Result{LexiconVersion: lx.Version, Truncated: truncated, Signals: []Signal{}, Skills: []Skill{}, Tools: []string{}, Questions: []Asked{}}
	count := map[string]int{}
	weight := map[string]float64{}
	tools := map[string]bool{}
	skills := map[string]*Skill{}
	afterHours := false
	for i, l := range lines {
		lr := LineResult{Line: l}
		toks := words(l.Text)
		for _, t := range find(toks, lx.tools) {
			tools[t.id] = true
		}
		if len(find(toks, lx.afterHours)) > 0 {
			lr.AfterHours, afterHours = true, true
		}
		if l.Kind == KindTitle {
			r.Title = l.Text
			r.TitleHat = titleHat(longest(toks, lx.titles))
			r.Lines = append(r.Lines, lr)
			continue
		}
		if l.Kind == KindHeading {
			r.Lines = append(r.Lines, lr)
			continue
		}
		matches := lx.match(lx.withoutRoles(toks, r.Title))
		scores := map[string]float64{}
		for _, m := range matches {
			lr.Matches = append(lr.Matches, Match{Phrase: m.text, Hat: m.hat, Competency: m.competency, Weight: m.weight})
			scores[m.hat] += m.weight
		}
		hat, best := "", 0.0
		for _, id := range questions.TrackIDs {
			if scores[id] > best {
				hat, best = id, scores[id]
			}
		}
		if aside := find(toks, lx.aside); (len(aside) > 0 || hasMoney(l.Text)) && best < asideBeats {
			lr.Aside = "pay"
			if len(aside) > 0 {
				lr.Aside = aside[0].id
			}
			r.SetAside++
			r.Lines = append(r.Lines, lr)
			continue
		}
		if best < minScore {
			r.Lines = append(r.Lines, lr)
			continue
		}
		// The competency the line names most, within its hat.
		comp, cw := "", 0.0
		byComp := map[string]float64{}
		for _, m := range matches {
			if m.hat == hat {
				byComp[m.competency] += m.weight
				if byComp[m.competency] > cw {
					comp, cw = m.competency, byComp[m.competency]
				}
			}
		}
		h, c := hat, comp
		lr.Hat, lr.Competency = &h, &c
		count[hat]++
		weight[hat] += best
		r.Counted++
		sk := skills[comp]
		if sk == nil {
			name := comp
			if bc, ok := e.Bank.Competency(comp); ok {
				name = bc.Name.In(e.Lang())
			}
			sk = &Skill{Competency: comp, Name: name, Hat: hat}
			skills[comp] = sk
		}
		sk.Lines = append(sk.Lines, i+1)
		r.Lines = append(r.Lines, lr)
	}

	for _, id := range questions.TrackIDs {
		tr, _ := e.Bank.Track(id)
		hs := HatShare{ID: id, Name: tr.Name.In(e.Lang()), Lines: count[id]}
		if r.Counted > 0 {
			hs.Share = math.Round(float64(count[id])/float64(r.Counted)*1000) / 1000
		}
		r.Hats = append(r.Hats, hs)
	}
	sort.SliceStable(r.Hats, func(i, j int) bool {
		a, b := r.Hats[i], r.Hats[j]
		if a.Lines != b.Lines {
			return a.Lines > b.Lines
		}
		return weight[a.ID] > weight[b.ID]
	})
	if r.Counted > 0 {
		r.Primary = r.Hats[0].ID
	}
	for _, sk := range skills {
		r.Skills = append(r.Skills, *sk)
	}
	order := map[string]int{}
	for i, c := range e.Bank.Competencies {
		order[c.ID] = i
	}
	sort.Slice(r.Skills, func(i, j int) bool {
		if len(r.Skills[i].Lines) != len(r.Skills[j].Lines) {
			return len(r.Skills[i].Lines) > len(r.Skills[j].Lines)
		}
		return order[r.Skills[i].Competency] < order[r.Skills[j].Competency]
	})
	for t := range tools {
		r.Tools = append(r.Tools, t)
	}
	sort.Strings(r.Tools)
	lx.signalsFor(e, r, afterHours)
	lx.questionsFor(e, r, afterHours)
	return r, nil
}

// hasMoney: a line with a currency sign is about pay.
func hasMoney(s string) bool { return strings.ContainsAny(s, "$€£¥₹") }

func titleHat(ms []*phrase) string {
	score := map[string]float64{}
	for _, m := range ms {
		score[m.hat] += m.weight
	}
	hat, best := "", 0.0
	for _, id := range questions.TrackIDs {
		if score[id] > best {
			hat, best = id, score[id]
		}
	}
	return hat
}

// match finds the lexicon's phrases in a line's words: at each word the
// longest phrase that starts there, then on after it, so that "editorial
// calendar" is one match, not two.
func (lx *Lexicon) match(toks []string) []*phrase {
	var out []*phrase
	for i := 0; i < len(toks); {
		var best *phrase
		consider := func(ps []*phrase) {
			for _, p := range ps {
				if (best == nil || len(p.words) > len(best.words) || len(p.words) == len(best.words) && p.text < best.text) && matchAt(toks, i, p.words) {
					best = p
				}
			}
		}
		for _, k := range singulars(toks[i]) {
			consider(lx.phrases[k])
		}
		for n := 3; n <= len(toks[i]); n++ {
			consider(lx.prefixes[toks[i][:n]])
		}
		if best == nil {
			i++
			continue
		}
		out = append(out, best)
		i += len(best.words)
	}
	return out
}

// withoutRoles drops the job titles a line repeats (the ad's own title, and
// the role names of the lexicon), so that "the social media coordinator
// supervises students" counts for supervising, not for "social media".
func (lx *Lexicon) withoutRoles(toks []string, title string) []string {
	titleWords := words(title)
	out := make([]string, 0, len(toks))
	for i := 0; i < len(toks); {
		if len(titleWords) > 1 && matchAt(toks, i, titleWords) {
			i += len(titleWords)
			continue
		}
		skipped := false
		for _, p := range lx.roles {
			if matchAt(toks, i, p.words) {
				i += len(p.words)
				skipped = true
				break
			}
		}
		if !skipped {
			out = append(out, toks[i])
			i++
		}
	}
	return out
}

// longest finds a short list's phrases as match does: the longest at each
// place, so that "social media strategist" is not also "social media".
func longest(toks []string, list []*phrase) []*phrase {
	var out []*phrase
	for i := 0; i < len(toks); {
		var best *phrase
		for _, p := range list {
			if (best == nil || len(p.words) > len(best.words)) && matchAt(toks, i, p.words) {
				best = p
			}
		}
		if best == nil {
			i++
			continue
		}
		out = append(out, best)
		i += len(best.words)
	}
	return out
}

// find lists the phrases of a short list found in a line, each once.
func find(toks []string, list []*phrase) []*phrase {
	var out []*phrase
	for _, p := range list {
		for i := range toks {
			if matchAt(toks, i, p.words) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

func matchAt(toks []string, i int, ws []string) bool {
	if i+len(ws) > len(toks) {
		return false
	}
	for k, w := range ws {
		if !wordMatches(toks[i+k], w) {
			return false
		}
	}
	return true
}

// wordMatches: a word of a line against a word of a phrase; "*" at the end
// of the phrase's word matches any ending, and plurals match.
func wordMatches(tok, w string) bool {
	if stem, ok := strings.CutSuffix(w, "*"); ok {
		return strings.HasPrefix(tok, stem)
	}
	if rest, ok := strings.CutPrefix(tok, w); ok && (rest == "" || rest == "s" || rest == "es") {
		return true
	}
	stem, ok := strings.CutSuffix(w, "y")
	return ok && len(tok) == len(stem)+3 && strings.HasPrefix(tok, stem) && strings.HasSuffix(tok, "ies")
}

// singulars are the forms of a word a phrase may start with.
func singulars(tok string) []string {
	out := []string{tok}
	if s, ok := strings.CutSuffix(tok, "ies"); ok {
		out = append(out, s+"y")
	}
	if s, ok := strings.CutSuffix(tok, "es"); ok {
		out = append(out, s)
	}
	if s, ok := strings.CutSuffix(tok, "s"); ok {
		out = append(out, s)
	}
	return out
}

func (lx *Lexicon) signal(e *assessment.Engine, id, detail string) Signal {
	s := lx.signals[id]
	return Signal{ID: id, Text: s.Text.In(e.Lang()), Detail: detail, Basis: s.Basis}
}

// percent is a share as a whole percentage, for the texts.
func percent(share float64) string { return fmt.Sprintf("%.0f", 100*share) }

func (lx *Lexicon) signalsFor(e *assessment.Engine, r *Result, afterHours bool) {
	var asked []HatShare
	for _, h := range r.Hats {
		if h.Share >= SeveralHatsShare {
			asked = append(asked, h)
		}
	}
	if r.Counted >= MinCounted && len(asked) >= 2 {
		var parts []string
		for _, h := range asked {
			parts = append(parts, e.N("{{.Hat}} {{.Percent}}% ({{.Lines}} lines)", h.Lines, map[string]any{"Hat": assessment.LowerFirst(h.Name), "Percent": percent(h.Share), "Lines": h.Lines}))
		}
		r.Signals = append(r.Signals, lx.signal(e, SignalSeveralHats, e.T("Each of these takes a quarter of the ad or more: {{.Hats}}.", map[string]any{"Hats": strings.Join(parts, ", ")})))
		if len(asked) == 3 {
			r.Signals = append(r.Signals, lx.signal(e, SignalThreeHats, ""))
		}
	}
	if t := r.TitleHat; t != "" && r.Counted >= MinCounted && r.Primary != t && r.HatOf(t).Share < SeveralHatsShare {
		title, top := r.HatOf(t), r.Hats[0]
		r.Signals = append(r.Signals, lx.signal(e, SignalTitleMismatch, e.T("The title names the {{.Title}}, but {{.Top}} takes {{.TopShare}}% of the lines and {{.Title}} only {{.TitleShare}}%.",
			map[string]any{"Title": assessment.LowerFirst(title.Name), "Top": assessment.LowerFirst(top.Name), "TopShare": percent(top.Share), "TitleShare": percent(title.Share)})))
	}
	if afterHours {
		var ns []string
		for _, l := range r.Lines {
			if l.AfterHours {
				ns = append(ns, fmt.Sprint(l.N))
			}
		}
		r.Signals = append(r.Signals, lx.signal(e, SignalAfterHours, e.N("Lines {{.Lines}} of the ad.", len(ns), map[string]any{"Lines": strings.Join(ns, ", ")})))
	}
	if len(r.Tools) >= ManyTools {
		r.Signals = append(r.Signals, lx.signal(e, SignalManyTools, e.N("{{.N}} tools: {{.Tools}}.", len(r.Tools), map[string]any{"N": len(r.Tools), "Tools": strings.Join(r.Tools, ", ")})))
	}
	if r.Counted < 3 {
		r.Signals = append(r.Signals, lx.signal(e, SignalThin, e.T("{{.Counted}} of {{.Total}} lines name work of any hat.", map[string]any{"Counted": r.Counted, "Total": len(r.Lines)})))
	}
}

// questionsFor picks the questions whose condition holds: what the ad
// leaves unclear.
func (lx *Lexicon) questionsFor(e *assessment.Engine, r *Result, afterHours bool) {
	has := map[string]bool{}
	for _, s := range r.Skills {
		has[s.Competency] = true
	}
	sm, cm := r.HatOf(questions.TrackSocialMediaManager), r.HatOf(questions.TrackCommunityManager)
	holds := map[string]bool{
		"no-strategy-owner":    r.Counted >= 3 && !has["strategy-design"] && !has["budgeting"] && sm.Share+cm.Share >= 0.5,
		"members-no-hours":     !afterHours && (cm.Lines > 0 || has["member-support"] || has["moderation"]),
		"after-hours":          afterHours,
		"no-measures":          r.Counted >= 3 && !has["kpi-analytics"] && !has["results-reporting"],
		"several-hats":         r.HasSignal(SignalSeveralHats),
		"no-crisis":            sm.Share >= SeveralHatsShare && !has["crisis-planning"],
		"community-no-offline": cm.Share >= SeveralHatsShare && !has["events"],
		"title-mismatch":       r.HasSignal(SignalTitleMismatch),
	}
	for _, q := range lx.Questions {
		if holds[q.When] {
			r.Questions = append(r.Questions, Asked{ID: q.ID, Text: q.Text.In(e.Lang()), Basis: q.Basis})
		}
	}
}

// ErrNoPerson is returned by Compare without a result to compare with.
var ErrNoPerson = i18n.Errorf("there is no result to compare with: take the assessment or load a results or answers file")

// asideNames are the kinds of set-aside lines (LineResult.Aside) as people
// read them.
var asideNames = map[string]string{
	"pay":               i18n.Key("pay"),
	"education":         i18n.Key("education"),
	"logistics":         i18n.Key("logistics"),
	"equal-opportunity": i18n.Key("equal opportunity"),
}

// AsideName is why a line was set aside (LineResult.Aside: "pay",
// "education"...) in the printer's language.
func AsideName(p *i18n.Printer, id string) string {
	if k, ok := asideNames[id]; ok {
		return p.T(k)
	}
	return id
}
