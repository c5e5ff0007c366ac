package workshop

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/cputime"
	"hatcheck/internal/i18n"
	"hatcheck/questions"
	"hatcheck/report"
	"hatcheck/store"
)

var fixedDate = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

func engine(t testing.TB) *assessment.Engine {
	e, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func openStore(t testing.TB) *store.Store {
	s, err := store.Open(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// participant makes a plausible answers file: a leaning toward one track
// with noise, so that a cohort has a mix of hats and hybrids.
func participant(e *assessment.Engine, rng *rand.Rand, name string) []byte {
	lean := questions.TrackIDs[rng.Intn(3)]
	prof := map[string]bool{}
	for _, p := range e.Model.Profiles {
		if p.Track == lean {
			for _, c := range p.Competencies {
				prof[c.ID] = true
			}
		}
	}
	a := &assessment.Answers{Respondent: assessment.Respondent{Name: name, Context: assessment.Contexts[rng.Intn(5)]}, Items: map[string]assessment.Answer{}}
	for _, it := range e.Bank.Items {
		if !it.Core() || rng.Intn(40) == 0 { // a few skips
			continue
		}
		switch it.Kind {
		case questions.KindSkillRating:
			v := 1 + rng.Intn(3)
			if prof[it.Measures.Competencies[0]] {
				v += 2
			}
			a.Items[it.ID] = assessment.Answer{Value: v}
		case questions.KindWorkStyle:
			v := 2 + rng.Intn(3)
			if _, ok := it.Measures.Tracks[lean]; ok {
				if it.Measures.Reverse {
					v = 1 + rng.Intn(2)
				} else {
					v = 4 + rng.Intn(2)
				}
			}
			a.Items[it.ID] = assessment.Answer{Value: v}
		default:
			pick := it.Options[rng.Intn(len(it.Options))]
			if rng.Intn(3) > 0 {
				for _, o := range it.Options {
					if o.Track == lean {
						pick = o
					}
				}
			}
			a.Items[it.ID] = assessment.Answer{Option: pick.ID}
		}
	}
	data, _ := a.MarshalJSON()
	return data
}

// cohortFolder writes n participants' answers files into a folder.
func cohortFolder(t testing.TB, e *assessment.Engine, n int, names func(i int) string) string {
	dir := t.TempDir()
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.json", i)), participant(e, rng, names(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func plainNames(i int) string { return fmt.Sprintf("Participant %d", i+1) }

func TestImportAMixedFolder(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	dir := cohortFolder(t, e, 3, plainNames)
	// A broken file, a duplicate under another name, and a stray text file.
	os.WriteFile(filepath.Join(dir, "broken.hatcheck.json"), []byte(`{"format":"hatcheck-results","version":1,"respondent":{"name":"X"},"answers":{"skill.events":9}`), 0o644)
	dup, _ := os.ReadFile(filepath.Join(dir, "p000.json"))
	os.WriteFile(filepath.Join(dir, "p000-copy.json"), dup, 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not for import"), 0o644)
	res, err := Import(s, e, "Tuesday group", []string{dir}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	in, d, bad := res.Counts()
	if in != 3 || d != 1 || bad != 1 {
		t.Fatalf("imported %d, duplicates %d, refused %d: %+v", in, d, bad, res.Outcomes)
	}
	for _, o := range res.Outcomes {
		switch filepath.Base(o.Source) {
		case "broken.hatcheck.json":
			if len(o.Problems) == 0 || !strings.Contains(o.Problems[0], "not a readable") {
				t.Errorf("broken file: %+v", o)
			}
		case "p000.json": // the copy sorts first and came in; this is its duplicate
			if !o.Duplicate || o.Code != "P01" {
				t.Errorf("duplicate: %+v", o)
			}
		case "notes.txt":
			t.Error("a .txt file was read")
		}
	}
	c, _ := s.Cohort("Tuesday group", false)
	if c.Members != 3 {
		t.Errorf("%d members, want 3", c.Members)
	}
	// Importing the folder again changes nothing.
	res, _ = Import(s, e, "Tuesday group", []string{dir}, ImportOptions{})
	if in, d, _ := res.Counts(); in != 0 || d != 4 {
		t.Errorf("second import: %d new, %d duplicates", in, d)
	}
}

func TestImportAFormCSVWithLabelsAndABadRow(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	var b strings.Builder
	w := csv.NewWriter(&b)
	header := []string{"Timestamp", "Your name", "Where do you work?"}
	var items []questions.Item
	for _, it := range e.Bank.Items {
		if it.Core() {
			items = append(items, it)
			h := it.Text.String()
			if it.Kind == questions.KindForcedChoice {
				h += " [" + it.Label.String() + "]"
			}
			header = append(header, h)
		}
	}
	w.Write(header)
	for i, name := range []string{"Ana Form", "Ben Form", "Cy Bad", "Dee Form"} {
		row := []string{"2026/11/23 10:0" + fmt.Sprint(i), name, "Agency"}
		for _, it := range items {
			switch it.Kind {
			case questions.KindSkillRating, questions.KindWorkStyle:
				row = append(row, e.Bank.Scales[it.Scale].Label(1+(i+len(row))%5, "en"))
			default:
				row = append(row, it.Options[(i+len(row))%len(it.Options)].Text.String())
			}
		}
		if name == "Cy Bad" {
			row[5] = "Sometimes" // not a label
		}
		w.Write(row)
	}
	w.Flush()
	path := filepath.Join(t.TempDir(), "form.csv")
	os.WriteFile(path, []byte(b.String()), 0o644)
	res, err := Import(s, e, "Online group", []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	in, _, bad := res.Counts()
	if in != 3 || bad != 1 {
		t.Fatalf("imported %d, refused %d: %+v", in, bad, res.Outcomes)
	}
	for _, o := range res.Outcomes {
		if len(o.Problems) > 0 {
			want := fmt.Sprintf("row 4, column %q: %q is not an answer", header[5], "Sometimes")
			if o.Source != path+" row 4" || !strings.Contains(o.Problems[0], want) {
				t.Errorf("refusal %+v; want %s", o, want)
			}
		}
	}
	c, _ := s.Cohort("Online group", false)
	ms, _ := s.Members(c.ID)
	if len(ms) != 3 || ms[0].Attempt == nil || ms[0].Attempt.Answered != 67 {
		t.Errorf("members %+v", ms)
	}
}

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", tool, err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestReportWritesPlansGroupReportAndScores(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	names := func(i int) string {
		if i == 0 {
			return "=HYPERLINK(\"http://x\")" // a name that would be a formula
		}
		return plainNames(i)
	}
	if _, err := Import(s, e, "Big group", []string{cohortFolder(t, e, 12, names)}, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, withNames := range []bool{false, true} {
		out := t.TempDir()
		calls := 0
		w, err := Report(context.Background(), s, e, "Big group", out, Options{Names: withNames, Paper: report.A4, Date: fixedDate}, func(done, total int) {
			calls++
			if total != 12 || done > total {
				t.Errorf("progress %d of %d", done, total)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(w.Plans)+len(w.Skipped) != 12 || calls != 12 {
			t.Fatalf("%d plans, %d skipped, %d progress calls", len(w.Plans), len(w.Skipped), calls)
		}
		if !strings.HasPrefix(filepath.Base(w.Plans[1]), "P02-Participant-2") {
			t.Errorf("plan named %s", filepath.Base(w.Plans[1]))
		}
		text := poppler(t, "pdftotext", "-raw", w.GroupReport, "-")
		for _, want := range []string{"How the group leans", "Everyone's fit", "Skills across the group", "What to teach next", "Peer pairs", "Questions for discussion", "Cronbach", "Page 1 of"} {
			if !strings.Contains(text, want) {
				t.Errorf("group report lacks %q", want)
			}
		}
		if strings.Contains(text, "P03") == withNames || strings.Contains(text, "Participant 3") != withNames {
			t.Errorf("names shown = %v with names switched %v", !withNames, withNames)
		}
		info := poppler(t, "pdffonts", w.GroupReport)
		if strings.Count(info, "yes yes") < 2 && strings.Count(info, "yes") < 4 {
			t.Errorf("fonts not embedded:\n%s", info)
		}
		data, _ := os.ReadFile(w.Scores)
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || len(rows) != 13 {
			t.Fatalf("scores.csv: %v, %d rows", err, len(rows))
		}
		if withNames && rows[1][1] != `'=HYPERLINK("http://x")` {
			t.Errorf("a formula name was written as %q", rows[1][1])
		}
		if !withNames && strings.Contains(string(data), "Participant") {
			t.Error("names in the anonymous scores")
		}
	}
}

func TestSmallGroupShowsCountsOnly(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	Import(s, e, "Trio", []string{cohortFolder(t, e, 3, plainNames)}, ImportOptions{})
	out := t.TempDir()
	w, err := Report(context.Background(), s, e, "Trio", out, Options{Date: fixedDate}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := poppler(t, "pdftotext", "-raw", w.GroupReport, "-")
	if !strings.Contains(text, "only counts are shown") || strings.Contains(text, "P02 is stronger") {
		t.Error("a group of three shows more than counts")
	}
	if strings.Count(text, "shown for 5 or more") != 3 {
		t.Error("mean fits of fewer than 5 people were shown")
	}
}

func TestCancelKeepsWrittenPlans(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	Import(s, e, "Cancelled", []string{cohortFolder(t, e, 8, plainNames)}, ImportOptions{})
	ctx, cancel := context.WithCancel(context.Background())
	out := t.TempDir()
	w, err := Report(ctx, s, e, "Cancelled", out, Options{Date: fixedDate, Workers: 1}, func(done, total int) {
		if done == 2 {
			cancel()
		}
	})
	if err == nil || !strings.Contains(err.Error(), "stopped after") {
		t.Fatalf("error %v", err)
	}
	if len(w.Plans) < 2 || len(w.Plans) >= 8 || w.GroupReport != "" {
		t.Errorf("%d plans, group report %q", len(w.Plans), w.GroupReport)
	}
	for _, p := range w.Plans {
		if b, _ := os.ReadFile(p); !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s is not a complete PDF", p)
		}
	}
}

func TestDeletingACohortDeletesItsParticipants(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	Import(s, e, "Gone", []string{cohortFolder(t, e, 4, plainNames)}, ImportOptions{})
	keep, _ := s.CreateProfile("Not in the cohort", "")
	c, _ := s.Cohort("Gone", false)
	if n, err := s.DeleteCohort(c.ID); err != nil || n != 4 {
		t.Fatal(err)
	}
	ps, _ := s.Profiles()
	if len(ps) != 1 || ps[0].ID != keep.ID {
		t.Errorf("profiles left: %+v", ps)
	}
	if cs, _ := s.Cohorts(); len(cs) != 0 {
		t.Errorf("cohorts left: %+v", cs)
	}
}

func TestTemplateWritesWorksheetAndCSV(t *testing.T) {
	e := engine(t)
	dir := t.TempDir()
	ws, c, err := Template(e, dir, report.Options{Paper: report.Letter, Date: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	text := poppler(t, "pdftotext", "-raw", ws, "-")
	for _, it := range e.Bank.Items {
		if it.Core() && !strings.Contains(text, "["+it.ID+"]") {
			t.Errorf("the worksheet lacks %s", it.ID)
		}
	}
	if !strings.Contains(poppler(t, "pdfinfo", ws), "letter") {
		t.Error("the worksheet is not on Letter paper")
	}
	f, _ := os.Open(c)
	defer f.Close()
	rows, _, _, err := assessment.ParseCSV(f, e.Bank, assessment.CSVOptions{})
	if err != nil || len(rows) != 0 {
		t.Errorf("the blank template parses to %d rows: %v", len(rows), err)
	}
}

// TestTemplateSpeaksTheEngineLanguage: a Spanish engine writes the CSV
// template with Spanish headers and labels (the same as the window and the
// command line in Spanish), and the importer still reads it.
func TestTemplateSpeaksTheEngineLanguage(t *testing.T) {
	e := engine(t).In("es")
	_, c, err := Template(e, t.TempDir(), report.Options{Date: fixedDate})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(c)
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(data), "\n")
	if !strings.HasPrefix(first, "nombre,contexto,") {
		t.Errorf("the Spanish template's header starts %.40q, want nombre,contexto,", first)
	}
	if strings.Contains(string(data), "Never done it") || !strings.Contains(string(data), "cualquier nombre") {
		t.Errorf("the Spanish template's labels are not Spanish: %.300q", data)
	}
	rows, _, _, err := assessment.ParseCSV(strings.NewReader(string(data)), e.Bank, assessment.CSVOptions{})
	if err != nil || len(rows) != 0 {
		t.Errorf("the blank Spanish template parses to %d rows: %v", len(rows), err)
	}
}

func TestEscapeCell(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+31 6": "'+31 6", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "Zoë": "Zoë", "": "", "Eve\x1b]0;x\x07": "Eve\\x1b]0;x\\x07"} {
		if got := EscapeCell(in); got != want {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}

// benchmarkCohort imports n participants once and times the whole report.
func benchmarkCohort(b *testing.B, n int) {
	e := engine(b)
	s := openStore(b)
	if _, err := Import(s, e, "Bench", []string{cohortFolder(b, e, n, plainNames)}, ImportOptions{}); err != nil {
		b.Fatal(err)
	}
	var peak uint64
	b.ResetTimer()
	cpu := cputime.Process()
	for b.Loop() {
		out := b.TempDir()
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() { // sample the heap while the report runs
			defer close(done)
			var ms runtime.MemStats
			for {
				select {
				case <-stop:
					return
				case <-time.After(20 * time.Millisecond):
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > peak {
						peak = ms.HeapInuse
					}
				}
			}
		}()
		w, err := Report(context.Background(), s, e, "Bench", out, Options{Date: fixedDate}, nil)
		close(stop)
		<-done
		if err != nil || len(w.Plans)+len(w.Skipped) != n {
			b.Fatalf("%v: %d plans", err, len(w.Plans))
		}
	}
	if used := cputime.Process() - cpu; used > 0 {
		b.ReportMetric(used.Seconds()/float64(b.N), "s-cpu/op")
	}
	b.ReportMetric(float64(peak)/(1<<20), "MB-peak-heap")
}

func BenchmarkWorkshop30(b *testing.B)   { benchmarkCohort(b, 30) }
func BenchmarkWorkshop500(b *testing.B)  { benchmarkCohort(b, 500) }
func BenchmarkWorkshop1000(b *testing.B) { benchmarkCohort(b, 1000) }

// TestScoresCSVInSpanish: in Spanish, scores.csv has Spanish headers,
// semicolons between cells and decimal commas, as a Spanish spreadsheet
// opens a CSV; the codes and IDs in the cells stay as they are.
func TestScoresCSVInSpanish(t *testing.T) {
	fit, low, high := assessment.Score(73.5), assessment.Score(61.3), assessment.Score(80)
	m := assessment.Member{Code: "P01", Name: "Zoë", Context: "agency", Best: questions.TrackIDs[0],
		Verdict: assessment.Verdict{Kind: "clear"},
		Fit:     map[string]*assessment.Score{questions.TrackIDs[0]: &fit},
		Band:    map[string]*[2]assessment.Score{questions.TrackIDs[0]: {low, high}}}
	for lang, want := range map[string][]string{
		"en": {"participant,name,context,best_fit,verdict," + questions.TrackIDs[0] + "_fit,", "P01,Zoë,agency," + questions.TrackIDs[0] + ",clear,73.5,61.3,80.0,,,"},
		"es": {"participante;nombre;contexto;mejor_encaje;veredicto;" + questions.TrackIDs[0] + "_encaje;", "P01;Zoë;agency;" + questions.TrackIDs[0] + ";clear;73,5;61,3;80,0;;;"},
	} {
		var buf bytes.Buffer
		if err := ScoresCSV(&buf, i18n.For(lang), []assessment.Member{m}, true); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(buf.String(), "\n")
		if len(lines) < 2 || !strings.HasPrefix(lines[0], want[0]) || !strings.HasPrefix(lines[1], want[1]) {
			t.Errorf("%s:\n%s\nwant lines starting\n%s\n%s", lang, buf.String(), want[0], want[1])
		}
	}
}
