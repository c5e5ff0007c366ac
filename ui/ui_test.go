package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hatcheck/questions"
	"hatcheck/store"
)

// newTestApp starts the app on Fyne's test driver with its own data folder.
func newTestApp(t *testing.T, dataDir string) (*App, fyne.Window) {
	t.Helper()
	t.Setenv("HOME", t.TempDir())
	t.Setenv("LANG", "en_US.UTF-8")
	a := test.NewTempApp(t)
	if err := LoadTranslations(); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("Hatcheck")
	w.Resize(fyne.NewSize(1024, 720))
	u, err := New(a, w, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close(); w.Close() })
	return u, w
}

func home(t *testing.T, u *App) *homeScreen {
	t.Helper()
	h, ok := u.current.(*homeScreen)
	if !ok {
		t.Fatalf("the screen is %T, not home", u.current)
	}
	return h
}

func questionnaire(t *testing.T, u *App) *questionnaireScreen {
	t.Helper()
	q, ok := u.current.(*questionnaireScreen)
	if !ok {
		t.Fatalf("the screen is %T, not the questionnaire", u.current)
	}
	return q
}

// answerPage answers the current page the way a person with a community
// bent would, by tapping the widgets, and moves on.
func answerPage(t *testing.T, q *questionnaireScreen) {
	t.Helper()
	it := q.item()
	if it == nil { // the audit offer: yes
		test.Tap(q.pad.rows[0])
		test.Tap(q.next)
		return
	}
	switch it.Kind {
	case questions.KindSkillRating, questions.KindWorkStyle:
		pick := 2
		if it.Kind == questions.KindSkillRating && strings.Contains(it.ID, "member") {
			pick = 4
		}
		test.Tap(q.pad.rows[pick])
		if q.evidence != nil && it.ID == "skill.moderation" {
			test.Type(q.evidence, "Moderated a forum of 2,000 — Ελένη")
		}
	case questions.KindForcedChoice, questions.KindScenario:
		pick := 0
		for i, o := range it.Options {
			if o.Track == questions.TrackCommunityManager {
				pick = i
			}
		}
		test.Tap(q.pad.rows[pick])
	case questions.KindAuditTask:
		test.Type(q.hours, "3")
		test.Tap(q.pad.rows[1])
	}
	test.Tap(q.next)
}

