package questions

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// bankDocs is the embedded data as structures, to be broken one way at a
// time and parsed again.
type bankDocs struct {
	vocab Bank
	items []Item
	// extra holds more members of items.json, such as "renamed".
	extra map[string]any
}

func loadDocs(t *testing.T) *bankDocs {
	t.Helper()
	vocab, items := loadData(t)
	d := &bankDocs{extra: map[string]any{}}
	var v map[string]json.RawMessage
	if err := json.Unmarshal(vocab, &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "format")
	body, _ := json.Marshal(v)
	if err := json.Unmarshal(body, &d.vocab); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Items []Item `json:"items"`
	}
	if err := json.Unmarshal(items, &doc); err != nil {
		t.Fatal(err)
	}
	d.items = doc.Items
	return d
}

func (d *bankDocs) bytes(t *testing.T) (vocab, items []byte) {
	t.Helper()
	vb, err := json.Marshal(d.vocab)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]json.RawMessage
	if err := json.Unmarshal(vb, &v); err != nil {
		t.Fatal(err)
	}
	delete(v, "items")
	v["format"] = json.RawMessage(`"hatcheck-vocabulary"`)
	vocab, _ = json.Marshal(v)
	doc := map[string]any{"format": "hatcheck-items", "items": d.items}
	for k, x := range d.extra {
		doc[k] = x
	}
	items, err = json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return vocab, items
}

func (d *bankDocs) item(t *testing.T, id string) *Item {
	t.Helper()
	for i := range d.items {
		if d.items[i].ID == id {
			return &d.items[i]
		}
	}
	t.Fatalf("no item %s in the bank", id)
	return nil
}

func (d *bankDocs) firstOf(t *testing.T, k Kind) *Item {
	t.Helper()
	for i := range d.items {
		if d.items[i].Kind == k {
			return &d.items[i]
		}
	}
	t.Fatalf("no %s item in the bank", k)
	return nil
}

var ruleInError = regexp.MustCompile(`(?m)^\s*rule ([a-z-]+): `)

