package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"hatcheck/internal/about"
)

// TestSettingsSayWhichHatcheckThisIs: the About part of the settings names
// the version and build of FyneApp.toml and the commit, as --version does.
func TestSettingsSayWhichHatcheckThisIs(t *testing.T) {
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := about.Set(data); err != nil {
		t.Fatal(err)
	}
	u, w := newTestApp(t, t.TempDir())
	s := newSettingsScreen(u)
	u.show(s)
	i := about.Current()
	if !strings.HasPrefix(s.about.Text, "Hatcheck "+i.Version+", build ") {
		t.Errorf("about says %q", s.about.Text)
	}
	if !strings.Contains(test.RenderToMarkup(w.Canvas()), "About") {
		t.Error("no About heading on the settings screen")
	}
	for _, tc := range []struct {
		info about.Info
		want string
	}{
		{about.Info{Version: "1.2.3", Build: 4, Commit: "0123456789abcdef"}, "Hatcheck 1.2.3, build 4\nBuilt from commit 0123456789ab."},
		{about.Info{Version: "1.2.3", Build: 4, Commit: "0123456", Modified: true}, "Hatcheck 1.2.3, build 4\nBuilt from commit 0123456, with changes not yet committed."},
		{about.Info{Version: "1.2.3", Build: 4}, "Hatcheck 1.2.3, build 4\nThe commit it was built from was not recorded."},
	} {
		if got := aboutText(tc.info); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.info, got, tc.want)
		}
	}
}
