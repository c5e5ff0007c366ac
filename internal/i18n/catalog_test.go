package i18n_test

import (
	"flag"
	"path/filepath"
	"regexp"
	"testing"

	"hatcheck/internal/i18n/i18ncheck"
)

var update = flag.Bool("update", false, "add new texts of the domain layer to the English catalogues and drop unused ones")

// domain are the folders (from the module root) of the domain layer:
// everything that writes for people but the window.
var domain = []string{".", "assessment", "report", "cli", "workshop", "store", "questions", "jobad",
	"internal/atomicfile", "internal/safefile", "internal/flock", "internal/syserr", "internal/termsafe", "internal/i18n"}

// catalogues: each English catalogue, the folders whose texts it holds and
// how they are looked up there.
var catalogues = []struct {
	name string
	dirs []string
	call *regexp.Regexp
	// extra allows texts looked up by a key made at run time.
	extra bool
}{
	{"common", []string{"internal/i18n"}, i18ncheck.DomainCall, true},
	{"jobad", []string{"jobad"}, i18ncheck.DomainCall, false},
	{"assessment", []string{"assessment"}, i18ncheck.DomainCall, false},
	{"report", []string{"report"}, i18ncheck.DomainCall, false},
	{"errors", domain, i18ncheck.ErrorCall, false},
	{"cli", []string{"cli", "workshop", "."}, i18ncheck.DomainCall, false},
}

// TestTheDomainCataloguesMatchTheCode: every text the domain layer looks
// up is in its English catalogue and nothing else is, and every other
// language has all of them.
func TestTheDomainCataloguesMatchTheCode(t *testing.T) {
	dir := i18ncheck.Dir(t)
	root := filepath.Dir(filepath.Dir(dir))
	for _, c := range catalogues {
		var dirs []string
		for _, p := range c.dirs {
			dirs = append(dirs, filepath.Join(root, p))
		}
		keys := i18ncheck.Keys(t, c.call, dirs...)
		en := filepath.Join(dir, c.name+".en.json")
		i18ncheck.Catalogue(t, en, keys, *update, c.extra)
		for _, lang := range i18ncheck.Languages() {
			i18ncheck.Translated(t, en, lang, false)
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.en.json"))
	if len(files) != len(catalogues) {
		t.Errorf("%d English catalogues of the domain, %d known to this test", len(files), len(catalogues))
	}
}
