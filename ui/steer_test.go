package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/store"
)

// TestTheQuestionnaireCanBeSteered: Enter never skips silently; the last
// page says Finish; the counter never says 0 minutes; a review lists what
// was skipped before the results; the question map jumps; Escape closes a
// dialog without acting behind it; Alt+S skips from the hours field.
func TestTheQuestionnaireCanBeSteered(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	h := home(t, u)
	test.Type(h.name, "Steer Person")
	test.Tap(h.create)
	h = home(t, u)
	test.Tap(h.start)
	q := questionnaire(t, u)
	if q.progress.Value != 0 {
		t.Errorf("the progress bar starts at %v", q.progress.Value)
	}
	q.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if q.sit.Pos != 0 || !strings.Contains(q.message.Text, "Choose an answer, or press S") {
		t.Fatalf("Enter on an unanswered question moved on (page %d, %q)", q.sit.Pos, q.message.Text)
	}
	if _, seen := q.sit.Answer(q.sit.Core[0].ID); seen {
		t.Error("Enter stored a skip")
	}
	q.typedRune('s') // an explicit skip
	for q.sit.Pos < len(q.sit.Core) {
		if q.sit.Pos == 5 {
			q.typedRune('s')
			continue
		}
		answerPage(t, q)
	}
	// The audit offer: Enter alone asks for a choice.
	q.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if q.sit.Pos != len(q.sit.Core) || !strings.Contains(q.message.Text, "Choose A") {
		t.Fatalf("the audit offer: page %d, %q", q.sit.Pos, q.message.Text)
	}
	test.Tap(q.pad.rows[0]) // yes, the audit
	test.Tap(q.next)
	if q.item() == nil || q.item().Kind != "audit-task" {
		t.Fatalf("not on an audit task: %+v", q.item())
	}
	// Alt+S skips while the cursor is in the hours field.
	w.Canvas().Focus(q.hours)
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(skipShortcut)
	if q.sit.State(q.sit.Audit[0].ID) != assessment.StateSkipped {
		t.Error("Alt+S in the hours field did not skip")
	}
	for !q.sit.IsLast() {
		q.typedRune('s')
	}
	if q.next.Text != "Finish" {
		t.Errorf("the last page's button says %q", q.next.Text)
	}
	if strings.Contains(q.counter.Text, "0 min") {
		t.Errorf("the counter says %q", q.counter.Text)
	}
	q.typedRune('s')
	// The review: the skipped ones, with "Answer now".
	if !q.reviewing || q.progress.Value != 1 || len(q.reviewButtons) < 2+len(q.sit.Audit) {
		t.Fatalf("no review (reviewing %v, %d buttons)", q.reviewing, len(q.reviewButtons))
	}
	test.Tap(q.reviewButtons[1]) // the question skipped on page 5
	if q.reviewing || q.sit.Pos != 5 {
		t.Fatalf("Answer now went to page %d", q.sit.Pos)
	}
	answerPage(t, q)
	// The map: open it, Escape closes it and stays on the page.
	q.showMap()
	page := q.sit.Pos
	press(w, fyne.KeyEscape)
	if w.Canvas().Overlays().Top() != nil || q.sit.Pos != page {
		t.Error("Escape did not close the question map, or acted behind it")
	}
	q.showMap()
	q.questionMap.Select(0)
	if q.sit.Pos != 0 || w.Canvas().Overlays().Top() != nil {
		t.Errorf("choosing question 1 in the map went to page %d", q.sit.Pos)
	}
	// Finish anyway from the review.
	for q.sit.Pos = 0; !q.sit.IsLast(); q.sit.Forward() {
	}
	q.showPage()
	q.typedRune('s')
	if !q.reviewing {
		t.Fatal("no review")
	}
	q.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := u.current.(*resultsScreen); !ok {
		t.Errorf("Finish anyway went to %T", u.current)
	}
}

// TestAReturningPersonSeesTheirHistoryFirst: past attempts with their best
// fit, each opening its results or plan; two ticked compare.
func TestAReturningPersonSeesTheirHistoryFirst(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	p, _ := u.store.CreateProfile("Returning Person", "")
	for i := 0; i < 2; i++ {
		a, _ := u.store.StartAttempt(p.ID, u.engine.Bank.Version())
		for j, it := range u.engine.Bank.Items {
			if !it.Core() {
				continue
			}
			ans := &assessment.Answer{Value: 1 + (i+j)%5}
			if len(it.Options) > 0 {
				ans = &assessment.Answer{Option: it.Options[(i+j)%len(it.Options)].ID}
			}
			u.store.SaveAnswer(a.ID, it.ID, ans)
		}
		u.store.FinishAttempt(a.ID)
	}
	u.setSetting(prefLastProfile, "1")
	u.showHome()
	h := home(t, u)
	markup := test.RenderToMarkup(w.Canvas())
	if !strings.Contains(markup, "Welcome back") || !strings.Contains(markup, "best fit") || strings.Index(markup, "Welcome back") > strings.Index(markup, "Someone new?") {
		t.Fatal("the history does not come first")
	}
	var ticks []*widget.Check
	for _, o := range h.past.Objects {
		if row, ok := o.(*fyne.Container); ok {
			for _, oo := range row.Objects {
				if c, ok := oo.(*widget.Check); ok {
					ticks = append(ticks, c)
				}
			}
		}
	}
	if len(ticks) != 2 || h.compare.Visible() {
		t.Fatalf("%d ticks", len(ticks))
	}
	test.Tap(ticks[0])
	test.Tap(ticks[1])
	if !h.compare.Visible() {
		t.Fatal("two ticked, no compare button")
	}
	test.Tap(h.compare)
	r, ok := u.current.(*resultsScreen)
	if !ok || r.progress == nil || r.attempt != 2 {
		t.Fatalf("compare opened %T", u.current)
	}
}

// TestWorkshopRowsOpenResultsAndRemove: a participant row opens their
// results; removing one asks first and keeps their data.
func TestWorkshopRowsOpenResultsAndRemove(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	ex, _ := os.ReadFile("../examples/answers.json")
	c, _ := u.store.Cohort("Group", true)
	im, _ := u.store.Import(ex, u.engine, store.ImportOptions{Cohort: c.ID})
	ws := newWorkshopScreen(u)
	u.show(ws)
	if len(ws.rows) != 1 {
		t.Fatalf("%d rows", len(ws.rows))
	}
	test.Tap(ws.rows[0].remove)
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("removing did not ask first")
	}
	if ms, _ := u.store.Members(c.ID); len(ms) != 1 {
		t.Fatal("removed before the confirmation")
	}
	if err := u.store.Leave(c.ID, im.ProfileID); err != nil {
		t.Fatal(err)
	}
	if _, err := u.store.Profile(im.ProfileID); err != nil {
		t.Error("leaving the cohort deleted the profile")
	}
	u.store.Join(c.ID, im.ProfileID)
	ws = newWorkshopScreen(u)
	u.show(ws)
	test.Tap(ws.rows[0].results)
	if r, ok := u.current.(*resultsScreen); !ok || r.attempt != im.AttemptID {
		t.Errorf("the row opened %T", u.current)
	}
}

// press gives a key where the desktop driver gives it: to the focused
// widget, or to the window when nothing has the focus.
func press(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	w.Canvas().OnTypedKey()(ev)
}
