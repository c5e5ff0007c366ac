//go:build dist

package packaging

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The artefacts of make dist, and where the screenshots of the windows go.
var (
	distDir = "../dist"
	shotDir = "../dist/install-test"
	display string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	for _, tool := range []string{"Xvfb", "xdotool", "import", "identify", "dpkg", "dpkg-deb", "dpkg-query",
		"desktop-file-validate", "appstreamcli", "make", "tar", "xz"} {
		if _, err := exec.LookPath(tool); err != nil {
			fmt.Fprintf(os.Stderr, "dist test: %s is missing; run make dist-deps\n", tool)
			return 1
		}
	}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	r, w, err := os.Pipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	xvfb := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
	xvfb.ExtraFiles = []*os.File{w}
	if err := xvfb.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "dist test: Xvfb:", err)
		return 1
	}
	defer xvfb.Process.Kill()
	w.Close()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist test: Xvfb did not report its display:", err)
		return 1
	}
	display = ":" + strings.TrimSpace(line)
	return m.Run()
}

// command runs name with args and returns its output; a failure ends the test.
func command(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	if env != nil {
		cmd.Env = env
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// asRoot runs a command as root: directly when the test is root, else with
// sudo, which must not ask for a password.
func asRoot(t *testing.T, args ...string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		args = append([]string{"sudo", "-n"}, args...)
	}
	return command(t, nil, args[0], args[1:]...)
}

// appEnv is the environment of a run of the installed app: its own HOME and
// data folder, the Xvfb display, and PATH as given.
func appEnv(t *testing.T, path string) []string {
	home := t.TempDir()
	return []string{"PATH=" + path, "HOME=" + home, "DISPLAY=" + display, "LANG=en_US.UTF-8",
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "HATCHECK_DATA_DIR=" + filepath.Join(home, "data")}
}

// checkRuns runs an installed hatcheck's command line: --version names the
// version of FyneApp.toml and the commit of this work tree; score works.
func checkRuns(t *testing.T, bin string) {
	t.Helper()
	env := appEnv(t, "/usr/bin:/bin")
	out := command(t, env, bin, "--version")
	t.Logf("%s --version: %s", bin, strings.TrimSpace(out))
	want := regexp.MustCompile(`^Hatcheck ` + regexp.QuoteMeta(fyneApp(t, "Version")) + ` \(build ` + fyneApp(t, "Build") +
		`, commit ([0-9a-f]{12})( with uncommitted changes)?\)\n$`)
	m := want.FindStringSubmatch(out)
	if m == nil {
		t.Errorf("%s --version printed %q, want %s", bin, out, want)
	} else if head, err := exec.Command("git", "rev-parse", "HEAD").Output(); err == nil && !strings.HasPrefix(string(head), m[1]) {
		t.Errorf("%s was built from commit %s, this work tree is at %s", bin, m[1], head)
	}
	examples, _ := filepath.Abs("../examples/answers.json")
	out = command(t, env, bin, "score", examples)
	for _, w := range []string{"Community manager", "Social media manager", "Social media strategist", "Verdict:"} {
		if !strings.Contains(out, w) {
			t.Errorf("%s score lacks %q:\n%s", bin, w, out)
		}
	}
}

// checkNoGUIToolkit: the command-line program links neither the GUI
// toolkit nor any C library (it is the -tags cli, CGO_ENABLED=0 build of
// packaging/two-programs.sh), so a command starts none of the window's
// machinery.
func checkNoGUIToolkit(t *testing.T, bin string) {
	t.Helper()
	out := command(t, nil, "go", "version", "-m", bin)
	if strings.Contains(out, "fyne.io/fyne") || !strings.Contains(out, "-tags=cli") || !strings.Contains(out, "CGO_ENABLED=0") {
		t.Errorf("%s is not the command-line-only build:\n%s", bin, out)
	}
}

// desktopEntry reads the keys of a desktop entry's [Desktop Entry] group.
func desktopEntry(t *testing.T, path string) map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]string{}
	for _, l := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(l, "="); ok {
			keys[k] = v
		}
	}
	return keys
}

