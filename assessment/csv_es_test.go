package assessment

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// csvCell quotes a cell as spreadsheets do.
func csvCell(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// spreadsheetCSV is a cohort as a form tool or a spreadsheet in a language
// exports it: a timestamp, the name and the work context under that
// language's headers, the question texts of the language as headers
// (pairs with their label in brackets), and every answer written as its
// label in that language, different from one item to the next.
func spreadsheetCSV(e *Engine, lang, sep string, people []string) string {
	head := map[string][]string{
		"en": {"Timestamp", "Your name", "Where do you work?"},
		"es": {"Marca temporal", "Nombre", "¿Dónde trabajas? (opcional)"},
	}[lang]
	contexts := map[string][]string{
		"en": {"Large company", "Agency", "Freelance", "Not sure, or rather not say"},
		"es": {"Gran empresa", "Agencia", "Freelance", "No lo sé o prefiero no decirlo"},
	}[lang]
	var b strings.Builder
	cells := []string{}
	for _, h := range head {
		cells = append(cells, csvCell(h))
	}
	for _, it := range e.Bank.Items {
		if !it.Core() {
			continue
		}
		h := it.Text.In(lang)
		if it.Kind == questions.KindForcedChoice {
			h += " [" + it.Label.In(lang) + "]"
		}
		cells = append(cells, csvCell(h))
	}
	b.WriteString(strings.Join(cells, sep) + "\r\n")
	for p, name := range people {
		cells = []string{csvCell("23/11/2026 9:30:00"), csvCell(name), csvCell(contexts[p%len(contexts)])}
		n := p
		for _, it := range e.Bank.Items {
			if !it.Core() {
				continue
			}
			n++
			var cell string
			switch it.Kind {
			case questions.KindSkillRating, questions.KindWorkStyle:
				sc := e.Bank.Scales[it.Scale]
				cell = sc.Label(sc.Min+n%(sc.Max-sc.Min+1), lang)
			default:
				cell = it.Options[n%len(it.Options)].Text.In(lang)
			}
			cells = append(cells, csvCell(cell))
		}
		b.WriteString(strings.Join(cells, sep) + "\r\n")
	}
	return b.String()
}

// A cohort exported from a Spanish spreadsheet (Spanish headers and
// answer labels, semicolons, Windows-1252 as Excel writes "CSV
// (delimitado por comas)", or UTF-8 with a byte order mark as it writes
// "CSV UTF-8") imports to the same answers as the English export.
func TestParseCSVReadsASpanishSpreadsheetAsTheEnglishOne(t *testing.T) {
	e := testEngine(t)
	people := []string{"Ana Pérez", "Begoña Ibáñez", "Íñigo Müller", "Zoë Fan"}
	read := func(name, data string) []CSVRow {
		t.Helper()
		rows, problems, info, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range problems {
			t.Errorf("%s: %s", name, i18n.For("es").Error(p.Err()))
		}
		if len(rows) != len(people) {
			t.Fatalf("%s: %d rows, want %d", name, len(rows), len(people))
		}
		for _, n := range info.Notes {
			// Only the timestamp is left unread.
			if en := n.Error(); strings.Contains(en, "no column for") || strings.Contains(en, "work") || strings.Contains(en, "trabajas") || strings.Contains(en, "ombre") {
				t.Errorf("%s: %s", name, n)
			}
		}
		return rows
	}
	english := read("English", spreadsheetCSV(e, "en", ",", people))
	for i, r := range english {
		if len(r.Answers.Items) != 67 {
			t.Fatalf("English row %d: %d answers", r.Row, len(r.Answers.Items))
		}
		if r.Answers.Respondent.Name != people[i] {
			t.Errorf("English row %d: name %q", r.Row, r.Answers.Respondent.Name)
		}
	}
	if english[0].Answers.Respondent.Context != "enterprise" || english[1].Answers.Respondent.Context != "agency" || english[3].Answers.Respondent.Context != "" {
		t.Errorf("English contexts: %q %q %q", english[0].Answers.Respondent.Context, english[1].Answers.Respondent.Context, english[3].Answers.Respondent.Context)
	}

	spanish := spreadsheetCSV(e, "es", ";", people)
	latin1, err := charmap.Windows1252.NewEncoder().String(spanish)
	if err != nil {
		t.Fatalf("the Spanish texts cannot be written in Windows-1252: %v", err)
	}
	for _, c := range []struct{ name, data, encoding string }{
		{"Spanish, UTF-8", spanish, "UTF-8"},
		{"Spanish, UTF-8 with BOM", "\ufeff" + spanish, "UTF-8 with BOM"},
		{"Spanish, Windows-1252", latin1, "Windows-1252"},
	} {
		_, _, info, _ := ParseCSV(strings.NewReader(c.data), e.Bank, CSVOptions{})
		if info.Encoding != c.encoding || info.Delimiter != ';' {
			t.Errorf("%s: read as %s with %q", c.name, info.Encoding, info.Delimiter)
		}
		rows := read(c.name, c.data)
		for i := range rows {
			got, want := rows[i].Answers, english[i].Answers
			if got.Respondent != want.Respondent {
				t.Errorf("%s row %d: respondent %+v, want %+v", c.name, rows[i].Row, got.Respondent, want.Respondent)
			}
			if !reflect.DeepEqual(got.Items, want.Items) {
				for id, a := range want.Items {
					if got.Items[id] != a {
						t.Errorf("%s row %d: %s = %+v, want %+v", c.name, rows[i].Row, id, got.Items[id], a)
					}
				}
			}
		}
	}
}

// The template in Spanish names its columns in Spanish, lists the answers
// with their Spanish labels, and reads back (its row of allowed answers
// skipped) whether it is filled with numbers or with labels.
func TestCSVTemplateInSpanishRoundTrips(t *testing.T) {
	e := testEngine(t)
	var b bytes.Buffer
	if err := CSVTemplateIn(&b, e.Bank, "es"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "nombre,contexto,skill.") || !strings.HasPrefix(lines[1], "# respuestas admitidas") ||
		!strings.Contains(lines[1], "1 Nunca lo he hecho") || strings.Contains(lines[1], "Never done it") {
		t.Fatalf("template starts %q", b.String()[:300])
	}
	for _, labels := range []bool{false, true} {
		fields := strings.Split(lines[0], ",")
		row := []string{"Dee Plantilla", "agencia"}
		for _, f := range fields[2:] {
			it, _ := e.Bank.Item(f)
			switch {
			case it.Kind == questions.KindSkillRating || it.Kind == questions.KindWorkStyle:
				if labels {
					row = append(row, csvCell(e.Bank.Scales[it.Scale].Label(3, "es")))
				} else {
					row = append(row, "3")
				}
			case labels:
				row = append(row, csvCell(it.Options[0].Text.In("es")))
			default:
				row = append(row, "a")
			}
		}
		csv := strings.ReplaceAll(lines[0], ",", ";") + "\n" + strings.ReplaceAll(lines[1], ",", ";") + "\n" + strings.Join(row, ";") + "\n"
		rows, problems, _, err := ParseCSV(strings.NewReader(csv), e.Bank, CSVOptions{})
		if err != nil || len(problems) > 0 || len(rows) != 1 || len(rows[0].Answers.Items) != 67 {
			t.Fatalf("labels %v: %v %v %d rows", labels, err, problems, len(rows))
		}
		a := rows[0].Answers
		if a.Respondent.Context != "agency" || a.Items["skill.events"].Value != 3 {
			t.Errorf("labels %v: %+v, events %+v", labels, a.Respondent, a.Items["skill.events"])
		}
		pair := e.Bank.ItemsIn("preferences")[0]
		if a.Items[pair.ID].Option != pair.Options[0].ID {
			t.Errorf("labels %v: the pair read as %+v", labels, a.Items[pair.ID])
		}
	}
}

// The problems of a Spanish file are said in Spanish, with the Spanish
// labels the cell may hold.
func TestParseCSVProblemsReadInSpanish(t *testing.T) {
	e := testEngine(t)
	data := "Nombre;skill.events\r\nAna;A veces\r\n;4\r\nBen;9\r\n"
	_, problems, _, err := ParseCSV(strings.NewReader(data), e.Bank, CSVOptions{})
	if err != nil || len(problems) != 3 {
		t.Fatalf("%v %v", err, problems)
	}
	es := i18n.For("es")
	want := []string{
		`fila 2, columna "skill.events": "A veces" no es una respuesta; se admiten: 1 Nunca lo he hecho, 2 Lo he hecho con ayuda`,
		`fila 3, columna "Nombre": el nombre está vacío; escribe el nombre del participante`,
		`fila 4, columna "skill.events": 9 está fuera del rango; se admite de 1 a 5 (1 Nunca lo he hecho`,
	}
	for i, p := range problems {
		if got := es.Error(p.Err()); !strings.HasPrefix(got, want[i]) {
			t.Errorf("problem %d:\n got %s\nwant %s…", i, got, want[i])
		}
	}
	_, _, _, err = ParseCSV(strings.NewReader("Marca temporal;Correo\r\nx;y\r\n"), e.Bank, CSVOptions{})
	if got := es.Error(err); !strings.HasPrefix(got, `no hay columna "name" (o "nombre")`) || !strings.Contains(got, "2 columnas separadas por puntos y coma") {
		t.Errorf("no name column: %s", got)
	}
}
