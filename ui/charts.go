package ui

import (
	"fmt"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"hatcheck/assessment"
)

// bandBar draws a 0-100 score as a bar with its uncertainty band as a
// whisker, drawn with canvas primitives.
type bandBar struct {
	widget.BaseWidget
	value  *assessment.Score
	band   *[2]assessment.Score
	colour color.Color
	height float32
}

func newBandBar(value *assessment.Score, band *[2]assessment.Score, colour color.Color, height float32) *bandBar {
	b := &bandBar{value: value, band: band, colour: colour, height: height}
	b.ExtendBaseWidget(b)
	return b
}

func (b *bandBar) CreateRenderer() fyne.WidgetRenderer {
	r := &bandBarRenderer{b: b,
		track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		bar:   canvas.NewRectangle(b.colour),
		line:  canvas.NewLine(theme.Color(theme.ColorNameForeground)),
		lo:    canvas.NewLine(theme.Color(theme.ColorNameForeground)),
		hi:    canvas.NewLine(theme.Color(theme.ColorNameForeground)),
	}
	for _, l := range []*canvas.Line{r.line, r.lo, r.hi} {
		l.StrokeWidth = 2
	}
	r.track.CornerRadius = 2
	return r
}

type bandBarRenderer struct {
	b            *bandBar
	track, bar   *canvas.Rectangle
	line, lo, hi *canvas.Line
}

func (r *bandBarRenderer) Layout(size fyne.Size) {
	h := r.b.height
	y := (size.Height - h) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(size.Width, h))
	x := func(v assessment.Score) float32 { return size.Width * float32(v) / 100 }
	r.bar.Hidden, r.line.Hidden, r.lo.Hidden, r.hi.Hidden = r.b.value == nil, r.b.band == nil, r.b.band == nil, r.b.band == nil
	if r.b.value != nil {
		r.bar.Move(fyne.NewPos(0, y))
		r.bar.Resize(fyne.NewSize(x(*r.b.value), h))
	}
	if r.b.band != nil {
		mid := y + h/2
		l, hh := x(r.b.band[0]), x(r.b.band[1])
		cap := h/2 + 3
		r.line.Position1, r.line.Position2 = fyne.NewPos(l, mid), fyne.NewPos(hh, mid)
		r.lo.Position1, r.lo.Position2 = fyne.NewPos(l, mid-cap), fyne.NewPos(l, mid+cap)
		r.hi.Position1, r.hi.Position2 = fyne.NewPos(hh, mid-cap), fyne.NewPos(hh, mid+cap)
	}
}

func (r *bandBarRenderer) MinSize() fyne.Size { return fyne.NewSize(120, r.b.height+8) }

func (r *bandBarRenderer) Refresh() {
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bar.FillColor = r.b.colour
	for _, l := range []*canvas.Line{r.line, r.lo, r.hi} {
		l.StrokeColor = theme.Color(theme.ColorNameForeground)
	}
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

func (r *bandBarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.bar, r.line, r.lo, r.hi}
}

func (r *bandBarRenderer) Destroy() {}

// radarChart draws the mean skill level of each competency area as a spider
// chart: rings at 25, 50, 75 and 100, one spoke per area.
type radarChart struct {
	widget.BaseWidget
	labels []string
	values []*float64 // nil: not rated
	colour color.Color
}

func newRadarChart(labels []string, values []*float64, colour color.Color) *radarChart {
	c := &radarChart{labels: labels, values: values, colour: colour}
	c.ExtendBaseWidget(c)
	return c
}

