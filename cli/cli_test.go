package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"hatcheck/internal/about"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	t.Setenv("LANG", "en_US.UTF-8")
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

const example = "../examples/answers.json"

func TestNoArgumentsPrintsUsage(t *testing.T) {
	code, out, _ := run(t)
	if code != ExitOK || !strings.Contains(out, "hatcheck score FILE") {
		t.Errorf("code %d, output %q", code, out)
	}
}

func TestQuestionsJSONListsEveryItemWithItsAnswersAndSource(t *testing.T) {
	code, out, errOut := run(t, "questions", "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Items []struct {
			ID, Kind, Section, Text string
			Answer                  struct {
				Type     string
				Min, Max *float64
				Options  []struct{ ID, Text string }
				Energy   []struct{ ID string }
			}
			Measures map[string]any
			Source   struct{ File, Section string }
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) < 60 {
		t.Fatalf("%d items", len(doc.Items))
	}
	kinds := map[string]int{}
	for _, it := range doc.Items {
		kinds[it.Kind]++
		if it.ID == "" || it.Text == "" || it.Section == "" || it.Source.File == "" || it.Source.Section == "" || len(it.Measures) == 0 {
			t.Errorf("incomplete item %+v", it)
		}
		switch it.Answer.Type {
		case "scale":
			if it.Answer.Min == nil || *it.Answer.Min != 1 || *it.Answer.Max != 5 {
				t.Errorf("%s: scale %v-%v", it.ID, it.Answer.Min, it.Answer.Max)
			}
		case "option":
			if len(it.Answer.Options) < 2 || it.Answer.Options[0].Text == "" {
				t.Errorf("%s: options %+v", it.ID, it.Answer.Options)
			}
		case "audit":
			if len(it.Answer.Energy) != 3 {
				t.Errorf("%s: energy %+v", it.ID, it.Answer.Energy)
			}
		default:
			t.Errorf("%s: answer type %q", it.ID, it.Answer.Type)
		}
	}
	if len(kinds) != 5 {
		t.Errorf("kinds %v", kinds)
	}
}

func TestQuestionsTextShowsSections(t *testing.T) {
	code, out, _ := run(t, "questions")
	if code != ExitOK || !strings.Contains(out, "== Your skills") || !strings.Contains(out, "skill.moderation") {
		t.Errorf("exit %d; output starts %q", code, out[:min(200, len(out))])
	}
	// Sources are named by their article's title, not by a file name.
	if !strings.Contains(out, "source: “Social Media Manager vs Community Manager") || strings.Contains(out, "source: 00") {
		t.Errorf("sources are not named by title:\n%s", out[:min(1500, len(out))])
	}
}

func TestScoreJSONSortsTracksByFit(t *testing.T) {
	code, out, errOut := run(t, "score", example, "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Tracks []struct {
			ID                       string
			Fit, Readiness, Affinity *float64
			Band                     []float64
		}
		Verdict struct{ Kind string }
		Note    string
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Tracks) != 3 || r.Verdict.Kind == "" || !strings.Contains(r.Note, "not for hiring") {
		t.Fatalf("%+v", r)
	}
	for i, tr := range r.Tracks {
		if tr.Fit == nil || len(tr.Band) != 2 || tr.Band[0] > *tr.Fit || tr.Band[1] < *tr.Fit {
			t.Errorf("track %s: fit %v band %v", tr.ID, tr.Fit, tr.Band)
		}
		if i > 0 && *tr.Fit > *r.Tracks[i-1].Fit {
			t.Error("tracks not sorted by fit")
		}
	}
}

func TestScoreTextExplainsAndWarns(t *testing.T) {
	code, out, _ := run(t, "score", example)
	for _, want := range []string{"Verdict:", "not for hiring decisions", "Why Community manager", "Readiness"} {
		if !strings.Contains(out, want) {
			t.Errorf("score output lacks %q", want)
		}
	}
	if code != ExitOK {
		t.Errorf("exit %d", code)
	}
}

