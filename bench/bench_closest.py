"""Is each report's closest other report its own government's? Audit against a naive baseline.

    python bench/bench_closest.py [--corpus ../shared/corpus]

For every report of the corpus that has a report of another year by the same
government (by SOURCES.tsv), the share whose closest report is one of its own
government's, found two ways side by side:

- naive: the report sharing the most distinct 8-character strings of the body
  (letters only), a brute-force nearest neighbour over all pairs;
- audit: ``closest`` of ``reportdiff audit`` (the library call).

Also prints how many consecutive-year pairs of one government the audit
reports in its timeline. Issue 11's target: audit >= 95%.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
from collections import defaultdict
from pathlib import Path

from compare import AuditSettings, audit_reports, load_report
from compare.read.chars import letters

ROOT = Path(__file__).resolve().parent.parent
GRAM = 8


def _sources(corpus: Path) -> dict[str, str]:
    """File path -> government, as the file names of SOURCES.tsv give it (``xushui_district``
    for every year: SOURCES spells the government differently across the 2015 renaming)."""
    with (corpus / "SOURCES.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return {str(corpus / r["file"]): re.sub(r"_\d{4}\.txt$", "", r["file"]) for r in rows}


def naive_closest(paths: list[str]) -> dict[str, str]:
    """Nearest neighbour by the number of distinct shared 8-character strings."""
    grams = {}
    for path in paths:
        doc = load_report(path)
        core = letters(doc.body_text)
        grams[path] = {core[i : i + GRAM] for i in range(len(core) - GRAM + 1)}
    closest = {}
    for a in paths:
        scores = [(len(grams[a] & grams[b]), b) for b in paths if b != a]
        closest[a] = max(scores, key=lambda s: (s[0], s[1]))[1]
    return closest


def share_own(closest: dict[str, str | None], government: dict[str, str]) -> tuple[int, int]:
    """(reports whose closest is their own government's, reports that have another year)."""
    count: dict[str, int] = defaultdict(int)
    for g in government.values():
        count[g] += 1
    eligible = [p for p in closest if count[government[p]] > 1]
    own = [
        p for p in eligible if closest[p] is not None and government[closest[p]] == government[p]
    ]
    return len(own), len(eligible)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    args = parser.parse_args()
    government = _sources(args.corpus)
    paths = sorted(government)
    start = time.perf_counter()
    naive = naive_closest(paths)
    naive_s = time.perf_counter() - start
    start = time.perf_counter()
    data = audit_reports(paths, AuditSettings()).result.to_json()
    audit_s = time.perf_counter() - start
    audit = {d["path"]: (d["closest"] or {}).get("path") for d in data["documents"]}  # type: ignore[index]
    print(f"{len(paths)} reports of {len(set(government.values()))} governments")
    print(f"{'method':8s} {'own government closest':>24s} {'seconds':>8s}")
    for name, found, seconds in (("naive", naive, naive_s), ("audit", audit, audit_s)):
        own, eligible = share_own(found, government)
        print(f"{name:8s} {own:>10d} of {eligible:<4d} {own / eligible:6.1%} {seconds:8.1f}")


if __name__ == "__main__":
    main()
