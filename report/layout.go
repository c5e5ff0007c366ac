package report

import (
	"math"
	"strconv"
	"strings"
)

// Page layout shared by the plan and the group report: text that flows
// across pages without leaving a line or two stranded, headings that stay
// with what follows them, and tables whose rows never split. The rules, so
// that no page carries only a few lines:
//   - a paragraph or list item of up to keepWhole lines is never split;
//     a longer one leaves at least minLines lines on each side of a break;
//   - a (sub)heading moves to the next page unless its first block fits
//     under it;
//   - a table keeps its header with its first rows, never carries a single
//     last row over to a page of its own, and keeps a short table whole;
//   - a section that prefers its own page (the fit, the plan...) gets one
//     only when the current page is already more than newPageAfter full;
//     otherwise it follows on the page where the previous section ended.
const (
	keepWhole    = 4
	minLines     = 2
	newPageAfter = 0.4
	shortTable   = 3 // rows: a table this short is kept whole
)

// room is the height left on the page above the bottom margin.
func (d *doc) room() float64 { return d.pageH - bottom - d.pdf.GetY() }

// bodyH is the height a page offers between the header and the footer.
func (d *doc) bodyH() float64 { return d.pageH - bottom - topMargin }

// atTop says whether nothing has been drawn on the page below the header.
func (d *doc) atTop() bool { return d.pdf.GetY() <= topMargin+0.5 }

// keep starts a new page unless h mm fit on this one.
func (d *doc) keep(h float64) {
	if d.room() < h && !d.atTop() {
		d.pdf.AddPage()
	}
}

// pageRule is what a section heading asks of the page it starts on.
type pageRule int

const (
	// flowOn: follow the previous section on the same page when there is room.
	flowOn pageRule = iota
	// preferNewPage: a fresh page, unless the current one is mostly empty.
	preferNewPage
	// newPage: always a fresh page (the first section after the cover).
	newPage
)

// heading starts a numbered section, with a bookmark and the cover's link
// pointing here. first is the height of the section's first block, which
// stays with the heading (at least about five lines are kept). whole, when
// more than zero, is the section's full height: a section that fits whole
// on the current page stays there whatever rule asks.
func (d *doc) heading(id, title string, rule pageRule, first, whole float64) {
	pdf := d.pdf
	const headH = 8 + 4.5 // the title line and the space under its rule
	used := pdf.GetY() - topMargin
	switch {
	case d.atTop():
	case rule == newPage:
		pdf.AddPage()
	case whole > 0 && headH+7+whole <= d.room():
		pdf.Ln(7)
	case rule == preferNewPage && used > newPageAfter*d.bodyH(), d.room() < headH+7+max(first, 25):
		pdf.AddPage()
	default:
		pdf.Ln(7)
	}
	d.font("B", 16)
	pdf.Bookmark(title, 0, -1)
	pdf.SetLink(d.links[id], -1, -1)
	d.color(ink)
	pdf.SetX(margin)
	pdf.MultiCell(d.contentW, 8, title, "", "L", false)
	d.draw(d.accent)
	pdf.SetLineWidth(0.6)
	pdf.Line(margin, pdf.GetY()+0.5, margin+22, pdf.GetY()+0.5)
	pdf.Ln(4)
	d.font("", 10)
}

// subheading starts a block; it moves to the next page unless about four
// lines fit under it.
func (d *doc) subheading(title string) { d.subheadingKeep(title, 22) }

// subheadingKeep is subheading for a block whose first part needs need mm.
func (d *doc) subheadingKeep(title string, need float64) {
	pdf := d.pdf
	if !d.atTop() {
		pdf.Ln(2)
	}
	d.keep(need + 7)
	d.font("B", 11.5)
	d.color(ink)
	pdf.SetX(margin)
	pdf.MultiCell(d.contentW, 6, d.t(title), "", "L", false)
	pdf.Ln(1)
	d.font("", 10)
}

// para prints a paragraph in body text.
func (d *doc) para(text string) {
	d.font("", 10)
	d.flow(d.split(text, d.contentW), margin, d.contentW, lineH, "", nil)
	d.pdf.Ln(1.5)
}

