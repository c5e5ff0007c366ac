package report

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"hatcheck/assessment"
)

func TestZZRefHashes(t *testing.T) {
	out := map[string][]byte{}
	add := func(name string, write func(*bytes.Buffer) error) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.Bytes()
	}
	plan := func(in Input, paper Paper) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error { _, err := Write(b, in, Options{Paper: paper, Date: fixedDate}); return err }
	}
	var members []assessment.Member
	for i, name := range personas {
		in := persona(t, name)
		add("plan/"+name+"/a4", plan(in, A4))
		add("plan/"+name+"/letter", plan(in, Letter))
		for j := 0; j < 2; j++ {
			code := fmt.Sprintf("P%02d", 2*i+j+1)
			a, err := assessment.ParseAnswers(must(os.ReadFile("../assessment/testdata/personas/"+name+".json")), in.Engine.Bank)
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
	add("plan/example", plan(answersFile(t, "../examples/answers.json"), A4))
	e := cm.Engine
	for _, names := range []bool{false, true} {
		g := e.Summarise(members, names)
		add(fmt.Sprintf("group/names=%v", names), func(b *bytes.Buffer) error {
			_, err := WriteGroup(b, GroupInput{Engine: e, Cohort: "Tuesday group", Group: g, Members: members, Names: names}, Options{Date: fixedDate})
			return err
		})
	}
	for _, n := range []int{24, 3, 60} {
		in := cohort(t, n, n == 24)
		add(fmt.Sprintf("group/%d", n), func(b *bytes.Buffer) error { _, err := WriteGroup(b, in, Options{Date: fixedDate}); return err })
	}
	add("worksheet/letter", func(b *bytes.Buffer) error { return WriteWorksheet(b, e, Options{Paper: Letter, Date: fixedDate}) })
	add("worksheet/a4", func(b *bytes.Buffer) error { return WriteWorksheet(b, e, Options{Paper: A4, Date: fixedDate}) })
	var lines []string
	for k, v := range out {
		lines = append(lines, fmt.Sprintf("%x %s", sha256.Sum256(v), k))
	}
	sort.Strings(lines)
	os.WriteFile(os.Getenv("REFOUT"), []byte(strings.Join(lines, "\n")+"\n"), 0o644)
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestZZDump(t *testing.T) {
	dir := os.Getenv("DUMPDIR")
	w := func(name string, f func(*bytes.Buffer)) {
		var b bytes.Buffer
		f(&b)
		os.WriteFile(dir+"/"+name+".pdf", b.Bytes(), 0o644)
	}
	for _, n := range personas {
		in := persona(t, n)
		w(n, func(b *bytes.Buffer) { Write(b, in, Options{Paper: A4, Date: fixedDate}) })
	}
	ex := answersFile(t, "../examples/answers.json")
	w("example", func(b *bytes.Buffer) { Write(b, ex, Options{Paper: A4, Date: fixedDate}) })
	e := testEngine(t)
	w("worksheet", func(b *bytes.Buffer) { WriteWorksheet(b, e, Options{Paper: A4, Date: fixedDate}) })
	for _, n := range []int{24, 3} {
		in := cohort(t, n, false)
		w(fmt.Sprintf("group%d", n), func(b *bytes.Buffer) { WriteGroup(b, in, Options{Paper: A4, Date: fixedDate}) })
	}
}
