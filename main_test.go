package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	if os.Getenv("HATCHECK_MAIN_CHILD") == "1" {
		os.Args = append([]string{"hatcheck"}, strings.Fields(os.Getenv("HATCHECK_MAIN_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

// TestCommandsAreQuietInTheCLocale: with LANG unset, C or C.UTF-8 (as in
// containers, cron and CI) a command prints its own output and nothing
// else; before, every command printed three "Fyne error" lines at start.
func TestCommandsAreQuietInTheCLocale(t *testing.T) {
	for _, lang := range []string{"", "C", "C.UTF-8", "POSIX", "en_US.UTF-8"} {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		var env []string
		for _, e := range os.Environ() {
			if !strings.HasPrefix(e, "LANG=") && !strings.HasPrefix(e, "LC_") && !strings.HasPrefix(e, "LANGUAGE=") {
				env = append(env, e)
			}
		}
		if lang != "" {
			env = append(env, "LANG="+lang)
		}
		cmd.Env = append(env, "HATCHECK_MAIN_CHILD=1", "HATCHECK_MAIN_ARGS=score examples/answers.json --json", "HOME="+t.TempDir())
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Errorf("LANG=%q: %v\n%s", lang, err, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("LANG=%q: stderr %q", lang, stderr.String())
		}
		if !bytes.HasPrefix(stdout.Bytes(), []byte("{")) {
			t.Errorf("LANG=%q: stdout starts %q", lang, stdout.String()[:min(40, stdout.Len())])
		}
	}
}

// TestVersionIsTheOneInFyneAppToml: the binary's --version names the version
// and build of FyneApp.toml; a test binary has no commit recorded, and says so.
func TestVersionIsTheOneInFyneAppToml(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "HATCHECK_MAIN_CHILD=1", "HATCHECK_MAIN_ARGS=--version", "HOME="+t.TempDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`^Hatcheck ` + regexp.QuoteMeta(tomlValue(t, "Version")) + ` \(build ` + tomlValue(t, "Build") + `, commit ([0-9a-f]{7,12}( with uncommitted changes)?|not recorded in this build)\)\n$`)
	if !want.Match(out) {
		t.Errorf("--version printed %q, want %s", out, want)
	}
}

// tomlValue reads one value of FyneApp.toml's [Details] the plain way.
func tomlValue(t *testing.T, key string) string {
	for _, l := range strings.Split(string(appMetadata), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok && strings.TrimSpace(k) == key {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	t.Fatalf("FyneApp.toml has no %s", key)
	return ""
}

// TestCommandLineBuildLinksNoGUIToolkit: the command-line build (-tags
// cli) has no package of the GUI toolkit among its dependencies, so none of
// the toolkit's start-up runs on a command (issue 16).
func TestCommandLineBuildLinksNoGUIToolkit(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "cli", "-deps", ".").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if strings.HasPrefix(pkg, "fyne.io/") || strings.HasPrefix(pkg, "github.com/go-gl/") || pkg == "hatcheck/ui" {
			t.Errorf("the command-line build links %s", pkg)
		}
	}
}

// TestCommandLineBuildStartsTheWindowBesideIt builds the command line
// alone and runs it without arguments: it replaces itself (same process ID)
// with the hatcheck-window beside it, here a script that prints its PID;
// without one it says what is missing and where it looked.
func TestCommandLineBuildStartsTheWindowBesideIt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "hatcheck")
	build := exec.Command("go", "build", "-tags", "cli", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	env := []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir(), "LANG=en_US.UTF-8"}

	cmd := exec.Command(bin)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	_, err := cmd.Output()
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "hatcheck-window") || !strings.Contains(stderr.String(), dir) {
		t.Errorf("without a window program: exit %d, %v, %q", code, err, stderr.String())
	}

	script := "#!/bin/sh\necho \"window $$ $#\"\n"
	if err := os.WriteFile(filepath.Join(dir, "hatcheck-window"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "hatcheck") // as from a symbolic link in PATH
	if err := os.Symlink(bin, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{bin, link} {
		cmd = exec.Command(path)
		cmd.Env = env
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if want := fmt.Sprintf("window %d 0\n", cmd.Process.Pid); stdout.String() != want {
			t.Errorf("%s: the window program printed %q, want %q (the same process)", path, stdout.String(), want)
		}
	}
}

// BenchmarkScoreCommand runs "hatcheck score examples/answers.json --json"
// as a whole process, as a person or a script does, built as make build
// builds the command line (-tags cli, no cgo, the commit given by -ldflags).
// It reports the median wall time of the runs (target: at most 30 ms,
// issue 16) and their median CPU time (user + system). Compare builds with
// HATCHECK_BENCH_BIN=path/to/hatcheck, which it then runs instead.
//
//	go test -run '^$' -bench ScoreCommand -benchtime 60x .
func BenchmarkScoreCommand(b *testing.B) {
	bin := os.Getenv("HATCHECK_BENCH_BIN")
	if bin == "" {
		bin = filepath.Join(b.TempDir(), "hatcheck")
		build := exec.Command("go", "build", "-tags", "cli", "-ldflags", "-X=hatcheck/internal/about.commit=benchmark", "-o", bin, ".")
		build.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := build.CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
	}
	env := append(os.Environ(), "HATCHECK_DATA_DIR="+b.TempDir(), "HOME="+b.TempDir(), "LANG=en_US.UTF-8")
	var walls, cpus []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(bin, "score", "examples/answers.json", "--json")
		cmd.Env = env
		began := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatal(err)
		}
		walls = append(walls, time.Since(began))
		cpus = append(cpus, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	}
	b.StopTimer()
	median := func(d []time.Duration) float64 {
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		return float64(d[len(d)/2]) / float64(time.Millisecond)
	}
	b.ReportMetric(median(walls), "ms-median")
	b.ReportMetric(median(cpus), "ms-cpu-median")
}
