package i18n

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"text/template"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"hatcheck/assets"
)

func TestMatchByLanguageOnly(t *testing.T) {
	for in, want := range map[string]string{
		"es": "es", "es_ES.UTF-8": "es", "es_MX": "es", "es-AR": "es", "es-419": "es", "ES_es.utf8@euro": "es",
		"en_US.UTF-8": "en", "fr_FR.UTF-8": "en", "": "en", "C.UTF-8": "en", "-": "en",
	} {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
	if got := Match("fr_FR", "es_ES"); got != "es" {
		t.Errorf("the first spoken of several: %q", got)
	}
}

func TestSystemReadsTheEnvironmentAsGettextDoes(t *testing.T) {
	for _, c := range []struct{ language, all, messages, lang, want string }{
		{"", "", "", "es_ES.UTF-8", "es"},
		{"", "", "es_MX.UTF-8", "en_US.UTF-8", "es"},
		{"", "en_GB.UTF-8", "es_MX.UTF-8", "es_ES.UTF-8", "en"},
		{"fr:es", "", "", "en_US.UTF-8", "es"},
		{"es", "C.UTF-8", "", "", "en"}, // LANGUAGE counts only with a real locale
		{"es", "", "", "", "en"},
		{"", "", "", "", "en"},
	} {
		t.Setenv("LANGUAGE", c.language)
		t.Setenv("LC_ALL", c.all)
		t.Setenv("LC_MESSAGES", c.messages)
		t.Setenv("LANG", c.lang)
		if got := System(); got != c.want {
			t.Errorf("%+v: %q", c, got)
		}
	}
}

func TestAMissingTextFallsBackToItsEnglish(t *testing.T) {
	p := For("es")
	if got := p.T("A text nobody translated, for {{.Name}}", map[string]any{"Name": "Zoë"}); got != "A text nobody translated, for Zoë" {
		t.Errorf("%q", got)
	}
	if For("fr") != English() || English().Lang() != "en" {
		t.Error("an unknown language is not English")
	}
}

func TestDates(t *testing.T) {
	d := time.Date(2026, 11, 23, 8, 49, 0, 0, time.UTC)
	if got := English().Date(d); got != "23 November 2026" {
		t.Errorf("en: %q", got)
	}
	if got := English().ShortDate(d); got != "23 Nov 2026 08:49" {
		t.Errorf("en short: %q", got)
	}
	if got := For("es").Date(d); got != "23 de noviembre de 2026" {
		t.Errorf("es: %q", got)
	}
}

// TestSpanishPluralsHaveTheManyForm: Spanish uses "many" for round
// millions; a text without it would fall back to English there.
func TestSpanishPluralsHaveTheManyForm(t *testing.T) {
	es := For("es")
	one := es.N("{{.N}} participants", 1, map[string]any{"N": 1})
	many := es.N("{{.N}} participants", 1000000, map[string]any{"N": 1000000})
	other := es.N("{{.N}} participants", 3, map[string]any{"N": 3})
	if one != "1 participante" || other != "3 participantes" || many != "1000000 participantes" {
		t.Errorf("one %q, other %q, many %q", one, other, many)
	}
}

func TestErrorsSpeakThePersonsLanguageAndStillWrap(t *testing.T) {
	cause := os.ErrNotExist
	inner := Errorf("{{.Path}}: {{.Err}}", map[string]any{"Path": "a.csv", "Err": cause})
	err := Errorn("{{.N}} participants", 3, map[string]any{"N": 3, "Err": inner})
	if !errors.Is(err, os.ErrNotExist) {
		t.Error("the cause is lost")
	}
	var e *Error
	if !errors.As(err, &e) || e != err {
		t.Error("errors.As")
	}
	if err.Error() != "3 participants" {
		t.Errorf("English: %q", err.Error())
	}
	if got := For("es").Error(inner); got != "a.csv: file does not exist" {
		t.Errorf("a foreign cause reads as it is: %q", got)
	}
	if got := For("es").Error(err); got != "3 participantes" {
		t.Errorf("Spanish: %q", got)
	}
	if For("es").Error(nil) != "" {
		t.Error("nil")
	}
}

// TestParseCatalogueAgreesWithGoI18n: the quick catalogue reader gives the
// same messages as go-i18n's own parser for every embedded catalogue.
func TestParseCatalogueAgreesWithGoI18n(t *testing.T) {
	entries, err := fs.ReadDir(assets.Translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, _ := assets.Translations.ReadFile("translations/" + e.Name())
		ours, err := parseCatalogue(data, false)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		theirs, err := goi18n.ParseMessageFileBytes(data, e.Name(), nil)
		if err != nil {
			t.Fatalf("%s: go-i18n: %v", e.Name(), err)
		}
		want := map[string]goi18n.Message{}
		for _, m := range theirs.Messages {
			want[m.ID] = *m
		}
		if len(ours) != len(want) {
			t.Errorf("%s: %d messages, go-i18n reads %d", e.Name(), len(ours), len(want))
		}
		for _, m := range ours {
			if w := want[m.ID]; w.Other != m.Other || w.One != m.One || w.Many != m.Many || w.Few != m.Few || w.Two != m.Two || w.Zero != m.Zero {
				t.Errorf("%s: %q: %+v, go-i18n reads %+v", e.Name(), m.ID, m, w)
			}
		}
	}
}

// FuzzParseCatalogue: any input gives messages or an error, never a panic,
// and the quick scanner, when it takes an input, reads what encoding/json
// reads from it.
func FuzzParseCatalogue(f *testing.F) {
	f.Add([]byte(`{"a": "b", "{{.N}} things": {"one": "{{.N}} thing", "other": "{{.N}} things"}}`))
	f.Add([]byte(`{"a": 1}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`{"a\"b": "c\\d\ne", "x": "\u00e9", "a": "twice"}`))
	f.Add([]byte(` { "a" : { "one" : "1" , "Other" : "2" } , "b": null, "c": "\t" } `))
	f.Add([]byte("{\"\xff\": \"\x01\"}"))
	f.Add([]byte(`{"a": "x", "a": "a"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if quick, ok := scanCatalogue(string(data), false); ok {
			slow, err := parseCatalogueJSON(data)
			if err != nil {
				t.Fatalf("the scanner read %q, encoding/json says %v", data, err)
			}
			sort.Slice(slow, func(i, j int) bool { return slow[i].ID < slow[j].ID })
			sort.Slice(quick, func(i, j int) bool { return quick[i].ID < quick[j].ID })
			if !reflect.DeepEqual(quick, slow) && (len(quick) > 0 || len(slow) > 0) {
				t.Fatalf("%q: the scanner reads %+v, encoding/json %+v", data, quick, slow)
			}
		}
		msgs, err := parseCatalogue(data, false)
		if err != nil {
			return
		}
		// Leaving out the texts that read as their key leaves out only those
		// of what encoding/json reads.
		dropped, err := parseCatalogue(data, true)
		if err != nil {
			t.Fatalf("%q: an error only when dropping identities: %v", data, err)
		}
		slow, _ := parseCatalogueJSON(data)
		var want []message
		for _, m := range slow {
			if m != (message{ID: m.ID, Other: m.ID}) {
				want = append(want, m)
			}
		}
		sort.Slice(want, func(i, j int) bool { return want[i].ID < want[j].ID })
		sort.Slice(dropped, func(i, j int) bool { return dropped[i].ID < dropped[j].ID })
		if !reflect.DeepEqual(want, dropped) && (len(want) > 0 || len(dropped) > 0) {
			t.Fatalf("%q: dropping identities gives %+v, want %+v", data, dropped, want)
		}
		// What it read can be loaded and looked up (a broken template is
		// an error of the lookup, not a panic).
		b := goi18n.NewBundle(language.English)
		for _, m := range msgs {
			if err := b.AddMessages(language.Spanish, m.goI18n()); err != nil {
				return
			}
		}
		loc := goi18n.NewLocalizer(b, "es")
		for _, m := range msgs {
			loc.Localize(&goi18n.LocalizeConfig{MessageID: m.ID, PluralCount: 2})
		}
	})
}

// TestTAgreesWithGoI18n: T's own lookup gives, for every text of every
// domain catalogue, what go-i18n's Localize gives with all the catalogues
// loaded, as the printer used to; so does N, whose bundle now holds only
// the texts with plural forms.
func TestTAgreesWithGoI18n(t *testing.T) {
	field := regexp.MustCompile(`\{\{\s*\.(\w+)`)
	for _, lang := range Supported {
		b := goi18n.NewBundle(language.English)
		var keys []string
		entries, _ := fs.ReadDir(assets.Translations, "translations")
		for _, e := range entries {
			base, _ := strings.CutSuffix(e.Name(), ".json")
			_, fileLang, domain := strings.Cut(base, ".")
			if !domain || (fileLang != "en" && fileLang != lang) {
				continue
			}
			data, _ := assets.Translations.ReadFile("translations/" + e.Name())
			mf, err := goi18n.ParseMessageFileBytes(data, e.Name(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := b.AddMessages(language.Make(fileLang), mf.Messages...); err != nil {
				t.Fatal(err)
			}
			for _, m := range mf.Messages {
				keys = append(keys, m.ID)
			}
		}
		keys = append(keys, "not in any catalogue", "not in any catalogue, {{.Name}}", "broken {{.Name")
		loc := goi18n.NewLocalizer(b, lang)
		want := func(key string, n any, data any) string {
			s, err := loc.Localize(&goi18n.LocalizeConfig{DefaultMessage: &goi18n.Message{ID: key, Other: key}, TemplateData: data, PluralCount: n})
			if err != nil && s == "" {
				return key
			}
			return s
		}
		p := For(lang)
		for _, key := range keys {
			data := map[string]any{}
			for _, m := range field.FindAllStringSubmatch(key, -1) {
				data[m[1]] = "<" + m[1] + ">"
			}
			for round := 0; round < 2; round++ { // the second from the parsed template
				if got, w := p.T(key, data), want(key, nil, data); got != w {
					t.Errorf("%s: T(%q) = %q, go-i18n gives %q", lang, key, got, w)
				}
			}
			// Numbers, booleans and errors, as the callers pass them.
			numbers := map[string]any{}
			for i, m := range field.FindAllStringSubmatch(key, -1) {
				numbers[m[1]] = []any{7, 2.45, int64(-3), true, errors.New("disk full"), uint8(9), float32(0.1)}[i%7]
			}
			if got, w := p.T(key, numbers), want(key, nil, numbers); got != w {
				t.Errorf("%s: T(%q, numbers) = %q, go-i18n gives %q", lang, key, got, w)
			}
			if got, w := p.T(key), want(key, nil, nil); got != w {
				t.Errorf("%s: T(%q) without data = %q, go-i18n gives %q", lang, key, got, w)
			}
			for _, n := range []int{0, 1, 2, 1000000} {
				data["N"], data["Count"] = n, n
				if got, w := p.N(key, n, data), want(key, n, data); got != w {
					t.Errorf("%s: N(%q, %d) = %q, go-i18n gives %q", lang, key, n, got, w)
				}
			}
		}
	}
}

// FuzzFill: a text filled without text/template reads as text/template
// fills it, for any text and fields of any of the kinds fill takes.
func FuzzFill(f *testing.F) {
	f.Add("You rated {{.Item}} as {{.Level}}", "a", int64(3), 2.5, true)
	f.Add("{{.A}}{{.B}}{{.C}}{{.D}}", "", int64(-1), -0.0, false)
	f.Add("{{ .A }} {{.A.B}} {{.}} {{.9}} {{.A_1}}}} {{", "<x>", int64(1)<<40, 1e21, true)
	f.Fuzz(func(t *testing.T, src, s string, i int64, x float64, b bool) {
		c := compile(src)
		if c.fields == nil {
			return
		}
		data := map[string]any{"A": s, "B": i, "C": x, "D": b, "Item": int(i), "Level": float32(x)}
		got, ok := c.fill(data)
		if !ok {
			return
		}
		tmpl, err := template.New("").Option("missingkey=default").Parse(src)
		if err != nil {
			t.Fatalf("%q: filled %q, text/template cannot parse it: %v", src, got, err)
		}
		var want strings.Builder
		if err := tmpl.Execute(&want, data); err != nil {
			t.Fatalf("%q: filled %q, text/template: %v", src, got, err)
		}
		if got != want.String() {
			t.Fatalf("%q: filled %q, text/template gives %q", src, got, want.String())
		}
	})
}

// TestCataloguesAreInTheScannersShape: every embedded catalogue is read by
// the quick scanner (so none gives a text twice, which encoding/json would
// settle silently), and every text with plural forms has its "other" form,
// which T prints.
func TestCataloguesAreInTheScannersShape(t *testing.T) {
	entries, err := fs.ReadDir(assets.Translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, _ := assets.Translations.ReadFile("translations/" + e.Name())
		msgs, ok := scanCatalogue(string(data), false)
		if !ok {
			t.Errorf("%s: not a flat object of texts, or a text given twice", e.Name())
		}
		for _, m := range msgs {
			if m.Other == "" && m != (message{ID: m.ID}) {
				t.Errorf("%s: %q has plural forms but no \"other\"", e.Name(), m.ID)
			}
		}
	}
}
