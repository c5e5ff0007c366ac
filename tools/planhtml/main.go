// Command planhtml writes the content of a Hatcheck development plan as one
// HTML page, for scripts/compare-chromium.sh, which has headless Chromium
// print it to PDF to compare its cost with Hatcheck's own PDF writer. The
// page has the same texts and numbers as the PDF plan (cover, fit with
// bands, skill areas, why, strengths and gaps, the 30/60/90-day table, the
// job, the audit, advice, method, sources) in the same DejaVu Sans fonts,
// embedded in the page; it is not shipped with Hatcheck.
//
//	go run ./tools/planhtml [-date 2026-11-23] ANSWERS.json > plan.html
package main

import (
	"encoding/base64"
	"flag"
	"fmt"
	"html/template"
	"os"
	"time"

	"hatcheck/assessment"
	"hatcheck/assets"
)

func main() {
	date := flag.String("date", "", "date printed on the cover (YYYY-MM-DD); default today")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: planhtml [-date YYYY-MM-DD] ANSWERS.json > plan.html")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *date); err != nil {
		fmt.Fprintln(os.Stderr, "planhtml:", err)
		os.Exit(1)
	}
}

func run(path, date string) error {
	e, err := assessment.Default()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	a, err := assessment.ParseAnswers(data, e.Bank)
	if err != nil {
		return err
	}
	r := e.Score(a)
	p, err := e.BuildPlan(a, r, "")
	if err != nil {
		return err
	}
	day := time.Now()
	if date != "" {
		if day, err = time.Parse("2006-01-02", date); err != nil {
			return err
		}
	}
	return page.Execute(os.Stdout, map[string]any{
		"Date":    day.Format("2 January 2006"),
		"Result":  r,
		"Plan":    p,
		"Regular": template.URL("data:font/ttf;base64," + base64.StdEncoding.EncodeToString(assets.DejaVuSans)),
		"Bold":    template.URL("data:font/ttf;base64," + base64.StdEncoding.EncodeToString(assets.DejaVuSansBold)),
	})
}

func num(s *assessment.Score) string {
	if s == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f", float64(*s))
}

func band(b *[2]assessment.Score) string {
	if b == nil {
		return "–"
	}
	return fmt.Sprintf("%.0f–%.0f", float64(b[0]), float64(b[1]))
}

// width is a score as a bar width in percent.
func width(s *assessment.Score) float64 {
	if s == nil {
		return 0
	}
	return float64(*s)
}

