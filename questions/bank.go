// Package questions holds Hatcheck's item bank: the questionnaire content
// (tracks, competencies, traits, scales and items) as embedded JSON, and the
// code that loads and validates it. The content is data so that it can be
// reviewed, corrected and translated without touching Go code.
package questions

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

//go:embed data/vocabulary.json data/items.json
var dataFS embed.FS

// The three track IDs are fixed: answers files, saved results and plans
// refer to them.
const (
	TrackSocialMediaManager = "social-media-manager"
	TrackCommunityManager   = "community-manager"
	TrackStrategist         = "social-media-strategist"
)

// TrackIDs lists the tracks in their canonical order.
var TrackIDs = []string{TrackSocialMediaManager, TrackCommunityManager, TrackStrategist}

// Kind is what sort of question an item is; it decides its answer format.
type Kind string

// The five item kinds.
const (
	KindSkillRating  Kind = "skill-rating"
	KindWorkStyle    Kind = "work-style"
	KindForcedChoice Kind = "forced-choice"
	KindScenario     Kind = "scenario"
	KindAuditTask    Kind = "audit-task"
)

// Audit actions a task may allow when its owner is overloaded.
const (
	CanAutomate = "automate"
	CanDelegate = "delegate"
	CanDrop     = "drop"
)

// DefaultLanguage is the language every text must have; other languages fall
// back to it.
const DefaultLanguage = "en"

// Text is a user-facing string keyed by language code, so that a translation
// is added to the data, not to the code.
type Text map[string]string

// In returns the text in lang, or in English when there is no translation.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	return t[DefaultLanguage]
}

// String returns the English text.
func (t Text) String() string { return t[DefaultLanguage] }

// Source points at the article, and the section or list in it, that an item
// or a plan action rests on.
type Source struct {
	File    string `json:"file"`
	Section string `json:"section"`
}

// Document is one of the five practitioner articles.
type Document struct {
	File   string `json:"file"`
	Title  string `json:"title"`
	Author string `json:"author"`
}

// Track is one of the three social media hats.
type Track struct {
	ID      string   `json:"id"`
	Name    Text     `json:"name"`
	Summary Text     `json:"summary"`
	Sources []Source `json:"sources"`
}

// Area groups competencies for display.
type Area struct {
	ID   string `json:"id"`
	Name Text   `json:"name"`
}

// Competency is a skill a track needs; each is rated by one skill item.
type Competency struct {
	ID      string   `json:"id"`
	Area    string   `json:"area"`
	Name    Text     `json:"name"`
	Sources []Source `json:"sources"`
}

// Trait is a personal characteristic the articles name.
type Trait struct {
	ID      string   `json:"id"`
	Name    Text     `json:"name"`
	Sources []Source `json:"sources"`
}

// Scale is a five-point answer scale with a label per point.
type Scale struct {
	Min    int    `json:"min"`
	Max    int    `json:"max"`
	Labels []Text `json:"labels"`
}

// Label returns the label of value v on the scale, or "" when out of range.
func (s Scale) Label(v int, lang string) string {
	i := v - s.Min
	if i < 0 || i >= len(s.Labels) {
		return ""
	}
	return s.Labels[i].In(lang)
}

// Section is a page group of the questionnaire.
type Section struct {
	ID       string `json:"id"`
	Title    Text   `json:"title"`
	Intro    Text   `json:"intro"`
	Optional bool   `json:"optional,omitempty"`
}

// Choice is a labelled value, such as an energy level in the audit.
type Choice struct {
	ID   string `json:"id"`
	Text Text   `json:"text"`
}

// AuditSpec gives the answer format of current-work audit tasks.
type AuditSpec struct {
	Hours struct {
		Min float64 `json:"min"`
		Max float64 `json:"max"`
	} `json:"hours"`
	Energy []Choice `json:"energy"`
}

// Option is one answer of a forced-choice pair or a scenario, keyed to the
// track whose instinct it shows.
type Option struct {
	ID    string `json:"id"`
	Text  Text   `json:"text"`
	Track string `json:"track"`
}