// TestFromFirstLaunchToAnExportedPlan creates a profile, answers every item
// by tapping real widgets, sees the results, changes the plan and exports
// the PDF to a temporary folder.
func TestFromFirstLaunchToAnExportedPlan(t *testing.T) {
	dataDir := t.TempDir()
	u, w := newTestApp(t, dataDir)
	h := home(t, u)
	if !h.start.Disabled() {
		t.Error("start is enabled before there is a profile")
	}
	test.Type(h.name, "Zoë Ñúñez")
	h.context.SetSelectedIndex(3) // enterprise
	test.Tap(h.create)
	if u.profile == nil || u.profile.Name != "Zoë Ñúñez" || u.profile.Context != "enterprise" {
		t.Fatalf("profile %+v", u.profile)
	}
	h = home(t, u) // the screen now leads with the new profile
	test.Tap(h.start)
	q := questionnaire(t, u)
	total := len(q.sit.Core) + len(q.sit.Audit)
	for i := 0; i < total+1; i++ {
		if _, ok := u.current.(*questionnaireScreen); !ok {
			t.Fatalf("left the questionnaire after %d pages", i)
		}
		answerPage(t, q)
	}
	r, ok := u.current.(*resultsScreen)
	if !ok {
		t.Fatalf("after the last page the screen is %T", u.current)
	}
	if r.result.Answered.Core != len(q.sit.Core) || r.result.Answered.Audit != len(q.sit.Audit) {
		t.Errorf("answered %+v", r.result.Answered)
	}
	if r.result.Tracks[0].ID != questions.TrackCommunityManager {
		t.Errorf("a community-minded person's best fit is %s", r.result.Tracks[0].ID)
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "For exploration, not for hiring decisions.") {
		t.Error("the results do not say they are for exploration")
	}
	if n := len(r.tabs.Items); n != 4 {
		t.Errorf("%d result tabs, want overview, why, how it was scored and the hat audit", n)
	}
	atts, _ := u.store.Attempts(u.profile.ID)
	if len(atts) != 1 || atts[0].Finished == nil {
		t.Fatalf("attempts %+v", atts)
	}
	rows, _ := u.store.RawAnswers(atts[0].ID)
	evidence := ""
	for _, row := range rows {
		if row.Item == "skill.moderation" {
			evidence = row.Evidence
		}
	}
	if evidence != "Moderated a forum of 2,000 — Ελένη" {
		t.Errorf("the evidence note was stored as %q", evidence)
	}

	r.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	p, ok := u.current.(*planScreen)
	if !ok {
		t.Fatalf("Enter on the results opened %T", u.current)
	}
	if p.plan.Track != questions.TrackCommunityManager || len(p.choice.Actions) == 0 {
		t.Fatalf("plan %s with %d actions", p.plan.Track, len(p.choice.Actions))
	}
	// Set the first card aside, move the next one a month later, and
	// write a note: all are saved.
	unticked := *p.cards[0].choice
	test.Tap(p.cards[0].setAside)
	moved := p.cards[0].choice
	movedFrom := moved.Slot
	test.Tap(p.cards[0].moveLater)
	if moved.Slot != movedFrom+30 {
		t.Errorf("the card moved from day %d to %d", movedFrom, moved.Slot)
	}
	if !strings.Contains(test.RenderToMarkup(p.app.win.Canvas()), "Not now (left out of the plan and its PDF)") {
		t.Error("the card set aside is not listed under Not now")
	}
	test.Type(p.notes, "Ask Ελένη for a mentor.")
	p.leave() // leaving saves the notes at once
	saved, _ := u.store.Plan(atts[0].ID)
	if saved == nil || saved.Notes != "Ask Ελένη for a mentor." {
		t.Fatalf("saved plan %+v", saved)
	}
	for _, a := range saved.Actions {
		if a.Competency == unticked.Competency && a.Kind == unticked.Kind && a.Chosen {
			t.Errorf("the action set aside %s/%s is saved as chosen", a.Competency, a.Kind)
		}
		if a.Competency == moved.Competency && a.Kind == moved.Kind && a.Slot != movedFrom+30 {
			t.Errorf("the moved card %s/%s is saved in slot %d", a.Competency, a.Kind, a.Slot)
		}
	}
	// Export to a temporary folder, as the save dialog would hand over.
	path := filepath.Join(t.TempDir(), planFileName(u.profile.Name, time.Now()))
	done := make(chan error, 1)
	p.exportPDF(path, func(_ string, err error) { done <- err })
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the export did not finish")
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("no PDF at %s: %v", path, err)
	}
	if !strings.HasPrefix(filepath.Base(path), "hatcheck-plan-Zoë-Ñúñez-") {
		t.Errorf("default name %s", filepath.Base(path))
	}
}

