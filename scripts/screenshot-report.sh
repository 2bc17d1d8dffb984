#!/usr/bin/env bash
# Renders a convscope report with headless Chromium to look at it as a reader would.
# Usage: scripts/screenshot-report.sh REPORT_DIR [OUT.png] [WIDTH] [HEIGHT]
# Needs Debian's chromium (apt-get install -y chromium). Not part of the test run.
set -euo pipefail
dir="$(cd "${1:?usage: $0 REPORT_DIR [OUT.png] [WIDTH] [HEIGHT]}" && pwd)"
out="${2:-$dir/../report-screenshot.png}"
width="${3:-1280}"
height="${4:-4000}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "no chromium found; install it with: apt-get install -y chromium" >&2
  exit 3
fi
[ -f "$dir/index.html" ] || { echo "$dir/index.html: no such file" >&2; exit 1; }
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size="$width,$height" --screenshot="$out" "file://$dir/index.html" >/dev/null 2>&1
echo "screenshot: $out"
