package locale

import "testing"

func TestLCAllThenTheCategoryThenLang(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_PAPER", "")
	t.Setenv("LANG", "en_GB.UTF-8")
	if got := Env("PAPER"); got != "en_GB.UTF-8" {
		t.Errorf("LANG only: %q", got)
	}
	t.Setenv("LC_PAPER", "en_US.UTF-8")
	if got := Env("PAPER"); got != "en_US.UTF-8" {
		t.Errorf("LC_PAPER: %q", got)
	}
	t.Setenv("LC_ALL", "es_MX.UTF-8")
	if got := Env("PAPER"); got != "es_MX.UTF-8" {
		t.Errorf("LC_ALL: %q", got)
	}
}
