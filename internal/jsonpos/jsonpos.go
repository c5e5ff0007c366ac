// Package jsonpos says where in a JSON document a problem is, the way a
// person looks for it in an editor: the file, the line and column, and the
// path of keys and list positions that leads there, with the "id" of each
// object on the way ("items[3] (id "skill.moderation").measures").
//
// The answers files and the embedded data files (the item bank, the scoring
// model and the plan content) share it, so that a mistake in either is
// reported the same way.
package jsonpos

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Position returns the 1-based line and column of a byte offset in data.
// The column counts bytes, as most editors' "go to column" does for ASCII
// text.
func Position(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	if offset < 0 {
		offset = 0
	}
	line = 1 + bytes.Count(data[:offset], []byte("\n"))
	col = int(offset) - bytes.LastIndexByte(data[:offset], '\n')
	return line, col
}

// Error is a problem in a JSON document with its place.
type Error struct {
	File   string // as a person would open it, e.g. "questions/data/items.json"
	Line   int
	Column int
	// Path leads to the problem: keys, list positions and the "id" of each
	// object in a list, e.g. `items[3] (id "skill.moderation").measures`.
	Path string
	// ID is the "id" of the outermost listed object on the path: the item,
	// the advice entry, the profile... "" when there is none.
	ID string
	// Msg says what is wrong and what to do.
	Msg string
	Err error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d, column %d", e.Line, e.Column)
	}
	if e.Path != "" {
		fmt.Fprintf(&b, ", in %s", e.Path)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Decode decodes the one JSON value in data into v, refusing fields that v
// does not have and text after the value. Its errors are *Error, naming
// file, line, column and path.
func Decode(file string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		off := skipSpace(data, dec.InputOffset())
		if _, err := dec.Token(); err != io.EOF {
			line, col := Position(data, off)
			return &Error{File: file, Line: line, Column: col, Msg: "there is more text after the JSON value; the file holds exactly one object", Err: err}
		}
		return nil
	}
	return Describe(file, data, reflect.TypeOf(v), err)
}

// Describe turns an error from decoding data into a value of type t (as
// encoding/json returns it) into an *Error with its place.
func Describe(file string, data []byte, t reflect.Type, err error) *Error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	off := int64(-1)
	locateAt := int64(-1) // where the path is taken, when not at off
	var msg string
	switch {
	case errors.As(err, &syn):
		off = max(0, syn.Offset-1) // the offending character
		msg = fmt.Sprintf("this is not valid JSON: %v (look for a missing comma, quote or bracket just before this point)", syn)
	case errors.As(err, &typ):
		// The offset is the end of the value; the place shown is its start.
		off = typ.Offset
		if _, _, start := locate(data, max(0, off-1)); start < off {
			off, locateAt = start, off-1
		}
		field := typ.Field
		if field == "" {
			field = "the value"
		} else {
			field = strconv.Quote(lastField(field))
		}
		msg = fmt.Sprintf("%s has the wrong type: got a JSON %s, want %s", field, typ.Value, KindName(typ.Type))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		off = int64(len(data))
		msg = "the file is empty or cut short (is a bracket or a brace left open?)"
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.TrimPrefix(err.Error(), "json: unknown field ")
		if at, end, allowed, ok := unknownField(data, t); ok {
			off, locateAt = at, end
			msg = fmt.Sprintf("unknown field %s; check its spelling (allowed here: %s)", name, strings.Join(allowed, ", "))
		} else {
			msg = fmt.Sprintf("unknown field %s; check its spelling", name)
		}
	default:
		msg = err.Error()
	}
	e := &Error{File: file, Msg: msg, Err: err}
	if off >= 0 {
		e.Line, e.Column = Position(data, off)
		if locateAt < 0 {
			locateAt = off
		}
		e.Path, e.ID = Locate(data, locateAt)
	}
	return e
}

