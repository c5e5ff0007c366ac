#!/bin/sh
# Makes the Linux tree that "fyne package" wrote hold Hatcheck's two
# programs: fyne package's build (the window, with the command line) is
# renamed hatcheck-window, and hatcheck becomes the command line alone,
# built from the same source without the GUI toolkit (-tags cli,
# CGO_ENABLED=0, with the flags of fyne package's release build; make dist
# builds it before fyne package raises FyneApp.toml's Build), which starts
# hatcheck-window beside it when run without arguments. The Makefile fyne
# package put in the tree learns to install, and uninstall, both. See
# main.go.
#
# Usage: packaging/two-programs.sh CLI_PROGRAM FYNE_TREE
#   CLI_PROGRAM: the -tags cli build
#   FYNE_TREE: the unpacked "hatcheck" folder of fyne package's tarball
set -eu
cli=$1 tree=$2

# fyne package puts the files under usr/local when the building machine has
# a /usr/local, else under usr.
bin=$tree/usr/local/bin
[ -d "$bin" ] || bin=$tree/usr/bin
bin=$(cd "$bin" && pwd)

mv "$bin/hatcheck" "$bin/hatcheck-window"
install -m755 "$cli" "$bin/hatcheck"

# The desktop entry starts the window's program itself, sparing the menu the
# step through the command line (about 60 ms before the window appears).
for entry in "$tree"/usr/local/share/applications/*.desktop "$tree"/usr/share/applications/*.desktop; do
	[ -f "$entry" ] || continue
	sed -i 's/^Exec=hatcheck$/Exec=hatcheck-window/' "$entry"
	grep -q '^Exec=hatcheck-window$' "$entry" || { echo "two-programs.sh: $entry does not start hatcheck-window" >&2; exit 1; }
done

# Each line of the Makefile that installs or removes bin/$(Exec), again for
# bin/$(Exec)-window (not the line that rewrites the desktop entry's Exec
# into a full path: its "Exec=hatcheck" also matches "Exec=hatcheck-window").
make=$tree/Makefile
sed -i '/bin\/$(Exec)/{/sed -i/!{p;s/\$(Exec)/$(Exec)-window/g}}' "$make"
n=$(grep -c 'bin/$(Exec)-window' "$make")
[ "$n" = 4 ] || { echo "two-programs.sh: expected 4 lines for hatcheck-window in $make, found $n" >&2; exit 1; }
