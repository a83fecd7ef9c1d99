#!/usr/bin/env bash
# Browser tests drive Debian's chromium; install it when absent and we may, else say what to do.
# Leaflets: WeasyPrint needs pango and the Liberation fonts; the leaflet tests render pages
# with poppler's pdftoppm and read the QR codes with zbar's zbarimg.
set -euo pipefail
PACKAGES="chromium fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 poppler-utils zbar-tools"
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
else
  for cmd in chromium pdftoppm zbarimg; do command -v "$cmd" >/dev/null 2>&1 || missing="$missing $cmd"; done
fi
if [ -z "$missing" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ontbreekt:$missing — installeren met apt-get (Debian-pakketten)..."
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "ontbreekt:$missing. Installeer de Debian-pakketten: sudo apt-get install$missing" >&2
  exit 1
fi
