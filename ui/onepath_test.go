package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"hatcheck/assessment"
	"hatcheck/cli"
	"hatcheck/questions"
	"hatcheck/report"
	"hatcheck/store"
	"hatcheck/workshop"
)

// TestOnePlanWhereverItIsMade: a person arranges plans for two hats in the
// window, switches back and forth (nothing is lost), and ends on the
// strategist's hat. The PDF saved from the window, the command line's plan
// of that attempt and the trainer's workshop PDF are the same plan: the
// same hat, actions and notes, and the same text.
func TestOnePlanWhereverItIsMade(t *testing.T) {
	data := t.TempDir()
	t.Setenv(store.EnvDataDir, data)
	u, _ := newTestApp(t, data)
	ex, _ := os.ReadFile("../examples/answers.json")
	im, err := u.store.Import(ex, u.engine, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	u.showPlan(im.AttemptID, "")
	p := u.current.(*planScreen)
	best := p.plan.Track
	if best == questions.TrackStrategist {
		t.Fatal("the example's best fit should not be the strategist")
	}
	pick := func(track string) {
		for i, id := range questions.TrackIDs {
			if id == track {
				p.track.SetSelectedIndex(i)
			}
		}
		if p.plan.Track != track {
			t.Fatalf("the plan is for %s, not %s", p.plan.Track, track)
		}
	}
	// The best fit's plan: untick one action, move one, write notes.
	test.Tap(p.cards[0].setAside)
	p.choice.Actions[1].Slot = 90
	p.save()
	test.Type(p.notes, "Notes for my best fit")
	bestChoice := p.choice
	// The strategist's: other changes, other notes.
	pick(questions.TrackStrategist)
	if p.choice.Notes != "" || !allChosen(p.choice) {
		t.Fatalf("the strategist's plan starts with the best fit's choices: %+v", p.choice)
	}
	p.choice.Actions[0].Chosen = false
	p.save()
	test.Type(p.notes, "Notes for strategy")
	stratChoice := p.choice
	// Back and forth: each hat comes back exactly as it was left.
	pick(best)
	if !reflect.DeepEqual(p.choice, bestChoice) {
		t.Errorf("switching back lost the best fit's choices:\n%+v\n%+v", p.choice, bestChoice)
	}
	if p.notes.Text != "Notes for my best fit" {
		t.Errorf("notes on screen %q", p.notes.Text)
	}
	pick(questions.TrackStrategist)
	if !reflect.DeepEqual(p.choice, stratChoice) {
		t.Errorf("switching back lost the strategist's choices:\n%+v\n%+v", p.choice, stratChoice)
	}
	p.leave()

	// 1. The window's PDF.
	out := t.TempDir()
	appPDF := filepath.Join(out, "app.pdf")
	done := make(chan error, 1)
	p.exportPDF(appPDF, func(_ string, err error) { done <- err })
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	appPlan := p.arranged()
	// 2. The command line, on the stored attempt.
	t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(time.Now().Unix(), 10))
	var jsonOut, errOut bytes.Buffer
	if code := cli.Run([]string{"plan", "--attempt", fmt.Sprint(im.AttemptID), "--json"}, &jsonOut, &errOut); code != 0 {
		t.Fatalf("plan --json: %s", errOut.String())
	}
	var cliPlan assessment.Plan
	if err := json.Unmarshal(jsonOut.Bytes(), &cliPlan); err != nil {
		t.Fatal(err)
	}
	cliPDF := filepath.Join(out, "cli.pdf")
	if code := cli.Run([]string{"plan", "--attempt", fmt.Sprint(im.AttemptID), "-o", cliPDF}, &jsonOut, &errOut); code != 0 {
		t.Fatalf("plan -o: %s", errOut.String())
	}
	// 3. The trainer's workshop run.
	c, _ := u.store.Cohort("Group", true)
	u.store.Join(c.ID, im.ProfileID)
	w, err := workshop.Report(context.Background(), u.store, u.engine, "Group", filepath.Join(out, "workshop"),
		workshop.Options{Paper: report.LocalPaper(), Date: time.Now()}, nil)
	if err != nil || len(w.Plans) != 1 {
		t.Fatalf("workshop: %v %+v", err, w)
	}

	if appPlan.Track != questions.TrackStrategist || appPlan.Notes != "Notes for strategy" {
		t.Errorf("the app's plan: %s %q", appPlan.Track, appPlan.Notes)
	}
	if !reflect.DeepEqual(actionKeys(appPlan), actionKeys(&cliPlan)) || cliPlan.Track != appPlan.Track || cliPlan.Notes != appPlan.Notes {
		t.Errorf("the command line's plan differs from the window's:\n%s %q %v\n%s %q %v", appPlan.Track, appPlan.Notes, actionKeys(appPlan), cliPlan.Track, cliPlan.Notes, actionKeys(&cliPlan))
	}
	app, cl, ws := pdfText(t, appPDF), pdfText(t, cliPDF), pdfText(t, w.Plans[0])
	if app != cl {
		t.Errorf("the command line's PDF text differs from the window's:\n%s", firstDiff(app, cl))
	}
	if app != ws {
		t.Errorf("the workshop's PDF text differs from the window's:\n%s", firstDiff(app, ws))
	}
	if !strings.Contains(app, "Notes for strategy") || strings.Contains(app, "Notes for my best fit") {
		t.Error("the PDF does not carry the strategist's notes alone")
	}
}

func allChosen(c assessment.PlanChoice) bool {
	for _, a := range c.Actions {
		if !a.Chosen || a.Status != "todo" {
			return false
		}
	}
	return true
}

func actionKeys(p *assessment.Plan) []string {
	var out []string
	for _, ph := range p.Phases {
		for _, a := range ph.Actions {
			out = append(out, fmt.Sprintf("%d %s/%s", ph.Day, a.Competency, a.Kind))
		}
	}
	return out
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return string(out)
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %q\n  %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}
