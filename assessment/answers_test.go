package assessment

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"hatcheck/internal/i18n"
)

func testEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestParseAnswersAcceptsEveryAnswerKind(t *testing.T) {
	e := testEngine(t)
	data := `{"format": "hatcheck-answers", "version": 1,
	  "respondent": {"name": " Zoë 🙂 ", "context": "agency"},
	  "answers": {
	    "skill.moderation": 4,
	    "skill.content-creation": {"level": 5, "evidence": "https://example.org/portfolio"},
	    "skill.budgeting": null,
	    "` + firstOf(e, "work-style") + `": 2,
	    "` + firstOf(e, "preferences") + `": "` + firstOption(e, "preferences") + `",
	    "` + firstOf(e, "scenarios") + `": "` + firstOption(e, "scenarios") + `",
	    "` + firstOf(e, "current-work") + `": {"hours": 7.5, "energy": "drains"}
	  }}`
	a, err := ParseAnswers([]byte(data), e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	if a.Respondent.Name != "Zoë 🙂" || a.Respondent.Context != "agency" {
		t.Errorf("respondent = %+v", a.Respondent)
	}
	if len(a.Items) != 6 {
		t.Errorf("%d answers, want 6 (null is a skip)", len(a.Items))
	}
	if got := a.Items["skill.content-creation"]; got.Value != 5 || got.Evidence != "https://example.org/portfolio" {
		t.Errorf("evidence answer = %+v", got)
	}
	if got := a.Items[firstOf(e, "current-work")]; got.Hours != 7.5 || got.Energy != "drains" {
		t.Errorf("audit answer = %+v", got)
	}
	// What the app saves, the command line reads back unchanged.
	out, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParseAnswers(out, e.Bank)
	if err != nil {
		t.Fatalf("re-read: %v\n%s", err, out)
	}
	if !reflect.DeepEqual(a, back) {
		t.Errorf("round trip changed the answers:\n%+v\n%+v", a, back)
	}
}

func firstOf(e *Engine, section string) string { return e.Bank.ItemsIn(section)[0].ID }

func firstOption(e *Engine, section string) string {
	return e.Bank.ItemsIn(section)[0].Options[0].ID
}

func TestParseAnswersNamesTheItemAndTheAllowedValues(t *testing.T) {
	e := testEngine(t)
	pair := firstOf(e, "preferences")
	audit := firstOf(e, "current-work")
	wrap := func(answers string) string {
		return `{"format":"hatcheck-answers","version":1,"answers":{` + answers + `}}`
	}
	cases := []struct {
		name, data string
		want       []string
	}{
		{"not JSON", `hello`, []string{"not valid JSON", "line 1"}},
		{"empty", ``, []string{"empty"}},
		{"cut short", `{"format":"hatcheck-answers",`, []string{"cut short"}},
		{"two objects", wrap(``) + ` {}`, []string{"more text after"}},
		{"no format", `{"version":1,"answers":{}}`, []string{`"format" is missing`}},
		{"wrong format", `{"format":"csv","version":1}`, []string{`"format" is "csv"`, "hatcheck-answers"}},
		{"no version", `{"format":"hatcheck-answers"}`, []string{`"version" is missing`}},
		{"newer version", `{"format":"hatcheck-answers","version":2}`, []string{`"version" is 2`, "version 1 only"}},
		{"unknown top-level field", `{"format":"hatcheck-answers","version":1,"answer":{}}`, []string{`"answer"`, `"answers"`}},
		{"answers not an object", `{"format":"hatcheck-answers","version":1,"answers":[1,2]}`, []string{`"answers"`, "an object"}},
		{"unknown item", wrap(`"skill.juggling": 3`), []string{`"skill.juggling"`, "no such item", "hatcheck questions"}},
		{"out of range", wrap(`"skill.moderation": 7`), []string{`"skill.moderation"`, "7 is out of range", "1 (Never done it) to 5 (Could teach it)"}},
		{"zero", wrap(`"skill.moderation": 0`), []string{"0 is out of range"}},
		{"fraction", wrap(`"skill.moderation": 2.5`), []string{"2.5 is not a whole number"}},
		{"string for a rating", wrap(`"skill.moderation": "4"`), []string{`"skill.moderation"`, "not a number", "whole number"}},
		{"evidence without level", wrap(`"skill.moderation": {"evidence": "x"}`), []string{`"level"`}},
		{"unknown option", wrap(`"` + pair + `": "zzz"`), []string{pair, `"zzz" is not an option`, "one of"}},
		{"number for an option", wrap(`"` + pair + `": 1`), []string{pair, "not an option ID"}},
		{"audit missing energy", wrap(`"` + audit + `": {"hours": 3}`), []string{audit, `"energy"`, "drains"}},
		{"audit hours out of range", wrap(`"` + audit + `": {"hours": 200, "energy": "neutral"}`), []string{audit, "hours 200", "0 to 80"}},
		{"audit bad energy", wrap(`"` + audit + `": {"hours": 2, "energy": "tired"}`), []string{`"tired"`, "energises"}},
		{"audit as number", wrap(`"` + audit + `": 4`), []string{audit, "not a valid audit answer"}},
		{"bad context", `{"format":"hatcheck-answers","version":1,"respondent":{"context":"nasa"},"answers":{}}`, []string{`"nasa"`, "small-business", "student"}},
		{"name too long", `{"format":"hatcheck-answers","version":1,"respondent":{"name":"` + strings.Repeat("a", 300) + `"},"answers":{}}`, []string{"300 characters"}},
		{"several problems", wrap(`"skill.moderation": 9, "skill.events": -1`), []string{"2 problems", "skill.moderation", "skill.events"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseAnswers([]byte(tc.data), e.Bank)
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got %v, want an *InputError", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestParseAnswersAcceptsAnEmptyFile(t *testing.T) {
	e := testEngine(t)
	a, err := ParseAnswers([]byte(`{"format":"hatcheck-answers","version":1}`), e.Bank)
	if err != nil || len(a.Items) != 0 {
		t.Fatalf("a partial (empty) file should parse: %v", err)
	}
	r := e.Score(a)
	if r.Verdict.Kind != VerdictNotEnough {
		t.Errorf("verdict for no answers = %q", r.Verdict.Kind)
	}
}

func FuzzParseAnswers(f *testing.F) {
	e := testEngine(f)
	seeds, _ := os.ReadDir("testdata/personas")
	for _, s := range seeds {
		data, err := os.ReadFile("testdata/personas/" + s.Name())
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"format":"hatcheck-answers","version":1,"answers":{"skill.moderation":{"level":1e400}}}`))
	f.Add([]byte(`{"format":"hatcheck-answers","version":1.0,"respondent":{"name":"\ud800"},"answers":{"audit.x":null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseAnswers(data, e.Bank)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || len(ie.Problems) == 0 {
				t.Fatalf("error %v is not a descriptive *InputError", err)
			}
			for _, p := range ie.Problems {
				mustBeCatalogued(t, p)
			}
			mustBeCatalogued(t, err)
			return
		}
		// Anything accepted must score without panicking and survive a
		// save and reload unchanged.
		e.Score(a)
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseAnswers(out, e.Bank)
		if err != nil {
			t.Fatalf("saved answers do not reload: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(a, back) {
			t.Fatalf("round trip changed the answers")
		}
	})
}

// mustBeCatalogued fails unless err is a catalogue text (an *i18n.Error
// or an i18n.Localized error) that renders in Spanish.
func mustBeCatalogued(t *testing.T, err error) {
	t.Helper()
	switch err.(type) {
	case *i18n.Error, i18n.Localized:
	default:
		t.Fatalf("%T is not a catalogue text: %v", err, err)
	}
	if i18n.For("es").Error(err) == "" || err.Error() == "" {
		t.Fatalf("empty message: %#v", err)
	}
}

// FuzzJSONText: whatever the bytes, JSONText returns valid UTF-8 or a
// catalogue text, never both, and what it returns decodes as it did.
func FuzzJSONText(f *testing.F) {
	f.Add([]byte(`{"a":1}`))
	f.Add([]byte("\xef\xbb\xbf{\"name\":\"Begoña\"}"))
	f.Add([]byte("\xff\xfe{\x00}\x00"))
	f.Add([]byte("\xfe\xff\x00{\x00}"))
	f.Add([]byte(`{"a":{"b":1,"b":2}}`))
	f.Add([]byte(`{"name":"\ud800"}`))
	f.Add([]byte("{\"name\":\"Zo\xeb\"}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out, err := JSONText(data)
		if err != nil {
			if out != nil {
				t.Fatal("text and an error")
			}
			mustBeCatalogued(t, err)
			return
		}
		if !utf8.Valid(out) {
			t.Fatalf("%q is not UTF-8", out)
		}
	})
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		" Ana Fan ":                      "Ana Fan",
		"\u00a0Ana\u00a0\u00a0Fan\u2007": "Ana Fan",
		"\u202fAna \t\n Fan\u202f":       "Ana Fan",
		"\ufeff\u200bAna Fan\u200b":      "Ana Fan",
		"Zoe\u0308 O\u0308z":             "Zoë Öz", // decomposed, as macOS may type it
		"#1 Fan Ana":                     "#1 Fan Ana",
		" \u200b\u00a0":                  "",
	} {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
		if got := CleanName(want); got != want {
			t.Errorf("CleanName is not idempotent on %q: %q", want, got)
		}
	}
}

func TestParseAnswersCleansTheName(t *testing.T) {
	e := testEngine(t)
	a, err := ParseAnswers([]byte(`{"format":"hatcheck-answers","version":1,"respondent":{"name":"\u00a0Zoe\u0308\u202f Fan\u200b"}}`), e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	if a.Respondent.Name != "Zoë Fan" {
		t.Errorf("name %q, want %q", a.Respondent.Name, "Zoë Fan")
	}
}

func TestParseAnswersAcceptsAByteOrderMark(t *testing.T) {
	e := testEngine(t)
	a, err := ParseAnswers([]byte("\xef\xbb\xbf"+`{"format":"hatcheck-answers","version":1,"answers":{"skill.moderation":4}}`), e.Bank)
	if err != nil || a.Items["skill.moderation"].Value != 4 {
		t.Fatalf("a file saved with a UTF-8 byte order mark: %v", err)
	}
}

// TestJSONTextRefusesWhatWouldChangeSilently: a key named twice (the second
// would win), bytes that are not UTF-8 and a broken escape are refused with
// the place; UTF-16 with a byte order mark is read.
func TestJSONTextRefusesWhatWouldChangeSilently(t *testing.T) {
	e := testEngine(t)
	for data, want := range map[string]string{
		`{"format":"hatcheck-answers","version":1,"respondent":{"name":"Zoë","name":"Mallory"},"answers":{}}`: `"respondent" names "name" twice`,
		`{"format":"hatcheck-answers","version":1,"answers":{"skill.events":3,"skill.events":5}}`:             `"answers" names "skill.events" twice`,
		"{\"format\":\"hatcheck-answers\",\"version\":1,\"respondent\":{\"name\":\"Jos\xe9\"}}":               "not UTF-8 text (line 1, column 67",
		`{"format":"hatcheck-answers","version":1,"respondent":{"name":"A\ud800B"}}`:                          `broken character escape \ud800`,
	} {
		_, err := ParseAnswers([]byte(data), e.Bank)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", data, err, want)
		}
	}
	// Surrogate pairs are fine; so is UTF-16 from Notepad.
	if _, err := ParseAnswers([]byte(`{"format":"hatcheck-answers","version":1,"respondent":{"name":"A \ud83d\ude42"},"answers":{}}`), e.Bank); err != nil {
		t.Errorf("a surrogate pair: %v", err)
	}
	src := `{"format":"hatcheck-answers","version":1,"respondent":{"name":"Zoë"},"answers":{"skill.events":3}}`
	u16 := []byte{0xff, 0xfe}
	for _, r := range src {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	if a, err := ParseAnswers(u16, e.Bank); err != nil || a.Respondent.Name != "Zoë" {
		t.Errorf("UTF-16: %+v %v", a, err)
	}
}
