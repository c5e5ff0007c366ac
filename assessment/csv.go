package assessment

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"hatcheck/questions"
)

// A cohort CSV has one row per participant and one column per core item,
// plus "name" and "context". Online form tools export the same thing with
// the question text as the header, a timestamp column, and answers written
// as their label ("Do it well and often") instead of a code: both are read.

// CSVRow is one participant read from a CSV file.
type CSVRow struct {
	Row     int // the spreadsheet row number (the header is row 1)
	Answers *Answers
}

// CSVProblem is a problem in one cell or row.
type CSVProblem struct {
	Row     int
	Column  string
	Problem string
}

func (p CSVProblem) String() string {
	if p.Column == "" {
		return fmt.Sprintf("row %d: %s", p.Row, p.Problem)
	}
	return fmt.Sprintf("row %d, column %q: %s", p.Row, p.Column, p.Problem)
}

// csvColumn says what a CSV column holds.
type csvColumn struct {
	header string
	kind   string // "name", "context", "item", "ignored"
	item   *questions.Item
}

// normal folds a header or a label for matching: lower case, single
// spaces, no surrounding punctuation or quotes.
func normal(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
}

var nameHeaders = map[string]bool{"name": true, "your name": true, "full name": true, "participant": true, "participant name": true, "respondent": true, "nombre": true}
var contextHeaders = map[string]bool{"context": true, "work context": true, "where do you work": true, "where do you work optional": true}

// ParseCSV reads a cohort CSV. Rows with problems are listed, cell by cell,
// and left out; the other rows are returned. The error is for a file that
// cannot be read as a cohort CSV at all.
func ParseCSV(r io.Reader, bank *questions.Bank) ([]CSVRow, []CSVProblem, error) {
	data, err := io.ReadAll(io.LimitReader(r, 64<<20))
	if err != nil {
		return nil, nil, err
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a spreadsheet's BOM
	rd := csv.NewReader(bytes.NewReader(data))
	rd.FieldsPerRecord = -1
	rd.LazyQuotes = true
	if first, _, _ := bufio.NewReader(bytes.NewReader(data)).ReadLine(); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		rd.Comma = ';' // spreadsheets in many European locales
	}
	header, err := rd.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil, errors.New("the file is empty; it needs a header row and one row per participant")
		}
		return nil, nil, fmt.Errorf("the file is not a readable CSV: %v", err)
	}
	cols, err := mapColumns(header, bank)
	if err != nil {
		return nil, nil, err
	}
	var rows []CSVRow
	var problems []CSVProblem
	line := 1
	for {
		rec, err := rd.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line++
		if err != nil {
			problems = append(problems, CSVProblem{Row: line, Problem: "the row cannot be read: " + err.Error()})
			continue
		}
		if len(rec) == 0 || strings.HasPrefix(strings.TrimSpace(rec[0]), "#") || blank(rec) {
			continue // a comment (such as the template's allowed answers) or an empty row
		}
		a, ps := parseCSVRow(rec, cols, bank, line)
		if len(ps) > 0 {
			problems = append(problems, ps...)
			continue
		}
		rows = append(rows, CSVRow{Row: line, Answers: a})
	}
	return rows, problems, nil
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// mapColumns matches each header to the name, the context, an item (by its
// ID, its text or its label) or nothing (a timestamp, an e-mail...).
func mapColumns(header []string, bank *questions.Bank) ([]csvColumn, error) {
	byKey := map[string]*questions.Item{}
	for i := range bank.Items {
		it := &bank.Items[i]
		if !it.Core() {
			continue
		}
		for _, k := range []string{it.ID, it.Text.String(), it.Label.String()} {
			if _, taken := byKey[normal(k)]; !taken {
				byKey[normal(k)] = it
			}
		}
	}
	// Pairs share the text "Which would you rather spend a Tuesday on?", so
	// a form tool adds the label or a number: "... [Posts or newcomers]".
	cols := make([]csvColumn, len(header))
	seen := map[string]int{}
	items := 0
	for i, h := range header {
		n := normal(h)
		c := csvColumn{header: strings.TrimSpace(h), kind: "ignored"}
		switch {
		case nameHeaders[n]:
			c.kind = "name"
		case contextHeaders[n]:
			c.kind = "context"
		default:
			if it := matchItem(h, byKey); it != nil {
				c.kind, c.item = "item", it
				if j, dup := seen[it.ID]; dup {
					return nil, fmt.Errorf("columns %d and %d are both for item %s", j+1, i+1, it.ID)
				}
				seen[it.ID] = i
				items++
			}
		}
		cols[i] = c
	}
	hasName := false
	for _, c := range cols {
		hasName = hasName || c.kind == "name"
	}
	if !hasName {
		return nil, errors.New(`no "name" column; the first row must name the columns (see "hatcheck workshop template")`)
	}
	if items == 0 {
		return nil, errors.New(`no column matches a question; the header must hold the item IDs (as in the template) or the question texts`)
	}
	return cols, nil
}

func matchItem(h string, byKey map[string]*questions.Item) *questions.Item {
	if it := byKey[normal(h)]; it != nil && it.Kind != questions.KindForcedChoice {
		return it
	}
	// "Question text [Label]" or "Label: question text".
	if i := strings.LastIndex(h, "["); i >= 0 && strings.HasSuffix(strings.TrimSpace(h), "]") {
		if it := byKey[normal(strings.TrimSuffix(strings.TrimSpace(h[i+1:]), "]"))]; it != nil {
			return it
		}
	}
	if it := byKey[normal(h)]; it != nil {
		return it
	}
	return nil
}

