#!/usr/bin/env bash
# Debian packages the project needs, installed when absent and we may (root + apt-get), else
# a clear message saying what to install. Usage: ensure_system_packages.sh site|test
#   site: WeasyPrint (leaflets, built with the site) needs pango and the fonts.
#   test: also Debian's chromium and firefox-esr for the browser tests (never a downloaded
#         browser; openssl makes the throwaway certificate of the Firefox tests' exit stub),
#         poppler's pdftoppm and zbar's zbarimg for the leaflet tests, nginx to run deploy/nginx.conf.
set -euo pipefail
SITE="fonts-dejavu-core fonts-liberation libpango-1.0-0 libpangoft2-1.0-0"
TEST="$SITE chromium firefox-esr openssl poppler-utils zbar-tools nginx-light"
case "${1:-test}" in
  site) PACKAGES="$SITE" ;;
  test) PACKAGES="$TEST" ;;
  *) echo "gebruik: $0 site|test" >&2; exit 2 ;;
esac
missing=""
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
else
  for cmd in chromium firefox-esr openssl pdftoppm zbarimg; do command -v "$cmd" >/dev/null 2>&1 || missing="$missing $cmd"; done
fi
if [ -z "$missing" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ontbreekt:$missing — installeren met apt-get (Debian-pakketten)..."
  apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "ontbreekt:$missing. Installeer de Debian-pakketten: sudo apt-get install$missing" >&2
  exit 1
fi