// TestKeyboardAnswersAndNavigation answers with 1-5, A-D, Enter, Backspace
// and S, as the hint on screen says.
func TestKeyboardAnswersAndNavigation(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	h := home(t, u)
	test.Type(h.name, "Kim")
	h.name.OnSubmitted(h.name.Text) // Enter in the name field creates the profile
	h.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	q := questionnaire(t, u)
	attempt := q.attempt
	if w.Canvas().Focused() != q.pad {
		t.Fatalf("the answers do not have the keyboard focus (%T)", w.Canvas().Focused())
	}
	key := func(name fyne.KeyName) { w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: name}) }
	typeRune := func(r rune) { w.Canvas().Focused().TypedRune(r) }
	typeRune('4')
	key(fyne.KeyReturn)
	if q.sit.Pos != 1 {
		t.Fatalf("Enter did not move on (pos %d)", q.sit.Pos)
	}
	typeRune('s') // skip the second
	if q.sit.Pos != 2 {
		t.Fatalf("S did not skip (pos %d)", q.sit.Pos)
	}
	key(fyne.KeyBackspace)
	if q.sit.Pos != 1 {
		t.Fatalf("Backspace did not go back (pos %d)", q.sit.Pos)
	}
	w.Canvas().Focus(q.pad)
	key(fyne.KeyDown) // select the first answer with the arrow keys
	key(fyne.KeyRight)
	rows, _ := u.store.RawAnswers(attempt)
	got := map[string]string{}
	for _, r := range rows {
		got[r.Item] = string(r.Value)
	}
	if got[q.sit.Core[0].ID] != "4" || got[q.sit.Core[1].ID] != "1" {
		t.Errorf("stored %v", got)
	}
	// Pairs answer with letters.
	q.sit.Pos = len(u.engine.Bank.ItemsIn("skills")) + len(u.engine.Bank.ItemsIn("work-style"))
	q.showPage()
	if q.item().Kind != questions.KindForcedChoice {
		t.Fatalf("page %d is %s", q.sit.Pos, q.item().Kind)
	}
	typeRune('b')
	key(fyne.KeyReturn)
	rows, _ = u.store.RawAnswers(attempt)
	for _, r := range rows {
		got[r.Item] = string(r.Value)
	}
	if want := `"` + q.sit.Core[q.sit.Pos-1].Options[1].ID + `"`; got[q.sit.Core[q.sit.Pos-1].ID] != want {
		t.Errorf("B stored %s, want %s", got[q.sit.Core[q.sit.Pos-1].ID], want)
	}
	// The "why we ask" note names the article.
	typeRune('?')
	if !q.why.Visible() || !strings.Contains(q.why.Text, "Based on") {
		t.Errorf("why we ask: %v %q", q.why.Visible(), q.why.Text)
	}
}

// TestResumeWhereItStopped: answers saved by one run are there in the next,
// and the questionnaire reopens at the first unanswered item.
func TestResumeWhereItStopped(t *testing.T) {
	dataDir := t.TempDir()
	u, _ := newTestApp(t, dataDir)
	h := home(t, u)
	test.Type(h.name, "Ola")
	test.Tap(h.create)
	h = home(t, u)
	test.Tap(h.start)
	q := questionnaire(t, u)
	for i := 0; i < 12; i++ {
		answerPage(t, q)
	}
	attempt := q.attempt
	u.Close() // as if the app were closed

	u2, _ := newTestApp(t, dataDir)
	h2 := home(t, u2)
	h2.profileSel.SetSelectedIndex(0)
	if !h2.resume.Visible() || !strings.Contains(h2.resume.Text, "12 of 67") {
		t.Fatalf("resume button %q (visible %v)", h2.resume.Text, h2.resume.Visible())
	}
	test.Tap(h2.resume)
	q2 := questionnaire(t, u2)
	if q2.attempt != attempt || q2.sit.Pos != 12 {
		t.Errorf("resumed attempt %d at %d, want %d at 12", q2.attempt, q2.sit.Pos, attempt)
	}
	if a, _ := q2.sit.Answer(q2.sit.Core[0].ID); a == nil {
		t.Error("earlier answers were not loaded")
	}
}

// TestLayoutHoldsAt800x600 checks that no screen needs more than a small
// window, even with a very long name.
func TestLayoutHoldsAt800x600(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	w.Resize(fyne.NewSize(800, 600))
	long := strings.Repeat("Bartholomew-Maximilian ", 8)
	p, err := u.store.CreateProfile(long, "freelance")
	if err != nil {
		t.Fatal(err)
	}
	u.profile = &p
	check := func(name string) {
		t.Helper()
		if m := w.Content().MinSize(); m.Width > 800 || m.Height > 600 {
			t.Errorf("%s needs %.0f x %.0f", name, m.Width, m.Height)
		}
	}
	u.showHome()
	check("home")
	test.Tap(home(t, u).start)
	q := questionnaire(t, u)
	for i := 0; i < len(q.sit.Core)+1+len(q.sit.Audit); i++ {
		check("page " + q.sectionTitle(sectionOf(q)))
		answerPage(t, q)
		if _, ok := u.current.(*questionnaireScreen); !ok {
			break
		}
	}
	check("results")
	r := u.current.(*resultsScreen)
	for i := range r.tabs.Items {
		r.tabs.SelectIndex(i)
		check("results tab " + r.tabs.Items[i].Text)
	}
	u.showPlan(r.attempt, "")
	check("plan")
	u.show(newSettingsScreen(u))
	check("settings")
}

