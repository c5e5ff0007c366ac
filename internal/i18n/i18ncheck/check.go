// Package i18ncheck holds the tests' checks of Hatcheck's catalogues: that
// the code and the English catalogue agree, and that every other language
// has every text, with its plural forms and fields, in its own words.
package i18ncheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hatcheck/internal/i18n"
)

// Keys scans the Go files of dirs (tests excluded) for texts given to a
// catalogue through a call matched by call, whose first group is L/T
// (plain) or N (plural) and second the quoted key. It returns each key with
// whether it has plural forms.
func Keys(t *testing.T, call *regexp.Regexp, dirs ...string) map[string]bool {
	t.Helper()
	keys := map[string]bool{}
	for _, dir := range dirs {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range call.FindAllSubmatch(src, -1) {
				k, err := strconv.Unquote(string(m[2]))
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				keys[k] = keys[k] || string(m[1]) == "N" || string(m[1]) == "n"
			}
		}
	}
	return keys
}

// DomainCall matches the domain layer's texts: tr.T("..."), p.N("..."),
// i18n.Key("...") and the like.
var DomainCall = regexp.MustCompile(`\.(T|N|Key)\(("(?:[^"\\]|\\.)*")`)

// ErrorCall matches the domain layer's error messages: i18n.Errorf("...")
// and i18n.Errorn("...") (plural).
var ErrorCall = regexp.MustCompile(`i18n\.Error(f|n)\(("(?:[^"\\]|\\.)*")`)

// Catalogue checks the English catalogue file en (a path) against keys:
// none missing, none unused (unless extra allows it), plural texts with
// distinct "one" and "other". With update it first rewrites the file:
// new keys added (a plural one with both forms set to the key, for a
// person to write the singular), unused ones dropped.
func Catalogue(t *testing.T, en string, keys map[string]bool, update, extra bool) {
	t.Helper()
	cat := read(t, en, update)
	if update {
		out := map[string]any{}
		for k, plural := range keys {
			switch {
			case cat[k] != nil:
				out[k] = cat[k]
			case plural:
				out[k] = map[string]string{"one": k, "other": k}
			default:
				out[k] = k
			}
		}
		if extra {
			for k, v := range cat {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
		write(t, en, out)
		cat = read(t, en, false)
	}
	var missing, unused, forms []string
	for k, plural := range keys {
		raw, ok := cat[k]
		if !ok {
			missing = append(missing, k)
			continue
		}
		s, p := decode(raw)
		switch {
		case p == nil && (s == "" || plural):
			forms = append(forms, k)
		case p != nil && (!plural || p["one"] == "" || p["other"] == "" || p["one"] == p["other"]):
			forms = append(forms, k)
		}
	}
	if !extra {
		for k := range cat {
			if _, ok := keys[k]; !ok {
				unused = append(unused, k)
			}
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	sort.Strings(forms)
	if len(missing) > 0 {
		t.Errorf("%s: %d texts missing (go test -update): %q", en, len(missing), missing)
	}
	if len(unused) > 0 {
		t.Errorf("%s: %d texts not used: %q", en, len(unused), unused)
	}
	if len(forms) > 0 {
		t.Errorf("%s: %d texts with the wrong forms (a text for T; distinct \"one\" and \"other\" for N): %q", en, len(forms), forms)
	}
}

var field = regexp.MustCompile(`\{\{\s*\.\w+\s*\}\}`)

// Translated checks that the catalogue of lang beside en has every text of
// en: not empty, with the plural forms lang needs, the same {{.Fields}},
// and not just the English again (unless the text is listed as the same in
// that language). With extraOK the catalogue may hold more (the window's
// catalogue corrects some of Fyne's own texts).
func Translated(t *testing.T, en, lang string, extraOK bool) {
	t.Helper()
	enCat := read(t, en, false)
	path := strings.TrimSuffix(en, "en.json") + lang + ".json"
	if _, err := os.Stat(path); err != nil {
		t.Errorf("%s: no catalogue: %v", path, err)
		return
	}
	cat := read(t, path, false)
	same := Same(t)
	forms := map[string][]string{"es": {"one", "many", "other"}}[lang]
	var problems []string
	for k, raw := range enCat {
		enS, enP := decode(raw)
		tr, ok := cat[k]
		if !ok {
			problems = append(problems, "missing: "+strconv.Quote(k))
			continue
		}
		s, p := decode(tr)
		// Each text with the English it must keep the fields of: a
		// singular may say "1" where the plural says {{.N}}.
		type pair struct{ text, en string }
		var texts []pair
		switch {
		case enP != nil && p == nil:
			problems = append(problems, "no plural forms: "+strconv.Quote(k))
			continue
		case enP != nil:
			for _, f := range forms {
				if p[f] == "" {
					problems = append(problems, "no "+f+" form: "+strconv.Quote(k))
				}
				ref := enP["other"]
				if f == "one" {
					ref = enP["one"]
				}
				texts = append(texts, pair{p[f], ref})
			}
			enS = enP["other"]
		default:
			texts = []pair{{s, enS}}
		}
		for _, tx := range texts {
			if strings.TrimSpace(tx.text) == "" {
				problems = append(problems, "empty: "+strconv.Quote(k))
				continue
			}
			for _, f := range field.FindAllString(tx.en, -1) {
				if !strings.Contains(tx.text, f) {
					problems = append(problems, "lost "+f+": "+strconv.Quote(k))
				}
			}
		}
		if p == nil && s == enS && !same[s] {
			problems = append(problems, "same as the English (list it in assets/same-in-spanish.json if it must be): "+strconv.Quote(k))
		}
	}
	for k := range cat {
		if _, ok := enCat[k]; !ok && !extraOK {
			problems = append(problems, "not in the English catalogue: "+strconv.Quote(k))
		}
	}
	sort.Strings(problems)
	if len(problems) > 0 {
		t.Errorf("%s: %d problems:\n%s", path, len(problems), strings.Join(problems, "\n"))
	}
}

// Same is the list of texts that are the same in Spanish and English.
func Same(t *testing.T) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root(t), "assets", "same-in-spanish.json"))
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, s := range list {
		out[s] = true
	}
	return out
}

// Languages are the languages besides English that must be complete.
func Languages() []string { return i18n.Supported[1:] }

// Dir is the folder of the catalogues.
func Dir(t *testing.T) string { return filepath.Join(root(t), "assets", "translations") }

func root(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test")
		}
		dir = parent
	}
}

