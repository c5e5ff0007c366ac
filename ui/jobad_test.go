package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"hatcheck/jobad"
	"hatcheck/store"
)

// TestJobAdScreenByKeyboard: Ctrl+J on the home screen opens the check,
// the ad is typed into the box and checked with Ctrl+Enter while the box
// has the keyboard; the shares, signals, comparison and lines appear, the
// ad is kept with the result and deleted again, and the screen fits in
// 800 x 600.
func TestJobAdScreenByKeyboard(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	data, _ := os.ReadFile("../examples/answers.json")
	im, err := u.store.Import(data, u.engine, store.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, _ := u.store.Profile(im.ProfileID)
	u.profile = &p
	u.showHome()
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(jobAdShortcut)
	s, ok := u.current.(*jobAdScreen)
	if !ok {
		t.Fatalf("Ctrl+J opened %T", u.current)
	}
	done := make(chan *jobad.Result, 1)
	s.done = done
	if w.Canvas().Focused() != s.ad {
		t.Error("the paste box does not have the keyboard")
	}
	test.Type(s.ad, "Community Manager\n- Moderate our Discord and enforce the guidelines\n- Welcome new members and answer questions\n- Write and schedule posts, make graphics in Canva\n- Plan events; available on weekends\n- Salary: $40,000")
	s.ad.TypedShortcut(checkShortcut)
	var r *jobad.Result
	select {
	case r = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the check did not finish")
	}
	if r.Primary != "community-manager" || r.Against == nil || !r.HasSignal(jobad.SignalSeveralHats) {
		t.Errorf("primary %s, against %v, signals %+v", r.Primary, r.Against != nil, r.Signals)
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Share of the ad each hat takes", "Against your result", "The ad, line by line", "set aside (pay)", "Questions to ask before you accept"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the screen lacks %q", want)
		}
	}
	test.Tap(s.keep)
	ads, _ := u.store.JobAds(im.AttemptID)
	if len(ads) != 1 || !strings.Contains(ads[0].Text, "Moderate our Discord") {
		t.Fatalf("kept %+v", ads)
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "Kept with this result") {
		t.Error("the kept ad is not listed")
	}
	if err := u.store.DeleteJobAd(ads[0].ID); err != nil {
		t.Fatal(err)
	}
	w.Resize(fyne.NewSize(800, 600))
	if m := w.Content().MinSize(); m.Width > 800 || m.Height > 600 {
		t.Errorf("the job-ad screen needs %.0f x %.0f", m.Width, m.Height)
	}
	// An empty box says what to do, and nothing crashes.
	s.ad.SetText("  ")
	s.onCheck()
	if !strings.Contains(s.status.Text, "Paste a job ad") {
		t.Errorf("status %q", s.status.Text)
	}
	s.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if _, ok := u.current.(*homeScreen); !ok {
		t.Errorf("Escape went to %T", u.current)
	}
}

// TestJobAdScreenInSpanish: with the window in Spanish, the screen, the
// shares, the signals, the set-aside reason and the questions are all in
// Spanish, and a Spanish ad is read.
func TestJobAdScreenInSpanish(t *testing.T) {
	u, w := newTestApp(t, t.TempDir())
	u.engine = u.base.In(setLanguage("es"))
	t.Cleanup(func() { setLanguage("en") })
	u.showHome()
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(jobAdShortcut)
	s, ok := u.current.(*jobAdScreen)
	if !ok {
		t.Fatalf("Ctrl+J opened %T", u.current)
	}
	done := make(chan *jobad.Result, 1)
	s.done = done
	s.ad.SetText("Community Manager\n- Moderar nuestro servidor de Discord y hacer cumplir las normas de la comunidad\n- Dar la bienvenida a los nuevos miembros y resolver sus dudas\n- Crear y programar las publicaciones de Instagram y diseñar gráficos en Canva\n- Organizar eventos online; disponibilidad algunos fines de semana\n- Salario: 24.000 € brutos anuales")
	s.onCheck()
	var r *jobad.Result
	select {
	case r = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the check did not finish")
	}
	if r.Primary != "community-manager" || r.SetAside != 1 || !r.HasSignal(jobad.SignalAfterHours) {
		t.Errorf("primary %s, set aside %d, signals %+v", r.Primary, r.SetAside, r.Signals)
	}
	markup := test.RenderToMarkup(w.Canvas())
	for _, want := range []string{"Revisar una oferta de empleo", "Parte de la oferta que ocupa cada rol", "La oferta, línea por línea", "apartada (sueldo)", "Preguntas que hacer antes de aceptar", "La oferta pide trabajar fuera de horario", "(1 línea)"} {
		if !strings.Contains(markup, want) {
			t.Errorf("the Spanish screen lacks %q", want)
		}
	}
	for _, english := range []string{"Share of the ad", "set aside (pay)", "Questions to ask", "The ad asks for work"} {
		if strings.Contains(markup, english) {
			t.Errorf("the Spanish screen still says %q", english)
		}
	}
	// An error reads in Spanish too.
	s.ad.SetText("---")
	s.onCheck()
	select {
	case <-done: // nil: the check failed, and the status says why
	case <-time.After(5 * time.Second):
		t.Fatal("the check of an empty ad did not finish")
	}
	if !strings.Contains(s.status.Text, "la oferta está vacía") {
		t.Errorf("status %q", s.status.Text)
	}
}
