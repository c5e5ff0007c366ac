//go:build !cli

package main

import "hatcheck/ui"

// window opens the desktop app in this process.
func window() int { return ui.Run() }