// Measures says what an item measures.
type Measures struct {
	Competencies []string `json:"competencies,omitempty"`
	Traits       []string `json:"traits,omitempty"`
	// Tracks weights the item's contribution to each track's affinity.
	Tracks map[string]float64 `json:"tracks,omitempty"`
	// Reverse marks a work-style statement written as the opposite
	// behaviour: agreeing with it counts against its tracks.
	Reverse bool `json:"reverse,omitempty"`
	// Pair links a reverse-keyed statement with its forward twin, to check
	// that the two were answered consistently.
	Pair string `json:"pair,omitempty"`
}

// AuditHints says what can be done with an audit task when its owner is
// overloaded.
type AuditHints struct {
	Can []string `json:"can"`
}

// Allows reports whether the task can be handled with action.
func (h *AuditHints) Allows(action string) bool {
	if h == nil {
		return false
	}
	for _, c := range h.Can {
		if c == action {
			return true
		}
	}
	return false
}

// Item is one question.
type Item struct {
	ID       string      `json:"id"`
	Section  string      `json:"section"`
	Kind     Kind        `json:"kind"`
	Label    Text        `json:"label"`
	Text     Text        `json:"text"`
	Scale    string      `json:"scale,omitempty"`
	Evidence bool        `json:"evidence,omitempty"`
	Options  []Option    `json:"options,omitempty"`
	Measures Measures    `json:"measures"`
	Audit    *AuditHints `json:"audit,omitempty"`
	Source   Source      `json:"source"`
}

// Option returns the option with the given ID.
func (it *Item) Option(id string) (Option, bool) {
	for _, o := range it.Options {
		if o.ID == id {
			return o, true
		}
	}
	return Option{}, false
}

// OptionIDs lists the item's option IDs in order.
func (it *Item) OptionIDs() []string {
	ids := make([]string, len(it.Options))
	for i, o := range it.Options {
		ids[i] = o.ID
	}
	return ids
}

// Core reports whether the item belongs to the timed questionnaire (the audit
// is optional and comes on top).
func (it *Item) Core() bool { return it.Kind != KindAuditTask }

// Bank is the whole, validated item bank.
type Bank struct {
	Sources      []Document       `json:"sources"`
	Tracks       []Track          `json:"tracks"`
	Areas        []Area           `json:"areas"`
	Competencies []Competency     `json:"competencies"`
	Traits       []Trait          `json:"traits"`
	Scales       map[string]Scale `json:"scales"`
	Sections     []Section        `json:"sections"`
	Audit        AuditSpec        `json:"audit"`
	Items        []Item           `json:"items"`

	version string

	items        map[string]*Item
	tracks       map[string]*Track
	competencies map[string]*Competency
	traits       map[string]*Trait
	documents    map[string]*Document
}

// Load returns the embedded item bank, validated.
func Load() (*Bank, error) {
	vocab, err := dataFS.ReadFile("data/vocabulary.json")
	if err != nil {
		return nil, err
	}
	items, err := dataFS.ReadFile("data/items.json")
	if err != nil {
		return nil, err
	}
	return Parse(vocab, items)
}

// MustLoad is Load for the embedded bank, which a test keeps valid; a broken
// bank is a programming error.
func MustLoad() *Bank {
	b, err := Load()
	if err != nil {
		panic(err)
	}
	return b
}

// Parse builds a bank from the vocabulary and items documents and validates
// it.
func Parse(vocabulary, items []byte) (*Bank, error) {
	var b Bank
	if err := decodeStrict(vocabulary, "hatcheck-vocabulary", &b); err != nil {
		return nil, fmt.Errorf("read vocabulary: %w", err)
	}
	var it struct {
		Items []Item `json:"items"`
	}
	if err := decodeStrict(items, "hatcheck-items", &it); err != nil {
		return nil, fmt.Errorf("read items: %w", err)
	}
	b.Items = it.Items
	sum := sha256.Sum256(append(append([]byte{}, vocabulary...), items...))
	b.version = hex.EncodeToString(sum[:6])
	b.index()
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return &b, nil
}

