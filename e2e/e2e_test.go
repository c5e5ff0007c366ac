//go:build e2e

package e2e

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"hatcheck/assessment"
	"hatcheck/store"
)

// binary is the real app, built with the desktop driver (cgo, OpenGL).
var binary string

// display is the Xvfb display the tests run on.
var display string

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	for _, tool := range []string{"Xvfb", "xdotool", "pdftotext", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Fprintf(os.Stderr, "e2e: %s is missing; run make deps (it installs xvfb, xdotool, poppler-utils and imagemagick)\n", tool)
			return 1
		}
	}
	dir, err := os.MkdirTemp("", "hatcheck-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	// As make build and the Linux packages install it: hatcheck, the
	// command line without the GUI toolkit, which starts hatcheck-window
	// beside it when run without arguments. make passes the linker flags
	// that record the commit (the About section of the screenshots shows it).
	binary = filepath.Join(dir, "hatcheck")
	window := exec.Command("go", "build", "-ldflags", os.Getenv("HATCHECK_LDFLAGS"), "-o", filepath.Join(dir, "hatcheck-window"), "..")
	light := exec.Command("go", "build", "-tags", "cli", "-ldflags", os.Getenv("HATCHECK_LDFLAGS"), "-o", binary, "..")
	light.Env = append(os.Environ(), "CGO_ENABLED=0")
	for _, build := range []*exec.Cmd{window, light} {
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
	}
	err = window.Run()
	if err == nil {
		err = light.Run()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building the app failed:", err)
		return 1
	}
	// Xvfb picks a free display and tells us its number.
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	xvfb := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
	xvfb.ExtraFiles = []*os.File{w}
	if err := xvfb.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: Xvfb:", err)
		return 1
	}
	defer xvfb.Process.Kill()
	w.Close()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: Xvfb did not report its display:", err)
		return 1
	}
	display = ":" + strings.TrimSpace(line)
	return m.Run()
}

// session is one run of the app with its own HOME and data folder.
type session struct {
	t     *testing.T
	extra []string // more environment for the next start
	// lang is the locale of the session (LANG); "" is English, with
	// LC_ALL=C.UTF-8 as on a CI machine.
	lang string
	home string
	data string
	cmd  *exec.Cmd
	peak int // VmHWM in kB, read before the app exits
}

func newSession(t *testing.T) *session {
	root := t.TempDir()
	s := &session{t: t, home: filepath.Join(root, "home"), data: filepath.Join(root, "data")}
	os.MkdirAll(s.home, 0o700)
	return s
}

func (s *session) env() []string {
	locale := []string{"LANG=en_US.UTF-8", "LC_ALL=C.UTF-8"}
	if s.lang != "" {
		locale = []string{"LANG=" + s.lang, "LC_ALL=", "LC_MESSAGES=", "LANGUAGE="}
	}
	env := append(append(os.Environ(), s.extra...), "DISPLAY="+display, "HOME="+s.home,
		store.EnvDataDir+"="+s.data, "XDG_CONFIG_HOME="+filepath.Join(s.home, ".config"))
	return append(env, locale...)
}

