package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"strings"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// GroupTitle is the group report's name, in English; a report shows it in
// its own language.
var GroupTitle = i18n.Key("Hatcheck workshop report")

// WorksheetTitle is the blank worksheet's name, in English.
var WorksheetTitle = i18n.Key("Hatcheck worksheet")

// GroupInput is what a cohort's group report shows, in the language of its
// engine; the group summary is the engine's (Engine.Summarise), so that its
// texts are in that language too.
type GroupInput struct {
	Engine  *assessment.Engine
	Cohort  string
	Group   assessment.Group
	Members []assessment.Member
	// Names shows participants' names instead of their codes.
	Names bool
}

// WriteGroup renders the group report.
func WriteGroup(w io.Writer, in GroupInput, opt Options) ([]string, error) {
	if in.Engine == nil {
		return nil, i18n.Errorf("report: the engine is needed")
	}
	cover, err := coverage()
	if err != nil {
		return nil, err
	}
	if opt.Paper == "" {
		opt.Paper = A4
	}
	d := newBaseDoc(in.Engine, opt, cover, GroupTitle, rgb{47, 109, 181})
	d.name = d.user(d.tr.T("the cohort name"), in.Cohort)
	g := &groupDoc{doc: d, in: in, nameField: d.tr.T("a participant's name")}
	g.render()
	if d.pdf.Err() {
		return d.warnings, i18n.Errorf("lay out the group report: {{.Err}}", map[string]any{"Err": d.pdf.Error()})
	}
	if err := d.pdf.Output(w); err != nil {
		return d.warnings, i18n.Errorf("write the group report: {{.Err}}", map[string]any{"Err": err})
	}
	return d.warnings, nil
}

// WriteGroupFile writes the group report to path, whole or not at all.
func WriteGroupFile(path string, in GroupInput, opt Options) ([]string, error) {
	var buf bytes.Buffer
	warnings, err := WriteGroup(&buf, in, opt)
	if err != nil {
		return warnings, err
	}
	return warnings, atomicfile.Write(path, buf.Bytes(), 0o600)
}

type groupDoc struct {
	*doc
	in GroupInput
	// nameField names a participant's name in a warning.
	nameField string
}

func (g *groupDoc) label(m assessment.Member) string {
	if g.in.Names && m.Name != "" {
		return g.user(g.nameField, m.Name)
	}
	return m.Code
}

func (g *groupDoc) render() {
	pdf := g.pdf
	pdf.SetTitle(g.t(g.docTitle+": "+g.in.Cohort), true)
	pdf.SetSubject(g.t(g.tr.N("Group picture of {{.N}} participants", g.in.Group.Size, map[string]any{"N": g.in.Group.Size})), true)
	pdf.SetAuthor("Hatcheck", true)
	pdf.SetCreator("Hatcheck", true)
	pdf.SetHeaderFuncMode(g.header, true)
	pdf.SetFooterFunc(g.footer)
	g.secs = g.sections()
	detailed := g.in.Group.Detailed
	for _, s := range g.secs {
		g.links[s.id] = pdf.AddLink()
	}
	g.coverPage(g.secs)
	g.leanSection()
	if detailed {
		g.dotSection()
		g.heatSection()
	}
	g.gapSection()
	if detailed {
		g.pairSection()
	}
	g.questionSection()
	g.measureSection()
	g.methodNotes()
}

// sections lists the report's sections in order. A group too small to show
// anyone's detail has no dot plot, heat map or pairs: one sentence under the
// counts says why, rather than three pages that each say so.
func (g *groupDoc) sections() []section {
	detailed := g.in.Group.Detailed
	tr := g.tr
	secs := []section{{"lean", tr.T("How the group leans")}}
	if detailed {
		secs = append(secs, section{"dots", tr.T("Everyone's fit")}, section{"heat", tr.T("Skills across the group")})
	}
	secs = append(secs, section{"gaps", tr.T("What to teach next")})
	if detailed {
		secs = append(secs, section{"pairs", tr.T("Peer pairs")})
	}
	return append(secs, section{"questions", tr.T("Questions for discussion")},
		section{"measure", tr.T("Measurement notes for the trainer")}, section{"method", tr.T("Privacy, method and sources")})
}

