package ui

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
	"hatcheck/internal/slug"
	"hatcheck/jobad"
	"hatcheck/report"
	"hatcheck/store"
)

// prefExportDir remembers the folder of the last export.
const prefExportDir = "export.dir"

// planFileName is the default name of the PDF: hatcheck-plan-<name>-<date>.pdf.
func planFileName(name string, day time.Time) string {
	return fmt.Sprintf("hatcheck-plan-%s-%s.pdf", slug.Make(name, "you"), day.Format("2006-01-02"))
}

// askSavePath shows a save dialog starting in the last export folder (or
// the home folder) and calls done with the chosen path, ext added when
// missing. The dialog creates the file; an empty leftover is removed when
// the path changes or the export fails.
func (u *App) askSavePath(defaultName, ext string, done func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(lang.L("That folder cannot be written to. Choose another folder, such as your Documents."), err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		if !strings.HasSuffix(strings.ToLower(path), ext) {
			removeIfEmpty(path)
			path += ext
		}
		u.setSetting(prefExportDir, filepath.Dir(path))
		done(path)
	}, u.win)
	d.SetFileName(defaultName)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	dir := u.setting(prefExportDir, "")
	if dir == "" {
		dir, _ = os.UserHomeDir()
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
	u.fitDialog(d, 760, 520)
	d.Show()
}

func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		os.Remove(path)
	}
}

func (s *planScreen) onExportPDF() {
	name := ""
	if s.app.profile != nil {
		name = s.app.profile.Name
	} else {
		name = s.answers.Respondent.Name
	}
	s.app.askSavePath(planFileName(name, time.Now()), ".pdf", func(path string) {
		s.exportPDF(path, func(string, error) {})
	})
}

// exportPDF writes the PDF in the background with a progress dialog, then
// offers to open it or its folder. done is called on the UI thread.
func (s *planScreen) exportPDF(path string, done func(string, error)) {
	in := report.Input{Engine: s.app.engine, Result: s.result, Plan: s.arranged()}
	// The job ads kept with this result get their page.
	ads, err := s.app.store.JobAdChecks(s.attempt, s.app.engine, jobad.Person{Answers: s.answers, Result: s.result, Saved: &s.choice})
	if err != nil {
		s.app.showError(lang.L("The PDF could not be saved. Choose another folder, or free some space; your plan is still here."), err)
		done(path, err)
		return
	}
	in.JobAds = ads
	opt := report.Options{Paper: report.LocalPaper(), Date: time.Now()}
	bar := widget.NewProgressBarInfinite()
	progress := dialog.NewCustomWithoutButtons(lang.L("Saving your plan…"), container.NewVBox(&widget.Label{Text: filepath.Base(path)}, bar), s.app.win)
	progress.Show()
	go func() {
		warnings, err := report.WriteFile(path, in, opt)
		debug.FreeOSMemory() // give the export's memory back at once
		fyne.Do(func() {
			progress.Hide()
			bar.Stop()
			if err != nil {
				removeIfEmpty(path)
				s.app.showError(lang.L("The PDF could not be saved. Choose another folder, or free some space; your plan is still here."), err)
				done(path, err)
				return
			}
			s.app.showSaved(path, nil, warnings)
			done(path, nil)
		})
	}()
}

// showSaved confirms an export and offers to open the file or its folder.
func (u *App) showSaved(path string, info, warnings []string) {
	msg := &widget.Label{Text: lang.L("Saved to {{.Path}}", map[string]any{"Path": path}), Wrapping: fyne.TextWrapBreak}
	box := container.NewVBox(msg)
	for _, i := range info {
		box.Add(&widget.Label{Text: i, Wrapping: fyne.TextWrapWord})
	}
	for _, w := range warnings {
		box.Add(&widget.Label{Text: w, Wrapping: fyne.TextWrapWord, Importance: widget.WarningImportance})
	}
	var d *dialog.CustomDialog
	open := &widget.Button{Text: lang.L("Open"), Importance: widget.HighImportance, OnTapped: func() {
		u.fyneApp.OpenURL(&url.URL{Scheme: "file", Path: path})
		d.Hide()
	}}
	folder := &widget.Button{Text: lang.L("Show in folder"), OnTapped: func() {
		u.fyneApp.OpenURL(&url.URL{Scheme: "file", Path: filepath.Dir(path)})
		d.Hide()
	}}
	closeB := &widget.Button{Text: lang.L("Close (Esc)"), OnTapped: func() { u.closeNotice() }}
	d = dialog.NewCustomWithoutButtons(lang.L("Your plan is saved"), container.NewVBox(box, container.NewHBox(open, folder, closeB)), u.win)
	u.fitDialog(d, 600, 0)
	d.SetOnClosed(func() { u.notice = nil })
	u.notice = d
	d.Show()
}