func TestPlanTextAndJSON(t *testing.T) {
	code, out, errOut := run(t, "plan", example)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Days 1-30", "Days 31-60", "Days 61-90", "Done when:", "Sources:"} {
		if !strings.Contains(out, want) {
			t.Errorf("plan lacks %q", want)
		}
	}
	code, out, _ = run(t, "plan", "--track", "social-media-strategist", example, "--json")
	var p struct {
		Track  string
		Chosen string
		Phases []struct {
			Day     int
			Actions []struct{ Text, Proof string }
		}
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &p) != nil {
		t.Fatalf("exit %d: %s", code, out)
	}
	if p.Track != "social-media-strategist" || p.Chosen != "requested" || len(p.Phases) != 3 || p.Phases[2].Day != 90 || len(p.Phases[0].Actions) == 0 {
		t.Errorf("plan %+v", p)
	}
}

func TestBadInputExitsTwoWithoutAStackTrace(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"grade"}, `unknown command "grade"`},
		{"missing file", []string{"score", filepath.Join(dir, "nope.json")}, "no such file"},
		{"no file", []string{"score"}, "exactly one answers or results file"},
		{"two files", []string{"plan", "a", "b"}, "exactly one answers or results file"},
		{"not JSON", []string{"score", write("x.json", "{oops")}, "not valid JSON"},
		{"binary", []string{"score", write("bin.json", "\x00\xff\xfe")}, "not UTF-8 text"},
		{"out of range", []string{"score", write("r.json", `{"format":"hatcheck-answers","version":1,"answers":{"skill.events":6}}`)}, `item "skill.events": 6 is out of range; allowed: a whole number from 1`},
		{"unknown track", []string{"plan", "--track", "ceo", example}, `unknown track "ceo"`},
		{"unknown flag", []string{"score", "--xml", example}, "flag provided but not defined"},
		{"not enough to choose", []string{"plan", write("e.json", `{"format":"hatcheck-answers","version":1}`)}, "--track"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := run(t, tc.args...)
			if code != ExitBadInput {
				t.Errorf("exit %d, want %d", code, ExitBadInput)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q lacks %q", errOut, tc.want)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace on stderr: %s", errOut)
			}
		})
	}
}

func TestExampleInREADMEIsTheShippedExample(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "examples/answers.json") {
		t.Error("README does not point at examples/answers.json")
	}
	if code, _, errOut := run(t, "score", example); code != ExitOK {
		t.Errorf("the README example does not score: %s", errOut)
	}
}

// TestREADMEAnswersSnippetParses keeps the answers-file example in the README
// valid: a newcomer copies it first.
func TestREADMEAnswersSnippetParses(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(readme)
	start := strings.Index(s, "```json\n")
	if start < 0 {
		t.Fatal("README has no ```json block")
	}
	s = s[start+len("```json\n"):]
	end := strings.Index(s, "```")
	if end < 0 {
		t.Fatal("unterminated ```json block")
	}
	p := filepath.Join(t.TempDir(), "readme.json")
	if err := os.WriteFile(p, []byte(s[:end]), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "score", p, "--json"); code != ExitOK {
		t.Errorf("the README's answers example is refused: %s", errOut)
	}
}

func TestPlanWritesAPDF(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	code, out, errOut := run(t, "plan", example, "-o", filepath.Join(dir, "zoe"), "--paper", "letter", "--track", "social-media-strategist")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	path := filepath.Join(dir, "zoe.pdf") // .pdf is added
	if !strings.Contains(out, path) || !strings.Contains(out, "LETTER") {
		t.Errorf("output %q", out)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("no PDF written: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the target folder, want only the PDF", len(entries))
	}
}

