// Package e2e tests the real Hatcheck binary in a real window under Xvfb,
// driven only by the keyboard with xdotool, and checks the PDF it saves with
// poppler. Run with "make e2e" (go test -tags e2e ./e2e); it builds the app
// with the desktop driver and starts its own Xvfb.
package e2e
