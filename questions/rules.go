package questions

import (
	"fmt"
	"sort"
	"strings"
)

// Problem is one thing wrong with the item bank: the rule it breaks, where
// (an item, a competency, a scale... or "" for the bank as a whole) and what
// is wrong and what to do about it.
type Problem struct {
	Rule  string
	Where string
	Text  string
}

func (p Problem) String() string {
	if p.Where == "" {
		return fmt.Sprintf("rule %s: %s", p.Rule, p.Text)
	}
	return fmt.Sprintf("rule %s: %s: %s", p.Rule, p.Where, p.Text)
}

// ValidationError lists every problem Validate found.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return "item bank is invalid (see docs/DATA.md for the rules):\n  " + strings.Join(lines, "\n  ")
}

// Rules returns the names of the rules that were broken, in rule order.
func (e *ValidationError) Rules() []string {
	var out []string
	for _, p := range e.Problems {
		if !contains(out, p.Rule) {
			out = append(out, p.Rule)
		}
	}
	return out
}

// Rule is one named check of the bank. The name appears in every problem
// it reports, so that a person editing the data knows which rule failed;
// docs/DATA.md explains each.
type Rule struct {
	Name string
	// About says in a sentence what the rule protects.
	About string
	Check func(b *Bank) []Problem
}

// Rules are the checks Validate runs, in order.
var Rules = []Rule{
	{"five-articles", "the bank rests on exactly the five practitioner articles", checkFiveArticles},
	{"fixed-tracks", "the three hats are the three fixed track IDs that saved results refer to", checkFixedTracks},
	{"unique-ids", "every ID is present, used once and free of '/', which separates an item from its option", checkUniqueIDs},
	{"english-text", "every text a person reads has an English version", checkEnglishText},
	{"sources-cited", "every track, competency, trait and item cites one of the five articles and a section of it", checkSourcesCited},
	{"known-references", "sections, areas, competencies, traits and tracks named anywhere are defined", checkKnownReferences},
	{"scales", "every scale has at least two points and a label per point, and the items use the scale the scoring expects", checkScales},
	{"track-weights", "an item's weight toward a track is above 0 and at most 3", checkTrackWeights},
	{"item-kinds", "every item is one of the five kinds", checkItemKinds},
	{"skill-ratings", "a skill rating rates exactly one competency and is called skill.<competency>", checkSkillRatings},
	{"work-style", "a work-style statement measures at least one trait", checkWorkStyle},
	{"forced-choice", "a forced-choice pair offers two activities of two different hats and counts toward a hat", checkForcedChoice},
	{"scenarios", "a scenario offers 3 or 4 responses pointing to at least two hats and counts toward a hat", checkScenarios},
	{"audit-tasks", "the audit has an hours range and three energy levels, and each task belongs to one hat with known hints", checkAuditTasks},
	{"reverse-pairs", "a reverse-keyed statement is paired with a forward twin on the same trait and scale, both pointing at each other", checkReversePairs},
	{"reverse-share", "at least a third of the work-style statements are reverse-keyed", checkReverseShare},
	{"coverage", "every competency has a skill rating and every trait a work-style statement", checkCoverage},
	{"pair-balance", "forced-choice pairs are spread evenly over the three pairings of hats", checkPairBalance},
	{"questionnaire-length", "every kind is asked, with enough pairs and scenarios, in 50 to 75 core items (about 15 minutes)", checkLength},
	{"renames", "renamed and retired IDs keep saved answers readable: old IDs point at current ones and are not reused", checkRenames},
}

// Validate checks the bank's integrity and the questionnaire's design
// rules. The error, if any, is a *ValidationError listing every problem,
// each with the rule it breaks.
func (b *Bank) Validate() error {
	var all []Problem
	for _, r := range Rules {
		for _, p := range r.Check(b) {
			p.Rule = r.Name
			all = append(all, p)
		}
	}
	if len(all) > 0 {
		return &ValidationError{Problems: all}
	}
	return nil
}

// problems collects the problems of one rule.
type problems []Problem

func (ps *problems) add(where, format string, args ...any) {
	*ps = append(*ps, Problem{Where: where, Text: fmt.Sprintf(format, args...)})
}

func itemWhere(id string) string { return fmt.Sprintf("item %q", id) }

