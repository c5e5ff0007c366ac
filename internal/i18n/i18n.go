// Package i18n is how Hatcheck's domain layer (assessment, report, cli,
// workshop) speaks a language: texts are looked up by their English
// wording in the catalogues embedded from assets/translations, the same
// files and the same engine (go-i18n) that Fyne's lang package uses for the
// window, so a text reads the same wherever it is shown and a language is
// data. It does not import Fyne.
package i18n

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"hatcheck/assets"
)

// Supported are the languages Hatcheck speaks, English first: it is the
// language every text is written in and the one a missing text falls back to.
var Supported = []string{"en", "es"}

// Names are the languages by their own name, for a language choice.
var Names = map[string]string{"en": "English", "es": "Español"}

// catalogues holds the domain catalogues a printer of lang needs: English's
// (the fallback, and the singular forms of English plurals) and lang's. The
// window's own catalogues (en.json, es.json: no dot before the language) are
// Fyne's, not the domain's, and are left out, as are other languages: a
// command line run parses only what it may print, which is most of its
// start-up time otherwise.
//
// texts maps every text to what T prints for it in lang (its "other" form):
// lang's translation, else the English catalogue's, and a text that reads as
// its key (every English one without plural forms) is left out, since a
// lookup gives the key anyway. plural names the texts with plural forms;
// newLocalizer makes the go-i18n localizer that serves N for them, which
// knows each language's plural rules (making it costs as much as reading
// the catalogues, so it waits for the first text with plural forms).
func catalogues(lang string) (texts map[string]string, plural map[string]bool, newLocalizer func() *goi18n.Localizer) {
	entries, err := fs.ReadDir(assets.Translations, "translations")
	if err != nil {
		panic(err) // embedded: cannot happen in a built binary
	}
	byLang := map[string][]message{}
	plural = map[string]bool{}
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".json")
		_, fileLang, domain := strings.Cut(base, ".")
		if !ok || !domain || (fileLang != "en" && fileLang != lang) {
			continue
		}
		name := path.Join("translations", e.Name())
		data, err := assets.Translations.ReadFile(name)
		if err != nil {
			panic(err)
		}
		msgs, err := parseCatalogue(data, fileLang == "en")
		if err != nil {
			panic(fmt.Sprintf("i18n: %s: %v", name, err))
		}
		for _, m := range msgs {
			if m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != "" {
				plural[m.ID] = true
			}
		}
		byLang[fileLang] = append(byLang[fileLang], msgs...)
	}
	texts = map[string]string{}
	langs := []string{"en"}
	if lang != "en" {
		langs = append(langs, lang)
	}
	// English first, so that lang's translations replace its texts.
	for _, l := range langs {
		for _, m := range byLang[l] {
			if m.Other != "" {
				texts[m.ID] = m.Other
			}
		}
	}
	return texts, plural, func() *goi18n.Localizer {
		b := goi18n.NewBundle(language.English)
		for _, l := range langs {
			var kept []*goi18n.Message
			for _, m := range byLang[l] {
				if plural[m.ID] {
					kept = append(kept, m.goI18n())
				}
			}
			if err := b.AddMessages(language.Make(l), kept...); err != nil {
				panic(fmt.Sprintf("i18n: %s: %v", l, err))
			}
		}
		return goi18n.NewLocalizer(b, lang)
	}
}

// Printer renders texts in one language. The zero value is not usable; get
// one with For. Printers are safe for concurrent use.
type Printer struct {
	lang string
	// texts and templates serve T; loc serves N for the texts with plural
	// forms (see catalogues).
	texts     map[string]string
	templates sync.Map // key -> *compiled, at first use
	plural    map[string]bool
	loc       func() *goi18n.Localizer
}

var printers sync.Map // lang -> *Printer

// For returns the printer of a language ("es", "es_MX.UTF-8", "es-AR"); a
// language Hatcheck does not speak gets English.
func For(lang string) *Printer {
	code := Match(lang)
	if p, ok := printers.Load(code); ok {
		return p.(*Printer)
	}
	texts, plural, newLocalizer := catalogues(code)
	p, _ := printers.LoadOrStore(code, &Printer{lang: code, texts: texts, plural: plural, loc: sync.OnceValue(newLocalizer)})
	return p.(*Printer)
}

// English is the printer of the language every text is written in.
func English() *Printer { return For("en") }

// Lang is the printer's language code: "en" or "es".
func (p *Printer) Lang() string { return p.lang }

// T returns the text whose English wording is key, in the printer's
// language, with {{.Name}} fields filled from data (a map or a struct).
//
// It gives what go-i18n's Localize gives for the same catalogues
// (TestTAgreesWithGoI18n) without its cost per call: a text is looked up in
// one map, and a template is parsed once per printer, not at every call.
func (p *Printer) T(key string, data ...any) string {
	src, ok := p.texts[key]
	if !ok {
		src = key
	}
	if !strings.Contains(src, "{{") {
		return src
	}
	var c *compiled
	if v, ok := p.templates.Load(key); ok {
		c = v.(*compiled)
	} else {
		c = compile(src)
		p.templates.Store(key, c)
	}
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	if c.fields != nil {
		if s, ok := c.fill(d); ok {
			return s
		}
	}
	if c.err != nil {
		return key
	}
	var b strings.Builder
	if err := c.tmpl.Execute(&b, d); err != nil {
		return key
	}
	return b.String()
}

