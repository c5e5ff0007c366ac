package i18n

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
	"unsafe"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// message is one text of a catalogue: its English wording (the ID), and its
// translation, with plural forms when it has them.
type message struct {
	ID, Zero, One, Two, Few, Many, Other string
}

func (m message) goI18n() *goi18n.Message {
	return &goi18n.Message{ID: m.ID, Zero: m.Zero, One: m.One, Two: m.Two, Few: m.Few, Many: m.Many, Other: m.Other}
}

// parseCatalogue reads a catalogue: a flat JSON object from each English
// text to its translation, or, for a text with plural forms, to an object
// of the forms ("one", "many", "other"...). It gives what go-i18n's
// ParseMessageFileBytes gives for this shape of file
// (TestParseCatalogueAgreesWithGoI18n).
//
// Every command line run reads the catalogues of its language, so they are
// read by a scanner made for their shape, about ten times faster than
// encoding/json; whatever it does not expect (an escape it does not know,
// a duplicate text, a number, bad UTF-8, a syntax error) is handed to
// parseCatalogueJSON, which decides, and FuzzParseCatalogue checks that the
// two agree on any input.
//
// With dropIdentity, a text whose translation is its key (a plain string)
// is left out: in English that is nearly every text, and a lookup gives the
// key anyway. The strings it returns share data's memory, which must not
// change afterwards.
func parseCatalogue(data []byte, dropIdentity bool) ([]message, error) {
	if msgs, ok := scanCatalogue(unsafe.String(unsafe.SliceData(data), len(data)), dropIdentity); ok {
		return msgs, nil
	}
	msgs, err := parseCatalogueJSON(data)
	if err != nil || !dropIdentity {
		return msgs, err
	}
	kept := msgs[:0]
	for _, m := range msgs {
		if m != (message{ID: m.ID, Other: m.ID}) {
			kept = append(kept, m)
		}
	}
	return kept, nil
}

// parseCatalogueJSON is parseCatalogue with encoding/json, for any input.
func parseCatalogueJSON(data []byte) ([]message, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	msgs := make([]message, 0, len(raw))
	for id, v := range raw {
		m := message{ID: id}
		if len(v) > 0 && v[0] == '"' {
			if err := json.Unmarshal(v, &m.Other); err != nil {
				return nil, fmt.Errorf("%q: %w", id, err)
			}
		} else {
			var forms struct{ Zero, One, Two, Few, Many, Other string }
			if err := json.Unmarshal(v, &forms); err != nil {
				return nil, fmt.Errorf("%q: %w", id, err)
			}
			m.Zero, m.One, m.Two, m.Few, m.Many, m.Other = forms.Zero, forms.One, forms.Two, forms.Few, forms.Many, forms.Other
		}
		msgs = append(msgs, m)
	}
	return msgs, nil
}

// scanCatalogue reads a catalogue of the usual shape; ok is false when
// the input is anything else, a text given twice included (encoding/json
// keeps the later, which leaving out identities could not tell).
func scanCatalogue(data string, dropIdentity bool) (msgs []message, ok bool) {
	s := catScanner{data: data}
	if !s.consume('{') {
		return nil, false
	}
	if s.consume('}') {
		return msgs, s.end()
	}
	seen := map[string]bool{} // raw keys: each character has one way to be written
	for {
		id, ok := s.raw()
		if !ok || seen[id] || !s.consume(':') {
			return nil, false
		}
		seen[id] = true
		var m message
		keep := true
		s.space()
		if s.i < len(s.data) && s.data[s.i] == '"' {
			other, ok := s.raw()
			if !ok {
				return nil, false
			}
			// The same text as its key, escapes and all (each character
			// has one way to be written here): nothing to keep, nothing to
			// unescape.
			if keep = !dropIdentity || other != id; keep {
				m.Other = unescape(other)
			}
		} else if !s.forms(&m) {
			return nil, false
		} else if dropIdentity {
			// Forms that say only what the key says (no other form, or
			// an empty key with none at all) are an identity too.
			u := unescape(id)
			keep = m != (message{Other: u})
		}
		if keep {
			m.ID = unescape(id)
			msgs = append(msgs, m)
		}
		if s.consume(',') {
			continue
		}
		if s.consume('}') {
			return msgs, s.end()
		}
		return nil, false
	}
}

type catScanner struct {
	data string
	i    int
}

func (s *catScanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// consume skips white space and then c, if it is there.
func (s *catScanner) consume(c byte) bool {
	s.space()
	if s.i < len(s.data) && s.data[s.i] == c {
		s.i++
		return true
	}
	return false
}

// end: nothing but white space is left.
func (s *catScanner) end() bool {
	s.space()
	return s.i == len(s.data)
}

// raw reads a string after white space and returns it as it is written,
// without its quotes: unescape reads it. Escapes other than \" \\ \n are
// left to encoding/json (ok false), as are control characters and bad UTF-8.
func (s *catScanner) raw() (string, bool) {
	if !s.consume('"') {
		return "", false
	}
	start := s.i
	for s.i < len(s.data) {
		switch c := s.data[s.i]; {
		case c == '"':
			raw := s.data[start:s.i]
			s.i++
			return raw, utf8.ValidString(raw)
		case c == '\\':
			if s.i+1 >= len(s.data) {
				return "", false
			}
			switch s.data[s.i+1] {
			case '"', '\\', 'n':
				s.i += 2
			default:
				return "", false
			}
		case c < 0x20:
			return "", false
		default:
			s.i++
		}
	}
	return "", false
}

// unescape turns a string read by raw into its text.
func unescape(raw string) string {
	if strings.IndexByte(raw, '\\') < 0 {
		return raw
	}
	b := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '\\' {
			i++
			if c = raw[i]; c == 'n' {
				c = '\n'
			}
		}
		b = append(b, c)
	}
	return string(b)
}

// forms reads an object of plural forms, each a string.
func (s *catScanner) forms(m *message) bool {
	if !s.consume('{') {
		return false
	}
	if s.consume('}') {
		return true
	}
	seen := 0
	for {
		name, ok := s.raw()
		if !ok || !s.consume(':') {
			return false
		}
		v, ok := s.raw()
		if !ok {
			return false
		}
		var field *string
		var bit int
		switch name {
		case "zero":
			field, bit = &m.Zero, 1
		case "one":
			field, bit = &m.One, 2
		case "two":
			field, bit = &m.Two, 4
		case "few":
			field, bit = &m.Few, 8
		case "many":
			field, bit = &m.Many, 16
		case "other":
			field, bit = &m.Other, 32
		default:
			return false // another name, or another case: encoding/json's rules
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		*field = unescape(v)
		if s.consume(',') {
			continue
		}
		return s.consume('}')
	}
}
