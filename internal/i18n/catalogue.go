package i18n

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

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
func parseCatalogue(data []byte) ([]message, error) {
	if msgs, ok := scanCatalogue(data); ok {
		return msgs, nil
	}
	return parseCatalogueJSON(data)
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
// the input is anything else.
func scanCatalogue(data []byte) (msgs []message, ok bool) {
	s := catScanner{data: data}
	if !s.consume('{') {
		return nil, false
	}
	msgs = make([]message, 0, bytes.Count(data, []byte("\":")))
	seen := make(map[string]bool, cap(msgs))
	if s.consume('}') {
		return msgs, s.end()
	}
	for {
		id, ok := s.str()
		if !ok || seen[id] || !s.consume(':') {
			return nil, false
		}
		seen[id] = true
		m := message{ID: id}
		s.space()
		if s.i < len(s.data) && s.data[s.i] == '"' {
			if m.Other, ok = s.str(); !ok {
				return nil, false
			}
		} else if !s.forms(&m) {
			return nil, false
		}
		msgs = append(msgs, m)
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
	data []byte
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

// str reads a string after white space. Escapes other than \" \\ \n are
// left to encoding/json (ok false), as are control characters and bad UTF-8.
func (s *catScanner) str() (string, bool) {
	if !s.consume('"') {
		return "", false
	}
	start := s.i
	var b *strings.Builder
	for s.i < len(s.data) {
		c := s.data[s.i]
		switch {
		case c == '"':
			raw := s.data[start:s.i]
			s.i++
			if !utf8.Valid(raw) {
				return "", false
			}
			if b == nil {
				return string(raw), true
			}
			b.Write(raw)
			return b.String(), true
		case c == '\\':
			if s.i+1 >= len(s.data) {
				return "", false
			}
			var r byte
			switch s.data[s.i+1] {
			case '"', '\\':
				r = s.data[s.i+1]
			case 'n':
				r = '\n'
			default:
				return "", false
			}
			if b == nil {
				b = &strings.Builder{}
			}
			b.Write(s.data[start:s.i])
			b.WriteByte(r)
			s.i += 2
			start = s.i
		case c < 0x20:
			return "", false
		default:
			s.i++
		}
	}
	return "", false
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
		name, ok := s.str()
		if !ok || !s.consume(':') {
			return false
		}
		v, ok := s.str()
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
		*field = v
		if s.consume(',') {
			continue
		}
		return s.consume('}')
	}
}
