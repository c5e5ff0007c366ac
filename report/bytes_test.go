package report

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hatcheck/assessment"
)

// referenceFile holds the SHA-256 of every PDF in referenceCases, as the
// unpatched gofpdf v1.16.2 wrote them. Hatcheck carries a patched copy of
// gofpdf (third_party/gofpdf/PATCHES.md) that must not change a single
// byte of output; "go test ./report -update" rewrites the file after a
// deliberate change to the report, and the diff is to be reviewed.
const referenceFile = "testdata/pdf-sha256.txt"

// referenceCases renders every kind of document Hatcheck writes with a
// fixed date: each persona's plan on both paper sizes, names and notes in
// several scripts, characters shown as placeholders, a long note, a group
// report and the blank worksheet.
func referenceCases(t testing.TB) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	add := func(name string, write func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.Bytes()
	}
	plan := func(in Input, paper Paper) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error {
			_, err := Write(b, in, Options{Paper: paper, Date: fixedDate})
			return err
		}
	}
	var members []assessment.Member
	for i, name := range personas {
		in := persona(t, name)
		add("plan/"+name+"/a4", plan(in, A4))
		add("plan/"+name+"/letter", plan(in, Letter))
		for j := 0; j < 2; j++ {
			code := fmt.Sprintf("P%02d", 2*i+j+1)
			a, err := assessment.ParseAnswers(personaBytes(t, name), in.Engine.Bank)
			if err != nil {
				t.Fatal(err)
			}
			members = append(members, in.Engine.NewMember(code, name+" "+code, a, in.Result))
		}
	}
	cm := persona(t, "clear-cm")
	add("plan/scripts", plan(withNotes(withName(cm, "Ελένη Дмитрий Zoë Łukasiewicz"), "Notes: Ελένη, Дмитрий, Łódź, Ærøskøbing."), A4))
	add("plan/placeholders", plan(withNotes(withName(persona(t, "clear-smm"), "Ana 🙂 李 👍🏽"), "Great week 🎉"), Letter))
	add("plan/long-note", plan(withNotes(persona(t, "hybrid"), strings.Repeat("A long note that wraps and goes on. ", 140)), A4))
	e := cm.Engine
	for _, names := range []bool{false, true} {
		g := e.Summarise(members, names)
		add(fmt.Sprintf("group/names=%v", names), func(b *bytes.Buffer) error {
			_, err := WriteGroup(b, GroupInput{Engine: e, Cohort: "Tuesday group", Group: g, Members: members, Names: names}, Options{Date: fixedDate})
			return err
		})
	}
	add("worksheet/letter", func(b *bytes.Buffer) error {
		return WriteWorksheet(b, e, Options{Paper: Letter, Date: fixedDate})
	})
	return out
}

func personaBytes(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "assessment", "testdata", "personas", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestOutputBytesMatchReference: the PDFs are byte for byte those of the
// reference (see referenceFile), and the same input gives the same bytes.
func TestOutputBytesMatchReference(t *testing.T) {
	got := referenceCases(t)
	again := referenceCases(t)
	var names []string
	for name := range got {
		names = append(names, name)
		if !bytes.Equal(got[name], again[name]) {
			t.Errorf("%s: the same input gave different bytes", name)
		}
	}
	sort.Strings(names)
	var lines []string
	for _, name := range names {
		sum := sha256.Sum256(got[name])
		lines = append(lines, fmt.Sprintf("%s %s %d", name, hex.EncodeToString(sum[:]), len(got[name])))
	}
	if *update {
		text := "# SHA-256 and size in bytes of each reference PDF (report/bytes_test.go)\n" + strings.Join(lines, "\n") + "\n"
		if err := os.WriteFile(referenceFile, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(referenceFile)
	if err != nil {
		t.Fatalf("%v (go test ./report -update creates it)", err)
	}
	defer f.Close()
	want := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			name, rest, _ := strings.Cut(line, " ")
			want[name] = rest
		}
	}
	for _, line := range lines {
		name, rest, _ := strings.Cut(line, " ")
		if want[name] != rest {
			t.Errorf("%s: got %s, want %s; if the change is intended, run go test ./report -update and review the diff", name, rest, want[name])
		}
		delete(want, name)
	}
	for name := range want {
		t.Errorf("%s is in %s but no longer rendered", name, referenceFile)
	}
}