func TestPlanPDFToABadPlaceExitsTwo(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"plan", example, "-o", filepath.Join(dir, "no", "such", "folder.pdf")}, "cannot write in"},
		{[]string{"plan", example, "-o", dir}, "is a folder"},
		{[]string{"plan", example, "-o", filepath.Join(dir, "x.pdf"), "--paper", "a5"}, `unknown paper size "a5"`},
		{[]string{"plan", example, "-o", filepath.Join(dir, "x.pdf"), "--json"}, "either --json or -o"},
		{[]string{"plan", example, "--paper", "a4"}, "add -o"},
	}
	for _, tc := range cases {
		code, _, errOut := run(t, tc.args...)
		if code != ExitBadInput || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestPlanPDFWarnsAboutUndrawableCharacters(t *testing.T) {
	dir := t.TempDir()
	answers := filepath.Join(dir, "a.json")
	if err := os.WriteFile(answers, []byte(`{"format":"hatcheck-answers","version":1,"respondent":{"name":"Kai 🚀"},"answers":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, "plan", answers, "--track", "community-manager", "-o", filepath.Join(dir, "k.pdf"))
	if code != ExitOK || !strings.Contains(errOut, "warning: your name: 1 character") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

// TestDataCommands walks a trainer's session: import, list, export,
// delete, all in HATCHECK_DATA_DIR.
func TestDataCommands(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	bad := filepath.Join(dir, "bad.hatcheck.json")
	os.WriteFile(bad, []byte(`{"format":"hatcheck-results","version":1,"respondent":{"name":"B"},"attempt":{"started":"now"},"answers":{"skill.events":7}}`), 0o644)
	code, out, errOut := run(t, "import", example, bad, filepath.Join(dir, "missing.json"))
	if code != ExitBadInput {
		t.Errorf("exit %d", code)
	}
	if !strings.Contains(out, "imported "+example+": Zoë Müller (profile 1, attempt 1)") {
		t.Errorf("stdout %q", out)
	}
	for _, w := range []string{"refused " + bad + " (nothing from it was imported)", `"now" is not a date`, `"skill.events": 7 is out of range`, "no such file"} {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr lacks %q:\n%s", w, errOut)
		}
	}
	if !strings.Contains(out, "Read 3 files: 1 imported, 0 already there, 2 refused.") {
		t.Errorf("the counts do not add up:\n%s", out)
	}
	code, out, _ = run(t, "import", example)
	if code != ExitOK || !strings.Contains(out, "already imported") {
		t.Errorf("second import: %d %q", code, out)
	}
	code, out, _ = run(t, "list")
	if code != ExitOK || !strings.Contains(out, "profile 1  Zoë Müller (enterprise)") || !strings.Contains(out, "attempt 1") || !strings.Contains(out, "best fit Community manager") {
		t.Errorf("list: %d\n%s", code, out)
	}
	code, out, _ = run(t, "list", "--json")
	var doc struct {
		Profiles []struct {
			Name     string
			Attempts []struct {
				ID    int
				Core  int `json:"core_answered"`
				Total int
			}
		}
	}
	if code != ExitOK || json.Unmarshal([]byte(out), &doc) != nil || len(doc.Profiles) != 1 || doc.Profiles[0].Attempts[0].Core != 67 {
		t.Errorf("list --json: %s", out)
	}
	exported := filepath.Join(dir, "zoe")
	code, out, errOut = run(t, "export", "1", "-o", exported)
	if code != ExitOK || !strings.Contains(out, exported+".hatcheck.json") {
		t.Fatalf("export: %d %q %q", code, out, errOut)
	}
	if fi, err := os.Stat(exported + ".hatcheck.json"); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("exported file: %v", err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "99", "-o", exported}, "there is no attempt 99"},
		{[]string{"export", "one", "-o", exported}, "not an attempt number"},
		{[]string{"export", "1"}, "-o FILE"},
		{[]string{"delete", "Nobody", "--yes"}, `no profile "Nobody"`},
		{[]string{"delete", "Zoë Müller"}, "--yes to confirm"},
		{[]string{"delete"}, "needs a profile"},
		{[]string{"import"}, "one or more results files"},
		{[]string{"import", dir}, "it is a folder"},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != ExitBadInput || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	if code, out, _ = run(t, "delete", "Zoë Müller", "--yes"); code != ExitOK || !strings.Contains(out, "Deleted profile 1") {
		t.Errorf("delete: %d %q", code, out)
	}
	if _, out, _ = run(t, "list"); !strings.Contains(out, "No profiles yet") {
		t.Errorf("after delete: %q", out)
	}
	// The exported file imports back in.
	if code, out, _ = run(t, "import", exported+".hatcheck.json"); code != ExitOK || !strings.Contains(out, "imported") {
		t.Errorf("re-import: %d %q", code, out)
	}
	if code, out, _ = run(t, "delete", "--all", "--yes"); code != ExitOK || !strings.Contains(out, "1 profiles") {
		t.Errorf("delete --all: %d %q", code, out)
	}
}

func TestDataCommandsRefuseANewerDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", dir)
	// An SQLite file whose user_version is far in the future.
	db := filepath.Join(dir, "hatcheck.db")
	if code, _, _ := run(t, "list"); code != ExitOK {
		t.Fatal("list on an empty folder failed")
	}
	data, _ := os.ReadFile(db)
	data[60], data[61], data[62], data[63] = 0, 0, 0x7f, 0x7f // user_version in the header
	os.WriteFile(db, data, 0o600)
	code, _, errOut := run(t, "list")
	if code != ExitBadInput || !strings.Contains(errOut, "newer version of Hatcheck") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestWorkshopCommands(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	code, out, errOut := run(t, "workshop", "template", "-o", filepath.Join(dir, "handouts"))
	if code != ExitOK || !strings.Contains(out, "worksheet.pdf") {
		t.Fatalf("template: %d %s %s", code, out, errOut)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{"), 0o644)
	code, out, errOut = run(t, "workshop", "import", "--cohort", "Tuesday", example, bad)
	if code != ExitBadInput || !strings.Contains(out, "1 imported, 0 already there, 1 refused") || !strings.Contains(errOut, "refused "+bad) {
		t.Errorf("import: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, "workshop", "list")
	if code != ExitOK || !strings.Contains(out, "Tuesday: 1 participant\n") {
		t.Errorf("list: %q", out)
	}
	outDir := filepath.Join(dir, "out")
	code, out, errOut = run(t, "workshop", "report", "--cohort", "Tuesday", "-o", outDir)
	if code != ExitOK || !strings.Contains(out, "Wrote 1 plan in") {
		t.Fatalf("report: %d %q %q", code, out, errOut)
	}
	for _, f := range []string{"group-report.pdf", "scores.csv", "plans/P01-Zoë-Müller.pdf"} {
		if _, err := os.Stat(filepath.Join(outDir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"workshop"}, "workshop needs a command"},
		{[]string{"workshop", "report", "--cohort", "Nope", "-o", outDir}, `no cohort "Nope"`},
		{[]string{"workshop", "import", "--cohort", "X"}, "one or more files"},
		{[]string{"workshop", "delete", "--cohort", "Tuesday"}, "--yes to confirm"},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != ExitBadInput || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, errOut)
		}
	}
	if code, out, _ := run(t, "workshop", "delete", "--cohort", "Tuesday", "--yes"); code != ExitOK || !strings.Contains(out, "Deleted cohort") {
		t.Errorf("delete: %d %q", code, out)
	}
	if _, out, _ := run(t, "list"); !strings.Contains(out, "No profiles yet") {
		t.Errorf("participants left after deleting the cohort: %q", out)
	}
}

// TestVersionNeedsNothingElse: --version prints the identity main recorded
// from FyneApp.toml, with no data folder and no question bank involved.
func TestVersionNeedsNothingElse(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := about.Set(data); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(t.TempDir(), "not-created"))
	for _, arg := range []string{"--version", "version", "-version"} {
		code, out, errOut := run(t, arg)
		if code != ExitOK || errOut != "" || out != about.Current().String()+"\n" || !strings.HasPrefix(out, "Hatcheck 0.") {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", arg, code, out, errOut)
		}
	}
	if _, err := os.Stat(os.Getenv("HATCHECK_DATA_DIR")); err == nil {
		t.Error("--version created the data folder")
	}
	if code, _, errOut := run(t, "--version", "score"); code != ExitBadInput || !strings.Contains(errOut, "takes nothing more") {
		t.Errorf("--version score: exit %d, %q", code, errOut)
	}
}