func checkFiveArticles(b *Bank) []Problem {
	var ps problems
	if len(b.Sources) != 5 {
		ps.add("vocabulary.json sources", "%d articles are listed; list exactly the five articles the content rests on", len(b.Sources))
	}
	seen := map[string]bool{}
	for _, d := range b.Sources {
		if strings.TrimSpace(d.File) == "" || seen[d.File] {
			ps.add("vocabulary.json sources", "article file %q is empty or listed twice; list each article once", d.File)
		}
		seen[d.File] = true
	}
	return ps
}

func checkFixedTracks(b *Bank) []Problem {
	var ps problems
	for _, id := range TrackIDs {
		if _, ok := b.tracks[id]; !ok {
			ps.add(fmt.Sprintf("track %q", id), "is missing; the three track IDs are fixed (saved results name them), so restore it")
		}
	}
	if len(b.Tracks) != len(TrackIDs) {
		ps.add("vocabulary.json tracks", "%d tracks are defined; define exactly %s", len(b.Tracks), strings.Join(TrackIDs, ", "))
	}
	return ps
}

func checkUniqueIDs(b *Bank) []Problem {
	var ps problems
	once := func(kind string, ids []string) {
		seen := map[string]bool{}
		for _, id := range ids {
			if strings.TrimSpace(id) == "" {
				ps.add(kind, "an entry has no id; give it one")
				continue
			}
			if seen[id] {
				ps.add(fmt.Sprintf("%s %q", kind, id), "is defined twice; give each its own ID")
			}
			seen[id] = true
		}
	}
	ids := func(n int, id func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}
	once("competency", ids(len(b.Competencies), func(i int) string { return b.Competencies[i].ID }))
	once("trait", ids(len(b.Traits), func(i int) string { return b.Traits[i].ID }))
	once("area", ids(len(b.Areas), func(i int) string { return b.Areas[i].ID }))
	once("section", ids(len(b.Sections), func(i int) string { return b.Sections[i].ID }))
	once("track", ids(len(b.Tracks), func(i int) string { return b.Tracks[i].ID }))
	seen := map[string]bool{}
	for i := range b.Items {
		it := &b.Items[i]
		switch {
		case strings.TrimSpace(it.ID) == "":
			ps.add(fmt.Sprintf("item #%d", i+1), "has no id; give it one that no earlier version used")
			continue
		case seen[it.ID]:
			ps.add(itemWhere(it.ID), "the ID is used twice; IDs are saved with answers, so give the newer item a new ID")
		case strings.ContainsAny(it.ID, "/ \t\n"):
			ps.add(itemWhere(it.ID), "an item ID has no '/' or spaces ('/' separates an item from its option in renames); rename it")
		}
		seen[it.ID] = true
		options := map[string]bool{}
		for _, o := range it.Options {
			switch {
			case strings.TrimSpace(o.ID) == "" || options[o.ID]:
				ps.add(itemWhere(it.ID), "option ID %q is empty or repeated; give each option its own ID", o.ID)
			case strings.ContainsAny(o.ID, "/ \t\n"):
				ps.add(itemWhere(it.ID), "option ID %q has a '/' or a space; rename it", o.ID)
			}
			options[o.ID] = true
		}
	}
	return ps
}

func checkEnglishText(b *Bank) []Problem {
	var ps problems
	check := func(where string, t Text) {
		if strings.TrimSpace(t[DefaultLanguage]) == "" {
			ps.add(where, "missing English text; every text needs an %q version (other languages fall back to it)", DefaultLanguage)
		}
	}
	for _, t := range b.Tracks {
		check(fmt.Sprintf("track %q name", t.ID), t.Name)
		check(fmt.Sprintf("track %q summary", t.ID), t.Summary)
	}
	for _, a := range b.Areas {
		check(fmt.Sprintf("area %q", a.ID), a.Name)
	}
	for _, c := range b.Competencies {
		check(fmt.Sprintf("competency %q", c.ID), c.Name)
	}
	for _, t := range b.Traits {
		check(fmt.Sprintf("trait %q", t.ID), t.Name)
	}
	for _, s := range b.Sections {
		check(fmt.Sprintf("section %q", s.ID), s.Title)
	}
	names := make([]string, 0, len(b.Scales))
	for name := range b.Scales {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		for i, l := range b.Scales[name].Labels {
			check(fmt.Sprintf("scale %q label %d", name, i+1), l)
		}
	}
	for _, e := range b.Audit.Energy {
		check(fmt.Sprintf("audit energy %q", e.ID), e.Text)
	}
	for i := range b.Items {
		it := &b.Items[i]
		check(itemWhere(it.ID)+" text", it.Text)
		check(itemWhere(it.ID)+" label", it.Label)
		for _, o := range it.Options {
			check(fmt.Sprintf("item %q option %q", it.ID, o.ID), o.Text)
		}
	}
	return ps
}

