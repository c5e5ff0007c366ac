package about

import (
	"os"
	"runtime/debug"
	"strings"
	"testing"
)

func TestParseReadsTheShippedFyneAppToml(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	i, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if i.Name != "Hatcheck" || i.ID != "org.hatcheck.app" || i.Version == "" || i.Build < 1 || !i.Migrations["fyneDo"] {
		t.Errorf("%+v", i)
	}
	if !strings.HasPrefix(i.String(), "Hatcheck "+i.Version+" (build ") {
		t.Errorf("String() = %q", i.String())
	}
}

func TestParseRefusesAFileWithoutItsDetails(t *testing.T) {
	for _, in := range []string{"", "[Details]\nName = \"Hatcheck\"\n", "not toml ["} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Errorf("%q: no error", in)
		}
	}
}

// TestCommitComesFromTheLinkerThenFromGo: the Makefile's -ldflags win; a
// plain go build in a clone has Go's vcs.revision; a build with neither
// says so instead of printing an empty commit.
func TestCommitComesFromTheLinkerThenFromGo(t *testing.T) {
	withVCS := func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, true
	}
	withoutVCS := func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{}, true }
	noInfo := func() (*debug.BuildInfo, bool) { return nil, false }
	for _, tc := range []struct {
		name     string
		linker   string
		info     func() (*debug.BuildInfo, bool)
		commit   string
		modified bool
		line     string
	}{
		{"linker", "fedcba9876543210fedc", withVCS, "fedcba9876543210fedc", false, "Hatcheck 1.2.3 (build 4, commit fedcba987654)"},
		{"linker, modified", "fedcba98-modified", noInfo, "fedcba98", true, "Hatcheck 1.2.3 (build 4, commit fedcba98 with uncommitted changes)"},
		{"go's vcs stamp", "", withVCS, "0123456789abcdef0123", true, "Hatcheck 1.2.3 (build 4, commit 0123456789ab with uncommitted changes)"},
		{"no vcs stamp", "", withoutVCS, "", false, "Hatcheck 1.2.3 (build 4, commit not recorded in this build)"},
		{"no build info", "", noInfo, "", false, "Hatcheck 1.2.3 (build 4, commit not recorded in this build)"},
	} {
		c, m := builtFrom(tc.linker, tc.info)
		if c != tc.commit || m != tc.modified {
			t.Errorf("%s: commit %q modified %v", tc.name, c, m)
		}
		i := Info{Name: "Hatcheck", Version: "1.2.3", Build: 4, Commit: c, Modified: m}
		if i.String() != tc.line {
			t.Errorf("%s: %q, want %q", tc.name, i.String(), tc.line)
		}
	}
}

func TestCurrentIsWhatSetRecorded(t *testing.T) {
	if v := Current().String(); !strings.Contains(v, "version unknown") {
		t.Errorf("before Set: %q", v)
	}
	data, _ := os.ReadFile("../../FyneApp.toml")
	if err := Set(data); err != nil {
		t.Fatal(err)
	}
	if Current().ID != "org.hatcheck.app" {
		t.Errorf("after Set: %+v", Current())
	}
	if err := Set([]byte("broken [")); err == nil || Current().ID != "org.hatcheck.app" {
		t.Errorf("a broken file replaced the identity: %v %+v", err, Current())
	}
}
