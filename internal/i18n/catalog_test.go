package i18n_test

import (
	"flag"
	"path/filepath"
	"testing"

	"hatcheck/internal/i18n/i18ncheck"
)

var update = flag.Bool("update", false, "add new texts of the domain layer to the English catalogues and drop unused ones")

// catalogues maps each domain catalogue to the packages whose texts it
// holds (folders from the module root).
var catalogues = map[string][]string{
	"common": {"internal/i18n"},
}

// TestTheDomainCataloguesMatchTheCode: every text the domain layer looks
// up is in its English catalogue and nothing else is, and every other
// language has all of them.
func TestTheDomainCataloguesMatchTheCode(t *testing.T) {
	dir := i18ncheck.Dir(t)
	root := filepath.Dir(filepath.Dir(dir))
	for name, pkgs := range catalogues {
		var dirs []string
		for _, p := range pkgs {
			dirs = append(dirs, filepath.Join(root, p))
		}
		keys := i18ncheck.Keys(t, i18ncheck.DomainCall, dirs...)
		en := filepath.Join(dir, name+".en.json")
		// The common catalogue also holds the month names, looked up
		// by a name made at run time.
		i18ncheck.Catalogue(t, en, keys, *update, name == "common")
		for _, lang := range i18ncheck.Languages() {
			i18ncheck.Translated(t, en, lang, false)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.en.json"))
	if len(files) != len(catalogues) {
		t.Errorf("%d English catalogues of the domain, %d known to this test", len(files), len(catalogues))
	}
}
