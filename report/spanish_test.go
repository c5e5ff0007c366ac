package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"hatcheck/assessment"
	"hatcheck/jobad"
)

// englishWords are English function words that are not Spanish words: one
// of them in a Spanish report means a text the report writes was not
// translated. Loan words the glossary keeps (community manager, social
// media, insights, KPI) are not in the list.
var englishWords = map[string]bool{
	"the": true, "and": true, "of": true, "to": true, "you": true, "your": true, "with": true,
	"for": true, "is": true, "are": true, "this": true, "that": true, "what": true, "which": true,
	"from": true, "how": true, "by": true, "or": true, "it": true, "an": true, "at": true,
	"be": true, "not": true, "on": true, "page": true, "hat": true, "hats": true, "fit": true,
	"skills": true, "answers": true, "questions": true, "date": true, "why": true, "people": true,
}

// englishIn returns the English function words in text, once each, after
// leaving out the parts that stay in English on purpose (the articles'
// titles and authors, texts the person typed).
func englishIn(text string, keep ...string) []string {
	for _, k := range keep {
		if k = fold(k); k != "" {
			text = strings.ReplaceAll(text, k, " ")
		}
	}
	// Question IDs (skill.insight-to-decision) stay in English.
	text = questionID.ReplaceAllString(text, " ")
	seen := map[string]bool{}
	var found []string
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	for _, w := range words {
		w = strings.ToLower(strings.Trim(w, "'"))
		if englishWords[w] && !seen[w] {
			seen[w] = true
			found = append(found, w)
		}
	}
	return found
}

var questionID = regexp.MustCompile(`\b[a-z]+\.[a-z0-9-]+`)

// englishKept are the texts a report keeps in English in every language:
// the sources' titles (authors are named in the report's language) and the
// scoring notes' title.
func englishKept(in Input) []string {
	keep := []string{"How Hatcheck scores"}
	for _, s := range in.Engine.Bank.Sources {
		keep = append(keep, s.Title)
	}
	return keep
}

// spanishChars must come out of a Spanish document as themselves: the
// font draws them and pdftotext reads them back.
const spanishChars = "áéíóúñ«»"

// TestSpanishPlanSpeaksSpanish renders the README's example in Spanish with
// the real code and reads it back with pdftotext: its headings are
// Spanish, and no English function word is left outside the sources and
// what the person typed.
func TestSpanishPlanSpeaksSpanish(t *testing.T) {
	in := answersFileIn(t, filepath.Join("..", "examples", "answers.json"), "es")
	path, warnings := writePDF(t, in, Options{Paper: A4})
	if len(warnings) > 0 {
		t.Errorf("warnings: %v", warnings)
	}
	text := rawText(t, path)
	for _, h := range []string{"HATCHECK · PLAN DE DESARROLLO", "Índice", "Tu encaje", "Por qué estas cifras",
		"Fortalezas y brechas", "Tu plan de 30/60/90 días", "Cómo es el trabajo", "Consejos de profesionales",
		"Cómo se puntúa y fuentes", "Límites", "Fuentes", "Días 1-30", "Listo cuando", "Página 1 de",
		"Para explorar, no para decidir contrataciones.", "23 de noviembre de 2026"} {
		if !strings.Contains(text, h) {
			t.Errorf("the Spanish plan lacks %q", h)
		}
	}
	keep := englishKept(in)
	for _, c := range in.Result.Competencies {
		keep = append(keep, c.Evidence)
	}
	if w := englishIn(text, keep...); len(w) > 0 {
		t.Errorf("English words in the Spanish plan: %q", w)
	}
	for _, r := range spanishChars {
		if !strings.ContainsRune(text, r) {
			t.Errorf("the Spanish plan's text lacks %q", r)
		}
	}
	// The check itself: the same plan in English is caught.
	en := answersFileIn(t, filepath.Join("..", "examples", "answers.json"), "en")
	enPath, _ := writePDF(t, en, Options{Paper: A4})
	if len(englishIn(rawText(t, enPath), keep...)) < 5 {
		t.Error("the English plan has hardly any English function words: the check sees nothing")
	}
}