var page = template.Must(template.New("plan").Funcs(template.FuncMap{"num": num, "band": band, "width": width}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Hatcheck development plan: {{.Plan.Respondent.Name}}</title>
<style>
@font-face { font-family: DejaVu; src: url({{.Regular}}) format("truetype"); font-weight: normal; }
@font-face { font-family: DejaVu; src: url({{.Bold}}) format("truetype"); font-weight: bold; }
@page { size: A4; margin: 22mm 18mm 20mm 18mm; }
body { font-family: DejaVu, sans-serif; font-size: 10pt; color: #212529; }
h1 { font-size: 24pt; margin: 40mm 0 4mm; } h2 { font-size: 15pt; border-bottom: 0.6mm solid #2f6db5; page-break-before: always; }
h3 { font-size: 11pt; } table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
td, th { border: 0.3mm solid #d2d6dc; padding: 1.5mm; vertical-align: top; text-align: left; }
th { background: #f3f5f8; } .bar { background: #d2d6dc; height: 4mm; position: relative; }
.bar span { background: #2f6db5; display: block; height: 4mm; } .muted { color: #646a73; }
.box { width: 4mm; height: 4mm; border: 0.3mm solid #646a73; display: inline-block; }
</style></head><body>
<p class="muted">Hatcheck development plan</p>
<h1>{{.Plan.Respondent.Name}}</h1>
<p><b>{{.Plan.TrackName}}</b>: fit {{num .Plan.Fit}} of 100. {{.Plan.Verdict.Text}}</p>
<table><tr><th>Date</th><td>{{.Date}}</td></tr><tr><th>Hat</th><td>{{.Plan.TrackName}}</td></tr>
{{with .Plan.ContextName}}<tr><th>Context</th><td>{{.}}</td></tr>{{end}}
<tr><th>Answered</th><td>{{.Result.Answered.Core}} of {{.Result.Answered.CoreTotal}} questions</td></tr></table>
<p class="muted">For exploration, not for hiring decisions.</p>

<h2>Your fit for each hat</h2>
<table><tr><th>Hat</th><th>Fit</th><th>Band</th><th>Readiness</th><th>Affinity</th><th></th></tr>
{{range .Result.Tracks}}<tr><td>{{.Name}}</td><td>{{num .Fit}}</td><td>{{band .Band}}</td><td>{{num .Readiness}} ({{band .ReadinessBand}})</td><td>{{num .Affinity}} ({{band .AffinityBand}})</td>
<td style="width:35%"><div class="bar"><span style="width:{{width .Fit}}%"></span></div></td></tr>{{end}}</table>
<h3>Skills by area</h3>
<table>{{range .Result.Areas}}<tr><td>{{.Name}}</td><td>{{num .Level}}</td><td style="width:50%"><div class="bar"><span style="width:{{width .Level}}%"></span></div></td></tr>{{end}}</table>

<h2>Why these numbers</h2>
{{range .Result.Tracks}}<h3>{{.Name}}</h3>
<table><tr><th>Answer</th><th>Part</th><th>Effect</th></tr>{{range .Raised}}<tr><td>{{.Text}}</td><td>{{.Part}}</td><td>+{{printf "%.1f" .Delta}}</td></tr>{{end}}
{{range .Lowered}}<tr><td>{{.Text}}</td><td>{{.Part}}</td><td>{{printf "%.1f" .Delta}}</td></tr>{{end}}</table>{{end}}
{{range .Result.Quality}}<p class="muted">{{.Text}}</p>{{end}}

<h2>Strengths and gaps</h2>
<table><tr><th>Skill</th><th>Level</th><th>Target</th><th>Priority</th><th></th></tr>
{{range .Plan.Ranking}}<tr><td>{{.Name}}</td><td>{{printf "%.0f" .Level}}</td><td>{{printf "%.0f" .Target}}</td><td>{{printf "%.1f" .Priority}}</td><td>{{.Kind}}</td></tr>{{end}}</table>
{{with .Plan.ContextAdvice}}<p>{{.}}</p>{{end}}

<h2>Your 30/60/90-day plan</h2>
{{range .Plan.Phases}}<h3>Day {{.Day}}: {{.Title}}</h3>
<table><tr><th></th><th>Skill</th><th>What to do</th><th>Done when</th></tr>
{{range .Actions}}<tr><td><span class="box"></span></td><td>{{.Name}} ({{.Kind}})</td><td>{{.Text}}{{with .ContextNote}}<br><span class="muted">{{.}}</span>{{end}}</td><td>{{.Proof}}</td></tr>{{end}}</table>{{end}}
{{with .Plan.Unrated}}<p class="muted">Not rated: {{range .}}{{.}}; {{end}}</p>{{end}}

<h2>What the job looks like</h2>
<h3>A day in the life</h3><ul>{{range .Plan.DayInLife}}<li>{{.}}</li>{{end}}</ul>
<h3>How success is measured</h3><ul>{{range .Plan.KPIs}}<li>{{.}}</li>{{end}}</ul>
<p>{{.Plan.Collaboration}}</p>

{{with .Result.Audit}}<h2>Your hat audit</h2>
<p>{{.KeepName}}: {{.KeepReason}}</p>
<table><tr><th>Task</th><th>Hours</th><th>Energy</th><th>Suggestion</th><th>Why</th></tr>
{{range .Tasks}}<tr><td>{{.Label}}</td><td>{{printf "%.0f" .Hours}}</td><td>{{.Energy}}</td><td>{{.Suggestion}}</td><td>{{.Reason}}</td></tr>{{end}}</table>
{{range .Signals}}<p>{{.Text}}</p>{{end}}{{end}}

<h2>Practitioners' advice</h2><ul>{{range .Plan.Advice}}<li>{{.}}</li>{{end}}</ul>
{{with .Plan.Notes}}<h2>Your notes</h2><p>{{.}}</p>{{end}}

<h2>How this was scored</h2>
<p>{{.Result.Note}}</p><p>{{.Plan.Note}}</p>
<h3>Sources</h3><ul>{{range .Plan.Sources}}<li>{{.Author}}, {{.Title}}</li>{{end}}</ul>
</body></html>
`))
