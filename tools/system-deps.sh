#!/usr/bin/env bash
# Install the Debian packages the tests and the PDF need, when they are missing.
# Idempotent and quiet when everything is present; uses sudo only when not root.
set -euo pipefail

# fonts-noto-core carries Noto Nastaliq Urdu (the PDF's Urdu) as well as the Latin, Arabic and
# Devanagari faces; epubcheck (with a Java runtime) validates `make epub`; librsvg2-bin's
# rsvg-convert turns the locator maps into PDF (`make maps`); texlive-lang-european carries the
# Dutch hyphenation patterns of the Dutch PDF.
packages=(
  texlive-luatex texlive-latex-recommended texlive-latex-extra latexmk texlive-lang-european
  fonts-noto-core fonts-noto-cjk fonts-noto-mono poppler-utils chromium time biber
  epubcheck librsvg2-bin
)
# npm installs axe-core for the browser tests; keep a Node that is already on PATH (NodeSource's
# nodejs conflicts with Debian's npm package).
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for pkg in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "system-deps: missing Debian packages (${missing[*]}) and no apt-get here; install them by hand" >&2
  exit 2
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "system-deps: installing ${missing[*]} (a few minutes on a fresh machine)"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "system-deps: done"