func (g *groupDoc) coverPage(secs []section) {
	pdf := g.pdf
	g.coverTitle(g.tr.T("HATCHECK · WORKSHOP REPORT"))
	pdf.Ln(2)
	g.font("", 10)
	who := g.tr.T("participant codes (P01, P02...), not names")
	if g.in.Names {
		who = g.tr.T("participants' names (the trainer switched names on)")
	}
	g.facts([][2]string{
		{g.tr.T("Date"), g.tr.Date(g.opt.Date)},
		{g.tr.T("Participants"), fmt.Sprint(g.in.Group.Size)},
		{g.tr.T("Shown by"), who},
	}, 30)
	pdf.Ln(4)
	g.small(g.disclaimer + " " + g.tr.T("This report shows how a group answered, to plan the session; it says nothing about anyone's worth as a professional."))
	pdf.Ln(8)
	g.contents(secs)
}

func (g *groupDoc) trackName(id string) string {
	t, _ := g.bank.Track(id)
	return t.Name.In(g.lang)
}

func (g *groupDoc) leanSection() {
	gr := g.in.Group
	tr := g.tr
	minimum := map[string]any{"Min": assessment.MinBreakdown}
	g.heading("lean", g.title("lean"), newPage, 0, 0)
	g.para(tr.N("Of {{.N}} participants, this is the hat each fits best. A hybrid is someone whose two best hats are too close to call. Mean fits are shown only where at least {{.Min}} people have one.", gr.Size,
		map[string]any{"N": gr.Size, "Min": assessment.MinBreakdown}))
	var rows [][]string
	for _, id := range questions.TrackIDs {
		mean := tr.T("shown for {{.Min}} or more", minimum)
		if m := gr.MeanFit[id]; m != nil {
			mean = fmt.Sprintf("%.0f", float64(*m))
		}
		rows = append(rows, []string{g.trackName(id), fmt.Sprint(gr.Lean[id]), mean})
	}
	rows = append(rows, []string{tr.T("Hybrid (too close to call)"), fmt.Sprint(gr.Hybrid), ""}, []string{tr.T("Not enough answers"), fmt.Sprint(gr.NotEnough), ""})
	people := tr.T("People")
	g.table([]column{{tr.T("Best fit"), 0.5, "", true}, {people, 0.2, "R", false}, {tr.T("Mean fit of the group"), 0.3, "R", false}}, rows, false)
	g.leanBars()
	if !gr.Detailed {
		g.para(tr.T("The group has fewer than {{.Min}} participants, so to keep everyone anonymous only counts are shown: no one's fit, skills or peer pair. Switch names on (with the participants' agreement) to see them.", minimum))
	}
	var ctx [][]string
	for _, c := range append([]string{""}, assessment.Contexts...) {
		if n := gr.Contexts[c]; n > 0 {
			name := tr.T("not said")
			for _, pc := range g.engine.Plan().Contexts {
				if pc.ID == c {
					name = pc.Name.In(g.lang)
				}
			}
			ctx = append(ctx, []string{name, fmt.Sprint(n)})
		}
	}
	spec := tableSpec{cols: []column{{tr.T("Context"), 0.7, "", false}, {people, 0.3, "R", false}}, rows: ctx}
	g.subheadingKeep(tr.T("Where participants work"), g.tableNeed(spec))
	g.drawTable(spec)
}

