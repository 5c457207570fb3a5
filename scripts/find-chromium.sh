#!/usr/bin/env bash
# Prints the path of a Chromium for Playwright, installing one if needed:
#   $CHROMIUM if set and executable, else /usr/bin/chromium, else (as root) Debian's chromium via apt-get,
#   else Playwright's own download (works on machines with general internet access).
# As root it also installs Noto fonts so screenshots show CJK, Arabic and flag glyphs, not boxes.
set -euo pipefail
venv_playwright="${1:-.venv/bin/playwright}"
if [ -n "${CHROMIUM:-}" ] && [ -x "${CHROMIUM}" ]; then echo "$CHROMIUM"; exit 0; fi
need_fonts=0
if command -v fc-list >/dev/null 2>&1; then fc-list | grep -qi "Noto Sans CJK" || need_fonts=1; else need_fonts=1; fi
if [ -x /usr/bin/chromium ] && [ "$need_fonts" = 0 ]; then echo /usr/bin/chromium; exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  pkgs="fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji"
  [ -x /usr/bin/chromium ] || pkgs="chromium $pkgs"
  echo "installing $pkgs with apt-get" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs) >&2
  [ -x /usr/bin/chromium ] && { echo /usr/bin/chromium; exit 0; }
fi
if [ -x /usr/bin/chromium ]; then echo /usr/bin/chromium; exit 0; fi
echo "no system Chromium; trying 'playwright install chromium'" >&2
"$venv_playwright" install chromium >&2
echo ""   # empty: Playwright uses its own browser