func checkSourcesCited(b *Bank) []Problem {
	var ps problems
	check := func(where string, s Source) {
		if _, ok := b.documents[s.File]; !ok {
			ps.add(where, "source file %q is not one of the five articles; cite one of the files listed under sources in vocabulary.json", s.File)
		}
		if strings.TrimSpace(s.Section) == "" {
			ps.add(where, "source has no section; name the part of the article the content rests on")
		}
	}
	for _, t := range b.Tracks {
		for _, s := range t.Sources {
			check(fmt.Sprintf("track %q", t.ID), s)
		}
	}
	for _, c := range b.Competencies {
		if len(c.Sources) == 0 {
			ps.add(fmt.Sprintf("competency %q", c.ID), "has no source; cite the article that names this skill")
		}
		for _, s := range c.Sources {
			check(fmt.Sprintf("competency %q", c.ID), s)
		}
	}
	for _, t := range b.Traits {
		for _, s := range t.Sources {
			check(fmt.Sprintf("trait %q", t.ID), s)
		}
	}
	for i := range b.Items {
		check(itemWhere(b.Items[i].ID), b.Items[i].Source)
	}
	return ps
}

func checkKnownReferences(b *Bank) []Problem {
	var ps problems
	areas, sections := map[string]bool{}, map[string]bool{}
	for _, a := range b.Areas {
		areas[a.ID] = true
	}
	for _, s := range b.Sections {
		sections[s.ID] = true
	}
	for _, c := range b.Competencies {
		if !areas[c.Area] {
			ps.add(fmt.Sprintf("competency %q", c.ID), "unknown area %q; use one of the areas in vocabulary.json", c.Area)
		}
	}
	for i := range b.Items {
		it := &b.Items[i]
		where := itemWhere(it.ID)
		if !sections[it.Section] {
			ps.add(where, "unknown section %q; use one of the sections in vocabulary.json", it.Section)
		}
		for _, c := range it.Measures.Competencies {
			if _, ok := b.competencies[c]; !ok {
				ps.add(where, "measures unknown competency %q; use a competency ID from vocabulary.json", c)
			}
		}
		for _, t := range it.Measures.Traits {
			if _, ok := b.traits[t]; !ok {
				ps.add(where, "measures unknown trait %q; use a trait ID from vocabulary.json", t)
			}
		}
		for _, t := range sortedKeys(it.Measures.Tracks) {
			if _, ok := b.tracks[t]; !ok {
				ps.add(where, "measures unknown track %q; use one of %s", t, strings.Join(TrackIDs, ", "))
			}
		}
		for _, o := range it.Options {
			if _, ok := b.tracks[o.Track]; !ok {
				ps.add(where, "option %q is keyed to unknown track %q; use one of %s", o.ID, o.Track, strings.Join(TrackIDs, ", "))
			}
		}
	}
	return ps
}

// The scales the scoring reads by name, and the kinds that use them.
const (
	SkillScale     = "skill-level"
	AgreementScale = "agreement"
)

