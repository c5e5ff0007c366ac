package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// runIn runs a command with LANG set to locale (and the other locale
// variables cleared, so that the test machine's do not leak in).
func runIn(t *testing.T, locale string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	for _, v := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES"} {
		t.Setenv(v, "")
	}
	t.Setenv("LANG", locale)
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// englishWords are words that a Spanish text never holds outside a name,
// an ID or a command: one of them means a sentence was left in English.
var englishWords = []string{" the ", " and ", " of ", " with ", " which ", " your ", " for ", " not ", " is ", " to "}

func noEnglish(t *testing.T, what, text string) {
	t.Helper()
	lower := strings.ToLower(strings.ReplaceAll(text, "\n", " "))
	for _, w := range englishWords {
		if i := strings.Index(lower, w); i >= 0 {
			t.Errorf("%s has English (%q) near %q", what, w, text[max(0, i-40):min(len(text), i+40)])
		}
	}
}

func wantAll(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

func wantNone(t *testing.T, what, text string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(text, w) {
			t.Errorf("%s still has %q:\n%s", what, w, text)
		}
	}
}

// TestTheHelpIsSpanishWhenTheLocaleIsSpanish: --help, help and no
// arguments under LANG=es_ES, and --lang es under an English LANG, print
// the Spanish usage with no English sentence left.
func TestTheHelpIsSpanishWhenTheLocaleIsSpanish(t *testing.T) {
	_, english, _ := runIn(t, "en_US.UTF-8", "help")
	for _, c := range []struct {
		locale string
		args   []string
	}{
		{"es_ES.UTF-8", []string{"--help"}},
		{"es_MX.UTF-8", []string{"help"}},
		{"es_AR.UTF-8", nil},
		{"en_US.UTF-8", []string{"--lang", "es", "--help"}},
		{"en_US.UTF-8", []string{"help", "--lang=es"}},
	} {
		code, out, errOut := runIn(t, c.locale, c.args...)
		what := c.locale + " " + strings.Join(c.args, " ")
		if code != ExitOK || errOut != "" {
			t.Fatalf("%s: exit %d: %s", what, code, errOut)
		}
		wantAll(t, what, out, "Uso:", "hatcheck score ARCHIVO", "hatcheck jobad ARCHIVO|-", "Códigos de salida", "para explorar, no para decidir contrataciones", "--lang es|en")
		noEnglish(t, what, out)
		for _, l := range strings.Split(english, "\n") {
			if l = strings.TrimSpace(l); strings.Count(l, " ") >= 3 && !strings.HasPrefix(l, "hatcheck") && strings.Contains(out, l) {
				t.Errorf("%s: English line left: %q", what, l)
			}
		}
	}
	for _, args := range [][]string{{"workshop", "help"}, {"plan", "--help"}, {"jobad", "--help"}, {"workshop", "jobads", "--help"}, {"help", "score"}} {
		code, out, errOut := runIn(t, "es_ES.UTF-8", args...)
		what := strings.Join(args, " ")
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", what, code, errOut)
		}
		wantAll(t, what, out, "Uso:")
		noEnglish(t, what, out)
	}
}

// TestEnglishStaysTheDefault: the C locale, an unknown one and English
// give the English usage.
func TestEnglishStaysTheDefault(t *testing.T) {
	for _, locale := range []string{"C", "fr_FR.UTF-8", "en_GB.UTF-8", ""} {
		_, out, _ := runIn(t, locale, "help")
		wantAll(t, "LANG="+locale, out, "Usage:", "hatcheck score FILE [--json]       score an answers file", "Exit codes:")
	}
	_, out, _ := runIn(t, "es_ES.UTF-8", "--lang", "en", "help")
	wantAll(t, "--lang en under LANG=es_ES", out, "Usage:", "Exit codes:")
}

// TestAnUnknownLanguageExitsTwo: --lang takes es or en; anything else, or
// no value, is a command-line error (exit 2) that names the choices.
func TestAnUnknownLanguageExitsTwo(t *testing.T) {
	for _, args := range [][]string{{"--lang", "fr", "help"}, {"score", example, "--lang=de"}, {"--lang"}, {"--lang", "xx"}} {
		code, out, errOut := runIn(t, "en_US.UTF-8", args...)
		if code != ExitBadInput || out != "" {
			t.Errorf("%v: exit %d, stdout %q", args, code, out)
		}
		wantAll(t, strings.Join(args, " "), errOut, "hatcheck: ", "--lang", "es")
	}
	_, _, errOut := runIn(t, "en_US.UTF-8", "--lang", "fr", "help")
	wantAll(t, "--lang fr", errOut, `unknown language "fr" for --lang`, "en (English)", "es (Español)")
	_, _, errOut = runIn(t, "es_ES.UTF-8", "--lang", "fr", "help")
	wantAll(t, "--lang fr under LANG=es_ES", errOut, "idioma desconocido «fr»")
}

