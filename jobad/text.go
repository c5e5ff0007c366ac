package jobad

import (
	"bytes"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"hatcheck/internal/i18n"
)

// MaxBytes bounds an ad, pasted or read from a file. Real postings are a
// few kilobytes; anything near this size is the wrong file or a whole web
// page, and a megabyte is refused outright.
const MaxBytes = 512 * 1024

// MaxLines bounds the lines an ad is split into: past it, the rest of the
// text is left out and the result says so (Result.Truncated).
const MaxLines = 2000

// Errors for input that cannot be checked; the messages say what to do.
var (
	ErrEmpty    = i18n.Errorf("the ad is empty: paste the text of a job ad, or open a .txt, .md or .html file")
	ErrTooLarge = i18n.Errorf("the ad is longer than {{.KB}} KB: paste only the job description (responsibilities and requirements)", map[string]any{"KB": MaxBytes / 1024})
	ErrPDF      = i18n.Errorf("PDF files are not read: open the PDF, select the text of the ad, copy it and paste it into the box (or save it as a .txt file)")
	ErrBinary   = i18n.Errorf("this does not look like text: open a .txt, .md or .html file, or paste the ad")
)

// Extensions are the file kinds an ad can be read from.
var Extensions = []string{".txt", ".md", ".html", ".htm"}

// FromFile turns the bytes of a file into the text of an ad, by its
// extension: HTML loses its tags and has its entities decoded, Markdown and
// text are kept as they are; a PDF is refused with a way round (ErrPDF).
// Text in UTF-8 with or without a byte order mark, UTF-16 with a mark, or
// Windows-1252 (Word's "plain text") is read.
func FromFile(name string, data []byte) (string, error) {
	if len(data) > MaxBytes {
		return "", ErrTooLarge
	}
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".pdf" || bytes.HasPrefix(data, []byte("%PDF-")) {
		return "", ErrPDF
	}
	text, err := decodeText(data)
	if err != nil {
		return "", err
	}
	if ext == ".html" || ext == ".htm" || looksLikeHTML(text) {
		text = StripHTML(text)
	}
	if strings.TrimSpace(text) == "" {
		return "", ErrEmpty
	}
	return text, nil
}

func decodeText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}), bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return decodeUTF16(data), nil
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return "", ErrBinary
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	return decodeWindows1252(data), nil
}

func decodeUTF16(data []byte) string {
	big := data[0] == 0xfe
	data = data[2:]
	var units []uint16
	for i := 0; i+1 < len(data); i += 2 {
		if big {
			units = append(units, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			units = append(units, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	var b strings.Builder
	for i := 0; i < len(units); i++ {
		u := rune(units[i])
		if u >= 0xd800 && u < 0xdc00 && i+1 < len(units) && units[i+1] >= 0xdc00 && units[i+1] < 0xe000 {
			b.WriteRune((u-0xd800)<<10 + (rune(units[i+1]) - 0xdc00) + 0x10000)
			i++
			continue
		}
		if u >= 0xd800 && u < 0xe000 {
			b.WriteRune(utf8.RuneError)
			continue
		}
		b.WriteRune(u)
	}
	return b.String()
}

// cp1252 maps the bytes 0x80-0x9f of Windows-1252; the rest are Latin-1.
var cp1252 = [32]rune{'€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
	'\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ'}

func decodeWindows1252(data []byte) string {
	var b strings.Builder
	for _, c := range data {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xa0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

var htmlStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)^\s*(<!doctype html|<html|<body|<div|<p>|<ul|<h[1-6])`)
})

func looksLikeHTML(s string) bool {
	if len(s) > 512 {
		s = s[:512]
	}
	return htmlStart().MatchString(s)
}

// blockTags end a line where they open or close.
var blockTags = map[string]bool{"p": true, "div": true, "br": true, "li": true, "ul": true, "ol": true, "tr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "section": true, "article": true,
	"header": true, "footer": true, "table": true, "dt": true, "dd": true, "blockquote": true, "hr": true, "td": true, "th": true}

// StripHTML returns the text of an HTML page: tags go (block elements end
// a line, a list item starts with a bullet), script, style and comments go
// with their content, and entities are decoded. It never fails: broken
// markup is read as far as it makes sense.
func StripHTML(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			b.WriteString(html.UnescapeString(s[i : i+j]))
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i+4:], "-->")
			if end < 0 {
				break
			}
			i += 4 + end + 3
			continue
		}
		if i+1 >= len(s) || !(isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!') {
			// A "<" in text, such as "a < b".
			b.WriteString("<")
			i++
			continue
		}
		end := strings.IndexByte(s[i:], '>')
		if end < 0 {
			// A lone "<" in text, such as "a < b".
			b.WriteString(html.UnescapeString(s[i:]))
			break
		}
		tag := s[i+1 : i+end]
		i += end + 1
		name, closing := tagName(tag)
		switch {
		case (name == "script" || name == "style" || name == "noscript" || name == "template") && !closing:
			close := strings.Index(strings.ToLower(s[i:]), "</"+name)
			if close < 0 {
				i = len(s)
			} else {
				i += close
			}
		case name == "li" && !closing:
			b.WriteString("\n• ")
		case name == "li":
		case blockTags[name]:
			b.WriteString("\n")
		case name == "td" || name == "th":
			b.WriteString(" ")
		}
	}
	// Entities such as &nbsp; leave no-break spaces; lines keep one space.
	lines := strings.Split(b.String(), "\n")
	out := lines[:0]
	blank := 0
	for _, l := range lines {
		l = strings.Join(strings.FieldsFunc(l, unicode.IsSpace), " ")
		if l == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

func tagName(tag string) (name string, closing bool) {
	tag = strings.TrimSpace(tag)
	if strings.HasPrefix(tag, "/") {
		closing = true
		tag = tag[1:]
	}
	end := strings.IndexFunc(tag, func(r rune) bool { return unicode.IsSpace(r) || r == '/' || r == '>' })
	if end >= 0 {
		tag = tag[:end]
	}
	return strings.ToLower(tag), closing
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
