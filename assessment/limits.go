package assessment

// Size limits of the files Hatcheck reads. A real answers or results file
// is a few kilobytes and a cohort CSV of a thousand people a few megabytes;
// anything far larger is the wrong file, and reading it whole would take
// the memory of the machine.
const (
	// MaxAnswersBytes bounds an answers file and a results file (5 MB;
	// MaxCSVBytes, 50 MB, bounds a cohort CSV).
	MaxAnswersBytes = 5_000_000
)
