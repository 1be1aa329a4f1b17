#!/usr/bin/env bash
# Regenerate the README's screenshots, as headless Chromium shows the pages at
# 1400 px wide (needs Debian's chromium and fonts-noto-cjk):
# - docs/compare.png: two sample reports side by side, the first 1,300 px (the
#   verdict, the section map, the filters and the first rows of counterparts);
# - docs/audit.png: the audit of the development corpus (../shared/corpus), the
#   first 900 px (where each report's wording came from).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
shoot() {  # shoot PAGE PNG HEIGHT
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$out/profile" \
    --hide-scrollbars --window-size="1400,$3" --screenshot="$2" "file://$1" 2>/dev/null
  echo "wrote $2"
}
reportdiff compare samples/luojiang-2024.txt samples/jinan-2020.txt --html "$out/report.html" >/dev/null
shoot "$out/report.html" docs/compare.png 1300
if [ -d ../shared/corpus ]; then
  reportdiff audit ../shared/corpus --html "$out/audit.html" --jobs 2 >/dev/null
  shoot "$out/audit.html" docs/audit.png 900
fi
