package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"hatcheck/store"
)

func answersNamed(t *testing.T, dir, file, name string, value int) string {
	t.Helper()
	path := filepath.Join(dir, file)
	n, _ := json.Marshal(name)
	data := fmt.Sprintf(`{"format":"hatcheck-answers","version":1,"respondent":{"name":%s},"answers":{"skill.events":%d}}`, n, value)
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestNamesCannotControlTheTerminal: a name with escape sequences and a
// newline is printed escaped; it cannot clear the screen, set the title or
// forge a line of "hatcheck list".
func TestNamesCannotControlTheTerminal(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	evil := "Eve\x1b[2J\x1b]0;pwned\x07\nprofile 99  Forged\r"
	code, out, errOut := run(t, "import", answersNamed(t, dir, "eve.json", evil, 3))
	if code != ExitOK {
		t.Fatalf("import: %d %s", code, errOut)
	}
	_, list, _ := run(t, "list")
	for _, o := range []string{out, list} {
		if strings.ContainsAny(o, "\x1b\x07\r") {
			t.Errorf("control characters reached the terminal: %q", o)
		}
		for _, l := range strings.Split(o, "\n") {
			if strings.HasPrefix(l, "profile 99") {
				t.Errorf("a forged line: %q", l)
			}
		}
	}
	// Line breaks in a name are spaces (CleanName); escapes are visible.
	if !strings.Contains(list, `profile 1  Eve\x1b[2J\x1b]0;pwned\x07 profile 99 Forged`) {
		t.Errorf("the name is not shown escaped:\n%s", list)
	}
}

// TestImportAsksBeforeAddingToSomeoneWithTheSameName.
func TestImportAsksBeforeAddingToSomeoneWithTheSameName(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	run(t, "import", answersNamed(t, dir, "a.json", "Ana López", 1))
	second := answersNamed(t, dir, "b.json", "Ana López", 2)
	code, out, errOut := run(t, "import", second)
	if code != ExitBadInput || !strings.Contains(errOut, "someone called \"Ana López\" is already here (profile 1)") || !strings.Contains(errOut, "--same-person") {
		t.Errorf("without a flag: %d %s", code, errOut)
	}
	if !strings.Contains(out, "Read 1 file: 0 imported, 0 already there, 1 refused.") {
		t.Errorf("counts: %s", out)
	}
	if code, out, _ = run(t, "import", "--same-person", second); code != ExitOK || !strings.Contains(out, "(profile 1, attempt 2)") {
		t.Errorf("--same-person: %d %s", code, out)
	}
	third := answersNamed(t, dir, "c.json", "Ana López", 3)
	if code, out, _ = run(t, "import", "--new-person", third); code != ExitOK || !strings.Contains(out, "(profile 2, attempt 3)") {
		t.Errorf("--new-person: %d %s", code, out)
	}
	if code, _, errOut = run(t, "import", "--same-person", answersNamed(t, dir, "d.json", "Ana López", 4)); code != ExitBadInput || !strings.Contains(errOut, "2 profiles are called") {
		t.Errorf("two Anas and --same-person: %d %s", code, errOut)
	}
}

// TestOnlyRegularFilesAreImported: /dev/zero, a FIFO and an oversized file
// are refused at once with a message; nothing hangs or fills the memory.
func TestOnlyRegularFilesAreImported(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	fifo := filepath.Join(dir, "pipe.json")
	makeFIFO(t, fifo)
	big := filepath.Join(dir, "big.json")
	f, _ := os.Create(big)
	f.Truncate(100 << 20)
	f.Close()
	done := make(chan [3]string)
	go func() {
		code, out, errOut := run(t, "import", "/dev/zero", fifo, big)
		done <- [3]string{fmt.Sprint(code), out, errOut}
	}()
	select {
	case r := <-done:
		for _, w := range []string{"/dev/zero is a device", "named pipe", "big.json is 104.9 MB", "up to 5 MB"} {
			if !strings.Contains(r[2], w) {
				t.Errorf("stderr lacks %q:\n%s", w, r[2])
			}
		}
		if r[0] != "2" || !strings.Contains(r[1], "Read 3 files: 0 imported, 0 already there, 3 refused.") {
			t.Errorf("exit %s, %s", r[0], r[1])
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the import hangs")
	}
	if code, _, errOut := run(t, "score", fifo); code != ExitBadInput || !strings.Contains(errOut, "named pipe") {
		t.Errorf("score of a FIFO: %d %s", code, errOut)
	}
}

// TestSetAsideDataIsAnnouncedAndRecovered: a set-aside database is shown
// by list and noted by every other command until "hatcheck recover"
// brings its data back; importing the file does the same.
func TestSetAsideDataIsAnnouncedAndRecovered(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	t.Setenv("HATCHECK_DATA_DIR", data)
	run(t, "import", example)
	os.Rename(filepath.Join(data, store.FileName), filepath.Join(data, store.FileName+".damaged-20260101T000000Z"))
	aside := filepath.Join(data, store.FileName+".damaged-20260101T000000Z")
	_, out, _ := run(t, "list")
	if !strings.Contains(out, "Set aside: an earlier database that could not be read is kept as "+aside) || !strings.Contains(out, "No profiles yet") {
		t.Errorf("list:\n%s", out)
	}
	if _, _, errOut := run(t, "workshop", "list"); !strings.Contains(errOut, "hatcheck recover "+aside) {
		t.Errorf("workshop list does not say so: %s", errOut)
	}
	if _, out, _ = run(t, "recover"); !strings.Contains(out, aside) {
		t.Errorf("recover lists: %s", out)
	}
	code, out, errOut := run(t, "recover", aside)
	if code != ExitOK || !strings.Contains(out, "people found: 1; attempts added: 1; already here: 0") || !strings.Contains(out, "kept as "+aside+".recovered") {
		t.Fatalf("recover: %d %s %s", code, out, errOut)
	}
	if _, out, _ = run(t, "list"); strings.Contains(out, "Set aside") || !strings.Contains(out, "Zoë Müller") {
		t.Errorf("after recovery:\n%s", out)
	}
	code, out, _ = run(t, "import", aside+".recovered")
	if code != ExitOK || !strings.Contains(out, "attempts added: 0; already here: 1") {
		t.Errorf("importing the recovered file again: %d %s", code, out)
	}
}

// TestAPDFNameThatIsAFolderIsExplained.
func TestAPDFNameThatIsAFolderIsExplained(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "plan.pdf"), 0o700)
	code, _, errOut := run(t, "plan", example, "-o", filepath.Join(dir, "plan"))
	if code != ExitBadInput || !strings.Contains(errOut, "plan.pdf is a folder") {
		t.Errorf("%d %s", code, errOut)
	}
}