func checkScales(b *Bank) []Problem {
	var ps problems
	names := make([]string, 0, len(b.Scales))
	for name := range b.Scales {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		sc := b.Scales[name]
		where := fmt.Sprintf("scale %q", name)
		if sc.Max <= sc.Min {
			ps.add(where, "runs from %d to %d; a scale needs at least two points, with min below max", sc.Min, sc.Max)
			continue
		}
		if sc.Max-sc.Min > 20 {
			ps.add(where, "runs from %d to %d; a scale has at most 21 points", sc.Min, sc.Max)
			continue
		}
		if len(sc.Labels) != sc.Points() {
			ps.add(where, "has %d labels for the %d points %d..%d; give one label per point", len(sc.Labels), sc.Points(), sc.Min, sc.Max)
		}
		if len(sc.Said) != sc.Points() {
			ps.add(where, "has %d \"said\" phrases for its %d points; give one per point, as a person is told their answer (\"you do it on your own\")", len(sc.Said), sc.Points())
		}
	}
	for _, name := range []string{SkillScale, AgreementScale} {
		if _, ok := b.Scales[name]; !ok {
			ps.add(fmt.Sprintf("scale %q", name), "is missing; the scoring reads it by name, so define it in vocabulary.json")
		}
	}
	for i := range b.Items {
		it := &b.Items[i]
		want := map[Kind]string{KindSkillRating: SkillScale, KindWorkStyle: AgreementScale}[it.Kind]
		switch {
		case want != "" && it.Scale != want:
			ps.add(itemWhere(it.ID), "a %s item uses the %q scale, not %q", it.Kind, want, it.Scale)
		case want == "" && it.Scale != "":
			ps.add(itemWhere(it.ID), "a %s item is not answered on a scale; remove \"scale\"", it.Kind)
		}
	}
	return ps
}

func checkTrackWeights(b *Bank) []Problem {
	var ps problems
	for i := range b.Items {
		it := &b.Items[i]
		for _, t := range sortedKeys(it.Measures.Tracks) {
			if w := it.Measures.Tracks[t]; w <= 0 || w > 3 {
				ps.add(itemWhere(it.ID), "track weight %v for %q is outside (0, 3]; use 1 (or 0.5 for a trait two hats share)", w, t)
			}
		}
	}
	return ps
}

func checkItemKinds(b *Bank) []Problem {
	var ps problems
	for i := range b.Items {
		it := &b.Items[i]
		switch it.Kind {
		case KindSkillRating, KindWorkStyle, KindForcedChoice, KindScenario, KindAuditTask:
		default:
			ps.add(itemWhere(it.ID), "unknown kind %q; use one of %s, %s, %s, %s, %s", it.Kind, KindSkillRating, KindWorkStyle, KindForcedChoice, KindScenario, KindAuditTask)
		}
	}
	return ps
}

func checkSkillRatings(b *Bank) []Problem {
	var ps problems
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindSkillRating {
			continue
		}
		if len(it.Measures.Competencies) != 1 {
			ps.add(itemWhere(it.ID), "a skill rating measures exactly one competency, not %d", len(it.Measures.Competencies))
		} else if it.ID != "skill."+it.Measures.Competencies[0] {
			ps.add(itemWhere(it.ID), "a skill item is called skill.<competency>: %q (if you renamed it, list the old ID under \"renamed\")", "skill."+it.Measures.Competencies[0])
		}
		if len(it.Options) > 0 {
			ps.add(itemWhere(it.ID), "a skill rating is answered on the scale; remove its options")
		}
	}
	return ps
}

func checkWorkStyle(b *Bank) []Problem {
	var ps problems
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindWorkStyle {
			continue
		}
		if len(it.Measures.Traits) == 0 {
			ps.add(itemWhere(it.ID), "a work-style statement measures at least one trait; add one under measures.traits")
		}
		if len(it.Options) > 0 {
			ps.add(itemWhere(it.ID), "a work-style statement is answered on the scale; remove its options")
		}
	}
	return ps
}

func checkForcedChoice(b *Bank) []Problem {
	var ps problems
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindForcedChoice {
			continue
		}
		if len(it.Options) != 2 {
			ps.add(itemWhere(it.ID), "a forced-choice pair has exactly 2 options, not %d", len(it.Options))
		} else if it.Options[0].Track == it.Options[1].Track {
			ps.add(itemWhere(it.ID), "both options are keyed to %s; key them to two different hats", it.Options[0].Track)
		}
		if len(it.Measures.Tracks) == 0 {
			ps.add(itemWhere(it.ID), "measures no track; list the hats of its options under measures.tracks")
		}
	}
	return ps
}

func checkScenarios(b *Bank) []Problem {
	var ps problems
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindScenario {
			continue
		}
		if len(it.Options) < 3 || len(it.Options) > 4 {
			ps.add(itemWhere(it.ID), "a scenario has 3 or 4 options, not %d", len(it.Options))
		}
		tracks := map[string]bool{}
		for _, o := range it.Options {
			tracks[o.Track] = true
		}
		if len(tracks) < 2 {
			ps.add(itemWhere(it.ID), "a scenario's options must point to at least two hats")
		}
		if len(it.Measures.Tracks) == 0 {
			ps.add(itemWhere(it.ID), "measures no track; list the hats of its options under measures.tracks")
		}
	}
	return ps
}

