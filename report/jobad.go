package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"hatcheck/assessment"
	"hatcheck/internal/atomicfile"
	"hatcheck/jobad"
	"hatcheck/questions"
)

// JobAdsTitle is the name of the workshop's job-ad PDF.
const JobAdsTitle = "Hatcheck job ad check"

// JobAdsInput is a folder of ads for a workshop: one page each.
type JobAdsInput struct {
	Engine *assessment.Engine
	// Folder names the set on every page (the folder's name).
	Folder string
	Ads    []jobad.Check
}

// maxAdLines bounds the marked lines printed for one ad in the plan, and
// maxPageLines on a workshop page, so that an ad keeps to its page; the
// command line's --json lists them all.
const (
	maxAdLines   = 14
	maxPageLines = 6
)

// WriteJobAds renders one page per ad, for group discussion: the shares,
// the signals, the lines behind the shares and the questions to ask.
func WriteJobAds(w io.Writer, in JobAdsInput, opt Options) ([]string, error) {
	if in.Engine == nil || len(in.Ads) == 0 {
		return nil, errors.New("report: the engine and at least one ad are needed")
	}
	cover, err := coverage()
	if err != nil {
		return nil, err
	}
	if opt.Paper == "" {
		opt.Paper = A4
	}
	d := newBaseDoc(in.Engine, opt, cover, JobAdsTitle, rgb{47, 109, 181})
	d.name = d.user("the folder name", in.Folder)
	pdf := d.pdf
	pdf.SetTitle(d.t(JobAdsTitle+": "+in.Folder), true)
	pdf.SetAuthor("Hatcheck", true)
	pdf.SetCreator("Hatcheck", true)
	pdf.SetHeaderFuncMode(d.header, true)
	pdf.SetFooterFunc(d.footer)
	for i, c := range in.Ads {
		pdf.AddPage()
		if i == 0 {
			// The first page has no header line; the set's name goes here.
			d.font("", 9)
			d.color(muted)
			pdf.CellFormat(d.contentW, 5, d.t(JobAdsTitle+" · "+d.name), "", 1, "L", false, 0, "")
			d.color(ink)
		}
		d.font("B", 15)
		pdf.Bookmark(d.t(adName(c)), 0, -1)
		pdf.MultiCell(d.contentW, 7.5, d.user("an ad's name", adName(c)), "", "L", false)
		pdf.Ln(1)
		d.jobAd(c, true)
		d.small("For discussion: which hat would you say this job is, before looking at the shares, and which lines made you think so? If you took it, what would you hand over or automate first?")
	}
	if pdf.Err() {
		return d.warnings, fmt.Errorf("lay out the job ads: %w", pdf.Error())
	}
	if err := pdf.Output(w); err != nil {
		return d.warnings, fmt.Errorf("write the job ads: %w", err)
	}
	return d.warnings, nil
}

// WriteJobAdsFile writes the workshop's job-ad PDF whole or not at all.
func WriteJobAdsFile(path string, in JobAdsInput, opt Options) ([]string, error) {
	var buf bytes.Buffer
	warnings, err := WriteJobAds(&buf, in, opt)
	if err != nil {
		return warnings, err
	}
	return warnings, atomicfile.Write(path, buf.Bytes(), 0o600)
}

func adName(c jobad.Check) string {
	switch {
	case c.Name != "" && c.Result.Title != "" && c.Name != c.Result.Title:
		return c.Result.Title + " (" + c.Name + ")"
	case c.Result.Title != "":
		return c.Result.Title
	case c.Name != "":
		return c.Name
	}
	return "Job ad"
}

// jobAdSection is the plan's "Job ad check": the ads checked for this
// attempt, each held against the person.
func (d *doc) jobAdSection() {
	d.heading("jobad", "Job ad check", preferNewPage, 0, 0)
	d.para("The job ads you checked with this result. Each line of an ad was matched to the work of one hat; the shares count those lines, and the lines below show which. Lines about pay, degrees or where the job is are set aside.")
	for i, c := range d.in.JobAds {
		if i > 0 {
			d.pdf.AddPage()
		}
		d.subheading(d.user("an ad's name", adName(c)))
		d.jobAd(c, false)
	}
}

