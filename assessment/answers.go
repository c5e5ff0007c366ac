package assessment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"hatcheck/internal/i18n"
	"hatcheck/internal/jsonpos"
	"hatcheck/questions"
)

// AnswersFormat and AnswersVersion identify an answers file.
const (
	AnswersFormat  = "hatcheck-answers"
	AnswersVersion = 1
)

// Contexts a respondent can work in; the plan adapts to them.
var Contexts = []string{"small-business", "agency", "enterprise", "freelance", "student"}

// maxNameRunes bounds a respondent's name; longer is almost certainly not a
// name.
const maxNameRunes = 200

// maxEvidenceRunes bounds an evidence note.
const maxEvidenceRunes = 2000

// Respondent is who answered.
type Respondent struct {
	Name    string `json:"name,omitempty"`
	Context string `json:"context,omitempty"`
}

// Answer is one answered item. Exactly the fields of the item's kind are set.
type Answer struct {
	// Value is the scale point of a skill rating or work-style statement.
	Value int
	// Evidence is an optional link or example for a skill rating.
	Evidence string
	// Option is the chosen option of a forced-choice pair or scenario.
	Option string
	// Hours and Energy answer a current-work audit task.
	Hours  float64
	Energy string
}

// Answers is a parsed and validated answers file. Items left out are
// skipped, never imputed.
type Answers struct {
	Respondent Respondent
	// Items holds the answers by current item ID.
	Items map[string]Answer
	// Skipped lists the items the person chose to skip (null in an answers
	// file), sorted: seen, but not answered. An item in neither is unseen.
	Skipped []string
	// Renamed maps each answered ID that the bank has since renamed to its
	// current ID: "<old item>" to "<item>", "<item>/<old option>" to
	// "<option>". The answers count as given to the current IDs.
	Renamed map[string]string
	// Dropped lists answers that could not be used because the bank no
	// longer asks their question ("<item>") or offers their option
	// ("<item>/<option>"). The result says so in a quality note.
	Dropped []string
	// BankVersion is the version of the questions the answers were given
	// to, when it is known (a saved attempt); "" for an answers file. The
	// result notes an attempt answered on another version.
	BankVersion string
}

// InputError reports every problem found in an answers file, each naming
// the item and the allowed values. Each problem is a catalogue text (see
// i18n.Errorf): Error gives them in English, a printer in its language.
type InputError struct {
	Problems []error
}

func (e *InputError) Error() string { return e.ErrorIn(i18n.English()) }

// ErrorIn gives every problem in p's language (i18n.Localized).
func (e *InputError) ErrorIn(p *i18n.Printer) string {
	if len(e.Problems) == 1 {
		return p.Error(e.Problems[0])
	}
	return p.Error(i18n.Errorn("{{.N}} problems:\n  {{.List}}", len(e.Problems), map[string]any{"N": len(e.Problems), "List": i18n.Join("\n  ", e.Problems)}))
}

// inputError is the InputError of one problem.
func inputError(problem error) *InputError { return &InputError{[]error{problem}} }

// maxReported keeps a hopeless file from producing thousands of lines.
const maxReported = 20

