package store

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"hatcheck/assessment"
	"hatcheck/questions"
)

// answersFor is a small answers file for a person called name.
func answersFor(bank *questions.Bank, name string, n int) []byte {
	answers := map[string]any{}
	for _, it := range bank.Items {
		if it.Kind == questions.KindSkillRating && len(answers) < n {
			answers[it.ID] = len(answers)%5 + 1
		}
	}
	b, _ := json.Marshal(map[string]any{"format": assessment.AnswersFormat, "version": assessment.AnswersVersion,
		"respondent": map[string]string{"name": name}, "answers": answers})
	return b
}

// storeChild is a child process of the multi-process tests, started by
// TestMain. It prints "ack KEY" once a write has returned and "error TEXT"
// when anything failed, and returns the exit code.
func storeChild(mode, dir, tag string) int {
	e, err := assessment.Default()
	if err != nil {
		fmt.Println("error", err)
		return 3
	}
	fail := func(what string, err error) int {
		fmt.Printf("error %s %s: %v\n", tag, what, err)
		return 3
	}
	open := func() (*Store, error) {
		s, err := Open(dir)
		if err == nil && (s.Recovered != "" || len(s.SetAside) > 0) {
			fmt.Printf("error %s: a file was set aside: %s %v\n", tag, s.Recovered, s.SetAside)
		}
		return s, err
	}
	switch mode {
	case "open":
		s, err := Open(dir)
		if err != nil {
			fmt.Println("error", err)
			return 3
		}
		s.Close()
	case "import", "import-big":
		// As "hatcheck import" does: open, import one file, close; three
		// times over. import-big fills a disk faster.
		for i := 0; i < 3; i++ {
			s, err := open()
			if err != nil {
				return fail("open", err)
			}
			name, n := fmt.Sprintf("%s-%d", tag, i), 12
			if mode == "import-big" {
				name, n = name+" "+strings.Repeat("x", 150), 30
			}
			if _, err := s.Import(answersFor(e.Bank, name, n), e, ImportOptions{}); err != nil {
				return fail("import", err)
			}
			fmt.Println("ack", name)
			if err := s.Close(); err != nil {
				return fail("close", err)
			}
		}
	case "list":
		// As "hatcheck list" and "hatcheck workshop list" do.
		for i := 0; i < 3; i++ {
			s, err := open()
			if err != nil {
				return fail("open", err)
			}
			ps, err := s.Profiles()
			if err != nil {
				return fail("list", err)
			}
			for _, p := range ps {
				atts, err := s.Attempts(p.ID)
				if err != nil {
					return fail("attempts", err)
				}
				for _, a := range atts {
					if _, _, err := s.Answers(a.ID, e.Bank); err != nil {
						return fail("answers", err)
					}
				}
			}
			if _, err := s.Cohorts(); err != nil {
				return fail("cohorts", err)
			}
			s.Close()
		}
	case "save":
		// The window: one store open all along, every answer saved as it
		// is given.
		s, err := open()
		if err != nil {
			return fail("open", err)
		}
		defer s.Close()
		p, err := s.CreateProfile(tag, "")
		if err != nil {
			return fail("profile", err)
		}
		fmt.Println("ack", tag)
		a, err := s.StartAttempt(p.ID, e.Bank.Version())
		if err != nil {
			return fail("attempt", err)
		}
		for i, it := range e.Bank.Items[:40] {
			v := i%5 + 1
			if it.Kind != questions.KindSkillRating && it.Kind != questions.KindWorkStyle {
				continue
			}
			if err := s.SaveAnswer(a.ID, it.ID, &assessment.Answer{Value: v}); err != nil {
				return fail("save", err)
			}
			fmt.Printf("ack %s/%s=%d\n", tag, it.ID, v)
		}
		if err := s.FinishAttempt(a.ID); err != nil {
			return fail("finish", err)
		}
	default:
		fmt.Println("error unknown mode", mode)
		return 3
	}
	return 0
}

// runChildren starts every child at once and collects what they printed.
func runChildren(t *testing.T, dir string, modes []string, round int) (acks, errs []string) {
	t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	var cmds []*exec.Cmd
	for i, mode := range modes {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "HATCHECK_STORE_CHILD="+mode, "HATCHECK_STORE_DIR="+dir,
			fmt.Sprintf("HATCHECK_STORE_TAG=r%d-%s%d", round, mode, i))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				mu.Lock()
				if l := sc.Text(); strings.HasPrefix(l, "ack ") {
					acks = append(acks, strings.TrimPrefix(l, "ack "))
				} else {
					errs = append(errs, l)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", c.Env[len(c.Env)-1], err))
		}
	}
	return acks, errs
}

