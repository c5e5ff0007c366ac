package report

import (
	"fmt"
	"math"

	"github.com/jung-kurt/gofpdf"

	"hatcheck/assessment"
)

// fitBars draws one horizontal bar per track with its band as a whisker,
// on a 0-100 scale, best fit first.
func (d *doc) fitBars() {
	pdf := d.pdf
	const rowH, barH = 10.0, 5.0
	valueW := 30.0
	// The names' column is 46 mm, or as wide as the longest name needs to
	// start at the margin (Spanish "Estratega de redes sociales"; the
	// English "Social media strategist" stuck out 1.7 mm into the margin).
	labelW := 46.0
	m := d.measurer()
	m.SetFont(fontFamily, "B", 9.5)
	for _, t := range d.in.Result.Tracks {
		labelW = max(labelW, m.GetStringWidth(t.Name)+d.pdf.GetCellMargin()+3)
	}
	x0 := margin + labelW
	w := d.contentW - labelW - valueW
	y0 := pdf.GetY() + 2
	n := len(d.in.Result.Tracks)
	if y0+float64(n)*rowH+12 > d.pageH-bottom {
		pdf.AddPage()
		y0 = pdf.GetY() + 2
	}
	// scale
	d.font("", 7.5)
	d.color(muted)
	for v := 0; v <= 100; v += 25 {
		x := x0 + w*float64(v)/100
		d.draw(rule)
		pdf.SetLineWidth(0.2)
		pdf.Line(x, y0, x, y0+float64(n)*rowH)
		pdf.SetXY(x-5, y0+float64(n)*rowH+0.5)
		pdf.CellFormat(10, 4, fmt.Sprint(v), "", 0, "C", false, 0, "")
	}
	for i, t := range d.in.Result.Tracks {
		y := y0 + float64(i)*rowH
		c := trackInk(t.ID)
		d.font("B", 9.5)
		d.color(ink)
		pdf.SetXY(margin, y+rowH/2-2.5)
		pdf.CellFormat(labelW-3, 5, t.Name, "", 0, "R", false, 0, "")
		if t.Fit == nil {
			d.font("", 9)
			d.color(muted)
			pdf.SetXY(x0+2, y+rowH/2-2.5)
			pdf.CellFormat(w, 5, d.tr.T("not enough answers"), "", 0, "L", false, 0, "")
			continue
		}
		by := y + (rowH-barH)/2
		d.fill(c)
		pdf.Rect(x0, by, w*float64(*t.Fit)/100, barH, "F")
		lo, hi := x0+w*float64(t.Band[0])/100, x0+w*float64(t.Band[1])/100
		mid := by + barH/2
		d.draw(ink)
		pdf.SetLineWidth(0.45)
		pdf.Line(lo, mid, hi, mid)
		pdf.Line(lo, mid-2.2, lo, mid+2.2)
		pdf.Line(hi, mid-2.2, hi, mid+2.2)
		d.font("B", 9.5)
		pdf.SetXY(x0+w+2, y+rowH/2-2.5)
		pdf.CellFormat(10, 5, d.fmtScore(t.Fit), "", 0, "R", false, 0, "")
		d.font("", 8)
		d.color(muted)
		pdf.CellFormat(valueW-12, 5, "("+d.fmtBand(t.Band)+")", "", 0, "L", false, 0, "")
	}
	d.color(ink)
	pdf.SetXY(margin, y0+float64(n)*rowH+6)
}

