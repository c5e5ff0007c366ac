package report

import (
	"encoding/xml"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
)

// minBodyLines is the fewest lines of text (pdftotext -layout, without the
// running header and the footer) a page may carry, except the cover and the
// last page. The pages of a plan carry 30 to 45; a page left with a line or
// two of a paragraph, a list or a table has fewer than ten.
const minBodyLines = 15

// minLastPageLines is the fewest the last page may carry: the last page
// holds at least the whole "Sources" block.
const minLastPageLines = 6

// footer matches the page number at the end of a footer line, in any
// language the report speaks: "Page 3 of 9", "Página 3 de 9".
var footer = func() *regexp.Regexp {
	var alt []string
	for _, lang := range i18n.Supported {
		page := i18n.For(lang).T("Page {{.N}} of {nb}", map[string]any{"N": 0})
		alt = append(alt, strings.NewReplacer("0", `\d+`, "{nb}", `\d+`).Replace(regexp.QuoteMeta(page)))
	}
	return regexp.MustCompile(`(` + strings.Join(alt, "|") + `)\s*$`)
}()

// isHeader says whether a line is a document's running header: it holds
// the document's title in one of the languages the report speaks.
func isHeader(l string) bool {
	for _, lang := range i18n.Supported {
		for _, title := range []string{Title, GroupTitle} {
			if strings.Contains(l, i18n.For(lang).T(title)) {
				return true
			}
		}
	}
	return false
}

// pageBodies returns the body lines of every page: the non-blank lines of
// pdftotext -layout, without the running header (pages after the cover)
// and the footer.
func pageBodies(t testing.TB, path string) [][]string {
	t.Helper()
	n, _ := strconv.Atoi(info(t, path)["Pages"])
	var pages [][]string
	for i := 1; i <= n; i++ {
		out := poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", fmt.Sprint(i), "-l", fmt.Sprint(i), path, "-")
		var body []string
		for _, l := range strings.Split(out, "\n") {
			switch {
			case strings.TrimSpace(l) == "", footer.MatchString(l):
			case len(body) == 0 && i > 1 && isHeader(l):
			default:
				body = append(body, l)
			}
		}
		pages = append(pages, body)
	}
	return pages
}

// checkPages fails when a page is nearly empty or when a list item carries
// two markers.
//
// Precisely: every page but the cover has at least minBodyLines body lines,
// except a last page that is the last section's natural end: one that
// starts with one of headings (a section title or the heading of the
// document's last block, never the stranded end of a paragraph, a list or
// a table) and still has at least minLastPageLines.
func checkPages(t *testing.T, path string, headings []string) {
	t.Helper()
	pages := pageBodies(t, path)
	doubleMarker := regexp.MustCompile(`^\s*(•|\d+\.)\s+(•|\d+\.)\s`)
	for i, body := range pages {
		for _, l := range body {
			if doubleMarker.MatchString(l) {
				t.Errorf("page %d: a list item with two markers: %q", i+1, strings.TrimSpace(l))
			}
		}
		last := i == len(pages)-1
		switch {
		case i == 0:
		case len(body) >= minBodyLines:
		case !last:
			t.Errorf("page %d of %d has only %d lines:\n%s", i+1, len(pages), len(body), strings.Join(body, "\n"))
		case len(body) < minLastPageLines:
			t.Errorf("the last page has only %d lines:\n%s", len(body), strings.Join(body, "\n"))
		default:
			first := strings.TrimSpace(body[0])
			found := false
			for _, h := range headings {
				found = found || first == h
			}
			if !found {
				t.Errorf("the last page has only %d lines and starts with %q, not with a heading (%s): the end of a block was carried over", len(body), first, strings.Join(headings, "; "))
			}
		}
	}
}

// planHeadings are the plan's section titles and the headings of its last
// section's blocks, in the plan's language.
func planHeadings(in Input) []string {
	tr := in.Engine.Printer()
	d := &doc{in: in, tr: tr}
	h := []string{tr.T("Limits"), tr.T("Sources")}
	for _, s := range d.sections() {
		h = append(h, s.title)
	}
	return h
}

// sourceFile is what a source's file name looks like ("001_a6fec3...txt",
// "001-..."): a reader cannot look it up, so no report prints one.
var sourceFile = regexp.MustCompile(`\b\d{3}[_-][0-9a-f]{6,}|\.txt\b`)

