// Package report renders a person's Hatcheck result and development plan as
// a PDF coaching report with gofpdf. It only draws: every number comes from
// the assessment package, and every text from the item bank and plan data.
package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/jung-kurt/gofpdf"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
	"hatcheck/internal/i18n"
	"hatcheck/internal/locale"
	"hatcheck/internal/palette"
	"hatcheck/jobad"
	"hatcheck/questions"
)

// Paper is a page size.
type Paper string

// The supported page sizes.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// ParsePaper reads a page size as typed on the command line.
func ParsePaper(s string) (Paper, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "a4":
		return A4, nil
	case "letter", "us-letter":
		return Letter, nil
	}
	return "", i18n.Errorf("unknown paper size {{.Size}}; allowed: a4, letter", map[string]any{"Size": strconv.Quote(s)})
}

// DefaultPaper guesses the page size from the locale: Letter where it is the
// norm (the Americas' Letter countries and the Philippines), A4 elsewhere.
func DefaultPaper(locale string) Paper {
	// "en_US.UTF-8" -> "US"
	if i := strings.IndexAny(locale, "_-"); i >= 0 {
		region := locale[i+1:]
		if j := strings.IndexAny(region, ".@"); j >= 0 {
			region = region[:j]
		}
		switch strings.ToUpper(region) {
		case "US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "PR", "SV", "NI", "DO":
			return Letter
		}
	}
	return A4
}

// LocalPaper is the page size of the person's locale (LC_ALL, LC_PAPER,
// LANG): what the window, the command line and the workshop use when no
// size is asked for.
func LocalPaper() Paper { return DefaultPaper(locale.Env("PAPER")) }

// Options are the choices a caller makes about a report.
type Options struct {
	Paper Paper
	// Date is printed on the cover and stored as the PDF's creation date;
	// a fixed date gives the same layout and text every time.
	Date time.Time
}

// Input is what a report shows, in the language of its engine
// (Engine.In("es") writes it in Spanish); the result and the plan are the
// engine's, so that their texts are in that language too.
type Input struct {
	Engine *assessment.Engine
	Result *assessment.Result
	Plan   *assessment.Plan
	// JobAds are the job ads checked for this attempt (optional); each
	// gets a "Job ad check" page.
	JobAds []jobad.Check
}

// Write renders the report to w. Warnings say what could not be shown as
// typed (characters the font cannot draw); they never stop the export.
func Write(w io.Writer, in Input, opt Options) (warnings []string, err error) {
	if in.Engine == nil || in.Result == nil || in.Plan == nil {
		return nil, i18n.Errorf("report: engine, result and plan are all needed")
	}
	cover, err := coverage()
	if err != nil {
		return nil, err
	}
	if opt.Paper == "" {
		opt.Paper = A4
	}
	if opt.Date.IsZero() {
		opt.Date = time.Now()
	}
	d := newDoc(in, opt, cover)
	d.render()
	if d.pdf.Err() {
		return d.warnings, i18n.Errorf("lay out the PDF: {{.Err}}", map[string]any{"Err": d.pdf.Error()})
	}
	if err := d.pdf.Output(w); err != nil {
		return d.warnings, i18n.Errorf("write the PDF: {{.Err}}", map[string]any{"Err": err})
	}
	return d.warnings, nil
}

// WriteFile renders the report into path through a temporary file in the
// same folder and a rename, so that a failed export never leaves half a PDF
// behind and an existing file is replaced only by a complete one.
func WriteFile(path string, in Input, opt Options) (warnings []string, err error) {
	var buf bytes.Buffer
	warnings, err = Write(&buf, in, opt)
	if err != nil {
		return warnings, err
	}
	return warnings, atomicfile.Write(path, buf.Bytes(), 0o600)
}

// Title is the report's name, used in the header and the metadata, in
// English; a report shows it in its own language.
var Title = i18n.Key("Hatcheck development plan")

const (
	fontFamily = "DejaVu"
	margin     = 18.0
	topMargin  = 22.0
	bottom     = 20.0
	lineH      = 5.0
)

// colours
type rgb struct{ r, g, b int }

var (
	ink      = rgb{33, 37, 41}
	muted    = rgb{100, 106, 115}
	rule     = rgb{210, 214, 220}
	tint     = rgb{243, 245, 248}
	linkBlue = rgb{25, 90, 170}
)

// trackInk is a hat's colour, the same as in the window (internal/palette).
func trackInk(id string) rgb {
	c := palette.Track(id)
	return rgb{int(c.R), int(c.G), int(c.B)}
}

// doc is one report being laid out.
type doc struct {
	pdf *gofpdf.Fpdf
	// meas measures text in a font other than the current one without
	// switching the page's font (see measurer).
	meas     *gofpdf.Fpdf
	in       Input
	bank     *questions.Bank
	opt      Options
	cover    map[rune]bool
	warnings []string
	name     string // sanitized
	pageW    float64
	pageH    float64
	contentW float64
	links    map[string]int
	engine   *assessment.Engine
	// tr is the document's language, the engine's: every text the report
	// writes itself comes from its catalogue (assets/translations/report.*.json).
	tr         *i18n.Printer
	lang       string
	docTitle   string // on the right of the header, in the document's language
	disclaimer string
	secs       []section
	accent     rgb
}

