package packaging

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

type metainfo struct {
	ID         string `xml:"id"`
	Launchable string `xml:"launchable"`
	Releases   []struct {
		Version string `xml:"version,attr"`
		Date    string `xml:"date,attr"`
	} `xml:"releases>release"`
	Screenshots []struct {
		Image string `xml:"image"`
	} `xml:"screenshots>screenshot"`
}

// fyneApp reads one value of FyneApp.toml's [Details].
func fyneApp(t *testing.T, key string) string {
	t.Helper()
	data, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^` + key + ` *= *"?([^"\n]*)"?$`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("FyneApp.toml has no %s", key)
	}
	return string(m[1])
}

// TestMetainfoIsInStepWithFyneAppToml: the newest release in the metainfo
// is FyneApp.toml's version, with a real date; the IDs match the desktop
// entry fyne package writes; every screenshot is one in docs/screenshots.
func TestMetainfoIsInStepWithFyneAppToml(t *testing.T) {
	id := fyneApp(t, "ID")
	data, err := os.ReadFile(id + ".metainfo.xml")
	if err != nil {
		t.Fatal(err)
	}
	var m metainfo
	if err := xml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	if m.ID != id || m.Launchable != id+".desktop" {
		t.Errorf("id %q, launchable %q; FyneApp.toml's ID is %q", m.ID, m.Launchable, id)
	}
	if len(m.Releases) == 0 {
		t.Fatal("no releases")
	}
	if v := fyneApp(t, "Version"); m.Releases[0].Version != v {
		t.Errorf("the newest release is %q, FyneApp.toml's Version %q: add a <release> for it", m.Releases[0].Version, v)
	}
	for _, r := range m.Releases {
		if _, err := time.Parse(time.DateOnly, r.Date); err != nil {
			t.Errorf("release %s: date %q: %v", r.Version, r.Date, err)
		}
	}
	if len(m.Screenshots) == 0 {
		t.Error("no screenshots")
	}
	for _, s := range m.Screenshots {
		name, ok := strings.CutPrefix(s.Image, "@SCREENSHOTS_URL@/")
		if !ok {
			t.Errorf("screenshot %q is not under @SCREENSHOTS_URL@/", s.Image)
			continue
		}
		if _, err := os.Stat(filepath.Join("..", "docs", "screenshots", name)); err != nil {
			t.Errorf("screenshot %s: %v", name, err)
		}
	}
}