// checkSources fails unless every article is cited by its title and author
// (as the engine's language quotes them), and no file name or path of
// Hatcheck's source tree is printed.
func checkSources(t *testing.T, text string, e *assessment.Engine) {
	t.Helper()
	for _, s := range e.Bank.Sources {
		if c := citation(e.Printer(), s); !strings.Contains(text, fold(c)) {
			t.Errorf("the sources lack %q", c)
		}
		if strings.Contains(text, s.File) {
			t.Errorf("the source file name %s is printed", s.File)
		}
	}
	if m := sourceFile.FindString(text); m != "" {
		t.Errorf("a source file name is printed: %q", m)
	}
	for _, path := range []string{"docs/", "SCORING.md", ".md"} {
		if strings.Contains(text, path) {
			t.Errorf("a path of Hatcheck's source is printed: %q", path)
		}
	}
}

// TestExamplePlanPages checks the example of the README, whose pages are
// in docs/plan-preview, in both paper sizes.
func TestExamplePlanPages(t *testing.T) {
	for _, lang := range i18n.Supported {
		in := answersFileIn(t, filepath.Join("..", "examples", "answers.json"), lang)
		for _, paper := range []Paper{A4, Letter} {
			t.Run(lang+"/"+string(paper), func(t *testing.T) {
				path, _ := writePDF(t, in, Options{Paper: paper})
				keepPDF(t, path, "example-"+string(paper)+"-"+lang)
				checkInsidePages(t, path)
				checkPages(t, path, planHeadings(in))
				checkSources(t, rawText(t, path), in.Engine)
			})
		}
	}
}

// TestRankingWordsFollowTheThresholds: the words of the ranking table come
// from the weight and the priority, with the documented thresholds.
func TestRankingWordsFollowTheThresholds(t *testing.T) {
	for w, want := range map[float64]string{3: "essential", 2: "important", 1: "helps", 0.5: "helps", 4: "essential"} {
		if got := weightWord(w); got != want {
			t.Errorf("weight %v: %q, want %q", w, got, want)
		}
	}
	in := persona(t, "clear-smm")
	d := newDoc(in, Options{}, nil)
	gap := func(weight, target, level float64) assessment.Gap {
		return assessment.Gap{Kind: "gap", Weight: weight, Target: assessment.Score(target), Level: assessment.Score(level),
			Priority: assessment.Score(weight * (target - level) / 100)}
	}
	for _, c := range []struct {
		g           assessment.Gap
		first, plan bool
		want        string
	}{
		{gap(1, 50, 25), true, true, "biggest gap for this hat"}, // first, however small
		{gap(3, 75, 25), false, true, "big gap"},                 // essential, two steps short: 6 weighted steps
		{gap(2, 50, 0), false, true, "big gap"},                  // important, two steps: 4
		{gap(3, 75, 50), false, false, "gap"},                    // essential, one step: 3
		{gap(2, 50, 25), false, false, "gap"},                    // important, one step: 2
		{gap(1, 50, 0), false, false, "gap"},                     // helps, two steps: 2
		{gap(1, 50, 25), false, false, "small gap"},              // helps, one step: 1
		{assessment.Gap{Kind: "strengthen", Weight: 3, Level: 75, Target: 75}, false, true, "strength to deepen"},
		{assessment.Gap{Kind: "strengthen", Weight: 3, Level: 100, Target: 75}, false, false, "strength"},
	} {
		if got := d.priorityWord(c.g, c.first, c.plan); got != c.want {
			t.Errorf("%+v first %v in plan %v: %q, want %q", c.g, c.first, c.plan, got, c.want)
		}
	}
}

// TestRankingTableShowsWordsNotNumbers: the "Strengths and gaps" page names
// weight and priority in words; the numbers stay in the method section.
func TestRankingTableShowsWordsNotNumbers(t *testing.T) {
	in := persona(t, "burnt-out-generalist")
	path, _ := writePDF(t, in, Options{Paper: A4})
	var page []string
	for _, body := range pageBodies(t, path) {
		for i, l := range body {
			if strings.TrimSpace(l) == "Strengths and gaps" {
				page = body[i:]
			}
		}
	}
	if page == nil {
		t.Fatal("no page starts the section \"Strengths and gaps\"")
	}
	text := strings.Join(page, "\n")
	for _, w := range []string{"For this hat", "Priority", "essential", "biggest gap", "strength"} {
		if !strings.Contains(text, w) {
			t.Errorf("the ranking lacks %q", w)
		}
	}
	if strings.Contains(text, "Weight") || regexp.MustCompile(`\b\d\.\d\d\b`).MatchString(text) {
		t.Errorf("the ranking still shows weights or priorities as numbers:\n%s", text)
	}
	if !strings.Contains(rawText(t, path), "weighted steps or more is a big gap") {
		t.Error("the method section does not explain the ranking's words")
	}
}

