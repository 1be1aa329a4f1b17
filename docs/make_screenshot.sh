#!/usr/bin/env bash
# Regenerate docs/compare.png: a real comparison of two sample reports, as
# headless Chromium shows it at 1400 px wide (needs Debian's chromium and
# fonts-noto-cjk). The first 1,300 px: the verdict, the section map, the
# filters and the first rows of counterparts.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
reportdiff compare samples/luojiang-2024.txt samples/jinan-2020.txt --html "$out/report.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$out/profile" \
  --hide-scrollbars --window-size=1400,1300 --screenshot=docs/compare.png "file://$out/report.html" 2>/dev/null
echo "wrote docs/compare.png"
