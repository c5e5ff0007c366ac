package report

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"hatcheck/assessment"
	"hatcheck/internal/i18n"
	"hatcheck/questions"
)

// generatedAnswers makes a plausible participant: a lean toward one hat with
// noise and a few skipped questions, so that a cohort has a mix of hats,
// hybrids and incomplete items (the workshop package's tests do the same).
func generatedAnswers(e *assessment.Engine, rng *rand.Rand, name string) *assessment.Answers {
	lean := questions.TrackIDs[rng.Intn(3)]
	prof := map[string]bool{}
	for _, p := range e.Model.Profiles {
		if p.Track == lean {
			for _, c := range p.Competencies {
				prof[c.ID] = true
			}
		}
	}
	a := &assessment.Answers{Respondent: assessment.Respondent{Name: name, Context: assessment.Contexts[rng.Intn(5)]}, Items: map[string]assessment.Answer{}}
	for _, it := range e.Bank.Items {
		if !it.Core() || rng.Intn(40) == 0 {
			continue
		}
		switch it.Kind {
		case questions.KindSkillRating:
			v := 1 + rng.Intn(3)
			if prof[it.Measures.Competencies[0]] {
				v += 2
			}
			a.Items[it.ID] = assessment.Answer{Value: v}
		case questions.KindWorkStyle:
			v := 2 + rng.Intn(3)
			if _, ok := it.Measures.Tracks[lean]; ok {
				if it.Measures.Reverse {
					v = 1 + rng.Intn(2)
				} else {
					v = 4 + rng.Intn(2)
				}
			}
			a.Items[it.ID] = assessment.Answer{Value: v}
		default:
			pick := it.Options[rng.Intn(len(it.Options))]
			if rng.Intn(3) > 0 {
				for _, o := range it.Options {
					if o.Track == lean {
						pick = o
					}
				}
			}
			a.Items[it.ID] = assessment.Answer{Option: pick.ID}
		}
	}
	return a
}

// cohort builds the group report's input for n generated participants.
func cohort(t testing.TB, n int, names bool) GroupInput {
	t.Helper()
	return cohortIn(t, n, names, "en")
}

// cohortIn is cohort in a language: the engine and its summary speak lang.
func cohortIn(t testing.TB, n int, names bool, lang string) GroupInput {
	t.Helper()
	e := testEngine(t).In(lang)
	rng := rand.New(rand.NewSource(7))
	var members []assessment.Member
	for i := 0; i < n; i++ {
		a := generatedAnswers(e, rng, fmt.Sprintf("Participant %d", i+1))
		members = append(members, e.NewMember(fmt.Sprintf("P%02d", i+1), a.Respondent.Name, a, e.Score(a)))
	}
	return GroupInput{Engine: e, Cohort: fmt.Sprintf("Generated group of %d", n), Group: e.Summarise(members, names), Members: members, Names: names}
}

// writeGroupPDF renders a group report into a temporary file.
func writeGroupPDF(t testing.TB, in GroupInput, opt Options) string {
	t.Helper()
	if opt.Date.IsZero() {
		opt.Date = fixedDate
	}
	path := filepath.Join(t.TempDir(), "group.pdf")
	if _, err := WriteGroupFile(path, in, opt); err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("group-%d-%s-%s", in.Group.Size, opt.Paper, in.Engine.Lang())
	if in.Names {
		name += "-names"
	}
	keepPDF(t, path, name)
	return path
}

