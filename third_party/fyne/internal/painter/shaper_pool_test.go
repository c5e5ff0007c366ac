package painter

// Hatcheck's test of its patch (see PATCHES.md): run it from Hatcheck's
// repository with
//
//	go test -race fyne.io/fyne/v2/internal/painter
//
// (make test does).

import (
	"fmt"
	"sync"
	"testing"

	"github.com/go-text/typesetting/shaping"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

var poolTexts = []string{
	"Hatcheck", "Which social media hat fits you?", "",
	"Runs the brand's channels day to day: plans and makes the content, keeps one consistent brand voice.",
	"¿Qué rol de redes sociales encaja contigo? Planificación, moderación y estrategia",
	"Ζωή Μüller · Цветана · Łukasz", "a\tb\t\tc", "Fit 73.5 ± 4.2 — 30/60/90",
	"مرحبا بالعالم", "emoji 🙂 and text", "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
}

type measured struct {
	size    fyne.Size
	advance float32
}

func measureAll(t *testing.T) map[string]measured {
	t.Helper()
	out := map[string]measured{}
	for _, res := range []fyne.Resource{theme.TextFont(), theme.TextBoldFont(), theme.TextMonospaceFont()} {
		face := CachedFontFace(fyne.TextStyle{}, res, nil)
		for _, size := range []float32{9, 14, 23.5} {
			for _, s := range poolTexts {
				for _, style := range []fyne.TextStyle{{}, {Monospace: true}, {TabWidth: 2}} {
					sz, adv := MeasureString(face.Fonts, s, size, style)
					out[fmt.Sprintf("%s|%v|%+v|%q", res.Name(), size, style, s)] = measured{sz, adv}
				}
			}
		}
	}
	return out
}

// TestPooledShapersMeasureAsNewOnes: with shapers from the pool, reused and
// keeping their fonts and plans, every string measures exactly as with a
// new shaper for every string, which is what Fyne did before the patch.
func TestPooledShapersMeasureAsNewOnes(t *testing.T) {
	pooled := measureAll(t)
	again := measureAll(t) // now from shapers that have seen every font
	get, put := getShaper, putShaper
	getShaper = func() *shaping.HarfbuzzShaper { return &shaping.HarfbuzzShaper{} }
	putShaper = func(*shaping.HarfbuzzShaper) {}
	fresh := measureAll(t)
	getShaper, putShaper = get, put
	if len(fresh) == 0 || len(fresh) != len(pooled) {
		t.Fatalf("%d and %d measurements", len(fresh), len(pooled))
	}
	for k, want := range fresh {
		if pooled[k] != want || again[k] != want {
			t.Errorf("%s: pooled %+v, again %+v, with a new shaper %+v", k, pooled[k], again[k], want)
		}
	}
}

// TestPooledShapersAreSafeToShare: measurements from many goroutines at
// once (run with -race) give the same sizes as one at a time.
func TestPooledShapersAreSafeToShare(t *testing.T) {
	want := measureAll(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := measureAll(t)
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: %+v at once, %+v alone", k, got[k], w)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkMeasureParagraph(b *testing.B) {
	face := CachedFontFace(fyne.TextStyle{}, theme.TextFont(), nil)
	s := poolTexts[3]
	for i := 0; i < b.N; i++ {
		MeasureString(face.Fonts, s[:10+i%(len(s)-10)], 14, fyne.TextStyle{})
	}
}