// leanBars draws the counts as horizontal bars.
func (g *groupDoc) leanBars() {
	pdf := g.pdf
	gr := g.in.Group
	type bar struct {
		name string
		n    int
		c    rgb
	}
	bars := []bar{}
	for _, id := range questions.TrackIDs {
		bars = append(bars, bar{g.trackName(id), gr.Lean[id], trackInk(id)})
	}
	bars = append(bars, bar{g.tr.T("Hybrid"), gr.Hybrid, muted})
	max := 1
	for _, b := range bars {
		if b.n > max {
			max = b.n
		}
	}
	g.keep(float64(len(bars))*8 + 4)
	y := pdf.GetY() + 2
	w := g.contentW - 60
	for i, b := range bars {
		yy := y + float64(i)*8
		g.font("", 9)
		g.color(ink)
		pdf.SetXY(margin, yy)
		pdf.CellFormat(45, 6, b.name, "", 0, "R", false, 0, "")
		g.fill(b.c)
		pdf.Rect(margin+48, yy+1, w*float64(b.n)/float64(max), 4, "F")
		pdf.SetXY(margin+50+w*float64(b.n)/float64(max), yy)
		pdf.CellFormat(10, 6, fmt.Sprint(b.n), "", 0, "L", false, 0, "")
	}
	pdf.SetXY(margin, y+float64(len(bars))*8+2)
}

// dotSection is a dot plot: one row per person, a dot per track at its fit,
// with the band of the best one.
func (g *groupDoc) dotSection() {
	pdf := g.pdf
	const rowH = 5.2
	top := 2*lineH + 8 + 12 // the introduction, the legend, the axis
	g.heading("dots", g.title("dots"), preferNewPage, top+float64(min(5, len(g.in.Members)))*rowH, top+float64(len(g.in.Members))*rowH)
	g.para(g.tr.T("One row per participant: each dot is the fit for one hat (0 to 100), the line the band of the best one."))
	legendY := pdf.GetY()
	for i, id := range questions.TrackIDs {
		g.fill(trackInk(id))
		x := margin + float64(i)*55
		pdf.Circle(x+2, legendY+2.5, 1.4, "F")
		g.font("", 8.5)
		pdf.SetXY(x+5, legendY)
		pdf.CellFormat(48, 5, g.trackName(id), "", 0, "L", false, 0, "")
	}
	pdf.SetY(legendY + 8)
	labelW := 34.0
	x0 := margin + labelW
	w := g.contentW - labelW - 4
	axis := func(y float64) {
		g.draw(rule)
		pdf.SetLineWidth(0.2)
		g.font("", 7)
		g.color(muted)
		for v := 0; v <= 100; v += 25 {
			x := x0 + w*float64(v)/100
			pdf.Line(x, y, x, y+2)
			pdf.SetXY(x-5, y+2)
			pdf.CellFormat(10, 3, fmt.Sprint(v), "", 0, "C", false, 0, "")
		}
		g.color(ink)
	}
	for _, m := range g.in.Members {
		y := pdf.GetY()
		if y+rowH+8 > g.pageH-bottom {
			axis(y)
			pdf.AddPage()
			y = pdf.GetY()
		}
		g.font("", 8)
		pdf.SetXY(margin, y)
		pdf.CellFormat(labelW-2, rowH, g.fitWidth(g.label(m), labelW-3), "", 0, "L", false, 0, "")
		g.draw(rule)
		pdf.SetLineWidth(0.15)
		pdf.Line(x0, y+rowH/2, x0+w, y+rowH/2)
		if m.Best != "" && m.Band[m.Best] != nil {
			b := m.Band[m.Best]
			g.draw(trackInk(m.Best))
			pdf.SetLineWidth(0.8)
			pdf.Line(x0+w*float64(b[0])/100, y+rowH/2, x0+w*float64(b[1])/100, y+rowH/2)
		}
		for _, id := range questions.TrackIDs {
			if f := m.Fit[id]; f != nil {
				g.fill(trackInk(id))
				pdf.Circle(x0+w*float64(*f)/100, y+rowH/2, 1.3, "F")
			}
		}
		pdf.SetY(y + rowH)
	}
	axis(pdf.GetY())
	pdf.SetY(pdf.GetY() + 7)
}

