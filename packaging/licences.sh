#!/bin/sh
# Writes on stdout the licences of everything a Hatcheck binary contains: the
# Go toolchain's standard library and runtime, every module "go version -m"
# lists in the binary (their LICENSE, COPYING, NOTICE and PATENTS files, from
# the module cache), and the fonts Hatcheck embeds. The Debian package
# installs it as its copyright file; the tarball and the Windows zip carry it
# as LICENSES.txt.
#
# Usage: packaging/licences.sh BINARY    (run from the repository's top)
set -eu
bin=$1
go=${GO:-go}
modcache=$($go env GOMODCACHE)
goroot=$($go env GOROOT)

# The module cache spells capitals as "!" and the lower-case letter.
escape() { printf '%s' "$1" | sed 's/[A-Z]/!\L&/g'; }

# licence_files DIR DEPTH: the licence files in DIR, and in its folders DEPTH
# deep (fonts and C code that modules embed carry their own).
licence_files() {
	find "$1" -maxdepth "$2" \( -name testdata -o -name 'example*' -o -name '_*' -o -name vendor \) -prune -o -type f \( -iname 'LICEN[CS]E*' -o -iname 'COPYING*' -o -iname 'NOTICE*' -o -iname 'PATENTS*' \) -print | LC_ALL=C sort
}

section() {
	printf '\n================================================================================\n%s\n================================================================================\n' "$1"
}

cat <<HEAD
What this Hatcheck program contains, and under which licences.

Hatcheck itself: its source repository does not state a licence for Hatcheck's
own code yet. The parts below are other people's work, each under its own
licence, which the rest of this file reproduces.
HEAD

section "Fonts embedded in Hatcheck: DejaVu Sans (assets/fonts)"
cat assets/fonts/LICENSE-DejaVu.txt

toolchain=$($go version "$bin" | sed 's/^[^:]*: //')
section "The Go standard library and runtime ($toolchain)"
for f in $(licence_files "$goroot" 1); do cat "$f"; echo; done

# "dep PATH VERSION SUM", possibly followed by "=> REPLACEMENT VERSION".
$go version -m "$bin" | awk '
	$1 == "dep" { if (p != "") print p, v, r; p = $2; v = $3; r = ""; next }
	$1 == "=>"  { r = $2 " " $3; next }
	END         { if (p != "") print p, v, r }' |
while read -r path version replacement replacement_version; do
	case "$replacement" in
	./* | ../*) dir=$replacement; shown="$path (as in this repository's $replacement)" ;;
	"") dir="$modcache/$(escape "$path")@$version"; shown="$path $version" ;;
	*) dir="$modcache/$(escape "$replacement")@$replacement_version"; shown="$path (replaced by $replacement $replacement_version)" ;;
	esac
	files=$(licence_files "$dir" 3 2>/dev/null || true)
	if [ -z "$files" ]; then
		echo "licences.sh: no licence file found for $shown in $dir" >&2
		exit 1
	fi
	section "$shown"
	for f in $files; do cat "$f"; echo; done
done