// sections in order, with their bookmark titles.
type section struct {
	id, title string
}

func newDoc(in Input, opt Options, cover map[rune]bool) *doc {
	d := newBaseDoc(in.Engine, opt, cover, Title, trackInk(in.Plan.Track))
	d.in = in
	d.name = d.user(d.tr.T("your name"), in.Plan.Respondent.Name)
	return d
}

// newBaseDoc sets up a document in the engine's language with the embedded
// fonts, the page size, the header (name on the left, docTitle, a
// catalogue key, on the right) and the accent colour.
func newBaseDoc(e *assessment.Engine, opt Options, cover map[rune]bool, docTitle string, accent rgb) *doc {
	size := "A4"
	if opt.Paper == Letter {
		size = "Letter"
	}
	pdf := gofpdf.New("P", "mm", size, "")
	// The fonts are parsed once per process and shared, read only, by every
	// document, also those built at the same time (third_party/gofpdf).
	if fonts, err := parsedFonts(); err != nil {
		pdf.SetError(err)
	} else {
		pdf.AddUTF8FontParsed(fontFamily, "", fonts.regular)
		pdf.AddUTF8FontParsed(fontFamily, "B", fonts.bold)
	}
	// After the fonts, so that their subsets keep the digits "{nb}" turns into.
	pdf.AliasNbPages("{nb}")
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(opt.Date)
	pdf.SetModificationDate(opt.Date)
	pdf.SetMargins(margin, topMargin, margin)
	pdf.SetAutoPageBreak(true, bottom)
	w, h := pdf.GetPageSize()
	tr := e.Printer()
	return &doc{pdf: pdf, bank: e.Bank, engine: e, opt: opt, cover: cover, tr: tr, lang: tr.Lang(), docTitle: tr.T(docTitle),
		disclaimer: tr.T(assessment.Disclaimer), accent: accent,
		pageW: w, pageH: h, contentW: w - 2*margin, links: map[string]int{}}
}

// t prepares the app's own text for the page.
func (d *doc) t(s string) string {
	out, _ := sanitize(s, d.cover)
	return out
}

// user prepares text the person typed and warns about what the font
// cannot draw; field names it in the document's language.
func (d *doc) user(field, s string) string {
	out, replaced := sanitize(s, d.cover)
	if len(replaced) > 0 {
		d.warnings = append(d.warnings, d.tr.N("{{.Field}}: {{.N}} characters the PDF font cannot draw ({{.Chars}}) are shown as {{.Placeholder}}", len(replaced),
			map[string]any{"Field": field, "N": len(replaced), "Chars": string(replaced), "Placeholder": string(Placeholder)}))
	}
	return out
}

// num writes v with prec decimals and the document's decimal mark.
func (d *doc) num(v float64, prec int) string {
	return d.tr.Decimal("%."+strconv.Itoa(prec)+"f", v)
}

// signed writes v with its sign, a true minus for a negative number:
// "+0.4", "−1.2".
func (d *doc) signed(v float64, prec int) string {
	if v < 0 {
		return "−" + d.num(-v, prec)
	}
	return "+" + d.num(v, prec)
}

// measurer is a document with the same fonts and no page, to measure text
// in any of them: switching fonts there writes nothing into the page, so
// measuring leaves the PDF's bytes as they were.
func (d *doc) measurer() *gofpdf.Fpdf {
	if d.meas == nil {
		d.meas = gofpdf.New("P", "mm", "A4", "")
		if fonts, err := parsedFonts(); err != nil {
			d.meas.SetError(err)
		} else {
			d.meas.AddUTF8FontParsed(fontFamily, "", fonts.regular)
			d.meas.AddUTF8FontParsed(fontFamily, "B", fonts.bold)
		}
	}
	return d.meas
}

func (d *doc) color(c rgb) { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *doc) fill(c rgb)  { d.pdf.SetFillColor(c.r, c.g, c.b) }
func (d *doc) draw(c rgb)  { d.pdf.SetDrawColor(c.r, c.g, c.b) }
func (d *doc) font(style string, size float64) {
	d.pdf.SetFont(fontFamily, style, size)
}

func (d *doc) displayName() string {
	if strings.TrimSpace(d.name) == "" {
		return d.tr.T("You")
	}
	return d.name
}

