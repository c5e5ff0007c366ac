package workshop

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"

	"hatcheck/assessment"
	"hatcheck/questions"
	"hatcheck/store"
)

// formExport is a cohort as a spreadsheet in lang exports it: the name and
// work context under that language's headers, the question texts of the
// language as headers, every answer as its label in the language.
func formExport(e *assessment.Engine, lang, sep string, names []string) string {
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
	head := map[string][]string{"en": {"Your name", "Where do you work?"}, "es": {"Nombre", "¿Dónde trabajas?"}}[lang]
	ctx := map[string]string{"en": "Agency", "es": "Agencia"}[lang]
	cells := []string{q(head[0]), q(head[1])}
	for _, it := range e.Bank.Items {
		if it.Core() {
			h := it.Text.In(lang)
			if it.Kind == questions.KindForcedChoice {
				h += " [" + it.Label.In(lang) + "]"
			}
			cells = append(cells, q(h))
		}
	}
	out := strings.Join(cells, sep) + "\r\n"
	for p, name := range names {
		cells = []string{q(name), q(ctx)}
		n := p
		for _, it := range e.Bank.Items {
			if !it.Core() {
				continue
			}
			n += 3
			if len(it.Options) > 0 {
				cells = append(cells, q(it.Options[n%len(it.Options)].Text.In(lang)))
			} else {
				sc := e.Bank.Scales[it.Scale]
				cells = append(cells, q(sc.Label(sc.Min+n%(sc.Max-sc.Min+1), lang)))
			}
		}
		out += strings.Join(cells, sep) + "\r\n"
	}
	return out
}

// stored reads back every person's answers, by name.
func stored(t *testing.T, s *store.Store, e *assessment.Engine) map[string]*assessment.Answers {
	t.Helper()
	ps, err := s.Profiles()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*assessment.Answers{}
	for _, p := range ps {
		as, err := s.Attempts(p.ID)
		if err != nil || len(as) != 1 {
			t.Fatalf("%s: %d attempts, %v", p.Name, len(as), err)
		}
		a, _, err := s.Answers(as[0].ID, e.Bank)
		if err != nil {
			t.Fatal(err)
		}
		out[p.Name] = a
	}
	return out
}

// A trainer in Spain imports the CSV her Spanish spreadsheet saved
// (Spanish headers and labels, semicolons, Windows-1252): everyone comes
// in with the answers the English export of the same form gives.
func TestImportASpanishSpreadsheet(t *testing.T) {
	e := engine(t)
	names := []string{"Begoña Ibáñez", "Íñigo Muñoz", "Zoë Pérez"}
	es, err := charmap.Windows1252.NewEncoder().String(formExport(e, "es", ";", names))
	if err != nil {
		t.Fatal(err)
	}
	spanish, english := openStore(t), openStore(t)
	resES, err := Import(spanish, e.In("es"), "Grupo", []string{writeFile(t, "grupo.csv", []byte(es))}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, resES, 3, 0, 0)
	if len(resES.Notes) != 1 || !strings.Contains(resES.Notes[0], "Windows-1252") || !strings.Contains(resES.Notes[0], "delimitado por comas") {
		t.Errorf("notes %q: want only the encoding's, in Spanish", resES.Notes)
	}
	resEN, err := Import(english, e, "Group", []string{writeFile(t, "group.csv", []byte(formExport(e, "en", ",", names)))}, ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, resEN, 3, 0, 0)
	got, want := stored(t, spanish, e), stored(t, english, e)
	if len(got) != 3 || len(want) != 3 {
		t.Fatalf("%d and %d people", len(got), len(want))
	}
	for _, n := range names {
		g, w := got[n], want[n]
		if g == nil || w == nil {
			t.Fatalf("%s is missing: %v %v", n, g, w)
		}
		if len(g.Items) != 67 || g.Respondent.Context != "agency" || !reflect.DeepEqual(g.Items, w.Items) || g.Respondent != w.Respondent {
			t.Errorf("%s: the Spanish file gave %+v %d answers, the English one %+v %d", n, g.Respondent, len(g.Items), w.Respondent, len(w.Items))
		}
	}
}
