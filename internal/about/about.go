// Package about is Hatcheck's identity as people and bug reports see it: the
// name, version and build number from FyneApp.toml, and the commit the
// program was built from. "hatcheck --version" and the About part of the
// settings show it; the window gives it to Fyne as the app's metadata.
package about

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/BurntSushi/toml"
)

// commit is the revision the program was built from, when the build says so:
// make build passes -ldflags "-X hatcheck/internal/about.commit=REVISION",
// make dist writes it into its copy of the source ("-modified" at the end
// marks changes not yet committed). Builds that cannot record it themselves
// need it: the Fyne tool's, from a copy of the source without .git, and any
// with -buildvcs=false.
var commit string

// Info is the app's identity.
type Info struct {
	Name    string
	ID      string
	Version string
	// Build counts the releases of one version (FyneApp.toml's Build).
	Build      int
	Migrations map[string]bool
	// Commit is the revision the program was built from; "" when the build
	// did not record one (go build outside a git clone, or -buildvcs=false
	// without the Makefile's -ldflags).
	Commit string
	// Modified: the build had changes that were not yet committed.
	Modified bool
}

// fyneApp is the part of FyneApp.toml that Info holds.
type fyneApp struct {
	Details struct {
		Name    string
		ID      string
		Version string
		Build   int
	}
	Migrations map[string]bool
}

// Parse reads the app's FyneApp.toml and finds the commit the program was
// built from.
func Parse(fyneAppToml []byte) (Info, error) {
	var f fyneApp
	if err := toml.Unmarshal(fyneAppToml, &f); err != nil {
		return Info{}, fmt.Errorf("read FyneApp.toml: %w", err)
	}
	if f.Details.ID == "" || f.Details.Name == "" || f.Details.Version == "" {
		return Info{}, errors.New("read FyneApp.toml: [Details] needs an ID, a Name and a Version")
	}
	i := Info{Name: f.Details.Name, ID: f.Details.ID, Version: f.Details.Version, Build: f.Details.Build, Migrations: f.Migrations}
	i.Commit, i.Modified = builtFrom(commit, readBuildInfo)
	return i, nil
}

// readBuildInfo is debug.ReadBuildInfo; tests replace it.
var readBuildInfo = debug.ReadBuildInfo

// builtFrom is the commit given by -ldflags when there is one, else the one
// Go recorded in the binary (vcs.revision), else none.
func builtFrom(fromLinker string, info func() (*debug.BuildInfo, bool)) (string, bool) {
	if fromLinker != "" {
		rev, modified := strings.CutSuffix(fromLinker, "-modified")
		return rev, modified
	}
	bi, ok := info()
	if !ok {
		return "", false
	}
	var rev string
	var modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return "", false
	}
	return rev, modified
}

// ShortCommit is the commit as people quote it: its first 12 characters.
func (i Info) ShortCommit() string {
	if len(i.Commit) > 12 {
		return i.Commit[:12]
	}
	return i.Commit
}

// String is the one line of "hatcheck --version", for example
// "Hatcheck 0.5.0 (build 5, commit 8f4ad94d1c2e)".
func (i Info) String() string {
	name := i.Name
	if name == "" {
		name = "Hatcheck"
	}
	built := "commit not recorded in this build"
	if i.Commit != "" {
		built = "commit " + i.ShortCommit()
		if i.Modified {
			built += " with uncommitted changes"
		}
	}
	if i.Version == "" {
		return fmt.Sprintf("%s, version unknown (%s)", name, built)
	}
	return fmt.Sprintf("%s %s (build %d, %s)", name, i.Version, i.Build, built)
}

var current atomic.Pointer[Info]

// Set records the running program's identity; main calls it first, with the
// embedded FyneApp.toml.
func Set(fyneAppToml []byte) error {
	i, err := Parse(fyneAppToml)
	if err != nil {
		return err
	}
	current.Store(&i)
	return nil
}

// Current is what Set recorded: the running program's identity. Before Set
// (in a package's tests) it has no version and the commit of the build.
func Current() Info {
	if i := current.Load(); i != nil {
		return *i
	}
	var i Info
	i.Commit, i.Modified = builtFrom(commit, readBuildInfo)
	return i
}
