package assessment

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"hatcheck/internal/i18n"
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
	rows, problems, _, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{})
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
	rows, problems, _, err := ParseCSV(strings.NewReader(csv), e.Bank, CSVOptions{})
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
		"PK\x03\x04\x14\x00":      "not a CSV file",
	} {
		_, _, _, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v", data, err)
		}
	}
	events, _ := e.Bank.Item("skill.events")
	twice := fmt.Sprintf("name,skill.events,%q\n", events.Text.String())
	if _, _, _, err := ParseCSV(strings.NewReader(twice), e.Bank, CSVOptions{}); err == nil || !strings.Contains(err.Error(), "both for item skill.events") {
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
	f.Add("\xff\xfen\x00a\x00m\x00e\x00,\x00s\x00k\x00i\x00l\x00l\x00.\x00e\x00v\x00e\x00n\x00t\x00s\x00\n\x00A\x00,\x004\x00\n\x00")
	f.Add("\x00n\x00a\x00m\x00e\x00\t\x00s\x00k\x00i\x00l\x00l\x00.\x00e\x00v\x00e\x00n\x00t\x00s\x00\n\x00A\x00\t\x004")
	f.Add("name\tcontext\tskill.events\n#1 Fan Ana\tagency\t4 - Do it well and often\nBen\n")
	f.Add("name,skill.events\nAna \"Boss\" Fan,4\n\"Cy\" Fan,4\n\n\"Dee\nDoe\",5\n\"Gus,4\nHal,4\n")
	f.Add("name;skill.events\r\n# allowed answers;x\r\nZo\xeb;4,0\r\n")
	b.Reset()
	CSVTemplateIn(&b, e.Bank, "es")
	f.Add(b.String())
	f.Add(spreadsheetCSV(e, "es", ";", []string{"Ana Pérez", "Begoña"}))
	f.Add("\ufeffNombre;¿Dónde trabajas? (opcional);skill.events\r\nBegoña;Agencia;Lo hago bien y a menudo\r\n")
	f.Add("Nombre;skill.events\r\n# respuestas admitidas;x\r\nAna;A veces\r\n;4 Podr\xeda ense\xf1arlo\r\n")
	f.Fuzz(func(t *testing.T, data string) {
		rows, problems, info, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{})
		for _, n := range info.Notes {
			mustBeCatalogued(t, n)
		}
		if err != nil {
			mustBeCatalogued(t, err)
			return
		}
		for _, p := range problems {
			mustBeCatalogued(t, p.Problem)
			mustBeCatalogued(t, p.Err())
		}
		checkAccounted(t, info, rows, problems)
		for _, r := range rows {
			if r.Answers == nil || r.Answers.Respondent.Name == "" || r.Partial {
				t.Fatalf("row %d accepted without a name, or as partial: %+v", r.Row, r)
			}
			if n := r.Answers.Respondent.Name; CleanName(n) != n {
				t.Fatalf("row %d: name %q is not clean", r.Row, n)
			}
			e.Score(r.Answers)
		}
		for _, p := range problems {
			if p.Row < 2 || p.Problem == nil {
				t.Fatalf("problem without a row: %+v", p)
			}
		}
		// Allowing partial rows only turns incomplete rows into partial ones.
		prows, pproblems, pinfo, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{AllowPartial: true})
		if err != nil || pinfo.Rows != info.Rows {
			t.Fatalf("with AllowPartial: %v, %d rows read instead of %d", err, pinfo.Rows, info.Rows)
		}
		checkAccounted(t, pinfo, prows, pproblems)
		incomplete := 0
		for _, p := range problems {
			if p.Incomplete {
				incomplete++
			}
		}
		if len(prows) != len(rows)+incomplete || len(pproblems) != len(problems)-incomplete {
			t.Fatalf("AllowPartial: %d rows and %d problems, from %d rows and %d problems of which %d incomplete", len(prows), len(pproblems), len(rows), len(problems), incomplete)
		}
	})
}

// checkAccounted checks that every row read is returned or has a problem,
// and never both.
func checkAccounted(t testing.TB, info CSVInfo, rows []CSVRow, problems []CSVProblem) {
	t.Helper()
	seen := map[int]bool{}
	for _, r := range rows {
		if seen[r.Row] {
			t.Fatalf("row %d returned twice", r.Row)
		}
		seen[r.Row] = true
	}
	bad := map[int]bool{}
	for _, p := range problems {
		if seen[p.Row] {
			t.Fatalf("row %d is both returned and refused: %v", p.Row, p)
		}
		bad[p.Row] = true
	}
	if info.Rows != len(rows)+len(bad) {
		t.Fatalf("%d rows read, but %d returned and %d with problems", info.Rows, len(rows), len(bad))
	}
}