// heatSection is a heat map of skill levels: competencies down, people
// across, in as few blocks of people as the page width needs, of equal
// size, with a colour legend.
func (g *groupDoc) heatSection() {
	pdf := g.pdf
	const nameW, nameLine, minCell, maxCell = 58.0, 3.0, 4.4, 10.0
	// The column labels stand on end: as tall as the longest, and only a
	// name longer than maxLabel is shortened.
	const maxLabel = 36.0
	g.font("", 6.5)
	labelsH := 0.0
	for _, m := range g.in.Members {
		labelsH = max(labelsH, pdf.GetStringWidth(g.fitWidth(g.label(m), maxLabel)))
	}
	labelsH += 3
	// Skill names wrap rather than being cut; a wrapped name makes its row
	// taller.
	g.font("", 7)
	type heatRow struct {
		name []string
		h    float64
	}
	var grid []heatRow
	gridH := 0.0
	for _, c := range g.bank.Competencies {
		lines := g.split(g.t(c.Name.In(g.lang)), nameW-1)
		h := max(4.6, float64(len(lines))*nameLine+1.4)
		grid = append(grid, heatRow{lines, h})
		gridH += h
	}
	intro := g.tr.T("Each cell is one person's rating of one skill: the darker, the stronger. Blank cells were not rated.")
	g.heading("heat", g.title("heat"), preferNewPage, g.textHeight(intro, g.contentW, 10, lineH)+12+labelsH+gridH, 0)
	g.para(intro)
	g.heatLegend()
	members := g.in.Members
	perPage := max(1, int((g.contentW-nameW)/minCell))
	blocks := (len(members) + perPage - 1) / perPage
	per := (len(members) + blocks - 1) / blocks
	for start := 0; start < len(members); start += per {
		block := members[start:min(start+per, len(members))]
		cellW := math.Min(maxCell, (g.contentW-nameW)/float64(len(block)))
		if start > 0 {
			// A block on a page of its own says what it is and repeats
			// the legend.
			g.keep(labelsH + gridH + 4 + 18)
			g.small(g.tr.T("{{.Section}}, continued: {{.First}} to {{.Last}}.", map[string]any{"Section": g.title("heat"), "First": g.label(block[0]), "Last": g.label(block[len(block)-1])}))
			pdf.Ln(1)
			g.heatLegend()
		}
		g.keep(labelsH + gridH + 4)
		y := pdf.GetY()
		// column labels, rotated
		g.font("", 6.5)
		g.color(ink)
		for i, m := range block {
			x := margin + nameW + float64(i)*cellW + cellW/2 + 1
			pdf.TransformBegin()
			pdf.TransformRotate(90, x, y+labelsH-2)
			pdf.SetXY(x, y+labelsH-2-1.5)
			pdf.CellFormat(maxLabel+1, 3, g.fitWidth(g.label(m), maxLabel), "", 0, "L", false, 0, "")
			pdf.TransformEnd()
		}
		yy := y + labelsH
		for ci, c := range g.bank.Competencies {
			row := grid[ci]
			g.font("", 7)
			g.color(ink)
			top := yy + (row.h-float64(len(row.name))*nameLine)/2
			for j, l := range row.name {
				pdf.SetXY(margin, top+float64(j)*nameLine)
				pdf.CellFormat(nameW-1, nameLine, l, "", 0, "L", false, 0, "")
			}
			for i, m := range block {
				x := margin + nameW + float64(i)*cellW
				if l, ok := m.Levels[c.ID]; ok {
					g.fill(heatShade(l))
					pdf.Rect(x+0.2, yy+0.2, cellW-0.4, row.h-0.4, "F")
				} else {
					g.draw(rule)
					pdf.SetLineWidth(0.1)
					pdf.Rect(x+0.2, yy+0.2, cellW-0.4, row.h-0.4, "D")
				}
			}
			yy += row.h
		}
		pdf.SetXY(margin, yy+6)
	}
}

// heatShade is the colour of a skill level (0-100): from a pale blue for
// the bottom of the scale to a deep blue for the top.
func heatShade(level float64) rgb {
	t := math.Max(0, math.Min(1, level/100))
	return rgb{int(222 - 172*t), int(230 - 160*t), int(250 - 60*t)}
}

