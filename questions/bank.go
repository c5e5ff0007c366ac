// Package questions holds Hatcheck's item bank: the questionnaire content
// (tracks, competencies, traits, scales and items) as embedded JSON, and the
// code that loads and validates it. The content is data so that it can be
// reviewed, corrected and translated without touching Go code.
package questions

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"hatcheck/internal/jsonpos"
)

// The embedded data files, read in place (embed.FS would copy them).
var (
	//go:embed data/vocabulary.json
	vocabularyJSON []byte
	//go:embed data/items.json
	itemsJSON []byte
)

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
	File  string `json:"file"`
	Title string `json:"title"`
	// Author is who wrote it, or what kind of post it is when the author
	// is not named, in each language.
	Author Text `json:"author"`
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

// Scale is an answer scale of whole points from Min to Max, with a label
// per point. Its methods are the one place where a point becomes a number
// on the 0-100 scale of the scores, or is turned round: nothing else in
// Hatcheck assumes how many points a scale has.
type Scale struct {
	Min    int    `json:"min"`
	Max    int    `json:"max"`
	Labels []Text `json:"labels"`
	// Said tells a person their answer in the second person, for the
	// explanations: "you do it on your own", "you strongly agree".
	Said []Text `json:"said"`
}

// Points is how many answers the scale offers.
func (s Scale) Points() int { return s.Max - s.Min + 1 }

// Percent places point v on 0-100 in equal steps: Min is 0 and Max is 100
// (on a 1-5 scale: 0, 25, 50, 75, 100). The validator makes sure that a
// scale has at least two points.
func (s Scale) Percent(v int) float64 {
	return float64(v-s.Min) * 100 / float64(s.Max-s.Min)
}

// Reverse turns an answer round: the point as far from Max as v is from
// Min (on a 1-5 scale, 6 - v). It is how a reverse-keyed statement counts.
// Every scale can be turned round; no midpoint is needed.
func (s Scale) Reverse(v int) int { return s.Min + s.Max - v }

// Mid returns the middle point ("Neither" on the agreement scale). A scale
// with an even number of points has no middle point, and ok is false.
func (s Scale) Mid() (v int, ok bool) {
	if s.Max <= s.Min || (s.Max-s.Min)%2 != 0 {
		return 0, false
	}
	return (s.Min + s.Max) / 2, true
}

// PointAt is the inverse of Percent: the point whose level is p (on a 1-5
// scale, 75 is point 4; on a 1-7 scale, 66.7 is point 5, as levels are
// written with one decimal). ok is false when p is more than 0.05 away
// from every point's level; v is then the nearest point.
func (s Scale) PointAt(p float64) (v int, ok bool) {
	if s.Max <= s.Min {
		return s.Min, false
	}
	steps := p * float64(s.Max-s.Min) / 100
	v = s.Min + int(math.Max(0, math.Min(float64(s.Max-s.Min), math.Round(steps))))
	return v, math.Abs(p-s.Percent(v)) <= 0.05
}

// Levels lists the 0-100 level of every point, lowest first.
func (s Scale) Levels() []float64 {
	var out []float64
	for v := s.Min; v <= s.Max && s.Max > s.Min; v++ {
		out = append(out, s.Percent(v))
	}
	return out
}

// Label returns the label of value v on the scale, or "" when out of range.
func (s Scale) Label(v int, lang string) string {
	i := v - s.Min
	if i < 0 || i >= len(s.Labels) {
		return ""
	}
	return s.Labels[i].In(lang)
}

// SaidAs tells a person their answer v: "you do it well and often".
func (s Scale) SaidAs(v int, lang string) string {
	i := v - s.Min
	if i < 0 || i >= len(s.Said) {
		return ""
	}
	return s.Said[i].In(lang)
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

// Renames carries the IDs of earlier versions of the bank forward. Item
// and option IDs are saved with every attempt and written into every
// answers and results file, so an ID is never reused for something else:
// when an item or option is renamed, the old ID is listed here, and
// answers given to it count for the new one.
type Renames struct {
	// Items maps an old item ID to the item's current ID.
	Items map[string]string `json:"items,omitempty"`
	// Options maps "<current item ID>/<old option ID>" to the option's
	// current ID.
	Options map[string]string `json:"options,omitempty"`
}

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

	// Renamed and Retired come from items.json: the IDs of earlier
	// versions that were renamed, and those that were removed with no
	// successor ("<item>" or "<item>/<option>"). Answers to a retired ID
	// cannot be used and are reported as such.
	Renamed Renames  `json:"-"`
	Retired []string `json:"-"`

	// version is worked out at the first Version. A bank is not changed
	// after it is decoded; a copy shares it, so a copy must not be
	// changed either.
	version *lazyVersion

	items        map[string]*Item
	tracks       map[string]*Track
	competencies map[string]*Competency
	traits       map[string]*Trait
	documents    map[string]*Document
}