// jobAd draws one analysed ad: the shares as one bar, the signals, the
// marked lines, the comparison with the person and the questions.
func (d *doc) jobAd(c jobad.Check, compact bool) {
	pdf := d.pdf
	r := c.Result
	d.shareBar(r)
	d.font("", 9)
	d.color(muted)
	pdf.MultiCell(d.contentW, 4.5, fmt.Sprintf("%d lines counted for a hat, %d set aside (pay, degrees, logistics), %d naming no hat's work.",
		r.Counted, r.SetAside, len(r.Lines)-r.Counted-r.SetAside-headings(r)), "", "L", false)
	d.color(ink)
	if len(r.Signals) > 0 {
		d.subheadingKeep("What to watch for", 20)
		var s []string
		for _, sg := range r.Signals {
			text := sg.Text
			if sg.Detail != "" {
				text += " " + sg.Detail
			}
			s = append(s, d.t(text))
		}
		if compact {
			for _, x := range s {
				d.small("• " + x)
				d.pdf.Ln(0.8)
			}
		} else {
			d.bullets(s)
		}
	}
	d.subheadingKeep("The lines behind the shares", 25)
	var rows [][]string
	shown, limit := 0, maxAdLines
	if compact {
		limit = maxPageLines
	}
	for _, l := range r.Lines {
		if l.Hat == nil || shown >= limit {
			continue
		}
		shown++
		width := 170
		if compact {
			width = 110
		}
		rows = append(rows, []string{d.hatShort(*l.Hat), d.t(competencyName(d.bank, *l.Competency)), d.user("the ad", cut(l.Text, width))})
	}
	if len(rows) > 0 {
		d.table([]column{{"Hat", 0.17, "", true}, {"Skill", 0.25, "", false}, {"Line of the ad", 0.58, "", false}}, rows, false)
	}
	if r.Counted > shown {
		d.small(fmt.Sprintf("%d more counted lines are not printed here.", r.Counted-shown))
	}
	if a := r.Against; a != nil && !compact {
		d.subheadingKeep("Against your result", 25)
		d.para(d.t(a.Summary))
		var rows [][]string
		for _, g := range a.Gaps {
			step := "—"
			if len(g.Actions) > 0 {
				step = g.Actions[0].Text
				if g.InPlan {
					step = "In your plan: " + step
				}
			}
			rows = append(rows, []string{d.t(g.Name), levelLabel(g.Level), levelLabel(&g.Target), d.t(step)})
		}
		if len(rows) > 0 {
			d.table([]column{{"Gap", 0.24, "", true}, {"You", 0.14, "", false}, {"Needed", 0.14, "", false}, {"First step", 0.48, "", false}}, rows, false)
		}
		if len(a.Meets) > 0 {
			var names []string
			for _, m := range a.Meets {
				names = append(names, m.Name)
			}
			d.para(d.t("You already meet: " + strings.Join(names, "; ") + "."))
		}
		if len(a.Unrated) > 0 {
			var names []string
			for _, m := range a.Unrated {
				names = append(names, m.Name)
			}
			d.small(d.t("Not rated in your answers, so not compared: " + strings.Join(names, "; ") + "."))
		}
	}
	if len(r.Questions) > 0 {
		d.subheadingKeep("Questions to ask before you accept", 20)
		if compact {
			for _, q := range qTexts(r.Questions) {
				d.small("• " + d.t(q))
				d.pdf.Ln(0.8)
			}
		} else {
			d.bullets(d.ts(qTexts(r.Questions)))
		}
	}
}

func headings(r *jobad.Result) int {
	n := 0
	for _, l := range r.Lines {
		if l.Kind == jobad.KindTitle || l.Kind == jobad.KindHeading {
			n++
		}
	}
	return n
}

func qTexts(qs []jobad.Asked) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Text
	}
	return out
}

func competencyName(b *questions.Bank, id string) string {
	if c, ok := b.Competency(id); ok {
		return c.Name.String()
	}
	return id
}

// levelLabel is a 0-100 level as the skill scale's label.
func levelLabel(s *assessment.Score) string {
	if s == nil {
		return "not rated"
	}
	return map[int]string{0: "Never done it", 25: "Done it with help", 50: "Do it on my own", 75: "Do it well and often", 100: "Could teach it"}[int(*s)]
}

// cut shortens a line of an ad for a table cell.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func (d *doc) hatShort(id string) string {
	switch id {
	case questions.TrackSocialMediaManager:
		return "Social media"
	case questions.TrackCommunityManager:
		return "Community"
	}
	return "Strategist"
}

// shareBar draws the three shares as one bar in the hats' colours, with a
// legend of shares and line counts under it.
func (d *doc) shareBar(r *jobad.Result) {
	pdf := d.pdf
	y := pdf.GetY() + 1
	x := margin
	h := 7.0
	d.fill(tint)
	pdf.Rect(margin, y, d.contentW, h, "F")
	for _, hs := range r.Hats {
		w := d.contentW * hs.Share
		if w <= 0 {
			continue
		}
		d.fill(trackInk(hs.ID))
		pdf.Rect(x, y, w, h, "F")
		if w > 14 {
			d.font("B", 8.5)
			pdf.SetTextColor(255, 255, 255)
			pdf.SetXY(x, y)
			pdf.CellFormat(w, h, fmt.Sprintf("%.0f%%", 100*hs.Share), "", 0, "C", false, 0, "")
		}
		x += w
	}
	d.color(ink)
	pdf.SetXY(margin, y+h+2)
	d.font("", 9)
	colW := d.contentW / 3
	for _, hs := range r.Hats {
		lx := pdf.GetX()
		d.fill(trackInk(hs.ID))
		pdf.Rect(lx, pdf.GetY()+1.2, 3, 3, "F")
		pdf.SetX(lx + 4.5)
		label := fmt.Sprintf("%s %.0f%% (%d %s)", d.hatShort(hs.ID), 100*hs.Share, hs.Lines, map[bool]string{true: "line", false: "lines"}[hs.Lines == 1])
		pdf.CellFormat(colW-4.5, 5.5, d.t(label), "", 0, "L", false, 0, "")
	}
	pdf.Ln(7)
}