func checkAuditTasks(b *Bank) []Problem {
	var ps problems
	if b.Audit.Hours.Max <= b.Audit.Hours.Min || len(b.Audit.Energy) != 3 {
		ps.add("vocabulary.json audit", "the answer format is incomplete: give an hours range with max above min and exactly three energy levels")
	}
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindAuditTask {
			continue
		}
		if len(it.Measures.Tracks) != 1 {
			ps.add(itemWhere(it.ID), "an audit task belongs to exactly one hat, not %d", len(it.Measures.Tracks))
		}
		if it.Audit == nil {
			ps.add(itemWhere(it.ID), "an audit task needs audit hints (\"audit\": {\"can\": [...]})")
			continue
		}
		for _, c := range it.Audit.Can {
			if c != CanAutomate && c != CanDelegate && c != CanDrop {
				ps.add(itemWhere(it.ID), "unknown audit action %q; use %s, %s or %s", c, CanAutomate, CanDelegate, CanDrop)
			}
		}
	}
	return ps
}

func checkReversePairs(b *Bank) []Problem {
	var ps problems
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindWorkStyle {
			if it.Measures.Reverse || it.Measures.Pair != "" {
				ps.add(itemWhere(it.ID), "only work-style statements can be reverse-keyed or paired; remove reverse and pair")
			}
			continue
		}
		if it.Measures.Reverse && it.Measures.Pair == "" {
			ps.add(itemWhere(it.ID), "a reverse-keyed statement needs a forward pair; set measures.pair to its forward twin")
		}
		if it.Measures.Pair == "" {
			continue
		}
		p, ok := b.items[it.Measures.Pair]
		switch {
		case !ok:
			ps.add(itemWhere(it.ID), "pair %q does not exist; point it at a current work-style statement", it.Measures.Pair)
		case p.Kind != KindWorkStyle:
			ps.add(itemWhere(it.ID), "pair %q is not a work-style statement", p.ID)
		case p.Measures.Pair != it.ID:
			ps.add(itemWhere(it.ID), "pair %s does not point back; set its measures.pair to %q", p.ID, it.ID)
		case p.Measures.Reverse == it.Measures.Reverse:
			ps.add(itemWhere(it.ID), "pair %s must be keyed the other way: exactly one of the two is reverse", p.ID)
		case !shareOne(p.Measures.Traits, it.Measures.Traits):
			ps.add(itemWhere(it.ID), "pair %s measures a different trait; a pair measures the same trait both ways", p.ID)
		case p.Scale != it.Scale:
			ps.add(itemWhere(it.ID), "pair %s is on another scale; the consistency check compares the two answers point by point", p.ID)
		}
	}
	return ps
}

func checkReverseShare(b *Bank) []Problem {
	var ps problems
	workStyle, reverse := 0, 0
	for i := range b.Items {
		if b.Items[i].Kind == KindWorkStyle {
			workStyle++
			if b.Items[i].Measures.Reverse {
				reverse++
			}
		}
	}
	if workStyle > 0 && reverse*3 < workStyle {
		ps.add("", "only %d of %d work-style statements are reverse-keyed; at least a third must be", reverse, workStyle)
	}
	return ps
}

func checkCoverage(b *Bank) []Problem {
	var ps problems
	measured, stated := map[string]bool{}, map[string]bool{}
	for i := range b.Items {
		it := &b.Items[i]
		switch it.Kind {
		case KindSkillRating:
			if len(it.Measures.Competencies) == 1 {
				measured[it.Measures.Competencies[0]] = true
			}
		case KindWorkStyle:
			for _, t := range it.Measures.Traits {
				stated[t] = true
			}
		}
	}
	for _, c := range b.Competencies {
		if !measured[c.ID] {
			ps.add(fmt.Sprintf("competency %q", c.ID), "has no skill rating; add an item skill.%s", c.ID)
		}
	}
	for _, t := range b.Traits {
		if !stated[t.ID] {
			ps.add(fmt.Sprintf("trait %q", t.ID), "has no work-style statement; add one that measures it")
		}
	}
	return ps
}