// brokenRuleNames returns the names of the rules an error reports.
func brokenRuleNames(err error) []string {
	if err == nil {
		return nil
	}
	set := map[string]bool{}
	for _, m := range ruleInError.FindAllStringSubmatch(err.Error(), -1) {
		set[m[1]] = true
	}
	var out []string
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// ruleCases breaks a copy of the embedded bank so that exactly one rule
// fails; want is a fragment of that rule's message, naming the item and
// what to do where it can.
var ruleCases = []struct {
	rule, name string
	breakIt    func(t *testing.T, d *bankDocs)
	want       string
}{
	{"five-articles", "a sixth article", func(t *testing.T, d *bankDocs) {
		d.vocab.Sources = append(d.vocab.Sources, Document{File: "005_blog.txt", Title: "A blog", Author: Text{"en": "someone"}})
	}, "6 articles are listed"},
	{"fixed-tracks", "a fourth hat", func(t *testing.T, d *bankDocs) {
		d.vocab.Tracks = append(d.vocab.Tracks, Track{ID: "influencer", Name: Text{"en": "Influencer"}, Summary: Text{"en": "Posts."}})
	}, "4 tracks are defined"},
	{"unique-ids", "duplicate item id", func(t *testing.T, d *bankDocs) {
		d.items = append(d.items, d.items[0])
	}, `item "skill.content-creation": the ID is used twice`},
	{"unique-ids", "repeated option", func(t *testing.T, d *bankDocs) {
		sc := d.firstOf(t, KindScenario)
		sc.Options[1].ID = sc.Options[0].ID
	}, "is empty or repeated"},
	{"unique-ids", "slash in an id", func(t *testing.T, d *bankDocs) {
		d.item(t, "style.passion").ID = "style/passion"
	}, `item "style/passion": an item ID has no '/'`},
	{"english-text", "missing English", func(t *testing.T, d *bankDocs) {
		d.items[0].Text = Text{"es": "Hola"}
	}, `item "skill.content-creation" text: missing English text`},
	{"sources-cited", "unknown source", func(t *testing.T, d *bankDocs) {
		d.items[0].Source.File = "blog.txt"
	}, `source file "blog.txt"`},
	{"sources-cited", "missing section", func(t *testing.T, d *bankDocs) {
		d.items[0].Source.Section = ""
	}, "source has no section"},
	{"known-references", "unknown section", func(t *testing.T, d *bankDocs) {
		d.items[0].Section = "extras"
	}, `item "skill.content-creation": unknown section "extras"`},
	{"known-references", "unknown competency", func(t *testing.T, d *bankDocs) {
		d.item(t, "style.passion").Measures.Competencies = []string{"juggling"}
	}, `item "style.passion": measures unknown competency "juggling"`},
	{"known-references", "unknown option track", func(t *testing.T, d *bankDocs) {
		d.firstOf(t, KindScenario).Options[0].Track = "influencer"
	}, `is keyed to unknown track "influencer"`},
	{"scales", "labels do not match the points", func(t *testing.T, d *bankDocs) {
		sc := d.vocab.Scales["agreement"]
		sc.Max = 7
		d.vocab.Scales["agreement"] = sc
	}, `scale "agreement": has 5 labels for the 7 points 1..7`},
	{"scales", "a one-point scale", func(t *testing.T, d *bankDocs) {
		d.vocab.Scales["skill-level"] = Scale{Min: 3, Max: 3, Labels: []Text{{"en": "Fine"}}}
	}, "a scale needs at least two points"},
	{"scales", "min above max", func(t *testing.T, d *bankDocs) {
		sc := d.vocab.Scales["skill-level"]
		sc.Min, sc.Max = 5, 1
		d.vocab.Scales["skill-level"] = sc
	}, "a scale needs at least two points"},
	{"scales", "missing scale", func(t *testing.T, d *bankDocs) {
		delete(d.vocab.Scales, "agreement")
	}, `scale "agreement": is missing`},
	{"track-weights", "weight above 3", func(t *testing.T, d *bankDocs) {
		d.item(t, "style.persuasion").Measures.Tracks[TrackStrategist] = 5
	}, "is outside (0, 3]"},
	{"item-kinds", "unknown kind", func(t *testing.T, d *bankDocs) {
		d.firstOf(t, KindAuditTask).Kind = "essay"
	}, `unknown kind "essay"`},
	{"skill-ratings", "id does not follow the competency", func(t *testing.T, d *bankDocs) {
		d.items[0].ID = "skill.content"
	}, `item "skill.content": a skill item is called skill.<competency>`},
	{"work-style", "statement without a trait", func(t *testing.T, d *bankDocs) {
		d.item(t, "style.teamwork").Measures.Traits = nil
		p := d.item(t, "style.persuasion")
		p.Measures.Traits = append(p.Measures.Traits, "teamwork")
	}, `item "style.teamwork": a work-style statement measures at least one trait`},
	{"forced-choice", "pair that measures no track", func(t *testing.T, d *bankDocs) {
		d.firstOf(t, KindForcedChoice).Measures.Tracks = nil
	}, "measures no track"},
	{"scenarios", "scenario that measures no track", func(t *testing.T, d *bankDocs) {
		d.firstOf(t, KindScenario).Measures.Tracks = nil
	}, "measures no track"},
	{"audit-tasks", "unknown audit action", func(t *testing.T, d *bankDocs) {
		d.firstOf(t, KindAuditTask).Audit.Can = []string{"ignore"}
	}, `unknown audit action "ignore"`},
	{"reverse-pairs", "one-way pair", func(t *testing.T, d *bankDocs) {
		d.item(t, "style.empathy").Measures.Pair = ""
	}, `item "style.empathy-opposite": pair style.empathy does not point back; set its measures.pair to "style.empathy-opposite"`},
	{"reverse-share", "too few reverse-keyed", func(t *testing.T, d *bankDocs) {
		for i := range d.items {
			d.items[i].Measures.Reverse, d.items[i].Measures.Pair = false, ""
		}
	}, "at least a third must be"},
	{"coverage", "unrated competency", func(t *testing.T, d *bankDocs) {
		d.items = d.items[1:]
	}, `competency "content-creation": has no skill rating`},
	{"pair-balance", "unbalanced pairs", func(t *testing.T, d *bankDocs) {
		for i := range d.items {
			if d.items[i].Kind == KindForcedChoice {
				d.items[i].Options[0].Track, d.items[i].Options[1].Track = TrackSocialMediaManager, TrackCommunityManager
			}
		}
	}, "unbalanced"},
	{"questionnaire-length", "too few scenarios", func(t *testing.T, d *bankDocs) {
		out := d.items[:0]
		n := 0
		for _, x := range d.items {
			if x.Kind == KindScenario {
				if n++; n > 7 {
					continue
				}
			}
			out = append(out, x)
		}
		d.items = out
	}, "7 scenarios, want at least 8"},
	{"renames", "renamed to an item that does not exist", func(t *testing.T, d *bankDocs) {
		d.extra["renamed"] = map[string]any{"items": map[string]string{"skill.writing": "skill.copywriting"}}
	}, `renamed item "skill.writing": points at "skill.copywriting", which is not an item`},
	{"renames", "old id still in use", func(t *testing.T, d *bankDocs) {
		d.extra["renamed"] = map[string]any{"items": map[string]string{"style.passion": "style.teamwork"}}
	}, `"style.passion" is still an item`},
	{"renames", "option renamed to a missing option", func(t *testing.T, d *bankDocs) {
		d.extra["renamed"] = map[string]any{"options": map[string]string{"scenario.budget-cut/cut-ads": "whisper"}}
	}, `points at "whisper", which is not an option`},
	{"renames", "retired id still in use", func(t *testing.T, d *bankDocs) {
		d.extra["retired"] = []string{"style.passion"}
	}, `retired "style.passion": is still an item`},
}

// TestEachRuleReportsItsOwnName breaks the bank one way at a time and
// checks that exactly the rule concerned fails, naming the item and what to
// do.
func TestEachRuleReportsItsOwnName(t *testing.T) {
	for _, tc := range ruleCases {
		t.Run(tc.rule+"/"+tc.name, func(t *testing.T) {
			d := loadDocs(t)
			tc.breakIt(t, d)
			_, err := Parse(d.bytes(t))
			got := brokenRuleNames(err)
			if len(got) != 1 || got[0] != tc.rule {
				t.Fatalf("rules broken: %v, want exactly [%s]; error: %v", got, tc.rule, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("the error does not say %q:\n%v", tc.want, err)
			}
		})
	}
}

// TestUnbrokenCopyParses makes sure the copies the rule tests break are
// valid to begin with.
func TestUnbrokenCopyParses(t *testing.T) {
	d := loadDocs(t)
	if _, err := Parse(d.bytes(t)); err != nil {
		t.Fatal(err)
	}
}