// small prints a caption or a note in small grey text.
func (d *doc) small(text string) {
	d.font("", 8.5)
	d.color(muted)
	d.flow(d.split(text, d.contentW), margin, d.contentW, 4.2, "", nil)
	d.color(ink)
	d.font("", 10)
}

// bullets prints a list with hanging indents.
func (d *doc) bullets(items []string) {
	d.list(items, func(int) string { return "•" })
}

// numbered prints a numbered list with hanging indents: the number is the
// list marker, never a bullet as well.
func (d *doc) numbered(items []string) {
	d.list(items, func(i int) string { return strconv.Itoa(i+1) + "." })
}

// listIndent is the hanging indent of a list item.
const listIndent = 6.0

func (d *doc) list(items []string, marker func(i int) string) {
	pdf := d.pdf
	const indent = listIndent
	d.font("", 10)
	lines := make([][]string, len(items))
	for i, it := range items {
		lines[i] = d.split(it, d.contentW-indent)
	}
	for i := range items {
		m := marker(i)
		// The last item never goes over to a page alone: the one before
		// goes with it (when both are short enough to keep whole).
		if n := len(items); i == n-2 && n > 2 && len(lines[i]) <= keepWhole && len(lines[i+1]) <= keepWhole {
			d.keep(float64(len(lines[i])+len(lines[i+1]))*lineH + 0.8)
		}
		d.flow(lines[i], margin+indent, d.contentW-indent, lineH, "", func(y float64) {
			pdf.SetXY(margin+2, y)
			pdf.CellFormat(indent-2, lineH, m, "", 0, "L", false, 0, "")
		})
		pdf.Ln(0.8)
	}
}

// textHeight is the height text takes wrapped to w in the regular font of
// the given size, lh apart.
func (d *doc) textHeight(text string, w, size, lh float64) float64 {
	d.font("", size)
	return float64(len(d.split(text, w))) * lh
}

// listHeight is the height a bulleted or numbered list takes.
func (d *doc) listHeight(items []string) float64 {
	h := 0.0
	for _, it := range items {
		h += d.textHeight(it, d.contentW-listIndent, 10, lineH) + 0.8
	}
	return h
}

// flow prints wrapped lines at x, lineH apart, with the page-break rules
// above. link makes every line a link to that address; mark, when set,
// draws the list marker beside the first line.
func (d *doc) flow(lines []string, x, w, lh float64, link string, mark func(y float64)) {
	pdf := d.pdf
	n := len(lines)
	if n == 0 {
		return
	}
	// The 1 µm keeps a line that ends exactly on the margin from tripping
	// gofpdf's own page break.
	fits := func() int { return int(math.Floor((d.room() - 0.001) / lh)) }
	if f := fits(); n > f && (n <= keepWhole || f < minLines) && !d.atTop() {
		pdf.AddPage()
	}
	if mark != nil {
		mark(pdf.GetY())
	}
	for i := 0; i < n; {
		take := min(n-i, fits())
		if take < n-i && n-i-take < minLines {
			take = n - i - minLines
		}
		take = max(take, 1)
		y := pdf.GetY()
		for j := 0; j < take; j++ {
			pdf.SetXY(x, y+float64(j)*lh)
			pdf.CellFormat(w, lh, lines[i+j], "", 0, "L", false, 0, link)
		}
		pdf.SetXY(margin, y+float64(take)*lh)
		i += take
		if i < n {
			pdf.AddPage()
		}
	}
}

// split wraps text to the width w in the current font, as MultiCell does,
// but a word too long for a line is broken after a '.', '-', '/' or '_'
// in it (an item ID such as style.people-contact-opposite, a web address)
// before it is ever broken inside a word. Line breaks in the text are kept.
// tabsAndReturns makes a tab a space and drops carriage returns; made once
// (a Replacer builds its tables at its first use, about 2 µs each time).
var tabsAndReturns = strings.NewReplacer("\t", " ", "\r", "")