func sectionOf(q *questionnaireScreen) string {
	if it := q.item(); it != nil {
		return it.Section
	}
	return "current-work"
}

func TestSettingsChangeThemeAndDeleteWithConfirmation(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	p, _ := u.store.CreateProfile("Temp Person", "")
	u.profile = &p
	s := newSettingsScreen(u)
	u.show(s)
	s.themeChoice.SetSelected("Dark")
	if got := u.setting(prefTheme, ""); got != "dark" {
		t.Errorf("theme preference %q", got)
	}
	test.Tap(s.deleteOne)
	// The confirmation is on screen and nothing is deleted yet.
	if ps, _ := u.store.Profiles(); len(ps) != 1 {
		t.Fatal("deleted before confirming")
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "Delete this profile?") {
		t.Error("no confirmation dialog")
	}
}

func TestPlanFileNameIsSafe(t *testing.T) {
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for name, want := range map[string]string{
		"Zoë Müller":      "hatcheck-plan-Zoë-Müller-2026-11-23.pdf",
		"../etc/passwd":   "hatcheck-plan-etc-passwd-2026-11-23.pdf",
		"   ":             "hatcheck-plan-you-2026-11-23.pdf",
		"Ana 🙂 / O'Brien": "hatcheck-plan-Ana-O-Brien-2026-11-23.pdf",
	} {
		if got := planFileName(name, day); got != want {
			t.Errorf("%q: %s, want %s", name, got, want)
		}
	}
}

// BenchmarkNextPage is one answer and the move to the next page: saving the
// answer durably and building the new page.
func BenchmarkNextPage(b *testing.B) {
	b.Setenv("HOME", b.TempDir())
	a := test.NewTempApp(b)
	w := a.NewWindow("Hatcheck")
	w.Resize(fyne.NewSize(1024, 720))
	u, err := New(a, w, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer u.Close()
	p, _ := u.store.CreateProfile("Bench", "")
	u.profile = &p
	att, _ := u.store.StartAttempt(p.ID, u.engine.Bank.Version())
	u.showQuestionnaire(att.ID)
	q := u.current.(*questionnaireScreen)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if q.sit.Pos >= len(q.sit.Core) {
			b.StopTimer()
			q.sit.Pos = 0
			q.showPage()
			b.StartTimer()
		}
		q.pad.Select(i % 2)
		q.onNext()
	}
}

// TestWorkshopAndNextParticipantMode: a trainer creates a cohort, imports a
// folder, and two people take the assessment in turn on one machine; the
// second sees nothing of the first.
func TestWorkshopAndNextParticipantMode(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	ws := newWorkshopScreen(u)
	u.show(ws)
	test.Type(ws.newName, "Tuesday group")
	ws.newName.OnSubmitted(ws.newName.Text)
	if ws.selected == nil || ws.selected.Name != "Tuesday group" {
		t.Fatalf("cohort %+v", ws.selected)
	}
	folder := t.TempDir()
	data, _ := os.ReadFile("../examples/answers.json")
	os.WriteFile(filepath.Join(folder, "zoe.json"), data, 0o644)
	os.WriteFile(filepath.Join(folder, "broken.json"), []byte("{"), 0o644)
	<-ws.startImport(folder)
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "Read 2 (files and rows): 1 imported, 0 already there, 1 refused") {
		t.Error("the import summary is not shown")
	}
	cohort := *ws.selected
	if cohort.Members != 1 {
		t.Errorf("%d members after import", cohort.Members)
	}
	if m := w.Content().MinSize(); m.Width > 800 {
		t.Errorf("the workshop screen needs %.0f px", m.Width)
	}
	u.closeNotice()
	u.startKiosk(cohort)
	for i, name := range []string{"First Person", "Second Person"} {
		k, ok := u.current.(*kioskScreen)
		if !ok {
			t.Fatalf("person %d starts on %T", i+1, u.current)
		}
		if k.name.Text != "" || strings.Contains(test.RenderToMarkup(w.Canvas()), "First Person") {
			t.Fatal("the clean start shows the previous person")
		}
		test.Type(k.name, name)
		test.Tap(k.start)
		q := questionnaire(t, u)
		for j := 0; j < len(q.sit.Core)+1+len(q.sit.Audit); j++ {
			if _, ok := u.current.(*questionnaireScreen); !ok {
				break
			}
			answerPage(t, q)
		}
		r, ok := u.current.(*resultsScreen)
		if !ok || r.result.Respondent.Name != name {
			t.Fatalf("results of %v", r)
		}
		u.showHome() // "Done: next participant"
	}
	ms, _ := u.store.Members(cohort.ID)
	if len(ms) != 3 || ms[2].Code != "P03" || ms[2].Attempt == nil {
		t.Errorf("members %+v", ms)
	}
	if u.profile != nil {
		t.Error("the last participant's profile is still selected")
	}
}