// ParseAnswers reads an answers file and checks every answer against the
// bank. The error, if any, is an *InputError that says what is wrong and
// what is allowed.
func ParseAnswers(data []byte, bank *questions.Bank) (*Answers, error) {
	var doc struct {
		Format     *string        `json:"format"`
		Version    *json.Number   `json:"version"`
		Respondent *Respondent    `json:"respondent"`
		Answers    BoundedAnswers `json:"answers"`
	}
	if len(data) > MaxAnswersBytes {
		return nil, inputError(i18n.Errorf("the file is {{.Size}} bytes; an answers file is at most {{.Max}}, so this is not one", map[string]any{"Size": len(data), "Max": MaxAnswersBytes}))
	}
	data, err := JSONText(data) // a byte order mark, UTF-16, duplicate keys...
	if err != nil {
		return nil, inputError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return nil, inputError(describeJSONError(data, err))
	}
	if dec.More() {
		return nil, inputError(i18n.Errorf("there is more text after the JSON object; an answers file holds exactly one object"))
	}
	switch {
	case doc.Format == nil:
		return nil, inputError(i18n.Errorf("this is not a Hatcheck answers file: \"format\" is missing (want \"format\": {{.Want}})", map[string]any{"Want": strconv.Quote(AnswersFormat)}))
	case *doc.Format != AnswersFormat:
		return nil, inputError(i18n.Errorf("this is not a Hatcheck answers file: \"format\" is {{.Format}}, want {{.Want}}", map[string]any{"Format": strconv.Quote(*doc.Format), "Want": strconv.Quote(AnswersFormat)}))
	case doc.Version == nil:
		return nil, inputError(i18n.Errorf("\"version\" is missing; this Hatcheck reads version {{.Want}}", map[string]any{"Want": AnswersVersion}))
	case doc.Version.String() != fmt.Sprint(AnswersVersion):
		return nil, inputError(i18n.Errorf("\"version\" is {{.Version}}; this Hatcheck reads version {{.Want}} only (a newer Hatcheck may have written this file)", map[string]any{"Version": doc.Version.String(), "Want": AnswersVersion}))
	}
	a := &Answers{Items: make(map[string]Answer, len(doc.Answers))}
	var problems []error
	if doc.Respondent != nil {
		a.Respondent = *doc.Respondent
		a.Respondent.Name = CleanName(a.Respondent.Name)
		if n := utf8.RuneCountInString(a.Respondent.Name); n > maxNameRunes {
			problems = append(problems, i18n.Errorf("respondent \"name\" is {{.N}} characters long; allowed: up to {{.Max}}", map[string]any{"N": n, "Max": maxNameRunes}))
		}
		if c := a.Respondent.Context; c != "" && !containsString(Contexts, c) {
			problems = append(problems, i18n.Errorf("respondent \"context\" is {{.Context}}; allowed: {{.Allowed}} (or leave it out)", map[string]any{"Context": strconv.Quote(c), "Allowed": quoteList(Contexts)}))
		}
	}
	ids := make([]string, 0, len(doc.Answers))
	for id := range doc.Answers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	// Answers under current IDs first, then those under IDs the bank has
	// renamed: when a file holds both the old and the new ID of an item,
	// the answer to the new one wins.
	seen := map[string]bool{}
	var renamed []string
	for _, id := range ids {
		cur, ok := bank.CurrentID(id)
		switch {
		case ok && cur == id:
			seen[id] = true
			problems = a.add(bank, id, id, doc.Answers[id], problems)
		case ok:
			renamed = append(renamed, id)
		case bank.IsRetired(id):
			if string(bytes.TrimSpace(doc.Answers[id])) != "null" {
				a.Dropped = append(a.Dropped, id)
			}
		default:
			problems = append(problems, i18n.Errorf("item {{.Item}}: there is no such item (run \"hatcheck questions\" to list the item IDs)", map[string]any{"Item": strconv.Quote(id)}))
		}
	}
	for _, old := range renamed {
		if cur, _ := bank.CurrentID(old); !seen[cur] {
			seen[cur] = true
			problems = a.add(bank, old, cur, doc.Answers[old], problems)
		}
	}
	sort.Strings(a.Dropped)
	if len(problems) > 0 {
		if len(problems) > maxReported {
			more := len(problems) - maxReported
			problems = append(problems[:maxReported], i18n.Errorf("... and {{.N}} more", map[string]any{"N": more}))
		}
		return nil, &InputError{problems}
	}
	return a, nil
}

// add checks the answer given under ID from to the current item id, and
// keeps it or appends the problem with it.
func (a *Answers) add(bank *questions.Bank, from, id string, raw json.RawMessage, problems []error) []error {
	if string(bytes.TrimSpace(raw)) == "null" {
		if !containsString(a.Skipped, id) {
			a.Skipped = append(a.Skipped, id) // an explicit skip
			sort.Strings(a.Skipped)
		}
		return problems
	}
	name := i18n.Errorf("item {{.Item}}", map[string]any{"Item": strconv.Quote(from)})
	if from != id {
		name = i18n.Errorf("item {{.Item}} (now {{.Now}})", map[string]any{"Item": strconv.Quote(from), "Now": strconv.Quote(id)})
	}
	it, _ := bank.Item(id)
	raw, dropped, renamedOption := carryOption(bank, it, raw)
	if dropped != "" {
		a.Dropped = append(a.Dropped, dropped)
		return problems
	}
	ans, err := parseAnswer(bank, it, raw)
	if err != nil {
		return append(problems, i18n.Errorf("{{.Item}}: {{.Err}}", map[string]any{"Item": name, "Err": err}))
	}
	a.Items[id] = ans
	if from != id {
		a.rename(from, id)
	}
	if renamedOption != "" {
		a.rename(id+"/"+renamedOption, ans.Option)
	}
	return problems
}

