module hatcheck

go 1.24.0

require (
	github.com/jung-kurt/gofpdf v1.16.2
	golang.org/x/text v0.21.0
)
