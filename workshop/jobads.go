package workshop

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"hatcheck/internal/i18n"
	"hatcheck/internal/safefile"
	"hatcheck/jobad"
)

// AdRefused is a file of a folder of ads that could not be read.
type AdRefused struct {
	File string
	// Reason is why, in English; Err is the same as an error a printer
	// renders in the person's language (see Describe).
	Reason string
	Err    error
}

// JobAds reads every ad in a folder (.txt, .md, .html, .htm; a .pdf is
// refused with how to paste it instead), in file-name order, with the
// phrase lists of language lang, for the one-page-per-ad PDF of a workshop. Other files, subfolders and the file
// named skip (the PDF written from an earlier run) are left alone; files
// that cannot be read are listed with the reason.
func JobAds(lang, dir, skip string) ([]jobad.Check, []AdRefused, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, i18n.Errorf("read the folder {{.Path}}: {{.Err}}", map[string]any{"Path": dir, "Err": Reason(err)})
	}
	var names []string
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || e.Name() == skip || !(ext == ".pdf" || contains(jobad.Extensions, ext)) {
			continue
		}
		names = append(names, e.Name())
	}
	sort.Strings(names)
	var checks []jobad.Check
	var refused []AdRefused
	for _, n := range names {
		path := filepath.Join(dir, n)
		data, err := safefile.ReadFile(path, jobad.MaxBytes)
		if err == nil {
			var text string
			if text, err = jobad.FromFile(n, data); err == nil {
				var r *jobad.Result
				if r, err = jobad.ReadIn(lang, text); err == nil {
					checks = append(checks, jobad.Check{Name: n, Result: r})
					continue
				}
			}
		}
		refused = append(refused, AdRefused{File: n, Reason: Describe(i18n.English(), err), Err: Reason(err)})
	}
	return checks, refused, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
