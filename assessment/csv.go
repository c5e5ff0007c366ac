package assessment

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"hatcheck/internal/i18n"
	"hatcheck/internal/syserr"
	"hatcheck/questions"
)

// A cohort CSV has one row per participant and one column per core item,
// plus "name" and "context". Online form tools export the same thing with
// the question text as the header, a timestamp column, and answers written
// as their label ("Do it well and often") instead of a code: both are read,
// in every language the bank has ("Lo hago bien y a menudo" is 4 too).

// MaxCSVBytes is the largest CSV file ParseCSV reads: far more than any
// cohort, and larger files are refused rather than cut.
const MaxCSVBytes = 50_000_000

// CSVOptions are the trainer's choices for a CSV import.
type CSVOptions struct {
	// AllowPartial imports rows that are cut short (fewer cells than the
	// header has columns) as partial answers; without it they are reported
	// as incomplete and left out.
	AllowPartial bool
}

// CSVRow is one participant read from a CSV file.
type CSVRow struct {
	Row     int // the spreadsheet row number (the header is row 1)
	Answers *Answers
	// Partial is set for a row imported although cut short (see
	// CSVOptions.AllowPartial); its missing cells are skips, and Short is
	// the problem that says how it is cut short.
	Partial bool
	Short   *CSVProblem
}

// CSVProblem is a problem in one cell or row.
type CSVProblem struct {
	Row    int
	Column string
	// Problem says what is wrong, as a catalogue text (see i18n.Errorf):
	// Error gives it in English, a printer in its language.
	Problem error
	// Incomplete is set when the only problem of the row is that it is cut
	// short: CSVOptions.AllowPartial would import it.
	Incomplete bool
}

// CSVInfo describes what was read.
type CSVInfo struct {
	// Rows counts the data rows read: every row after the header except
	// wholly blank rows and the template's "# allowed answers" row. Each is
	// either returned or has at least one problem.
	Rows      int
	Encoding  string // "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE" or "Windows-1252"
	Delimiter rune   // ',', ';' or '\t'
	// Notes are things the trainer should know that are not problems,
	// such as a guessed encoding; catalogue texts, as problems are.
	Notes []error
}

// String is the problem with its row and column, in English.
func (p CSVProblem) String() string { return p.Err().Error() }

// Err is the problem with its row and column, as a catalogue text that a
// printer renders in its language.
func (p CSVProblem) Err() error {
	if p.Column == "" {
		return i18n.Errorf("row {{.Row}}: {{.Err}}", map[string]any{"Row": p.Row, "Err": p.Problem})
	}
	return i18n.Errorf("row {{.Row}}, column {{.Column}}: {{.Err}}", map[string]any{"Row": p.Row, "Column": strconv.Quote(p.Column), "Err": p.Problem})
}

// csvColumn says what a CSV column holds.
type csvColumn struct {
	header string
	kind   string // "name", "context", "item", "ignored"
	item   *questions.Item
}

// normal folds a header or a label for matching as a spreadsheet may
// have changed it: lower case, single spaces (no-break ones included), no
// surrounding punctuation or quotes ("¿...?" included), composed accents
// (NFC). Accents are kept: "é" is not "e".
func normal(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || invisible(r) })
}

// The headers of the name and context columns, folded, in English and
// Spanish.
var nameHeaders = map[string]bool{"name": true, "your name": true, "full name": true, "participant": true, "participant name": true, "respondent": true,
	"nombre": true, "tu nombre": true, "nombre completo": true, "nombre y apellidos": true, "nombre y apellido": true, "participante": true, "nombre del participante": true, "nombre de la participante": true}
var contextHeaders = map[string]bool{"context": true, "work context": true, "where do you work": true, "where do you work optional": true,
	"contexto": true, "contexto de trabajo": true, "tu contexto": true, "dónde trabajas": true, "dónde trabajas opcional": true}

// headerWords folds a header to its words alone, for the name and context
// columns: "¿Dónde trabajas? (opcional)" is "dónde trabajas opcional".
func headerWords(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(norm.NFC.String(s)), func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r) || invisible(r)
	}), " ")
}

// templateMarker starts the name cell of the row CSVTemplate writes under
// the header, in the template's language; that row is skipped.
var templateMarker = i18n.Key("# allowed answers")

