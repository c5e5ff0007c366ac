package assessment

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"
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
	if m := loneSurrogate().FindIndex(data); m != nil && !followedByLow(data[m[1]:]) {
		line, col := jsonpos.Position(data, int64(m[0]))
		return nil, i18n.Errorf("the file has a broken character escape {{.Escape}} (line {{.Line}}, column {{.Column}}); correct it or write the character itself", map[string]any{"Escape": string(data[m[0]:m[1]]), "Line": line, "Column": col})
	}
	if err := duplicateKeys(data); err != nil {
		return nil, err
	}
	return data, nil
}

var loneSurrogate = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\\u[dD][89abAB][0-9a-fA-F]{2}`) })
var lowSurrogate = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\\u[dD][c-fC-F][0-9a-fA-F]{2}`) })

func followedByLow(rest []byte) bool { return lowSurrogate().Match(rest) }

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

// JSONSyntax gives encoding/json's syntax error in catalogue texts (the
// English is Go's own words), so that a person reads it in their language;
// the *json.SyntaxError stays its cause. Another error is returned as it is.
func JSONSyntax(err error) error {
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		return err
	}
	c := map[string]any{"Cause": err}
	msg := syn.Error()
	if msg == "unexpected end of JSON input" {
		return i18n.Errorf("unexpected end of JSON input", c)
	}
	m := invalidChar().FindStringSubmatch(msg)
	if m == nil {
		return err
	}
	c["Char"] = m[1]
	var where error
	switch m[2] {
	case "":
		return i18n.Errorf("invalid character {{.Char}}", c)
	case "looking for beginning of value":
		where = i18n.Errorf("looking for beginning of value")
	case "looking for beginning of object key string":
		where = i18n.Errorf("looking for beginning of object key string")
	case "after object key":
		where = i18n.Errorf("after object key")
	case "after object key:value pair":
		where = i18n.Errorf("after object key:value pair")
	case "after array element":
		where = i18n.Errorf("after array element")
	case "after top-level value":
		where = i18n.Errorf("after top-level value")
	case "in string literal":
		where = i18n.Errorf("in string literal")
	case "in string escape code":
		where = i18n.Errorf("in string escape code")
	case `in \u hexadecimal character escape`:
		where = i18n.Errorf("in \\u hexadecimal character escape")
	case "exceeded max depth":
		where = i18n.Errorf("exceeded max depth")
	case "in numeric literal":
		where = i18n.Errorf("in numeric literal")
	case "after decimal point in numeric literal":
		where = i18n.Errorf("after decimal point in numeric literal")
	case "in exponent of numeric literal":
		where = i18n.Errorf("in exponent of numeric literal")
	default:
		l := inLiteral().FindStringSubmatch(m[2])
		if l == nil {
			return err
		}
		where = i18n.Errorf("in literal {{.Word}} (expecting {{.Char}})", map[string]any{"Word": l[1], "Char": l[2]})
	}
	c["Where"] = where
	return i18n.Errorf("invalid character {{.Char}} {{.Where}}", c)
}

var (
	invalidChar = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^invalid character ('(?:[^'\\]|\\.)*'|'''|'\\'') ?(.*)$`)
	})
	inLiteral = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^in literal (true|false|null) \(expecting ('.')\)$`) })
)