// keepPDF copies a rendered PDF into the -keep folder, to look at its pages.
func keepPDF(t testing.TB, path, name string) {
	t.Helper()
	if *keep == "" {
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(*keep, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*keep, name+".pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// groupHeadings are the group report's section titles and the heading of
// its last block.
func groupHeadings(in GroupInput) []string {
	tr := in.Engine.Printer()
	g := &groupDoc{doc: &doc{tr: tr}, in: in}
	h := []string{tr.T("Sources")}
	for _, s := range g.sections() {
		h = append(h, s.title)
	}
	return h
}

// TestGroupReportPages renders generated cohorts of 24, of 5 and of 3 (too
// few to show anyone's detail) in both paper sizes, one of 24 with names
// and one of 60 (a heat map in two blocks), and checks what a reader sees:
// no nearly empty page, no list item with two markers, the articles by
// title and author, a heat map with a colour legend and every skill's full
// name, and questions named by their label.
func TestGroupReportPages(t *testing.T) {
	type run struct {
		n     int
		names bool
		paper Paper
	}
	runs := []run{{24, true, A4}, {60, false, A4}}
	for _, n := range []int{24, 5, 3} {
		for _, paper := range []Paper{A4, Letter} {
			runs = append(runs, run{n, false, paper})
		}
	}
	for _, lang := range i18n.Supported {
		for _, r := range runs {
			n, paper := r.n, r.paper
			name := fmt.Sprintf("%s/%d/%s", lang, n, paper)
			if r.names {
				name += "/names"
			}
			t.Run(name, func(t *testing.T) {
				checkGroupReport(t, cohortIn(t, n, r.names, lang), paper)
			})
		}
	}
}

// checkGroupReport renders a group report and checks its pages and text.
func checkGroupReport(t *testing.T, in GroupInput, paper Paper) {
	t.Helper()
	tr := in.Engine.Printer()
	n := in.Group.Size
	path := writeGroupPDF(t, in, Options{Paper: paper})
	checkInsidePages(t, path)
	checkPages(t, path, groupHeadings(in))
	text := rawText(t, path)
	checkSources(t, text, in.Engine)
	checkCompletion(t, text, in)
	if !in.Group.Detailed {
		for _, s := range []string{tr.T("Everyone's fit"), tr.T("Skills across the group"), tr.T("Peer pairs")} {
			if strings.Contains(text, s) {
				t.Errorf("a group of %d shows %q", n, s)
			}
		}
		why := fold(tr.T("The group has fewer than {{.Min}} participants, so to keep everyone anonymous only counts are shown: no one's fit, skills or peer pair. Switch names on (with the participants' agreement) to see them.", map[string]any{"Min": assessment.MinBreakdown}))
		if strings.Count(text, why) != 1 {
			t.Error("a small group does not say once why it shows only counts")
		}
		return
	}
	checkHeatMap(t, path, in)
	first := strings.Fields(in.Group.Questions[0])[0]
	if !regexp.MustCompile(`(?m)^\s*1\. ` + regexp.QuoteMeta(first)).MatchString(poppler(t, "pdftotext", "-layout", "-enc", "UTF-8", path, "-")) {
		t.Error("the questions for discussion are not numbered")
	}
}

// checkHeatMap: every page of the heat map has a legend with every point of
// the skill scale and "Not rated", and every skill appears by its full name.
func checkHeatMap(t *testing.T, path string, in GroupInput) {
	t.Helper()
	tr := in.Engine.Printer()
	section, lang := tr.T("Skills across the group"), tr.Lang()
	var pages []string
	for _, body := range pageBodies(t, path) {
		text := strings.Join(body, "\n")
		if strings.Contains(text, section) && !strings.Contains(text, tr.T("Contents")) {
			pages = append(pages, text)
		}
	}
	if len(pages) == 0 {
		t.Fatal("no heat map")
	}
	d := &doc{bank: in.Engine.Bank}
	sc := d.skillScale()
	for i, page := range pages {
		for v := sc.Min; v <= sc.Max; v++ {
			if l := sc.Label(v, lang); !strings.Contains(page, l) {
				t.Errorf("the legend on page %d of the heat map lacks %q", i+1, l)
			}
		}
		if l := tr.T("Not rated"); !strings.Contains(page, l) {
			t.Errorf("the legend on page %d of the heat map lacks %q", i+1, l)
		}
	}
	if in.Group.Size > 40 && len(pages) < 2 {
		t.Errorf("a heat map of %d people on one page", in.Group.Size)
	}
	raw := rawText(t, path)
	// The second mention of the title, after the contents, is the section.
	heat := raw[strings.LastIndex(raw, section):]
	heat = heat[:strings.Index(heat, tr.T("What to teach next"))]
	for _, c := range in.Engine.Bank.Competencies {
		if name := c.Name.In(lang); !strings.Contains(heat, name) {
			t.Errorf("the heat map lacks the full name %q", name)
		}
	}
	if strings.Contains(heat, "…") {
		t.Error("the heat map cuts a name short")
	}
}

// checkCompletion: every question not answered by everyone is named by its
// label, with its ID whole or broken only after a '.' or a '-'.
func checkCompletion(t *testing.T, text string, in GroupInput) {
	t.Helper()
	rows := 0
	for _, it := range in.Group.Items {
		if it.Answered == in.Group.Size {
			continue
		}
		rows++
		item, _ := in.Engine.Bank.Item(it.Item)
		if label := item.Label.In(in.Engine.Lang()); !strings.Contains(text, label) {
			t.Errorf("the completion table lacks the label %q of %s", label, it.Item)
		}
		var pattern strings.Builder
		for _, p := range breakPoints(it.Item) {
			pattern.WriteString(regexp.QuoteMeta(p))
			if strings.ContainsAny(p[len(p)-1:], ".-") {
				pattern.WriteString(" ?")
			}
		}
		if !regexp.MustCompile(pattern.String()).MatchString(text) {
			t.Errorf("the ID %s is missing or broken inside a word", it.Item)
		}
	}
	if rows == 0 {
		t.Error("the generated cohort answered everything: the completion table is not tested")
	}
}
