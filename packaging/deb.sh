#!/bin/sh
# Builds the Debian package from what "fyne package" made, with the two
# programs of packaging/two-programs.sh (hatcheck and hatcheck-window) and its
# desktop entry, the icon in the hicolor sizes, the AppStream metainfo and the
# licences. Depends is what dpkg-shlibdeps finds the programs linked against;
# Recommends adds the X11 extension libraries that GLFW (Fyne's window
# toolkit) loads with dlopen, which dpkg-shlibdeps cannot see, when the binary
# names them, and xdg-utils, which opens folders and links.
#
# Usage: packaging/deb.sh FYNE_TREE LICENSES OUTPUT.deb   (from the repository's top)
#   FYNE_TREE: the unpacked "hatcheck" folder of fyne package's tarball
# Environment: VERSION, APP_ID, MAINTAINER; SCREENSHOTS_URL (optional);
#   SOURCE_DATE_EPOCH (optional, for the files' dates).
set -eu
tree=$1 licences=$2 out=$3
: "${VERSION:?}" "${APP_ID:?}" "${MAINTAINER:?}"
SCREENSHOTS_URL=${SCREENSHOTS_URL:-}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root

# fyne package puts the files under usr/local when the building machine has
# a /usr/local, else under usr.
usr=$tree/usr/local
[ -d "$usr/bin" ] || usr=$tree/usr

install -Dm755 "$usr/bin/hatcheck" "$root/usr/bin/hatcheck"
install -Dm755 "$usr/bin/hatcheck-window" "$root/usr/bin/hatcheck-window"
install -Dm644 "$usr/share/applications/$APP_ID.desktop" "$root/usr/share/applications/$APP_ID.desktop"
desktop-file-validate "$root/usr/share/applications/$APP_ID.desktop"

for size in 16 22 24 32 48 64 128 256 512; do
	dir=$root/usr/share/icons/hicolor/${size}x$size/apps
	mkdir -p "$dir"
	# No timestamps in the PNGs, so that a rebuild gives the same files.
	convert assets/icon.png -filter Lanczos -resize "${size}x$size" -strip \
		-define png:exclude-chunks=date,time "PNG32:$dir/$APP_ID.png"
done

metainfo=$root/usr/share/metainfo/$APP_ID.metainfo.xml
mkdir -p "$(dirname "$metainfo")"
if [ -n "$SCREENSHOTS_URL" ]; then
	sed "s#@SCREENSHOTS_URL@#${SCREENSHOTS_URL%/}#g" "packaging/$APP_ID.metainfo.xml" >"$metainfo"
else
	sed '/^ *<screenshots>/,/^ *<\/screenshots>/d' "packaging/$APP_ID.metainfo.xml" >"$metainfo"
fi
chmod 644 "$metainfo"
appstreamcli validate --no-net "$metainfo"

install -Dm644 "$licences" "$root/usr/share/doc/hatcheck/copyright"

# dpkg-shlibdeps wants to run inside a Debian source tree.
mkdir -p "$work/src/debian"
printf 'Source: hatcheck\n\nPackage: hatcheck\nArchitecture: amd64\n' >"$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O -e "$root/usr/bin/hatcheck-window" -e "$root/usr/bin/hatcheck" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$depends" ] || { echo "deb.sh: dpkg-shlibdeps found no dependencies" >&2; exit 1; }

recommends=""
for soname in libXcursor.so.1 libXi.so.6 libXinerama.so.1 libXrandr.so.2 libXxf86vm.so.1; do
	grep -qa "$soname" "$root/usr/bin/hatcheck-window" || continue
	pkg=$(dpkg -S "*/$soname" 2>/dev/null | sed -n '1s/:.*//p')
	[ -n "$pkg" ] || { echo "deb.sh: no installed package has $soname (make dist-deps installs them)" >&2; exit 1; }
	recommends="$recommends${recommends:+, }$pkg"
done
recommends="$recommends${recommends:+, }xdg-utils"

mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: hatcheck
Version: $VERSION
Architecture: amd64
Maintainer: $MAINTAINER
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $depends
Recommends: $recommends
Section: education
Priority: optional
Description: find which social media career fits you
 Which social media hat fits you: social media manager, community manager
 or social media strategist? Hatcheck is a desktop app and command line that
 asks about 15 minutes of questions on your skills, work style, preferences
 and judgement, scores your fit for each track with an honest uncertainty
 band, explains every number by the answers that produced it, and builds a
 30/60/90-day development plan that it saves as a PDF.
 .
 Trainers can run it for a workshop cohort: collect results, print every
 plan at once and write a group report.
 .
 Everything runs offline; answers never leave the computer. Results are for
 exploration, not for hiring decisions.
CONTROL

find "$root" -type d -exec chmod 755 {} +
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "deb.sh: $out"
echo "  Depends: $depends"
echo "  Recommends: $recommends"
