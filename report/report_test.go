package report

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/cputime"
	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

var update = flag.Bool("update", false, "rewrite the golden text files in testdata/")

var keep = flag.String("keep", "", "copy every PDF the layout tests render into this folder, to look at")

var fixedDate = time.Date(2026, 11, 23, 9, 30, 0, 0, time.UTC)

var personas = []string{"clear-smm", "clear-cm", "clear-strategist", "hybrid", "burnt-out-generalist", "straight-liner"}

func testEngine(t testing.TB) *assessment.Engine {
	t.Helper()
	e, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// persona scores a persona of the assessment package and builds its default
// plan (or, when there is no best fit, the plan for track).
func persona(t testing.TB, name string) Input {
	t.Helper()
	return personaIn(t, name, "en")
}

// personaIn is persona in a language: the engine, its result and its plan
// speak lang.
func personaIn(t testing.TB, name, lang string) Input {
	t.Helper()
	return answersFileIn(t, filepath.Join("..", "assessment", "testdata", "personas", name+".json"), lang)
}

// answersFile scores an answers file and builds its default plan.
func answersFile(t testing.TB, path string) Input {
	t.Helper()
	return answersFileIn(t, path, "en")
}

// answersFileIn is answersFile in a language.
func answersFileIn(t testing.TB, path, lang string) Input {
	t.Helper()
	e := testEngine(t).In(lang)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a, err := assessment.ParseAnswers(data, e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	r := e.Score(a)
	p, err := e.BuildPlan(a, r, "")
	if err != nil {
		t.Fatal(err)
	}
	return Input{Engine: e, Result: r, Plan: p}
}

func withName(in Input, name string) Input {
	p := *in.Plan
	p.Respondent.Name = name
	in.Plan = &p
	return in
}

func withNotes(in Input, notes string) Input {
	p := *in.Plan
	p.Notes = notes
	in.Plan = &p
	return in
}

// writePDF renders in into a temporary file and returns its path.
func writePDF(t testing.TB, in Input, opt Options) (string, []string) {
	t.Helper()
	if opt.Date.IsZero() {
		opt.Date = fixedDate
	}
	path := filepath.Join(t.TempDir(), "plan.pdf")
	warnings, err := WriteFile(path, in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return path, warnings
}

// poppler runs one of poppler's tools; they are installed by "make deps".
func poppler(t testing.TB, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is missing: install poppler-utils (make deps does it)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

func info(t testing.TB, path string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(poppler(t, "pdfinfo", path), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

// rawText is the text in content order, whitespace folded, so that a
// wrapped sentence can be found whole.
func rawText(t testing.TB, path string) string {
	return strings.Join(strings.Fields(poppler(t, "pdftotext", "-raw", "-enc", "UTF-8", path, "-")), " ")
}

func fold(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPDFPassesPopplerChecks checks every persona's plan, in both paper
// sizes and in every language, the way a reader's tools see it.
func TestPDFPassesPopplerChecks(t *testing.T) {
	sizes := map[Paper]string{A4: "595.28 x 841.89 pts (A4)", Letter: "612 x 792 pts (letter)"}
	for _, lang := range i18n.Supported {
		for _, name := range personas {
			for paper, size := range sizes {
				t.Run(lang+"/"+name+"/"+string(paper), func(t *testing.T) {
					checkPlan(t, personaIn(t, name, lang), paper, size, name)
				})
			}
		}
	}
}

// checkPlan renders a plan and checks its metadata, fonts, text and pages.
func checkPlan(t *testing.T, in Input, paper Paper, size, label string) {
	tr := in.Engine.Printer()
	path, warnings := writePDF(t, in, Options{Paper: paper})
	if len(warnings) > 0 {
		t.Errorf("warnings for a plain name: %v", warnings)
	}
	inf := info(t, path)
	if inf["Page size"] != size {
		t.Errorf("page size %q, want %q", inf["Page size"], size)
	}
	pages, _ := strconv.Atoi(inf["Pages"])
	if pages < 6 {
		t.Errorf("%d pages", pages)
	}
	if inf["Title"] != tr.T(Title)+": "+in.Plan.Respondent.Name || inf["Author"] == "" || !strings.Contains(inf["Subject"], in.Plan.TrackName) {
		t.Errorf("metadata title %q author %q subject %q", inf["Title"], inf["Author"], inf["Subject"])
	}
	fonts := strings.Split(strings.TrimSpace(poppler(t, "pdffonts", path)), "\n")[2:]
	if len(fonts) != 2 {
		t.Errorf("%d fonts, want the regular and bold DejaVu Sans:\n%s", len(fonts), strings.Join(fonts, "\n"))
	}
	for _, f := range fonts {
		cols := strings.Fields(f)
		// name type... encoding emb sub uni object ID
		n := len(cols)
		if n < 5 || cols[n-5] != "yes" || cols[n-3] != "yes" {
			t.Errorf("font not embedded with a Unicode map: %s", f)
		}
	}
	text := rawText(t, path)
	want := []string{in.Plan.Respondent.Name, tr.T(assessment.Disclaimer), tr.Date(fixedDate),
		strings.Replace(tr.T("Page {{.N}} of {nb}", map[string]any{"N": pages}), "{nb}", strconv.Itoa(pages), 1),
		strings.Replace(tr.T("Page {{.N}} of {nb}", map[string]any{"N": 1}), "{nb}", strconv.Itoa(pages), 1)}
	for _, hat := range in.Engine.Bank.Tracks {
		want = append(want, hat.Name.In(tr.Lang()))
	}
	for _, ph := range in.Plan.Phases {
		if len(ph.Actions) > 0 {
			want = append(want, ph.Title)
		}
		for _, a := range ph.Actions {
			want = append(want, fold(a.Text), fold(a.Proof))
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("the PDF text lacks %q", w)
		}
	}
	checkSources(t, text, in.Engine)
	checkInsidePages(t, path)
	checkPages(t, path, planHeadings(in))
	keepPDF(t, path, label+"-"+string(paper)+"-"+tr.Lang())
}

// TestPDFOutline checks that every section has a bookmark, in order.
func TestPDFOutline(t *testing.T) {
	for _, lang := range i18n.Supported {
		t.Run(lang, func(t *testing.T) { checkOutline(t, personaIn(t, "burnt-out-generalist", lang)) })
	}
}

// checkOutline renders a plan and checks its bookmarks, in its language.
func checkOutline(t *testing.T, in Input) {
	path, _ := writePDF(t, in, Options{Paper: A4})
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	d := &doc{in: in, tr: in.Engine.Printer(), opt: Options{}}
	last := -1
	for _, s := range d.sections() {
		// gofpdf writes bookmark titles as UTF-16BE with a byte order mark.
		title := utf16be(s.title)
		i := bytes.Index(data, title)
		if i < 0 {
			t.Errorf("no bookmark for %q", s.title)
			continue
		}
		if i < last {
			t.Errorf("bookmark %q is out of order", s.title)
		}
		last = i
	}
	if !bytes.Contains(data, []byte("/Outlines")) {
		t.Error("the PDF has no outline")
	}
}

func utf16be(s string) []byte {
	out := []byte{0xFE, 0xFF}
	for _, r := range s {
		out = append(out, byte(r>>8), byte(r))
	}
	return out
}

// checkInsidePages fails when any word lies outside its page: text cut off
// by a missed page break.
func checkInsidePages(t *testing.T, path string) {
	t.Helper()
	var doc struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			} `xml:"word"`
		} `xml:"body>doc>page"`
	}
	out := poppler(t, "pdftotext", "-bbox", "-enc", "UTF-8", path, "-")
	if err := xml.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("read pdftotext -bbox: %v", err)
	}
	if len(doc.Pages) == 0 {
		t.Fatal("no pages in pdftotext -bbox output")
	}
	for i, p := range doc.Pages {
		for _, w := range p.Words {
			if w.XMin < 0 || w.YMin < 0 || w.XMax > p.Width+0.5 || w.YMax > p.Height+0.5 {
				t.Errorf("page %d: %q is outside the page (%.0f,%.0f)-(%.0f,%.0f)", i+1, w.Text, w.XMin, w.YMin, w.XMax, w.YMax)
			}
			// Above the footer (12 mm from the bottom = 34 pt) only the
			// footer itself may appear.
			if w.YMax > p.Height-34 && w.YMin < p.Height-40 {
				t.Errorf("page %d: %q runs into the footer", i+1, w.Text)
			}
		}
	}
}

// TestPDFTextIsDeterministic renders each persona twice and compares the
// layout text with the golden file (go test ./report -update rewrites it).
// The English goldens are testdata/<persona>.txt, the others
// testdata/<persona>.<lang>.txt.
func TestPDFTextIsDeterministic(t *testing.T) {
	for _, lang := range i18n.Supported {
		for _, name := range personas {
			t.Run(lang+"/"+name, func(t *testing.T) {
				in := personaIn(t, name, lang)
				a, _ := writePDF(t, in, Options{Paper: A4})
				b, _ := writePDF(t, in, Options{Paper: A4})
				ta := poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", a, "-")
				tb := poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", b, "-")
				if ta != tb {
					t.Fatal("the same input gave two different texts")
				}
				file := name + ".txt"
				if lang != "en" {
					file = name + "." + lang + ".txt"
				}
				checkGolden(t, filepath.Join("testdata", file), ta)
			})
		}
	}
}

// checkGolden compares text with a golden file, or rewrites the file with
// -update.
func checkGolden(t *testing.T, golden, ta string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(ta), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (go test ./report -update creates it)", err)
	}
	if string(want) != ta {
		t.Errorf("%s differs from the PDF text; if the change is intended, run go test ./report -update and review the diff", golden)
	}
}

// TestNamesInManyScriptsRenderAndExtract: Latin with accents, Polish,
// Greek and Cyrillic come out exactly as typed, with no warning.
func TestNamesInManyScriptsRenderAndExtract(t *testing.T) {
	in := persona(t, "clear-cm")
	for _, name := range []string{"Zoë Ñúñez-Łukasiewicz", "Ελένη Παπαδοπούλου", "Дмитрий Волков", "Zoe\u0308 decomposed"} {
		t.Run(name, func(t *testing.T) {
			note := "Notes by " + name + ": Ελένη, Дмитрий, Łódź, Ærøskøbing."
			path, warnings := writePDF(t, withNotes(withName(in, name), note), Options{Paper: A4})
			if len(warnings) > 0 {
				t.Errorf("warnings: %v", warnings)
			}
			text := rawText(t, path)
			want := strings.ReplaceAll(name, "e\u0308", "ë") // composed on the page
			if !strings.Contains(text, want) {
				t.Errorf("the PDF text lacks the name %q", want)
			}
			if !strings.Contains(text, "Ελένη, Дмитрий, Łódź, Ærøskøbing.") {
				t.Error("the notes did not survive")
			}
			if inf := info(t, path); inf["Title"] != Title+": "+want {
				t.Errorf("title metadata %q", inf["Title"])
			}
		})
	}
}

// TestUndrawableCharactersArePlaceholdersAndWarned: emoji and CJK do not
// stop the export; they show as a placeholder and the caller is told.
func TestUndrawableCharactersArePlaceholdersAndWarned(t *testing.T) {
	in := persona(t, "clear-smm")
	path, warnings := writePDF(t, withNotes(withName(in, "Ana 🙂 李 👍🏽"), "Great week 🎉"), Options{Paper: A4})
	if len(warnings) != 2 || warnings[0] != "your name: 4 characters the PDF font cannot draw (🙂李👍🏽) are shown as \uFFFD" ||
		warnings[1] != "your notes: 1 character the PDF font cannot draw (🎉) is shown as \uFFFD" {
		t.Errorf("warnings %q", warnings)
	}
	text := rawText(t, path)
	if !strings.Contains(text, "Ana \uFFFD \uFFFD \uFFFD\uFFFD") || !strings.Contains(text, "Great week \uFFFD") {
		t.Errorf("placeholders missing from %q", text[:200])
	}
}

// TestLongNoteBreaksAcrossPages: 5,000 characters of notes wrap inside the
// margins and continue on the next pages.
func TestLongNoteBreaksAcrossPages(t *testing.T) {
	in := persona(t, "hybrid")
	base, _ := writePDF(t, in, Options{Paper: Letter})
	var note strings.Builder
	for i := 0; note.Len() < 5000; i++ {
		fmt.Fprintf(&note, "Sentence %d of my reflections on the plan, with a verylongwordthatkeepsgoingwithoutanyspacesatall%d. ", i, i)
		if i%9 == 8 {
			note.WriteString("\n\n")
		}
	}
	path, warnings := writePDF(t, withNotes(in, note.String()), Options{Paper: Letter})
	if len(warnings) > 0 {
		t.Errorf("warnings %v", warnings)
	}
	before, _ := strconv.Atoi(info(t, base)["Pages"])
	after, _ := strconv.Atoi(info(t, path)["Pages"])
	if after < before+1 {
		t.Errorf("a 5,000-character note added %d pages", after-before)
	}
	text := rawText(t, path)
	last := regexp.MustCompile(`Sentence \d+ of`).FindAllString(note.String(), -1)
	for _, s := range []string{"Sentence 0 of my reflections", last[len(last)-1]} {
		if !strings.Contains(text, s) {
			t.Errorf("the PDF lacks %q", s)
		}
	}
	checkInsidePages(t, path)
	checkPages(t, path, planHeadings(in))
}

// TestPlanWithoutGapsAndWithoutFit: a straight-liner has no gaps; a person
// with too few answers gets a plan for the track they asked for.
func TestPlanWithoutGapsAndWithoutFit(t *testing.T) {
	e := testEngine(t)
	a, err := assessment.ParseAnswers([]byte(`{"format":"hatcheck-answers","version":1,"respondent":{"name":"Few Answers"},"answers":{"skill.moderation":2}}`), e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	r := e.Score(a)
	p, err := e.BuildPlan(a, r, questions.TrackCommunityManager)
	if err != nil {
		t.Fatal(err)
	}
	path, _ := writePDF(t, Input{Engine: e, Result: r, Plan: p}, Options{})
	text := rawText(t, path)
	for _, w := range []string{"not enough answers", "as you asked", "Moderation, guidelines and conflict"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q", w)
		}
	}
	path, _ = writePDF(t, persona(t, "straight-liner"), Options{})
	if !strings.Contains(rawText(t, path), "nothing to close") {
		t.Error("a plan without gaps does not say so")
	}
}

func TestWriteFileLeavesNothingBehindOnFailure(t *testing.T) {
	in := persona(t, "clear-cm")
	dir := t.TempDir()
	// A folder that does not exist.
	_, err := WriteFile(filepath.Join(dir, "missing", "plan.pdf"), in, Options{Date: fixedDate})
	if err == nil || !strings.Contains(err.Error(), "cannot write in") {
		t.Errorf("error %v", err)
	}
	// A path whose parent is a file.
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFile(filepath.Join(file, "plan.pdf"), in, Options{Date: fixedDate}); err == nil {
		t.Error("writing under a file succeeded")
	}
	// Replacing an existing file leaves a complete PDF and no temporary file.
	target := filepath.Join(dir, "plan.pdf")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFile(target, in, Options{Date: fixedDate}); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	data, _ := os.ReadFile(target)
	if !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[len(data)-32:], []byte("%%EOF")) {
		t.Error("the replaced file is not a complete PDF")
	}
}

// TestConcurrentPlansAreRaceFree builds plans on several goroutines; run
// with -race it catches shared font state.
func TestConcurrentPlansAreRaceFree(t *testing.T) {
	var ins []Input
	for _, name := range personas {
		ins = append(ins, persona(t, name))
	}
	var wg sync.WaitGroup
	sizes := make([]int, 12)
	for i := range sizes {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			var buf bytes.Buffer
			if _, err := Write(&buf, ins[i%len(ins)], Options{Date: fixedDate}); err != nil {
				t.Error(err)
			}
			sizes[i] = buf.Len()
		}(i)
	}
	wg.Wait()
	for i, n := range sizes {
		if j := i % len(ins); i >= len(ins) && n != sizes[j] {
			t.Errorf("document %d is %d bytes, its twin %d bytes", i, n, sizes[j])
		}
	}
}

