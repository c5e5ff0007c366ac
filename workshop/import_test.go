package workshop

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"hatcheck/assessment"
)

// templateCSV is a CSV in the template's shape: name, context and the core
// item IDs; each row gives its name and a cell for every item column
// (cells may be cut short by the row function).
func templateCSV(e *assessment.Engine, delim string, rows ...func(header []string) []string) string {
	header := []string{"name", "context"}
	for _, it := range e.Bank.Items {
		if it.Core() {
			header = append(header, it.ID)
		}
	}
	var b strings.Builder
	b.WriteString(strings.Join(header, delim) + "\n")
	for _, r := range rows {
		b.WriteString(strings.Join(r(header), delim) + "\n")
	}
	return b.String()
}

// person fills every item with a valid answer; v varies the answers.
func person(e *assessment.Engine, name string, v int) func([]string) []string {
	return func(header []string) []string {
		row := []string{name, ""}
		for _, id := range header[2:] {
			it, _ := e.Bank.Item(id)
			if len(it.Options) > 0 {
				row = append(row, string(rune('A'+v%len(it.Options))))
			} else {
				row = append(row, fmt.Sprint(1+v%5))
			}
		}
		return row
	}
}

func cut(f func([]string) []string, keep int) func([]string) []string {
	return func(h []string) []string { return f(h)[:keep] }
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func checkCounts(t *testing.T, res ImportResult, in, dup, bad int) {
	t.Helper()
	gi, gd, gb := res.Counts()
	if gi != in || gd != dup || gb != bad || res.Read() != gi+gd+gb {
		t.Fatalf("read %d: %d imported, %d already there, %d refused; want %d, %d, %d:\n%+v", res.Read(), gi, gd, gb, in, dup, bad, res.Outcomes)
	}
}

// TestCSVNeverMergesOrDropsPeople: two people with one name, names that
// differ only by spaces, a name starting with #, and a row cut short.
func TestCSVNeverMergesOrDropsPeople(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	csv := templateCSV(e, ",",
		person(e, "Ana López", 1),
		person(e, "Ana López", 2),        // another Ana
		person(e, "\u00a0Ben Ortiz ", 3), // NBSP and a trailing space
		person(e, "Ben Ortiz", 4),
		person(e, "#1 Fan", 0),
		cut(person(e, "Short Row", 2), 20),
	)
	path := writeFile(t, "group.csv", []byte(csv))
	res, err := Import(s, e, "G", []string{path}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, res, 5, 0, 1)
	if res.Pending() != 1 || !strings.Contains(strings.Join(res.Outcomes[5].Problems, " "), "cut short") {
		t.Errorf("the short row: %+v", res.Outcomes)
	}
	c, _ := s.Cohort("G", false)
	ms, _ := s.Members(c.ID)
	names := map[string]int{}
	for _, m := range ms {
		names[m.Profile.Name]++
	}
	if len(ms) != 5 || names["Ana López"] != 2 || names["Ben Ortiz"] != 2 || names["#1 Fan"] != 1 {
		t.Errorf("members %v", names)
	}
	// Again, with cut-short rows accepted: the five are recognised, the
	// short one comes in as partial.
	res, _ = Import(s, e, "G", []string{path}, ImportOptions{Ask: func(q Question) Decision {
		if !q.Incomplete {
			t.Errorf("asked %+v", q)
		}
		return Decision{}
	}})
	checkCounts(t, res, 1, 5, 0)
	if !res.Outcomes[5].Partial {
		t.Errorf("the short row was not marked partial: %+v", res.Outcomes[5])
	}
}

// TestSomeoneAlreadyHereIsAskedAbout: a row with the name of a person
// imported before is left out until the trainer says who it is.
func TestSomeoneAlreadyHereIsAskedAbout(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	first := writeFile(t, "first.csv", []byte(templateCSV(e, ",", person(e, "Cy Rivera", 1))))
	if res, _ := Import(s, e, "G", []string{first}, ImportOptions{}); res.Read() != 1 {
		t.Fatal(res)
	}
	later := writeFile(t, "later.csv", []byte(templateCSV(e, ",", person(e, "cy rivera", 2), person(e, "Dee", 3))))
	res, _ := Import(s, e, "G", []string{later}, ImportOptions{})
	checkCounts(t, res, 1, 0, 1)
	if !res.Outcomes[0].Pending || !strings.Contains(res.Outcomes[0].Problems[0], "already here") {
		t.Errorf("%+v", res.Outcomes[0])
	}
	var asked []Question
	res, _ = Import(s, e, "G", []string{later}, ImportOptions{Ask: func(q Question) Decision {
		asked = append(asked, q)
		return Decision{Profile: q.SameName[0].ID}
	}})
	checkCounts(t, res, 1, 1, 0)
	if len(asked) != 1 || asked[0].Name != "cy rivera" || len(asked[0].SameName) != 1 {
		t.Fatalf("asked %+v", asked)
	}
	ps, _ := s.Profiles()
	if len(ps) != 2 {
		t.Fatalf("the same person became a new profile: %+v", ps)
	}
	atts, _ := s.Attempts(asked[0].SameName[0].ID)
	if len(atts) != 2 {
		t.Errorf("Cy has %d attempts, want 2", len(atts))
	}
}

// TestEncodingsAndDelimiters: a spreadsheet's UTF-16 and tab-separated
// export and Excel's Windows-1252 CSV all come in, the last with a note.
func TestEncodingsAndDelimiters(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	text := templateCSV(e, "\t", person(e, "Zoë Tab", 1))
	u := utf16.Encode([]rune(text))
	var le bytes.Buffer
	le.Write([]byte{0xff, 0xfe})
	binary.Write(&le, binary.LittleEndian, u)
	latin := []byte(strings.Replace(templateCSV(e, ";", person(e, "Muñoz", 2)), "ñ", "\xf1", 1))
	paths := []string{writeFile(t, "utf16.csv", le.Bytes()), writeFile(t, "excel.csv", latin)}
	res, err := Import(s, e, "G", paths, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, res, 2, 0, 0)
	if res.Outcomes[0].Name != "Zoë Tab" || res.Outcomes[1].Name != "Muñoz" {
		t.Errorf("names %q %q", res.Outcomes[0].Name, res.Outcomes[1].Name)
	}
	if len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "Windows-1252") {
		t.Errorf("notes %q", res.Notes)
	}
}

