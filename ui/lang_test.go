package ui

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"hatcheck/internal/i18n/i18ncheck"
)

var update = flag.Bool("update", false, "add new lang.L/lang.N keys to assets/translations/en.json and drop unused ones")

// langCall finds lang.L("...") and lang.N("...") with a literal key; every
// user-facing string of the app goes through one of them.
var langCall = regexp.MustCompile(`lang\.([LN])\(("(?:[^"\\]|\\.)*")`)

// usedKeys returns the keys of the app's texts, each with whether it has
// plural forms (lang.N).
func usedKeys(t *testing.T) map[string]bool {
	files, _ := filepath.Glob("*.go")
	keys := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range langCall.FindAllSubmatch(src, -1) {
			k, err := strconv.Unquote(string(m[2]))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			keys[k] = keys[k] || string(m[1]) == "N"
		}
	}
	// Texts that reach lang.L through a constant.
	keys["For exploration, not for hiring decisions."] = false
	return keys
}

// TestEveryStringHasAnEnglishTranslation keeps en.json and the code in step:
// no key missing, none left over, and every counted text has its singular
// and plural forms. -update adds new keys (a counted one with both forms
// set to the key: write the singular by hand) and drops unused ones.
func TestEveryStringHasAnEnglishTranslation(t *testing.T) {
	keys := usedKeys(t)
	path := filepath.Join("..", "assets", "translations", "en.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var en map[string]json.RawMessage
	if err := json.Unmarshal(data, &en); err != nil {
		t.Fatal(err)
	}
	if *update {
		out := map[string]any{}
		for k, plural := range keys {
			switch {
			case en[k] != nil:
				out[k] = en[k]
			case plural:
				out[k] = map[string]string{"one": k, "other": k}
			default:
				out[k] = k
			}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		data = buf.Bytes()
		en = nil
		if err := json.Unmarshal(data, &en); err != nil {
			t.Fatal(err)
		}
	}
	var missing, unused, forms []string
	for k, plural := range keys {
		raw, ok := en[k]
		if !ok {
			missing = append(missing, k)
			continue
		}
		var s string
		var p map[string]string
		switch {
		case json.Unmarshal(raw, &s) == nil:
			if s == "" || plural {
				forms = append(forms, k)
			}
		case json.Unmarshal(raw, &p) == nil:
			if !plural || p["one"] == "" || p["other"] == "" || p["one"] == p["other"] {
				forms = append(forms, k)
			}
		default:
			forms = append(forms, k)
		}
	}
	for k := range en {
		if _, ok := keys[k]; !ok {
			unused = append(unused, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	sort.Strings(forms)
	if len(missing) > 0 {
		t.Errorf("%d strings have no English translation (go test ./ui -run Translation -update): %q", len(missing), missing)
	}
	if len(unused) > 0 {
		t.Errorf("%d translations are not used: %q", len(unused), unused)
	}
	if len(forms) > 0 {
		t.Errorf("%d translations have the wrong forms (a text for lang.L; distinct \"one\" and \"other\" for lang.N): %q", len(forms), forms)
	}
	// Every other language has every text, with its plural forms and
	// fields; Fyne's own texts may be corrected beside them.
	for _, l := range i18ncheck.Languages() {
		i18ncheck.Translated(t, path, l, true)
	}
	if len(keys) < 100 {
		t.Errorf("only %d strings found; is the pattern still right?", len(keys))
	}
}
