#!/usr/bin/env bash
# Regenerate docs/compare.png: a real comparison of two sample reports, as
# headless Chromium shows it (needs Debian's chromium and fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
reportdiff compare samples/luojiang-2024.txt samples/jinan-2020.txt --html "$out/report.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$out/profile" \
  --hide-scrollbars --window-size=1280,2000 --screenshot=docs/compare.png "file://$out/report.html" 2>/dev/null
echo "wrote docs/compare.png"