// start launches the app and waits for its window; it returns how long the
// window took to appear.
func (s *session) start() time.Duration {
	s.t.Helper()
	for attempt := 1; ; attempt++ {
		s.cmd = exec.Command(binary)
		s.cmd.Env = s.env()
		log := filepath.Join(s.home, "app.log")
		out, _ := os.Create(log)
		s.cmd.Stdout, s.cmd.Stderr = out, out
		began := time.Now()
		if err := s.cmd.Start(); err != nil {
			s.t.Fatal(err)
		}
		for time.Since(began) < 20*time.Second {
			if ids := s.xdo("search", "--onlyvisible", "--name", "^Hatcheck$"); strings.TrimSpace(ids) != "" {
				out.Close()
				took := time.Since(began)
				time.Sleep(300 * time.Millisecond) // the first frame
				s.xdo("windowactivate", "--sync", strings.Fields(ids)[0])
				return took
			}
			if exited(s.cmd) {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		out.Close()
		printed, _ := os.ReadFile(log)
		if displayRefused(s.t, s.cmd, printed, attempt) {
			continue
		}
		s.t.Fatalf("the window did not appear within 20 s; the app printed:\n%s", printed)
	}
}

// exited tells whether a started program has ended (its process is a
// zombie, not yet waited for).
func exited(cmd *exec.Cmd) bool {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", cmd.Process.Pid))
	if err != nil {
		return true
	}
	// pid (comm) state ...: the state follows the last ')'.
	i := strings.LastIndexByte(string(data), ')')
	return i >= 0 && i+2 < len(data) && data[i+2] == 'Z'
}

// displayRefused: now and then (a few launches in a hundred, the old
// builds' too) the X library cannot open Xvfb's display at start, and the app
// exits saying it could not open its window. That is the test machine's X
// server, not Hatcheck: the launch is tried again, twice at most, and
// logged. It reaps the exited program.
func displayRefused(t *testing.T, cmd *exec.Cmd, printed []byte, attempt int) bool {
	t.Helper()
	if !exited(cmd) || !strings.Contains(string(printed), "Failed to open display") || attempt >= 3 {
		return false
	}
	cmd.Wait()
	t.Logf("launch %d: the display refused the connection (%s); launching again", attempt, strings.TrimSpace(strings.SplitN(string(printed), "\n", 2)[0]))
	return true
}

func (s *session) xdo(args ...string) string {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = s.env()
	out, _ := cmd.Output()
	return string(out)
}

// keys presses keys one after another, as a person would.
func (s *session) keys(keys ...string) {
	args := append([]string{"key", "--delay", "25"}, keys...)
	s.xdo(args...)
	time.Sleep(40 * time.Millisecond)
}

func (s *session) typeText(text string) {
	s.xdo("type", "--delay", "25", text)
}

// shot saves a screenshot when HATCHECK_SCREENSHOTS names a folder.
func (s *session) shot(name string) {
	dir := os.Getenv("HATCHECK_SCREENSHOTS")
	if dir == "" {
		return
	}
	if s.lang != "" {
		// Screenshots of another language go to its own folder.
		name = filepath.Join(s.lang[:2], name)
	}
	s.settle()
	crop := s.geometry()
	os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755)
	cmd := exec.Command("import", "-window", "root", "-crop", crop, "+repage", filepath.Join(dir, name+".png"))
	cmd.Env = s.env()
	if out, err := cmd.CombinedOutput(); err != nil {
		s.t.Logf("screenshot %s: %v %s", name, err, out)
	}
}

// geometry is the app window's place on the screen, as WxH+X+Y.
func (s *session) geometry() string {
	ids := strings.Fields(s.xdo("search", "--onlyvisible", "--name", "^Hatcheck$"))
	if len(ids) == 0 {
		return "1024x720+0+0"
	}
	vals := map[string]string{}
	for _, l := range strings.Split(s.xdo("getwindowgeometry", "--shell", ids[0]), "\n") {
		if k, v, ok := strings.Cut(strings.TrimSpace(l), "="); ok {
			vals[k] = v
		}
	}
	return fmt.Sprintf("%sx%s+%s+%s", vals["WIDTH"], vals["HEIGHT"], vals["X"], vals["Y"])
}

// resize sets the window's size and puts it at the top left of the screen.
func (s *session) resize(w, h int) {
	ids := strings.Fields(s.xdo("search", "--onlyvisible", "--name", "^Hatcheck$"))
	if len(ids) == 0 {
		s.t.Fatal("no window to resize")
	}
	s.xdo("windowmove", "--sync", ids[0], "0", "0")
	s.xdo("windowsize", "--sync", ids[0], fmt.Sprint(w), fmt.Sprint(h))
	time.Sleep(500 * time.Millisecond)
}

// settle waits until the app has worked through the keys sent so far: its
// CPU time stops growing (at most one clock tick per 100 ms, three times
// running), or 15 seconds pass.
func (s *session) settle() {
	cpu := func() int {
		data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
		if err != nil {
			return 0
		}
		// The fields after the command name, which is in parentheses.
		f := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
		if len(f) < 13 {
			return 0
		}
		u, _ := strconv.Atoi(f[11])
		k, _ := strconv.Atoi(f[12])
		return u + k
	}
	time.Sleep(200 * time.Millisecond)
	last, quiet := cpu(), 0
	for deadline := time.Now().Add(15 * time.Second); quiet < 3 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		now := cpu()
		if now-last <= 1 {
			quiet++
		} else {
			quiet = 0
		}
		last = now
	}
}