// TestSpanishGroupReportSpeaksSpanish does the same for a group report and
// the blank worksheet.
func TestSpanishGroupReportSpeaksSpanish(t *testing.T) {
	in := cohortIn(t, 24, false, "es")
	in.Cohort = "Grupo del martes"
	group := writeGroupPDF(t, in, Options{Paper: A4})
	checkGolden(t, filepath.Join("testdata", "group-24.es.txt"), poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", group, "-"))
	text := rawText(t, group)
	for _, h := range []string{"HATCHECK · INFORME DEL TALLER", "Índice", "Hacia dónde se inclina el grupo",
		"El encaje de cada participante", "Habilidades en el grupo", "Qué enseñar ahora", "Parejas de aprendizaje",
		"Preguntas para el debate", "Notas de medición para el formador", "Privacidad, método y fuentes",
		"Informe del taller de Hatcheck", "Página 1 de"} {
		if !strings.Contains(text, h) {
			t.Errorf("the Spanish group report lacks %q", h)
		}
	}
	if w := englishIn(text, englishKept(Input{Engine: in.Engine})...); len(w) > 0 {
		t.Errorf("English words in the Spanish group report: %q", w)
	}

	path := filepath.Join(t.TempDir(), "worksheet.pdf")
	var buf bytes.Buffer
	if err := WriteWorksheet(&buf, in.Engine, Options{Paper: A4, Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	keepPDF(t, path, "worksheet-a4-es")
	text = rawText(t, path)
	for _, h := range []string{"¿Qué rol de redes encaja contigo? Hoja de respuestas", "¿Dónde trabajas?", "Nombre:"} {
		if !strings.Contains(text, h) {
			t.Errorf("the Spanish worksheet lacks %q", h)
		}
	}
	if w := englishIn(text, englishKept(Input{Engine: in.Engine})...); len(w) > 0 {
		t.Errorf("English words in the Spanish worksheet: %q", w)
	}
}

// jobAdCheck analyses one of the job package's sample ads with the
// engine of in, held against in's answers.
func jobAdCheck(t *testing.T, in Input, answers string) jobad.Check {
	t.Helper()
	lx, err := jobad.Default()
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(filepath.Join("..", "jobad", "testdata", "eval", "05-colonist-community-manager.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := lx.Analyze(in.Engine, string(text))
	if err != nil {
		t.Fatal(err)
	}
	a := parseAnswers(t, in, answers)
	r.Against, err = jobad.Compare(in.Engine, r, jobad.Person{Answers: a, Result: in.Result})
	if err != nil {
		t.Fatal(err)
	}
	return jobad.Check{Name: "colonist.txt", Checked: fixedDate, Result: r}
}

// parseAnswers reads an answers file for in's engine.
func parseAnswers(t *testing.T, in Input, path string) *assessment.Answers {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := assessment.ParseAnswers(data, in.Engine.Bank)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestJobAdPagesSpeakTheEnginesLanguage: the plan's "Job ad check" and the
// workshop's job-ad PDF write their own texts (headings, columns, counts)
// in the engine's language. The ad's signals, questions and summary are
// the jobad package's texts and are not checked here.
func TestJobAdPagesSpeakTheEnginesLanguage(t *testing.T) {
	answers := filepath.Join("..", "assessment", "testdata", "personas", "clear-smm.json")
	for lang, want := range map[string][]string{
		"en": {"Job ad check", "The lines behind the shares", "Line of the ad", "Against your result", "First step"},
		"es": {"Revisión de ofertas de empleo", "Las líneas detrás de los porcentajes", "Línea de la oferta", "Frente a tu resultado", "Primer paso"},
	} {
		t.Run(lang, func(t *testing.T) {
			in := answersFileIn(t, answers, lang)
			in.JobAds = []jobad.Check{jobAdCheck(t, in, answers)}
			path, _ := writePDF(t, in, Options{Paper: A4})
			keepPDF(t, path, "example-jobad-a4-"+lang)
			checkInsidePages(t, path)
			text := rawText(t, path)
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("the plan lacks %q", w)
				}
			}
			var buf bytes.Buffer
			if _, err := WriteJobAds(&buf, JobAdsInput{Engine: in.Engine, Folder: "ads", Ads: in.JobAds}, Options{Date: fixedDate}); err != nil {
				t.Fatal(err)
			}
			ads := filepath.Join(t.TempDir(), "ads.pdf")
			if err := os.WriteFile(ads, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			keepPDF(t, ads, "job-ads-a4-"+lang)
			checkInsidePages(t, ads)
			if title := in.Engine.Printer().T(JobAdsTitle); !strings.Contains(rawText(t, ads), title) {
				t.Errorf("the job-ad PDF lacks its title %q", title)
			}
		})
	}
}

// TestCatalogueTextsAreDrawable: every text of the catalogues a report
// prints from, in every language, is in the embedded font: pdftotext
// cannot see a missing glyph, so the font's own table is asked.
func TestCatalogueTextsAreDrawable(t *testing.T) {
	cover, err := coverage()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("..", "assets", "translations", "*.*.json"))
	name := regexp.MustCompile(`^(report|assessment|common)\.[a-z]+\.json$`)
	n := 0
	for _, f := range files {
		if !name.MatchString(filepath.Base(f)) {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cat map[string]any
		if err := json.Unmarshal(data, &cat); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, v := range cat {
			texts := []string{}
			switch v := v.(type) {
			case string:
				texts = append(texts, v)
			case map[string]any:
				for _, s := range v {
					texts = append(texts, s.(string))
				}
			}
			for _, s := range texts {
				n++
				if _, bad := sanitize(s, cover); len(bad) > 0 {
					t.Errorf("%s: %q has characters the font cannot draw: %q", filepath.Base(f), s, string(bad))
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no catalogue texts found")
	}
	if _, bad := sanitize("¿¡"+spanishChars, cover); len(bad) > 0 {
		t.Errorf("the font cannot draw %q", string(bad))
	}
}