func (d *doc) split(text string, w float64) []string {
	pdf := d.pdf
	text = strings.TrimRight(text, "\n")
	if text == "" {
		return nil
	}
	// Widths in the font's glyph units, which add up (gofpdf has no
	// kerning), so that a line's width is kept as it grows rather than
	// measured again for every word.
	_, size := pdf.GetFontSize()
	limit := int(math.Ceil((w - 2*pdf.GetCellMargin()) * 1000 / size))
	width := pdf.GetStringSymbolWidth
	space := width(" ")
	var out []string
	for _, para := range strings.Split(text, "\n") {
		line, lineW := "", 0
		// Split on single spaces, so that a double space (after the
		// points in "Why these numbers") stays double.
		para = tabsAndReturns.Replace(para)
		for _, word := range strings.Split(para, " ") {
			wordW := width(word)
			switch {
			case word == "" && line == "":
				continue
			case line != "" && lineW+space+wordW <= limit:
				line, lineW = line+" "+word, lineW+space+wordW
				continue
			case wordW <= limit:
				if line != "" {
					out = append(out, line)
				}
				line, lineW = word, wordW
				continue
			}
			for i, piece := range breakPoints(word) {
				pieceW := width(piece)
				sep, sepW := "", 0
				if i == 0 && line != "" {
					sep, sepW = " ", space
				}
				if lineW+sepW+pieceW <= limit {
					line, lineW = line+sep+piece, lineW+sepW+pieceW
					continue
				}
				if line != "" {
					out = append(out, line)
				}
				// Last resort: a piece wider than the column is cut where
				// it must be.
				for pieceW > limit {
					r := []rune(piece)
					k, kW := 1, width(string(r[:1]))
					for k < len(r) && kW+width(string(r[k])) <= limit {
						kW += width(string(r[k]))
						k++
					}
					out = append(out, string(r[:k]))
					piece = string(r[k:])
					pieceW = width(piece)
				}
				line, lineW = piece, pieceW
			}
		}
		out = append(out, line)
	}
	return out
}

// breakPoints cuts a word after each '.', '-', '/' or '_' inside it.
func breakPoints(word string) []string {
	var out []string
	start := 0
	for i, r := range word {
		if strings.ContainsRune(".-/_", r) && i+1 < len(word) && i+1 > start {
			out = append(out, word[start:i+1])
			start = i + 1
		}
	}
	return append(out, word[start:])
}

// column of a table.
type column struct {
	title string
	width float64 // share of the content width
	align string
	bold  bool
}

// tableSpec is a table to draw: its columns and rows, whether each row has
// a box to tick, which rows are shaded, and which columns are set in grey.
type tableSpec struct {
	cols   []column
	rows   [][]string
	check  bool
	shaded func(row int) bool
	grey   map[int]bool
}

const (
	cellPad  = 1.5
	cellLine = 4.4
	headH    = 6.0
)

// table draws rows with wrapped cells.
func (d *doc) table(cols []column, rows [][]string, check bool) {
	d.drawTable(tableSpec{cols: cols, rows: rows, check: check})
}

// layout wraps every cell and returns the lines and each row's height.
func (d *doc) layout(t tableSpec) (widths []float64, cells [][][]string, heights []float64) {
	checkW := 0.0
	if t.check {
		checkW = 7
	}
	widths = make([]float64, len(t.cols))
	for i, c := range t.cols {
		widths[i] = c.width * (d.contentW - checkW)
	}
	d.fitWords(t, widths)
	for _, row := range t.rows {
		lines := make([][]string, len(t.cols))
		n := 1
		for i, cell := range row {
			d.cellFont(t, i)
			lines[i] = d.split(cell, widths[i]-2*cellPad)
			n = max(n, len(lines[i]))
		}
		cells = append(cells, lines)
		heights = append(heights, float64(n)*cellLine+2*cellPad)
	}
	return widths, cells, heights
}

// fitWords widens a column too narrow for its longest word or its title
// (a Spanish "importante" or "Automatizar" in a narrow column) with width
// taken from the column with the most to spare, so that no word is cut
// inside and no title runs into the next. Columns wide enough keep their
// share.
func (d *doc) fitWords(t tableSpec, widths []float64) {
	m := d.measurer()
	margins := 2 * d.pdf.GetCellMargin()
	need := make([]float64, len(widths))
	for i, c := range t.cols {
		m.SetFont(fontFamily, "B", 8.5) // the header's font
		need[i] = m.GetStringWidth(c.title) + margins
		style, size := cellStyle(t, i)
		m.SetFont(fontFamily, style, size)
		for _, row := range t.rows {
			if i >= len(row) {
				continue
			}
			for _, word := range strings.Fields(row[i]) {
				for _, piece := range breakPoints(word) {
					need[i] = max(need[i], m.GetStringWidth(piece)+margins+2*cellPad)
				}
			}
		}
	}
	for i := range widths {
		short := need[i] - widths[i]
		if short <= 0 {
			continue
		}
		donor, spare := -1, 0.0
		for j := range widths {
			if s := widths[j] - need[j]; j != i && s > spare {
				donor, spare = j, s
			}
		}
		if donor < 0 {
			continue
		}
		give := min(short, spare)
		widths[i] += give
		widths[donor] -= give
	}
}