// isTemplateRow reports whether a name cell starts the template's row of
// allowed answers, in any language Hatcheck speaks.
func isTemplateRow(cell string) bool {
	cell = strings.ToLower(trimCell(cell))
	for _, m := range templateMarkers() {
		if strings.HasPrefix(cell, m) {
			return true
		}
	}
	return false
}

var templateMarkers = sync.OnceValue(func() []string {
	var out []string
	for _, lang := range i18n.Supported {
		out = append(out, strings.ToLower(i18n.For(lang).T(templateMarker)))
	}
	return out
})

// ParseCSV reads a cohort CSV in UTF-8, UTF-16 or Windows-1252, with
// commas, semicolons or tabs between cells. Every row read is either
// returned or has at least one problem, by row and column; rows with
// problems are left out, except rows that are only cut short when
// opt.AllowPartial is set. Rows are never merged, whatever their names.
// The error is for a file that cannot be read as a cohort CSV at all.
func ParseCSV(r io.Reader, bank *questions.Bank, opt CSVOptions) ([]CSVRow, []CSVProblem, CSVInfo, error) {
	var rows []CSVRow
	var problems []CSVProblem
	info, err := ReadCSV(r, bank, opt, func(row CSVRow, ps []CSVProblem) error {
		if row.Answers != nil {
			rows = append(rows, row)
		}
		problems = append(problems, ps...)
		return nil
	})
	if err != nil {
		return nil, nil, info, err
	}
	return rows, problems, info, nil
}

// ReadCSV reads a cohort CSV as ParseCSV does, but hands each data row to
// each as soon as it is read, so that only one row is held at a time: with
// its answers (row.Answers) when it can be imported, or with its problems.
// An error from each stops the reading and is returned.
func ReadCSV(r io.Reader, bank *questions.Bank, opt CSVOptions, each func(row CSVRow, problems []CSVProblem) error) (CSVInfo, error) {
	var info CSVInfo
	data, err := io.ReadAll(io.LimitReader(r, MaxCSVBytes+1))
	if err != nil {
		return info, syserr.Describe(err)
	}
	if len(data) > MaxCSVBytes {
		return info, i18n.Errorf("the file is larger than {{.MB}} MB; split it into smaller files and import each of them", map[string]any{"MB": MaxCSVBytes / 1_000_000})
	}
	text, err := decodeCSV(data, &info)
	if err != nil {
		return info, err
	}
	info.Delimiter = sniffDelimiter(text)
	rd := csv.NewReader(strings.NewReader(text))
	rd.Comma = info.Delimiter
	rd.FieldsPerRecord = -1
	// The csv package skips empty lines, but a spreadsheet shows them as
	// rows: count them so that row numbers match what the trainer sees.
	row := 0
	next := func() (rec []string, rest string, err error) {
		rest = text[rd.InputOffset():]
		for t := strings.TrimPrefix(rest, "\r"); strings.HasPrefix(t, "\n"); t = strings.TrimPrefix(rest, "\r") {
			rest = t[1:]
			row++
		}
		row++
		rec, err = rd.Read()
		return rec, rest, err
	}
	header, rest, err := next()
	if errors.Is(err, io.EOF) {
		return info, i18n.Errorf("the file is empty; it needs a header row and one row per participant")
	}
	if err != nil {
		_, p := describeCSVError(err, rest, info.Delimiter)
		return info, i18n.Errorf("the header row cannot be read: {{.Err}}", map[string]any{"Err": p})
	}
	m := newCSVMatch(bank)
	cols, notes, err := m.columns(header, info.Delimiter)
	if err != nil {
		return info, err
	}
	info.Notes = append(info.Notes, notes...)
	nameCol := slices.IndexFunc(cols, func(c csvColumn) bool { return c.kind == "name" })
	for {
		rec, rest, err := next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			info.Rows++
			cell, p := describeCSVError(err, rest, info.Delimiter)
			column := ""
			if cell >= 0 && cell < len(cols) {
				column = cols[cell].header
			}
			if err := each(CSVRow{Row: row}, []CSVProblem{{Row: row, Column: column, Problem: p}}); err != nil {
				return info, err
			}
			continue
		}
		if blank(rec) || nameCol < len(rec) && isTemplateRow(rec[nameCol]) {
			continue
		}
		info.Rows++
		a, ps := m.row(rec, cols, row, info.Delimiter)
		switch {
		case len(ps) == 0:
			err = each(CSVRow{Row: row, Answers: a}, nil)
		case len(ps) == 1 && ps[0].Incomplete && opt.AllowPartial:
			err = each(CSVRow{Row: row, Answers: a, Partial: true, Short: &ps[0]}, nil)
		default:
			err = each(CSVRow{Row: row}, ps)
		}
		if err != nil {
			return info, err
		}
	}
	return info, nil
}