// TestWorkshopImportAsksBeforeMerging: importing a CSV whose row has the
// name of someone already here pauses and asks; the answer is applied.
func TestWorkshopImportAsksBeforeMerging(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	data, _ := os.ReadFile("../examples/answers.json")
	first, err := u.store.Import(data, u.engine, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ws := newWorkshopScreen(u)
	u.show(ws)
	test.Type(ws.newName, "Tuesday group")
	ws.newName.OnSubmitted(ws.newName.Text)
	header := "name,skill.events,skill.moderation\n"
	csv := filepath.Join(t.TempDir(), "group.csv")
	os.WriteFile(csv, []byte(header+"Zoë Müller,3,4\nAnother Person,2,2\n"), 0o600)
	asked := make(chan *questionDialog)
	ws.asked = asked
	done := ws.startImport(csv)
	var q *questionDialog
	select {
	case q = <-asked:
	case <-done:
		t.Fatal("the import finished without asking")
	case <-time.After(20 * time.Second):
		t.Fatal("no question after 20 s")
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "someone called Zoë Müller is already here") {
		t.Error("the question does not say who")
	}
	q.pick.SetSelected(q.pick.Options[0]) // "Yes: Zoë Müller, added ..."
	test.Tap(q.ok)
	<-done
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "Read 2 (files and rows): 2 imported, 0 already there, 0 refused") {
		t.Error("the summary is not shown")
	}
	if atts, _ := u.store.Attempts(first.ProfileID); len(atts) != 2 {
		t.Errorf("Zoë has %d attempts, want 2: the answer was not applied", len(atts))
	}
	if ps, _ := u.store.Profiles(); len(ps) != 2 {
		t.Errorf("%d profiles, want 2", len(ps))
	}
}

// TestFynePreferencesLiveInTheDataFolder: what Fyne itself remembers (the
// file dialog's folder) is kept in the store and read back by the next
// start, not written to ~/.config/fyne.
func TestFynePreferencesLiveInTheDataFolder(t *testing.T) {
	data := t.TempDir()
	u, _ := newTestApp(t, data)
	p := u.fyneApp.Preferences()
	p.SetString("fyne:fileDialogLastFolder", "file:///media/usb")
	p.SetInt("fyne:fileDialogViewLayout", 1)
	p.SetStringList("recent", []string{"a", "b"})
	keepPreferencesInStore(u.fyneApp, u.store) // as the next start does
	again := u.fyneApp.Preferences().(*storePrefs)
	if again.String("fyne:fileDialogLastFolder") != "file:///media/usb" || again.Int("fyne:fileDialogViewLayout") != 1 ||
		strings.Join(again.StringList("recent"), ",") != "a,b" || again.IntWithFallback("missing", 7) != 7 {
		t.Errorf("preferences read back: %+v", again.values)
	}
}