// openWindow starts the app as the menu would, with the Exec line of its
// desktop entry, waits for its window (title and WM_CLASS Hatcheck, the
// entry's StartupWMClass), screenshots the screen into dist/install-test,
// and closes the app.
func openWindow(t *testing.T, entry map[string]string, path, shot string) {
	t.Helper()
	env := appEnv(t, path)
	cmd := exec.Command("sh", "-c", "exec "+entry["Exec"])
	cmd.Env = env
	log, _ := os.Create(filepath.Join(t.TempDir(), "app.log"))
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	xdo := func(args ...string) string {
		c := exec.Command("xdotool", args...)
		c.Env = env
		out, _ := c.Output()
		return strings.TrimSpace(string(out))
	}
	var id string
	for began := time.Now(); id == "" && time.Since(began) < 30*time.Second; time.Sleep(50 * time.Millisecond) {
		id = xdo("search", "--onlyvisible", "--name", "^Hatcheck$")
	}
	if id == "" {
		logged, _ := os.ReadFile(log.Name())
		t.Fatalf("no Hatcheck window within 30 s of %q\n%s", entry["Exec"], logged)
	}
	id = strings.Fields(id)[0]
	if class := xdo("search", "--onlyvisible", "--class", "^"+regexp.QuoteMeta(entry["StartupWMClass"])+"$"); !strings.Contains(class, id) {
		t.Errorf("the window's WM_CLASS is not the desktop entry's StartupWMClass %q", entry["StartupWMClass"])
	}
	// The first frames: wait until the screen shows more than a plain fill.
	screenshot(t, env, shot, func(colours int) bool { return colours >= 50 })
	// Settings (Ctrl+,), scrolled to its end, where About names the version.
	// A click on the empty bottom of the window first takes the focus from
	// the name field, which would take the key.
	xdo("windowactivate", "--sync", id)
	xdo("mousemove", "--window", id, "500", "700", "click", "1")
	time.Sleep(300 * time.Millisecond)
	xdo("key", "ctrl+comma")
	time.Sleep(time.Second)
	xdo("mousemove", "--window", id, "500", "400")
	for i := 0; i < 15; i++ {
		xdo("click", "5")
	}
	screenshot(t, env, strings.TrimSuffix(shot, ".png")+"-settings.png", func(int) bool { return true })
}

// screenshot saves the screen into dist/install-test when done says the
// picture is complete, trying for 15 s.
func screenshot(t *testing.T, env []string, name string, done func(colours int) bool) {
	t.Helper()
	file := filepath.Join(shotDir, name)
	colours := 0
	for began := time.Now(); time.Since(began) < 15*time.Second; {
		time.Sleep(500 * time.Millisecond)
		c := exec.Command("import", "-window", "root", file)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v %s", err, out)
		}
		colours, _ = strconv.Atoi(strings.TrimSpace(command(t, nil, "identify", "-format", "%k", file)))
		if done(colours) {
			break
		}
	}
	abs, _ := filepath.Abs(file)
	t.Logf("screenshot: %s (%d colours)", abs, colours)
	if colours < 50 {
		t.Errorf("the window shows nothing (%d colours in %s)", colours, abs)
	}
}

// filesUnder lists the files (not folders) under dir, relative to it.
func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	return files
}

func installed() bool {
	out, err := exec.Command("dpkg-query", "-W", "-f", "${Status}", "hatcheck").Output()
	return err == nil && strings.Contains(string(out), "ok installed")
}

