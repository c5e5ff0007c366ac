package flock

import (
	"path/filepath"
	"testing"
	"time"
)

// Two opens of one file are two lock holders, as two processes are.
func TestSharedAndExclusiveExclude(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lock")
	a, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, _ := Open(path)
	defer b.Close()
	if ok, err := a.TryLock(Shared); !ok || err != nil {
		t.Fatalf("shared: %v %v", ok, err)
	}
	if ok, _ := b.TryLock(Shared); !ok {
		t.Error("a second shared holder was refused")
	}
	b.Unlock()
	if ok, _ := b.TryLock(Exclusive); ok {
		t.Error("exclusive was granted beside a shared holder")
	}
	if b.Held() != None {
		t.Error("a failed TryLock left something held")
	}
	if err := b.Acquire(Exclusive, 30*time.Millisecond); err != ErrTimeout {
		t.Errorf("Acquire: %v", err)
	}
	a.Unlock()
	if err := b.Acquire(Exclusive, time.Second); err != nil {
		t.Fatal(err)
	}
	if ok, _ := a.TryLock(Shared); ok {
		t.Error("shared was granted beside an exclusive holder")
	}
	b.Close()
	if ok, _ := a.TryLock(Exclusive); !ok {
		t.Error("closing did not release the lock")
	}
}