func (a *Answers) rename(from, to string) {
	if a.Renamed == nil {
		a.Renamed = map[string]string{}
	}
	a.Renamed[from] = to
}

// carryOption carries an option answer given under an option ID the bank
// has renamed to the current ID (renamed is the old option ID), or reports
// one the bank has retired as dropped ("<item>/<option>"). Other answers
// are returned as they are, to be checked by parseAnswer.
func carryOption(bank *questions.Bank, it *questions.Item, raw json.RawMessage) (out json.RawMessage, dropped, renamed string) {
	if it.Kind != questions.KindForcedChoice && it.Kind != questions.KindScenario {
		return raw, "", ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return raw, "", ""
	}
	if _, ok := it.Option(s); ok {
		return raw, "", ""
	}
	if cur, ok := bank.CurrentOption(it.ID, s); ok {
		out, _ = json.Marshal(cur)
		return out, "", s
	}
	if bank.IsRetired(it.ID + "/" + s) {
		return raw, it.ID + "/" + s, ""
	}
	return raw, "", ""
}

// CleanName tidies a name for display: NFC normalised, without surrounding
// spaces (no-break and narrow ones included), with one space between words,
// and without zero-width spaces or byte order marks, which cannot be seen.
// Two people whose names clean to the same text are still two people.
func CleanName(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case invisible(r):
		case unicode.IsSpace(r):
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// invisible reports a zero-width space or a byte order mark (zero-width
// no-break space), which spreadsheets and web forms leave in text.
func invisible(r rune) bool { return r == '\u200B' || r == '\uFEFF' }

func parseAnswer(bank *questions.Bank, it *questions.Item, raw json.RawMessage) (Answer, error) {
	switch it.Kind {
	case questions.KindSkillRating, questions.KindWorkStyle:
		sc := bank.Scales[it.Scale]
		allowed := i18n.Errorf("a whole number from {{.Min}} ({{.MinLabel}}) to {{.Max}} ({{.MaxLabel}})",
			map[string]any{"Min": sc.Min, "MinLabel": label(sc, sc.Min), "Max": sc.Max, "MaxLabel": label(sc, sc.Max)})
		if it.Evidence {
			allowed = i18n.Errorf("{{.Allowed}}, or {\"level\": <number>, \"evidence\": \"<link or example>\"}", map[string]any{"Allowed": allowed})
		}
		var num json.Number
		if bytes.HasPrefix(bytes.TrimSpace(raw), []byte("{")) && it.Evidence {
			var obj struct {
				Level    *json.Number `json:"level"`
				Evidence string       `json:"evidence"`
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.UseNumber()
			dec.DisallowUnknownFields()
			if err := dec.Decode(&obj); err != nil || obj.Level == nil {
				return Answer{}, i18n.Errorf("{{.Value}} is not a valid answer; allowed: {{.Allowed}}", map[string]any{"Value": short(raw), "Allowed": allowed})
			}
			if n := utf8.RuneCountInString(obj.Evidence); n > maxEvidenceRunes {
				return Answer{}, i18n.Errorf("the evidence note is {{.N}} characters long; allowed: up to {{.Max}}", map[string]any{"N": n, "Max": maxEvidenceRunes})
			}
			v, err := scaleValue(*obj.Level, sc)
			if err != nil {
				return Answer{}, i18n.Errorf("{{.Err}}; allowed: {{.Allowed}}", map[string]any{"Err": err, "Allowed": allowed})
			}
			return Answer{Value: v, Evidence: strings.TrimSpace(obj.Evidence)}, nil
		}
		// json.Number would also take a quoted number such as "4"; a rating
		// written as text is a mistake worth naming.
		if bytes.HasPrefix(bytes.TrimSpace(raw), []byte(`"`)) || json.Unmarshal(raw, &num) != nil {
			return Answer{}, i18n.Errorf("{{.Value}} is not a number; allowed: {{.Allowed}}", map[string]any{"Value": short(raw), "Allowed": allowed})
		}
		v, err := scaleValue(num, sc)
		if err != nil {
			return Answer{}, i18n.Errorf("{{.Err}}; allowed: {{.Allowed}}", map[string]any{"Err": err, "Allowed": allowed})
		}
		return Answer{Value: v}, nil

	case questions.KindForcedChoice, questions.KindScenario:
		allowed := i18n.Errorf("one of {{.List}}", map[string]any{"List": quoteList(it.OptionIDs())})
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return Answer{}, i18n.Errorf("{{.Value}} is not an option ID; allowed: {{.Allowed}}", map[string]any{"Value": short(raw), "Allowed": allowed})
		}
		if _, ok := it.Option(s); !ok {
			return Answer{}, i18n.Errorf("{{.Value}} is not an option of this item; allowed: {{.Allowed}}", map[string]any{"Value": strconv.Quote(s), "Allowed": allowed})
		}
		return Answer{Option: s}, nil

	case questions.KindAuditTask:
		energies := make([]string, len(bank.Audit.Energy))
		for i, e := range bank.Audit.Energy {
			energies[i] = e.ID
		}
		allowed := i18n.Errorf("{\"hours\": <{{.Min}} to {{.Max}}>, \"energy\": one of {{.Energies}}}", map[string]any{"Min": bank.Audit.Hours.Min, "Max": bank.Audit.Hours.Max, "Energies": quoteList(energies)})
		var obj struct {
			Hours  *json.Number `json:"hours"`
			Energy *string      `json:"energy"`
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		dec.DisallowUnknownFields()
		if err := dec.Decode(&obj); err != nil {
			return Answer{}, i18n.Errorf("{{.Value}} is not a valid audit answer; allowed: {{.Allowed}}", map[string]any{"Value": short(raw), "Allowed": allowed})
		}
		if obj.Hours == nil || obj.Energy == nil {
			return Answer{}, i18n.Errorf("both \"hours\" and \"energy\" are needed; allowed: {{.Allowed}}", map[string]any{"Allowed": allowed})
		}
		h, err := obj.Hours.Float64()
		if err != nil || math.IsNaN(h) || h < bank.Audit.Hours.Min || h > bank.Audit.Hours.Max {
			return Answer{}, i18n.Errorf("hours {{.Hours}} is out of range; allowed: {{.Allowed}}", map[string]any{"Hours": obj.Hours.String(), "Allowed": allowed})
		}
		if !containsString(energies, *obj.Energy) {
			return Answer{}, i18n.Errorf("energy {{.Energy}} is not allowed; allowed: {{.Allowed}}", map[string]any{"Energy": strconv.Quote(*obj.Energy), "Allowed": allowed})
		}
		return Answer{Hours: h, Energy: *obj.Energy}, nil
	}
	return Answer{}, i18n.Errorf("item kind {{.Kind}} cannot be answered", map[string]any{"Kind": strconv.Quote(string(it.Kind))})
}

// label is the label of point v of a scale in every language, for a
// message (a printer gives it in its language).
func label(sc questions.Scale, v int) questions.Text {
	if i := v - sc.Min; i >= 0 && i < len(sc.Labels) {
		return sc.Labels[i]
	}
	return questions.Text{}
}

func scaleValue(n json.Number, sc questions.Scale) (int, error) {
	f, err := n.Float64()
	if err != nil || f != math.Trunc(f) {
		return 0, i18n.Errorf("{{.Value}} is not a whole number", map[string]any{"Value": n.String()})
	}
	if f < float64(sc.Min) || f > float64(sc.Max) {
		return 0, i18n.Errorf("{{.Value}} is out of range", map[string]any{"Value": n.String()})
	}
	return int(f), nil
}

// maxAnswerKeys bounds the answers object: the bank has fewer than a
// hundred items, and a file with millions of keys would take the memory of
// the machine to read.
const maxAnswerKeys = 1000

// BoundedAnswers is an answers object as a file holds it, read key by key
// so that a file with too many answers is refused before they are all held.
// Results files use it too.
type BoundedAnswers map[string]json.RawMessage

func (b *BoundedAnswers) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		if bytes.Equal(bytes.TrimSpace(data), []byte("null")) {
			return nil
		}
		kind := "value"
		switch c := bytes.TrimSpace(data); {
		case len(c) == 0:
		case c[0] == '[':
			kind = "array"
		case c[0] == '"':
			kind = "string"
		case c[0] == 't' || c[0] == 'f':
			kind = "bool"
		default:
			kind = "number"
		}
		return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeOf(map[string]json.RawMessage{})}
	}
	m := BoundedAnswers{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return err
		}
		m[t.(string)] = raw
		if len(m) > maxAnswerKeys {
			return errTooManyAnswers
		}
	}
	*b = m
	return nil
}

