package i18n

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

// Error renders err in the printer's language when it is an *Error, with
// the errors among its data rendered the same way; any other error reads
// as it is (an *Error wrapped by fmt.Errorf included: the wrapper's own
// words are not in a catalogue).
func (p *Printer) Error(err error) string {
	e, ok := err.(*Error)
	if !ok {
		if err == nil {
			return ""
		}
		return err.Error()
	}
	data := make(map[string]any, len(e.Data))
	for k, v := range e.Data {
		if cause, ok := v.(error); ok {
			v = p.Error(cause)
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