// cellStyle is the font style and size of a table's column.
func cellStyle(t tableSpec, col int) (string, float64) {
	switch {
	case t.cols[col].bold:
		return "B", 9
	case t.grey[col]:
		return "", 8
	}
	return "", 9
}

func (d *doc) cellFont(t tableSpec, col int) {
	d.font(cellStyle(t, col))
}

// tableNeed is the height a table's start needs on a page: the header and
// the first two rows, or the whole of a short table.
func (d *doc) tableNeed(t tableSpec) float64 {
	if len(t.rows) > shortTable {
		t.rows = t.rows[:2]
	}
	_, _, heights := d.layout(t)
	return needOf(heights)
}

// needOf is tableNeed for rows already measured.
func needOf(heights []float64) float64 {
	n := 2
	if len(heights) <= shortTable {
		n = len(heights)
	}
	h := headH + 3
	for _, rh := range heights[:min(n, len(heights))] {
		h += rh
	}
	return h
}

// drawTable draws rows with wrapped cells; the header repeats on every page
// the table reaches. Cells hold short texts: long free text (notes,
// evidence) goes in paragraphs, which can break across pages.
func (d *doc) drawTable(t tableSpec) {
	pdf := d.pdf
	widths, cells, heights := d.layout(t)
	checkW := 0.0
	if t.check {
		checkW = 7
	}
	head := func() {
		d.font("B", 8.5)
		d.fill(tint)
		d.color(muted)
		pdf.SetX(margin)
		if t.check {
			pdf.CellFormat(checkW, headH, "", "", 0, "L", true, 0, "")
		}
		for i, c := range t.cols {
			pdf.CellFormat(widths[i], headH, c.title, "", 0, alignOr(c.align), true, 0, "")
		}
		pdf.Ln(headH)
		d.color(ink)
	}
	d.keep(needOf(heights))
	head()
	onPage := 0 // rows drawn on this page
	for r := range t.rows {
		h := heights[r]
		need := h
		// Never carry the last row over alone: the one before goes with it.
		if r == len(t.rows)-2 {
			need += heights[r+1]
		}
		if onPage > 0 && pdf.GetY()+need > d.pageH-bottom {
			pdf.AddPage()
			head()
			onPage = 0
		}
		y := pdf.GetY()
		x := margin
		if t.shaded != nil && t.shaded(r) {
			d.fill(lighten(d.accent, 0.86))
			pdf.Rect(margin, y, d.contentW, h, "F")
		}
		if t.check {
			d.draw(muted)
			pdf.SetLineWidth(0.3)
			pdf.Rect(x+1.8, y+cellPad+0.4, 3.4, 3.4, "D")
			x += checkW
		}
		for i := range t.cols {
			d.cellFont(t, i)
			if t.grey[i] {
				d.color(muted)
			}
			for j, l := range cells[r][i] {
				pdf.SetXY(x+cellPad, y+cellPad+float64(j)*cellLine)
				pdf.CellFormat(widths[i]-2*cellPad, cellLine, l, "", 0, alignOr(t.cols[i].align), false, 0, "")
			}
			d.color(ink)
			x += widths[i]
		}
		d.draw(rule)
		pdf.SetLineWidth(0.2)
		pdf.Line(margin, y+h, margin+d.contentW, y+h)
		pdf.SetXY(margin, y+h)
		onPage++
	}
	pdf.Ln(3)
	d.font("", 10)
}

// lighten mixes c with white; share is white's part.
func lighten(c rgb, share float64) rgb {
	mix := func(v int) int { return int(math.Round(float64(v)*(1-share) + 255*share)) }
	return rgb{mix(c.r), mix(c.g), mix(c.b)}
}

func alignOr(a string) string {
	if a == "" {
		return "L"
	}
	return a
}
