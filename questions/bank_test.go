package questions

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"hatcheck/internal/i18n/i18ncheck"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func loadData(t testing.TB) (vocab, items []byte) {
	t.Helper()
	return bytes.Clone(vocabularyJSON), bytes.Clone(itemsJSON)
}

// TestEmbeddedBankIsValid checks the embedded item bank against every
// rule: Load does not at run time, so this test (which "make build" runs
// before building) is what keeps the shipped data valid.
func TestEmbeddedBankIsValid(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Validate(); err != nil {
		t.Fatalf("the embedded item bank breaks its rules:\n%v", err)
	}
	vocab, items := loadData(t)
	strict, err := Parse(vocab, items)
	if err != nil {
		t.Fatalf("Parse refuses the embedded item bank: %v", err)
	}
	if strict.Version() != b.Version() || !reflect.DeepEqual(strict, b) {
		t.Error("Load, which does not decode strictly, gives another bank than Parse")
	}
	count := map[Kind]int{}
	for _, it := range b.Items {
		count[it.Kind]++
	}
	if count[KindSkillRating] != len(b.Competencies) {
		t.Errorf("%d skill ratings for %d competencies", count[KindSkillRating], len(b.Competencies))
	}
	if n := len(b.Competencies); n < 25 || n > 30 {
		t.Errorf("%d competencies, want about 25-30", n)
	}
	if count[KindAuditTask] < 10 {
		t.Errorf("only %d audit tasks", count[KindAuditTask])
	}
	// Every track has audit tasks, so the audit can see all three hats.
	perTrack := map[string]int{}
	for _, it := range b.Items {
		if it.Kind == KindAuditTask {
			for tr := range it.Measures.Tracks {
				perTrack[tr]++
			}
		}
	}
	for _, id := range TrackIDs {
		if perTrack[id] < 3 {
			t.Errorf("track %s has %d audit tasks", id, perTrack[id])
		}
	}
	// Every scenario offers each of the three hats' instincts.
	for _, it := range b.Items {
		if it.Kind != KindScenario {
			continue
		}
		tracks := map[string]bool{}
		for _, o := range it.Options {
			tracks[o.Track] = true
		}
		if len(tracks) != 3 {
			t.Errorf("scenario %s offers %d tracks, want all 3", it.ID, len(tracks))
		}
	}
}

// TestReverseKeyedStatementsAvoidNegation checks the design rule that a
// reverse-keyed statement describes the opposite behaviour instead of
// negating the forward one, which people misread.
func TestReverseKeyedStatementsAvoidNegation(t *testing.T) {
	b := MustLoad()
	for _, it := range b.Items {
		if !it.Measures.Reverse {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(it.Text.String())) {
			w = strings.Trim(w, ".,;:!?\"'")
			switch w {
			case "not", "don't", "never", "no", "isn't", "doesn't", "can't", "won't":
				t.Errorf("%s uses %q: write the opposite behaviour instead", it.ID, w)
			}
		}
	}
}

func TestItemIDsFollowTheirKind(t *testing.T) {
	prefix := map[Kind]string{KindSkillRating: "skill.", KindWorkStyle: "style.", KindForcedChoice: "pair.", KindScenario: "scenario.", KindAuditTask: "audit."}
	for _, it := range MustLoad().Items {
		if !strings.HasPrefix(it.ID, prefix[it.Kind]) {
			t.Errorf("%s is a %s; its id should start with %q", it.ID, it.Kind, prefix[it.Kind])
		}
	}
}

func TestParseRejectsWrongFormatAndUnknownFields(t *testing.T) {
	vocab, items := loadData(t)
	if _, err := Parse(vocab, []byte(`{"format":"something-else","items":[]}`)); err == nil || !strings.Contains(err.Error(), "format") {
		t.Errorf("wrong format accepted: %v", err)
	}
	typo := strings.Replace(string(items), `"measures"`, `"measure"`, 1)
	if _, err := Parse(vocab, []byte(typo)); err == nil || !strings.Contains(err.Error(), "unknown field") {
		t.Errorf("a misspelt field was accepted: %v", err)
	}
}