func (d *doc) render() {
	pdf := d.pdf
	pdf.SetTitle(d.t(d.docTitle+": "+d.displayName()), true)
	pdf.SetSubject(d.t(d.tr.T("30/60/90-day development plan toward {{.Hat}}", map[string]any{"Hat": d.in.Plan.TrackName})), true)
	pdf.SetAuthor(d.t(d.displayName()), true)
	pdf.SetCreator("Hatcheck", true)
	pdf.SetKeywords(d.t(d.tr.T("social media manager, community manager, social media strategist, career, development plan")), true)
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)

	d.secs = d.sections()
	for _, s := range d.secs {
		d.links[s.id] = pdf.AddLink()
	}
	d.coverPage(d.secs)
	d.fitSection()
	d.whySection()
	d.gapsSection()
	d.planSection()
	d.jobSection()
	if len(d.in.JobAds) > 0 {
		d.jobAdSection()
	}
	if d.in.Result.Audit != nil {
		d.auditSection()
	}
	d.adviceSection()
	if strings.TrimSpace(d.in.Plan.Notes) != "" {
		d.notesSection()
	}
	d.methodSection()
}

func (d *doc) sections() []section {
	s := []section{
		{"fit", d.tr.T("Your fit")},
		{"why", d.tr.T("Why these numbers")},
		{"gaps", d.tr.T("Strengths and gaps")},
		{"plan", d.tr.T("Your 30/60/90-day plan")},
		{"job", d.tr.T("What the job looks like")},
	}
	if len(d.in.JobAds) > 0 {
		s = append(s, section{"jobad", d.tr.T("Job ad check")})
	}
	if d.in.Result.Audit != nil {
		s = append(s, section{"audit", d.tr.T("If you wear more than one hat")})
	}
	s = append(s, section{"advice", d.tr.T("Advice from practitioners")})
	if strings.TrimSpace(d.in.Plan.Notes) != "" {
		s = append(s, section{"notes", d.tr.T("Your notes")})
	}
	return append(s, section{"method", d.tr.T("How this was scored, and sources")})
}

// title is the heading of a section of the document, as its contents
// list it.
func (d *doc) title(id string) string {
	for _, s := range d.secs {
		if s.id == id {
			return s.title
		}
	}
	return id
}

func (d *doc) header() {
	if d.pdf.PageNo() == 1 {
		return
	}
	pdf := d.pdf
	d.font("", 8)
	d.color(muted)
	pdf.SetXY(margin, 9)
	titleW := pdf.GetStringWidth(d.docTitle) + 2
	pdf.CellFormat(d.contentW-titleW, 5, d.fitWidth(d.displayName(), d.contentW-titleW-6), "", 0, "L", false, 0, "")
	pdf.CellFormat(titleW, 5, d.docTitle, "", 0, "R", false, 0, "")
	d.draw(rule)
	pdf.SetLineWidth(0.2)
	pdf.Line(margin, 15, d.pageW-margin, 15)
	pdf.SetXY(margin, topMargin)
	d.color(ink)
}

