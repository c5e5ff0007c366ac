// Command hello is the smallest Fyne app: one window titled "Hello" with a
// label. The e2e test compares how long Hatcheck's window takes to appear
// with this program's, in the same run on the same display (see
// TestWindowAppearsAlmostAsFastAsHelloWorld). It is not shipped: testdata
// folders are left out of "go build ./..." and of the binary.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.example.hello")
	w := a.NewWindow("Hello")
	w.SetContent(widget.NewLabel("Hello, world"))
	w.Resize(fyne.NewSize(1024, 720))
	w.ShowAndRun()
}