// checkAcknowledged opens the data as the next start would and checks that
// every acknowledged write is there, nothing was set aside and the file is
// sound.
func checkAcknowledged(t *testing.T, dir string, acks []string) {
	t.Helper()
	e := testEngine(t)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Recovered != "" || len(s.SetAside) > 0 {
		t.Fatalf("a file was set aside: %q %v", s.Recovered, s.SetAside)
	}
	if ok, err := s.IntegrityCheck(); ok != "ok" || err != nil {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	names := map[string]int64{}
	ps, _ := s.Profiles()
	for _, p := range ps {
		names[p.Name] = p.ID
	}
	saved := map[string]string{}
	for _, p := range ps {
		atts, _ := s.Attempts(p.ID)
		for _, a := range atts {
			rows, _ := s.RawAnswers(a.ID)
			for _, r := range rows {
				saved[p.Name+"/"+r.Item] = string(r.Value)
			}
		}
	}
	lost := 0
	for _, a := range acks {
		key, val, isAnswer := strings.Cut(a, "=")
		var ok bool
		if isAnswer {
			ok = saved[key] == val
		} else {
			_, ok = names[key]
		}
		if !ok {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged %q is not in the live database", a)
			}
		}
	}
	if lost > 0 {
		t.Fatalf("%d of %d acknowledged writes lost (%d profiles listed)", lost, len(acks), len(ps))
	}
	_ = e
}

// TestProcessesShareTheStore runs importers ("hatcheck import"), readers
// ("hatcheck list") and the window's autosave in separate processes at
// once on one data folder, on a fresh folder and on an existing database,
// round after round: every acknowledged write must be in the live database
// afterwards, nothing set aside, the file sound.
func TestProcessesShareTheStore(t *testing.T) {
	rounds := 20
	if testing.Short() {
		rounds = 4
	}
	modes := []string{"import", "import", "import", "import", "import", "list", "list", "save"}
	for _, existing := range []bool{false, true} {
		name := "fresh folder"
		if existing {
			name = "existing database"
		}
		t.Run(name, func(t *testing.T) {
			total := 0
			for round := 0; round < rounds; round++ {
				dir := filepath.Join(t.TempDir(), "data")
				var seeded []string
				if existing {
					s, err := Open(dir)
					if err != nil {
						t.Fatal(err)
					}
					for i := 0; i < 3; i++ {
						n := fmt.Sprintf("seed-%d", i)
						if _, err := s.Import(answersFor(testEngine(t).Bank, n, 20), testEngine(t), ImportOptions{}); err != nil {
							t.Fatal(err)
						}
						seeded = append(seeded, n)
					}
					s.Close()
				}
				acks, errs := runChildren(t, dir, modes, round)
				if len(errs) > 0 {
					t.Fatalf("round %d: %d children failed:\n%s", round, len(errs), strings.Join(errs, "\n"))
				}
				checkAcknowledged(t, dir, append(acks, seeded...))
				total += len(acks)
			}
			t.Logf("%d rounds of %d processes: %d acknowledged writes, all in the live database", rounds, len(modes), total)
		})
	}
}