// decodeCSV turns the bytes of a CSV file into text: UTF-8 (with or
// without a byte order mark), UTF-16 (with one, or recognised by its zero
// bytes), or else Windows-1252, which Excel writes for "CSV (Comma
// delimited)".
func decodeCSV(data []byte, info *CSVInfo) (string, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0")) {
		return "", i18n.Errorf("this is a spreadsheet workbook (such as .xlsx or .xls), not a CSV file; save it as \"CSV UTF-8\" in the spreadsheet and import that file")
	}
	var dec *encoding.Decoder
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		info.Encoding, data = "UTF-8 with BOM", data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")):
		info.Encoding, data = "UTF-16LE", data[2:]
	case bytes.HasPrefix(data, []byte("\xfe\xff")):
		info.Encoding, data = "UTF-16BE", data[2:]
	default:
		switch info.Encoding = utf16Guess(data); {
		case info.Encoding != "":
			info.Notes = append(info.Notes, i18n.Errorf("The file has no byte order mark; its zero bytes show it is {{.Encoding}} text, so it was read as such.", map[string]any{"Encoding": info.Encoding}))
		case utf8.Valid(data):
			info.Encoding = "UTF-8"
		default:
			info.Encoding, dec = "Windows-1252", charmap.Windows1252.NewDecoder()
			info.Notes = append(info.Notes, i18n.Errorf("The file is not in UTF-8, so it was read as Windows-1252, which Excel writes for \"CSV (Comma delimited)\". If names with accents or other letters look wrong, save the file as \"CSV UTF-8\" in the spreadsheet and import it again."))
		}
	}
	switch info.Encoding {
	case "UTF-16LE":
		dec = xunicode.UTF16(xunicode.LittleEndian, xunicode.IgnoreBOM).NewDecoder()
	case "UTF-16BE":
		dec = xunicode.UTF16(xunicode.BigEndian, xunicode.IgnoreBOM).NewDecoder()
	}
	if dec != nil {
		var err error
		if data, err = dec.Bytes(data); err != nil {
			return "", i18n.Errorf("the file cannot be read as {{.Encoding}} text: {{.Err}}", map[string]any{"Encoding": info.Encoding, "Err": err})
		}
	}
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	if strings.ContainsRune(text, '\uFFFD') {
		info.Notes = append(info.Notes, i18n.Errorf("Some characters in the file are not valid {{.Encoding}} and show as \uFFFD; if a name shows one, correct it in the spreadsheet, save the file as \"CSV UTF-8\" and import it again.",
			map[string]any{"Encoding": strings.TrimSuffix(info.Encoding, " with BOM")}))
	}
	// Lines end with \r\n (Windows), \n, or \r alone ("CSV (Macintosh)"),
	// sometimes mixed in one file: a lone \r is a line end too, so that two
	// people are never read as one row. (Inside a quoted cell it becomes a
	// line break of the same cell.)
	if strings.Contains(text, "\r") {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	return text, nil
}

// utf16Guess recognises UTF-16 without a byte order mark: the header is
// plain ASCII, so every other byte is zero.
func utf16Guess(data []byte) string {
	n := min(len(data), 1024) &^ 1
	var even, odd int
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	switch pairs := n / 2; {
	case pairs > 0 && 2*odd > pairs && 4*even < odd:
		return "UTF-16LE"
	case pairs > 0 && 2*even > pairs && 4*odd < even:
		return "UTF-16BE"
	}
	return ""
}