func (s *session) readPeak() {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			s.peak, _ = strconv.Atoi(strings.Fields(l)[1])
		}
	}
}

func (s *session) kill() {
	s.readPeak()
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
}

func (s *session) quit() {
	s.readPeak()
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
}

// answerCore answers core items from..to (1-based, inclusive) with the
// keyboard: digits for ratings, letters for pairs and scenarios.
func (s *session) answerCore(e *assessment.Engine, from, to int) []string {
	var given []string
	n := 0
	for _, it := range e.Bank.Items {
		if !it.Core() {
			continue
		}
		n++
		if n < from || n > to {
			continue
		}
		var key string
		switch it.Kind {
		case "skill-rating", "work-style":
			key = strconv.Itoa(n%5 + 1)
		default:
			key = string(rune('a' + n%len(it.Options)))
		}
		given = append(given, key)
		s.keys(key, "Return")
		switch n {
		case 1:
			s.shot("questionnaire-skill")
		case 31:
			s.shot("questionnaire-style")
		case 60:
			s.shot("questionnaire-scenario")
		}
	}
	return given
}

func engine(t *testing.T) *assessment.Engine {
	e, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestKeyboardOnlyFromFirstLaunchToPDF is a person with no mouse: create a
// profile, answer every question and the audit, read the results, save the
// PDF plan, and check the PDF.
func TestKeyboardOnlyFromFirstLaunchToPDF(t *testing.T) {
	e := engine(t)
	s := newSession(t)
	took := s.start()
	t.Logf("window visible %.0f ms after launch", took.Seconds()*1000)
	if took > 3*time.Second {
		t.Errorf("the window took %v to appear", took)
	}
	s.shot("home-first-launch")
	s.typeText("Dana Keyboard")
	s.keys("Return") // create the profile
	s.shot("home")
	s.keys("Return") // start
	s.answerCore(e, 1, 67)
	s.shot("audit-offer")
	s.keys("a", "Return")
	for i := 0; i < 15; i++ {
		s.typeText(strconv.Itoa(i%6 + 1))
		s.keys("Return", strconv.Itoa(i%3+1), "Return")
		if i == 0 {
			s.shot("questionnaire-audit")
		}
	}
	s.shot("results-overview")
	s.xdo("mousemove", "640", "500")
	s.xdo("click", "--repeat", "12", "--delay", "30", "5") // scroll down to the radar
	s.shot("results-radar")
	s.keys("2")
	s.shot("results-why")
	s.keys("3")
	s.shot("results-audit")
	s.keys("Return") // make my plan
	s.shot("plan")
	s.keys("ctrl+s")
	s.shot("export-dialog")
	s.keys("Return") // save under the proposed name in HOME
	var pdf string
	for i := 0; i < 100 && pdf == ""; i++ {
		time.Sleep(100 * time.Millisecond)
		matches, _ := filepath.Glob(filepath.Join(s.home, "hatcheck-plan-Dana-Keyboard-*.pdf"))
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.Size() > 1000 {
				pdf = m
			}
		}
	}
	if pdf == "" {
		t.Fatal("no PDF was saved in HOME")
	}
	time.Sleep(300 * time.Millisecond)
	s.shot("export-done")
	s.xdo("mousemove", "10", "10")
	s.keys("Escape")           // close the dialog
	s.keys("Escape", "Escape") // plan, results, home
	s.keys("ctrl+comma")
	s.shot("settings")
	s.quit()
	// The app's settings (last profile, export folder) and Fyne's own
	// preferences live in the data folder (HATCHECK_DATA_DIR, as on a USB
	// stick): nothing is left in ~/.config.
	if entries, err := os.ReadDir(filepath.Join(s.home, ".config")); err == nil && len(entries) > 0 {
		var left []string
		filepath.Walk(filepath.Join(s.home, ".config"), func(p string, _ os.FileInfo, _ error) error {
			left = append(left, p)
			return nil
		})
		t.Errorf("the app left files in ~/.config: %v", left)
	}
	t.Logf("peak memory (VmHWM) %d MB", s.peak/1024)
	if s.peak > 300*1024 { // a guard against leaks; the target and the figures are in docs/PERFORMANCE.md
		t.Errorf("peak memory %d MB", s.peak/1024)
	}
	out, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Dana Keyboard", "Social media manager", "Community manager", "Social media strategist", "Page 1 of", "For exploration, not for hiring decisions", "If you wear more than one hat"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// Every answer is in the store.
	st, err := store.Open(s.data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, _ := st.Profiles()
	if len(ps) != 1 || ps[0].Name != "Dana Keyboard" {
		t.Fatalf("profiles %+v", ps)
	}
	atts, _ := st.Attempts(ps[0].ID)
	if len(atts) != 1 || atts[0].Finished == nil || atts[0].Answered != 67+15 {
		t.Errorf("attempt %+v", atts)
	}
}

// TestKilledHalfwayResumesWithEveryAnswer kills the app with SIGKILL after
// 25 answers, restarts it, resumes with Enter and finishes; every answer of
// both runs must be there, in place.
func TestKilledHalfwayResumesWithEveryAnswer(t *testing.T) {
	e := engine(t)
	s := newSession(t)
	s.start()
	s.typeText("Kai Crash")
	s.keys("Return", "Return")
	first := s.answerCore(e, 1, 25)
	time.Sleep(200 * time.Millisecond)
	s.kill()

	s.extra = []string{"FYNE_THEME=light"} // the same app in a light desktop theme
	s.start()
	s.shot("home-resume-light")
	s.keys("Return") // resume
	// While the window saves every answer, a trainer imports results with
	// the command line into the same data folder.
	imports := make(chan []string)
	go func() {
		var acked []string
		for i := 0; i < 12; i++ {
			name := fmt.Sprintf("Imported %02d", i)
			f := filepath.Join(s.home, fmt.Sprintf("import-%02d.json", i))
			os.WriteFile(f, []byte(fmt.Sprintf(`{"format":"hatcheck-answers","version":1,"respondent":{"name":%q},"answers":{"skill.events":%d}}`, name, i%5+1)), 0o600)
			cmd := exec.Command(binary, "import", f)
			cmd.Env = s.env()
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("import beside the window: %v\n%s", err, out)
				continue
			}
			acked = append(acked, name)
		}
		imports <- acked
	}()
	second := s.answerCore(e, 26, 67)
	acked := <-imports
	s.keys("b", "Return") // no audit
	time.Sleep(500 * time.Millisecond)
	s.quit()

	st, err := store.Open(s.data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Recovered != nil {
		t.Errorf("the database needed repair after SIGKILL: %s", st.Recovered)
	}
	if len(st.SetAside) > 0 {
		t.Errorf("files were set aside: %v", st.SetAside)
	}
	ps, _ := st.Profiles()
	byName := map[string]store.Profile{}
	for _, p := range ps {
		byName[p.Name] = p
	}
	for _, n := range acked {
		if _, ok := byName[n]; !ok {
			t.Errorf("the acknowledged import %q is not in the data", n)
		}
	}
	if len(acked) != 12 {
		t.Errorf("%d of 12 imports beside the window were acknowledged", len(acked))
	}
	atts, _ := st.Attempts(byName["Kai Crash"].ID)
	if len(atts) != 1 {
		t.Fatalf("%d attempts; resuming must not start a new one", len(atts))
	}
	rows, _ := st.RawAnswers(atts[0].ID)
	got := map[string]string{}
	for _, r := range rows {
		got[r.Item] = string(r.Value)
	}
	n := 0
	given := append(first, second...)
	for _, it := range e.Bank.Items {
		if !it.Core() {
			continue
		}
		key := given[n]
		n++
		want := key
		if it.Kind == "forced-choice" || it.Kind == "scenario" {
			want = strconv.Quote(it.Options[key[0]-'a'].ID)
		}
		if got[it.ID] != want {
			t.Errorf("item %d %s: stored %s, typed %s", n, it.ID, got[it.ID], key)
		}
	}
	if atts[0].Finished == nil {
		t.Error("the resumed attempt was not finished")
	}
}

// TestWorkshop imports a folder with the command line, then in the app
// opens the workshop screen and runs one person through the next
// participant mode; the screen returns to a clean start.
func TestWorkshop(t *testing.T) {
	e := engine(t)
	s := newSession(t)
	folder := t.TempDir()
	data, err := os.ReadFile("../examples/answers.json")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(folder, "zoe.hatcheck.json"), data, 0o644)
	cli := exec.Command(binary, "workshop", "import", "--cohort", "Tuesday group", folder)
	cli.Env = s.env()
	if out, err := cli.CombinedOutput(); err != nil || !strings.Contains(string(out), "1 imported") {
		t.Fatalf("workshop import: %v\n%s", err, out)
	}
	s.start()
	s.keys("ctrl+t")
	s.shot("workshop")
	s.keys("n")
	s.shot("workshop-kiosk-pin")
	s.keys("Return") // no PIN
	s.shot("workshop-next-participant")
	s.typeText("Lee Kiosk")
	s.keys("Return")
	s.answerCore(e, 1, 67)
	s.keys("b", "Return") // no audit
	s.shot("workshop-participant-results")
	s.keys("Escape") // done: next participant
	s.shot("workshop-clean-start")
	s.quit()
	st, err := store.Open(s.data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c, err := st.Cohort("Tuesday group", false)
	if err != nil || c.Members != 2 {
		t.Fatalf("cohort %+v %v", c, err)
	}
	ms, _ := st.Members(c.ID)
	if ms[1].Profile.Name != "Lee Kiosk" || ms[1].Attempt == nil || ms[1].Attempt.Answered != 67 {
		t.Errorf("the kiosk participant: %+v", ms[1])
	}
	out := t.TempDir()
	rep := exec.Command(binary, "workshop", "report", "--cohort", "Tuesday group", "-o", out)
	rep.Env = s.env()
	if b, err := rep.CombinedOutput(); err != nil {
		t.Fatalf("workshop report: %v\n%s", err, b)
	}
	plans, _ := filepath.Glob(filepath.Join(out, "plans", "*.pdf"))
	if len(plans) != 2 {
		t.Errorf("%d plans", len(plans))
	}
	text, _ := exec.Command("pdftotext", filepath.Join(out, "group-report.pdf"), "-").Output()
	if !strings.Contains(string(text), "How the group leans") {
		t.Error("no group report")
	}
}

// TestSteeringByKeyboard: a person skips a question, looks at the map of
// all questions, meets the review before the results and answers the
// skipped one from there, arranges the plan board and comes back to their
// history: keyboard only.
func TestSteeringByKeyboard(t *testing.T) {
	e := engine(t)
	s := newSession(t)
	s.start()
	s.typeText("Sam Steer")
	s.keys("Return", "Return")
	s.answerCore(e, 1, 3)
	s.keys("s") // skip question 4
	s.answerCore(e, 5, 10)
	s.keys("m") // the map of all questions
	s.shot("questionnaire-map")
	s.keys("Escape")
	s.answerCore(e, 11, 67)
	s.keys("b", "Return") // no audit: the review comes, as question 4 was skipped
	s.shot("questionnaire-review")
	s.keys("Tab", "space") // "Answer now" on question 4
	s.keys("3", "Return")
	// Back to the end: every later page is answered, Enter moves on.
	for i := 5; i <= 67; i++ {
		s.keys("Return")
	}
	s.keys("b", "Return") // the audit offer again: no; nothing left unanswered
	s.shot("results-verdict")
	s.keys("Return") // the plan board
	s.shot("plan-board")
	s.keys("Escape", "Escape") // results, home
	s.shot("home-history")
	s.quit()

	st, err := store.Open(s.data)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ps, _ := st.Profiles()
	atts, _ := st.Attempts(ps[0].ID)
	if len(atts) != 1 || atts[0].Finished == nil || atts[0].Answered != 67 {
		t.Fatalf("attempt %+v: the skipped question was not answered from the review", atts)
	}
	rows, _ := st.RawAnswers(atts[0].ID)
	for _, r := range rows {
		if string(r.Value) == "null" {
			t.Errorf("%s is still a skip", r.Item)
		}
	}
}

// TestScreensAtEverySize opens every screen (home, results, plan,
// settings, workshop, a question) with a stored attempt, in light and dark
// at 800x600, 1280x800 and 1920x1080 (screenshots with make screenshots),
// and checks that the window takes each size.
func TestScreensAtEverySize(t *testing.T) {
	for _, theme := range []string{"light", "dark"} {
		for _, size := range [][2]int{{800, 600}, {1280, 800}, {1920, 1080}} {
			s := newSession(t)
			cli := exec.Command(binary, "import", "../examples/answers.json")
			cli.Env = s.env()
			if out, err := cli.CombinedOutput(); err != nil {
				t.Fatalf("import: %v %s", err, out)
			}
			s.extra = []string{"FYNE_THEME=" + theme}
			s.start()
			s.resize(size[0], size[1])
			if g := s.geometry(); !strings.HasPrefix(g, fmt.Sprintf("%dx%d", size[0], size[1])) {
				t.Errorf("the window is %s, not %dx%d", g, size[0], size[1])
			}
			name := fmt.Sprintf("%s-%dx%d", theme, size[0], size[1])
			s.shot("size-home-" + name)
			s.keys("r")
			s.shot("size-results-" + name)
			s.keys("Return")
			s.shot("size-plan-" + name)
			s.keys("Escape", "Escape", "ctrl+comma")
			s.shot("size-settings-" + name)
			s.keys("Escape", "ctrl+t")
			s.shot("size-workshop-" + name)
			s.keys("Escape", "Return") // a new attempt: its first question
			s.shot("size-questionnaire-" + name)
			s.quit()
		}
	}
}

// TestSpanishFromFirstLaunchToPDF: with LANG=es_ES.UTF-8, a whole pass by
// keyboard, from the first launch to a saved PDF, in Spanish; screenshots
// of the main screens, at 800x600, go to docs/screenshots/es/.
func TestSpanishFromFirstLaunchToPDF(t *testing.T) {
	e := engine(t)
	s := newSession(t)
	s.lang = "es_ES.UTF-8"
	s.start()
	s.resize(800, 600) // Spanish runs longer: every screen at the smallest size
	s.shot("home-first-launch")
	// ASCII: xdotool cannot type í or ú reliably under Xvfb's US keymap
	// (accented names are checked through the import and the unit tests).
	s.typeText("Lucia Nunez")
	s.keys("Return", "Return")
	s.answerCore(e, 1, 30)
	s.shot("questionnaire-skill")
	s.keys("m")
	s.shot("questionnaire-map")
	s.keys("Escape")
	s.answerCore(e, 31, 67)
	s.shot("audit-offer")
	s.keys("a", "Return")
	for i := 0; i < 15; i++ {
		s.typeText(strconv.Itoa(i%6 + 1))
		s.keys("Return", strconv.Itoa(i%3+1), "Return")
	}
	s.shot("results-verdict")
	s.keys("2")
	s.shot("results-why")
	s.keys("4")
	s.shot("results-audit")
	s.keys("Return")
	s.shot("plan")
	s.keys("ctrl+s")
	s.keys("Return")
	var pdf string
	for i := 0; i < 100 && pdf == ""; i++ {
		time.Sleep(100 * time.Millisecond)
		matches, _ := filepath.Glob(filepath.Join(s.home, "hatcheck-plan-*.pdf"))
		for _, m := range matches {
			if fi, err := os.Stat(m); err == nil && fi.Size() > 1000 {
				pdf = m
			}
		}
	}
	if pdf == "" {
		t.Fatal("no PDF was saved in HOME")
	}
	time.Sleep(300 * time.Millisecond)
	s.shot("export-done")
	s.keys("Escape", "Escape", "Escape")
	s.keys("ctrl+comma")
	s.shot("settings")
	s.keys("Escape", "ctrl+t")
	s.shot("workshop")
	s.quit()
	out, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{"Lucia Nunez", "Días 1-30", "Listo cuando", "Para explorar, no para decidir contrataciones", "Community manager"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Spanish PDF lacks %q", want)
		}
	}
	for _, english := range []string{"Done when", "Days 1-30", "For exploration", "Your 30/60/90"} {
		if strings.Contains(text, english) {
			t.Errorf("the Spanish PDF has the English %q", english)
		}
	}
}