// TestProgressIsPlainWhenPiped: a report's progress written to a pipe or a
// file is plain lines, without carriage returns.
func TestProgressIsPlainWhenPiped(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	folder := filepath.Join(dir, "in")
	os.Mkdir(folder, 0o700)
	for i := 0; i < 12; i++ {
		data, _ := os.ReadFile(example)
		data = []byte(strings.Replace(string(data), "Zoë Müller", fmt.Sprintf("Person %02d", i), 1))
		os.WriteFile(filepath.Join(folder, fmt.Sprintf("p%02d.json", i)), data, 0o600)
	}
	if code, _, errOut := run(t, "workshop", "import", "--cohort", "G", folder); code != ExitOK {
		t.Fatal(errOut)
	}
	code, _, errOut := run(t, "workshop", "report", "--cohort", "G", "-o", filepath.Join(dir, "out"))
	if code != ExitOK {
		t.Fatal(errOut)
	}
	if strings.Contains(errOut, "\r") || !strings.Contains(errOut, "plans: 12 of 12\n") || strings.Count(errOut, "plans: ") > 11 {
		t.Errorf("progress on a pipe: %q", errOut)
	}
}

// TestExitCodesFollowTheContract: what the person can fix by changing the
// command is 2; a full disk or busy data is 1.
func TestExitCodesFollowTheContract(t *testing.T) {
	for err, want := range map[error]int{
		fmt.Errorf("write: %w", syscall.ENOSPC):               ExitFailure,
		fmt.Errorf("save: %w", store.ErrDiskFull):             ExitFailure,
		fmt.Errorf("open: %w", store.ErrBusy):                 ExitFailure,
		fmt.Errorf("cannot write in x: %w", os.ErrPermission): ExitBadInput,
		fmt.Errorf("cannot write in x: %w", os.ErrNotExist):   ExitBadInput,
		fmt.Errorf("cohort: %w", store.ErrNotFound):           ExitBadInput,
		fmt.Errorf("something odd"):                           ExitFailure,
	} {
		if got := exitFor(err); got != want {
			t.Errorf("%v: exit %d, want %d", err, got, want)
		}
	}
	dir := t.TempDir()
	if code, _, errOut := run(t, "plan", example, "-o", filepath.Join(dir, "missing", "plan.pdf")); code != ExitBadInput || !strings.Contains(errOut, "choose a folder you can write to") {
		t.Errorf("a missing folder: %d %s", code, errOut)
	}
}

// TestOddOutputPlaces: a device, or a file where a folder is wanted, is
// refused with a message instead of writing beside it or failing raw.
func TestOddOutputPlaces(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("HATCHECK_DATA_DIR", filepath.Join(dir, "data"))
	if code, _, errOut := run(t, "plan", example, "-o", "/dev/null"); code != ExitBadInput || !strings.Contains(errOut, "/dev/null is a device") {
		t.Errorf("-o /dev/null: %d %s", code, errOut)
	}
	if _, err := os.Stat("/dev/null.pdf"); err == nil {
		t.Error("/dev/null.pdf was written")
	}
	run(t, "workshop", "import", "--cohort", "G", example)
	file := filepath.Join(dir, "notes.txt")
	os.WriteFile(file, []byte("x"), 0o600)
	if code, _, errOut := run(t, "workshop", "report", "--cohort", "G", "-o", file); code != ExitBadInput || !strings.Contains(errOut, "is a file, not a folder") {
		t.Errorf("report into a file: %d %s", code, errOut)
	}
}

// TestRecoverRefusesALinkToTheLiveDatabase.
func TestRecoverRefusesALinkToTheLiveDatabase(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	t.Setenv("HATCHECK_DATA_DIR", data)
	run(t, "import", example)
	link := filepath.Join(dir, "hatcheck.db.damaged-20260101T000000Z")
	os.Symlink(filepath.Join(data, store.FileName), link)
	if code, _, errOut := run(t, "recover", link); code != ExitBadInput || !strings.Contains(errOut, "database in use") {
		t.Errorf("a link to the live database: %d %s", code, errOut)
	}
}
