package assessment

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"hatcheck/internal/i18n"
)

// Every syntax error encoding/json gives reads as Go says it in English
// and has its own Spanish, with the character kept and the cause found.
func TestJSONSyntaxErrorsReadInSpanish(t *testing.T) {
	es := i18n.For("es")
	for _, doc := range []string{
		`{"a":1`, `x`, `{1:2}`, `{"a" 1}`, `{"a":1 "b":2}`, `[1 2]`, `{} x`,
		"\"a\x01\"", `"\q"`, `"\u12x4"`, `-x`, `1.x`, `1ex`, `tx`, `fx`, `nx`, `nux`, `{"a":1,}`, `'`, `{"a":"b"'`,
		`[` + strings.Repeat("[", 10001),
	} {
		short := doc[:min(len(doc), 20)]
		var v any
		err := json.Unmarshal([]byte(doc), &v)
		var syn *json.SyntaxError
		if !errors.As(err, &syn) {
			t.Fatalf("%q: %v is not a syntax error", short, err)
		}
		got := JSONSyntax(err)
		var ie *i18n.Error
		if !errors.As(got, &ie) {
			t.Errorf("%q: %q has no catalogue text", short, err)
			continue
		}
		if got.Error() != err.Error() {
			t.Errorf("%q: English %q, Go says %q", short, got.Error(), err.Error())
		}
		if !errors.As(got, &syn) {
			t.Errorf("%q: the cause is lost", short)
		}
		s := es.Error(got)
		if s == err.Error() || strings.Contains(s, "invalid") || strings.Contains(s, "literal ") && !strings.Contains(s, "el literal") {
			t.Errorf("%q: Spanish %q", short, s)
		}
	}
	if plain := errors.New("x"); JSONSyntax(plain) != plain {
		t.Error("another error is not kept as it is")
	}
}