// scatter plots readiness (across) against affinity (up) for each track,
// with both bands as error bars, in a size x size square at (x, y). Each
// point carries its number, placed where it collides with no other number
// and no other point (with a thin leader line when it had to move away),
// and a legend under the chart names every number in full with its values.
func (d *doc) scatter(x, y, size float64) {
	pdf := d.pdf
	px := func(v assessment.Score) float64 { return x + size*float64(v)/100 }
	py := func(v assessment.Score) float64 { return y + size - size*float64(v)/100 }
	d.draw(rule)
	pdf.SetLineWidth(0.2)
	d.font("", 7)
	d.color(muted)
	for v := 0; v <= 100; v += 25 {
		pdf.Line(px(assessment.Score(v)), y, px(assessment.Score(v)), y+size)
		pdf.Line(x, py(assessment.Score(v)), x+size, py(assessment.Score(v)))
		pdf.SetXY(px(assessment.Score(v))-4, y+size+0.5)
		pdf.CellFormat(8, 3.5, fmt.Sprint(v), "", 0, "C", false, 0, "")
		pdf.SetXY(x-9, py(assessment.Score(v))-1.75)
		pdf.CellFormat(8, 3.5, fmt.Sprint(v), "", 0, "R", false, 0, "")
	}
	pdf.SetXY(x, y+size+4)
	pdf.CellFormat(size, 4, d.tr.T("readiness →"), "", 0, "C", false, 0, "")
	pdf.SetXY(x-9, y-5)
	pdf.CellFormat(30, 4, d.tr.T("↑ affinity"), "", 0, "L", false, 0, "")

	type point struct {
		i      int
		cx, cy float64
	}
	var points []point
	for i, t := range d.in.Result.Tracks {
		if t.Readiness == nil || t.Affinity == nil {
			continue
		}
		cx, cy := px(*t.Readiness), py(*t.Affinity)
		points = append(points, point{i, cx, cy})
		d.draw(trackInk(t.ID))
		pdf.SetLineWidth(0.4)
		if t.ReadinessBand != nil {
			pdf.Line(px(t.ReadinessBand[0]), cy, px(t.ReadinessBand[1]), cy)
		}
		if t.AffinityBand != nil {
			pdf.Line(cx, py(t.AffinityBand[0]), cx, py(t.AffinityBand[1]))
		}
	}
	// Dots over every band, each ringed in white so that two that overlap
	// stay two.
	const dotR = 1.6
	for _, p := range points {
		d.fill(trackInk(d.in.Result.Tracks[p.i].ID))
		pdf.SetDrawColor(255, 255, 255)
		pdf.SetLineWidth(0.35)
		pdf.Circle(p.cx, p.cy, dotR, "FD")
	}
	// Numbers: each takes the first free place around its dot, nearest
	// first; the dots and the numbers already placed are taken.
	var taken []box
	for _, p := range points {
		taken = append(taken, box{p.cx - dotR, p.cy - dotR, p.cx + dotR, p.cy + dotR})
	}
	bounds := box{x - 7, y - 1, x + size + 14, y + size + 3}
	d.font("B", 7.5)
	for _, p := range points {
		label := fmt.Sprint(p.i + 1)
		w, h := pdf.GetStringWidth(label)+0.6, 3.2
		b, far := placeLabel(p.cx, p.cy, w, h, dotR, taken, bounds)
		taken = append(taken, b)
		c := trackInk(d.in.Result.Tracks[p.i].ID)
		if far {
			d.draw(c)
			pdf.SetLineWidth(0.2)
			lx, ly := b.nearest(p.cx, p.cy)
			pdf.Line(p.cx, p.cy, lx, ly)
		}
		d.color(c)
		pdf.SetXY(b.x0, b.y0)
		pdf.CellFormat(w, h, label, "", 0, "C", false, 0, "")
	}
	// The legend: every hat in full, with its two values.
	legendY := y + size + 10
	for i, t := range d.in.Result.Tracks {
		ly := legendY + float64(i)*3.8
		d.fill(trackInk(t.ID))
		pdf.Circle(x-6.5, ly+1.8, 1.3, "F")
		d.font("B", 7)
		d.color(trackInk(t.ID))
		pdf.SetXY(x-4.5, ly)
		pdf.CellFormat(3, 3.6, fmt.Sprint(i+1), "", 0, "L", false, 0, "")
		d.font("", 7)
		d.color(ink)
		values := d.tr.T("not enough answers")
		if t.Readiness != nil && t.Affinity != nil {
			values = d.tr.T("readiness {{.Readiness}}, affinity {{.Affinity}}", map[string]any{"Readiness": d.fmtScore(t.Readiness), "Affinity": d.fmtScore(t.Affinity)})
		}
		pdf.CellFormat(size+20, 3.6, fmt.Sprintf("%s: %s", t.Name, values), "", 0, "L", false, 0, "")
	}
	d.color(ink)
}

// box is a rectangle on the page, in mm.
type box struct{ x0, y0, x1, y1 float64 }

func (b box) overlaps(o box) bool {
	return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1
}

func (b box) inside(o box) bool {
	return b.x0 >= o.x0 && b.x1 <= o.x1 && b.y0 >= o.y0 && b.y1 <= o.y1
}