// compiled is a text's template, parsed once per printer. Nearly every
// text's fields are plain {{.Name}}, filled from a map of strings and
// numbers: fill does that without text/template, which parsing and running
// cost a command line run about a millisecond (issue 16); it gives what
// text/template gives (TestTAgreesWithGoI18n, FuzzFill) or says it cannot.
type compiled struct {
	// fields alternates literal text and field names, text first and last;
	// nil when an action is not a plain {{.Name}}.
	fields []string
	// tmpl is the text/template, parsed when fill cannot do without it.
	once sync.Once
	src  string
	tmpl *template.Template
	err  error
}

func compile(src string) *compiled {
	c := &compiled{src: src}
	c.fields = plainFields(src)
	if c.fields == nil {
		c.parse()
	}
	return c
}

// parse parses the text/template, with the options of go-i18n's text
// parser.
func (c *compiled) parse() {
	c.once.Do(func() {
		c.tmpl, c.err = template.New("").Option("missingkey=default").Parse(c.src)
	})
}

// plainFields splits src at its actions when each is a plain {{.Name}}.
func plainFields(src string) []string {
	var parts []string
	for {
		i := strings.Index(src, "{{")
		if i < 0 {
			return append(parts, src)
		}
		j := strings.Index(src[i:], "}}")
		if j < 0 {
			return nil
		}
		name, ok := strings.CutPrefix(src[i+2:i+j], ".")
		if !ok || name == "" {
			return nil
		}
		for k, r := range name {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || k > 0 && r >= '0' && r <= '9') {
				return nil
			}
		}
		parts = append(parts, src[:i], name)
		src = src[i+j+2:]
	}
}

// fill fills the fields from a map whose values are strings, numbers or
// booleans (printed as text/template prints them); ok is false for
// anything else (an error, a missing field, a struct), which the
// text/template then fills.
func (c *compiled) fill(data any) (s string, ok bool) {
	m, isMap := data.(map[string]any)
	if !isMap {
		c.parse()
		return "", false
	}
	var b strings.Builder
	for i, part := range c.fields {
		if i%2 == 0 {
			b.WriteString(part)
			continue
		}
		switch v := m[part].(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		case int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, float32, float64, bool:
			fmt.Fprint(&b, v)
		default:
			c.parse()
			return "", false
		}
	}
	return b.String(), true
}

// N is T for a text about n things, in the plural form the language uses
// for n ("one", "many", "other"...). key is the English plural; the English
// singular lives in the catalogue.
func (p *Printer) N(key string, n int, data ...any) string {
	if !p.plural[key] {
		// One form for every n, as go-i18n falls back to "other".
		if len(data) == 0 || data[0] == nil {
			data = []any{map[string]any{"PluralCount": n}}
		}
		return p.T(key, data...)
	}
	return p.localize(key, n, data)
}

func (p *Printer) localize(key string, n any, data []any) string {
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	s, err := p.loc().Localize(&goi18n.LocalizeConfig{
		DefaultMessage: &goi18n.Message{ID: key, Other: key},
		TemplateData:   d,
		PluralCount:    n,
	})
	if err != nil && s == "" {
		return key
	}
	return s
}

// Match returns the first of tags that Hatcheck speaks, by language only
// ("es_ES.UTF-8", "es-419" and "es" are all "es"), or "en". Tags are locale
// names as in LANG or BCP 47 tags.
func Match(tags ...string) string {
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		t, _, _ = strings.Cut(t, ".")
		t, _, _ = strings.Cut(t, "@")
		base := strings.FieldsFunc(t, func(r rune) bool { return r == '_' || r == '-' })
		if len(base) == 0 {
			continue
		}
		for _, s := range Supported {
			if base[0] == s {
				return s
			}
		}
	}
	return Supported[0]
}

// System is the language of the person's environment, read as gettext
// does: LANGUAGE (a list, unless the locale is C), then LC_ALL, LC_MESSAGES
// and LANG; Hatcheck's first supported language in them, else English.
func System() string {
	var locale string
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = os.Getenv(v); locale != "" {
			break
		}
	}
	base, _, _ := strings.Cut(locale, ".")
	if base == "C" || base == "POSIX" {
		return Supported[0]
	}
	var tags []string
	if l := os.Getenv("LANGUAGE"); l != "" && locale != "" {
		tags = strings.Split(l, ":")
	}
	return Match(append(tags, locale)...)
}

// Date writes a day in the printer's language: "23 November 2026",
// "23 de noviembre de 2026".
func (p *Printer) Date(t time.Time) string {
	return p.T("{{.Day}} {{.Month}} {{.Year}}", map[string]any{"Day": t.Day(), "Month": p.T(t.Month().String()), "Year": t.Year()})
}

// ShortDate writes a day and time briefly: "23 Nov 2026 08:49".
func (p *Printer) ShortDate(t time.Time) string {
	return p.T("{{.Day}} {{.Month}} {{.Year}} {{.Time}}", map[string]any{"Day": t.Day(), "Month": p.T(t.Month().String()[:3] + " (short)"), "Year": t.Year(), "Time": t.Format("15:04")})
}

// Decimal formats v with format (a fmt verb for one number, such as "%.1f"
// or "%+.1f") and writes it with the language's decimal mark, from the
// catalogue: 73.5 in English, 73,5 in Spanish. Every number with a
// fraction that people read (the window, the PDF, the command line, a
// spreadsheet) goes through it.
func (p *Printer) Decimal(format string, v float64) string {
	s := fmt.Sprintf(format, v)
	if mark := p.T("decimal mark"); mark != "." {
		s = strings.Replace(s, ".", mark, 1)
	}
	return s
}

// DecimalComma tells whether the language writes a decimal comma; its
// spreadsheets then separate CSV cells with semicolons.
func (p *Printer) DecimalComma() bool { return p.T("decimal mark") == "," }
