// Package safefile reads a file a person named, bounded: only regular files
// (never a FIFO that blocks forever or a device such as /dev/zero that never
// ends), and only up to a size limit, with messages that say which.
package safefile

import (
	"fmt"
	"io"
	"io/fs"
	"os"

	"hatcheck/internal/i18n"
	"hatcheck/internal/syserr"
)

// Errors a caller can test for; the messages name the file.
var (
	ErrNotRegular = i18n.Errorf("not a regular file")
	ErrTooLarge   = i18n.Errorf("the file is too large")
)

// ReadFile reads a regular file of at most limit bytes. An error of the
// system names the file and gives the system's reason as a catalogue text
// (see syserr.Describe).
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := open(path)
	if err != nil {
		return nil, syserr.Describe(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, syserr.Describe(err)
	}
	if err := Check(path, fi, limit); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, syserr.Describe(err)
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
		return i18n.Errorf("{{.Path}} is {{.Kind}}, {{.Err}}; Hatcheck reads only regular files", map[string]any{"Path": path, "Kind": KindText(fi.Mode()), "Err": ErrNotRegular})
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
	return i18n.Errorf("{{.Path}} is {{.Size}}, {{.Err}}: Hatcheck reads files of this kind up to {{.Max}}; check that it is the right file, or split it", map[string]any{"Path": path, "Size": have, "Err": ErrTooLarge, "Max": max})
}

// Kind names what a file that is not regular is, in English.
func Kind(m fs.FileMode) string { return KindText(m).Error() }

// KindText names what a file that is not regular is, as a catalogue text
// (a field of a message: "{{.Path}} is {{.Kind}}").
func KindText(m fs.FileMode) error {
	switch {
	case m.IsDir():
		return i18n.Errorf("a folder")
	case m&fs.ModeNamedPipe != 0:
		return i18n.Errorf("a named pipe (FIFO)")
	case m&fs.ModeSocket != 0:
		return i18n.Errorf("a socket")
	case m&fs.ModeDevice != 0:
		return i18n.Errorf("a device")
	case m&fs.ModeSymlink != 0:
		return i18n.Errorf("a symbolic link")
	}
	return i18n.Errorf("not a regular file")
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
		return nil, syserr.Describe(err)
	}
	fi, err := f.Stat()
	if err != nil {
		err = syserr.Describe(err)
	} else {
		err = Check(path, fi, limit)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
