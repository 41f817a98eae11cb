#!/usr/bin/env bash
# Install the Debian packages the project needs, only those missing; safe to rerun.
# Run as root (or with sudo available); otherwise it lists what to install and continues.
set -euo pipefail
packages=(
  fonts-noto-core fonts-noto-cjk     # Noto Serif/Sans, Naskh Arabic, CJK SC: every script of the six editions
  poppler-utils                      # pdftotext, pdffonts, pdftoppm: reading PDFs back in tests
  libreoffice-writer-nogui           # soffice --headless: opening DOCX as a word processor would
  gettext                            # msgfmt -c --statistics: checking catalogues
  python3-uno                        # LibreOffice's UNO bridge (system Python): real editing tests of absorb
  pandoc                             # a second DOCX reader (tracked changes, comments) in the absorb tests
  libgs-common                       # Ghostscript's CMYK ICC profile: the output intent of the --print PDF/X-4
  libpango-1.0-0 libpangoft2-1.0-0   # WeasyPrint's text layout
  libharfbuzz-subset0                # WeasyPrint font subsetting through HarfBuzz (zh PDF: 19 s -> 2 s)
  libicu-dev pkg-config g++          # building PyICU when no wheel fits
  python3-venv python3-dev
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  apt_get() { DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
elif command -v sudo >/dev/null 2>&1; then
  apt_get() { sudo DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
else
  echo "setup: missing Debian packages (install them as root): ${missing[*]}" >&2
  exit 0
fi
echo "setup: installing ${missing[*]}"
apt_get update -qq
apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