// Load returns the embedded item bank. It is decoded (strictly: an unknown
// field is an error) but its design rules are not checked again at run
// time: TestEmbeddedBankIsValid checks the embedded files against every
// rule, and "make build" runs that test before it builds. Checking them in
// every process cost about a fifth of a command line command's time.
// Parse checks everything, for any other data.
//
// For the same reason it is decoded with json.Unmarshal, which neither
// copies the document nor rejects unknown fields: the test also checks
// that the strict decoding (Parse) accepts the embedded files and gives the
// same bank.
func Load() (*Bank, error) {
	return decode(vocabularyJSON, itemsJSON, false)
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

// The data files as a person editing them finds them; errors name them.
const (
	VocabularyFile = "questions/data/vocabulary.json"
	ItemsFile      = "questions/data/items.json"
)

// Parse builds a bank from the vocabulary and items documents and validates
// it. A document that cannot be read is reported with its file name, line,
// column and the ID of the item concerned (a *jsonpos.Error); a bank that
// breaks a rule, with a *ValidationError naming every rule broken.
func Parse(vocabulary, items []byte) (*Bank, error) {
	b, err := decode(vocabulary, items, true)
	if err != nil {
		return nil, err
	}
	if err := b.Validate(); err != nil {
		return nil, err
	}
	return b, nil
}

// itemsDoc is the items document.
type itemsDoc struct {
	Format  string   `json:"format"`
	Items   []Item   `json:"items"`
	Renamed Renames  `json:"renamed"`
	Retired []string `json:"retired"`
}

// decode reads the two documents without validating the bank.
func decode(vocabulary, items []byte, strict bool) (*Bank, error) {
	b := &Bank{}
	vocab := struct {
		Format string `json:"format"`
		*Bank
	}{Bank: b}
	if err := jsonpos.DecodeDocument(VocabularyFile, vocabulary, "hatcheck-vocabulary", &vocab.Format, &vocab, strict); err != nil {
		return nil, fmt.Errorf("read vocabulary: %w", err)
	}
	var it itemsDoc
	if err := jsonpos.DecodeDocument(ItemsFile, items, "hatcheck-items", &it.Format, &it, strict); err != nil {
		return nil, fmt.Errorf("read items: %w", err)
	}
	b.Items, b.Renamed, b.Retired = it.Items, it.Renamed, it.Retired
	b.version = &lazyVersion{}
	b.index()
	return b, nil
}

// contractHash is the bank's version: a hash of what an answer means, and
// of nothing else. It covers the scales (points and labels), every item's
// ID, kind, scale, measures and English wording, and every option's ID,
// hat and English wording, and the renames. A translation, a reworded
// section intro, a "said" phrase or a reformatted file leaves it alone, so
// saved attempts are not flagged as answered to other questions when only
// the presentation changed.
func (b *Bank) contractHash() string {
	type option struct {
		ID, Track, Text string
	}
	type item struct {
		ID, Kind, Scale, Label, Text string
		Measures                     Measures
		Options                      []option
	}
	type scale struct {
		Min, Max int
		Labels   []string
	}
	c := struct {
		Scales  map[string]scale
		Items   []item
		Renamed any
		Retired any
	}{Scales: map[string]scale{}, Renamed: b.Renamed, Retired: b.Retired}
	for name, sc := range b.Scales {
		s := scale{Min: sc.Min, Max: sc.Max}
		for _, l := range sc.Labels {
			s.Labels = append(s.Labels, l.String())
		}
		c.Scales[name] = s
	}
	for _, it := range b.Items {
		ci := item{ID: it.ID, Kind: string(it.Kind), Scale: it.Scale, Label: it.Label.String(), Text: it.Text.String(), Measures: it.Measures}
		for _, o := range it.Options {
			ci.Options = append(ci.Options, option{o.ID, o.Track, o.Text.String()})
		}
		c.Items = append(c.Items, ci)
	}
	data, _ := json.Marshal(c) // maps marshal with sorted keys: stable
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
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
// It is a hash of the bytes of vocabulary.json and items.json, so any edit
// to them, a reworded question or a reformatted file, makes a new version.
//
// It is worked out at its first use: a command that scores answers which do
// not name a version (hatcheck score) never needs it.
func (b *Bank) Version() string {
	if b.version == nil {
		return b.contractHash()
	}
	b.version.once.Do(func() { b.version.v = b.contractHash() })
	return b.version.v
}

// lazyVersion is a bank's version, worked out once.
type lazyVersion struct {
	once sync.Once
	v    string
}

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

// CurrentID returns the current ID of an item: id itself when the bank has
// it, or the item it was renamed to. ok is false for an ID the bank does not
// know or has retired.
func (b *Bank) CurrentID(id string) (current string, ok bool) {
	if _, ok := b.items[id]; ok {
		return id, true
	}
	if to, ok := b.Renamed.Items[id]; ok {
		if _, ok := b.items[to]; ok {
			return to, true
		}
	}
	return "", false
}

// CurrentOption returns the current ID of an option of the (current) item:
// option itself when the item has it, or the option it was renamed to.
func (b *Bank) CurrentOption(item, option string) (current string, ok bool) {
	it, ok := b.items[item]
	if !ok {
		return "", false
	}
	if _, ok := it.Option(option); ok {
		return option, true
	}
	if to, ok := b.Renamed.Options[item+"/"+option]; ok {
		if _, ok := it.Option(to); ok {
			return to, true
		}
	}
	return "", false
}

// IsRetired reports whether an item ID, or "<item>/<option>", was removed
// from the bank with no successor.
func (b *Bank) IsRetired(id string) bool {
	for _, r := range b.Retired {
		if r == id {
			return true
		}
	}
	return false
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