// TestOnlyRegularFilesWithinTheLimitAreRead: a FIFO in a folder does not
// hang the import, /dev/zero is refused, and an oversized CSV is refused
// whole with the limit, not cut.
func TestOnlyRegularFilesWithinTheLimitAreRead(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	dir := cohortFolder(t, e, 2, plainNames)
	makeFIFO(t, filepath.Join(dir, "pipe.json"))
	big := filepath.Join(t.TempDir(), "huge.csv")
	f, _ := os.Create(big)
	f.Truncate(assessment.MaxCSVBytes + 1)
	f.Close()
	done := make(chan ImportResult)
	go func() {
		res, _ := Import(s, e, "G", []string{dir, "/dev/zero", big}, ImportOptions{})
		done <- res
	}()
	var res ImportResult
	select {
	case res = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the import hangs")
	}
	checkCounts(t, res, 2, 0, 3)
	all := fmt.Sprint(res.Outcomes)
	for _, w := range []string{"named pipe", "/dev/zero is a device", "huge.csv is 50000001 bytes", "up to 50000000 bytes"} {
		if !strings.Contains(all, w) {
			t.Errorf("outcomes lack %q: %s", w, all)
		}
	}
}

// TestReportFilesArePrivateAndLeftoversGo: every plan is written 0600, and
// the temporary files of a killed run are removed by the next one.
func TestReportFilesArePrivateAndLeftoversGo(t *testing.T) {
	e := engine(t)
	s := openStore(t)
	Import(s, e, "Trio", []string{cohortFolder(t, e, 3, plainNames)}, ImportOptions{})
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "plans"), 0o700)
	cmd := exec.Command("true")
	cmd.Run()
	leftover := filepath.Join(out, "plans", fmt.Sprintf(".P01-Participant-1.pdf.%d.77.tmp", cmd.Process.Pid))
	os.WriteFile(leftover, []byte("half a PDF"), 0o600)
	w, err := Report(context.Background(), s, e, "Trio", out, Options{Paper: "a4", Date: fixedDate}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); err == nil || len(w.Cleaned) != 1 {
		t.Errorf("the killed run's temporary file is still there (cleaned %v)", w.Cleaned)
	}
	for _, f := range append(w.Plans, w.GroupReport, w.Scores) {
		if fi, err := os.Stat(f); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v", f, fi.Mode().Perm(), err)
		}
	}
}