func lastField(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// KindName names a Go type as the kind of JSON value it reads.
func KindName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == reflect.TypeOf(json.Number("")) {
		return "a number"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

// frame is an open object or list while walking a document.
type frame struct {
	array     bool
	expectKey bool   // an object waiting for its next key
	key       string // the last key read in an object
	index     int    // the position of the last value read in a list
	members   map[string]string
}

// label is how an object in a list is named in a path: its "id", or for
// objects that have none, the members that identify them.
func (f *frame) label() string {
	if f == nil || f.members == nil {
		return ""
	}
	if id := f.members["id"]; id != "" {
		return fmt.Sprintf("id %q", id)
	}
	if c := f.members["competency"]; c != "" {
		if k := f.members["kind"]; k != "" {
			return fmt.Sprintf("competency %q, kind %q", c, k)
		}
		return fmt.Sprintf("competency %q", c)
	}
	if t := f.members["track"]; t != "" {
		return fmt.Sprintf("track %q", t)
	}
	return ""
}

// labelKeys are the string members remembered to name objects.
var labelKeys = map[string]bool{"id": true, "competency": true, "kind": true, "track": true}

type step struct {
	f       *frame
	key     string
	index   int
	between bool // between two members of an object: after key
}

// Locate returns the path to the byte offset in data (see Error.Path) and
// the "id" of the outermost listed object on it. The path leads to the
// token (key or value) that holds the offset. It reads data up to the
// first syntax error; the ids of objects that contain the offset are found
// even when they come after it.
func Locate(data []byte, offset int64) (path, id string) {
	path, id, _ = locate(data, offset)
	return path, id
}

// locate is Locate that also returns where the token holding the offset
// starts (or offset, when no token holds it).
func locate(data []byte, offset int64) (path, id string, tokenStart int64) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	var snap []step
	taken := false
	tokenStart = offset
	for {
		if taken && (len(snap) == 0 || !stillOpen(stack, snap)) {
			break
		}
		start := skipSpace(data, dec.InputOffset())
		tok, err := dec.Token()
		if err != nil {
			break
		}
		if !taken && dec.InputOffset() > offset {
			snap, taken = snapshot(stack), true
			tokenStart = start
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && !top.array && top.expectKey {
			if k, ok := tok.(string); ok {
				top.key, top.expectKey = k, false
				continue
			}
		}
		// A value starts (or a container ends).
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			valueDone(stack)
			continue
		}
		if top != nil && top.array {
			top.index++
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' {
				stack = append(stack, &frame{expectKey: true, members: map[string]string{}})
			} else {
				stack = append(stack, &frame{array: true, index: -1})
			}
		case string:
			if top != nil && !top.array && labelKeys[top.key] {
				if _, seen := top.members[top.key]; !seen {
					top.members[top.key] = t
				}
			}
			valueDone(stack)
		default:
			valueDone(stack)
		}
	}
	if !taken {
		snap = snapshot(stack)
	}
	path, id = render(snap)
	return path, id, tokenStart
}

// valueDone marks the end of a member's value: its object waits for the
// next key.
func valueDone(stack []*frame) {
	if len(stack) > 0 && !stack[len(stack)-1].array {
		stack[len(stack)-1].expectKey = true
	}
}

func snapshot(stack []*frame) []step {
	out := make([]step, len(stack))
	for i, f := range stack {
		out[i] = step{f: f, key: f.key, index: f.index, between: !f.array && f.expectKey}
	}
	return out
}

// stillOpen reports whether every frame of the snapshot is still open, so
// that walking on can still find their ids.
func stillOpen(stack []*frame, snap []step) bool {
	if len(stack) < len(snap) {
		return false
	}
	for i := range snap {
		if stack[i] != snap[i].f {
			return false
		}
	}
	return true
}