// sniffDelimiter picks the comma, semicolon or tab that the header line
// holds most of outside quotes; a comma when it holds none.
func sniffDelimiter(text string) rune {
	var commas, semicolons, tabs int
	quoted := false
scan:
	for _, r := range strings.TrimLeft(text, "\r\n") {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			break scan
		case r == ',':
			commas++
		case r == ';':
			semicolons++
		case r == '\t':
			tabs++
		}
	}
	switch {
	case semicolons > commas && semicolons >= tabs:
		return ';'
	case tabs > commas && tabs > semicolons:
		return '\t'
	}
	return ','
}

// delimiterName names the cells' delimiter, for a message.
func delimiterName(d rune) error {
	switch d {
	case ';':
		return i18n.Errorf("semicolons")
	case '\t':
		return i18n.Errorf("tabs")
	}
	return i18n.Errorf("commas")
}

// describeCSVError turns an error of the csv package, for the record that
// starts text, into a problem a trainer can fix and the index of the cell
// it is in (-1 when unknown).
func describeCSVError(err error, text string, comma rune) (cell int, problem error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return -1, i18n.Errorf("the row cannot be read: {{.Err}}", map[string]any{"Err": err})
	}
	// The byte of text where the error is: pe.Line and pe.Column count
	// from the start of the file.
	at := 0
	for range pe.Line - pe.StartLine {
		if i := strings.IndexByte(text[at:], '\n'); i >= 0 {
			at += i + 1
		}
	}
	at = min(at+pe.Column-1, len(text))
	cell = cellAt(text[:at], comma)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return cell, i18n.Errorf("a quote mark (\") is inside a cell that does not start with one; put the whole cell in quotes and write each quote mark inside it twice (\"\"), or remove it")
	case errors.Is(pe.Err, csv.ErrQuote) && pe.Line == pe.StartLine && at < len(text) && text[at] == '"':
		return cell, i18n.Errorf("text follows the quote mark (\") that closes a quoted cell; put the whole cell in quotes and write each quote mark inside it twice (\"\")")
	case errors.Is(pe.Err, csv.ErrQuote):
		if n := pe.Line - pe.StartLine; n > 0 {
			return cell, i18n.Errorn("a quote mark (\") opens a cell in this row and is never closed, so the {{.N}} lines after it could not be read; remove the stray quote mark, or put the whole cell in quotes and write each quote mark inside it twice (\"\"), and import the file again",
				n, map[string]any{"N": n})
		}
		return cell, i18n.Errorf("a quote mark (\") opens a cell in this row and is never closed; remove the stray quote mark, or put the whole cell in quotes and write each quote mark inside it twice (\"\"), and import the file again")
	}
	return cell, i18n.Errorf("the row cannot be read: {{.Err}}", map[string]any{"Err": pe.Err})
}

// cellAt counts the cells before the end of text, which starts a record.
func cellAt(text string, comma rune) int {
	n, quoted := 0, false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case r == comma && !quoted:
			n++
		}
	}
	return n
}

func trimCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || invisible(r) })
}

func blank(rec []string) bool {
	for _, c := range rec {
		if trimCell(c) != "" {
			return false
		}
	}
	return true
}

// csvMatch reads headers and cells against the bank, in every language
// its texts have: each text folded (see normal) to what it stands for.
type csvMatch struct {
	bank *questions.Bank
	// byKey: an item's ID, text or label, every language, to the item.
	byKey map[string]*questions.Item
	// points: a scale's labels, every language, to their point.
	points map[string]map[string]int
	// options: an item's option texts, every language, to their ID.
	options map[string]map[string]string
}