func TestEveryBuiltInTextIsDrawable(t *testing.T) {
	cover, err := coverage()
	if err != nil {
		t.Fatal(err)
	}
	e := testEngine(t)
	var texts []string
	for _, it := range e.Bank.Items {
		texts = append(texts, it.Text.String(), it.Label.String())
		for _, o := range it.Options {
			texts = append(texts, o.Text.String())
		}
	}
	for _, c := range e.Bank.Competencies {
		texts = append(texts, c.Name.String())
	}
	for _, a := range e.Plan().Actions {
		texts = append(texts, a.Text.String(), a.Proof.String())
		for _, n := range a.Contexts {
			texts = append(texts, n.String())
		}
	}
	for _, a := range e.Plan().Advice {
		texts = append(texts, a.Text.String())
	}
	for _, s := range e.Bank.Sources {
		texts = append(texts, s.Title, s.Author["en"], s.Author["es"])
	}
	texts = append(texts, "•−–×→↑", Title)
	for _, s := range texts {
		if _, bad := sanitize(s, cover); len(bad) > 0 {
			t.Errorf("%q has characters the font cannot draw: %q", s, string(bad))
		}
	}
}

func TestDefaultPaperFollowsTheLocale(t *testing.T) {
	for locale, want := range map[string]Paper{"en_US.UTF-8": Letter, "es_MX.UTF-8": Letter, "en_GB.UTF-8": A4, "de_DE@euro": A4, "C": A4, "": A4, "fr_CA": Letter} {
		if got := DefaultPaper(locale); got != want {
			t.Errorf("%q: %s, want %s", locale, got, want)
		}
	}
	if _, err := ParsePaper("A5"); err == nil {
		t.Error("A5 accepted")
	}
}

