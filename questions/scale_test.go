package questions

import "testing"

func TestScaleMapsItsPointsOnto0To100(t *testing.T) {
	five := Scale{Min: 1, Max: 5}
	seven := Scale{Min: 1, Max: 7}
	four := Scale{Min: 1, Max: 4}
	signed := Scale{Min: -2, Max: 2}
	for _, c := range []struct {
		sc      Scale
		v       int
		percent float64
		reverse int
	}{
		{five, 1, 0, 5}, {five, 2, 25, 4}, {five, 3, 50, 3}, {five, 5, 100, 1},
		{seven, 1, 0, 7}, {seven, 4, 50, 4}, {seven, 7, 100, 1},
		{four, 1, 0, 4}, {four, 4, 100, 1},
		{signed, -2, 0, 2}, {signed, 0, 50, 0}, {signed, 2, 100, -2},
	} {
		if got := c.sc.Percent(c.v); got != c.percent {
			t.Errorf("%d..%d: point %d is %v, want %v", c.sc.Min, c.sc.Max, c.v, got, c.percent)
		}
		if got := c.sc.Reverse(c.v); got != c.reverse {
			t.Errorf("%d..%d: point %d turned round is %d, want %d", c.sc.Min, c.sc.Max, c.v, got, c.reverse)
		}
		if v, ok := c.sc.PointAt(c.percent); !ok || v != c.v {
			t.Errorf("%d..%d: level %v is point %d (%v), want %d", c.sc.Min, c.sc.Max, c.percent, v, ok, c.v)
		}
	}
	for _, c := range []struct {
		sc  Scale
		mid int
		ok  bool
	}{{five, 3, true}, {seven, 4, true}, {four, 0, false}, {signed, 0, true}, {Scale{Min: 2, Max: 2}, 0, false}} {
		if mid, ok := c.sc.Mid(); mid != c.mid || ok != c.ok {
			t.Errorf("%d..%d: middle %d %v, want %d %v", c.sc.Min, c.sc.Max, mid, ok, c.mid, c.ok)
		}
	}
	if v, ok := seven.PointAt(66.7); !ok || v != 5 {
		t.Errorf("66.7 on 1..7 is point %d (%v), want 5", v, ok)
	}
	for _, p := range []float64{70, 60, 12.5, -10, 130} {
		if _, ok := five.PointAt(p); ok {
			t.Errorf("%v is a level of 1..5", p)
		}
	}
	if v, _ := five.PointAt(130); v != 5 {
		t.Errorf("130 is nearest to point %d, want 5", v)
	}
	if got := seven.Levels(); len(got) != 7 || got[0] != 0 || got[6] != 100 {
		t.Errorf("levels %v", got)
	}
}