// parseCSV parses data, which must be a cohort CSV, and checks that every
// row is accounted for.
func parseCSV(t *testing.T, e *Engine, data string, opt CSVOptions) ([]CSVRow, []CSVProblem, CSVInfo) {
	t.Helper()
	rows, problems, info, err := ParseCSV(strings.NewReader(data), e.Bank, opt)
	if err != nil {
		t.Fatal(err)
	}
	checkAccounted(t, info, rows, problems)
	return rows, problems, info
}

func names(rows []CSVRow) string {
	var n []string
	for _, r := range rows {
		n = append(n, fmt.Sprintf("%d:%s", r.Row, r.Answers.Respondent.Name))
	}
	return strings.Join(n, " ")
}

func TestParseCSVReadsNamesThatStartWithAHash(t *testing.T) {
	e := testEngine(t)
	var b bytes.Buffer
	if err := CSVTemplate(&b, e.Bank); err != nil {
		t.Fatal(err)
	}
	columns := strings.Count(strings.SplitN(b.String(), "\n", 2)[0], ",")
	data := b.String() + "#1 Fan Ana,agency,4" + strings.Repeat(",", columns-2) + "\n# Ben" + strings.Repeat(",", columns) + "\n"
	rows, problems, info := parseCSV(t, e, data, CSVOptions{})
	if names(rows) != "3:#1 Fan Ana 4:# Ben" || len(problems) > 0 || info.Rows != 2 {
		t.Errorf("rows %s, problems %v, %d read", names(rows), problems, info.Rows)
	}
	// The marker row is found under the name column wherever it is.
	rows, problems, info = parseCSV(t, e, "context,name,skill.events,notes\nagency,# allowed answers: any name,1 Never done it | 2,\nagency,#2,3,# allowed answers\n", CSVOptions{})
	if names(rows) != "3:#2" || len(problems) > 0 || info.Rows != 1 {
		t.Errorf("rows %s, problems %v, %d read", names(rows), problems, info.Rows)
	}
}

func TestParseCSVRefusesAFileOverTheSizeLimit(t *testing.T) {
	e := testEngine(t)
	// Ana and then blank lines: a parser that cuts the file and reads what
	// is left finds nothing wrong.
	big := io.MultiReader(strings.NewReader("name,skill.events\nAna,4\n"), strings.NewReader(strings.Repeat("\n", MaxCSVBytes)))
	rows, problems, _, err := ParseCSV(big, e.Bank, CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), "larger than 50 MB; split it into smaller files") {
		t.Errorf("a file over the limit gave %d rows, %d problems, error %v", len(rows), len(problems), err)
	}
}

func TestParseCSVReportsStrayQuotesWhereTheyStart(t *testing.T) {
	e := testEngine(t)
	data := "name,skill.events\n" +
		"Ana \"Boss\" Fan,4\n" + // 2: a bare quote
		"Ben,4\n" + // 3
		"\"Cy\" Fan,4\n" + // 4: text after the closing quote
		"\"Dee\nDoe\",5\n" + // 5: one cell on two lines
		"Eve,\"4\"x\n" + // 6
		"Fay,3\n" + // 7
		"\"Gus,4\n" + // 8: never closed
		"Hal,4\n" +
		"Ida,4\n"
	rows, problems, info := parseCSV(t, e, data, CSVOptions{})
	if names(rows) != "3:Ben 5:Dee Doe 7:Fay" || info.Rows != 7 {
		t.Errorf("rows %s, %d read", names(rows), info.Rows)
	}
	want := []struct {
		row    int
		column string
		says   []string
	}{
		{2, "name", []string{`a quote mark (") is inside a cell that does not start with one`, "put the whole cell in quotes", `("")`}},
		{4, "name", []string{"text follows the quote mark", "put the whole cell in quotes"}},
		{6, "skill.events", []string{"text follows the quote mark"}},
		{8, "name", []string{"opens a cell in this row and is never closed", "the 2 lines after it could not be read"}},
	}
	if len(problems) != len(want) {
		t.Fatalf("problems: %v", problems)
	}
	for i, w := range want {
		p := problems[i]
		if p.Row != w.row || p.Column != w.column {
			t.Errorf("problem %v, want row %d column %q", p, w.row, w.column)
		}
		for _, s := range w.says {
			if !strings.Contains(p.Problem.Error(), s) {
				t.Errorf("row %d: %q lacks %q", p.Row, p.Problem, s)
			}
		}
	}
}

func TestParseCSVRowNumbersMatchTheSpreadsheet(t *testing.T) {
	e := testEngine(t)
	// Empty lines are rows in a spreadsheet; a cell on two lines is one.
	rows, problems, info := parseCSV(t, e, "name,skill.events\r\n\r\nAna,4\r\n,\r\n\"Ben\r\nBo\",9\r\nCy,1\r\n", CSVOptions{})
	if names(rows) != "3:Ana 6:Cy" || len(problems) != 1 || problems[0].Row != 5 || info.Rows != 3 {
		t.Errorf("rows %s, problems %v, %d read", names(rows), problems, info.Rows)
	}
}

