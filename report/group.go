package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
	"hatcheck/questions"
)

// GroupTitle is the group report's name.
const GroupTitle = "Hatcheck workshop report"

// GroupInput is what a cohort's group report shows.
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
		return nil, errors.New("report: the engine is needed")
	}
	cover, err := coverage()
	if err != nil {
		return nil, err
	}
	if opt.Paper == "" {
		opt.Paper = A4
	}
	d := newBaseDoc(in.Engine, opt, cover, GroupTitle, rgb{47, 109, 181})
	d.name = d.user("the cohort name", in.Cohort)
	g := &groupDoc{doc: d, in: in}
	g.render()
	if d.pdf.Err() {
		return d.warnings, fmt.Errorf("lay out the group report: %w", d.pdf.Error())
	}
	if err := d.pdf.Output(w); err != nil {
		return d.warnings, fmt.Errorf("write the group report: %w", err)
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
}

func (g *groupDoc) label(m assessment.Member) string {
	if g.in.Names && m.Name != "" {
		return g.user("a participant's name", m.Name)
	}
	return m.Code
}

func (g *groupDoc) render() {
	pdf := g.pdf
	pdf.SetTitle(g.t(GroupTitle+": "+g.in.Cohort), true)
	pdf.SetSubject(g.t(fmt.Sprintf("Group picture of %d participants", g.in.Group.Size)), true)
	pdf.SetAuthor("Hatcheck", true)
	pdf.SetCreator("Hatcheck", true)
	pdf.SetHeaderFuncMode(g.header, true)
	pdf.SetFooterFunc(g.footer)
	secs := []section{{"lean", "How the group leans"}, {"dots", "Everyone's fit"}, {"heat", "Skills across the group"},
		{"gaps", "What to teach next"}, {"pairs", "Peer pairs"}, {"questions", "Questions for discussion"},
		{"measure", "Measurement notes for the trainer"}, {"method", "Privacy, method and sources"}}
	for _, s := range secs {
		g.links[s.id] = pdf.AddLink()
	}
	g.coverPage(secs)
	g.leanSection()
	g.dotSection()
	g.heatSection()
	g.gapSection()
	g.pairSection()
	g.questionSection()
	g.measureSection()
	g.methodNotes()
}

func (g *groupDoc) coverPage(secs []section) {
	pdf := g.pdf
	g.coverTitle("HATCHECK · WORKSHOP REPORT")
	pdf.Ln(2)
	g.font("", 10)
	who := "participant codes (P01, P02...), not names"
	if g.in.Names {
		who = "participants' names (the trainer switched names on)"
	}
	for _, f := range [][2]string{
		{"Date", g.opt.Date.Format("2 January 2006")},
		{"Participants", fmt.Sprint(g.in.Group.Size)},
		{"Shown by", who},
	} {
		g.font("B", 10)
		pdf.CellFormat(30, 6, f[0], "", 0, "L", false, 0, "")
		g.font("", 10)
		pdf.MultiCell(g.contentW-30, 6, f[1], "", "L", false)
	}
	pdf.Ln(4)
	g.small(assessment.Disclaimer + " This report shows how a group answered, to plan the session; it says nothing about anyone's worth as a professional.")
	pdf.Ln(8)
	g.contents(secs)
}

func (g *groupDoc) trackName(id string) string {
	t, _ := g.bank.Track(id)
	return t.Name.String()
}