func FuzzSanitize(f *testing.F) {
	cover, err := coverage()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("Zoë Ñúñez-Łukasiewicz")
	f.Add("Ana 🙂 李\u200d\ufe0f\x00\t\r\n")
	f.Add(string([]byte{0xff, 0xfe, 'a'}))
	f.Fuzz(func(t *testing.T, s string) {
		out, _ := sanitize(s, cover)
		for _, r := range out {
			if r != '\n' && r != ' ' && r != Placeholder && !cover[r] {
				t.Fatalf("%q survived sanitizing", r)
			}
		}
	})
}

// FuzzCmapRunes: the font reader must not panic on a damaged font file.
func FuzzCmapRunes(f *testing.F) {
	font, err := os.ReadFile("../assets/fonts/DejaVuSans.ttf")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(font[:4096])
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00cmap\x00\x00\x00\x00\x00\x00\x00\x1c\x00\x00\x00\x10"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = cmapRunes(data)
	})
}

func TestCmapRunesReadsTheEmbeddedFonts(t *testing.T) {
	cover, err := coverage()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "AzÿŁΩЖ€•−\uFFFD" {
		if !cover[r] {
			t.Errorf("%q is not covered", r)
		}
	}
	for _, r := range "李🙂\u0600" {
		if cover[r] {
			t.Errorf("%q is covered, but the subset fonts have no such glyph", r)
		}
	}
}

