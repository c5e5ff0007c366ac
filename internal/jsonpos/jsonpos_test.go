package jsonpos

import (
	"errors"
	"strings"
	"testing"
)

type doc struct {
	Format string `json:"format"`
	Items  []item `json:"items"`
}

type item struct {
	ID       string            `json:"id"`
	Text     map[string]string `json:"text"`
	Weight   int               `json:"weight"`
	Measures struct {
		Traits  []string `json:"traits"`
		Reverse bool     `json:"reverse"`
	} `json:"measures"`
	Options []struct {
		ID   string `json:"id"`
		Text string `json:"text"`
	} `json:"options"`
}

const good = `{
  "format": "x",
  "items": [
    {"id": "a", "text": {"en": "A"}},
    {
      "id": "b",
      "text": {"en": "B"},
      "measures": {"traits": ["t"], "reverse": true}
    }
  ]
}`

func decodeErr(t *testing.T, data string) *Error {
	t.Helper()
	var d doc
	err := Decode("data/items.json", []byte(data), &d)
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want a *jsonpos.Error", err, err)
	}
	return e
}

func TestDecodeAcceptsAGoodDocument(t *testing.T) {
	var d doc
	if err := Decode("f.json", []byte(good), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Items) != 2 || !d.Items[1].Measures.Reverse {
		t.Fatalf("decoded %+v", d)
	}
}

func TestUnknownFieldIsPlacedWithTheItemID(t *testing.T) {
	e := decodeErr(t, strings.Replace(good, `"reverse": true`, `"revers": true`, 1))
	if e.Line != 8 || e.Column != 37 {
		t.Errorf("line %d column %d, want 8:37", e.Line, e.Column)
	}
	if e.ID != "b" || e.Path != `items[1] (id "b").measures.revers` {
		t.Errorf("path %q id %q", e.Path, e.ID)
	}
	for _, want := range []string{"data/items.json, line 8, column 37", `unknown field "revers"`, `"reverse"`, `"traits"`} {
		if !strings.Contains(e.Error(), want) {
			t.Errorf("%q lacks %q", e.Error(), want)
		}
	}
}

func TestUnknownFieldBeforeTheIDStillNamesIt(t *testing.T) {
	e := decodeErr(t, strings.Replace(good, `{"id": "a", "text"`, `{"txt": {}, "id": "a", "text"`, 1))
	if e.ID != "a" || e.Line != 4 || e.Column != 6 {
		t.Errorf("id %q at %d:%d (%v)", e.ID, e.Line, e.Column, e)
	}
}

func TestSyntaxErrorIsPlacedWithTheItemID(t *testing.T) {
	e := decodeErr(t, strings.Replace(good, `"text": {"en": "B"},`, `"text": {"en": "B"}`, 1))
	if e.Line != 8 || e.ID != "b" || !strings.Contains(e.Error(), "not valid JSON") {
		t.Errorf("%v (line %d, id %q)", e, e.Line, e.ID)
	}
	if !strings.Contains(e.Path, `after "text"`) {
		t.Errorf("path %q does not say the error comes after text", e.Path)
	}
}

func TestWrongTypeIsPlacedAtTheValue(t *testing.T) {
	e := decodeErr(t, strings.Replace(good, `{"id": "a", "text": {"en": "A"}}`, `{"id": "a", "weight": "3"}`, 1))
	if e.Line != 4 || e.ID != "a" || !strings.Contains(e.Error(), `"weight" has the wrong type: got a JSON string, want a whole number`) {
		t.Errorf("%v (line %d, id %q, path %q)", e, e.Line, e.ID, e.Path)
	}
}

func TestOptionPathNamesItemAndOption(t *testing.T) {
	data := `{"format": "x", "items": [{"id": "s", "options": [{"id": "o1", "text": "x"}, {"id": "o2", "txet": "y"}]}]}`
	e := decodeErr(t, data)
	if e.ID != "s" || e.Path != `items[0] (id "s").options[1] (id "o2").txet` {
		t.Errorf("path %q id %q", e.Path, e.ID)
	}
}

func TestCutShortAndTrailingText(t *testing.T) {
	e := decodeErr(t, good[:40])
	if !strings.Contains(e.Error(), "cut short") {
		t.Errorf("%v", e)
	}
	e = decodeErr(t, good+"\n{}")
	if e.Line != 12 || e.Column != 1 || !strings.Contains(e.Error(), "more text after") {
		t.Errorf("%v (line %d)", e, e.Line)
	}
}

func TestPosition(t *testing.T) {
	data := []byte("ab\ncd\n")
	for off, want := range map[int64][2]int{0: {1, 1}, 2: {1, 3}, 3: {2, 1}, 4: {2, 2}, 100: {3, 1}, -1: {1, 1}} {
		l, c := Position(data, off)
		if l != want[0] || c != want[1] {
			t.Errorf("offset %d: %d:%d, want %d:%d", off, l, c, want[0], want[1])
		}
	}
}

func TestEmbeddedStructFieldsAreAllowed(t *testing.T) {
	type inner struct {
		A int `json:"a"`
	}
	var v struct {
		Format string `json:"format"`
		*inner
	}
	v.inner = &inner{}
	if err := Decode("f", []byte(`{"format":"x","a":1}`), &v); err != nil || v.A != 1 {
		t.Fatalf("%v %+v", err, v.inner)
	}
	err := Decode("f", []byte(`{"format":"x","b":1}`), &v)
	if err == nil || !strings.Contains(err.Error(), `"a", "format"`) {
		t.Fatalf("%v", err)
	}
}
