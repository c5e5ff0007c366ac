#!/bin/sh
# Rebuilds the embedded fonts: DejaVu Sans 2.37 (Debian's fonts-dejavu-core),
# cut down to Latin, Greek, Cyrillic, punctuation and a few symbols so that
# the binary stays small and gofpdf parses them quickly. Needs pyftsubset
# (Debian package fonttools). The licence (LICENSE-DejaVu.txt) allows
# modified copies; the names contain neither "Bitstream" nor "Vera".
set -eu
cd "$(dirname "$0")"
UNICODES="U+0020-007E,U+00A0-024F,U+0259,U+02B0-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+0500-052F,U+1E00-1EFF,U+2000-206F,U+20A0-20BF,U+2100-214F,U+2190-21FF,U+2200-22FF,U+2500-257F,U+25A0-25FF,U+2610-2612,U+2713-2714,U+FFFD"
for f in DejaVuSans DejaVuSans-Bold; do
	pyftsubset "/usr/share/fonts/truetype/dejavu/$f.ttf" --unicodes="$UNICODES" \
		--output-file="$f.ttf" --no-hinting --drop-tables+=GSUB,GPOS,GDEF,kern
done