// fitWidth shortens s with an ellipsis to at most w mm in the current font.
func (d *doc) fitWidth(s string, w float64) string {
	if d.pdf.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && d.pdf.GetStringWidth(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

func (d *doc) footer() {
	pdf := d.pdf
	pdf.SetXY(margin, d.pageH-12)
	d.font("", 8)
	d.color(muted)
	pdf.CellFormat(d.contentW/2, 5, d.disclaimer, "", 0, "L", false, 0, "")
	pdf.CellFormat(d.contentW/2, 5, d.tr.T("Page {{.N}} of {nb}", map[string]any{"N": pdf.PageNo()}), "", 0, "R", false, 0, "")
	d.color(ink)
}

func (d *doc) fmtScore(s *assessment.Score) string {
	if s == nil {
		return d.tr.T("n/a")
	}
	return fmt.Sprintf("%.0f", float64(*s))
}

func (d *doc) fmtBand(b *[2]assessment.Score) string {
	if b == nil {
		return d.tr.T("not enough answers")
	}
	return fmt.Sprintf("%.0f–%.0f", float64(b[0]), float64(b[1]))
}

func (d *doc) track(id string) *assessment.TrackScore {
	for i := range d.in.Result.Tracks {
		if d.in.Result.Tracks[i].ID == id {
			return &d.in.Result.Tracks[i]
		}
	}
	return nil
}

// headline is the one-sentence result on the cover.
func (d *doc) headline() string {
	r, p := d.in.Result, d.in.Plan
	target := d.track(p.Track)
	switch r.Verdict.Kind {
	case assessment.VerdictClear:
		top := r.Tracks[0]
		s := d.tr.T("{{.Hat}} fits you best, with a fit of {{.Fit}} out of 100 (probably between {{.Band}}).", map[string]any{"Hat": top.Name, "Fit": d.fmtScore(top.Fit), "Band": d.fmtBand(top.Band)})
		if p.Track != top.ID {
			s += " " + d.tr.T("You chose to work toward {{.Hat}} (fit {{.Fit}}).", map[string]any{"Hat": p.TrackName, "Fit": d.fmtScore(target.Fit)})
		}
		return s
	case assessment.VerdictHybrid:
		var names []string
		for _, id := range r.Verdict.Tracks {
			names = append(names, d.track(id).Name)
		}
		return d.tr.T("Too close to call: {{.Hats}} fit you about equally well. This plan works toward {{.Hat}}.", map[string]any{"Hats": assessment.JoinAnd(d.tr, names), "Hat": p.TrackName})
	}
	return d.tr.T("There were not enough answers to compare the three hats; this plan works toward {{.Hat}}, as you asked.", map[string]any{"Hat": p.TrackName})
}

func (d *doc) coverPage(sections []section) {
	pdf := d.pdf
	p := d.in.Plan
	c := trackInk(p.Track)
	d.coverTitle(d.tr.T("HATCHECK · DEVELOPMENT PLAN"))
	d.font("", 14)
	d.color(c)
	pdf.MultiCell(d.contentW, 7, d.t(d.tr.T("Toward {{.Hat}}", map[string]any{"Hat": p.TrackName})), "", "L", false)
	pdf.Ln(6)
	d.color(ink)
	d.font("", 10)
	facts := [][2]string{{d.tr.T("Date"), d.tr.Date(d.opt.Date)}}
	if p.ContextName != "" {
		facts = append(facts, [2]string{d.tr.T("Context"), p.ContextName})
	}
	target := d.tr.T("{{.Hat}} (your choice)", map[string]any{"Hat": p.TrackName})
	if p.Chosen == "best-fit" {
		target = d.tr.T("{{.Hat}} (your best fit)", map[string]any{"Hat": p.TrackName})
	}
	facts = append(facts, [2]string{d.tr.T("Target"), target})
	r := d.in.Result
	answered := map[string]any{"Answered": r.Answered.Core, "Total": r.Answered.CoreTotal, "N": r.Answered.Audit}
	if r.Answered.Audit > 0 {
		facts = append(facts, [2]string{d.tr.T("Answered"), d.tr.N("{{.Answered}} of {{.Total}} questions, and {{.N}} tasks of the current-work audit", r.Answered.Audit, answered)})
	} else {
		facts = append(facts, [2]string{d.tr.T("Answered"), d.tr.T("{{.Answered}} of {{.Total}} questions", answered)})
	}
	d.facts(facts, 28)
	pdf.Ln(6)
	// The headline result, in a tinted box.
	d.font("B", 12.5)
	lines := pdf.SplitText(d.t(d.headline()), d.contentW-12)
	boxH := float64(len(lines))*6.5 + 10
	y := pdf.GetY()
	d.fill(tint)
	pdf.Rect(margin, y, d.contentW, boxH, "F")
	d.fill(c)
	pdf.Rect(margin, y, 1.6, boxH, "F")
	for i, l := range lines {
		pdf.SetXY(margin+6, y+5+float64(i)*6.5)
		pdf.CellFormat(d.contentW-12, 6.5, l, "", 0, "L", false, 0, "")
	}
	pdf.SetXY(margin, y+boxH+4)
	d.small(d.disclaimer + " " + d.tr.T("The scores describe how you answered today; they change as you grow."))
	pdf.Ln(8)
	d.contents(sections)
}

// facts lists a cover's facts, a bold label and its value on each line;
// the labels' column is labelW wide, or as wide as the longest label.
func (d *doc) facts(facts [][2]string, labelW float64) {
	pdf := d.pdf
	d.font("B", 10)
	for _, f := range facts {
		labelW = max(labelW, pdf.GetStringWidth(f[0])+2*pdf.GetCellMargin()+2)
	}
	for i, f := range facts {
		if i > 0 { // the first is in the bold font it was measured in
			d.font("B", 10)
		}
		pdf.CellFormat(labelW, 6, f[0], "", 0, "L", false, 0, "")
		d.font("", 10)
		pdf.MultiCell(d.contentW-labelW, 6, d.t(f[1]), "", "L", false)
	}
}

// coverTitle starts a cover page: the accent band, a kicker line and the
// name in large type.
func (d *doc) coverTitle(kicker string) {
	pdf := d.pdf
	pdf.AddPage()
	d.fill(d.accent)
	pdf.Rect(0, 0, d.pageW, 8, "F")
	pdf.SetY(40)
	d.font("", 11)
	d.color(muted)
	pdf.CellFormat(d.contentW, 6, kicker, "", 1, "L", false, 0, "")
	pdf.Ln(4)
	d.font("B", 26)
	d.color(ink)
	pdf.MultiCell(d.contentW, 11, d.displayName(), "", "L", false)
	pdf.Ln(2)
}

// contents lists the sections, each a link to its first page.
func (d *doc) contents(sections []section) {
	pdf := d.pdf
	d.font("B", 11)
	pdf.CellFormat(d.contentW, 7, d.tr.T("Contents"), "", 1, "L", false, 0, "")
	d.font("", 10)
	for i, s := range sections {
		d.color(linkBlue)
		pdf.CellFormat(d.contentW, 6.2, fmt.Sprintf("%d.  %s", i+1, s.title), "", 1, "L", false, d.links[s.id], "")
	}
	d.color(ink)
}

func (d *doc) fitSection() {
	pdf := d.pdf
	r := d.in.Result
	d.heading("fit", d.title("fit"), newPage, 0, 0)
	d.para(d.t(r.Verdict.Text))
	d.subheading(d.tr.T("Fit for each hat, with its uncertainty band"))
	d.fitBars()
	d.small(d.tr.T("The bar is your fit ({{.Readiness}} × readiness + {{.Affinity}} × affinity); the black line is its band, where it would probably fall if you answered again. Overlapping bands mean the order could flip.", d.weights()))
	pdf.Ln(4)
	const chartsH = 88.0
	d.keep(chartsH + 8)
	top := pdf.GetY()
	half := d.contentW / 2
	d.font("B", 11.5)
	pdf.SetXY(margin, top)
	pdf.CellFormat(half, 6, d.tr.T("Readiness against affinity"), "", 0, "L", false, 0, "")
	pdf.CellFormat(half, 6, d.tr.T("Your skills by area"), "", 0, "L", false, 0, "")
	d.scatter(margin+12, top+10, 54)
	d.radar(margin+half+half/2, top+10+30, 25)
	pdf.SetXY(margin, top+chartsH)
	d.small(d.tr.T("Readiness is how much of each hat's skill profile you cover; affinity, how much your style and choices lean to it; the lines are their bands. Right: the mean level of the skills you rated in each area, from 0 (never done it) to 100 (could teach it)."))
	for _, t := range r.Tracks {
		for _, m := range t.Missing {
			d.small(d.t(d.tr.T("{{.Hat}}, not enough answers: {{.Missing}}.", map[string]any{"Hat": t.Name, "Missing": m})))
		}
	}
	about := d.tr.T("About your answers")
	if len(r.Quality) == 0 {
		text := d.tr.T("No warning signs: your answers vary, and your answers to opposite statements agree with each other.")
		d.subheadingKeep(about, d.textHeight(text, d.contentW, 10, lineH))
		d.para(text)
		return
	}
	var notes []string
	for _, f := range r.Quality {
		notes = append(notes, d.t(f.Text))
	}
	d.subheadingKeep(about, d.listHeight(notes))
	d.bullets(notes)
}

// weights are the model's weights of readiness and affinity in the fit,
// as a text's data: "0.6" and "0.4" (in Spanish "0,6" and "0,4").
func (d *doc) weights() map[string]any {
	f := d.engine.Model.Fit
	return map[string]any{"Readiness": d.num(f.Readiness, 1), "Affinity": d.num(f.Affinity, 1)}
}

// numbersTable is every score with its band, for the reader who wants the
// exact figures behind the charts.
func (d *doc) numbersTable() {
	var rows [][]string
	for _, t := range d.in.Result.Tracks {
		rows = append(rows, []string{t.Name, d.fmtScore(t.Fit), d.fmtBand(t.Band), d.fmtScore(t.Readiness), d.fmtBand(t.ReadinessBand), d.fmtScore(t.Affinity), d.fmtBand(t.AffinityBand)})
	}
	band := d.tr.T("band")
	spec := tableSpec{cols: []column{{d.tr.T("Hat"), 0.28, "", true}, {d.tr.T("Fit"), 0.08, "R", true}, {band, 0.12, "R", false}, {d.tr.T("Readiness"), 0.14, "R", false}, {band, 0.12, "R", false}, {d.tr.T("Affinity"), 0.13, "R", false}, {band, 0.13, "R", false}}, rows: rows}
	d.subheadingKeep(d.tr.T("Your numbers"), d.tableNeed(spec))
	d.drawTable(spec)
}

func (d *doc) whySection() {
	r := d.in.Result
	d.heading("why", d.title("why"), preferNewPage, 0, 0)
	d.numbersTable()
	d.para(d.tr.T("Every answer moves a fit up or down from a neutral 50. Here are the answers that moved each hat the most; all of them together add up exactly to the fit. The number in front of each is how many points it moved."))
	for _, t := range r.Tracks {
		d.subheading(d.tr.T("{{.Hat}}: fit {{.Fit}}", map[string]any{"Hat": t.Name, "Fit": d.fmtScore(t.Fit)}))
		if t.Fit == nil {
			d.para(d.t(d.tr.T("Not enough answers for a fit: {{.Missing}}.", map[string]any{"Missing": strings.Join(t.Missing, "; ")})))
			continue
		}
		var lines []string
		for _, c := range t.Raised {
			lines = append(lines, d.t(d.signed(float64(c.Delta), 1)+"  "+c.Text))
		}
		for _, c := range t.Lowered {
			lines = append(lines, d.t(d.signed(float64(c.Delta), 1)+"  "+c.Text))
		}
		if len(lines) == 0 {
			lines = append(lines, d.tr.T("No single answer moved this hat much either way."))
		}
		d.bullets(lines)
	}
}

func (d *doc) gapsSection() {
	p := d.in.Plan
	intro := d.t(d.tr.T("Your skills against what {{.Hat}} needs: the gaps first, the one that would raise your readiness the most at the top, then the skills already at or above target. Shaded rows are the skills your 30/60/90-day plan works on.", map[string]any{"Hat": assessment.LowerFirst(p.TrackName)}))
	inPlan := map[string]bool{}
	for _, g := range p.Gaps {
		inPlan[g.Competency] = true
	}
	var rows [][]string
	for i, g := range p.Ranking {
		rows = append(rows, []string{d.t(g.Name), d.levelName(g.Level), d.levelName(g.Target), d.tr.T(weightWord(g.Weight)), d.tr.T(d.priorityWord(g, i == 0, inPlan[g.Competency]))})
	}
	ranking := tableSpec{
		cols:   []column{{d.tr.T("Skill"), 0.33, "", true}, {d.tr.T("You"), 0.19, "", false}, {d.tr.T("Target"), 0.19, "", false}, {d.tr.T("For this hat"), 0.13, "", false}, {d.tr.T("Priority"), 0.16, "", false}},
		rows:   rows,
		shaded: func(i int) bool { return inPlan[p.Ranking[i].Competency] },
	}
	d.heading("gaps", d.title("gaps"), preferNewPage, d.textHeight(intro, d.contentW, 10, lineH)+1.5+d.tableNeed(ranking), 0)
	d.para(intro)
	d.drawTable(ranking)
	if len(p.Unrated) > 0 {
		d.small(d.t(d.tr.T("Not rated, so not ranked or planned: {{.Skills}}.", map[string]any{"Skills": strings.Join(p.Unrated, "; ")})))
	}
	var evidence []assessment.CompetencyLevel
	for _, c := range d.in.Result.Competencies {
		if c.Evidence != "" {
			evidence = append(evidence, c)
		}
	}
	if len(evidence) > 0 {
		d.subheadingKeep(d.tr.T("Your evidence"), 2*lineH)
		for _, c := range evidence {
			note := d.user(d.tr.T("your evidence for {{.Skill}}", map[string]any{"Skill": c.Name}), c.Evidence)
			d.font("", 10)
			d.keep(lineH + min(float64(len(d.split(note, d.contentW))), keepWhole)*lineH)
			d.font("B", 10)
			d.flow(d.split(d.t(c.Name), d.contentW), margin, d.contentW, lineH, "", nil)
			d.evidence(note)
			d.pdf.Ln(1.5)
		}
	}
}

// The ranking table says in words what its numbers mean, so that nobody
// has to decode a weight or a priority. The method section says the same
// in prose. The thresholds:
//
//   - weight (the hat's profile in assessment/data/model.json): 3 or more
//     is "essential", 2 "important", less "helps";
//   - priority is weight × (target − level) / 100, counted here in weighted
//     steps of the skill scale (one step is 25 points on a 1-5 scale, so an
//     essential skill one step short is 3 weighted steps):
//     the first gap of the ranking (the highest priority) is "biggest gap
//     for this hat"; any other gap of 4 or more weighted steps (an
//     essential skill two steps short, an important one two) is a "big
//     gap", of 2 or more (an essential or important skill one step short,
//     a helpful one two) a "gap", and below 2 (a helpful skill one step
//     short) a "small gap";
//   - a skill at or above target is a "strength", or a "strength to
//     deepen" when the plan works on it (fewer gaps than focus skills).
const (
	essentialWeight = 3.0
	importantWeight = 2.0
	bigGapSteps     = 4.0
	gapSteps        = 2.0
)

// weightWord names a weight in words: a catalogue key, shown in the
// document's language.
func weightWord(w float64) string {
	switch {
	case w >= essentialWeight:
		return i18n.Key("essential")
	case w >= importantWeight:
		return i18n.Key("important")
	}
	return i18n.Key("helps")
}

// priorityWord names a skill's place in the ranking in words: a catalogue
// key, shown in the document's language.
func (d *doc) priorityWord(g assessment.Gap, first, inPlan bool) string {
	if g.Kind != "gap" {
		if inPlan {
			return i18n.Key("strength to deepen")
		}
		return i18n.Key("strength")
	}
	sc := d.skillScale()
	step := 100 / float64(sc.Max-sc.Min) // points per answer step
	steps := float64(g.Priority) * 100 / step
	switch {
	case first:
		return i18n.Key("biggest gap for this hat")
	case steps >= bigGapSteps:
		return i18n.Key("big gap")
	case steps >= gapSteps:
		return i18n.Key("gap")
	}
	return i18n.Key("small gap")
}

// skillScale is the answer scale of the skill ratings, as the bank defines
// it.
func (d *doc) skillScale() questions.Scale {
	for _, it := range d.bank.Items {
		if it.Kind == questions.KindSkillRating {
			return d.bank.Scales[it.Scale]
		}
	}
	return questions.Scale{Min: 0, Max: 100}
}

// levelName is the skill scale's label for a level (0-100).
func (d *doc) levelName(level assessment.Score) string {
	sc := d.skillScale()
	if v, ok := sc.PointAt(float64(level)); ok {
		return sc.Label(v, d.lang)
	}
	return d.tr.T("{{.Level}} of 100", map[string]any{"Level": fmt.Sprintf("%.0f", float64(level))})
}

// evidence prints a note, as a clickable link when it is a web address.
func (d *doc) evidence(note string) {
	d.font("", 10)
	link := ""
	if isURL(note) {
		d.color(linkBlue)
		link = note
	}
	d.flow(d.split(note, d.contentW), margin, d.contentW, lineH, link, nil)
	d.color(ink)
}

func isURL(s string) bool {
	return (strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")) && !strings.ContainsAny(s, " \n")
}

func (d *doc) planSection() {
	p := d.in.Plan
	d.heading("plan", d.title("plan"), preferNewPage, 0, 0)
	if len(p.Gaps) == 0 {
		d.para(d.tr.T("Every skill you rated for this hat is already at the top of the scale, so there is nothing to close. Use the job description and the advice that follow to keep growing, or choose another hat."))
		return
	}
	var names []string
	for _, g := range p.Gaps {
		names = append(names, g.Name)
	}
	d.para(d.t(d.tr.N("Your {{.N}} focus skills ({{.Skills}}) each get the steps their level calls for, one month apart: learn it if it is new to you, practise it for real, show evidence of it. Tick each box when its proof of done exists.", len(p.Gaps),
		map[string]any{"N": len(p.Gaps), "Skills": strings.Join(names, "; ")})))
	if p.ContextAdvice != "" {
		advice := d.t(p.ContextAdvice)
		d.keep(lineH + min(d.textHeight(advice, d.contentW, 10, lineH), keepWhole*lineH))
		d.font("B", 10)
		d.flow(d.split(d.t(d.tr.T("In your context ({{.Context}})", map[string]any{"Context": strings.ToLower(p.ContextName)})), d.contentW), margin, d.contentW, lineH, "", nil)
		d.para(advice)
	}
	cols := []column{{d.tr.T("What to do"), 0.5, "", false}, {d.tr.T("Step"), 0.18, "", true}, {d.tr.T("Done when"), 0.32, "", false}}
	for _, ph := range p.Phases {
		var rows [][]string
		for _, a := range ph.Actions {
			what := a.Text
			if a.ContextNote != "" {
				what = d.tr.T("{{.Action}} In your context: {{.Note}}", map[string]any{"Action": a.Text, "Note": a.ContextNote})
			}
			rows = append(rows, []string{d.t(what), d.t(d.engine.Heading(a)), d.t(a.Proof)})
		}
		if len(rows) == 0 {
			d.subheadingKeep(ph.Title, 2*lineH)
			d.para(d.tr.T("Nothing planned for these days."))
			continue
		}
		spec := tableSpec{cols: cols, rows: rows, check: true}
		d.subheadingKeep(ph.Title, d.tableNeed(spec))
		d.drawTable(spec)
	}
}

func (d *doc) jobSection() {
	p := d.in.Plan
	d.heading("job", d.title("job"), flowOn, 0, 0)
	d.subheading(d.tr.T("How {{.Hat}}s are measured", map[string]any{"Hat": assessment.LowerFirst(p.TrackName)}))
	d.bullets(d.ts(p.KPIs))
	d.subheading(d.tr.T("A day in the life"))
	d.bullets(d.ts(p.DayInLife))
}

func (d *doc) ts(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = d.t(s)
	}
	return out
}

// suggestions name what to do with a task of the hat audit.
var suggestions = map[string]string{
	assessment.SuggestKeep:     i18n.Key("Keep"),
	assessment.SuggestDelegate: i18n.Key("Delegate"),
	assessment.SuggestAutomate: i18n.Key("Automate"),
	assessment.SuggestDrop:     i18n.Key("Drop"),
}

// energies name how a task of the hat audit feels, by its ID: short words
// that fit the table's narrow column.
var energies = map[string]string{
	"drains":    i18n.Key("drains"),
	"neutral":   i18n.Key("neutral"),
	"energises": i18n.Key("energises"),
}

// energyName is how a task of the hat audit feels, in the document's
// language ("drains").
func (d *doc) energyName(id string) string {
	if k, ok := energies[id]; ok {
		return d.tr.T(k)
	}
	return id
}

func (d *doc) auditSection() {
	a := d.in.Result.Audit
	intro := d.t(d.tr.T("You told us about {{.Hours}} hours a week of social media and community work. Here is where they go, and how they feel. Energy runs from −1 (every hour drains you) to +1 (every hour gives you energy).", map[string]any{"Hours": d.num(float64(a.TotalHours), 0)}))
	var rows [][]string
	for _, t := range a.Tracks {
		energy := d.tr.T("no tasks")
		if t.Energy != nil {
			energy = d.signed(float64(*t.Energy), 1)
		}
		rows = append(rows, []string{t.Name, d.num(float64(t.Hours), 1) + " h", fmt.Sprintf("%.0f%%", float64(t.Share)), energy})
	}
	hats := tableSpec{cols: []column{{d.tr.T("Hat"), 0.4, "", true}, {d.tr.T("Hours a week"), 0.2, "R", false}, {d.tr.T("Share"), 0.2, "R", false}, {d.tr.T("Energy"), 0.2, "R", false}}, rows: rows}
	d.heading("audit", d.title("audit"), flowOn, d.textHeight(intro, d.contentW, 10, lineH)+1.5+d.tableNeed(hats), 0)
	d.para(intro)
	d.drawTable(hats)
	if len(a.Signals) > 0 {
		d.subheading(d.tr.T("Signs of strain"))
		var s []string
		for _, f := range a.Signals {
			s = append(s, d.t(f.Text))
		}
		d.bullets(s)
	}
	if a.Keep != "" {
		d.subheading(d.tr.T("The hat to keep: {{.Hat}}", map[string]any{"Hat": a.KeepName}))
		d.para(d.t(a.KeepReason))
	}
	rows = nil
	for _, t := range a.Tasks {
		tr, _ := d.bank.Track(t.Track)
		rows = append(rows, []string{d.t(t.Label), tr.Name.In(d.lang), d.num(float64(t.Hours), 0) + " h", d.energyName(t.Energy), d.tr.T(suggestions[t.Suggestion]), d.t(t.Reason)})
	}
	tasks := tableSpec{cols: []column{{d.tr.T("Task"), 0.2, "", true}, {d.tr.T("Hat"), 0.16, "", false}, {d.tr.T("Hours"), 0.08, "R", false}, {d.tr.T("Energy"), 0.13, "", false}, {d.tr.T("Do"), 0.13, "", true}, {d.tr.T("Why"), 0.3, "", false}}, rows: rows}
	d.subheadingKeep(d.tr.T("Keep, delegate, automate or drop"), d.tableNeed(tasks))
	d.drawTable(tasks)
}

func (d *doc) adviceSection() {
	p := d.in.Plan
	d.heading("advice", d.title("advice"), flowOn, 0, 0)
	d.subheading(d.tr.T("Working with the other hats"))
	d.para(d.t(p.Collaboration))
	d.subheading(d.tr.T("What experienced people tell newcomers"))
	d.bullets(d.ts(p.Advice))
}

func (d *doc) notesSection() {
	d.heading("notes", d.title("notes"), flowOn, 0, 0)
	d.para(d.user(d.tr.T("your notes"), d.in.Plan.Notes))
}

func (d *doc) methodSection() {
	d.heading("method", d.title("method"), flowOn, 0, 0)
	d.para(d.tr.T("Readiness compares your skill ratings with each hat's target profile: the skills it needs, weighted by how central they are. Affinity comes from your work-style statements, the activities you preferred and what you would do in each situation. Fit is {{.Readiness}} × readiness + {{.Affinity}} × affinity. A score needs enough answers: a hat is never scored from a few answers filled in by guesswork.", d.weights()))
	d.para(d.tr.T("Each score carries a band that widens when there are fewer answers, when the answers disagree with each other, and when the answer-quality checks raise a flag. When the best hat's band overlaps the next one's, the result is called a hybrid rather than a winner."))
	d.para(d.tr.T("In \"{{.Section}}\", each skill of a hat's profile has a weight: {{.Essential}} when it is essential for the hat, {{.Important}} when it is important, 1 when it helps. A gap's priority is its weight times the answer steps between your level and the target: {{.Big}} weighted steps or more is a big gap (an essential skill two steps short), {{.Gap}} or more a gap (an essential or important skill one step short), less a small gap; the gap with the highest priority is the biggest gap for this hat. Hatcheck's scoring notes (\"How Hatcheck scores\") give every formula and weight.",
		map[string]any{"Section": d.title("gaps"), "Essential": d.num(essentialWeight, 0), "Important": d.num(importantWeight, 0), "Big": d.num(bigGapSteps, 0), "Gap": d.num(gapSteps, 0)}))
	d.subheading(d.tr.T("Limits"))
	d.bullets([]string{
		d.disclaimer + " " + d.tr.T("The scores rest on how you see yourself, which can be too kind or too harsh."),
		d.tr.T("The questions and the plan are written from five practitioner articles, not from a validated psychometric test. Use the result to start a conversation, with yourself or a mentor."),
		d.tr.T("The three hats overlap in real jobs; many people wear two, especially in small businesses."),
	})
	d.sources()
}

// sources lists the five articles by title and author, kept together on
// one page as the document's end.
func (d *doc) sources() {
	intro := d.tr.T("The questions, profiles and plan actions are written in Hatcheck's own words from these five articles:")
	var src []string
	for _, s := range d.bank.Sources {
		src = append(src, d.t(citation(d.tr, s)))
	}
	d.subheadingKeep(d.tr.T("Sources"), d.textHeight(intro, d.contentW, 10, lineH)+1.5+d.listHeight(src))
	d.para(intro)
	d.bullets(src)
}

// citation names an article by its title and author, as a reader would look
// it up: the title as published, the author (or the kind of post) in p's
// language, in the quotation marks of p's language.
func citation(p *i18n.Printer, s questions.Document) string {
	return p.T("“{{.Title}}”, {{.Author}}.", map[string]any{"Title": s.Title, "Author": s.Author.In(p.Lang())})
}