func TestParseCSVReadsScaleCellsExactly(t *testing.T) {
	e := testEngine(t)
	for cell, want := range map[string]int{
		"4": 4, " 4 ": 4, "4.": 4, "4.0": 4, "4,00": 4,
		"4 - Do it well and often": 4, "4 Do it well and often": 4, "4: do it well and often": 4, "4) Do it well and often": 4,
		"Do it well and often": 4, "1 – Never done it": 1,
	} {
		rows, problems, _ := parseCSV(t, e, "name;skill.events\nAna;"+cell+"\n", CSVOptions{})
		if len(rows) != 1 || rows[0].Answers.Items["skill.events"].Value != want {
			t.Errorf("%q: rows %+v, problems %v; want %d", cell, rows, problems, want)
		}
	}
	for cell, says := range map[string][]string{
		"3.9":               {`"3.9" is not a whole number`},
		"4,5":               {`"4,5" is not a whole number`},
		"4abc":              {`"4abc" is not an answer`},
		"5e9":               {`"5e9" is not an answer`},
		"-1":                {"-1 is out of range"},
		"0":                 {"0 is out of range"},
		"4 - Never done it": {`4 is "Do it well and often"`, `"Never done it" is 1`},
		"4/5":               {"not an answer"},
	} {
		rows, problems, _ := parseCSV(t, e, "name;skill.events\nAna;"+cell+"\n", CSVOptions{})
		if len(rows) != 0 || len(problems) != 1 || problems[0].Row != 2 || problems[0].Column != "skill.events" {
			t.Errorf("%q: rows %+v, problems %v", cell, rows, problems)
			continue
		}
		for _, s := range says {
			if !strings.Contains(problems[0].Problem.Error(), s) {
				t.Errorf("%q: %q lacks %q", cell, problems[0].Problem, s)
			}
		}
	}
}

func TestParseCSVReportsRowsCutShort(t *testing.T) {
	e := testEngine(t)
	data := "name,context,skill.events,skill.moderation\n" +
		"Ana,agency,4,3\n" +
		"Ben,agency\n" + // 3: cut short
		"Cy,,,\n" + // 4: empty cells are skips
		"Dee,nowhere\n" // 5: cut short, and a wrong context
	rows, problems, _ := parseCSV(t, e, data, CSVOptions{})
	if names(rows) != "2:Ana 4:Cy" || rows[1].Partial || len(rows[1].Answers.Items) != 0 {
		t.Errorf("rows %s", names(rows))
	}
	if len(problems) != 3 {
		t.Fatalf("problems: %v", problems)
	}
	p := problems[0]
	if p.Row != 3 || !p.Incomplete || !strings.Contains(p.Problem.Error(), "the row has 2 cells but the header has 4 columns; it looks cut short") {
		t.Errorf("cut-short row: %+v", p)
	}
	for _, p := range problems[1:] {
		if p.Row != 5 || p.Incomplete {
			t.Errorf("a row with more problems than being cut short: %+v", p)
		}
	}
	if !strings.Contains(problems[1].Problem.Error()+problems[2].Problem.Error(), "cut short") {
		t.Errorf("row 5 is not said to be cut short: %v", problems[1:])
	}
	rows, problems, _ = parseCSV(t, e, data, CSVOptions{AllowPartial: true})
	if names(rows) != "2:Ana 3:Ben 4:Cy" || rows[0].Partial || !rows[1].Partial || rows[2].Partial {
		t.Fatalf("with partial rows allowed: %+v", rows)
	}
	if b := rows[1].Answers; b.Respondent.Context != "agency" || len(b.Items) != 0 {
		t.Errorf("partial row: %+v", b)
	}
	if len(problems) != 2 || problems[0].Row != 5 {
		t.Errorf("with partial rows allowed, problems: %v", problems)
	}
}