// newCSVMatch folds the bank's texts once for a whole file. The English
// texts come first, so that a header reads as it always did; another
// language adds what English has not taken. A label or option text that
// stands for two points or options (in two languages) is left out, so that
// it is refused rather than guessed.
func newCSVMatch(bank *questions.Bank) *csvMatch {
	m := &csvMatch{bank: bank, byKey: map[string]*questions.Item{}, points: map[string]map[string]int{}, options: map[string]map[string]string{}}
	take := func(k string, it *questions.Item) {
		if _, taken := m.byKey[normal(k)]; !taken {
			m.byKey[normal(k)] = it
		}
	}
	for _, all := range []bool{false, true} {
		for i := range bank.Items {
			it := &bank.Items[i]
			if !it.Core() {
				continue
			}
			if !all {
				take(it.ID, it)
			}
			for _, t := range []questions.Text{it.Text, it.Label} {
				for _, k := range texts(t, all) {
					take(k, it)
				}
			}
		}
	}
	// A template made before an item was renamed still has the old ID.
	for old := range bank.Renamed.Items {
		if cur, ok := bank.CurrentID(old); ok {
			if it, _ := bank.Item(cur); it.Core() {
				take(old, it)
			}
		}
	}
	for name, sc := range bank.Scales {
		m.points[name] = unambiguous(func(add func(string, int)) {
			for i, l := range sc.Labels {
				for _, k := range texts(l, true) {
					add(k, sc.Min+i)
				}
			}
		})
	}
	for _, it := range bank.Items {
		if it.Core() && len(it.Options) > 0 {
			m.options[it.ID] = unambiguous(func(add func(string, string)) {
				for _, o := range it.Options {
					for _, k := range texts(o.Text, true) {
						add(k, o.ID)
					}
				}
			})
		}
	}
	return m
}

// texts are the English text of t, or (all) its texts in every language.
func texts(t questions.Text, all bool) []string {
	if !all {
		return []string{t.String()}
	}
	out := make([]string, 0, len(t))
	for _, s := range t {
		out = append(out, s)
	}
	return out
}

// unambiguous maps each folded text that fill adds to its value, without
// the texts added with two different values.
func unambiguous[V comparable](fill func(add func(string, V))) map[string]V {
	out := map[string]V{}
	clash := map[string]bool{}
	fill(func(k string, v V) {
		k = normal(k)
		if w, ok := out[k]; ok && w != v {
			clash[k] = true
		}
		out[k] = v
	})
	for k := range clash {
		delete(out, k)
	}
	return out
}

// columns matches each header to the name, the context, an item (by its
// ID, its text or its label, in any language) or nothing (a timestamp, an
// e-mail...). The delimiter is named in the errors, as a wrong one is a
// likely cause.
//
// Nothing is dropped without a word: a header that looks like an item ID
// but names none (a typo such as "skill.budget") refuses the file, with the
// closest ID; other columns that are not read, and questions that have no
// column, are listed in notes.
func (m *csvMatch) columns(header []string, delim rune) ([]csvColumn, []error, error) {
	bank := m.bank
	// Pairs share the text "Which would you rather spend a Tuesday on?", so
	// a form tool adds the label or a number: "... [Posts or newcomers]".
	cols := make([]csvColumn, len(header))
	seen := map[string]int{}
	items := 0
	for i, h := range header {
		n := normal(h)
		c := csvColumn{header: strings.TrimSpace(h), kind: "ignored"}
		switch {
		case nameHeaders[n] || nameHeaders[headerWords(h)]:
			c.kind = "name"
		case contextHeaders[n] || contextHeaders[headerWords(h)]:
			c.kind = "context"
		default:
			if it := matchItem(h, m.byKey); it != nil {
				c.kind, c.item = "item", it
				if j, dup := seen[it.ID]; dup {
					return nil, nil, i18n.Errorf("columns {{.First}} and {{.Second}} are both for item {{.Item}}", map[string]any{"First": j + 1, "Second": i + 1, "Item": it.ID})
				}
				seen[it.ID] = i
				items++
			}
		}
		cols[i] = c
	}
	split := i18n.Errorf("the header row was read as {{.N}} columns separated by {{.Delimiter}}", map[string]any{"N": len(header), "Delimiter": delimiterName(delim)})
	if len(header) == 1 {
		split = i18n.Errorf("the header row has no comma, semicolon or tab between column names, so it was read as one column; save the file from the spreadsheet as CSV")
	}
	if !slices.ContainsFunc(cols, func(c csvColumn) bool { return c.kind == "name" }) {
		return nil, nil, i18n.Errorf("no \"name\" column; the first row must name the columns (see \"hatcheck workshop template\"); {{.Split}}", map[string]any{"Split": split})
	}
	if items == 0 {
		return nil, nil, i18n.Errorf("no column matches a question; the header must hold the item IDs (as in the template) or the question texts; {{.Split}}", map[string]any{"Split": split})
	}
	var notes []error
	var ignored, audit []string
	for i, c := range cols {
		if c.kind != "ignored" || c.header == "" {
			continue
		}
		id := strings.ToLower(strings.TrimSpace(c.header))
		if it, ok := bank.Item(id); ok && !it.Core() {
			audit = append(audit, c.header)
			continue
		}
		if itemIDPattern().MatchString(id) {
			return nil, nil, i18n.Errorf("column {{.N}}, {{.Header}}, looks like a question's ID but no question has it; did you mean {{.ID}}? Correct the header (see \"hatcheck workshop template\"), so that no answers are left out",
				map[string]any{"N": i + 1, "Header": strconv.Quote(c.header), "ID": closestID(id, bank)})
		}
		ignored = append(ignored, c.header)
	}
	if len(ignored) > 0 {
		notes = append(notes, i18n.Errorn("{{.N}} columns are not questions and were not read: {{.List}}.", len(ignored), map[string]any{"N": len(ignored), "List": quoteSome(ignored, 5)}))
	}
	if len(audit) > 0 {
		notes = append(notes, i18n.Errorn("The current-work audit is not read from a CSV file; its columns were left out: {{.List}}.", len(audit), map[string]any{"List": quoteSome(audit, 5)}))
	}
	var missing []string
	for _, it := range bank.Items {
		if _, ok := seen[it.ID]; it.Core() && !ok {
			missing = append(missing, it.ID)
		}
	}
	if len(missing) > 0 {
		notes = append(notes, i18n.Errorn("The file has no column for {{.N}} of the questions ({{.List}}); they count as skipped for everyone in it.", len(missing), map[string]any{"N": len(missing), "List": quoteSome(missing, 5)}))
	}
	return cols, notes, nil
}

