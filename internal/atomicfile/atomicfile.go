// Package atomicfile writes a file so that readers see either the old file
// or the complete new one, never half of it: the data goes to a temporary
// file in the same folder, is synced, and is renamed over the target.
package atomicfile

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"time"

	"hatcheck/internal/i18n"
	"hatcheck/internal/syserr"
)

// Write replaces path with data. The file gets perm less the user's umask,
// as any program's new file does (0o600 for personal data stays 0o600).
// On failure nothing is left behind and an existing file is unchanged.
// Errors name the folder or file and the cause ("permission denied", "no
// space left on device").
func Write(path string, data []byte, perm os.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := createTemp(dir, filepath.Base(path), perm)
	if err != nil {
		return i18n.Errorf("cannot write in {{.Folder}}: {{.Err}}", map[string]any{"Folder": dir, "Err": syserr.Reason(err)})
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return writeError(path, err)
	}
	if err = tmp.Sync(); err != nil {
		return writeError(path, err)
	}
	if err = tmp.Close(); err != nil {
		return writeError(path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return i18n.Errorf("save {{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": syserr.Reason(err)})
	}
	// Make the rename itself durable.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// writeError names the file and the system's reason (the temporary
// file's path, which means nothing to a person, is left out).
func writeError(path string, err error) error {
	return i18n.Errorf("write {{.Path}}: {{.Err}}", map[string]any{"Path": path, "Err": syserr.Reason(err)})
}

// createTemp makes .<base>.<pid>.<random>.tmp beside the target; the
// process ID lets RemoveStale tell a leftover from a write under way.
func createTemp(dir, base string, perm os.FileMode) (*os.File, error) {
	for {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d.%d.tmp", base, os.Getpid(), rand.Uint32()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, os.ErrExist) {
			return f, err
		}
	}
}

var tempName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\..+\.(\d+)\.\d+\.tmp$`) })

// staleAge is how old a temporary file must be before it is taken for a
// leftover where the writer's liveness cannot be checked.
const staleAge = time.Hour

// RemoveStale removes the temporary files that writes in dir left behind
// when their process was killed, and returns their names. A file whose
// process is still running is left alone.
func RemoveStale(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		m := tempName().FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, _ := strconv.Atoi(m[1])
		if pid == os.Getpid() {
			continue
		}
		if alive, known := processAlive(pid); known && alive {
			continue
		} else if !known {
			if fi, err := e.Info(); err != nil || time.Since(fi.ModTime()) < staleAge {
				continue
			}
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}