// heatLegend shows the colour of every point of the skill scale, with the
// scale's own labels, and the blank of a skill not rated.
func (g *groupDoc) heatLegend() {
	pdf := g.pdf
	const swatchW, swatchH, gap, lineH = 5.0, 3.4, 3.5, 5.0
	sc := g.skillScale()
	type key struct {
		label string
		level float64
		blank bool
	}
	var keys []key
	for v := sc.Min; v <= sc.Max; v++ {
		keys = append(keys, key{sc.Label(v, g.lang), sc.Percent(v), false})
	}
	keys = append(keys, key{g.tr.T("Not rated"), 0, true})
	g.font("", 7.5)
	rows := 1
	x := margin
	for _, k := range keys {
		w := swatchW + 1.5 + pdf.GetStringWidth(k.label) + 2
		if x+w > margin+g.contentW {
			rows++
			x = margin
		}
		x += w + gap
	}
	g.keep(float64(rows)*lineH + 2)
	x, y := margin, pdf.GetY()+0.5
	for _, k := range keys {
		w := swatchW + 1.5 + pdf.GetStringWidth(k.label) + 2
		if x+w > margin+g.contentW {
			x, y = margin, y+lineH
		}
		if k.blank {
			g.draw(rule)
			pdf.SetLineWidth(0.2)
			pdf.Rect(x, y+0.7, swatchW, swatchH, "D")
		} else {
			g.fill(heatShade(k.level))
			pdf.Rect(x, y+0.7, swatchW, swatchH, "F")
		}
		g.color(ink)
		pdf.SetXY(x+swatchW+1.5, y)
		pdf.CellFormat(w-swatchW-1.5, lineH, k.label, "", 0, "L", false, 0, "")
		x += w + gap
	}
	pdf.SetXY(margin, y+lineH+2)
	g.font("", 10)
}

// introAndTable is a section's opening paragraph and its table, the
// paragraph's height plus the table's start: what its heading keeps.
func (g *groupDoc) introAndTable(intro string, spec tableSpec) float64 {
	return g.textHeight(intro, g.contentW, 10, lineH) + 1.5 + g.tableNeed(spec)
}

func (g *groupDoc) gapSection() {
	tr := g.tr
	intro := tr.T("The skills that appear most often among participants' own plans (the gaps that weigh most for the hat each fits best): a session on these helps the most people.")
	var rows [][]string
	for _, c := range g.in.Group.Gaps {
		rows = append(rows, []string{c.Name, fmt.Sprint(c.People), fmt.Sprintf("%.0f", float64(c.MeanLevel))})
	}
	spec := tableSpec{cols: []column{{tr.T("Skill"), 0.6, "", true}, {tr.T("People"), 0.2, "R", false}, {tr.T("Their mean level"), 0.2, "R", false}}, rows: rows}
	if len(rows) == 0 {
		g.heading("gaps", g.title("gaps"), flowOn, 0, 0)
		g.para(tr.T("No common gaps: nobody's best-fit plan has a skill below its target."))
		return
	}
	g.heading("gaps", g.title("gaps"), flowOn, g.introAndTable(intro, spec), 0)
	g.para(intro)
	g.drawTable(spec)
}

func (g *groupDoc) pairSection() {
	tr := g.tr
	if len(g.in.Group.Pairs) == 0 {
		g.heading("pairs", g.title("pairs"), flowOn, 0, 0)
		g.para(tr.T("No pairs with clearly complementary strengths in this group."))
		return
	}
	intro := tr.T("Pairs whose strong areas are each other's weaker ones, so each has something to teach the other. Each person is in one pair at most.")
	var rows [][]string
	for _, p := range g.in.Group.Pairs {
		rows = append(rows, []string{g.t(p.A), g.t(p.B), g.t(p.Why)})
	}
	spec := tableSpec{cols: []column{{tr.T("Person"), 0.18, "", true}, {tr.T("With"), 0.18, "", true}, {tr.T("Why"), 0.64, "", false}}, rows: rows}
	g.heading("pairs", g.title("pairs"), flowOn, g.introAndTable(intro, spec), 0)
	g.para(intro)
	g.drawTable(spec)
}

func (g *groupDoc) questionSection() {
	qs := g.ts(g.in.Group.Questions)
	g.heading("questions", g.title("questions"), flowOn, g.listHeight(qs[:min(2, len(qs))]), 0)
	g.numbered(qs)
}