func render(snap []step) (path, id string) {
	var b strings.Builder
	for i, s := range snap {
		if s.f.array {
			if s.index < 0 {
				break
			}
			fmt.Fprintf(&b, "[%d]", s.index)
			if i+1 < len(snap) && !snap[i+1].f.array {
				if l := snap[i+1].f.label(); l != "" {
					fmt.Fprintf(&b, " (%s)", l)
					if id == "" {
						id = snap[i+1].f.members["id"]
					}
				}
			}
			continue
		}
		if s.key == "" {
			break
		}
		if s.between {
			if b.Len() > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "after %q", s.key)
			break
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String(), id
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

// unknownField finds the first object key in data that a value of type t
// has no field for, as DisallowUnknownFields would refuse it: where the key
// starts and ends, and the fields allowed there.
func unknownField(data []byte, t reflect.Type) (start, end int64, allowed []string, found bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	w := walker{data: data, dec: dec}
	w.value(t)
	return w.start, w.end, w.allowed, w.found
}

type walker struct {
	data    []byte
	dec     *json.Decoder
	start   int64
	end     int64
	allowed []string
	found   bool
}

var unmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

// value reads one value of type t; it returns false once an unknown field
// was found or the document cannot be read.
func (w *walker) value(t reflect.Type) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	tok, err := w.dec.Token()
	if err != nil {
		return false
	}
	d, isDelim := tok.(json.Delim)
	if !isDelim {
		return true
	}
	opaque := t == nil || t.Kind() == reflect.Interface || reflect.PointerTo(t).Implements(unmarshaler)
	switch {
	case d == '{' && !opaque && t.Kind() == reflect.Struct:
		fields := structFields(t)
		for w.dec.More() {
			at := skipSpace(w.data, w.dec.InputOffset())
			k, err := w.dec.Token()
			if err != nil {
				return false
			}
			key, _ := k.(string)
			ft, ok := lookup(fields, key)
			if !ok {
				w.start, w.end, w.found = at, w.dec.InputOffset(), true
				for name := range fields {
					w.allowed = append(w.allowed, strconv.Quote(name))
				}
				sort.Strings(w.allowed)
				return false
			}
			if !w.value(ft) {
				return false
			}
		}
	case d == '{' && !opaque && t.Kind() == reflect.Map:
		for w.dec.More() {
			if _, err := w.dec.Token(); err != nil {
				return false
			}
			if !w.value(t.Elem()) {
				return false
			}
		}
	case d == '[' && !opaque && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array):
		for w.dec.More() {
			if !w.value(t.Elem()) {
				return false
			}
		}
	default:
		// Not a type that is walked into: skip the value.
		for depth := 1; depth > 0; {
			tok, err := w.dec.Token()
			if err != nil {
				return false
			}
			if d, ok := tok.(json.Delim); ok {
				if d == '{' || d == '[' {
					depth++
				} else {
					depth--
				}
			}
		}
		return true
	}
	_, err = w.dec.Token() // the closing delimiter
	return err == nil
}

// structFields lists the JSON names of a struct's fields, with the fields
// of embedded structs, as encoding/json sees them.
func structFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			et := ft
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				for n, t := range structFields(et) {
					if _, taken := out[n]; !taken {
						out[n] = t
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = ft
	}
	return out
}

// lookup finds a field by its JSON name, exactly or ignoring case as
// encoding/json does.
func lookup(fields map[string]reflect.Type, key string) (reflect.Type, bool) {
	if t, ok := fields[key]; ok {
		return t, true
	}
	for name, t := range fields {
		if strings.EqualFold(name, key) {
			return t, true
		}
	}
	return nil, false
}

// DecodeDocument decodes one of Hatcheck's data documents (the item bank's
// two files, the scoring model, the plan content), whose "format" member
// names what it is; got is where v keeps that member once decoded.
//
// Strictly, an unknown field is an error, so that a typo in the data fails
// loudly instead of silently dropping content, and every error names its
// place (a *Error); a wrong file is named as such ("format is ..."), not by
// its first odd field. Not strictly (the embedded files, which tests decode
// strictly too), it is json.Unmarshal, which neither copies the document
// nor looks for unknown fields, and only an error is described strictly.
func DecodeDocument(file string, data []byte, format string, got *string, v any, strict bool) error {
	if !strict && json.Unmarshal(data, v) == nil && *got == format {
		return nil
	}
	if err := Decode(file, data, v); err != nil {
		var head struct {
			Format string `json:"format"`
		}
		if json.Unmarshal(data, &head) == nil && head.Format != format {
			return fmt.Errorf("%s: format is %q, want %q", file, head.Format, format)
		}
		return err
	}
	if *got != format {
		return fmt.Errorf("%s: format is %q, want %q", file, *got, format)
	}
	return nil
}