var errTooManyAnswers = i18n.Errorf("\"answers\" holds more than {{.Max}} entries; the questionnaire has fewer than a hundred items, so this is not an answers file", map[string]any{"Max": maxAnswerKeys})

// describeJSONError turns a decoding error into a message with a line and
// column a person can find in an editor.
func describeJSONError(data []byte, err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, errTooManyAnswers):
		return errTooManyAnswers
	case errors.As(err, &syn):
		line, col := jsonpos.Position(data, syn.Offset)
		return i18n.Errorf("the file is not valid JSON: {{.Err}} (line {{.Line}}, column {{.Column}})", map[string]any{"Err": JSONSyntax(syn), "Line": line, "Column": col})
	case errors.As(err, &typ):
		line, col := jsonpos.Position(data, typ.Offset)
		var field any = strconv.Quote(typ.Field)
		if typ.Field == "" {
			field = i18n.Errorf("the file")
		}
		return i18n.Errorf("{{.Field}} has the wrong type: got a JSON {{.Got}}, want {{.Want}} (line {{.Line}}, column {{.Column}})",
			map[string]any{"Field": field, "Got": JSONValueName(typ.Value), "Want": typeName(typ.Type.String()), "Line": line, "Column": col})
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return i18n.Errorf("the file is empty or cut short; an answers file is a JSON object")
	case strings.HasPrefix(err.Error(), "json: unknown field"):
		return i18n.Errorf("unexpected top-level field {{.Field}}; allowed: \"format\", \"version\", \"respondent\", \"answers\"", map[string]any{"Field": strings.TrimPrefix(err.Error(), "json: unknown field ")})
	}
	return i18n.Errorf("the file is not a valid answers file: {{.Err}}", map[string]any{"Err": err})
}