// TestScatterNumbersDoNotOverlap: when the three hats sit at the same
// readiness (the straight-liner: 100 for all three), their numbers in the
// chart still do not overlap each other, and the legend names every hat in
// full with its two values.
func TestScatterNumbersDoNotOverlap(t *testing.T) {
	for _, name := range []string{"straight-liner", "hybrid"} {
		t.Run(name, func(t *testing.T) {
			in := persona(t, name)
			score := (&doc{tr: in.Engine.Printer()}).fmtScore
			path, _ := writePDF(t, in, Options{Paper: A4})
			type word struct {
				XMin float64 `xml:"xMin,attr"`
				YMin float64 `xml:"yMin,attr"`
				XMax float64 `xml:"xMax,attr"`
				YMax float64 `xml:"yMax,attr"`
				Text string  `xml:",chardata"`
			}
			var doc struct {
				Pages []struct {
					Height float64 `xml:"height,attr"`
					Words  []word  `xml:"word"`
				} `xml:"body>doc>page"`
			}
			out := poppler(t, "pdftotext", "-bbox", "-enc", "UTF-8", "-f", "2", "-l", "2", path, "-")
			if err := xml.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			var numbers []word
			for _, w := range doc.Pages[0].Words {
				if (w.Text == "1" || w.Text == "2" || w.Text == "3") && w.YMax < doc.Pages[0].Height-40 { // not the footer's page number
					numbers = append(numbers, w)
				}
			}
			if len(numbers) != 6 { // three in the chart, three in the legend
				t.Fatalf("%d point numbers on the fit page, want 6: %+v", len(numbers), numbers)
			}
			for i, a := range numbers {
				for _, b := range numbers[i+1:] {
					if a.XMin < b.XMax && b.XMin < a.XMax && a.YMin < b.YMax && b.YMin < a.YMax {
						t.Errorf("%q at (%.1f,%.1f) overlaps %q at (%.1f,%.1f)", a.Text, a.XMin, a.YMin, b.Text, b.XMin, b.YMin)
					}
				}
			}
			text := rawText(t, path)
			for i, tr := range in.Result.Tracks {
				want := fmt.Sprintf("%d %s: readiness %s, affinity %s", i+1, tr.Name, score(tr.Readiness), score(tr.Affinity))
				if !strings.Contains(text, want) {
					t.Errorf("the legend lacks %q", want)
				}
			}
		})
	}
}

// TestPlaceLabelAvoidsWhatIsTaken: three numbers for one spot take three
// places, none over another or over the dot, all inside the bounds.
func TestPlaceLabelAvoidsWhatIsTaken(t *testing.T) {
	bounds := box{0, 0, 60, 60}
	for _, at := range [][2]float64{{30, 30}, {59, 30}, {59, 1}, {1, 59}} {
		dot := box{at[0] - 1.6, at[1] - 1.6, at[0] + 1.6, at[1] + 1.6}
		taken := []box{dot, dot, dot}
		var placed []box
		for i := 0; i < 3; i++ {
			b, _ := placeLabel(at[0], at[1], 2.5, 3.2, 1.6, taken, bounds)
			for _, o := range taken {
				if b.overlaps(o) {
					t.Errorf("at %v: label %d at %+v overlaps %+v", at, i+1, b, o)
				}
			}
			if !b.inside(bounds) {
				t.Errorf("at %v: label %d at %+v is outside the chart", at, i+1, b)
			}
			taken = append(taken, b)
			placed = append(placed, b)
		}
	}
}

// TestSplitBreaksLongIDsOnlyAfterPunctuation: an item ID too long for its
// column breaks after a '.' or a '-', never inside a word; text keeps its
// words whole and its line breaks.
func TestSplitBreaksLongIDsOnlyAfterPunctuation(t *testing.T) {
	d := newDoc(persona(t, "clear-cm"), Options{}, nil)
	d.pdf.AddPage()
	d.font("", 9)
	for _, id := range []string{"scenario.question-you-cannot-answer", "style.creativity-structure-opposite", "https://example.org/a/very/long/path_with_parts"} {
		for _, w := range []float64{22, 30, 45} {
			lines := d.split(id, w)
			if strings.Join(lines, "") != id {
				t.Errorf("%s in %v mm: %q does not join back", id, w, lines)
			}
			for _, l := range lines[:len(lines)-1] {
				if !strings.ContainsAny(l[len(l)-1:], ".-/_") {
					t.Errorf("%s in %v mm: broken inside a word: %q", id, w, lines)
				}
			}
		}
	}
	lines := d.split("+2.4  You rated it\n\nnext paragraph", 200)
	if len(lines) != 3 || lines[0] != "+2.4  You rated it" || lines[1] != "" {
		t.Errorf("%q", lines)
	}
	sentence := "Carrying members' voice into the company, and word of mouth"
	words := map[string]bool{}
	for _, w := range strings.Fields(sentence) {
		words[w] = true
	}
	for _, l := range d.split(sentence, 25) {
		for _, w := range strings.Fields(l) {
			if !words[w] {
				t.Errorf("a word was cut: %q", w)
			}
		}
	}
}