// BenchmarkPlanPDF renders one full plan, font parsing included.
// BenchmarkPlanPDF renders one plan. Besides wall time it reports the
// process's CPU time (user + system) per plan, "ms-cpu/op", which a busy
// shared machine disturbs much less; the target is 10 ms of CPU and 8 MB
// allocated per plan (docs/PERFORMANCE.md).
func BenchmarkPlanPDF(b *testing.B) {
	in := persona(b, "burnt-out-generalist")
	var size int
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		var buf bytes.Buffer
		if _, err := Write(&buf, in, Options{Date: fixedDate}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	reportCPU(b, cpu)
	b.ReportMetric(float64(size)/1024, "KB/pdf")
}

// reportCPU reports the CPU time used since start per iteration, in ms.
func reportCPU(b *testing.B, start time.Duration) {
	if used := cputime.Process() - start; used > 0 {
		b.ReportMetric(float64(used)/float64(time.Millisecond)/float64(b.N), "ms-cpu/op")
	}
}

// BenchmarkHundredPlans renders 100 plans on two workers, as a trainer's
// "print every plan" does.
func BenchmarkHundredPlans(b *testing.B) {
	var ins []Input
	for _, name := range personas {
		ins = append(ins, persona(b, name))
	}
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		jobs := make(chan int)
		var wg sync.WaitGroup
		for w := 0; w < 2; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					var buf bytes.Buffer
					if _, err := Write(&buf, ins[i%len(ins)], Options{Date: fixedDate}); err != nil {
						b.Error(err)
					}
				}
			}()
		}
		for i := 0; i < 100; i++ {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
	}
	reportCPU(b, cpu)
}
