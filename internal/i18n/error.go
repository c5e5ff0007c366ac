package i18n

import "strings"

// Error is an error whose message is a catalogue text: Error gives it in
// English (for logs and the -json output), Printer.Error in the person's
// language. Data values that are errors are its causes: errors.Is and
// errors.As see them, and they are rendered in the same language.
type Error struct {
	Key  string
	Data map[string]any
	// Count is the number a plural text is about; Plural says whether
	// it is one.
	Count  int
	Plural bool
}

// Errorf returns the error whose English message is key, with {{.Fields}}
// filled from data. A field holding an error wraps it.
func Errorf(key string, data ...map[string]any) error {
	e := &Error{Key: key}
	if len(data) > 0 {
		e.Data = data[0]
	}
	return e
}

// Errorn is Errorf for a message about n things, with plural forms.
func Errorn(key string, n int, data map[string]any) error {
	return &Error{Key: key, Data: data, Count: n, Plural: true}
}

func (e *Error) Error() string { return English().Error(e) }

// Unwrap returns the errors among the data: the causes.
func (e *Error) Unwrap() []error {
	var out []error
	for _, v := range e.Data {
		if err, ok := v.(error); ok {
			out = append(out, err)
		}
	}
	return out
}

// Localized is an error of its own type (one that errors.As finds, with
// fields a caller reads, such as a list of problems) whose message is
// written in catalogue texts: ErrorIn gives it as p writes it, and its
// Error is usually ErrorIn(English()). Printer.Error renders it.
type Localized interface {
	error
	ErrorIn(p *Printer) string
}

// Translated is a value of the data that has its own texts by language,
// such as a text of the question bank: a printer fills the field with In
// of its language.
type Translated interface {
	In(lang string) string
}

// Error renders err in the printer's language when it is an *Error or a
// Localized error, with the errors among its data rendered the same way
// and Translated values in the printer's language; any other error reads
// as it is (an *Error wrapped by fmt.Errorf included: the wrapper's own
// words are not in a catalogue).
func (p *Printer) Error(err error) string {
	e, ok := err.(*Error)
	if !ok {
		if err == nil {
			return ""
		}
		if l, ok := err.(Localized); ok {
			return l.ErrorIn(p)
		}
		return err.Error()
	}
	data := make(map[string]any, len(e.Data))
	for k, v := range e.Data {
		switch x := v.(type) {
		case error:
			v = p.Error(x)
		case Translated:
			v = x.In(p.lang)
		}
		data[k] = v
	}
	if e.Plural {
		return p.N(e.Key, e.Count, data)
	}
	return p.T(e.Key, data)
}

// Key marks a text for the catalogue where it is not looked up on the
// spot (a table of names, a constant); it returns key unchanged.
func Key(key string) string { return key }

// Errors renders each of errs as Error does: a list of problems for a
// person to read.
func (p *Printer) Errors(errs []error) []string {
	out := make([]string, len(errs))
	for i, err := range errs {
		out[i] = p.Error(err)
	}
	return out
}

// Join is errs read one after another, sep between them: a field of a
// message that lists problems ("the plan cannot be saved: {{.Problems}}").
// Each of errs is a cause of it.
func Join(sep string, errs []error) error { return list{errs, sep} }

type list struct {
	errs []error
	sep  string
}

func (l list) Error() string             { return l.ErrorIn(English()) }
func (l list) ErrorIn(p *Printer) string { return strings.Join(p.Errors(l.errs), l.sep) }
func (l list) Unwrap() []error           { return l.errs }