func (c *radarChart) CreateRenderer() fyne.WidgetRenderer {
	n := len(c.labels)
	r := &radarRenderer{c: c}
	for ring := 0; ring < 4; ring++ {
		for i := 0; i < n; i++ {
			l := canvas.NewLine(theme.Color(theme.ColorNameSeparator))
			l.StrokeWidth = 1
			r.rings = append(r.rings, l)
		}
	}
	for i := 0; i < n; i++ {
		s := canvas.NewLine(theme.Color(theme.ColorNameSeparator))
		s.StrokeWidth = 1
		r.spokes = append(r.spokes, s)
		e := canvas.NewLine(c.colour)
		e.StrokeWidth = 3
		r.edges = append(r.edges, e)
		d := canvas.NewCircle(c.colour)
		r.dots = append(r.dots, d)
		t := canvas.NewText(c.labels[i], theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		r.names = append(r.names, t)
		// The number is text: it takes the text colour, which has the
		// contrast small type needs; the teal is for the shape.
		v := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		v.TextSize = theme.CaptionTextSize()
		v.TextStyle = fyne.TextStyle{Bold: true}
		r.vals = append(r.vals, v)
	}
	return r
}

type radarRenderer struct {
	c                    *radarChart
	rings, spokes, edges []*canvas.Line
	dots                 []*canvas.Circle
	names, vals          []*canvas.Text
}

func (r *radarRenderer) Layout(size fyne.Size) {
	n := len(r.c.labels)
	cx, cy := size.Width/2, size.Height/2
	radius := float32(math.Min(float64(size.Width)/2-70, float64(size.Height)/2-28))
	if radius < 20 {
		radius = 20
	}
	at := func(i int, v float64) fyne.Position {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return fyne.NewPos(cx+radius*float32(v/100*math.Cos(a)), cy+radius*float32(v/100*math.Sin(a)))
	}
	for ring := 0; ring < 4; ring++ {
		v := float64(ring+1) * 25
		for i := 0; i < n; i++ {
			l := r.rings[ring*n+i]
			l.Position1, l.Position2 = at(i, v), at((i+1)%n, v)
		}
	}
	val := func(i int) float64 {
		if r.c.values[i] == nil {
			return 0
		}
		return *r.c.values[i]
	}
	for i := 0; i < n; i++ {
		r.spokes[i].Position1, r.spokes[i].Position2 = fyne.NewPos(cx, cy), at(i, 100)
		r.edges[i].Position1, r.edges[i].Position2 = at(i, val(i)), at((i+1)%n, val((i+1)%n))
		p := at(i, val(i))
		r.dots[i].Move(p.SubtractXY(3, 3))
		r.dots[i].Resize(fyne.NewSize(6, 6))
		lp := at(i, 112)
		name, value := r.names[i], r.vals[i]
		if r.c.values[i] == nil {
			value.Text = "–"
		} else {
			value.Text = fmt.Sprintf("%.0f", *r.c.values[i])
		}
		nm, vm := name.MinSize(), value.MinSize()
		x := lp.X - nm.Width/2
		cos := math.Cos(-math.Pi/2 + 2*math.Pi*float64(i)/float64(n))
		switch {
		case cos > 0.3:
			x = lp.X
		case cos < -0.3:
			x = lp.X - nm.Width
		}
		name.Move(fyne.NewPos(x, lp.Y-nm.Height))
		value.Move(fyne.NewPos(x+(nm.Width-vm.Width)/2, lp.Y))
	}
}

func (r *radarRenderer) MinSize() fyne.Size { return fyne.NewSize(320, 260) }

func (r *radarRenderer) Refresh() {
	for _, l := range append(r.rings, r.spokes...) {
		l.StrokeColor = theme.Color(theme.ColorNameSeparator)
	}
	for _, t := range append(r.names, r.vals...) {
		t.Color = theme.Color(theme.ColorNameForeground)
	}
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *radarRenderer) Objects() []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, l := range r.rings {
		out = append(out, l)
	}
	for _, l := range r.spokes {
		out = append(out, l)
	}
	for _, l := range r.edges {
		out = append(out, l)
	}
	for _, d := range r.dots {
		out = append(out, d)
	}
	for _, t := range r.names {
		out = append(out, t)
	}
	for _, t := range r.vals {
		out = append(out, t)
	}
	return out
}

func (r *radarRenderer) Destroy() {}