// TestDebInstallsRunsAndLeavesNothingBehind installs the .deb on this
// machine, checks its files, desktop entry and metainfo, runs the command
// line and the window from where it installed them, purges it, and checks
// that every file it had is gone.
func TestDebInstallsRunsAndLeavesNothingBehind(t *testing.T) {
	id, version := fyneApp(t, "ID"), fyneApp(t, "Version")
	deb := filepath.Join(distDir, "hatcheck_"+version+"_amd64.deb")
	if _, err := os.Stat(deb); err != nil {
		t.Fatalf("%v: make dist-deb builds it", err)
	}
	// Work trees of this repository on one machine may run this test at the
	// same time; one at a time installs the package.
	lock, err := os.OpenFile(filepath.Join(os.TempDir(), "hatcheck-dist-test.lock"), os.O_CREATE|os.O_RDONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lock.Close() }) // after the purge below, cleanups running last first
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	if installed() {
		t.Fatal("a hatcheck package is already installed on this machine; this test installs and purges its own, " +
			"so it does not run over someone's install: dpkg --purge hatcheck first")
	}
	fields := command(t, nil, "dpkg-deb", "-f", deb, "Package", "Version", "Architecture", "Depends", "Recommends")
	t.Logf("%s:\n%s", deb, fields)
	for _, w := range []string{"Package: hatcheck\n", "Version: " + version + "\n", "Architecture: amd64\n", "libc6 (>=", "libgl1", "libx11-6"} {
		if !strings.Contains(fields, w) {
			t.Errorf("the control fields lack %q", w)
		}
	}

	// What the package holds, and which of its folders were here before.
	var paths []string
	for _, l := range strings.Split(strings.TrimSpace(command(t, nil, "dpkg-deb", "-c", deb)), "\n") {
		f := strings.Fields(l)
		p := strings.TrimSuffix(strings.TrimPrefix(f[5], "."), "/")
		if p != "" {
			paths = append(paths, p)
		}
	}
	want := []string{"/usr/bin/hatcheck", "/usr/bin/hatcheck-window", "/usr/share/applications/" + id + ".desktop", "/usr/share/metainfo/" + id + ".metainfo.xml",
		"/usr/share/doc/hatcheck/copyright"}
	sizes := []int{16, 22, 24, 32, 48, 64, 128, 256, 512}
	for _, s := range sizes {
		want = append(want, fmt.Sprintf("/usr/share/icons/hicolor/%dx%d/apps/%s.png", s, s, id))
	}
	held := strings.Join(paths, "\n") + "\n"
	for _, w := range want {
		if !strings.Contains(held, w+"\n") {
			t.Errorf("the package lacks %s", w)
		}
	}
	before := map[string]bool{}
	for _, p := range paths {
		if fi, err := os.Lstat(p); err == nil {
			before[p] = true
			if !fi.IsDir() {
				t.Fatalf("%s is already on this machine; the package would overwrite it", p)
			}
		}
	}

	t.Cleanup(func() {
		if installed() {
			asRoot(t, "dpkg", "--purge", "hatcheck")
		}
	})
	t.Log(asRoot(t, "dpkg", "-i", deb))
	var listed []string
	for _, p := range strings.Split(strings.TrimSpace(command(t, nil, "dpkg", "-L", "hatcheck")), "\n") {
		if p != "/." { // the root, which every package lists
			listed = append(listed, p)
		}
	}
	t.Logf("dpkg -L hatcheck: %d paths", len(listed))
	for _, p := range listed {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("dpkg -L lists %s: %v", p, err)
		}
	}
	if len(listed) < len(want) {
		t.Fatalf("dpkg -L lists only %q", listed)
	}

	desktop := "/usr/share/applications/" + id + ".desktop"
	command(t, nil, "desktop-file-validate", desktop)
	entry := desktopEntry(t, desktop)
	if entry["Exec"] != "hatcheck-window" || entry["Icon"] != id || entry["Name"] != "Hatcheck" {
		t.Errorf("desktop entry: %v", entry)
	}
	t.Logf("appstreamcli validate: %s", strings.TrimSpace(command(t, nil, "appstreamcli", "validate", "--no-net", "/usr/share/metainfo/"+id+".metainfo.xml")))
	for _, s := range sizes {
		icon := fmt.Sprintf("/usr/share/icons/hicolor/%dx%d/apps/%s.png", s, s, id)
		if got := command(t, nil, "identify", "-format", "%wx%h", icon); got != fmt.Sprintf("%dx%d", s, s) {
			t.Errorf("%s is %s", icon, got)
		}
	}

	checkRuns(t, "/usr/bin/hatcheck")
	checkRuns(t, "/usr/bin/hatcheck-window")
	checkNoGUIToolkit(t, "/usr/bin/hatcheck")
	openWindow(t, entry, "/usr/bin:/bin", "deb-window.png")

	t.Log(asRoot(t, "dpkg", "--purge", "hatcheck"))
	if installed() {
		t.Fatal("still installed after dpkg --purge")
	}
	shared := 0
	for _, p := range listed {
		fi, err := os.Lstat(p)
		switch {
		case err != nil:
		case fi.IsDir() && before[p]:
			shared++
		default:
			t.Errorf("left behind: %s", p)
		}
	}
	t.Logf("after dpkg --purge: of the %d paths dpkg -L listed, only the %d folders that were there before the install are left", len(listed), shared)
}