func checkPairBalance(b *Bank) []Problem {
	var ps problems
	pairings := map[string]int{}
	n := 0
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindForcedChoice || len(it.Options) != 2 || it.Options[0].Track == it.Options[1].Track {
			continue
		}
		n++
		pair := []string{it.Options[0].Track, it.Options[1].Track}
		sort.Strings(pair)
		pairings[pair[0]+" / "+pair[1]]++
	}
	if n == 0 {
		return nil
	}
	counts := []int{}
	for i, a := range TrackIDs {
		for _, c := range TrackIDs[i+1:] {
			pair := []string{a, c}
			sort.Strings(pair)
			counts = append(counts, pairings[pair[0]+" / "+pair[1]])
		}
	}
	sort.Ints(counts)
	if counts[0] < 3 || counts[len(counts)-1]-counts[0] > 1 {
		ps.add("", "forced-choice pairs are unbalanced over the three pairings: %v; give each pairing of hats at least 3, within one of each other", pairings)
	}
	return ps
}

func checkLength(b *Bank) []Problem {
	var ps problems
	count := map[Kind]int{}
	for i := range b.Items {
		count[b.Items[i].Kind]++
	}
	for _, k := range []Kind{KindSkillRating, KindWorkStyle, KindForcedChoice, KindScenario, KindAuditTask} {
		if count[k] == 0 {
			ps.add("", "no %s items; every kind is needed", k)
		}
	}
	if n := count[KindForcedChoice]; n < 9 {
		ps.add("", "%d forced-choice pairs, want at least 9", n)
	}
	if n := count[KindScenario]; n < 8 {
		ps.add("", "%d scenarios, want at least 8", n)
	}
	if core := len(b.Items) - count[KindAuditTask]; core < 50 || core > 75 {
		ps.add("", "%d core items, want 50 to 75 (about 15 minutes)", core)
	}
	return ps
}

func checkRenames(b *Bank) []Problem {
	var ps problems
	for _, old := range sortedKeys(b.Renamed.Items) {
		to := b.Renamed.Items[old]
		where := fmt.Sprintf("renamed item %q", old)
		if _, ok := b.items[old]; ok {
			ps.add(where, "%q is still an item; an ID is never reused, so give the item a new ID or remove the rename", old)
		}
		if _, ok := b.items[to]; !ok {
			ps.add(where, "points at %q, which is not an item; point it at the item's current ID (if that was renamed again, point this entry there too)", to)
		}
		if b.IsRetired(old) {
			ps.add(where, "is also listed as retired; keep only one of the two")
		}
	}
	for _, key := range sortedKeys(b.Renamed.Options) {
		to := b.Renamed.Options[key]
		where := fmt.Sprintf("renamed option %q", key)
		item, old, found := strings.Cut(key, "/")
		it, ok := b.items[item]
		switch {
		case !found || old == "":
			ps.add(where, "write an option rename as \"<current item ID>/<old option ID>\": \"<new option ID>\"")
		case !ok:
			ps.add(where, "%q is not a current item; use the item's current ID before the '/'", item)
		default:
			if _, ok := it.Option(old); ok {
				ps.add(where, "%q is still an option of %s; an ID is never reused, so give the option a new ID or remove the rename", old, item)
			}
			if _, ok := it.Option(to); !ok {
				ps.add(where, "points at %q, which is not an option of %s; use one of %s", to, item, strings.Join(it.OptionIDs(), ", "))
			}
			if b.IsRetired(key) {
				ps.add(where, "is also listed as retired; keep only one of the two")
			}
		}
	}
	seen := map[string]bool{}
	for _, r := range b.Retired {
		where := fmt.Sprintf("retired %q", r)
		if seen[r] {
			ps.add(where, "is listed twice")
		}
		seen[r] = true
		item, opt, isOption := strings.Cut(r, "/")
		it, current := b.items[item]
		switch {
		case !isOption && current:
			ps.add(where, "is still an item; an ID is never reused, so give the item a new ID or remove it from retired")
		case isOption && !current:
			ps.add(where, "%q is not a current item; when an item is retired, list only the item", item)
		case isOption:
			if _, ok := it.Option(opt); ok {
				ps.add(where, "is still an option; give the option a new ID or remove it from retired")
			}
		}
	}
	return ps
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