func (s *planScreen) onExportResults() {
	name := s.answers.Respondent.Name
	defaultName := fmt.Sprintf("hatcheck-%s-%s%s", slug.Make(name, "you"), time.Now().Format("2006-01-02"), store.ResultsExt)
	s.app.askSavePath(defaultName, ".json", func(path string) {
		if err := s.app.exportResults(s.attempt, path); err != nil {
			removeIfEmpty(path)
			s.app.showError(lang.L("The results file could not be saved. Choose another folder."), err)
			return
		}
		s.app.showSavedResults(path)
	})
}

// exportResults writes an attempt as a .hatcheck.json file, readable by its
// owner only.
func (u *App) exportResults(attempt int64, path string) error {
	data, err := u.store.Export(attempt, u.engine)
	if err != nil {
		return err
	}
	return atomicfile.Write(path, data, 0o600)
}

func (u *App) showSavedResults(path string) {
	dialog.ShowInformation(lang.L("Results exported"), lang.L("Saved to {{.Path}}. Hatcheck on another computer can import it.", map[string]any{"Path": path}), u.win)
}

// onImport asks for a results file and imports it whole, or explains why
// it cannot. A Hatcheck database (one set aside, or copied from another
// computer) is recovered instead.
func (u *App) onImport(after func(store.Imported)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(lang.L("Could not open the file."), err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		data, database, err := store.ReadImport(path)
		switch {
		case err != nil:
			u.showError(lang.L("Could not read the file."), err)
		case database:
			u.recoverFiles([]string{path})
		default:
			u.importResults(data, store.ImportOptions{}, after)
		}
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".db"}))
	u.fitDialog(d, 760, 520)
	d.Show()
}

// importResults imports a results file; when someone with the same name is
// here already, it asks whether the file is theirs before anything is
// imported.
func (u *App) importResults(data []byte, opt store.ImportOptions, after func(store.Imported)) {
	im, err := u.store.Import(data, u.engine, opt)
	var ie *assessment.InputError
	var same *store.SamePersonError
	switch {
	case errors.As(err, &same):
		u.askSamePerson(same, func(profile int64, newPerson bool) {
			u.importResults(data, store.ImportOptions{Profile: profile, NewPerson: newPerson}, after)
		})
	case errors.As(err, &ie):
		dialog.ShowInformation(lang.L("This file was not imported"),
			lang.L("Nothing from it was imported, because:")+"\n• "+strings.Join(ie.Problems, "\n• "), u.win)
	case err != nil:
		u.showError(lang.L("Could not import the file."), err)
	case im.Duplicate:
		dialog.ShowInformation(lang.L("Already imported"), lang.L("These results of {{.Name}} were imported before; nothing changed.", map[string]any{"Name": im.Name}), u.win)
	default:
		dialog.ShowInformation(lang.L("Imported"), lang.L("The results of {{.Name}} are now in Hatcheck.", map[string]any{"Name": im.Name}), u.win)
		after(im)
	}
}

// askSamePerson asks whether results belong to someone already here with
// the same name, or to another person who shares it. Nothing is merged
// without an answer.
func (u *App) askSamePerson(same *store.SamePersonError, answer func(profile int64, newPerson bool)) {
	var choices []string
	for _, p := range same.Profiles {
		choices = append(choices, lang.L("Yes: {{.Name}}, added {{.Date}} (profile {{.ID}})",
			map[string]any{"Name": p.Name, "Date": p.Created.Local().Format("2006-01-02"), "ID": p.ID}))
	}
	other := lang.L("No: someone else with the same name")
	choices = append(choices, other)
	pick := &widget.RadioGroup{Options: choices, Required: true, Selected: other}
	body := container.NewVBox(
		&widget.Label{Text: lang.L("Someone called {{.Name}} is already here. Are these their results?", map[string]any{"Name": same.Name}), Wrapping: fyne.TextWrapWord},
		pick)
	d := dialog.NewCustomConfirm(lang.L("Same person?"), lang.L("Import"), lang.L("Cancel"), body, func(ok bool) {
		if !ok {
			return
		}
		for i, c := range choices[:len(same.Profiles)] {
			if c == pick.Selected {
				answer(same.Profiles[i].ID, false)
				return
			}
		}
		answer(0, true)
	}, u.win)
	d.Show()
}