func (g *groupDoc) measureSection() {
	gr := g.in.Group
	tr := g.tr
	intro := tr.T("Cronbach's alpha says whether the items of a scale hang together in this group ({{.Acceptable}} or more is usually acceptable). It is computed once at least {{.Min}} people answered every item of the scale.",
		map[string]any{"Acceptable": g.num(0.7, 1), "Min": assessment.MinAlphaPeople})
	var rows [][]string
	for _, s := range gr.Scales {
		a := "–"
		if s.Alpha != nil {
			a = g.num(*s.Alpha, 2)
		}
		rows = append(rows, []string{s.Scale, fmt.Sprint(s.Items), fmt.Sprint(s.People), a, s.Note})
	}
	scales := tableSpec{cols: []column{{tr.T("Scale"), 0.34, "", true}, {tr.T("Items"), 0.08, "R", false}, {tr.T("People"), 0.09, "R", false}, {tr.T("Alpha"), 0.09, "R", true}, {"", 0.4, "", false}}, rows: rows}
	g.heading("measure", g.title("measure"), preferNewPage, g.introAndTable(intro, scales), 0)
	g.para(intro)
	g.drawTable(scales)

	full := 0
	var rows2 [][]string
	for _, it := range gr.Items {
		if it.Answered == gr.Size {
			full++
			continue
		}
		label := it.Item
		if bi, ok := g.bank.Item(it.Item); ok && bi.Label.In(g.lang) != "" {
			label = bi.Label.In(g.lang)
		}
		rows2 = append(rows2, []string{g.t(label), it.Item, fmt.Sprintf("%d (%.0f%%)", it.Answered, float64(it.Share))})
	}
	counts := map[string]any{"Full": full, "N": len(gr.Items)}
	if len(rows2) == 0 {
		g.subheadingKeep(tr.T("Completion"), lineH)
		g.para(tr.T("{{.Full}} of {{.N}} questions were answered by everyone.", counts))
		return
	}
	summary := tr.T("{{.Full}} of {{.N}} questions were answered by everyone. The others, by the short name the questionnaire gives them and their ID in the CSV template:", counts)
	// "ID" reads the same in every language (and is a word go-i18n keeps
	// for itself in a catalogue).
	spec := tableSpec{cols: []column{{tr.T("Question"), 0.44, "", true}, {"ID", 0.4, "", false}, {tr.T("Answered"), 0.16, "R", false}}, rows: rows2, grey: map[int]bool{1: true}}
	g.subheadingKeep(tr.T("Completion"), g.introAndTable(summary, spec))
	g.para(summary)
	g.drawTable(spec)
}

func (g *groupDoc) methodNotes() {
	tr := g.tr
	g.heading("method", g.title("method"), flowOn, 0, 0)
	g.bullets([]string{
		tr.T("Participants appear by code unless the trainer switches names on. A breakdown of fewer than {{.Min}} people is shown only as a count, and a group of fewer than {{.Min}} shows counts only.", map[string]any{"Min": assessment.MinBreakdown}),
		tr.T("Each participant's scores come from their own answers, as in their personal plan: fit is {{.Readiness}} × readiness + {{.Affinity}} × affinity, with a band that widens with fewer or inconsistent answers.", g.weights()),
		g.disclaimer + " " + tr.T("Self-ratings can be too kind or too harsh; use this picture to plan a session, not to rank people."),
	})
	g.sources()
}