func TestParseCSVReadsEveryEncoding(t *testing.T) {
	e := testEngine(t)
	text := "name,context,skill.events\nZoë Ñandú,agency,4\nRenée “René” Œil,,5\n"
	utf16 := func(order xunicode.Endianness, bom xunicode.BOMPolicy) string {
		s, err := xunicode.UTF16(order, bom).NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	cp1252, err := charmap.Windows1252.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ data, encoding, note string }{
		{text, "UTF-8", ""},
		{"\xef\xbb\xbf" + text, "UTF-8 with BOM", ""},
		{utf16(xunicode.LittleEndian, xunicode.UseBOM), "UTF-16LE", ""},
		{utf16(xunicode.BigEndian, xunicode.UseBOM), "UTF-16BE", ""},
		{utf16(xunicode.LittleEndian, xunicode.IgnoreBOM), "UTF-16LE", "no byte order mark"},
		{utf16(xunicode.BigEndian, xunicode.IgnoreBOM), "UTF-16BE", "no byte order mark"},
		{cp1252, "Windows-1252", `save the file as "CSV UTF-8"`},
	} {
		rows, problems, info := parseCSV(t, e, c.data, CSVOptions{})
		if names(rows) != "2:Zoë Ñandú 3:Renée “René” Œil" || len(problems) > 0 || info.Encoding != c.encoding {
			t.Errorf("%s: rows %s, problems %v, read as %s", c.encoding, names(rows), problems, info.Encoding)
		}
		var encNotes []string
		for _, n := range info.Notes {
			if !strings.Contains(n.Error(), "no column for") {
				encNotes = append(encNotes, n.Error())
			}
		}
		if notes := strings.Join(encNotes, "\n"); c.note == "" && notes != "" || !strings.Contains(notes, c.note) {
			t.Errorf("%s: notes %q, want %q", c.encoding, notes, c.note)
		}
	}
}

func TestParseCSVFindsTheDelimiter(t *testing.T) {
	e := testEngine(t)
	for _, c := range []struct {
		data  string
		delim rune
	}{
		{"name,context,skill.events\nAna,agency,4\n", ','},
		{"name;context;skill.events\nAna;agency;4\n", ';'},
		{"name\tcontext\tskill.events\nAna\tagency\t4\n", '\t'},
		{"\"name\";\"Timestamp, local\";\"Where, if anywhere, else\";skill.events\nAna;9:30, Monday;;4\n", ';'},
		{"name,context,skill.events\rAna,agency,4\r", ','}, // "CSV (Macintosh)"
	} {
		rows, problems, info := parseCSV(t, e, c.data, CSVOptions{})
		if names(rows) != "2:Ana" || len(problems) > 0 || info.Delimiter != c.delim || rows[0].Answers.Items["skill.events"].Value != 4 {
			t.Errorf("%q: rows %s, problems %v, delimiter %q", c.data, names(rows), problems, info.Delimiter)
		}
	}
	_, _, _, err := ParseCSV(strings.NewReader("name|context|skill.events\nAna|agency|4\n"), e.Bank, CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), `no "name" column`) || !strings.Contains(err.Error(), "no comma, semicolon or tab") {
		t.Errorf("a header split by bars: %v", err)
	}
}

func TestParseCSVCleansNamesButNeverMergesRows(t *testing.T) {
	e := testEngine(t)
	rows, problems, _ := parseCSV(t, e, "name,skill.events\nAna Fan,4\n\u00a0Ana\u202f Fan\u200b,5\n\"Ana\nFan\",4\n", CSVOptions{})
	if names(rows) != "2:Ana Fan 3:Ana Fan 4:Ana Fan" || len(problems) > 0 {
		t.Fatalf("rows %s, problems %v", names(rows), problems)
	}
	if rows[1].Answers.Items["skill.events"].Value != 5 {
		t.Error("the second Ana Fan lost her answer")
	}
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

// TestParseCSVSaysWhatItDoesNotRead: a header that looks like an item ID but
// is none (a typo) refuses the file with the nearest ID; other columns not
// read, and questions without a column, are listed in notes.
func TestParseCSVSaysWhatItDoesNotRead(t *testing.T) {
	e := testEngine(t)
	_, _, _, err := ParseCSV(strings.NewReader("name,skill.budget,skill.events\nAna,3,4\n"), e.Bank, CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), `"skill.budget"`) || !strings.Contains(err.Error(), "did you mean skill.budgeting?") {
		t.Errorf("a typo in an ID: %v", err)
	}
	_, _, info, err := ParseCSV(strings.NewReader("Timestamp,name,Email,skill.events,audit.moderation\n1,Ana,a@x,3,4\n"), e.Bank, CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	notes := i18n.Join("\n", info.Notes).Error()
	for _, w := range []string{`2 columns are not questions and were not read: "Timestamp", "Email"`, `current-work audit is not read from a CSV file; its column was left out: "audit.moderation"`, "no column for 66 of the questions"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes lack %q:\n%s", w, notes)
		}
	}
}

// TestParseCSVMixedLineEndings: one line ended by a lone CR among CRLF
// lines is a row end, not a cell of the row before (two people in one).
func TestParseCSVMixedLineEndings(t *testing.T) {
	e := testEngine(t)
	data := "name,skill.events\r\nAna,3\r\nBert,4\rCleo,5\r\nDee,2\n"
	rows, problems, info, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{})
	if err != nil || len(problems) > 0 || info.Rows != 4 || names(rows) != "2:Ana 3:Bert 4:Cleo 5:Dee" {
		t.Errorf("rows %s, problems %v, %d read, %v", names(rows), problems, info.Rows, err)
	}
}