func parseCSVRow(rec []string, cols []csvColumn, bank *questions.Bank, line int) (*Answers, []CSVProblem) {
	a := &Answers{Items: map[string]Answer{}}
	var problems []CSVProblem
	for i, c := range cols {
		cell := ""
		if i < len(rec) {
			cell = strings.TrimSpace(rec[i])
		}
		switch c.kind {
		case "name":
			if cell == "" {
				problems = append(problems, CSVProblem{line, c.header, "the name is empty"})
			} else if n := len([]rune(cell)); n > maxNameRunes {
				problems = append(problems, CSVProblem{line, c.header, fmt.Sprintf("the name is %d characters long; up to %d are allowed", n, maxNameRunes)})
			}
			a.Respondent.Name = cell
		case "context":
			ctx, ok := parseContext(cell)
			if !ok {
				problems = append(problems, CSVProblem{line, c.header, fmt.Sprintf("%q is not a context; allowed: %s, or empty", cell, strings.Join(Contexts, ", "))})
			}
			a.Respondent.Context = ctx
		case "item":
			if cell == "" {
				continue // skipped, never guessed
			}
			ans, err := parseCell(cell, c.item, bank)
			if err != nil {
				problems = append(problems, CSVProblem{line, c.header, err.Error()})
				continue
			}
			a.Items[c.item.ID] = ans
		}
	}
	if len(rec) > len(cols) && !blank(rec[len(cols):]) {
		problems = append(problems, CSVProblem{Row: line, Problem: fmt.Sprintf("the row has %d cells but the header only %d columns", len(rec), len(cols))})
	}
	return a, problems
}

var contextLabels = map[string]string{
	"small business": "small-business", "agency": "agency", "enterprise": "enterprise", "large company": "enterprise",
	"freelance": "freelance", "freelancer": "freelance", "student": "student", "student or career changer": "student",
}

func parseContext(cell string) (string, bool) {
	if cell == "" {
		return "", true
	}
	n := normal(cell)
	if containsString(Contexts, n) {
		return n, true
	}
	if id, ok := contextLabels[n]; ok {
		return id, true
	}
	if strings.HasPrefix(n, "not sure") || n == "prefer not to say" {
		return "", true
	}
	return "", false
}

// parseCell reads one answer: a scale point as its number or its label
// ("4", "4 - Do it well and often", "Do it well and often"), an option as
// its ID, its letter or its text.
func parseCell(cell string, it *questions.Item, bank *questions.Bank) (Answer, error) {
	switch it.Kind {
	case questions.KindSkillRating, questions.KindWorkStyle:
		sc := bank.Scales[it.Scale]
		// A leading number wins: "4", "4 - Do it well and often", "4.".
		end := strings.IndexFunc(cell, func(r rune) bool { return !unicode.IsDigit(r) })
		if end < 0 {
			end = len(cell)
		}
		if end > 0 {
			v, err := strconv.Atoi(cell[:end])
			if err == nil && v >= sc.Min && v <= sc.Max {
				return Answer{Value: v}, nil
			}
			return Answer{}, fmt.Errorf("%s is out of range; allowed: %d to %d", cell[:end], sc.Min, sc.Max)
		}
		for v := sc.Min; v <= sc.Max; v++ {
			if normal(sc.Label(v, "en")) == normal(cell) {
				return Answer{Value: v}, nil
			}
		}
		var labels []string
		for v := sc.Min; v <= sc.Max; v++ {
			labels = append(labels, fmt.Sprintf("%d %s", v, sc.Label(v, "en")))
		}
		return Answer{}, fmt.Errorf("%q is not an answer; allowed: %s", short([]byte(cell)), strings.Join(labels, ", "))
	case questions.KindForcedChoice, questions.KindScenario:
		n := normal(cell)
		for i, o := range it.Options {
			if n == normal(o.ID) || n == normal(o.Text.String()) || n == strings.ToLower(string(rune('A'+i))) {
				return Answer{Option: o.ID}, nil
			}
		}
		var allowed []string
		for i, o := range it.Options {
			allowed = append(allowed, fmt.Sprintf("%c or %s", 'A'+i, o.ID))
		}
		return Answer{}, fmt.Errorf("%q is not one of the options; allowed: %s, or the option's text", short([]byte(cell)), strings.Join(allowed, "; "))
	}
	return Answer{}, fmt.Errorf("item %s cannot be answered in a CSV", it.ID)
}

// CSVTemplate writes the blank cohort CSV: a header with "name", "context"
// and every core item's ID, then a comment row (starting with #) that lists
// each column's allowed answers; the importer skips it.
func CSVTemplate(w io.Writer, bank *questions.Bank) error {
	cw := csv.NewWriter(w)
	header := []string{"name", "context"}
	allowed := []string{"# allowed answers: any name", strings.Join(Contexts, " | ") + " | empty"}
	for _, it := range bank.Items {
		if !it.Core() {
			continue
		}
		header = append(header, it.ID)
		switch it.Kind {
		case questions.KindSkillRating, questions.KindWorkStyle:
			sc := bank.Scales[it.Scale]
			var pts []string
			for v := sc.Min; v <= sc.Max; v++ {
				pts = append(pts, fmt.Sprintf("%d %s", v, sc.Label(v, "en")))
			}
			allowed = append(allowed, strings.Join(pts, " | "))
		default:
			var opts []string
			for i, o := range it.Options {
				opts = append(opts, fmt.Sprintf("%c %s", 'A'+i, o.Text.String()))
			}
			allowed = append(allowed, strings.Join(opts, " | "))
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.Write(allowed); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
