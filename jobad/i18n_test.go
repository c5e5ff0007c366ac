package jobad

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/internal/i18n/i18ncheck"
)

// TestTheLexiconsTextsAreInEveryLanguage: every signal and question the
// lexicon shows has its Spanish text.
func TestTheLexiconsTextsAreInEveryLanguage(t *testing.T) {
	lx, _ := mustDefaults(t)
	if n := i18ncheck.DataTexts(t, lx); n != len(lx.Signals)+len(lx.Questions) {
		t.Errorf("%d texts, the lexicon has %d signals and %d questions", n, len(lx.Signals), len(lx.Questions))
	}
}

// TestASpanishReadingSpeaksSpanish: the same ad read in Spanish has the
// same numbers and IDs, and every human text in Spanish.
func TestASpanishReadingSpeaksSpanish(t *testing.T) {
	en, err := Read(mixedAd)
	if err != nil {
		t.Fatal(err)
	}
	es, err := ReadIn("es_ES.UTF-8", mixedAd)
	if err != nil {
		t.Fatal(err)
	}
	if en.Primary != es.Primary || en.Counted != es.Counted || len(en.Signals) != len(es.Signals) || len(en.Questions) != len(es.Questions) || len(en.Skills) != len(es.Skills) {
		t.Fatalf("the language changed the analysis: %+v / %+v", en, es)
	}
	for i := range en.Hats {
		if en.Hats[i].ID != es.Hats[i].ID || en.Hats[i].Share != es.Hats[i].Share {
			t.Errorf("hat %d: %+v / %+v", i, en.Hats[i], es.Hats[i])
		}
	}
	lx, _ := mustDefaults(t)
	for i, s := range es.Signals {
		if s.ID != en.Signals[i].ID || s.Text == en.Signals[i].Text || s.Text != lx.signals[s.ID].Text["es"] {
			t.Errorf("signal %s: %q", s.ID, s.Text)
		}
		if en.Signals[i].Detail != "" && (s.Detail == en.Signals[i].Detail || strings.Contains(s.Detail, "{{")) {
			t.Errorf("signal %s detail: %q", s.ID, s.Detail)
		}
	}
	for i, q := range es.Questions {
		if q.ID != en.Questions[i].ID || q.Text == en.Questions[i].Text || !strings.HasPrefix(q.Text, "¿") && !strings.Contains(q.Text, "¿") {
			t.Errorf("question %s: %q", q.ID, q.Text)
		}
	}
	if es.HatOf("social-media-strategist").Name != "Estratega de redes sociales" {
		t.Errorf("hat names: %+v", es.Hats)
	}
	for i, sk := range es.Skills {
		if sk.Competency != en.Skills[i].Competency || sk.Name == en.Skills[i].Name {
			t.Errorf("skill %s: %q / %q", sk.Competency, sk.Name, en.Skills[i].Name)
		}
	}
	// The JSON keeps its keys and IDs.
	a, _ := json.Marshal(en)
	b, _ := json.Marshal(es)
	var ka, kb map[string]any
	json.Unmarshal(a, &ka)
	json.Unmarshal(b, &kb)
	for k := range ka {
		if _, ok := kb[k]; !ok {
			t.Errorf("key %s missing in the Spanish JSON", k)
		}
	}
	// A detail in English reads as before.
	for _, s := range en.Signals {
		if s.ID == SignalSeveralHats && !strings.HasPrefix(s.Detail, "Each of these takes a quarter of the ad or more: ") {
			t.Errorf("English detail: %q", s.Detail)
		}
	}
}

func TestTheComparisonSpeaksTheEnginesLanguage(t *testing.T) {
	_, e := mustDefaults(t)
	data, err := os.ReadFile("../assessment/testdata/personas/clear-smm.json")
	if err != nil {
		t.Fatal(err)
	}
	a, err := assessment.ParseAnswers(data, e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	es := e.In("es")
	r, _ := ReadIn("es", mixedAd)
	c, err := Compare(es, r, Person{Answers: a, Result: es.Score(a)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(c.Summary, "De las ") || strings.Contains(c.Summary, "{{") {
		t.Errorf("summary %q", c.Summary)
	}
	cEn, _ := Compare(e, r, Person{Answers: a, Result: e.Score(a)})
	if !strings.HasPrefix(cEn.Summary, "Of the ") {
		t.Errorf("English summary %q", cEn.Summary)
	}
	for _, g := range c.Gaps {
		for _, act := range g.Actions {
			if !g.InPlan && act.Text == "" {
				t.Errorf("gap %s: an action without text", g.Competency)
			}
		}
	}
}

func TestErrorsAndAsideNamesSpeakSpanish(t *testing.T) {
	es := i18n.For("es")
	for _, err := range []error{ErrEmpty, ErrTooLarge, ErrPDF, ErrBinary, ErrNoPerson} {
		if s := es.Error(err); s == err.Error() || strings.Contains(s, "{{") || s == "" {
			t.Errorf("%v in Spanish: %q", err, s)
		}
	}
	if !strings.Contains(ErrTooLarge.Error(), "512 KB") || !strings.Contains(es.Error(ErrTooLarge), "512 KB") {
		t.Errorf("too large: %q / %q", ErrTooLarge, es.Error(ErrTooLarge))
	}
	wrapped := i18n.Errorf("{{.Path}}: {{.Err}}", map[string]any{"Path": "ad.pdf", "Err": ErrPDF})
	if !errors.Is(wrapped, ErrPDF) {
		t.Error("errors.Is does not see ErrPDF through i18n.Errorf")
	}
	for id := range asideNames {
		if AsideName(es, id) == AsideName(i18n.English(), id) {
			t.Errorf("aside %s in Spanish: %q", id, AsideName(es, id))
		}
	}
	if AsideName(es, "unknown") != "unknown" {
		t.Error("an unknown aside id should read as it is")
	}
}
