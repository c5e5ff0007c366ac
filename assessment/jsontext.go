package assessment

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"

	"hatcheck/internal/i18n"
	"hatcheck/internal/jsonpos"
)

// JSONText prepares the bytes of an answers or results file for decoding,
// so that nothing in it is changed or lost without a word: a UTF-8 byte
// order mark is dropped, UTF-16 with a byte order mark (Windows Notepad's
// "Unicode") is read as such, and the file is refused, with the place, when
// it is not UTF-8 text, when a text holds a broken character escape
// (\ud800 alone), or when an object names the same key twice (the second
// would silently win: a second "name", a second answer to one item).
func JSONText(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return nil, i18n.Errorf("the file is UTF-16 text that cannot be read ({{.Err}}); save it as UTF-8", map[string]any{"Err": err})
		}
		data = out
	}
	if !utf8.Valid(data) {
		at := 0
		for at < len(data) {
			r, size := utf8.DecodeRune(data[at:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			at += size
		}
		line, col := jsonpos.Position(data, int64(at))
		return nil, i18n.Errorf("the file is not UTF-8 text (line {{.Line}}, column {{.Column}} has a byte that is not); save it as UTF-8 in your editor and try again", map[string]any{"Line": line, "Column": col})
	}
	if m := loneSurrogate.FindIndex(data); m != nil && !followedByLow(data[m[1]:]) {
		line, col := jsonpos.Position(data, int64(m[0]))
		return nil, i18n.Errorf("the file has a broken character escape {{.Escape}} (line {{.Line}}, column {{.Column}}); correct it or write the character itself", map[string]any{"Escape": string(data[m[0]:m[1]]), "Line": line, "Column": col})
	}
	if err := duplicateKeys(data); err != nil {
		return nil, err
	}
	return data, nil
}

var loneSurrogate = regexp.MustCompile(`\\u[dD][89abAB][0-9a-fA-F]{2}`)
var lowSurrogate = regexp.MustCompile(`^\\u[dD][c-fC-F][0-9a-fA-F]{2}`)

func followedByLow(rest []byte) bool { return lowSurrogate.Match(rest) }

// duplicateKeys walks the JSON and refuses an object that names a key twice.
// Syntax errors are left to the decoder, which says them better.
func duplicateKeys(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	type frame struct {
		keys   map[string]bool
		object bool
		name   string
		expect bool // an object expects a key next
	}
	var stack []*frame
	path := func() any {
		var parts []string
		for _, f := range stack {
			if f.name != "" {
				parts = append(parts, f.name)
			}
		}
		if len(parts) == 0 {
			return i18n.Errorf("the file")
		}
		return `"` + strings.Join(parts, ".") + `"`
	}
	var pending string // the key whose value comes next
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil // end, or a syntax error for the decoder to report
		}
		top := len(stack) - 1
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				stack = append(stack, &frame{keys: map[string]bool{}, object: d == '{', name: pending, expect: d == '{'})
				pending = ""
			case '}', ']':
				stack = stack[:top]
				if top > 0 && stack[top-1].object {
					stack[top-1].expect = true
				}
			}
			continue
		}
		if top >= 0 && stack[top].object {
			f := stack[top]
			if f.expect {
				key, _ := tok.(string)
				if f.keys[key] {
					line, col := jsonpos.Position(data, dec.InputOffset())
					return i18n.Errorf("{{.Path}} names {{.Key}} twice (line {{.Line}}, column {{.Column}}); keep the one you mean and delete the other",
						map[string]any{"Path": path(), "Key": strconv.Quote(key), "Line": line, "Column": col})
				}
				f.keys[key] = true
				f.expect, pending = false, key
				continue
			}
			f.expect, pending = true, ""
		}
	}
}