// TestFullDiskLosesNothing fills a small filesystem with imports from
// several processes at once, starts again while it is still full, then
// frees space: every acknowledged import must be listed, and nothing may be
// set aside on the way. It needs a tmpfs mount (root); without one it fills
// the database with SQLite's max_page_count instead, in one process.
func TestFullDiskLosesNothing(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k,mode=0700", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Logf("no tmpfs (%v: %s); filling the database with max_page_count instead", err, strings.TrimSpace(string(out)))
		fullByPageLimit(t)
		return
	}
	t.Cleanup(func() { exec.Command("umount", "-l", mnt).Run() })
	dir := filepath.Join(mnt, "data")
	var acks []string
	fullRounds := 0
	for round := 0; round < 60 && fullRounds < 3; round++ {
		got, errs := runChildren(t, dir, []string{"import-big", "import-big", "import-big", "import-big"}, round)
		acks = append(acks, got...)
		full := false
		for _, e := range errs {
			switch {
			case strings.Contains(e, "exit status 3"):
			case strings.Contains(e, ErrDiskFull.Error()):
				full = true
			default:
				t.Fatalf("round %d: a child failed for another reason than a full disk: %s", round, e)
			}
		}
		if full {
			fullRounds++
		}
	}
	if fullRounds == 0 {
		t.Fatal("the filesystem never filled up")
	}
	// The next start while the disk is still full: nothing is set aside.
	if s, err := Open(dir); err == nil {
		if s.Recovered != "" || len(s.SetAside) > 0 {
			t.Errorf("a start on a full disk set the database aside: %s", s.Recovered)
		}
		ps, err := s.Profiles()
		if err != nil || len(ps) == 0 {
			t.Errorf("on a full disk the data cannot be listed: %d profiles, %v", len(ps), err)
		}
		s.Close()
	} else if !errors.Is(err, ErrDiskFull) {
		t.Errorf("a start on a full disk: %v", err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*"+SetAsideInfix+"*")); len(m) > 0 {
		t.Fatalf("files were set aside: %v", m)
	}
	if out, err := exec.Command("mount", "-o", "remount,size=8m", mnt).CombinedOutput(); err != nil {
		t.Fatalf("free space: %v %s", err, out)
	}
	checkAcknowledged(t, dir, acks)
	t.Logf("%d imports acknowledged before the 512 KB disk filled; all listed after space was freed", len(acks))
}

// fullByPageLimit: the database may not grow, as on a full disk; the
// imports that were acknowledged survive a restart.
func fullByPageLimit(t *testing.T) {
	e := testEngine(t)
	s, dir := openTemp(t)
	mustExec(t, s.db, "PRAGMA max_page_count = 40")
	var acks []string
	for i := 0; ; i++ {
		name := fmt.Sprintf("limit-%d %s", i, strings.Repeat("x", 150))
		_, err := s.Import(answersFor(e.Bank, name, 30), e, ImportOptions{})
		if errors.Is(err, ErrDiskFull) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		acks = append(acks, name)
	}
	s.Close()
	checkAcknowledged(t, dir, acks)
}

// TestAFolderYouMayNotUseIsNotDamage: a data folder with mode 000, or a
// read-only one, gives a message about permissions, and nothing is set
// aside or changed. Root may open anything, so as root the check runs in a
// child process as the user "nobody".
func TestAFolderYouMayNotUseIsNotDamage(t *testing.T) {
	base := t.TempDir()
	for d := base; d != os.TempDir() && d != "/"; d = filepath.Dir(d) {
		os.Chmod(d, 0o755)
	}
	run := func(dir string) string {
		if os.Getuid() != 0 {
			_, err := Open(dir)
			return fmt.Sprint(err)
		}
		// The test binary may sit in a folder only root can read: copy it.
		bin := filepath.Join(base, "store.test")
		if _, err := os.Stat(bin); err != nil {
			if err := copyFile(os.Args[0], bin); err != nil {
				t.Fatal(err)
			}
			os.Chmod(bin, 0o755)
		}
		cmd := exec.Command(bin, "-test.run=^$")
		cmd.Env = append(os.Environ(), "HATCHECK_STORE_CHILD=open", "HATCHECK_STORE_DIR="+dir, "HATCHECK_STORE_TAG=nobody")
		asNobody(cmd)
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	chown := func(dir string) {
		if os.Getuid() == 0 {
			filepath.Walk(dir, func(p string, _ os.FileInfo, _ error) error { return os.Chown(p, 65534, 65534) })
		}
	}
	for _, tc := range []struct {
		name string
		mode os.FileMode
		want string
	}{
		{"mode 000", 0o000, "may not open its data folder"},
		{"read-only", 0o500, "the data folder or file is read-only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(base, strings.ReplaceAll(tc.name, " ", "-"))
			s, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			s.CreateProfile("Kept", "")
			s.Close()
			chown(dir)
			before := fileHash(t, filepath.Join(dir, FileName))
			os.Chmod(dir, tc.mode)
			defer os.Chmod(dir, 0o700)
			out := run(dir)
			if !strings.Contains(out, tc.want) || strings.Contains(out, "damaged") {
				t.Errorf("message: %s", out)
			}
			os.Chmod(dir, 0o700)
			if fileHash(t, filepath.Join(dir, FileName)) != before || len(SetAsideFiles(dir)) > 0 {
				t.Error("the data was changed or set aside")
			}
		})
	}
}
