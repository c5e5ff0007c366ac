package assessment

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"hatcheck/questions"
)

// editedItems is items.json after an edit of the questions: style.passion
// renamed style.enthusiasm, the budget-cut scenario's "organic" option
// renamed "grow-organically", the audit task audit.posting removed, and the
// pair's "newcomers" option replaced by a new one ("welcome"), with the
// renamed and retired entries that carry saved answers forward.
func editedItems(t *testing.T, items string) string {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal([]byte(items), &doc); err != nil {
		t.Fatal(err)
	}
	var kept []any
	for _, x := range doc["items"].([]any) {
		it := x.(map[string]any)
		switch it["id"] {
		case "audit.posting":
			continue
		case "style.passion":
			it["id"] = "style.enthusiasm"
		case "scenario.budget-cut", "pair.posts-or-newcomers":
			for _, o := range it["options"].([]any) {
				o := o.(map[string]any)
				switch o["id"] {
				case "organic":
					o["id"] = "grow-organically"
				case "newcomers":
					o["id"] = "welcome"
				}
			}
		}
		kept = append(kept, it)
	}
	doc["items"] = kept
	doc["renamed"] = map[string]any{
		"items":   map[string]string{"style.passion": "style.enthusiasm"},
		"options": map[string]string{"scenario.budget-cut/organic": "grow-organically"},
	}
	doc["retired"] = []string{"audit.posting", "pair.posts-or-newcomers/newcomers"}
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

// editedEngine is the engine of the edited questions.
func editedEngine(t *testing.T) *Engine {
	t.Helper()
	vocab, items, model, plan := rawData(t)
	e, err := engineFrom(t, vocab, editedItems(t, items), model, plan)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const oldAnswers = `{"format": "hatcheck-answers", "version": 1, "answers": {
  "style.passion": 4,
  "scenario.budget-cut": "organic",
  "pair.posts-or-newcomers": "newcomers",
  "audit.posting": {"hours": 5, "energy": "drains"},
  "skill.moderation": 3
}}`

// TestRenamedIDsCarryAnswersForward reads answers given to the questions
// before the edit: renamed items and options count under their new IDs,
// and answers to retired ones are listed as dropped, not lost in silence.
func TestRenamedIDsCarryAnswersForward(t *testing.T) {
	e := editedEngine(t)
	a, err := ParseAnswers([]byte(oldAnswers), e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Answer{
		"style.enthusiasm":    {Value: 4},
		"scenario.budget-cut": {Option: "grow-organically"},
		"skill.moderation":    {Value: 3},
	}
	if !reflect.DeepEqual(a.Items, want) {
		t.Errorf("items %v, want %v", a.Items, want)
	}
	wantRenamed := map[string]string{"style.passion": "style.enthusiasm", "scenario.budget-cut/organic": "grow-organically"}
	if !reflect.DeepEqual(a.Renamed, wantRenamed) {
		t.Errorf("renamed %v, want %v", a.Renamed, wantRenamed)
	}
	if got := strings.Join(a.Dropped, ","); got != "audit.posting,pair.posts-or-newcomers/newcomers" {
		t.Errorf("dropped %s", got)
	}

	// The answer under the new ID wins over the one under the old ID.
	both := strings.Replace(oldAnswers, `"skill.moderation": 3`, `"skill.moderation": 3, "style.enthusiasm": 1`, 1)
	if a, err := ParseAnswers([]byte(both), e.Bank); err != nil || a.Items["style.enthusiasm"].Value != 1 || a.Renamed["style.passion"] != "" {
		t.Errorf("old and new ID both answered: %+v %v", a, err)
	}
	// A wrong answer under an old ID names both IDs.
	bad := strings.Replace(oldAnswers, `"style.passion": 4`, `"style.passion": 9`, 1)
	if _, err := ParseAnswers([]byte(bad), e.Bank); err == nil || !strings.Contains(err.Error(), `item "style.passion" (now "style.enthusiasm"): 9 is out of range`) {
		t.Errorf("got %v", err)
	}
	// An ID that was neither renamed nor retired is still an error.
	unknown := strings.Replace(oldAnswers, `"style.passion"`, `"style.gusto"`, 1)
	if _, err := ParseAnswers([]byte(unknown), e.Bank); err == nil || !strings.Contains(err.Error(), `item "style.gusto": there is no such item`) {
		t.Errorf("got %v", err)
	}
	// A skip of a retired item loses nothing and is not reported.
	skip := strings.Replace(oldAnswers, `{"hours": 5, "energy": "drains"}`, `null`, 1)
	if a, err := ParseAnswers([]byte(skip), e.Bank); err != nil || strings.Join(a.Dropped, ",") != "pair.posts-or-newcomers/newcomers" {
		t.Errorf("dropped %v %v", a.Dropped, err)
	}
}

// TestDroppedAnswersAndOtherVersionsAreNoted checks that the result says
// when answers could not be used and when they were given to another
// version of the questions, as quality notes that the window, the command
// line and the PDF show, without widening the bands.
func TestDroppedAnswersAndOtherVersionsAreNoted(t *testing.T) {
	e := testEngine(t)
	a := loadPersona(t, "clear-cm")
	plain := e.Score(a)

	noted := clone(a)
	noted.Dropped = []string{"audit.posting", "pair.posts-or-newcomers/newcomers"}
	noted.BankVersion = "0123456789ab"
	r := e.Score(noted)
	if len(r.Quality) != len(plain.Quality)+2 {
		t.Fatalf("quality notes %+v", r.Quality)
	}
	drop, ver := r.Quality[len(r.Quality)-2], r.Quality[len(r.Quality)-1]
	if drop.ID != FlagAnswersNotUsed || !strings.HasPrefix(drop.Text, "2 answers from an older version of the questions could not be used") ||
		strings.Join(drop.Items, ",") != "audit.posting,pair.posts-or-newcomers/newcomers" {
		t.Errorf("dropped note %+v", drop)
	}
	if ver.ID != FlagOtherBankVersion || !strings.Contains(ver.Text, "version 0123456789ab; this Hatcheck asks version "+e.Bank.Version()) {
		t.Errorf("version note %+v", ver)
	}
	for i := range r.Tracks {
		if !reflect.DeepEqual(r.Tracks[i].Band, plain.Tracks[i].Band) {
			t.Errorf("%s: band %v became %v: notes must not widen bands", r.Tracks[i].ID, plain.Tracks[i].Band, r.Tracks[i].Band)
		}
	}
	out, _ := json.Marshal(r)
	if !strings.Contains(string(out), `"id":"answers-not-used"`) {
		t.Error("the note is not in the result's quality_flags")
	}

	one := clone(a)
	one.Dropped = []string{"audit.posting"}
	one.BankVersion = e.Bank.Version()
	r = e.Score(one)
	if n := len(r.Quality); n != len(plain.Quality)+1 || !strings.HasPrefix(r.Quality[n-1].Text, "1 answer from an older version of the questions could not be used: the question") {
		t.Errorf("quality notes %+v", r.Quality)
	}
}

// TestRenamedIDsInACohortCSV reads a CSV made from the template before the
// edit: the old column name and the old option ID still count.
func TestRenamedIDsInACohortCSV(t *testing.T) {
	e := editedEngine(t)
	data := "name,style.passion,scenario.budget-cut\nAda,4,organic\n"
	rows, problems, _, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{})
	if err != nil || len(problems) > 0 || len(rows) != 1 {
		t.Fatalf("%v %v %v", rows, problems, err)
	}
	got := rows[0].Answers.Items
	if got["style.enthusiasm"].Value != 4 || got["scenario.budget-cut"].Option != "grow-organically" {
		t.Errorf("answers %v", got)
	}
}

func TestScalesAreReadFromTheBank(t *testing.T) {
	b := testEngine(t).Bank
	for name, sc := range b.Scales {
		if sc.Percent(sc.Min) != 0 || sc.Percent(sc.Max) != 100 || sc.Reverse(sc.Min) != sc.Max {
			t.Errorf("scale %s: ends %v %v", name, sc.Percent(sc.Min), sc.Percent(sc.Max))
		}
	}
	if mid, ok := b.Scales[questions.AgreementScale].Mid(); !ok || b.Scales[questions.AgreementScale].Label(mid, "en") != "Neither" {
		t.Errorf("the agreement scale's middle is %d", mid)
	}
}
