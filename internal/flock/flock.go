// Package flock is an advisory lock on a file, shared between processes:
// many holders of the shared lock, or one of the exclusive lock. The
// operating system drops a process's locks when it exits, however it exits,
// so a crash never leaves a lock behind.
package flock

import (
	"os"
	"time"

	"hatcheck/internal/i18n"
)

// Lock is an open lock file. It is not safe for concurrent use.
type Lock struct {
	f    *os.File
	held Mode
}

// Mode is what a lock holds.
type Mode int

// Modes.
const (
	None Mode = iota
	Shared
	Exclusive
)

// ErrTimeout is returned by Acquire when the lock stayed taken.
var ErrTimeout = i18n.Errorf("the lock is held by another process")

// Open opens (creating if needed, private to the user) the lock file at
// path. It takes no lock.
func Open(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	return &Lock{f: f}, nil
}

// TryLock takes the lock in mode m without waiting; ok is false when
// another process holds it in a conflicting mode. A lock already held is
// released first, so a failed TryLock leaves nothing held.
func (l *Lock) TryLock(m Mode) (ok bool, err error) {
	if l.held != None {
		if err := l.Unlock(); err != nil {
			return false, err
		}
	}
	ok, err = tryLock(l.f, m == Exclusive)
	if ok {
		l.held = m
	}
	return ok, err
}

// Acquire waits up to timeout for the lock in mode m, polling with a
// growing pause.
func (l *Lock) Acquire(m Mode, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	pause := 2 * time.Millisecond
	for {
		ok, err := l.TryLock(m)
		if err != nil || ok {
			return err
		}
		if time.Now().After(deadline) {
			return ErrTimeout
		}
		time.Sleep(pause)
		if pause < 100*time.Millisecond {
			pause *= 2
		}
	}
}

// Held is the mode held now.
func (l *Lock) Held() Mode { return l.held }

// Unlock releases the lock; the file stays open for the next TryLock.
func (l *Lock) Unlock() error {
	if l.held == None {
		return nil
	}
	l.held = None
	return unlock(l.f)
}

// Close releases the lock and closes the file.
func (l *Lock) Close() error {
	l.Unlock()
	return l.f.Close()
}