// TestTarballInstallsIntoAPrefixAndUninstalls unpacks the tarball and uses
// the Makefile fyne package put in it: install and uninstall into a
// temporary prefix, user-install and user-uninstall into a temporary HOME.
func TestTarballInstallsIntoAPrefixAndUninstalls(t *testing.T) {
	id, version := fyneApp(t, "ID"), fyneApp(t, "Version")
	tarball := filepath.Join(distDir, "hatcheck-"+version+"-linux-amd64.tar.xz")
	if _, err := os.Stat(tarball); err != nil {
		t.Fatalf("%v: make dist-linux builds it", err)
	}
	unpacked := t.TempDir()
	command(t, nil, "tar", "-xJf", tarball, "-C", unpacked)
	top := filepath.Join(unpacked, "hatcheck")
	if got := strings.Join(filesUnder(t, top), " "); !strings.Contains(got, "Makefile") || !strings.Contains(got, "LICENSES.txt") {
		t.Errorf("the tarball holds %s", got)
	}

	prefix := filepath.Join(t.TempDir(), "prefix")
	t.Log(command(t, nil, "make", "-C", top, "install", "PREFIX="+prefix))
	wantFiles := []string{"bin/hatcheck", "bin/hatcheck-window", "share/applications/" + id + ".desktop", "share/pixmaps/" + id + ".png"}
	if got := filesUnder(t, prefix); strings.Join(got, " ") != strings.Join(wantFiles, " ") {
		t.Errorf("make install put %q in the prefix, want %q", got, wantFiles)
	}
	command(t, nil, "desktop-file-validate", filepath.Join(prefix, "share/applications", id+".desktop"))
	checkRuns(t, filepath.Join(prefix, "bin", "hatcheck"))
	checkRuns(t, filepath.Join(prefix, "bin", "hatcheck-window"))
	checkNoGUIToolkit(t, filepath.Join(prefix, "bin", "hatcheck"))
	entry := desktopEntry(t, filepath.Join(prefix, "share/applications", id+".desktop"))
	openWindow(t, entry, filepath.Join(prefix, "bin")+":/usr/bin:/bin", "tarball-window.png")
	t.Log(command(t, nil, "make", "-C", top, "uninstall", "PREFIX="+prefix))
	if got := filesUnder(t, prefix); len(got) > 0 {
		t.Errorf("make uninstall left %q", got)
	}

	home := t.TempDir()
	t.Log(command(t, nil, "make", "-C", top, "user-install", "HOME="+home))
	entry = desktopEntry(t, filepath.Join(home, ".local/share/applications", id+".desktop"))
	if entry["Exec"] != filepath.Join(home, ".local/bin/hatcheck-window") {
		t.Errorf("user-install's desktop entry runs %q", entry["Exec"])
	}
	checkRuns(t, entry["Exec"])
	checkRuns(t, filepath.Join(home, ".local/bin/hatcheck"))
	if _, err := os.Stat(filepath.Join(home, ".local/share/icons", id+".png")); err != nil {
		t.Error(err)
	}
	t.Log(command(t, nil, "make", "-C", top, "user-uninstall", "HOME="+home))
	if got := filesUnder(t, home); len(got) > 0 {
		t.Errorf("make user-uninstall left %q", got)
	}
}
