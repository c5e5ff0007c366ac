//go:build e2e

package e2e

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"hatcheck/internal/cputime"
)

// TestWindowAppearsAlmostAsFastAsHelloWorld starts Hatcheck and the
// smallest Fyne app (testdata/hello) one after the other, several rounds,
// each on a first launch (a new HOME and data folder), and compares the
// times from starting the program to its window being visible. The target
// is at most 1.2 times hello-world's (docs/PERFORMANCE.md); the figures are
// logged, and the test fails only above twice, a guard: on a machine shared
// with other work the times are noisy.
func TestWindowAppearsAlmostAsFastAsHelloWorld(t *testing.T) {
	hello := filepath.Join(t.TempDir(), "hello")
	build := exec.Command("go", "build", "-o", hello, "./testdata/hello")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building testdata/hello: %v\n%s", err, out)
	}
	rounds := 7
	var app, direct, ref []time.Duration
	cpu := cputime.Process()
	window := filepath.Join(filepath.Dir(binary), "hatcheck-window")
	for r := 0; r < rounds; r++ {
		ref = append(ref, timeToWindow(t, hello, "Hello"))
		app = append(app, timeToWindow(t, binary, "Hatcheck"))
		direct = append(direct, timeToWindow(t, window, "Hatcheck"))
	}
	ma, mr, md := median(app), median(ref), median(direct)
	ratio := float64(md) / float64(mr)
	t.Logf("window visible after launch, median of %d interleaved first launches: hatcheck-window (as the menu starts it) %.0f ms %v, hello-world %.0f ms %v, ratio %.2f (target at most 1.2); hatcheck without arguments (from a terminal: it starts hatcheck-window) %.0f ms %v, ratio %.2f; test process CPU %v",
		rounds, ms(md), msList(direct), ms(mr), msList(ref), ratio, ms(ma), msList(app), float64(ma)/float64(mr), (cputime.Process() - cpu).Round(time.Millisecond))
	if ratio > 2 {
		t.Errorf("Hatcheck's window takes %.2f times as long as hello-world's to appear", ratio)
	}
}

// timeToWindow starts a program with a new HOME and data folder and
// returns how long its window named name took to be visible.
func timeToWindow(t *testing.T, program, name string) time.Duration {
	t.Helper()
	s := newSession(t)
	for attempt := 1; ; attempt++ {
		cmd := exec.Command(program)
		cmd.Env = s.env()
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		began := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for time.Since(began) < 20*time.Second && !exited(cmd) {
			if ids := s.xdo("search", "--onlyvisible", "--name", "^"+name+"$"); strings.TrimSpace(ids) != "" {
				took := time.Since(began)
				cmd.Process.Kill()
				cmd.Wait()
				return took
			}
			time.Sleep(5 * time.Millisecond)
		}
		if !exited(cmd) {
			// A Go program prints every goroutine's stack on SIGQUIT: where it hangs.
			cmd.Process.Signal(syscall.SIGQUIT)
			time.Sleep(time.Second)
			cmd.Process.Kill()
		}
		cmd.Wait()
		if strings.Contains(out.String(), "Failed to open display") && attempt < 3 {
			// See displayRefused: the test machine's X server, now and then.
			t.Logf("%s, launch %d: the display refused the connection; launching again", filepath.Base(program), attempt)
			continue
		}
		t.Fatalf("the window of %s did not appear within 20 s; it printed:\n%s", program, out.String())
	}
}

func median(d []time.Duration) time.Duration {
	s := append([]time.Duration(nil), d...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func msList(d []time.Duration) []int {
	out := make([]int, len(d))
	for i, x := range d {
		out[i] = int(ms(x))
	}
	return out
}