func (g *groupDoc) leanSection() {
	gr := g.in.Group
	g.heading("lean", "How the group leans", true)
	g.para(fmt.Sprintf("Of %d participants, this is the hat each fits best. A hybrid is someone whose two best hats are too close to call. Mean fits are shown only where at least %d people have one.", gr.Size, assessment.MinBreakdown))
	var rows [][]string
	for _, id := range questions.TrackIDs {
		mean := fmt.Sprintf("shown for %d or more", assessment.MinBreakdown)
		if m := gr.MeanFit[id]; m != nil {
			mean = fmt.Sprintf("%.0f", float64(*m))
		}
		rows = append(rows, []string{g.trackName(id), fmt.Sprint(gr.Lean[id]), mean})
	}
	rows = append(rows, []string{"Hybrid (too close to call)", fmt.Sprint(gr.Hybrid), ""}, []string{"Not enough answers", fmt.Sprint(gr.NotEnough), ""})
	g.table([]column{{"Best fit", 0.5, "", true}, {"People", 0.2, "R", false}, {"Mean fit of the group", 0.3, "R", false}}, rows, false)
	g.leanBars()
	g.subheading("Where participants work")
	var ctx [][]string
	for _, c := range append([]string{""}, assessment.Contexts...) {
		if n := gr.Contexts[c]; n > 0 {
			name := "not said"
			for _, pc := range g.engine.Plan.Contexts {
				if pc.ID == c {
					name = pc.Name.String()
				}
			}
			ctx = append(ctx, []string{name, fmt.Sprint(n)})
		}
	}
	g.table([]column{{"Context", 0.7, "", false}, {"People", 0.3, "R", false}}, ctx, false)
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
	bars = append(bars, bar{"Hybrid", gr.Hybrid, muted})
	max := 1
	for _, b := range bars {
		if b.n > max {
			max = b.n
		}
	}
	y := pdf.GetY() + 2
	if y+float64(len(bars))*8 > g.pageH-bottom {
		pdf.AddPage()
		y = pdf.GetY()
	}
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

func (g *groupDoc) notDetailed() bool {
	if g.in.Group.Detailed {
		return false
	}
	g.para(fmt.Sprintf("The group has fewer than %d participants, so to keep everyone anonymous only counts are shown. Switch names on (with the participants' agreement) to see this part.", assessment.MinBreakdown))
	return true
}

// dotSection is a dot plot: one row per person, a dot per track at its fit,
// with the band of the best one.
func (g *groupDoc) dotSection() {
	pdf := g.pdf
	g.heading("dots", "Everyone's fit", true)
	if g.notDetailed() {
		return
	}
	g.para("One row per participant: each dot is the fit for one hat (0 to 100), the line the band of the best one.")
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
	const rowH = 5.2
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
// across, in blocks of people per page width.
func (g *groupDoc) heatSection() {
	pdf := g.pdf
	g.heading("heat", "Skills across the group", true)
	if g.notDetailed() {
		return
	}
	g.para("Each cell is one person's rating of one skill: the darker, the stronger (from never done it to could teach it). Blank cells were not rated.")
	const nameW, rowH = 58.0, 4.6
	perBlock := int((g.contentW - nameW) / 5.5)
	if perBlock < 1 {
		perBlock = 1
	}
	members := g.in.Members
	for start := 0; start < len(members); start += perBlock {
		block := members[start:min(start+perBlock, len(members))]
		cellW := math.Min(12, (g.contentW-nameW)/float64(len(block)))
		need := float64(len(g.bank.Competencies))*rowH + 26
		if pdf.GetY()+need > g.pageH-bottom {
			pdf.AddPage()
		}
		y := pdf.GetY()
		// column labels, rotated
		g.font("", 6.5)
		for i, m := range block {
			x := margin + nameW + float64(i)*cellW + cellW/2 + 1
			pdf.TransformBegin()
			pdf.TransformRotate(90, x, y+16)
			pdf.SetXY(x, y+16-1.5)
			pdf.CellFormat(16, 3, g.fitWidth(g.label(m), 15), "", 0, "L", false, 0, "")
			pdf.TransformEnd()
		}
		y += 18
		for ci, c := range g.bank.Competencies {
			yy := y + float64(ci)*rowH
			g.font("", 7)
			g.color(ink)
			pdf.SetXY(margin, yy)
			pdf.CellFormat(nameW-1, rowH, g.fitWidth(c.Name.String(), nameW-2), "", 0, "L", false, 0, "")
			for i, m := range block {
				x := margin + nameW + float64(i)*cellW
				if l, ok := m.Levels[c.ID]; ok {
					shade := 235 - int(l/100*175)
					pdf.SetFillColor(shade, shade+8, 255-int(l/100*60))
					pdf.Rect(x+0.2, yy+0.2, cellW-0.4, rowH-0.4, "F")
				} else {
					g.draw(rule)
					pdf.SetLineWidth(0.1)
					pdf.Rect(x+0.2, yy+0.2, cellW-0.4, rowH-0.4, "D")
				}
			}
		}
		pdf.SetY(y + float64(len(g.bank.Competencies))*rowH + 6)
	}
}

func (g *groupDoc) gapSection() {
	g.heading("gaps", "What to teach next", false)
	g.para("The skills that appear most often among participants' own plans (the gaps that weigh most for the hat each fits best): a session on these helps the most people.")
	var rows [][]string
	for _, c := range g.in.Group.Gaps {
		rows = append(rows, []string{c.Name, fmt.Sprint(c.People), fmt.Sprintf("%.0f", float64(c.MeanLevel))})
	}
	if len(rows) == 0 {
		g.para("No common gaps: nobody's best-fit plan has a skill below its target.")
		return
	}
	g.table([]column{{"Skill", 0.6, "", true}, {"People", 0.2, "R", false}, {"Their mean level", 0.2, "R", false}}, rows, false)
}

func (g *groupDoc) pairSection() {
	g.heading("pairs", "Peer pairs", false)
	if g.notDetailed() {
		return
	}
	if len(g.in.Group.Pairs) == 0 {
		g.para("No pairs with clearly complementary strengths in this group.")
		return
	}
	g.para("Pairs whose strong areas are each other's weaker ones, so each has something to teach the other. Each person is in one pair at most.")
	var rows [][]string
	for _, p := range g.in.Group.Pairs {
		rows = append(rows, []string{g.t(p.A), g.t(p.B), g.t(p.Why)})
	}
	g.table([]column{{"Person", 0.18, "", true}, {"With", 0.18, "", true}, {"Why", 0.64, "", false}}, rows, false)
}

func (g *groupDoc) questionSection() {
	g.heading("questions", "Questions for discussion", false)
	var qs []string
	for i, q := range g.in.Group.Questions {
		qs = append(qs, fmt.Sprintf("%d. %s", i+1, g.t(q)))
	}
	g.bullets(qs)
}

func (g *groupDoc) measureSection() {
	gr := g.in.Group
	g.heading("measure", "Measurement notes for the trainer", true)
	g.para(fmt.Sprintf("Cronbach's alpha says whether the items of a scale hang together in this group (0.7 or more is usually acceptable). It is computed once at least %d people answered every item of the scale.", assessment.MinAlphaPeople))
	var rows [][]string
	for _, s := range gr.Scales {
		a := "–"
		if s.Alpha != nil {
			a = fmt.Sprintf("%.2f", *s.Alpha)
		}
		rows = append(rows, []string{s.Scale, fmt.Sprint(s.Items), fmt.Sprint(s.People), a, s.Note})
	}
	g.table([]column{{"Scale", 0.34, "", true}, {"Items", 0.08, "R", false}, {"People", 0.09, "R", false}, {"Alpha", 0.09, "R", true}, {"", 0.4, "", false}}, rows, false)
	g.subheading("Completion")
	full := 0
	var rows2 [][]string
	for _, it := range gr.Items {
		if it.Answered == gr.Size {
			full++
			continue
		}
		rows2 = append(rows2, []string{it.Item, g.t(it.Text), fmt.Sprintf("%d (%.0f%%)", it.Answered, float64(it.Share))})
	}
	g.para(fmt.Sprintf("%d of %d questions were answered by everyone.", full, len(gr.Items)))
	if len(rows2) > 0 {
		g.table([]column{{"Item", 0.32, "", true}, {"Question", 0.52, "", false}, {"Answered", 0.16, "R", false}}, rows2, false)
	}
}

func (g *groupDoc) methodNotes() {
	g.heading("method", "Privacy, method and sources", false)
	g.bullets([]string{
		"Participants appear by code unless the trainer switches names on. A breakdown of fewer than 5 people is shown only as a count, and a group of fewer than 5 shows counts only.",
		"Each participant's scores come from their own answers, as in their personal plan: fit is 0.4 × readiness + 0.6 × affinity, with a band that widens with fewer or inconsistent answers.",
		assessment.Disclaimer + " Self-ratings can be too kind or too harsh; use this picture to plan a session, not to rank people.",
	})
	g.subheading("Sources")
	var src []string
	for _, s := range g.bank.Sources {
		src = append(src, g.t(fmt.Sprintf("%s, %s (%s)", s.Title, s.Author, s.File)))
	}
	g.bullets(src)
}

// WriteWorksheet renders the printable blank questionnaire: every core
// question with boxes to tick, for a workshop without computers. Its
// answers go into the CSV template.
func WriteWorksheet(w io.Writer, e *assessment.Engine, opt Options) error {
	cover, err := coverage()
	if err != nil {
		return err
	}
	if opt.Paper == "" {
		opt.Paper = A4
	}
	d := newBaseDoc(e, opt, cover, "Hatcheck worksheet", rgb{47, 109, 181})
	d.name = "Name: ______________________"
	pdf := d.pdf
	pdf.SetTitle("Hatcheck worksheet", true)
	pdf.SetAuthor("Hatcheck", true)
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	for _, s := range e.Bank.Sections {
		d.links[s.ID] = pdf.AddLink()
	}
	pdf.AddPage()
	d.font("B", 20)
	pdf.MultiCell(d.contentW, 9, "Which social media hat fits you? Worksheet", "", "L", false)
	pdf.Ln(4)
	d.para("Tick one box per question; leave a question blank to skip it. It takes about 15 minutes. Your trainer types the answers into Hatcheck (the CSV template has one column per question ID) and gives you your personal plan.")
	d.font("", 11)
	pdf.Ln(2)
	pdf.CellFormat(d.contentW, 9, "Name: ________________________________________________", "", 1, "L", false, 0, "")
	ctx := "Where do you work?   "
	for _, c := range []string{"Small business", "Agency", "Large company", "Freelance", "Student"} {
		ctx += "☐ " + c + "   "
	}
	d.font("", 10)
	pdf.MultiCell(d.contentW, 7, ctx, "", "L", false)
	n := 0
	for _, sec := range e.Bank.Sections {
		items := e.Bank.ItemsIn(sec.ID)
		if len(items) == 0 || !items[0].Core() {
			continue
		}
		d.heading(sec.ID, sec.Title.String(), false)
		d.small(sec.Intro.String())
		pdf.Ln(2)
		for _, it := range items {
			n++
			d.worksheetItem(n, it)
		}
	}
	d.small(assessment.Disclaimer)
	if pdf.Err() {
		return fmt.Errorf("lay out the worksheet: %w", pdf.Error())
	}
	return pdf.Output(w)
}

func (d *doc) worksheetItem(n int, it *questions.Item) {
	pdf := d.pdf
	var answers []string
	switch it.Kind {
	case questions.KindSkillRating, questions.KindWorkStyle:
		sc := d.bank.Scales[it.Scale]
		for v := sc.Min; v <= sc.Max; v++ {
			answers = append(answers, fmt.Sprintf("☐ %d %s", v, sc.Label(v, "en")))
		}
	default:
		for i, o := range it.Options {
			answers = append(answers, fmt.Sprintf("☐ %c  %s", 'A'+i, o.Text.String()))
		}
	}
	question := it.Text.String()
	if it.Kind == questions.KindScenario {
		question = it.Label.String() + ". " + question
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