// TestScoreInSpanish: the result reads in Spanish, with decimal commas;
// the JSON keeps its English keys and IDs.
func TestScoreInSpanish(t *testing.T) {
	code, out, errOut := runIn(t, "es_ES.UTF-8", "score", example)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantAll(t, "score", out, "Resultado de Hatcheck para", "(Para explorar, no para decidir contrataciones.)", "Preguntas respondidas:",
		"Veredicto:", "Rol ", "Encaje", "Margen", "Preparación", "Afinidad", "Por qué ", "Cada número tiene su porqué")
	wantNone(t, "score", out, "Hatcheck result", "Verdict:", "Readiness", "Why ", "Each number")
	code, out, _ = runIn(t, "en_US.UTF-8", "score", example, "--json", "--lang", "es")
	if code != ExitOK {
		t.Fatalf("--json exit %d", code)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	wantAll(t, "score --json", out, `"tracks"`, `"id": "community-manager"`, "Para explorar")
}

// TestPlanInSpanish: the printed plan and the PDF message read in Spanish.
func TestPlanInSpanish(t *testing.T) {
	code, out, errOut := runIn(t, "es_ES.UTF-8", "plan", example)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantAll(t, "plan", out, "Plan de 30/60/90 días para", "Rol objetivo:", "Prioridades", "Días 1-30", "Listo cuando:", "Fuentes:")
	wantNone(t, "plan", out, "30/60/90-day plan", "Target:", "Focus", "Days 1-30", "Done when:", "Sources:")
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	pdf := filepath.Join(t.TempDir(), "plan.pdf")
	code, out, errOut = runIn(t, "es_ES.UTF-8", "plan", example, "-o", pdf, "--paper", "a4")
	if code != ExitOK {
		t.Fatalf("-o: exit %d: %s", code, errOut)
	}
	wantAll(t, "plan -o", out, "Se guardó "+pdf)
	code, _, errOut = runIn(t, "es_ES.UTF-8", "plan", example, "--track", "nope")
	if code != ExitBadInput {
		t.Errorf("--track nope: exit %d", code)
	}
	wantAll(t, "--track nope", errOut, "rol desconocido «nope»")
}

// TestJobAdInSpanish: the job-ad check's own texts (headings, tags, the
// comparison) read in Spanish, as do the hat and skill names and the plan
// actions; the JSON keeps English keys and IDs.
func TestJobAdInSpanish(t *testing.T) {
	code, out, errOut := runIn(t, "es_ES.UTF-8", "jobad", colonist, "--against", "../assessment/testdata/personas/clear-strategist.json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantAll(t, "jobad", out, "Parte de la oferta que corresponde a cada rol", "Estratega de redes sociales", " líneas", "Líneas que cuentan:",
		"A qué prestar atención:", "La oferta, línea a línea:", "[título]", "[comunidad: moderation]", "Frente a tu resultado:",
		"  brecha: Moderación, normas y conflictos", "para añadir a tu plan", "antes del día 30", "Preguntas para la empresa:", "Para explorar")
	wantNone(t, "jobad", out, "Share of the ad", "[title]", "[no hat]", "gap:", "met:", "to add to your plan", "by day", "What to watch for", "Questions to ask the employer", "[community:")
	code, out, _ = runIn(t, "es_ES.UTF-8", "jobad", colonist, "--json")
	if code != ExitOK {
		t.Fatalf("--json exit %d", code)
	}
	wantAll(t, "jobad --json", out, `"hats"`, `"id": "community-manager"`, `"competency": "moderation"`)
	code, _, errOut = runIn(t, "es_ES.UTF-8", "jobad")
	if code != ExitBadInput {
		t.Errorf("no file: exit %d", code)
	}
	wantAll(t, "jobad with no file", errOut, "jobad necesita un archivo", "Uso:")
	code, _, errOut = runIn(t, "es_ES.UTF-8", "jobad", filepath.Join(t.TempDir(), "missing.txt"))
	if code != ExitBadInput {
		t.Errorf("missing file: exit %d", code)
	}
	wantAll(t, "jobad missing file", errOut, "no se puede leer la oferta", "no existe el archivo")
}

// TestWorkshopJobAdsInSpanish: the one-page-per-ad summary names the hats
// in Spanish.
func TestWorkshopJobAdsInSpanish(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	dir := t.TempDir()
	code, out, errOut := runIn(t, "es_ES.UTF-8", "workshop", "jobads", filepath.Dir(colonist), "-o", filepath.Join(dir, "ads.pdf"))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	wantAll(t, "workshop jobads", out, "comunidad ", "(varios roles)", "Archivos leídos:", "una página por oferta")
	wantNone(t, "workshop jobads", out, "several hats", "Read ", "checked")
}

// TestWorkshopInSpanish: a cohort imported and reported in Spanish gets
// Spanish messages; scores.csv keeps its English column IDs.
func TestWorkshopInSpanish(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	code, out, errOut := runIn(t, "es_ES.UTF-8", "workshop", "import", "--cohort", "Martes", "../assessment/testdata/personas/hybrid.json", "../assessment/testdata/personas/clear-strategist.json")
	if code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	wantAll(t, "workshop import", out, "importado ", " como P01", "Grupo «Martes»")
	rep := filepath.Join(dir, "rep")
	code, out, errOut = runIn(t, "es_ES.UTF-8", "workshop", "report", "--cohort", "Martes", "-o", rep, "--paper", "a4")
	if code != ExitOK {
		t.Fatalf("report: exit %d: %s", code, errOut)
	}
	wantAll(t, "workshop report", out, "Se guardaron 2 planes")
	csv, err := os.ReadFile(filepath.Join(rep, "scores.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(csv), "participante;contexto;mejor_encaje;veredicto;") {
		t.Errorf("scores.csv header: %q", strings.SplitN(string(csv), "\n", 2)[0])
	}
	_, out, _ = runIn(t, "es_ES.UTF-8", "workshop", "list")
	wantAll(t, "workshop list", out, "Martes: 2 participantes")
}

// TestPlanFitsATerminal: the printed plan wraps at 78 columns in both
// languages (Spanish runs about a fifth longer than English), counting
// characters, not bytes.
func TestPlanFitsATerminal(t *testing.T) {
	for _, locale := range []string{"en_US.UTF-8", "es_ES.UTF-8"} {
		code, out, errOut := runIn(t, locale, "plan", example)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", locale, code, errOut)
		}
		for _, line := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(line); n > 78 {
				t.Errorf("%s: a line of %d columns: %q", locale, n, line)
			}
		}
	}
}
