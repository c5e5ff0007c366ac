package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
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
