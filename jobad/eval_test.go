package jobad

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"hatcheck/questions"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// evalSet is jobad/testdata/eval: real postings, labelled by reading them
// before the lexicon was written (see labels.json's "about").
type evalSet struct {
	Ads []struct {
		File    string   `json:"file"`
		URL     string   `json:"url"`
		Primary string   `json:"primary"`
		Hats    []string `json:"hats"`
		// HeldOut ads were labelled after the lexicon was last tuned and
		// did not change it; the report gives their figures apart.
		HeldOut bool `json:"held_out"`
	} `json:"ads"`
}

func loadEval(t testing.TB) evalSet { return loadSet(t, "testdata/eval") }

func loadSet(t testing.TB, dir string) evalSet {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set evalSet
	if err := json.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	return set
}

// Agreement is what TestAgreementWithLabelledPostings measures; docs/JOBAD.md
// quotes it (testdata/agreement.txt, rewritten with -update).
type agreement struct {
	primaryRight, primaryTotal int
	multiFlagged, multiTotal   int
	singleFlagged, singleTotal int
	// Of the held-out ads: primary right, and multi-hat ads flagged.
	heldRight, heldTotal   int
	heldFlagged, heldMulti int
	confusion              map[string]map[string]int // label -> found
	misses                 []string
}

func measure(t testing.TB) agreement { return measureSet(t, "testdata/eval", 25) }

// measureSet measures the analysis against the labelled ads of dir, which
// must hold at least min ads.
func measureSet(t testing.TB, dir string, min int) agreement {
	lx, e := mustDefaults(t)
	set := loadSet(t, dir)
	if len(set.Ads) < min {
		t.Fatalf("the evaluation set %s has %d ads; at least %d are needed", dir, len(set.Ads), min)
	}
	a := agreement{confusion: map[string]map[string]int{}}
	for _, ad := range set.Ads {
		text, err := os.ReadFile(filepath.Join(dir, ad.File))
		if err != nil {
			t.Fatal(err)
		}
		r, err := lx.Analyze(e, string(text))
		if err != nil {
			t.Fatalf("%s: %v", ad.File, err)
		}
		label := ad.Primary
		if label == "" {
			label = "none"
		}
		found := r.Primary
		if found == "" {
			found = "none"
		}
		if a.confusion[label] == nil {
			a.confusion[label] = map[string]int{}
		}
		a.confusion[label][found]++
		if ad.HeldOut {
			if ad.Primary != "" {
				a.heldTotal++
				if r.Primary == ad.Primary {
					a.heldRight++
				}
			}
			if len(ad.Hats) >= 2 {
				a.heldMulti++
				if r.HasSignal(SignalSeveralHats) {
					a.heldFlagged++
				}
			}
		}
		if ad.Primary != "" {
			a.primaryTotal++
			if r.Primary == ad.Primary {
				a.primaryRight++
			} else {
				a.misses = append(a.misses, fmt.Sprintf("%s: primary %s, found %s %s", ad.File, ad.Primary, r.Primary, shares(r)))
			}
		}
		flagged := r.HasSignal(SignalSeveralHats)
		if len(ad.Hats) >= 2 {
			a.multiTotal++
			if flagged {
				a.multiFlagged++
			} else {
				a.misses = append(a.misses, fmt.Sprintf("%s: asks for %s, not flagged %s", ad.File, strings.Join(ad.Hats, "+"), shares(r)))
			}
		} else {
			a.singleTotal++
			if flagged {
				a.singleFlagged++
				a.misses = append(a.misses, fmt.Sprintf("%s: one hat, flagged as several %s", ad.File, shares(r)))
			}
		}
	}
	return a
}

func shares(r *Result) string {
	var p []string
	for _, h := range r.Hats {
		p = append(p, fmt.Sprintf("%s %d", short[h.ID], h.Lines))
	}
	return "(" + strings.Join(p, ", ") + ")"
}

var short = map[string]string{
	questions.TrackSocialMediaManager: "SMM",
	questions.TrackCommunityManager:   "CM",
	questions.TrackStrategist:         "STR",
	"none":                            "none",
}