// itemIDPattern is what an item ID looks like ("skill.budgeting").
var itemIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(skill|style|pair|scenario|audit)\.[a-z0-9-]+$`) })

// closestID is the core item ID nearest to id by edit distance.
func closestID(id string, bank *questions.Bank) string {
	best, bestD := "", -1
	for _, it := range bank.Items {
		if d := editDistance(id, it.ID); it.Core() && (bestD < 0 || d < bestD) {
			best, bestD = it.ID, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// quoteSome quotes the first n strings of list and counts the rest: a
// field of a message (a string, or a catalogue text when some are left).
func quoteSome(list []string, n int) any {
	var q []string
	for i, s := range list {
		if i == n {
			return i18n.Errorf("{{.List}}, and {{.N}} more", map[string]any{"List": strings.Join(q, ", "), "N": len(list) - n})
		}
		q = append(q, strconv.Quote(s))
	}
	return strings.Join(q, ", ")
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

// row reads one participant. A row with fewer cells than columns gets a
// problem that says so, Incomplete when it is the only problem; its
// missing cells are read as skips.
func (m *csvMatch) row(rec []string, cols []csvColumn, row int, delim rune) (*Answers, []CSVProblem) {
	a := &Answers{Items: map[string]Answer{}}
	var problems []CSVProblem
	add := func(column string, problem error) {
		problems = append(problems, CSVProblem{Row: row, Column: column, Problem: problem})
	}
	for i, c := range cols {
		cell := ""
		if i < len(rec) {
			cell = trimCell(rec[i])
		}
		switch c.kind {
		case "name":
			cell = CleanName(cell)
			if cell == "" {
				add(c.header, i18n.Errorf("the name is empty; write the participant's name"))
			} else if n := utf8.RuneCountInString(cell); n > maxNameRunes {
				add(c.header, i18n.Errorf("the name is {{.N}} characters long; up to {{.Max}} are allowed", map[string]any{"N": n, "Max": maxNameRunes}))
			}
			a.Respondent.Name = cell
		case "context":
			ctx, ok := parseContext(cell)
			if !ok {
				add(c.header, i18n.Errorf("{{.Value}} is not a context; allowed: {{.Allowed}}, or empty", map[string]any{"Value": strconv.Quote(cell), "Allowed": strings.Join(Contexts, ", ")}))
			}
			a.Respondent.Context = ctx
		case "item":
			if cell == "" {
				continue // skipped, never guessed
			}
			ans, err := m.cell(cell, c.item)
			if err != nil {
				add(c.header, err)
				continue
			}
			a.Items[c.item.ID] = ans
		}
	}
	if len(rec) > len(cols) && !blank(rec[len(cols):]) {
		add("", i18n.Errorf("the row has {{.Cells}} cells but the header only {{.Columns}} columns; put cells that hold {{.Delimiter}} in quotes, or name the extra columns in the header",
			map[string]any{"Cells": len(rec), "Columns": len(cols), "Delimiter": delimiterName(delim)}))
	}
	if len(rec) < len(cols) {
		problems = append(problems, CSVProblem{Row: row, Incomplete: len(problems) == 0,
			Problem: i18n.Errorn("the row has {{.N}} cells but the header has {{.Columns}} columns; it looks cut short: complete it, or import cut-short rows as partial answers, whose missing cells count as skipped",
				len(rec), map[string]any{"N": len(rec), "Columns": len(cols)})})
	}
	return a, problems
}

// contextLabels are the work contexts as a form offers them, folded, in
// English and Spanish (as the window names them).
var contextLabels = map[string]string{
	"small business": "small-business", "agency": "agency", "enterprise": "enterprise", "large company": "enterprise",
	"freelance": "freelance", "freelancer": "freelance", "student": "student", "student or career changer": "student",
	"pequeña empresa": "small-business", "agencia": "agency", "gran empresa": "enterprise", "empresa grande": "enterprise",
	"autónomo": "freelance", "autónoma": "freelance", "estudiante": "student", "estudiante o en cambio de profesión": "student",
	"estudiante o cambio de profesión": "student",
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
	if strings.HasPrefix(n, "not sure") || n == "prefer not to say" ||
		strings.HasPrefix(n, "no lo sé") || strings.HasPrefix(n, "no estoy seguro") || strings.HasPrefix(n, "no estoy segura") || n == "prefiero no decirlo" {
		return "", true
	}
	return "", false
}

// scalePoints lists a scale's points with their labels ("1 Never done
// it, 2 ..."), in the language of the printer that renders the message.
type scalePoints struct {
	sc  questions.Scale
	sep string
}

func (p scalePoints) In(lang string) string {
	var labels []string
	for v := p.sc.Min; v <= p.sc.Max; v++ {
		labels = append(labels, fmt.Sprintf("%d %s", v, p.sc.Label(v, lang)))
	}
	return strings.Join(labels, p.sep)
}

// cell reads one answer: a scale point as its number, its label (in any
// language), or both ("4", "4.0", "4 - Do it well and often", "Do it well
// and often", "4 Lo hago bien y a menudo"), an option as its ID, its
// letter or its text (in any language).
func (m *csvMatch) cell(cell string, it *questions.Item) (Answer, error) {
	switch it.Kind {
	case questions.KindSkillRating, questions.KindWorkStyle:
		sc := m.bank.Scales[it.Scale]
		points := m.points[it.Scale]
		allowed := scalePoints{sc, ", "}
		value := strconv.Quote(short([]byte(cell)))
		if v, ok := points[normal(cell)]; ok {
			return Answer{Value: v}, nil
		}
		num, rest, whole := leadingNumber(cell)
		v, err := strconv.Atoi(num)
		switch {
		case num == "":
			return Answer{}, i18n.Errorf("{{.Value}} is not an answer; allowed: {{.Allowed}}", map[string]any{"Value": value, "Allowed": allowed})
		case !whole:
			return Answer{}, i18n.Errorf("{{.Value}} is not a whole number; allowed: {{.Allowed}}", map[string]any{"Value": value, "Allowed": allowed})
		case err != nil || v < sc.Min || v > sc.Max:
			return Answer{}, i18n.Errorf("{{.Value}} is out of range; allowed: {{.Min}} to {{.Max}} ({{.Allowed}})", map[string]any{"Value": short([]byte(num)), "Min": sc.Min, "Max": sc.Max, "Allowed": allowed})
		}
		w, labelled := points[normal(rest)]
		switch {
		case normal(rest) == "" || labelled && w == v:
			return Answer{Value: v}, nil
		case labelled:
			return Answer{}, i18n.Errorf("{{.Value}} gives two answers: {{.V}} is \"{{.VLabel}}\" but \"{{.WLabel}}\" is {{.W}}; keep only one of them",
				map[string]any{"Value": value, "V": v, "VLabel": label(sc, v), "WLabel": label(sc, w), "W": w})
		}
		return Answer{}, i18n.Errorf("{{.Value}} is not an answer; allowed: {{.Allowed}}", map[string]any{"Value": value, "Allowed": allowed})
	case questions.KindForcedChoice, questions.KindScenario:
		n := normal(cell)
		for i, o := range it.Options {
			if n == normal(o.ID) || n == strings.ToLower(string(rune('A'+i))) {
				return Answer{Option: o.ID}, nil
			}
		}
		if id, ok := m.options[it.ID][n]; ok {
			return Answer{Option: id}, nil
		}
		if cur, ok := m.bank.CurrentOption(it.ID, strings.TrimSpace(cell)); ok {
			return Answer{Option: cur}, nil // an option ID renamed since
		}
		var allowed []error
		for i, o := range it.Options {
			allowed = append(allowed, i18n.Errorf("{{.Letter}} or {{.ID}}", map[string]any{"Letter": string(rune('A' + i)), "ID": o.ID}))
		}
		return Answer{}, i18n.Errorf("{{.Value}} is not one of the options; allowed: {{.Allowed}}, or the option's text",
			map[string]any{"Value": strconv.Quote(short([]byte(cell))), "Allowed": i18n.Join("; ", allowed)})
	}
	return Answer{}, i18n.Errorf("item {{.Item}} cannot be answered in a CSV", map[string]any{"Item": it.ID})
}

// leadingNumber splits "4.0 - Do it well and often" into "4" and
// " - Do it well and often". A decimal point or comma may follow the number
// as long as only zeros come after it ("4.", "4.0", as a spreadsheet's
// number format writes it); whole is false for "3.9" or "4,5". num is empty
// when the cell does not start with a number.
func leadingNumber(cell string) (num, rest string, whole bool) {
	digits := func(s string) int {
		return len(s) - len(strings.TrimLeft(s, "0123456789"))
	}
	sign := 0
	if strings.HasPrefix(cell, "-") {
		sign = 1
	}
	n := digits(cell[sign:])
	if n == 0 {
		return "", cell, false
	}
	num, rest = cell[:sign+n], cell[sign+n:]
	if strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, ",") {
		f := digits(rest[1:])
		if strings.Trim(rest[1:1+f], "0") != "" {
			return num, rest, false
		}
		rest = rest[1+f:]
	}
	return num, rest, true
}

// CSVTemplate writes the blank cohort CSV in English (see CSVTemplateIn).
func CSVTemplate(w io.Writer, bank *questions.Bank) error { return CSVTemplateIn(w, bank, "en") }

// CSVTemplateIn writes the blank cohort CSV in a language ("en", "es"; an
// engine's Lang): a header with "name", "context" and every core item's ID
// (IDs are the same in every language), then a comment row (starting with
// #) that lists each column's allowed answers with their labels; the
// importer skips it, and reads the labels in every language.
func CSVTemplateIn(w io.Writer, bank *questions.Bank, lang string) error {
	p := i18n.For(lang)
	cw := csv.NewWriter(w)
	header := []string{p.T("name"), p.T("context")}
	allowed := []string{p.T(templateMarker) + ": " + p.T("any name"), strings.Join(Contexts, " | ") + " | " + p.T("empty")}
	for _, it := range bank.Items {
		if !it.Core() {
			continue
		}
		header = append(header, it.ID)
		switch it.Kind {
		case questions.KindSkillRating, questions.KindWorkStyle:
			allowed = append(allowed, scalePoints{bank.Scales[it.Scale], " | "}.In(p.Lang()))
		default:
			var opts []string
			for i, o := range it.Options {
				opts = append(opts, fmt.Sprintf("%c %s", 'A'+i, o.Text.In(p.Lang())))
			}
			allowed = append(allowed, strings.Join(opts, " | "))
		}
	}
	if err := cw.Write(header); err != nil {
		return syserr.Describe(err)
	}
	if err := cw.Write(allowed); err != nil {
		return syserr.Describe(err)
	}
	cw.Flush()
	return syserr.Describe(cw.Error())
}