// decodeStrict decodes a data document, rejecting unknown fields so that a
// typo in the data fails loudly instead of silently dropping content.
func decodeStrict(data []byte, format string, v any) error {
	var head struct {
		Format string `json:"format"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return err
	}
	if head.Format != format {
		return fmt.Errorf("format is %q, want %q", head.Format, format)
	}
	// A wrapper accepts the "format" key alongside the payload fields.
	dec := json.NewDecoder(bytes.NewReader(stripFormat(data)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// stripFormat removes the top-level "format" member so the strict decoder
// does not reject it.
func stripFormat(data []byte) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return data
	}
	delete(m, "format")
	out, err := json.Marshal(m)
	if err != nil {
		return data
	}
	return out
}

func (b *Bank) index() {
	b.items = make(map[string]*Item, len(b.Items))
	for i := range b.Items {
		b.items[b.Items[i].ID] = &b.Items[i]
	}
	b.tracks = map[string]*Track{}
	for i := range b.Tracks {
		b.tracks[b.Tracks[i].ID] = &b.Tracks[i]
	}
	b.competencies = map[string]*Competency{}
	for i := range b.Competencies {
		b.competencies[b.Competencies[i].ID] = &b.Competencies[i]
	}
	b.traits = map[string]*Trait{}
	for i := range b.Traits {
		b.traits[b.Traits[i].ID] = &b.Traits[i]
	}
	b.documents = map[string]*Document{}
	for i := range b.Sources {
		b.documents[b.Sources[i].File] = &b.Sources[i]
	}
}

// Version identifies the bank's content: saved attempts record it, so that
// an attempt answered on another version of the questions can be told apart.
func (b *Bank) Version() string { return b.version }

// Item returns the item with the given ID.
func (b *Bank) Item(id string) (*Item, bool) {
	it, ok := b.items[id]
	return it, ok
}

// Track returns the track with the given ID.
func (b *Bank) Track(id string) (*Track, bool) {
	t, ok := b.tracks[id]
	return t, ok
}

// Competency returns the competency with the given ID.
func (b *Bank) Competency(id string) (*Competency, bool) {
	c, ok := b.competencies[id]
	return c, ok
}

// Trait returns the trait with the given ID.
func (b *Bank) Trait(id string) (*Trait, bool) {
	t, ok := b.traits[id]
	return t, ok
}

// Document returns the article with the given file name.
func (b *Bank) Document(file string) (*Document, bool) {
	d, ok := b.documents[file]
	return d, ok
}

// SkillItem returns the skill-rating item of a competency.
func (b *Bank) SkillItem(competency string) (*Item, bool) {
	return b.Item("skill." + competency)
}

// ItemsIn returns the items of a section in bank order.
func (b *Bank) ItemsIn(section string) []*Item {
	var out []*Item
	for i := range b.Items {
		if b.Items[i].Section == section {
			out = append(out, &b.Items[i])
		}
	}
	return out
}

// Validate checks the bank's integrity and the questionnaire's design rules,
// and returns every problem found, one per line.
func (b *Bank) Validate() error {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	checkText := func(where string, t Text) {
		if strings.TrimSpace(t[DefaultLanguage]) == "" {
			add("%s: missing English text", where)
		}
	}
	checkSource := func(where string, s Source) {
		if _, ok := b.documents[s.File]; !ok {
			add("%s: source file %q is not one of the five articles", where, s.File)
		}
		if strings.TrimSpace(s.Section) == "" {
			add("%s: source has no section", where)
		}
	}

	if len(b.Sources) != 5 {
		add("vocabulary lists %d source articles, want 5", len(b.Sources))
	}
	seen := map[string]bool{}
	for _, id := range TrackIDs {
		if _, ok := b.tracks[id]; !ok {
			add("track %q is missing", id)
		}
	}
	if len(b.Tracks) != len(TrackIDs) {
		add("vocabulary has %d tracks, want %d", len(b.Tracks), len(TrackIDs))
	}
	for _, t := range b.Tracks {
		checkText("track "+t.ID+" name", t.Name)
		checkText("track "+t.ID+" summary", t.Summary)
		for _, s := range t.Sources {
			checkSource("track "+t.ID, s)
		}
	}
	areas := map[string]bool{}
	for _, a := range b.Areas {
		areas[a.ID] = true
		checkText("area "+a.ID, a.Name)
	}
	for _, c := range b.Competencies {
		if seen["competency:"+c.ID] {
			add("competency %q is defined twice", c.ID)
		}
		seen["competency:"+c.ID] = true
		if !areas[c.Area] {
			add("competency %q: unknown area %q", c.ID, c.Area)
		}
		checkText("competency "+c.ID, c.Name)
		if len(c.Sources) == 0 {
			add("competency %q has no source", c.ID)
		}
		for _, s := range c.Sources {
			checkSource("competency "+c.ID, s)
		}
	}
	for _, t := range b.Traits {
		checkText("trait "+t.ID, t.Name)
		for _, s := range t.Sources {
			checkSource("trait "+t.ID, s)
		}
	}
	for name, sc := range b.Scales {
		if sc.Max <= sc.Min || len(sc.Labels) != sc.Max-sc.Min+1 {
			add("scale %q: %d labels for %d..%d", name, len(sc.Labels), sc.Min, sc.Max)
		}
	}
	sections := map[string]bool{}
	for _, s := range b.Sections {
		sections[s.ID] = true
		checkText("section "+s.ID, s.Title)
	}
	if b.Audit.Hours.Max <= b.Audit.Hours.Min || len(b.Audit.Energy) != 3 {
		add("audit answer format is incomplete")
	}

	ids := map[string]bool{}
	measured := map[string]bool{}
	kindCount := map[Kind]int{}
	pairings := map[string]int{}
	for i := range b.Items {
		it := &b.Items[i]
		where := "item " + it.ID
		if it.ID == "" {
			add("item #%d has no id", i+1)
		}
		if ids[it.ID] {
			add("%s: id used twice", where)
		}
		ids[it.ID] = true
		if !sections[it.Section] {
			add("%s: unknown section %q", where, it.Section)
		}
		kindCount[it.Kind]++
		checkText(where+" text", it.Text)
		checkText(where+" label", it.Label)
		checkSource(where, it.Source)
		for _, c := range it.Measures.Competencies {
			if _, ok := b.competencies[c]; !ok {
				add("%s: measures unknown competency %q", where, c)
			}
		}
		for _, t := range it.Measures.Traits {
			if _, ok := b.traits[t]; !ok {
				add("%s: measures unknown trait %q", where, t)
			}
		}
		for t, w := range it.Measures.Tracks {
			if _, ok := b.tracks[t]; !ok {
				add("%s: measures unknown track %q", where, t)
			}
			if w <= 0 || w > 3 {
				add("%s: track weight %v for %q is outside (0, 3]", where, w, t)
			}
		}
		optionIDs := map[string]bool{}
		for _, o := range it.Options {
			if o.ID == "" || optionIDs[o.ID] {
				add("%s: option id %q is empty or repeated", where, o.ID)
			}
			optionIDs[o.ID] = true
			checkText(where+" option "+o.ID, o.Text)
			if _, ok := b.tracks[o.Track]; !ok {
				add("%s: option %q is keyed to unknown track %q", where, o.ID, o.Track)
			}
		}
		switch it.Kind {
		case KindSkillRating:
			if it.Scale != "skill-level" {
				add("%s: skill ratings use the skill-level scale", where)
			}
			if len(it.Measures.Competencies) != 1 {
				add("%s: a skill rating measures exactly one competency", where)
			} else {
				measured[it.Measures.Competencies[0]] = true
				if it.ID != "skill."+it.Measures.Competencies[0] {
					add("%s: skill item id must be skill.<competency>", where)
				}
			}
		case KindWorkStyle:
			if it.Scale != "agreement" {
				add("%s: work-style statements use the agreement scale", where)
			}
			if len(it.Measures.Traits) == 0 {
				add("%s: a work-style statement measures at least one trait", where)
			}
		case KindForcedChoice:
			if len(it.Options) != 2 {
				add("%s: a forced-choice pair has exactly 2 options", where)
			} else if it.Options[0].Track == it.Options[1].Track {
				add("%s: both options are keyed to %s", where, it.Options[0].Track)
			} else {
				pair := []string{it.Options[0].Track, it.Options[1].Track}
				sort.Strings(pair)
				pairings[pair[0]+" / "+pair[1]]++
			}
		case KindScenario:
			if len(it.Options) < 3 || len(it.Options) > 4 {
				add("%s: a scenario has 3 or 4 options, not %d", where, len(it.Options))
			}
			tracks := map[string]bool{}
			for _, o := range it.Options {
				tracks[o.Track] = true
			}
			if len(tracks) < 2 {
				add("%s: a scenario's options must point to at least two tracks", where)
			}
		case KindAuditTask:
			if len(it.Measures.Tracks) != 1 {
				add("%s: an audit task belongs to exactly one track", where)
			}
			if it.Audit == nil {
				add("%s: an audit task needs audit hints", where)
			} else {
				for _, c := range it.Audit.Can {
					if c != CanAutomate && c != CanDelegate && c != CanDrop {
						add("%s: unknown audit action %q", where, c)
					}
				}
			}
		default:
			add("%s: unknown kind %q", where, it.Kind)
		}
		if (it.Kind == KindForcedChoice || it.Kind == KindScenario) && len(it.Measures.Tracks) == 0 {
			add("%s: measures no track", where)
		}
	}

	// Reverse keying: pairs must point at each other, forward to reverse,
	// on a shared trait.
	workStyle, reverse := 0, 0
	for i := range b.Items {
		it := &b.Items[i]
		if it.Kind != KindWorkStyle {
			if it.Measures.Reverse || it.Measures.Pair != "" {
				add("item %s: only work-style statements can be reverse-keyed or paired", it.ID)
			}
			continue
		}
		workStyle++
		if it.Measures.Reverse {
			reverse++
			if it.Measures.Pair == "" {
				add("item %s: a reverse-keyed statement needs a forward pair", it.ID)
			}
		}
		if it.Measures.Pair == "" {
			continue
		}
		p, ok := b.items[it.Measures.Pair]
		switch {
		case !ok:
			add("item %s: pair %q does not exist", it.ID, it.Measures.Pair)
		case p.Measures.Pair != it.ID:
			add("item %s: pair %s does not point back", it.ID, p.ID)
		case p.Measures.Reverse == it.Measures.Reverse:
			add("item %s: pair %s must be keyed the other way", it.ID, p.ID)
		case !shareOne(p.Measures.Traits, it.Measures.Traits):
			add("item %s: pair %s measures a different trait", it.ID, p.ID)
		}
	}
	if workStyle > 0 && reverse*3 < workStyle {
		add("only %d of %d work-style statements are reverse-keyed; at least a third must be", reverse, workStyle)
	}
	for _, c := range b.Competencies {
		if !measured[c.ID] {
			add("competency %q has no skill rating", c.ID)
		}
	}
	for _, t := range b.Traits {
		found := false
		for i := range b.Items {
			if b.Items[i].Kind == KindWorkStyle && contains(b.Items[i].Measures.Traits, t.ID) {
				found = true
			}
		}
		if !found {
			add("trait %q has no work-style statement", t.ID)
		}
	}
	// Forced-choice pairs balanced over the three pairings.
	if kindCount[KindForcedChoice] > 0 {
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
			add("forced-choice pairs are unbalanced over the three pairings: %v", pairings)
		}
	}
	for _, k := range []Kind{KindSkillRating, KindWorkStyle, KindForcedChoice, KindScenario, KindAuditTask} {
		if kindCount[k] == 0 {
			add("no %s items", k)
		}
	}
	if n := kindCount[KindForcedChoice]; n < 9 {
		add("%d forced-choice pairs, want at least 9", n)
	}
	if n := kindCount[KindScenario]; n < 8 {
		add("%d scenarios, want at least 8", n)
	}
	core := len(b.Items) - kindCount[KindAuditTask]
	if core < 50 || core > 75 {
		add("%d core items, want 50 to 75 (about 15 minutes)", core)
	}
	if len(problems) > 0 {
		return errors.New("item bank is invalid:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func shareOne(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}
