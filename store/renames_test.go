package store

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"hatcheck/assessment"
	"hatcheck/questions"
)

// editedEngine is the engine of the questions after an edit: style.passion
// renamed style.enthusiasm, the budget-cut scenario's "organic" option
// renamed "grow-organically", audit.posting removed and the pair's
// "newcomers" option replaced, with the renamed and retired entries of
// items.json that carry saved answers forward.
func editedEngine(t *testing.T) *assessment.Engine {
	t.Helper()
	vocab, err := os.ReadFile("../questions/data/vocabulary.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("../questions/data/items.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
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
		}
		if opts, ok := it["options"].([]any); ok {
			for _, o := range opts {
				o := o.(map[string]any)
				if it["id"] == "scenario.budget-cut" && o["id"] == "organic" {
					o["id"] = "grow-organically"
				}
				if it["id"] == "pair.posts-or-newcomers" && o["id"] == "newcomers" {
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
	items, _ := json.Marshal(doc)
	bank, err := questions.Parse(vocab, items)
	if err != nil {
		t.Fatal(err)
	}
	e, err := assessment.NewEngineWithBank(bank)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestAnswersSavedBeforeAnEditOfTheQuestions saves an attempt with today's
// questions and reads it with edited ones: renamed IDs carry the answers
// forward (for scoring, resuming and exporting), and what cannot be used,
// or the change of version, reaches the result's quality notes.
func TestAnswersSavedBeforeAnEditOfTheQuestions(t *testing.T) {
	s, _ := openTemp(t)
	e, edited := testEngine(t), editedEngine(t)
	p, _ := s.CreateProfile("Ada", "")
	att, err := s.StartAttempt(p.ID, e.Bank.Version())
	if err != nil {
		t.Fatal(err)
	}
	for id, a := range map[string]*assessment.Answer{
		"style.passion":           {Value: 4},
		"scenario.budget-cut":     {Option: "organic"},
		"pair.posts-or-newcomers": {Option: "newcomers"},
		"audit.posting":           {Hours: 5, Energy: "drains"},
		"style.gone":              {Value: 2}, // neither renamed nor retired
		"skill.moderation":        nil,
	} {
		if err := s.SaveAnswer(att.ID, id, a); err != nil {
			t.Fatal(err)
		}
	}
	a, dropped, err := s.Answers(att.ID, edited.Bank)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]assessment.Answer{"style.enthusiasm": {Value: 4}, "scenario.budget-cut": {Option: "grow-organically"}}
	if !reflect.DeepEqual(a.Items, want) {
		t.Errorf("items %v, want %v", a.Items, want)
	}
	if strings.Join(dropped, ",") != "style.gone" {
		t.Errorf("dropped %v", dropped)
	}
	if got := strings.Join(a.Dropped, ","); got != "audit.posting,pair.posts-or-newcomers/newcomers,style.gone" {
		t.Errorf("answers.Dropped %s", got)
	}
	if a.BankVersion != e.Bank.Version() {
		t.Errorf("bank version %q, want the attempt's %q", a.BankVersion, e.Bank.Version())
	}
	ids := map[string]bool{}
	for _, f := range edited.Score(a).Quality {
		ids[f.ID] = true
	}
	if !ids[assessment.FlagAnswersNotUsed] || !ids[assessment.FlagOtherBankVersion] {
		t.Errorf("quality notes %v", ids)
	}
	// With the questions it was answered on, nothing is noted.
	if a, _, _ := s.Answers(att.ID, e.Bank); a == nil || a.BankVersion != "" {
		t.Errorf("same version noted: %+v", a)
	}

	// Resuming counts the renamed item as seen.
	loaded, _, _ := s.Answers(att.ID, edited.Bank)
	sit := assessment.NewSitting(edited.Bank, loaded)
	if it := sit.Item(); it != nil && it.ID == "style.enthusiasm" {
		t.Error("resuming asks the renamed item again")
	}

	// The export names the current IDs, and reads back.
	data, err := s.Export(att.ID, edited)
	if err != nil {
		t.Fatal(err)
	}
	var f ResultsFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if string(f.Answers["style.enthusiasm"]) != "4" || string(f.Answers["scenario.budget-cut"]) != `"grow-organically"` || f.Answers["style.passion"] != nil {
		t.Errorf("exported answers %v", f.Answers)
	}
	if _, err := ParseResults(data, edited); err != nil {
		t.Errorf("the export does not read back: %v", err)
	}
}
