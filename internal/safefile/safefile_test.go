package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOnlyBoundedRegularFilesAreRead(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	os.WriteFile(small, []byte("{}"), 0o600)
	if b, err := ReadFile(small, 10); err != nil || string(b) != "{}" {
		t.Fatalf("%q %v", b, err)
	}
	big := filepath.Join(dir, "big.json")
	os.WriteFile(big, make([]byte, 2000), 0o600)
	_, err := ReadFile(big, 1000)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "2 KB") || !strings.Contains(err.Error(), "up to 1 KB") {
		t.Errorf("too large: %v", err)
	}
	fifo := filepath.Join(dir, "pipe.json")
	makeFIFO(t, fifo)
	done := make(chan error)
	go func() { _, err := ReadFile(fifo, 1000); done <- err }()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("fifo: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reading a FIFO hangs")
	}
	if _, err := ReadFile("/dev/zero", 1000); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "device") {
		t.Errorf("/dev/zero: %v", err)
	}
	if _, err := ReadFile(dir, 1000); !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "folder") {
		t.Errorf("folder: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), 1000); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing: %v", err)
	}
}