// nearest is the point of the box closest to (x, y).
func (b box) nearest(x, y float64) (float64, float64) {
	return math.Max(b.x0, math.Min(x, b.x1)), math.Max(b.y0, math.Min(y, b.y1))
}

// placeLabel finds a place for a w x h label beside the dot at (cx, cy) of
// radius r: the first of eight directions, at growing distances, that stays
// inside bounds and overlaps nothing taken. far says it moved far enough
// from its dot to need a leader line. When nothing is free (it does not
// happen with three hats), the label goes above the dot.
func placeLabel(cx, cy, w, h, r float64, taken []box, bounds box) (b box, far bool) {
	dirs := [][2]float64{{1, -1}, {-1, -1}, {1, 1}, {-1, 1}, {1, 0}, {-1, 0}, {0, -1}, {0, 1}}
	for _, dist := range []float64{0.4, 3, 6, 9} {
		for _, dir := range dirs {
			// The label's centre: dist beyond the dot's edge, in dir.
			lx := cx + dir[0]*(r+dist+w/2)
			ly := cy + dir[1]*(r+dist+h/2)
			b = box{lx - w/2, ly - h/2, lx + w/2, ly + h/2}
			if !b.inside(bounds) {
				continue
			}
			free := true
			for _, t := range taken {
				if b.overlaps(t) {
					free = false
					break
				}
			}
			if free {
				return b, dist > 1
			}
		}
	}
	return box{cx - w/2, cy - r - h - 0.4, cx + w/2, cy - r - 0.4}, false
}

// radar draws the mean skill level per competency area as a spider chart
// centred at (cx, cy) with radius r.
func (d *doc) radar(cx, cy, r float64) {
	pdf := d.pdf
	areas := d.bank.Areas
	n := len(areas)
	if n < 3 {
		return
	}
	levels := d.in.Result.Areas // the same means as the window's radar
	angle := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }
	point := func(i int, v float64) gofpdf.PointType {
		a := angle(i)
		return gofpdf.PointType{X: cx + r*v/100*math.Cos(a), Y: cy + r*v/100*math.Sin(a)}
	}
	d.draw(rule)
	pdf.SetLineWidth(0.2)
	for _, ring := range []float64{25, 50, 75, 100} {
		var pts []gofpdf.PointType
		for i := 0; i < n; i++ {
			pts = append(pts, point(i, ring))
		}
		pdf.Polygon(pts, "D")
	}
	for i := 0; i < n; i++ {
		p := point(i, 100)
		pdf.Line(cx, cy, p.X, p.Y)
	}
	var pts []gofpdf.PointType
	for i := range areas {
		v := 0.0
		if l := levels[i].Level; l != nil {
			v = float64(*l)
		}
		pts = append(pts, point(i, v))
	}
	c := trackInk(d.in.Plan.Track)
	d.fill(c)
	d.draw(c)
	pdf.SetLineWidth(0.5)
	pdf.SetAlpha(0.35, "Normal")
	pdf.Polygon(pts, "F")
	pdf.SetAlpha(1, "Normal")
	pdf.Polygon(pts, "D")
	for _, p := range pts {
		pdf.Circle(p.X, p.Y, 0.7, "F")
	}
	d.font("", 7)
	for i, a := range areas {
		p := point(i, 118)
		value := d.tr.T("not rated")
		if l := levels[i].Level; l != nil {
			value = fmt.Sprintf("%.0f", float64(*l))
		}
		label := d.t(a.Name.In(d.lang))
		lines := pdf.SplitText(label, 26)
		lines = append(lines, value)
		h := float64(len(lines)) * 3.2
		align := "C"
		x := p.X - 14
		switch cos := math.Cos(angle(i)); {
		case cos > 0.3:
			align, x = "L", p.X-1
		case cos < -0.3:
			align, x = "R", p.X-27
		}
		y := p.Y - h/2
		for j, l := range lines {
			if j == len(lines)-1 {
				d.font("B", 7)
				d.color(c)
			} else {
				d.font("", 7)
				d.color(ink)
			}
			pdf.SetXY(x, y+float64(j)*3.2)
			pdf.CellFormat(28, 3.2, l, "", 0, align, false, 0, "")
		}
	}
	d.color(ink)
}