// JSONValueName names the kind of a JSON value as encoding/json's
// UnmarshalTypeError gives it ("string", "number", "number 1e400"): a
// catalogue text, or the name as it is when it is another.
func JSONValueName(v string) any {
	switch {
	case v == "string":
		return i18n.Errorf("string")
	case v == "number":
		return i18n.Errorf("number")
	case strings.HasPrefix(v, "number "):
		return i18n.Errorf("number {{.Value}}", map[string]any{"Value": strings.TrimPrefix(v, "number ")})
	case v == "object":
		return i18n.Errorf("object")
	case v == "array":
		return i18n.Errorf("array")
	case v == "bool":
		return i18n.Errorf("bool")
	}
	return v
}

// typeName names the JSON a Go type wants: a catalogue text, or the Go
// type as it is.
func typeName(goType string) any {
	switch {
	case strings.HasPrefix(goType, "map"), strings.HasPrefix(goType, "assessment."), strings.HasPrefix(goType, "struct"):
		return i18n.Errorf("an object")
	case goType == "string", goType == "*string":
		return i18n.Errorf("a string")
	case strings.Contains(goType, "Number"):
		return i18n.Errorf("a number")
	}
	return goType
}

func short(raw json.RawMessage) string {
	s := strings.Join(strings.Fields(string(raw)), " ")
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:40]) + "..."
	}
	return s
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// MarshalJSON writes answers in the answers-file format, so that a result
// saved by the app can be read back by the command line.
func (a *Answers) MarshalJSON() ([]byte, error) {
	out := map[string]json.RawMessage{}
	for id, ans := range a.Items {
		out[id] = AnswerJSON(ans.Stored())
	}
	for _, id := range a.Skipped {
		out[id] = json.RawMessage("null")
	}
	return json.Marshal(map[string]any{
		"format":     AnswersFormat,
		"version":    AnswersVersion,
		"respondent": a.Respondent,
		"answers":    out,
	})
}

// Stored is an answer as Hatcheck stores it: the value an answers file
// writes (a scale point, an option ID, an audit object), and the evidence
// apart. This and AnswerJSON are the one encoding of answers: files,
// results files and the database all use them.
func (a Answer) Stored() (value json.RawMessage, evidence string) {
	var v any
	switch {
	case a.Option != "":
		v = a.Option
	case a.Energy != "":
		v = map[string]any{"hours": a.Hours, "energy": a.Energy}
	default:
		v = a.Value
	}
	b, _ := json.Marshal(v)
	return b, a.Evidence
}

// AnswerJSON is an answer as an answers file writes it under its item:
// the value, or {"level": value, "evidence": "..."} when there is evidence.
// A skip is the value null.
func AnswerJSON(value json.RawMessage, evidence string) json.RawMessage {
	if evidence == "" || bytes.Equal(value, []byte("null")) {
		return value
	}
	ev, _ := json.Marshal(evidence)
	return json.RawMessage(fmt.Sprintf(`{"level":%s,"evidence":%s}`, value, ev))
}
