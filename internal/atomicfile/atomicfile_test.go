package atomicfile

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplacesWholeOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, []byte("new content"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(b) != "new content" || fi.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %o", b, fi.Mode().Perm())
	}
	err := Write(filepath.Join(dir, "missing", "b.txt"), []byte("x"), 0o600)
	if err == nil || !strings.Contains(err.Error(), "cannot write in") || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("error %v", err)
	}
	// Renaming over a folder fails; the temporary file must not stay.
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "sub", "f"), []byte("x"), 0o600)
	if err := Write(filepath.Join(dir, "sub"), []byte("x"), 0o600); err == nil {
		t.Error("replaced a folder")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("left behind %s", e.Name())
		}
	}
}

// TestModesFollowTheUmask: personal files stay 0600; others get what the
// user's umask allows, as any program's new file does.
func TestModesFollowTheUmask(t *testing.T) {
	setUmask(t, 0o077)
	dir := t.TempDir()
	for perm, want := range map[os.FileMode]os.FileMode{0o600: 0o600, 0o644: 0o600} {
		p := filepath.Join(dir, perm.String())
		if err := Write(p, []byte("x"), perm); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != want {
			t.Errorf("perm %o under umask 077 gave %o, want %o", perm, fi.Mode().Perm(), want)
		}
	}
}

// TestLeftoversOfAKilledWriterAreRemoved: a temporary file whose process
// is gone is removed; one whose process runs is kept.
func TestLeftoversOfAKilledWriterAreRemoved(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command("true")
	cmd.Run()
	dead := cmd.Process.Pid
	gone := fmt.Sprintf(".plan.pdf.%d.123.tmp", dead)
	live := fmt.Sprintf(".plan.pdf.%d.456.tmp", os.Getppid())
	for _, n := range []string{gone, live, "keep.tmp"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600)
	}
	if got := RemoveStale(dir); len(got) != 1 || got[0] != gone {
		t.Errorf("removed %v, want [%s]", got, gone)
	}
	for _, n := range []string{live, "keep.tmp"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Errorf("%s was removed", n)
		}
	}
}
