package gofpdf

// This file is a Hatcheck patch to gofpdf v1.16.2; see PATCHES.md.

import (
	"errors"
	"sync"
)

// UTF8Font is a TrueType font parsed once by ParseUTF8Font, to be added to
// any number of documents with AddUTF8FontParsed, from any number of
// goroutines. AddUTF8FontFromBytes parses the font and builds its 65,536
// entry width table and its ID for every document; a UTF8Font does that
// once. The document's output is the same byte for byte either way.
//
// The font's bytes are read, never written, by this package; the caller
// must not change them while the UTF8Font is in use.
type UTF8Font struct {
	file *utf8FontFile // as parsed; only ever copied from

	mu  sync.Mutex
	ids map[string]string // font ID by font key, computed once
}

// ParseUTF8Font parses a TrueType font for AddUTF8FontParsed.
func ParseUTF8Font(utf8Bytes []byte) (*UTF8Font, error) {
	if len(utf8Bytes) < 12 {
		return nil, errors.New("not a TrueType font: too short")
	}
	file := newUTF8Font(&fileReader{array: utf8Bytes})
	if err := file.parseFile(); err != nil {
		return nil, err
	}
	file.cut = &cutTables{}
	return &UTF8Font{file: file, ids: map[string]string{}}, nil
}

// AddUTF8FontParsed imports a font parsed by ParseUTF8Font and makes it
// available, as AddUTF8FontFromBytes does with the font's bytes.
func (f *Fpdf) AddUTF8FontParsed(familyStr, styleStr string, font *UTF8Font) {
	if f.err != nil {
		return
	}
	if font == nil {
		f.err = errors.New("AddUTF8FontParsed: no font")
		return
	}
	fontkey := getFontKey(fontFamilyEscape(familyStr), styleStr)
	if _, ok := f.fonts[fontkey]; ok {
		return
	}
	// The document's own copy of the parsed state, reading the shared bytes
	// through its own reader: GenerateCutFont replaces every table, map and
	// slice it fills, so nothing of the shared font is written.
	utf8File := *font.file
	utf8File.fileReader = &fileReader{array: font.file.fileReader.array}

	// What follows is addFontFromBytes's, with the font ID computed once.
	desc := FontDescType{
		Ascent:       int(utf8File.Ascent),
		Descent:      int(utf8File.Descent),
		CapHeight:    utf8File.CapHeight,
		Flags:        utf8File.Flags,
		FontBBox:     utf8File.Bbox,
		ItalicAngle:  utf8File.ItalicAngle,
		StemV:        utf8File.StemV,
		MissingWidth: round(utf8File.DefaultWidth),
	}
	var sbarr map[int]int
	if f.aliasNbPagesStr == "" {
		sbarr = makeSubsetRange(57)
	} else {
		sbarr = makeSubsetRange(32)
	}
	def := fontDefType{
		Tp:        "UTF8",
		Name:      fontkey,
		Desc:      desc,
		Up:        int(round(utf8File.UnderlinePosition)),
		Ut:        round(utf8File.UnderlineThickness),
		Cw:        utf8File.CharWidths, // read only, shared
		utf8File:  &utf8File,
		usedRunes: sbarr,
	}
	font.mu.Lock()
	id, ok := font.ids[fontkey]
	if !ok {
		id, _ = generateFontID(def)
		font.ids[fontkey] = id
	}
	font.mu.Unlock()
	def.i = id
	f.fonts[fontkey] = def
}

// cutTables is what GenerateCutFont reads of a font's head, hhea, maxp,
// cmap and loca tables, the same for every document: read once, then only
// read from.
type cutTables struct {
	once                                 sync.Once
	ok                                   bool
	locaFormat, metricsCount, numSymbols int
	charSymbolDictionary                 map[int]int
	symbolPosition                       []int
}

// get reads the tables the first time, through a copy of utf with a reader
// of its own.
func (c *cutTables) get(utf *utf8FontFile) *cutTables {
	c.once.Do(func() {
		tmp := *utf
		tmp.fileReader = &fileReader{array: utf.fileReader.array}
		c.ok = tmp.readCutTables(&c.locaFormat, &c.metricsCount, &c.numSymbols)
		c.charSymbolDictionary, c.symbolPosition = tmp.charSymbolDictionary, tmp.symbolPosition
	})
	return c
}