func TestTextFallsBackToEnglish(t *testing.T) {
	tx := Text{"en": "Hello", "es": "Hola"}
	if tx.In("es") != "Hola" || tx.In("fr") != "Hello" || tx.String() != "Hello" {
		t.Errorf("In: es=%q fr=%q", tx.In("es"), tx.In("fr"))
	}
}

// shinglesFile holds fingerprints (hashes, not text) of every eight-word
// run in the five articles, so the originality test runs in a clean clone
// without the articles themselves.
const shinglesFile = "testdata/source-shingles.txt"

// sourcesDir is where the articles live in the workspace; with -update the
// fingerprints are rebuilt from them.
const sourcesDir = "../../shared/sources"

// LoadSourceShingles reads the fingerprint file; shared by the originality
// tests of the bank and of the plan content.
func loadSourceShingles(t *testing.T) map[uint64]bool {
	t.Helper()
	if *update {
		files, _ := filepath.Glob(filepath.Join(sourcesDir, "*.txt"))
		if len(files) != 5 {
			t.Fatalf("-update needs the five articles in %s, found %d", sourcesDir, len(files))
		}
		set := map[uint64]bool{}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range Shingles(string(data)) {
				set[h] = true
			}
		}
		hs := make([]string, 0, len(set))
		for h := range set {
			hs = append(hs, strconv.FormatUint(h, 16))
		}
		sort.Strings(hs)
		content := "# FNV-64a hashes of every 8-word run in ../shared/sources (go test ./questions -update)\n" + strings.Join(hs, "\n") + "\n"
		if err := os.WriteFile(shinglesFile, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(shinglesFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set := map[uint64]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || line == "" {
			continue
		}
		h, err := strconv.ParseUint(line, 16, 64)
		if err != nil {
			t.Fatalf("%s: %v", shinglesFile, err)
		}
		set[h] = true
	}
	if len(set) < 1000 {
		t.Fatalf("%s has only %d fingerprints", shinglesFile, len(set))
	}
	return set
}

func TestBankIsWrittenInOwnWords(t *testing.T) {
	sources := loadSourceShingles(t)
	b := MustLoad()
	check := func(where string, tx Text) {
		for _, h := range Shingles(tx.String()) {
			if sources[h] {
				t.Errorf("%s copies eight or more words from an article: %q", where, tx.String())
				return
			}
		}
	}
	for _, it := range b.Items {
		check(it.ID+" text", it.Text)
		check(it.ID+" label", it.Label)
		for _, o := range it.Options {
			check(fmt.Sprintf("%s option %s", it.ID, o.ID), o.Text)
		}
	}
	for _, tr := range b.Tracks {
		check("track "+tr.ID, tr.Summary)
	}
	for _, s := range b.Sections {
		check("section "+s.ID, s.Intro)
	}
}

// TestShinglesFindCopiedText makes sure the originality check can fail.
func TestShinglesFindCopiedText(t *testing.T) {
	a := Shingles("They keep the sheep together and moving toward green pastures, every day")
	b := Shingles("Shepherds: they keep the sheep together and moving toward green pastures!")
	found := false
	for _, x := range a {
		for _, y := range b {
			found = found || x == y
		}
	}
	if !found {
		t.Error("the same eight words in a row were not detected")
	}
	if len(Shingles("only seven words are in this line")) != 0 {
		t.Error("a seven-word text has no eight-word shingle")
	}
}

func FuzzParseBank(f *testing.F) {
	vocab, items := loadData(f)
	// Small seeds: the fuzzer mutates and minimises faster on a few items
	// than on the whole 70 KB bank, which is still checked by the unit tests.
	var doc struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(items, &doc); err != nil {
		f.Fatal(err)
	}
	var kinds []Kind
	for _, raw := range doc.Items {
		var it Item
		if json.Unmarshal(raw, &it) == nil && !containsKind(kinds, it.Kind) {
			kinds = append(kinds, it.Kind)
			f.Add([]byte(`{"format":"hatcheck-items","items":[` + string(raw) + `]}`))
		}
	}
	f.Add([]byte(`{"format":"hatcheck-items","items":[{"id":"x","kind":"scenario","options":[{}]}]}`))
	f.Add([]byte(`{"format":"hatcheck-items","items":null}`))
	f.Add([]byte(`{"format":"hatcheck-items","items":[],"renamed":{"items":{"a":"b"},"options":{"x/y":"z","w":""}},"retired":["q","q/r",""]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse(vocab, data)
		if err == nil && b == nil {
			t.Fatal("nil bank without an error")
		}
	})
}

func containsKind(list []Kind, k Kind) bool {
	for _, x := range list {
		if x == k {
			return true
		}
	}
	return false
}

// lineOf returns the 1-based line of the first occurrence of s after the
// n-th occurrence of after (n counted from 1; 0 for the start).
func lineOf(t *testing.T, doc, s string) int {
	t.Helper()
	i := strings.Index(doc, s)
	if i < 0 {
		t.Fatalf("%q is not in the document", s)
	}
	return 1 + strings.Count(doc[:i], "\n")
}

// replaceNth replaces the n-th occurrence (from 1) of old in s.
func replaceNth(s, old, new string, n int) string {
	at := -1
	for k := 0; k < n; k++ {
		j := strings.Index(s[at+1:], old)
		if j < 0 {
			return s
		}
		at += 1 + j
	}
	return s[:at] + new + s[at+len(old):]
}

// TestDataErrorsNameFileLineColumnAndItem checks that a mistake in the data
// files is reported where a person editing them will look: the file, the
// line and column, and the item (or other entry) it is in.
func TestDataErrorsNameFileLineColumnAndItem(t *testing.T) {
	vocab, items := loadData(t)
	v, it := string(vocab), string(items)
	thirdMeasures := replaceNth(it, `"measures"`, `"mesures"`, 3)
	cases := []struct {
		name         string
		vocab, items string
		line         int
		want         []string
	}{
		{"syntax error in an item", v, replaceNth(it, `"scale": "skill-level",`, `"scale": "skill-level"`, 2),
			lineOf(t, replaceNth(it, `"evidence": true`, "\x00", 2), "\x00"),
			[]string{"questions/data/items.json, line ", "column 4", `items[1] (id "skill.visual-content")`, "not valid JSON"}},
		{"unknown field in an item", v, thirdMeasures, lineOf(t, thirdMeasures, `"mesures"`),
			[]string{"questions/data/items.json, line ", "column 4", `items[2] (id "skill.brand-voice").mesures`, `unknown field "mesures"`, `"measures"`}},
		{"wrong type in an item", v, strings.Replace(it, `"evidence": true`, `"evidence": "yes"`, 1), lineOf(t, it, `"evidence": true`),
			[]string{"questions/data/items.json", `(id "skill.content-creation").evidence`, `"evidence" has the wrong type: got a JSON string, want true or false`}},
		{"unknown field in the vocabulary", strings.Replace(v, `"area": "reach-growth"`, `"aera": "reach-growth"`, 1), it, lineOf(t, v, `"area": "reach-growth"`),
			[]string{"questions/data/vocabulary.json, line ", `competencies[3] (id "awareness-advertising").aera`, `unknown field "aera"`}},
		{"cut short", v, it[:len(it)/2], 0, []string{"questions/data/items.json", "cut short"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.vocab), []byte(tc.items))
			if err == nil {
				t.Fatal("the broken data was accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%v\ndoes not say %q", err, w)
				}
			}
			if tc.line > 0 && !strings.Contains(err.Error(), fmt.Sprintf("line %d,", tc.line)) {
				t.Errorf("%v\ndoes not say line %d", err, tc.line)
			}
		})
	}
}

// TestEveryTextOfTheBankIsTranslated: every question, option, label and
// name has its Spanish, in Spanish words.
func TestEveryTextOfTheBankIsTranslated(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if n := i18ncheck.DataTexts(t, b); n < 250 {
		t.Errorf("only %d texts found in the bank; is the walk still right?", n)
	}
}