func decode(raw json.RawMessage) (string, map[string]string) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, nil
	}
	var p map[string]string
	if json.Unmarshal(raw, &p) == nil {
		return "", p
	}
	return "", map[string]string{}
}

func read(t *testing.T, path string, mayBeMissing bool) map[string]json.RawMessage {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) && mayBeMissing {
		return map[string]json.RawMessage{}
	}
	if err != nil {
		t.Fatal(err)
	}
	var cat map[string]json.RawMessage
	if err := json.Unmarshal(data, &cat); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return cat
}

func write(t *testing.T, path string, v any) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// DataTexts walks v (a loaded bank, a plan's content) and checks every
// text of the data, a map from language to text, for every language: not
// empty, not just the English unless listed as the same. It returns how
// many texts it found.
func DataTexts(t *testing.T, v any) int {
	t.Helper()
	same := Same(t)
	n := 0
	var problems []string
	var walk func(path string, rv reflect.Value)
	walk = func(path string, rv reflect.Value) {
		switch rv.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !rv.IsNil() {
				walk(path, rv.Elem())
			}
		case reflect.Struct:
			for i := 0; i < rv.NumField(); i++ {
				if rv.Type().Field(i).IsExported() {
					walk(path+"."+rv.Type().Field(i).Name, rv.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := 0; i < rv.Len(); i++ {
				walk(fmt.Sprintf("%s[%d]", path, i), rv.Index(i))
			}
		case reflect.Map:
			if rv.Type().Name() == "Text" && rv.Type().Key().Kind() == reflect.String && rv.Type().Elem().Kind() == reflect.String {
				if rv.Len() == 0 {
					return
				}
				n++
				en := rv.MapIndex(reflect.ValueOf("en")).String()
				for _, lang := range Languages() {
					tv := rv.MapIndex(reflect.ValueOf(lang))
					switch {
					case !tv.IsValid() || strings.TrimSpace(tv.String()) == "":
						problems = append(problems, fmt.Sprintf("%s: no %s text for %q", path, lang, en))
					case tv.String() == en && !same[en]:
						problems = append(problems, fmt.Sprintf("%s: the %s text is the English %q", path, lang, en))
					}
				}
				return
			}
			iter := rv.MapRange()
			for iter.Next() {
				walk(fmt.Sprintf("%s[%v]", path, iter.Key()), iter.Value())
			}
		}
	}
	walk("", reflect.ValueOf(v))
	if len(problems) > 0 {
		t.Errorf("%d data texts lack a translation:\n%s", len(problems), strings.Join(problems, "\n"))
	}
	return n
}

// EnglishLeft lists the words of an English rendering en that are still in
// its Spanish rendering es, but for the words the two languages share and
// those of keep (names: paths, the program, a variable), which stay as
// they are in every language. A word is a run of letters and underscores.
func EnglishLeft(en, es string, keep ...string) []string {
	word := regexp.MustCompile(`[\p{L}_]+`)
	same := map[string]bool{"no": true, "a": true, "hatcheck": true, "sqlite": true}
	for _, k := range keep {
		for _, w := range word.FindAllString(k, -1) {
			same[strings.ToLower(w)] = true
		}
	}
	inSpanish := map[string]bool{}
	for _, w := range word.FindAllString(es, -1) {
		inSpanish[strings.ToLower(w)] = true
	}
	var left []string
	for _, w := range word.FindAllString(en, -1) {
		if w = strings.ToLower(w); inSpanish[w] && !same[w] {
			left = append(left, w)
		}
	}
	return left
}
