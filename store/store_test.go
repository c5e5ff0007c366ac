package store

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"hatcheck/assessment"
	"hatcheck/internal/cputime"
)

func testEngine(t testing.TB) *assessment.Engine {
	t.Helper()
	e, err := assessment.Default()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestMain(m *testing.M) {
	if dir := os.Getenv("HATCHECK_CRASH_CHILD_DIR"); dir != "" {
		crashChild(dir, os.Getenv("HATCHECK_CRASH_ROUND"))
		return
	}
	if mode := os.Getenv("HATCHECK_STORE_CHILD"); mode != "" {
		os.Exit(storeChild(mode, os.Getenv("HATCHECK_STORE_DIR"), os.Getenv("HATCHECK_STORE_TAG")))
	}
	os.Exit(m.Run())
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, dir
}

func persona(t testing.TB, name string) *assessment.Answers {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "assessment", "testdata", "personas", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := assessment.ParseAnswers(data, testEngine(t).Bank)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// saveAll stores a persona's answers item by item, as the app does.
func saveAll(t testing.TB, s *Store, attempt int64, a *assessment.Answers) {
	t.Helper()
	for _, it := range testEngine(t).Bank.Items {
		if ans, ok := a.Items[it.ID]; ok {
			if err := s.SaveAnswer(attempt, it.ID, &ans); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestAnswersAreSavedAndReadBack(t *testing.T) {
	e := testEngine(t)
	s, _ := openTemp(t)
	want := persona(t, "burnt-out-generalist")
	p, err := s.CreateProfile("  "+want.Respondent.Name+" ", want.Respondent.Context)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != want.Respondent.Name {
		t.Errorf("name %q was not trimmed", p.Name)
	}
	att, err := s.StartAttempt(p.ID, e.Bank.Version())
	if err != nil {
		t.Fatal(err)
	}
	saveAll(t, s, att.ID, want)
	// Evidence, and a change of mind: the last answer counts.
	ev := assessment.Answer{Value: 4, Evidence: "https://example.org/zoë?x=1&y=\"2\""}
	if err := s.SaveAnswer(att.ID, "skill.moderation", &ev); err != nil {
		t.Fatal(err)
	}
	want.Items["skill.moderation"] = ev
	got, dropped, err := s.Answers(att.ID, e.Bank)
	if err != nil || len(dropped) > 0 {
		t.Fatal(err, dropped)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("answers changed on the way through the store")
	}
	// A skip is stored, and counts as seen for resuming but not as answered.
	if err := s.SaveAnswer(att.ID, "audit.strategy-typo", nil); err != nil {
		t.Fatal(err)
	}
	a, _ := s.Attempt(att.ID)
	if a.Answered != len(want.Items) {
		t.Errorf("answered %d, want %d", a.Answered, len(want.Items))
	}
	if got, dropped, _ := s.Answers(att.ID, e.Bank); len(dropped) != 1 || !reflect.DeepEqual(got, want) {
		t.Errorf("an unknown stored item was not dropped cleanly: %v", dropped)
	}
	if ip, _ := s.InProgress(p.ID); ip == nil || ip.ID != att.ID {
		t.Errorf("in progress = %+v", ip)
	}
	if err := s.FinishAttempt(att.ID); err != nil {
		t.Fatal(err)
	}
	if ip, _ := s.InProgress(p.ID); ip != nil {
		t.Errorf("a finished attempt is still in progress")
	}
	if err := s.SaveAnswer(9999, "skill.moderation", &ev); !errors.Is(err, ErrNotFound) {
		t.Errorf("saving to a missing attempt: %v", err)
	}
	if _, err := s.CreateProfile("", ""); err == nil {
		t.Error("a profile without a name was created")
	}
	if _, err := s.CreateProfile("X", "nasa"); err == nil {
		t.Error("an unknown context was accepted")
	}
}

func TestResumeStartsAtTheFirstUnansweredItem(t *testing.T) {
	e := testEngine(t)
	s, _ := openTemp(t)
	p, _ := s.CreateProfile("Resumer", "")
	att, _ := s.StartAttempt(p.ID, e.Bank.Version())
	items := e.Bank.Items
	for i := 0; i < 12; i++ {
		var a *assessment.Answer
		if i != 5 { // item 5 was skipped on purpose
			a = &assessment.Answer{Value: 3}
		}
		if err := s.SaveAnswer(att.ID, items[i].ID, a); err != nil {
			t.Fatal(err)
		}
	}
	// The stored answers know the skip: the attempt resumes after it.
	loaded, _, _ := s.Answers(att.ID, e.Bank)
	if len(loaded.Skipped) != 1 || loaded.Skipped[0] != items[5].ID {
		t.Errorf("skipped %v", loaded.Skipped)
	}
	if got := assessment.NewSitting(e.Bank, loaded).Pos; got != 12 {
		t.Errorf("resume at %d, want 12", got)
	}
	if a, _ := s.Attempt(att.ID); a.Answered != 11 {
		t.Errorf("answered %d, want 11 (one skip)", a.Answered)
	}
}

func TestPlanChoicesAreSaved(t *testing.T) {
	e := testEngine(t)
	s, _ := openTemp(t)
	a := persona(t, "clear-cm")
	p, _ := s.CreateProfile(a.Respondent.Name, a.Respondent.Context)
	att, _ := s.StartAttempt(p.ID, e.Bank.Version())
	r := e.Score(a)
	pp, _ := e.PlanFor(a, r, "", nil)
	choice := pp.Choice
	choice.Actions[0].Chosen = false
	choice.Actions[1].Slot, choice.Actions[1].Status, choice.Actions[1].Note = 90, "doing", "Started with the forum — Ελένη helps"
	choice.Notes = "Ask my manager for a mentor."
	if err := s.SavePlan(att.ID, choice, e); err != nil {
		t.Fatal(err)
	}
	got, err := s.Plan(att.ID)
	if err != nil {
		t.Fatal(err)
	}
	sortActions := func(c *PlanChoice) {
		sort.Slice(c.Actions, func(i, j int) bool {
			return c.Actions[i].Competency+c.Actions[i].Kind < c.Actions[j].Competency+c.Actions[j].Kind
		})
	}
	sortActions(got)
	sortActions(&choice)
	if !reflect.DeepEqual(*got, choice) {
		t.Errorf("plan changed:\n%+v\n%+v", *got, choice)
	}
	bad := choice
	bad.Actions = append([]ActionChoice{{Competency: "juggling", Kind: "learn", Slot: 45, Status: "later"}}, choice.Actions...)
	err = s.SavePlan(att.ID, bad, e)
	for _, w := range []string{"unknown competency", "slot 45", `status "later"`} {
		if err == nil || !strings.Contains(err.Error(), w) {
			t.Errorf("bad plan error %v lacks %q", err, w)
		}
	}
	if again, _ := s.Plan(att.ID); len(again.Actions) != len(choice.Actions) {
		t.Error("a refused plan changed the saved one")
	}
}

// TestEveryEarlierVersionUpgrades builds a database at each earlier schema
// version, with data, and opens it with this build.
func TestEveryEarlierVersionUpgrades(t *testing.T) {
	e := testEngine(t)
	latest := SchemaVersion()
	if latest < 3 {
		t.Fatalf("schema version %d", latest)
	}
	for v := 0; v < latest; v++ {
		t.Run(fmt.Sprintf("from version %d", v), func(t *testing.T) {
			dir := t.TempDir()
			old, err := openVersion(dir, v)
			if err != nil {
				t.Fatal(err)
			}
			if v >= 1 {
				mustExec(t, old.db, `INSERT INTO profiles (id, name, context, created_at) VALUES (1, 'Ελένη', 'agency', '2026-01-02T03:04:05Z')`)
				mustExec(t, old.db, `INSERT INTO attempts (id, profile_id, started_at, bank_version) VALUES (7, 1, '2026-01-02T03:04:05Z', 'old')`)
				mustExec(t, old.db, `INSERT INTO answers VALUES (7, 'skill.moderation', '4', 'forum', '2026-01-02T03:05:00Z')`)
			}
			switch {
			case v >= 5:
				mustExec(t, old.db, `INSERT INTO plan_choices VALUES (7, 'community-manager', 'notes', '2026-01-02T03:06:00Z')`)
				mustExec(t, old.db, `INSERT INTO plan_choice_actions VALUES (7, 'community-manager', 'moderation', 'learn', 1, 30, 'done', '')`)
				mustExec(t, old.db, `INSERT INTO plan_targets VALUES (7, 'community-manager')`)
			case v >= 2:
				mustExec(t, old.db, `INSERT INTO plans VALUES (7, 'community-manager', 'notes', '2026-01-02T03:06:00Z')`)
				mustExec(t, old.db, `INSERT INTO plan_actions VALUES (7, 'moderation', 'learn', 1, 30, 'done', '')`)
			}
			if v >= 3 {
				mustExec(t, old.db, `INSERT INTO cohorts (id, name, created_at) VALUES (1, 'Old group', '2026-01-01T00:00:00Z')`)
				if v >= 6 { // version 6 keeps the code's number beside it
					mustExec(t, old.db, `INSERT INTO cohort_members (cohort_id, profile_id, code, seq) VALUES (1, 1, 'P07', 7)`)
				} else {
					mustExec(t, old.db, `INSERT INTO cohort_members (cohort_id, profile_id, code) VALUES (1, 1, 'P07')`)
				}
			}
			old.Close()
			s, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			var got int
			s.db.QueryRow("PRAGMA user_version").Scan(&got)
			if got != latest {
				t.Errorf("version %d after upgrade, want %d", got, latest)
			}
			if ok, err := s.IntegrityCheck(); ok != "ok" || err != nil {
				t.Errorf("integrity %q %v", ok, err)
			}
			if v >= 1 {
				a, err := s.Attempt(7)
				if err != nil || a.Origin != "here" || a.Answered != 1 {
					t.Errorf("attempt after upgrade: %+v %v", a, err)
				}
				ans, _, err := s.Answers(7, e.Bank)
				if err != nil || ans.Items["skill.moderation"].Evidence != "forum" || ans.Respondent.Name != "Ελένη" {
					t.Errorf("answers after upgrade: %+v %v", ans, err)
				}
			}
			if v >= 2 {
				if p, err := s.Plan(7); err != nil || p == nil || p.Actions[0].Status != "done" {
					t.Errorf("plan after upgrade: %+v %v", p, err)
				}
			}
			// The new version's tables work.
			mustExec(t, s.db, `INSERT INTO cohorts (name, created_at) VALUES ('Tuesday group', '2026-01-01T00:00:00Z')`)
			if v >= 3 {
				// The next participant of an old cohort follows its last code.
				p, _ := s.CreateProfile("Next one", "")
				if code, err := s.Join(1, p.ID); err != nil || code != "P08" {
					t.Errorf("joined an upgraded cohort as %q: %v", code, err)
				}
			}
			if err := s.SetSetting("theme", "dark"); err != nil || s.Setting("theme", "system") != "dark" || s.Setting("nothing", "x") != "x" {
				t.Errorf("settings after upgrade: %v", err)
			}
			if v >= 1 {
				// Job ads (version 7) can be kept with an upgraded attempt.
				if ad, err := s.SaveJobAd(7, "ad.txt", "- Moderate the forum", "1"); err != nil || ad.ID == 0 {
					t.Errorf("job ad after upgrade: %+v %v", ad, err)
				}
			}
		})
	}
}

func mustExec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return fmt.Sprintf("%x", sum)
}

func TestNewerDatabaseIsRefusedAndLeftUntouched(t *testing.T) {
	s, dir := openTemp(t)
	mustExec(t, s.db, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
	s.Close()
	path := filepath.Join(dir, FileName)
	before := fileHash(t, path)
	entries, _ := os.ReadDir(dir)
	_, err := Open(dir)
	if !errors.Is(err, ErrNewerVersion) || !strings.Contains(err.Error(), "update Hatcheck") {
		t.Fatalf("error %v", err)
	}
	if fileHash(t, path) != before {
		t.Error("the newer database was modified")
	}
	if after, _ := os.ReadDir(dir); len(after) != len(entries) {
		t.Errorf("files appeared beside the newer database: %v", after)
	}
}

func TestDamagedDatabaseIsMovedAsideNotDeleted(t *testing.T) {
	for name, damage := range map[string]func(path string) error{
		"not a database": func(p string) error { return os.WriteFile(p, []byte("this is not SQLite at all, just text"), 0o600) },
		"torn pages": func(p string) error {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			// Keep the header, scribble over the schema and data pages.
			for i := 100; i < len(b); i++ {
				b[i] = byte(i * 7)
			}
			return os.WriteFile(p, b, 0o600)
		},
	} {
		t.Run(name, func(t *testing.T) {
			s, dir := openTemp(t)
			p, _ := s.CreateProfile("Someone", "")
			s.StartAttempt(p.ID, "v")
			s.Close()
			path := filepath.Join(dir, FileName)
			if err := damage(path); err != nil {
				t.Fatal(err)
			}
			damaged := fileHash(t, path)
			s2, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer s2.Close()
			if !strings.Contains(s2.Recovered.Error(), "set aside as "+path+".damaged-") || !strings.Contains(s2.Recovered.Error(), "nothing was deleted") {
				t.Errorf("recovery message %q", s2.Recovered)
			}
			moved, _ := filepath.Glob(path + ".damaged-*")
			var main []string
			for _, m := range moved {
				if !strings.HasSuffix(m, "-wal") && !strings.HasSuffix(m, "-shm") {
					main = append(main, m)
				}
			}
			if len(main) != 1 || fileHash(t, main[0]) != damaged {
				t.Fatalf("the damaged file was not kept as it was: %v", moved)
			}
			if _, err := s2.CreateProfile("Fresh start", ""); err != nil {
				t.Errorf("the new database does not work: %v", err)
			}
		})
	}
}

func TestFullDiskAndReadOnlyGiveClearErrorsAndKeepEarlierAnswers(t *testing.T) {
	s, _ := openTemp(t)
	p, _ := s.CreateProfile("Full", "")
	att, _ := s.StartAttempt(p.ID, "v")
	if err := s.SaveAnswer(att.ID, "skill.events", &assessment.Answer{Value: 2}); err != nil {
		t.Fatal(err)
	}
	var pages int
	s.db.QueryRow("PRAGMA page_count").Scan(&pages)
	// The database may not grow: the next big write fails as on a full disk.
	mustExec(t, s.db, fmt.Sprintf("PRAGMA max_page_count = %d", pages))
	err := s.SaveAnswer(att.ID, "skill.moderation", &assessment.Answer{Value: 3, Evidence: strings.Repeat("x", 100000)})
	if !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "free some space") {
		t.Errorf("full disk: %v", err)
	}
	mustExec(t, s.db, "PRAGMA max_page_count = 1073741823")
	mustExec(t, s.db, "PRAGMA query_only = 1")
	err = s.SaveAnswer(att.ID, "skill.moderation", &assessment.Answer{Value: 3})
	if !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only: %v", err)
	}
	mustExec(t, s.db, "PRAGMA query_only = 0")
	rows, _ := s.RawAnswers(att.ID)
	if len(rows) != 1 || rows[0].Item != "skill.events" {
		t.Errorf("after the failures the answers are %+v", rows)
	}
	if ok, _ := s.IntegrityCheck(); ok != "ok" {
		t.Errorf("integrity %q", ok)
	}
	// A data folder that is a file.
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o600)
	if _, err := Open(file); err == nil {
		t.Error("opened a store inside a file")
	}
}

func TestDataIsPrivate(t *testing.T) {
	s, dir := openTemp(t)
	p, _ := s.CreateProfile("Private", "")
	s.StartAttempt(p.ID, "v")
	for _, f := range []string{dir, filepath.Join(dir, FileName), filepath.Join(dir, FileName+"-wal"), filepath.Join(dir, FileName+"-shm")} {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		want := os.FileMode(0o600)
		if fi.IsDir() {
			want = 0o700
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s has mode %o, want %o", f, fi.Mode().Perm(), want)
		}
	}
}

// TestDeletingReallyRemovesTheData checks the files on disk, not just the
// queries.
func TestDeletingReallyRemovesTheData(t *testing.T) {
	s, dir := openTemp(t)
	secret := "Quixotic-Zebra-Evidence-4711"
	keep, _ := s.CreateProfile("Keeper", "")
	gone, _ := s.CreateProfile("Forgettable Person", "student")
	for _, p := range []Profile{keep, gone} {
		att, _ := s.StartAttempt(p.ID, "v")
		for i := 0; i < 40; i++ {
			s.SaveAnswer(att.ID, fmt.Sprintf("skill.x%d", i), &assessment.Answer{Value: 3, Evidence: fmt.Sprintf("%s %s %d", p.Name, secret, i)})
		}
	}
	if err := s.DeleteProfile(gone.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteProfile(gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	onDisk := func() []byte {
		var all []byte
		for _, f := range []string{FileName, FileName + "-wal"} {
			b, _ := os.ReadFile(filepath.Join(dir, f))
			all = append(all, b...)
		}
		return all
	}
	if bytes.Contains(onDisk(), []byte("Forgettable Person")) {
		t.Error("the deleted profile's name is still in the files")
	}
	if !bytes.Contains(onDisk(), []byte("Keeper "+secret)) {
		t.Error("the other profile's data is gone too")
	}
	// A kept job ad goes with its attempt, and on its own when deleted.
	atts, _ := s.Attempts(keep.ID)
	adSecret := "Ad-Only-Phrase-Marmalade-88"
	ad, err := s.SaveJobAd(atts[0].ID, "ad.txt", "- Moderate the forum. "+adSecret, "1")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(onDisk(), []byte(adSecret)) {
		t.Fatal("the kept ad is not in the file")
	}
	if err := s.DeleteJobAd(ad.ID); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(onDisk(), []byte(adSecret)) {
		t.Error("the deleted job ad is still in the files")
	}
	if err := s.DeleteJobAd(ad.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting an ad twice: %v", err)
	}
	s.SaveJobAd(atts[0].ID, "ad.txt", "- Welcome newcomers. "+adSecret, "1")
	if err := s.DeleteAll(); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(onDisk(), []byte(secret)) || bytes.Contains(onDisk(), []byte(adSecret)) {
		t.Error("data is still in the files after deleting everything")
	}
	if ps, _ := s.Profiles(); len(ps) != 0 {
		t.Errorf("%d profiles left", len(ps))
	}
}

// crashChild is the child process of the crash test: it saves answers as
// fast as it can and acknowledges each one on stdout once SaveAnswer has
// returned, until it is killed.
func crashChild(dir, round string) {
	s, err := Open(dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	ps, err := s.Profiles()
	if err != nil {
		os.Exit(3)
	}
	var p Profile
	if len(ps) == 0 {
		if p, err = s.CreateProfile("Crash Test", ""); err != nil {
			os.Exit(3)
		}
	} else {
		p = ps[0]
	}
	att, err := s.InProgress(p.ID)
	if err != nil {
		os.Exit(3)
	}
	if att == nil {
		a, err := s.StartAttempt(p.ID, "crash")
		if err != nil {
			os.Exit(3)
		}
		att = &a
	}
	for i := 0; ; i++ {
		item := fmt.Sprintf("crash.%s.%d", round, i)
		v := i%5 + 1
		if err := s.SaveAnswer(att.ID, item, &assessment.Answer{Value: v, Evidence: strings.Repeat("e", i%300)}); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Printf("ack %s %d\n", item, v)
	}
}

// TestCrashDuringAutosaveLosesNothingAcknowledged kills a writing process
// with SIGKILL at random moments and checks every acknowledged answer.
func TestCrashDuringAutosaveLosesNothingAcknowledged(t *testing.T) {
	rounds := 50
	if testing.Short() {
		rounds = 10
	}
	dir := filepath.Join(t.TempDir(), "data")
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	acked := map[string]int{}
	totalAcks := 0
	for round := 0; round < rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "HATCHECK_CRASH_CHILD_DIR="+dir, "HATCHECK_CRASH_ROUND="+strconv.Itoa(round))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var lines []string
		done, firstAck := make(chan struct{}), make(chan struct{})
		go func() {
			sc := bufio.NewScanner(out)
			acks := 0
			for sc.Scan() {
				mu.Lock()
				lines = append(lines, sc.Text())
				mu.Unlock()
				if acks++; acks == 1 {
					close(firstAck)
				}
			}
			close(done)
		}()
		// Kill at a random moment: in even rounds counted from the start
		// (sometimes while opening), in odd ones from the first
		// acknowledged answer, so that a loaded machine, where opening
		// takes longer, still kills half the children while they write.
		if round%2 == 1 {
			select {
			case <-firstAck:
			case <-done:
			case <-time.After(time.Minute):
				cmd.Process.Kill()
				t.Fatalf("round %d: the child acknowledged nothing in a minute", round)
			}
		}
		time.Sleep(time.Duration(20+rng.Intn(400)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		<-done
		cmd.Wait()
		mu.Lock()
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) == 3 && f[0] == "ack" {
				v, _ := strconv.Atoi(f[2])
				acked[f[1]] = v
				totalAcks++
			} else if f[0] == "error" {
				t.Fatalf("round %d: the child failed: %s", round, l)
			}
		}
		mu.Unlock()
	}
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Recovered != nil {
		t.Fatalf("the database needed recovery: %s", s.Recovered)
	}
	if ok, err := s.IntegrityCheck(); ok != "ok" || err != nil {
		t.Fatalf("integrity_check: %q %v", ok, err)
	}
	ps, _ := s.Profiles()
	if len(ps) != 1 {
		t.Fatalf("%d profiles", len(ps))
	}
	atts, _ := s.Attempts(ps[0].ID)
	stored := map[string]int{}
	for _, a := range atts {
		rows, _ := s.RawAnswers(a.ID)
		for _, r := range rows {
			v, _ := strconv.Atoi(string(r.Value))
			stored[r.Item] = v
		}
	}
	if totalAcks < rounds/2 {
		t.Fatalf("only %d answers were acknowledged in %d rounds: the child hardly ran", totalAcks, rounds)
	}
	lost := 0
	for item, v := range acked {
		if got, ok := stored[item]; !ok || got != v {
			lost++
			if lost < 5 {
				t.Errorf("acknowledged answer %s = %d is stored as %d (present %v)", item, v, got, ok)
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged answers lost", lost, len(acked))
	}
	t.Logf("%d rounds killed with SIGKILL, %d answers acknowledged, %d stored, none lost", rounds, len(acked), len(stored))
}

// BenchmarkSaveAnswer measures one durable autosave; the median is what a
// person would feel, reported as ms/median.
func BenchmarkSaveAnswer(b *testing.B) {
	s, _ := openTemp(b)
	p, _ := s.CreateProfile("Bench", "")
	att, _ := s.StartAttempt(p.ID, "v")
	var times []time.Duration
	i := 0
	for b.Loop() {
		start := time.Now()
		if err := s.SaveAnswer(att.ID, fmt.Sprintf("skill.%d", i%80), &assessment.Answer{Value: i%5 + 1}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
		i++
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms/median")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "ms/p95")
}

// TestCommitsAreDurable checks the settings that make a returned save
// survive a power cut, not only a crash: WAL with a full sync per commit.
func TestCommitsAreDurable(t *testing.T) {
	s, _ := openTemp(t)
	var mode string
	var sync, fk int
	s.db.QueryRow("PRAGMA journal_mode").Scan(&mode)
	s.db.QueryRow("PRAGMA synchronous").Scan(&sync)
	s.db.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if mode != "wal" || sync != 2 || fk != 1 {
		t.Errorf("journal_mode %q, synchronous %d (want 2, FULL), foreign_keys %d", mode, sync, fk)
	}
}

// TestProgressSinceThePreviousAttempt: history keeps every attempt and the
// latest one can be compared with the one before.
func TestProgressSinceThePreviousAttempt(t *testing.T) {
	e := testEngine(t)
	s, _ := openTemp(t)
	p, _ := s.CreateProfile("Grower", "student")
	first := persona(t, "hybrid")
	first.Items["skill.moderation"] = assessment.Answer{Value: 1}
	a1, _ := s.StartAttempt(p.ID, e.Bank.Version())
	saveAll(t, s, a1.ID, first)
	if prev, _ := s.PreviousAttempt(a1.ID); prev != nil {
		t.Errorf("the first attempt has a previous one: %+v", prev)
	}
	s.FinishAttempt(a1.ID)
	a2, _ := s.StartAttempt(p.ID, e.Bank.Version())
	saveAll(t, s, a2.ID, persona(t, "hybrid"))
	prev, err := s.PreviousAttempt(a2.ID)
	if err != nil || prev == nil || prev.ID != a1.ID {
		t.Fatalf("previous %+v %v", prev, err)
	}
	before, _, _ := s.Answers(prev.ID, e.Bank)
	after, _, _ := s.Answers(a2.ID, e.Bank)
	progress := assessment.Compare(e.Score(before), e.Score(after))
	for _, c := range progress.Competencies {
		if c.ID == "moderation" && (c.Delta == nil || *c.Delta != 75) {
			t.Errorf("moderation progress %+v", c)
		}
	}
	if atts, _ := s.Attempts(p.ID); len(atts) != 2 {
		t.Errorf("%d attempts kept", len(atts))
	}
}

// TestSetAsideDataComesBack: a database set aside (here a healthy one, as
// the old damage probe wrongly did) is announced at every start until it is
// recovered; Recover brings back people, attempts, skips, plans and cohort
// places, and a second recovery adds nothing.
func TestSetAsideDataComesBack(t *testing.T) {
	e := testEngine(t)
	s, dir := openTemp(t)
	a := persona(t, "clear-cm")
	p, _ := s.CreateProfile("Zoë Recover", "agency")
	att, _ := s.StartAttempt(p.ID, e.Bank.Version())
	saveAll(t, s, att.ID, a)
	if err := s.SaveAnswer(att.ID, "audit.strategy-typo", nil); err != nil {
		t.Fatal(err)
	}
	s.FinishAttempt(att.ID)
	pp, _ := e.PlanFor(a, e.Score(a), "", nil)
	choice := pp.Choice
	choice.Notes = "keep me"
	if err := s.SavePlan(att.ID, choice, e); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Cohort("Tuesday", true)
	s.Join(c.ID, p.ID)
	inProgress, _ := s.StartAttempt(p.ID, e.Bank.Version())
	s.SaveAnswer(inProgress.ID, "skill.events", &assessment.Answer{Value: 2, Evidence: "a meetup"})
	wantAnswers, _ := s.RawAnswers(att.ID)
	s.Close()

	path := filepath.Join(dir, FileName)
	aside := path + SetAsideInfix + "20260101T000000Z"
	if err := os.Rename(path, aside); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, aside)
	for i := 0; i < 2; i++ { // every start says so
		s2, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(s2.SetAside) != 1 || s2.SetAside[0] != aside {
			t.Fatalf("start %d: set aside %v", i, s2.SetAside)
		}
		s2.Close()
	}
	s2, _ := Open(dir)
	defer s2.Close()
	r, err := s2.Recover(aside)
	if err != nil || len(r.Problems) > 0 {
		t.Fatalf("recover: %+v %v", r, err)
	}
	if r.Profiles != 1 || r.Attempts != 2 || r.KeptAs != aside+recoveredSuffix {
		t.Errorf("recovery %+v", r)
	}
	if fileHash(t, r.KeptAs) != before {
		t.Error("recovering changed the file it read")
	}
	if got := SetAsideFiles(dir); len(got) != 0 {
		t.Errorf("still announced after recovery: %v", got)
	}
	ps, _ := s2.Profiles()
	if len(ps) != 1 || ps[0].Name != "Zoë Recover" || ps[0].Context != "agency" {
		t.Fatalf("profiles %+v", ps)
	}
	atts, _ := s2.Attempts(ps[0].ID)
	if len(atts) != 2 || atts[0].Finished == nil || atts[1].Finished != nil {
		t.Fatalf("attempts %+v", atts)
	}
	got, _ := s2.RawAnswers(atts[0].ID)
	if len(got) != len(wantAnswers) {
		t.Errorf("%d answers back, want %d (with the skip)", len(got), len(wantAnswers))
	}
	if pl, _ := s2.Plan(atts[0].ID); pl == nil || pl.Notes != "keep me" || len(pl.Actions) != len(choice.Actions) {
		t.Errorf("plan back: %+v", pl)
	}
	if rows, _ := s2.RawAnswers(atts[1].ID); len(rows) != 1 || rows[0].Evidence != "a meetup" {
		t.Errorf("the attempt in progress came back as %+v", rows)
	}
	cs, _ := s2.Cohorts()
	if len(cs) != 1 || cs[0].Name != "Tuesday" || cs[0].Members != 1 {
		t.Errorf("cohorts %+v", cs)
	}
	again, err := s2.Recover(r.KeptAs)
	if err != nil || again.Attempts != 0 || again.Duplicates != 2 {
		t.Errorf("a second recovery: %+v %v", again, err)
	}
	if _, err := s2.Recover(s2.Path()); err == nil {
		t.Error("the live database was accepted as a file to recover")
	}
}

// TestRecoveringADamagedFileSavesWhatItCan: torn pages lose their rows,
// not the whole file, and the file stays announced.
func TestRecoveringADamagedFileSavesWhatItCan(t *testing.T) {
	s, dir := openTemp(t)
	for i := 0; i < 200; i++ {
		p, _ := s.CreateProfile(fmt.Sprintf("Person %03d %s", i, strings.Repeat("y", 180)), "")
		s.StartAttempt(p.ID, "v")
	}
	s.Close()
	path := filepath.Join(dir, FileName)
	b, _ := os.ReadFile(path)
	// Scribble over the page that holds Person 100: a leaf of the people.
	at := bytes.Index(b, []byte("Person 100"))
	if at < 0 {
		t.Fatal("the test data is not in the file")
	}
	page := at / 4096 * 4096
	for i := page; i < page+4096; i++ {
		b[i] = 0xAB
	}
	aside := path + SetAsideInfix + "20260101T000000Z"
	os.WriteFile(aside, b, 0o600)
	os.Remove(path)
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	r, err := s2.Recover(aside)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) == 0 || r.KeptAs != aside+recoveredSuffix {
		t.Errorf("a damaged file read without problems, or not kept aside as recovered? %+v", r)
	}
	if ps, _ := s2.Profiles(); len(ps) < 150 || len(ps) >= 200 {
		t.Errorf("%d of 200 people saved from a file with one damaged page: %+v", len(ps), r)
	}
	if len(SetAsideFiles(dir)) != 0 {
		t.Error("the partly read file is still announced after its recovery")
	}
}

// TestANegativeVersionIsRefusedNotAPanic: a database whose version number
// is negative (tampered with) is refused by Open and by Recover alike.
func TestANegativeVersionIsRefusedNotAPanic(t *testing.T) {
	s, dir := openTemp(t)
	s.CreateProfile("Kept", "")
	mustExec(t, s.db, "PRAGMA user_version = -1")
	s.Close()
	path := filepath.Join(dir, FileName)
	copyPath := filepath.Join(t.TempDir(), "vneg.db")
	if err := copyFile(path, copyPath); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrNewerVersion) {
		t.Errorf("open: %v", err)
	}
	live, _ := Open(filepath.Join(t.TempDir(), "other"))
	defer live.Close()
	if _, err := live.Recover(copyPath); !errors.Is(err, ErrNewerVersion) {
		t.Errorf("recover: %v", err)
	}
}

// TestADeletionThatCannotCompactSaysSoAndFinishesLater: when the file
// cannot be compacted (a full disk, a reader that does not let go), a
// deletion stands, says that traces stay in the file, and the next start
// wipes them.
func TestADeletionThatCannotCompactSaysSoAndFinishesLater(t *testing.T) {
	s, dir := openTemp(t)
	secret := "Vanishing-Person-0815"
	keep, _ := s.CreateProfile("Keeper", "")
	gone, _ := s.CreateProfile(secret, "")
	for _, p := range []Profile{keep, gone} {
		att, _ := s.StartAttempt(p.ID, "v")
		for i := 0; i < 60; i++ {
			s.SaveAnswer(att.ID, fmt.Sprintf("skill.x%d", i), &assessment.Answer{Value: 3, Evidence: p.Name + strings.Repeat(" note", 20)})
		}
	}
	// Another process reading an old snapshot keeps the compaction from
	// finishing, as a full disk would.
	reader, err := sql.Open("sqlite", "file:"+filepath.Join(dir, FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	rtx, _ := reader.Begin()
	var n int
	rtx.QueryRow("SELECT count(*) FROM profiles").Scan(&n)
	defer func(w time.Duration) { busyWait = w }(busyWait)
	busyWait = 300 * time.Millisecond
	mustExec(t, s.db, "PRAGMA busy_timeout = 100")
	err = s.DeleteProfile(gone.ID)
	rtx.Rollback()
	if !errors.Is(err, ErrNotCompacted) || !strings.Contains(err.Error(), "traces of it stay inside the data file") {
		t.Fatalf("delete on a full disk: %v", err)
	}
	if _, err := s.Profile(gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the profile is still there: %v", err)
	}
	if s.Setting(compactPending, "") == "" {
		t.Error("the owed compaction was not recorded")
	}
	s.Close()
	s2, err := Open(dir) // the reader is gone: the start finishes the job
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Setting(compactPending, "") != "" {
		t.Error("the compaction is still owed after a start")
	}
	b, _ := os.ReadFile(filepath.Join(dir, FileName))
	w, _ := os.ReadFile(filepath.Join(dir, FileName+"-wal"))
	if bytes.Contains(append(b, w...), []byte(secret)) {
		t.Error("the deleted name is still in the files after the start")
	}
}

// TestOnlyADoubtfulDatabaseIsCheckedWhole: after a clean close, nothing
// asks for the full check (whose cost grows with the data); a WAL left by a
// process that did not close, the damage marker, or a main file cut short
// all do.
func TestOnlyADoubtfulDatabaseIsCheckedWhole(t *testing.T) {
	s, dir := openTemp(t)
	p, _ := s.CreateProfile("Someone", "")
	s.StartAttempt(p.ID, "v")
	path := filepath.Join(dir, FileName)

	// While it is open, the WAL holds the writes: copied as they are, they
	// are what a crash leaves behind.
	crashed := filepath.Join(t.TempDir(), FileName)
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(crashed+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if !needsFullCheck(crashed) {
		t.Error("a WAL left by a process that did not close does not lead to the full check")
	}

	s.Close()
	if fileExists(path + "-wal") {
		if fi, _ := os.Stat(path + "-wal"); fi.Size() > 0 {
			t.Errorf("the last close left a WAL of %d bytes", fi.Size())
		}
	}
	if needsFullCheck(path) {
		t.Error("a cleanly closed database is checked whole at the next open")
	}

	marker := filepath.Join(dir, CheckMarkerName)
	os.WriteFile(marker, nil, 0o600)
	if !needsFullCheck(path) {
		t.Error("the damage marker does not lead to the full check")
	}
	s2, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
	if fileExists(marker) {
		t.Error("the marker is still there after a check that passed")
	}

	b, _ := os.ReadFile(path)
	short := filepath.Join(t.TempDir(), FileName)
	os.WriteFile(short, b[:len(b)-4096], 0o600)
	if !needsFullCheck(short) {
		t.Error("a database cut short does not lead to the full check")
	}
}

// TestDamageSeenWhileWorkingIsCheckedAtTheNextStart: a damaged page of
// data that the open does not read is found when it is read; the error
// says the data is damaged, and the next start checks the file and sets it
// aside, keeping it whole.
func TestDamageSeenWhileWorkingIsCheckedAtTheNextStart(t *testing.T) {
	s, dir := openTemp(t)
	for i := 0; i < 200; i++ {
		p, _ := s.CreateProfile(fmt.Sprintf("Person %03d %s", i, strings.Repeat("y", 180)), "")
		s.StartAttempt(p.ID, "v")
	}
	s.Close()
	path := filepath.Join(dir, FileName)
	b, _ := os.ReadFile(path)
	at := bytes.Index(b, []byte("Person 100"))
	if at < 0 {
		t.Fatal("the test data is not in the file")
	}
	for i := at / 4096 * 4096; i < at/4096*4096+4096; i++ {
		b[i] = 0xAB
	}
	os.WriteFile(path, b, 0o600)
	damaged := fileHash(t, path)

	s2, err := Open(dir)
	if err != nil {
		t.Fatalf("the open reads a page of data: %v", err)
	}
	if _, err := s2.Profiles(); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("reading the damaged page: %v", err)
	}
	s2.Close()
	if !fileExists(filepath.Join(dir, CheckMarkerName)) {
		t.Fatal("no marker after SQLite reported damage")
	}
	s3, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if !strings.Contains(fmt.Sprint(s3.Recovered), "set aside as "+path+".damaged-") {
		t.Errorf("recovery message %q", s3.Recovered)
	}
	if aside := SetAsideFiles(dir); len(aside) != 1 || fileHash(t, aside[0]) != damaged {
		t.Errorf("the damaged file was not kept as it was: %v", aside)
	}
	if fileExists(filepath.Join(dir, CheckMarkerName)) {
		t.Error("the marker outlived the check")
	}
}

// BenchmarkOpenClean opens and closes a cleanly closed data folder, as
// every command line command does; the cost must not grow with the data.
func BenchmarkOpenClean(b *testing.B) {
	for _, people := range []int{10, 1000} {
		b.Run(fmt.Sprintf("people=%d", people), func(b *testing.B) {
			s, dir := openTemp(b)
			e := testEngine(b)
			a := persona(b, "clear-cm")
			for i := 0; i < people; i++ {
				a.Respondent.Name = fmt.Sprintf("Person %d", i)
				if _, err := s.ImportAnswers(a, e, ImportOptions{NewPerson: true}); err != nil {
					b.Fatal(err)
				}
			}
			s.Close()
			fi, _ := os.Stat(filepath.Join(dir, FileName))
			cpu := cputime.Process()
			for b.Loop() {
				s, err := Open(dir)
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
			if used := cputime.Process() - cpu; used > 0 {
				b.ReportMetric(float64(used)/float64(time.Millisecond)/float64(b.N), "ms-cpu/op")
			}
			b.ReportMetric(float64(fi.Size())/(1<<20), "MB-db")
		})
	}
}
