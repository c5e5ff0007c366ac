// Package locale reads the person's locale from the environment, the way
// the C library does, for every caller: LC_ALL wins, then the category's
// own variable (LC_PAPER, LC_MESSAGES...), then LANG.
package locale

import "os"

// Env returns the locale in force for a category ("PAPER", "MESSAGES"),
// or "" when none is set.
func Env(category string) string {
	for _, v := range []string{"LC_ALL", "LC_" + category, "LANG"} {
		if s := os.Getenv(v); s != "" {
			return s
		}
	}
	return ""
}
