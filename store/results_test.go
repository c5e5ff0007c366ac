package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// exportPersona stores a persona with a plan and exports it.
func exportPersona(t testing.TB, name string) []byte {
	t.Helper()
	e := testEngine(t)
	s, _ := openTemp(t)
	a := persona(t, name)
	p, err := s.CreateProfile(a.Respondent.Name, a.Respondent.Context)
	if err != nil {
		t.Fatal(err)
	}
	att, _ := s.StartAttempt(p.ID, e.Bank.Version())
	saveAll(t, s, att.ID, a)
	s.SaveAnswer(att.ID, "skill.seo-sem", nil) // a skip survives the trip
	// A plan for the strategist's hat first, then for the best fit, which
	// is the target: both travel.
	other, _ := e.PlanFor(a, e.Score(a), questions.TrackStrategist, nil)
	other.Choice.Notes = "If I went for strategy"
	if err := s.SavePlan(att.ID, other.Choice, e); err != nil {
		t.Fatal(err)
	}
	pp, _ := e.PlanFor(a, e.Score(a), "", nil)
	choice := pp.Choice
	choice.Notes = "Notes — Дмитрий"
	if err := s.SavePlan(att.ID, choice, e); err != nil {
		t.Fatal(err)
	}
	s.FinishAttempt(att.ID)
	data, err := s.Export(att.ID, e)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestExportImportRoundTrip(t *testing.T) {
	e := testEngine(t)
	data := exportPersona(t, "clear-cm")
	var f ResultsFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Format != ResultsFormat || f.Results == nil || len(f.Results.Tracks) != 3 || len(f.Plans) != 2 || f.Target == "" || f.Attempt.Finished == "" {
		t.Fatalf("export lacks parts: %s", data[:300])
	}
	dst, _ := openTemp(t)
	got, err := dst.Import(data, e, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Duplicate || got.Name != "Zoë Ñúñez-Łukasiewicz" {
		t.Errorf("import %+v", got)
	}
	answers, _, err := dst.Answers(got.AttemptID, e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	want := persona(t, "clear-cm")
	delete(want.Items, "skill.seo-sem") // skipped after being answered
	want.Skipped = []string{"skill.seo-sem"}
	if !reflect.DeepEqual(answers, want) {
		t.Error("answers changed through export and import")
	}
	if !reflect.DeepEqual(e.Score(answers), e.Score(want)) {
		t.Error("scores changed through export and import")
	}
	rows, _ := dst.RawAnswers(got.AttemptID)
	skipped := false
	for _, r := range rows {
		skipped = skipped || (r.Item == "skill.seo-sem" && string(r.Value) == "null")
	}
	if !skipped {
		t.Error("the skip was lost")
	}
	plan, _ := dst.Plan(got.AttemptID)
	if plan == nil || plan.Track != f.Target || plan.Notes != "Notes — Дмитрий" {
		t.Errorf("plan %+v", plan)
	}
	if all, _ := dst.PlanChoices(got.AttemptID); !reflect.DeepEqual(all, f.Plans) {
		t.Errorf("the plans of both hats changed on the way:\n%+v\n%+v", all, f.Plans)
	}
	att, _ := dst.Attempt(got.AttemptID)
	if att.Origin != "import" || att.Finished == nil {
		t.Errorf("attempt %+v", att)
	}
	// The same file again is recognised, not duplicated.
	again, err := dst.Import(data, e, ImportOptions{})
	if err != nil || !again.Duplicate || again.AttemptID != got.AttemptID {
		t.Errorf("second import %+v %v", again, err)
	}
	ps, _ := dst.Profiles()
	if len(ps) != 1 {
		t.Errorf("%d profiles after importing the same person twice", len(ps))
	}
}

// TestImportRefusesABadFileWhole lists every problem and imports nothing.
func TestImportRefusesABadFileWhole(t *testing.T) {
	e := testEngine(t)
	var f map[string]any
	json.Unmarshal(exportPersona(t, "hybrid"), &f)
	answers := f["answers"].(map[string]any)
	answers["skill.moderation"] = 9
	answers["skill.juggling"] = 3
	f["skipped"] = []string{"skill.events", "skill.nope"}
	f["respondent"] = map[string]any{"name": "  ", "context": "moon"}
	f["attempt"].(map[string]any)["started"] = "yesterday"
	f["plans"].([]any)[0].(map[string]any)["track"] = "influencer"
	bad, _ := json.Marshal(f)
	dst, _ := openTemp(t)
	_, err := dst.Import(bad, e, ImportOptions{})
	var ie *assessment.InputError
	if !errors.As(err, &ie) {
		t.Fatalf("error %v", err)
	}
	for _, w := range []string{"a profile needs a name", `"yesterday"`, `"moon"`, `"skill.moderation": 9 is out of range`, `"skill.juggling"`, `"skill.events" is both answered and skipped`, `"skill.nope"`, `"influencer"`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the refusal does not mention %s:\n%v", w, err)
		}
	}
	if ps, _ := dst.Profiles(); len(ps) != 0 {
		t.Errorf("a refused file left %d profiles", len(ps))
	}
	for _, tc := range []struct{ data, want string }{
		{`{"format":"hatcheck-answers","version":1}`, "a profile needs a name"},
		{`{"format":"hatcheck-results","version":3}`, "made by a newer Hatcheck"},
		{`[1,2]`, "not a readable"},
		{``, "empty"},
		{`{"format":"hatcheck-results","version":1,"extra":1}`, `unexpected field "extra"`},
	} {
		if _, err := dst.Import([]byte(tc.data), e, ImportOptions{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v", tc.data, err)
		}
	}
}

// TestImportAcceptsAnAnswersFile: a participant may send the plain answers
// file; it comes in as a finished attempt and is recognised the second time.
func TestImportAcceptsAnAnswersFile(t *testing.T) {
	e := testEngine(t)
	data, err := os.ReadFile("../examples/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := openTemp(t)
	first, err := s.Import(data, e, ImportOptions{})
	if err != nil || first.Duplicate || first.Name != "Zoë Müller" {
		t.Fatalf("%+v %v", first, err)
	}
	att, _ := s.Attempt(first.AttemptID)
	if att.Finished == nil || att.Answered < 60 {
		t.Errorf("attempt %+v", att)
	}
	second, err := s.Import(data, e, ImportOptions{})
	if err != nil || !second.Duplicate {
		t.Errorf("second import %+v %v", second, err)
	}
}

func FuzzParseResults(f *testing.F) {
	e := testEngine(f)
	f.Add(exportPersona(f, "straight-liner"))
	if ex, err := os.ReadFile("../examples/answers.json"); err == nil {
		f.Add(ex)
	}
	f.Add([]byte(`{"format":"hatcheck-results","version":1,"respondent":{"name":"A"},"attempt":{"started":"2026-01-01T00:00:00Z"},"answers":{"skill.events":{"level":2,"evidence":"x"}},"skipped":["skill.events"],"plan":{"track":"community-manager","actions":[{"competency":"events","kind":"learn","slot":30,"status":"todo"}]}}`))
	dataDir, err := os.MkdirTemp("", "fuzz-results")
	if err != nil {
		f.Fatal(err)
	}
	defer os.RemoveAll(dataDir)
	s, err := Open(dataDir)
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseResults(data, e)
		if err != nil {
			var ie *assessment.InputError
			if !errors.As(err, &ie) || len(ie.Problems) == 0 {
				t.Fatalf("error %v is not a list of problems", err)
			}
			for _, p := range append(ie.Problems, err) {
				switch p.(type) {
				case *i18n.Error, i18n.Localized:
				default:
					t.Fatalf("%T is not a catalogue text: %v", p, p)
				}
				if i18n.For("es").Error(p) == "" {
					t.Fatalf("no Spanish for %v", p)
				}
			}
			return
		}
		if p.Answers == nil || p.Fingerprint == "" {
			t.Fatal("accepted without answers or fingerprint")
		}
		// Whatever parses imports, and importing it again is a duplicate.
		first, err := s.Import(data, e, ImportOptions{NewPerson: true})
		if err != nil {
			t.Fatalf("parsed but did not import: %v", err)
		}
		second, err := s.Import(data, e, ImportOptions{})
		if err != nil || !second.Duplicate || second.AttemptID != first.AttemptID {
			t.Fatalf("second import %+v %v", second, err)
		}
	})
}

// TestImportNeverMergesPeopleByName: a file from someone with the name of
// a profile already here is not added to that profile unless somebody says
// it is the same person.
func TestImportNeverMergesPeopleByName(t *testing.T) {
	e := testEngine(t)
	s, _ := openTemp(t)
	bank := e.Bank
	first, err := s.Import(answersFor(bank, "Ana López", 10), e, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	other := answersFor(bank, "ana lópez", 12) // another person, or a retake
	_, err = s.Import(other, e, ImportOptions{})
	var same *SamePersonError
	if !errors.As(err, &same) || len(same.Profiles) != 1 || same.Profiles[0].ID != first.ProfileID {
		t.Fatalf("same name: %v", err)
	}
	if ps, _ := s.Profiles(); len(ps) != 1 {
		t.Fatalf("a refused import changed the profiles: %+v", ps)
	}
	apart, err := s.Import(other, e, ImportOptions{NewPerson: true})
	if err != nil || apart.ProfileID == first.ProfileID {
		t.Fatalf("new person: %+v %v", apart, err)
	}
	retake, err := s.Import(answersFor(bank, "Ana López", 14), e, ImportOptions{Profile: first.ProfileID})
	if err != nil || retake.ProfileID != first.ProfileID {
		t.Fatalf("same person: %+v %v", retake, err)
	}
	if atts, _ := s.Attempts(first.ProfileID); len(atts) != 2 {
		t.Errorf("%d attempts for the first Ana", len(atts))
	}
	if _, err := s.Import(answersFor(bank, "Cy", 3), e, ImportOptions{Profile: 999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing profile: %v", err)
	}
}

// TestLatestIsTheLastAdded: an attempt whose dates lie in the future (a
// wrong clock on another machine) does not stay "latest" over a retake
// made later.
func TestLatestIsTheLastAdded(t *testing.T) {
	e := testEngine(t)
	s, _ := openTemp(t)
	data := exportPersona(t, "clear-cm")
	data = []byte(strings.NewReplacer(`"started": "20`, `"started": "30`, `"finished": "20`, `"finished": "30`).Replace(string(data)))
	im, err := s.Import(data, e, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Attempt(im.AttemptID); a.Started.Year() < 3000 {
		t.Fatalf("the test file is not dated in the future: %v", a.Started)
	}
	retake, _ := s.StartAttempt(im.ProfileID, e.Bank.Version())
	if prev, _ := s.PreviousAttempt(retake.ID); prev == nil || prev.ID != im.AttemptID {
		t.Errorf("the retake's previous attempt is %+v, want the imported one", prev)
	}
	if ip, _ := s.InProgress(im.ProfileID); ip == nil || ip.ID != retake.ID {
		t.Errorf("in progress %+v", ip)
	}
	s.FinishAttempt(retake.ID)
	atts, _ := s.Attempts(im.ProfileID)
	if len(atts) != 2 || atts[1].ID != retake.ID {
		t.Errorf("attempts in order %+v", atts)
	}
	c, _ := s.Cohort("Group", true)
	s.Join(c.ID, im.ProfileID)
	if ms, _ := s.Members(c.ID); len(ms) != 1 || ms[0].Attempt == nil || ms[0].Attempt.ID != retake.ID {
		t.Errorf("the cohort's latest attempt is not the retake: %+v", ms)
	}
}

// TestResultsFileMessages: a byte order mark is not an error, and a file
// from a newer Hatcheck says so instead of "unexpected field".
func TestResultsFileMessages(t *testing.T) {
	e := testEngine(t)
	data := exportPersona(t, "clear-cm")
	if _, err := ParseResults(append([]byte("\xef\xbb\xbf"), data...), e); err != nil {
		t.Errorf("with a BOM: %v", err)
	}
	var f map[string]any
	json.Unmarshal(data, &f)
	f["attempt"].(map[string]any)["finished"] = "2020-01-01T00:00:00Z"
	early, _ := json.Marshal(f)
	if _, err := ParseResults(early, e); err == nil || !strings.Contains(err.Error(), "finished (2020-01-01T00:00:00Z) before it started") {
		t.Errorf("finished before started: %v", err)
	}
	newer := strings.Replace(string(data), `"version": 2,`, `"version": 3, "mood": "new field",`, 1)
	_, err := ParseResults([]byte(newer), e)
	if err == nil || !strings.Contains(err.Error(), "made by a newer Hatcheck") || strings.Contains(err.Error(), "unexpected field") {
		t.Errorf("newer file: %v", err)
	}
}

// TestHugeResultsFilesAreRefusedEarly: a file within the size limit but
// with hundreds of thousands of answers or skips is refused while it is
// read, with a message, instead of being held whole.
func TestHugeResultsFilesAreRefusedEarly(t *testing.T) {
	e := testEngine(t)
	for what, list := range map[string]func(i int) string{
		`"answers" holds more than 1000 entries`: func(i int) string { return fmt.Sprintf(`"k%d":1`, i) },
		`"skipped" lists more than 1000 items`:   func(i int) string { return fmt.Sprintf(`"s%d"`, i) },
	} {
		var b strings.Builder
		for i := 0; b.Len() < 4<<20; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(list(i))
		}
		answers, skipped := "{"+b.String()+"}", "[]"
		if strings.HasPrefix(what, `"skipped"`) {
			answers, skipped = "{}", "["+b.String()+"]"
		}
		data := `{"format":"hatcheck-results","version":1,"respondent":{"name":"A"},"attempt":{"started":"2026-01-01T00:00:00Z"},"answers":` + answers + `,"skipped":` + skipped + `}`
		_, err := ParseResults([]byte(data), e)
		var ie *assessment.InputError
		if !errors.As(err, &ie) || len(ie.Problems) != 1 || !strings.Contains(ie.Problems[0].Error(), what) {
			t.Errorf("%d bytes: %v", len(data), err)
		}
	}
	if _, err := ParseResults(make([]byte, assessment.MaxAnswersBytes+1), e); err == nil || !strings.Contains(err.Error(), "at most 5 MB") {
		t.Errorf("an oversized file: %v", err)
	}
}