// WriteWorksheet renders the printable blank questionnaire in the engine's
// language: every core question with boxes to tick, for a workshop without
// computers. Its answers go into the CSV template.
func WriteWorksheet(w io.Writer, e *assessment.Engine, opt Options) error {
	cover, err := coverage()
	if err != nil {
		return err
	}
	if opt.Paper == "" {
		opt.Paper = A4
	}
	d := newBaseDoc(e, opt, cover, WorksheetTitle, rgb{47, 109, 181})
	tr, lang := d.tr, d.lang
	d.name = tr.T("Name:") + " ______________________"
	pdf := d.pdf
	pdf.SetTitle(d.docTitle, true)
	pdf.SetAuthor("Hatcheck", true)
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	for _, s := range e.Bank.Sections {
		d.links[s.ID] = pdf.AddLink()
	}
	pdf.AddPage()
	d.font("B", 20)
	pdf.MultiCell(d.contentW, 9, tr.T("Which social media hat fits you? Worksheet"), "", "L", false)
	pdf.Ln(4)
	d.para(tr.T("Tick one box per question; leave a question blank to skip it. It takes about 15 minutes. Your trainer types the answers into Hatcheck (the CSV template has one column per question ID) and gives you your personal plan."))
	d.font("", 11)
	pdf.Ln(2)
	pdf.CellFormat(d.contentW, 9, tr.T("Name:")+" ________________________________________________", "", 1, "L", false, 0, "")
	ctx := tr.T("Where do you work?") + "   "
	for _, c := range e.Plan().Contexts {
		// No-break spaces keep a box and its whole name on one line.
		ctx += strings.ReplaceAll("☐ "+c.Name.In(lang), " ", "\u00a0") + "   "
	}
	d.font("", 10)
	pdf.MultiCell(d.contentW, 7, ctx, "", "L", false)
	n := 0
	for _, sec := range e.Bank.Sections {
		items := e.Bank.ItemsIn(sec.ID)
		if len(items) == 0 || !items[0].Core() {
			continue
		}
		d.heading(sec.ID, sec.Title.In(lang), flowOn, 0, 0)
		d.small(sec.Intro.In(lang))
		pdf.Ln(2)
		for _, it := range items {
			n++
			d.worksheetItem(n, it)
		}
	}
	d.small(d.disclaimer)
	if pdf.Err() {
		return i18n.Errorf("lay out the worksheet: {{.Err}}", map[string]any{"Err": pdf.Error()})
	}
	if err := pdf.Output(w); err != nil {
		return i18n.Errorf("write the worksheet: {{.Err}}", map[string]any{"Err": err})
	}
	return nil
}

func (d *doc) worksheetItem(n int, it *questions.Item) {
	pdf := d.pdf
	var answers []string
	switch it.Kind {
	case questions.KindSkillRating, questions.KindWorkStyle:
		sc := d.bank.Scales[it.Scale]
		for v := sc.Min; v <= sc.Max; v++ {
			answers = append(answers, fmt.Sprintf("☐ %d %s", v, sc.Label(v, d.lang)))
		}
	default:
		for i, o := range it.Options {
			answers = append(answers, fmt.Sprintf("☐ %c  %s", 'A'+i, o.Text.In(d.lang)))
		}
	}
	question := it.Text.In(d.lang)
	if it.Kind == questions.KindScenario {
		question = it.Label.In(d.lang) + ". " + question
	}
	d.font("", 9.5)
	lines := len(pdf.SplitText(question, d.contentW-10))
	if it.Kind == questions.KindSkillRating || it.Kind == questions.KindWorkStyle {
		lines += 2
	} else {
		for _, a := range answers {
			lines += len(pdf.SplitText(a, d.contentW-14))
		}
	}
	if pdf.GetY()+float64(lines)*4.6+4 > d.pageH-bottom {
		pdf.AddPage()
	}
	d.font("B", 9.5)
	pdf.CellFormat(10, 4.8, fmt.Sprintf("%d.", n), "", 0, "L", false, 0, "")
	d.font("", 9.5)
	pdf.MultiCell(d.contentW-10, 4.8, question+"  ["+it.ID+"]", "", "L", false)
	if it.Kind == questions.KindSkillRating || it.Kind == questions.KindWorkStyle {
		pdf.SetX(margin + 10)
		d.font("", 8)
		pdf.MultiCell(d.contentW-10, 4.6, strings.Join(answers, "   "), "", "L", false)
	} else {
		d.font("", 8.5)
		for _, a := range answers {
			pdf.SetX(margin + 10)
			pdf.MultiCell(d.contentW-14, 4.4, a, "", "L", false)
		}
	}
	pdf.Ln(2)
}
