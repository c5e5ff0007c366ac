// Command hatcheck helps a person find which social media hat fits them:
// social media manager, community manager or social media strategist.
// With no arguments it will open the desktop app; with a subcommand it runs
// the command line (see "hatcheck help").
package main

import (
	"os"

	"hatcheck/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
