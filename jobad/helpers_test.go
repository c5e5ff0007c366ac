package jobad

import (
	"testing"

	"hatcheck/assessment"
)

func mustDefaults(t testing.TB) (*Lexicon, *assessment.Engine) {
	t.Helper()
	lx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	return lx, e
}
