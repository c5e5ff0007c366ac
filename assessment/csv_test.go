package assessment

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"

	"hatcheck/questions"
)

// formCSV builds a CSV as an online form exports it: a timestamp column,
// the question texts as headers (pairs with their label in brackets), and
// labels instead of codes.
func formCSV(t *testing.T, e *Engine, rows [][2]string) string {
	var b strings.Builder
	b.WriteString(`"Timestamp","Your name","Where do you work?"`)
	for _, it := range e.Bank.Items {
		if !it.Core() {
			continue
		}
		h := it.Text.String()
		if it.Kind == questions.KindForcedChoice {
			h += " [" + it.Label.String() + "]"
		}
		fmt.Fprintf(&b, ",%q", h)
	}
	b.WriteString("\n")
	for _, r := range rows {
		fmt.Fprintf(&b, `"2026/11/23 9:30:00",%q,"Large company"`, r[0])
		for _, it := range e.Bank.Items {
			if !it.Core() {
				continue
			}
			var cell string
			switch it.Kind {
			case questions.KindSkillRating, questions.KindWorkStyle:
				cell = e.Bank.Scales[it.Scale].Label(4, "en")
			default:
				cell = it.Options[1].Text.String()
			}
			if r[1] != "" && it.ID == "skill.events" {
				cell = r[1]
			}
			fmt.Fprintf(&b, ",%q", cell)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestParseCSVReadsAFormExportWithLabels(t *testing.T) {
	e := testEngine(t)
	data := formCSV(t, e, [][2]string{{"Ana Form", ""}, {"Ben Bad", "Sometimes"}, {"", ""}, {"Cy Form", "5 - Could teach it"}})
	rows, problems, err := ParseCSV(strings.NewReader(data), e.Bank)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Answers.Respondent.Name != "Ana Form" || rows[1].Row != 5 {
		t.Fatalf("rows %+v", rows)
	}
	a := rows[0].Answers
	if a.Respondent.Context != "enterprise" || len(a.Items) != 67 || a.Items["skill.events"].Value != 4 {
		t.Errorf("row 2: context %q, %d answers, events %+v", a.Respondent.Context, len(a.Items), a.Items["skill.events"])
	}
	pair := e.Bank.ItemsIn("preferences")[0]
	if a.Items[pair.ID].Option != pair.Options[1].ID {
		t.Errorf("the pair's option text was read as %+v", a.Items[pair.ID])
	}
	if rows[1].Answers.Items["skill.events"].Value != 5 {
		t.Error(`"5 - Could teach it" was not read as 5`)
	}
	events, _ := e.Bank.Item("skill.events")
	want := []string{
		fmt.Sprintf("row 3, column %q: %q is not an answer", events.Text.String(), "Sometimes"),
		`row 4, column "Your name": the name is empty`,
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.String())
	}
	joined := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("problems lack %q:\n%s", w, joined)
		}
	}
	if len(problems) != 2 {
		t.Errorf("%d problems: %s", len(problems), joined)
	}
}

func TestCSVTemplateRoundTrips(t *testing.T) {
	e := testEngine(t)
	var b bytes.Buffer
	if err := CSVTemplate(&b, e.Bank); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "name,context,skill.") || !strings.Contains(lines[1], "1 Never done it") {
		t.Fatalf("template starts %q", b.String()[:200])
	}
	// Filled in with codes and letters, with semicolons as a European
	// spreadsheet saves it.
	fields := strings.Split(lines[0], ",")
	row := []string{"Dee Template", "agency"}
	for _, f := range fields[2:] {
		it, _ := e.Bank.Item(f)
		if it.Kind == questions.KindSkillRating || it.Kind == questions.KindWorkStyle {
			row = append(row, "3")
		} else {
			row = append(row, "a")
		}
	}
	csv := strings.ReplaceAll(lines[0], ",", ";") + "\n" + strings.Join(row, ";") + "\n"
	rows, problems, err := ParseCSV(strings.NewReader(csv), e.Bank)
	if err != nil || len(problems) > 0 || len(rows) != 1 || len(rows[0].Answers.Items) != 67 {
		t.Fatalf("%v %v %d rows", err, problems, len(rows))
	}
	r := e.Score(rows[0].Answers)
	if r.Verdict.Kind == VerdictNotEnough {
		t.Error("a complete CSV row could not be scored")
	}
}

func TestParseCSVRefusesFilesThatAreNotCohorts(t *testing.T) {
	e := testEngine(t)
	for data, want := range map[string]string{
		"":                        "empty",
		"a,b,c\n1,2,3\n":          `no "name" column`,
		"name,colour\nAna,blue\n": "no column matches a question",
	} {
		_, _, err := ParseCSV(strings.NewReader(data), e.Bank)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v", data, err)
		}
	}
	events, _ := e.Bank.Item("skill.events")
	twice := fmt.Sprintf("name,skill.events,%q\n", events.Text.String())
	if _, _, err := ParseCSV(strings.NewReader(twice), e.Bank); err == nil || !strings.Contains(err.Error(), "both for item skill.events") {
		t.Errorf("two columns for one item: %v", err)
	}
}

func FuzzParseCSV(f *testing.F) {
	e := testEngine(f)
	var b bytes.Buffer
	CSVTemplate(&b, e.Bank)
	f.Add(b.String())
	f.Add("name,skill.events,pair.posts-or-newcomers\nA,4,b\nB,Never done it,\"Write and schedule next week's posts for the brand's page\"\n")
	f.Add("\xef\xbb\xbfname;context\n\"unterminated")
	f.Fuzz(func(t *testing.T, data string) {
		rows, problems, err := ParseCSV(strings.NewReader(data), e.Bank)
		if err != nil {
			return
		}
		for _, r := range rows {
			if r.Answers == nil || r.Answers.Respondent.Name == "" {
				t.Fatalf("row %d accepted without a name", r.Row)
			}
			e.Score(r.Answers)
		}
		for _, p := range problems {
			if p.Row < 2 || p.Problem == "" {
				t.Fatalf("problem without a row: %+v", p)
			}
		}
	})
}

func TestCronbachAlpha(t *testing.T) {
	// Three items that move together: high alpha.
	rows := [][]float64{{1, 1, 2}, {2, 2, 2}, {3, 3, 4}, {4, 4, 4}, {5, 5, 5}}
	if a := CronbachAlpha(rows); a < 0.9 {
		t.Errorf("consistent items: alpha %.2f", a)
	}
	// Items that disagree: low alpha.
	rows = [][]float64{{1, 5, 3}, {5, 1, 3}, {2, 4, 3}, {4, 2, 3}, {3, 3, 3}}
	if a := CronbachAlpha(rows); a > 0.3 {
		t.Errorf("inconsistent items: alpha %.2f", a)
	}
	if !math.IsNaN(CronbachAlpha([][]float64{{3, 3}, {3, 3}})) {
		t.Error("no variance should give NaN")
	}
}
