#!/usr/bin/env bash
# Renders images/icon.svg to images/icon.png (128×128) with headless Chromium.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/icon.html" <<HTML
<!doctype html><html><body style="margin:0;background:transparent">
<img src="file://$here/images/icon.svg" width="128" height="128" style="display:block">
</body></html>
HTML
"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
  --window-size=128,128 --screenshot="$here/images/icon.png" "file://$tmp/icon.html" >/dev/null 2>&1
file "$here/images/icon.png"
