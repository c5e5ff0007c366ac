// Command hatcheck helps a person find which social media hat fits them:
// social media manager, community manager or social media strategist.
// With a subcommand it runs the command line (see "hatcheck help"); with no
// arguments it opens the desktop app.
//
// It builds two ways. The default build holds both the command line and
// the window (what "go run ." and the Windows package use). With -tags cli
// it holds the command line only: no GUI toolkit is linked in, so none of
// its start-up runs on a command, and with no arguments it starts the
// window program, hatcheck-window, from beside itself (make build and the
// Linux packages install the two side by side).
package main

import (
	_ "embed"
	"fmt"
	"os"
	"runtime/debug"

	"hatcheck/cli"
	"hatcheck/internal/about"
	"hatcheck/internal/i18n"
)

// appMetadata is the app's identity, also read by Fyne's packaging tools.
//
//go:embed FyneApp.toml
var appMetadata []byte

func main() {
	if err := about.Set(appMetadata); err != nil {
		fmt.Fprintf(os.Stderr, "hatcheck: %s\n", i18n.For(i18n.System()).T("FyneApp.toml is broken: {{.Err}}", map[string]any{"Err": err}))
		os.Exit(1)
	}
	if len(os.Args) > 1 {
		commandLineGC()
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(window())
}

// commandLineGC lets a command's heap grow to about 16 MB before the first
// garbage collection (GOGC=400; Go's default starts collecting at 4 MB):
// a command such as "hatcheck score" allocates 4-6 MB and ends before a
// collection would pay for itself, and a collection's stop of the world,
// its sweeping and the memory it touches cost about 3 ms of its 30 (issue
// 16). A soft memory limit of 256 MB keeps a long run (a workshop of
// thousands) from holding five times its live heap. GOGC and GOMEMLIMIT
// in the environment win: either leaves both as Go sets them. A command
// whose live heap came near 256 MB would collect more often than Go's
// default, capped at half the CPU; none does (a workshop of 1,000 people
// holds about 25 MB).
func commandLineGC() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetGCPercent(400)
		debug.SetMemoryLimit(256 << 20)
	}
}
