package ui

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"testing"
)

var update = flag.Bool("update", false, "rewrite assets/translations/en.json from the lang.L calls")

// langCall finds lang.L("...") with a literal key; every user-facing string
// of the app goes through it.
var langCall = regexp.MustCompile(`lang\.L\(("(?:[^"\\]|\\.)*")`)

// TestEveryStringHasAnEnglishTranslation keeps en.json and the code in step:
// no key missing, none left over.
func TestEveryStringHasAnEnglishTranslation(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	keys := map[string]bool{}
	for _, f := range files {
		if filepath.Ext(f) != ".go" || len(f) > 8 && f[len(f)-8:] == "_test.go" {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range langCall.FindAllSubmatch(src, -1) {
			k, err := strconv.Unquote(string(m[1]))
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			keys[k] = true
		}
	}
	// Texts that reach lang.L through a constant.
	keys["For exploration, not for hiring decisions."] = true
	path := filepath.Join("..", "assets", "translations", "en.json")
	if *update {
		out := map[string]string{}
		for k := range keys {
			out[k] = k
		}
		b, _ := json.MarshalIndent(out, "", "  ")
		if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var en map[string]string
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &en); err != nil {
		t.Fatal(err)
	}
	var missing, unused []string
	for k := range keys {
		if en[k] == "" {
			missing = append(missing, k)
		}
	}
	for k := range en {
		if !keys[k] {
			unused = append(unused, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(unused)
	if len(missing) > 0 {
		t.Errorf("%d strings have no English translation (go test ./ui -run Translation -update): %q", len(missing), missing)
	}
	if len(unused) > 0 {
		t.Errorf("%d translations are not used: %q", len(unused), unused)
	}
	if len(keys) < 100 {
		t.Errorf("only %d strings found; is the pattern still right?", len(keys))
	}
}
