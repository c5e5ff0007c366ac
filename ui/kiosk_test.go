package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hatcheck/store"
)

// TestNextParticipantModeShowsNoOneElse: in the next participant mode,
// every shortcut the app defines is pressed on every screen a participant
// reaches, and no other person's name appears; leaving needs the PIN; a
// returning participant needs their code.
func TestNextParticipantModeShowsNoOneElse(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	data, _ := os.ReadFile("../examples/answers.json") // Zoë Müller
	im, err := u.store.Import(data, u.engine, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	outsider, _ := u.store.CreateProfile("Hidden Outsider", "")
	u.store.StartAttempt(outsider.ID, u.engine.Bank.Version())
	c, _ := u.store.Cohort("Tuesday group", true)
	u.store.Join(c.ID, im.ProfileID) // P01

	ws := newWorkshopScreen(u)
	u.show(ws)
	ws.cohort.SetSelected("Tuesday group")
	ws.onKiosk()
	test.Type(ws.kioskPIN, "2580")
	ws.kioskPIN.OnSubmitted(ws.kioskPIN.Text)
	if _, ok := u.current.(*kioskScreen); !ok || u.kioskPIN != "2580" {
		t.Fatalf("the mode did not start: %T, PIN %q", u.current, u.kioskPIN)
	}
	press := func(where string) {
		t.Helper()
		for _, sc := range allShortcuts {
			w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(sc)
			markup := test.RenderToMarkup(w.Canvas())
			for _, secret := range []string{"Zoë Müller", "Hidden Outsider", "Tuesday group participants"} {
				if strings.Contains(markup, secret) {
					t.Fatalf("%s, %s: %q is on the screen", where, sc.ShortcutName(), secret)
				}
			}
			switch u.current.(type) {
			case *homeScreen, *workshopScreen, *settingsScreen:
				t.Fatalf("%s, %s: the participant reached %T", where, sc.ShortcutName(), u.current)
			}
			if top := w.Canvas().Overlays().Top(); top != nil {
				t.Fatalf("%s, %s: a dialog opened", where, sc.ShortcutName())
			}
		}
	}
	press("the clean start")
	k := u.current.(*kioskScreen)
	test.Type(k.name, "New Person")
	test.Tap(k.start)
	q := questionnaire(t, u)
	press("the questionnaire")
	if !strings.Contains(q.counter.Text, "Your code: P02") {
		t.Errorf("the participant is not shown their code: %q", q.counter.Text)
	}
	for j := 0; j < len(q.sit.Core)+1; j++ {
		if _, ok := u.current.(*questionnaireScreen); !ok {
			break
		}
		if q.item() == nil {
			test.Tap(q.pad.rows[1]) // no audit
			test.Tap(q.next)
			break
		}
		answerPage(t, q)
	}
	r, ok := u.current.(*resultsScreen)
	if !ok {
		t.Fatalf("after the questions: %T", u.current)
	}
	press("the results")
	r.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if _, ok := u.current.(*planScreen); !ok {
		t.Fatalf("Enter on the results opened %T", u.current)
	}
	press("the plan")
	if strings.Contains(test.RenderToMarkup(w.Canvas()), "Save plan as PDF") {
		t.Error("the plan offers a file dialog on the shared computer")
	}
	u.showHome() // "Done: next participant"
	k = u.current.(*kioskScreen)
	press("the next clean start")

	// The way out needs the PIN.
	if u.kioskPIN != "2580" {
		t.Fatalf("the PIN is %q", u.kioskPIN)
	}
	k.onExit()
	test.Type(k.pin, "1111")
	k.pin.OnSubmitted(k.pin.Text)
	if _, ok := u.current.(*kioskScreen); !ok {
		t.Fatal("a wrong PIN left the mode")
	}

	// A returning participant: the name alone opens nothing.
	test.Type(k.name, "zoë müller")
	test.Tap(k.start)
	if _, ok := u.current.(*kioskScreen); !ok || !k.code.Visible() {
		t.Fatalf("a name alone went on: %T", u.current)
	}
	test.Type(k.code, "P02")
	test.Tap(k.start)
	if _, ok := u.current.(*kioskScreen); !ok {
		t.Fatal("another participant's code opened Zoë's attempt")
	}
	k.code.SetText("p01")
	test.Tap(k.start)
	q = questionnaire(t, u)
	if u.profile == nil || u.profile.ID != im.ProfileID {
		t.Errorf("the returning participant is %+v", u.profile)
	}
	if ms, _ := u.store.Members(c.ID); len(ms) != 2 {
		t.Errorf("%d participants: the return made a duplicate", len(ms))
	}
	u.showHome()
	k = u.current.(*kioskScreen)
	k.onExit()
	test.Type(k.pin, "2580")
	k.pin.OnSubmitted(k.pin.Text)
	if _, ok := u.current.(*workshopScreen); !ok || u.kiosk != nil {
		t.Errorf("the right PIN did not leave the mode: %T", u.current)
	}
}
