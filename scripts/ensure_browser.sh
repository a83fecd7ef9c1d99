#!/usr/bin/env bash
# Browser tests drive Debian's chromium; install it when absent and we may, else say what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium ontbreekt: installeren met apt-get (Debian-pakket)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
else
  echo "chromium ontbreekt. Installeer Debian's chromium: sudo apt-get install chromium" >&2
  exit 1
fi