// e2eAd is the ad typed into the job-ad check: a community job that also
// asks for posting, at weekends.
const e2eAd = `Community Manager
- Moderate our Discord server and enforce the community guidelines
- Welcome new members and answer their questions every day
- Plan and host monthly events and meetups
- Write and schedule posts, and make graphics in Canva
- Run our Instagram and TikTok: captions, reels and paid ads
- Report weekly on community sentiment to the product team
- Available on weekends for live events
- Salary: $42,000 plus benefits`

// TestJobAdCheckByKeyboard opens the job-ad check with Ctrl+J, types an ad
// into the box, checks it with Ctrl+Enter and compares it with the
// person's result.
func TestJobAdCheckByKeyboard(t *testing.T) {
	s := newSession(t)
	// A social media manager, so that the community half of the ad shows
	// as gaps with the plan steps that close them.
	cli := exec.Command(binary, "import", "../assessment/testdata/personas/clear-smm.json")
	cli.Env = s.env()
	if out, err := cli.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	st, err := store.Open(s.data)
	if err != nil {
		t.Fatal(err)
	}
	st.SetSetting("profile.last", "1") // as choosing the profile on the home screen does
	st.Close()
	s.start()
	s.keys("ctrl+j")
	// xdotool types a newline as a key the window does not take for Enter:
	// each line is typed, then Return pressed.
	for _, line := range strings.Split(e2eAd, "\n") {
		s.xdo("type", "--delay", "15", "--", line) // "--": a line may start with "-"
		s.keys("Return")
	}
	s.keys("ctrl+Return")
	time.Sleep(800 * time.Millisecond)
	s.shot("jobad-check")
	s.xdo("mousemove", "640", "600")
	s.xdo("click", "--repeat", "14", "--delay", "30", "5")
	s.shot("jobad-lines")
	s.xdo("click", "--repeat", "16", "--delay", "30", "5")
	s.shot("jobad-against")
	s.keys("Tab") // leave the box; Escape then goes home
	s.quit()
	// The window's analysis is the command line's: check the same ad there.
	f := filepath.Join(s.home, "ad.txt")
	os.WriteFile(f, []byte(e2eAd), 0o600)
	c := exec.Command(binary, "jobad", f, "--json")
	c.Env = s.env()
	out, err := c.Output()
	if err != nil || !strings.Contains(string(out), `"id": "several-hats"`) || !strings.Contains(string(out), `"id": "after-hours"`) {
		t.Errorf("jobad --json: %v\n%s", err, out)
	}
}