// report writes the agreement and the confusion table as docs/JOBAD.md
// shows them.
func (a agreement) report() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Primary hat right: %d of %d ads with a clear primary (%.0f%%).\n", a.primaryRight, a.primaryTotal, 100*float64(a.primaryRight)/float64(a.primaryTotal))
	fmt.Fprintf(&b, "Ads asking for two or more hats flagged several-hats: %d of %d (%.0f%%).\n", a.multiFlagged, a.multiTotal, 100*float64(a.multiFlagged)/float64(a.multiTotal))
	fmt.Fprintf(&b, "Ads asking for one hat flagged several-hats anyway: %d of %d.\n", a.singleFlagged, a.singleTotal)
	if a.heldTotal+a.heldMulti > 0 {
		fmt.Fprintf(&b, "Of them held out (labelled after the lexicon was tuned, not tuned on): primary right %d of %d, several hats flagged %d of %d.\n", a.heldRight, a.heldTotal, a.heldFlagged, a.heldMulti)
	}
	b.WriteString("\n")
	cols := []string{questions.TrackSocialMediaManager, questions.TrackCommunityManager, questions.TrackStrategist, "none"}
	fmt.Fprintf(&b, "| labelled \\ found | SMM | CM | STR | none |\n|---|---|---|---|---|\n")
	for _, row := range cols {
		if a.confusion[row] == nil {
			continue
		}
		fmt.Fprintf(&b, "| %s |", short[row])
		for _, c := range cols {
			fmt.Fprintf(&b, " %d |", a.confusion[row][c])
		}
		b.WriteString("\n")
	}
	if len(a.misses) > 0 {
		sort.Strings(a.misses)
		b.WriteString("\nDisagreements:\n")
		for _, m := range a.misses {
			b.WriteString("- " + m + "\n")
		}
	}
	return b.String()
}

// TestAgreementWithLabelledPostings measures the analysis against the
// labelled postings and fails below the bar the issue sets: the primary
// hat right in 80% of the ads with a clear primary, and 80% of the ads
// that ask for two or more hats flagged as such.
func TestAgreementWithLabelledPostings(t *testing.T) {
	a := measure(t)
	rep := a.report()
	t.Log("\n" + rep)
	if got := float64(a.primaryRight) / float64(a.primaryTotal); got < 0.8 {
		t.Errorf("primary hat right in %.0f%% of the ads; at least 80%% is needed", 100*got)
	}
	if got := float64(a.multiFlagged) / float64(a.multiTotal); got < 0.8 {
		t.Errorf("%.0f%% of the ads that ask for several hats are flagged; at least 80%% is needed", 100*got)
	}
	golden := "testdata/agreement.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(rep), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != rep {
		t.Errorf("the agreement changed; review it and run go test ./jobad -update (then update docs/JOBAD.md):\n%s", rep)
	}
}

// TestAgreementWithSpanishAds measures the analysis against Spanish ads
// (testdata/eval-es, written for this test and labelled before the
// lexicon's Spanish phrases were added). Its bar is set a little below
// what was measured when they were added (docs/JOBAD.md gives the figures),
// so that a change to the lexicon that loses Spanish ads fails.
func TestAgreementWithSpanishAds(t *testing.T) {
	a := measureSet(t, "testdata/eval-es", 8)
	rep := a.report()
	t.Log("\n" + rep)
	if got := float64(a.primaryRight) / float64(a.primaryTotal); got < spanishPrimaryBar {
		t.Errorf("primary hat right in %.0f%% of the Spanish ads; at least %.0f%% is needed", 100*got, 100*spanishPrimaryBar)
	}
	if got := float64(a.multiFlagged) / float64(a.multiTotal); got < spanishMultiBar {
		t.Errorf("%.0f%% of the Spanish ads that ask for several hats are flagged; at least %.0f%% is needed", 100*got, 100*spanishMultiBar)
	}
	golden := "testdata/agreement-es.txt"
	if *update {
		if err := os.WriteFile(golden, []byte(rep), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != rep {
		t.Errorf("the agreement on the Spanish ads changed; review it and run go test ./jobad -update (then update docs/JOBAD.md):\n%s", rep)
	}
}

// The bars of the Spanish ads: below the measured figures.
const (
	spanishPrimaryBar = 0.8
	spanishMultiBar   = 0.7
)
