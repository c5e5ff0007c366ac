package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const colonist = "../jobad/testdata/eval/05-colonist-community-manager.txt"

func TestJobAdJSONHasAllThreeHatsSortedAndTheLinesBehindThem(t *testing.T) {
	code, out, errOut := run(t, "jobad", colonist, "--json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Hats []struct {
			ID    string  `json:"id"`
			Share float64 `json:"share"`
			Lines int     `json:"lines"`
		} `json:"hats"`
		Signals []struct{ ID, Text string } `json:"signals"`
		Lines   []struct {
			Text       string  `json:"text"`
			Hat        *string `json:"hat"`
			Competency *string `json:"competency"`
		} `json:"lines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Hats) != 3 || doc.Hats[0].ID != "community-manager" || doc.Hats[0].Share < doc.Hats[1].Share || doc.Hats[1].Share < doc.Hats[2].Share {
		t.Errorf("hats %+v", doc.Hats)
	}
	ids := map[string]bool{}
	for _, s := range doc.Signals {
		ids[s.ID] = true
	}
	if !ids["several-hats"] || !ids["after-hours"] {
		t.Errorf("signals %v", ids)
	}
	counted := 0
	for _, l := range doc.Lines {
		if l.Hat != nil {
			counted++
		}
	}
	if counted != doc.Hats[0].Lines+doc.Hats[1].Lines+doc.Hats[2].Lines {
		t.Errorf("%d lines have a hat; the shares count %+v", counted, doc.Hats)
	}
}

func TestJobAdAgainstAResultNamesGapsAndActions(t *testing.T) {
	code, out, errOut := run(t, "jobad", colonist, "--against", "../assessment/testdata/personas/clear-strategist.json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Share of the ad", "Community manager", "What to watch for", "Against your result", "gap:", "to add to your plan", "Questions to ask the employer", "[title]"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestJobAdFromStandardInputAndItsMessages(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run", "^TestHelperJobAdStdin$")
	cmd.Env = append(os.Environ(), "HATCHECK_HELPER=1", "HOME="+dir)
	cmd.Stdin = strings.NewReader("Social Media Manager\n- Plan and schedule posts\n- Salary: $40,000 plus benefits\n")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "[set aside: pay]") || !strings.Contains(string(out), "[social media: content-creation]") {
		t.Errorf("stdin: %v\n%s", err, out)
	}
	pdf := filepath.Join(dir, "ad.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4 binary"), 0o600)
	big := filepath.Join(dir, "big.txt")
	os.WriteFile(big, []byte(strings.Repeat("Moderate the forum. ", 1<<16)), 0o600) // 1.3 MB
	empty := filepath.Join(dir, "empty.html")
	os.WriteFile(empty, []byte("<html><body> </body></html>"), 0o600)
	fifo := filepath.Join(dir, "fifo.txt")
	makeFIFO(t, fifo)
	for _, c := range []struct{ file, want string }{
		{pdf, "PDF files are not read"},
		{big, "too large"},
		{empty, "the ad is empty"},
		{fifo, "named pipe"},
		{filepath.Join(dir, "missing.txt"), "no such file"},
	} {
		code, _, errOut := run(t, "jobad", c.file)
		if code != ExitBadInput || !strings.Contains(errOut, c.want) || strings.Contains(errOut, "goroutine") {
			t.Errorf("%s: exit %d, %q", filepath.Base(c.file), code, errOut)
		}
	}
	if code, _, errOut := run(t, "jobad"); code != ExitBadInput || !strings.Contains(errOut, "needs one file") {
		t.Errorf("no file: %d %q", code, errOut)
	}
}

// TestHelperJobAdStdin runs "hatcheck jobad -" in a child process, whose
// standard input the parent sets.
func TestHelperJobAdStdin(t *testing.T) {
	if os.Getenv("HATCHECK_HELPER") != "1" {
		t.Skip("run by TestJobAdFromStandardInputAndItsMessages")
	}
	os.Exit(Run([]string{"jobad", "-"}, os.Stdout, os.Stderr))
}

func TestJobAdKeptWithAnAttemptGetsAPageInThePlanPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is missing; make deps installs it")
	}
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	if code, _, errOut := run(t, "import", example); code != ExitOK {
		t.Fatalf("import: %s", errOut)
	}
	code, out, errOut := run(t, "jobad", colonist, "--attempt", "1")
	if code != ExitOK || !strings.Contains(out, "Kept with attempt 1") {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	pdf := filepath.Join(dir, "plan.pdf")
	if code, _, errOut := run(t, "plan", "--attempt", "1", "-o", pdf); code != ExitOK {
		t.Fatalf("plan: %s", errOut)
	}
	text, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Job ad check", "Community Manager (05-colonist-community-manager.txt)", "The lines behind the shares", "Against your result", "Questions to ask before you accept"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the plan PDF lacks %q", want)
		}
	}
	if code, _, errOut := run(t, "jobad", colonist, "--attempt", "99"); code != ExitBadInput || !strings.Contains(errOut, "no attempt 99") {
		t.Errorf("a missing attempt: %d %q", code, errOut)
	}
}

func TestWorkshopJobAdsWritesOnePagePerAd(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) is missing; make deps installs it")
	}
	dir := t.TempDir()
	for _, f := range []string{"05-colonist-community-manager.txt", "14-brokaw-social-strategist.txt", "24-montgomery-county-social-media-specialist.txt"} {
		data, _ := os.ReadFile("../jobad/testdata/eval/" + f)
		os.WriteFile(filepath.Join(dir, f), data, 0o600)
	}
	os.WriteFile(filepath.Join(dir, "scan.pdf"), []byte("%PDF-1.4"), 0o600)
	os.WriteFile(filepath.Join(dir, "notes.csv"), []byte("ignored"), 0o600)
	code, out, errOut := run(t, "workshop", "jobads", dir)
	if code != ExitBadInput || !strings.Contains(errOut, "refused scan.pdf: PDF files are not read") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out, "Read 4 files: 3 checked, 1 refused.") || !strings.Contains(out, "(several hats)") {
		t.Errorf("stdout %q", out)
	}
	info, err := exec.Command("pdfinfo", filepath.Join(dir, "job-ads.pdf")).Output()
	if err != nil || !strings.Contains(strings.Join(strings.Fields(string(info)), " "), "Pages: 3 ") {
		t.Errorf("pdfinfo: %v\n%s", err, info)
	}
}
