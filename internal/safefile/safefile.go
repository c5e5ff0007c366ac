// Package safefile reads a file a person named, bounded: only regular files
// (never a FIFO that blocks forever or a device such as /dev/zero that never
// ends), and only up to a size limit, with messages that say which.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Errors a caller can test for; the messages name the file.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("the file is too large")
)

// ReadFile reads a regular file of at most limit bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := Check(path, fi, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(path, int64(len(data)), limit)
	}
	return data, nil
}

// Check says whether a file with this information may be read: a regular
// file of at most limit bytes.
func Check(path string, fi fs.FileInfo, limit int64) error {
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is %s, %w; Hatcheck reads only regular files", path, Kind(fi.Mode()), ErrNotRegular)
	}
	if fi.Size() > limit {
		return tooLarge(path, fi.Size(), limit)
	}
	return nil
}

func tooLarge(path string, size, limit int64) error {
	have, max := Size(size), Size(limit)
	if have == max { // just over: say it in bytes
		have, max = fmt.Sprintf("%d bytes", size), fmt.Sprintf("%d bytes", limit)
	}
	return fmt.Errorf("%s is %s, %w: Hatcheck reads files of this kind up to %s; check that it is the right file, or split it", path, have, ErrTooLarge, max)
}

// Kind names what a file that is not regular is.
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// Size writes a byte count for a person: "512 bytes", "4.8 MB".
func Size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.0f KB", float64(n)/1000)
	case n < 1000*1000*1000:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/1e6)) + " MB"
	}
	return trimZero(fmt.Sprintf("%.1f", float64(n)/1e9)) + " GB"
}

// trimZero writes 50.0 as 50.
func trimZero(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

// Open opens a regular file of at most limit bytes for reading, for a
// caller that streams it.
func Open(path string, limit int64) (*os.File, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = Check(path, fi, limit)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
