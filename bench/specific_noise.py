"""Noise in the district-specific marks of the five samples, with and without the stop lists.

    python bench/specific_noise.py [--corpus]

Each sample's body is marked as a whole (no shared text taken out). A mark is
noise when ``bench/specific_noise_labels.json`` lists it (ordinary words
labelled by hand on the samples' marks before the stop lists existed), or, for
figures, when it only numbers something (a footnote marker ``（1）``, a list
number at a line start, the ``20`` of a ``20xx`` placeholder). Shared runs
that are only figures and units (``万平方米``) are counted over the ten sample
pairs. The baseline is the marking before the stop lists: only the old list
of generic places, numbers and abbreviations allowed in names, no markers
rule, unit-only runs kept. ``--corpus`` also counts marks over the corpus.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

from compare import load_report
from compare.model import Document
from compare.pair.align import align
from compare.pair.prepared import Prepared, prepare
from compare.pair.shared import find_shared
from compare.pair.specific import StopLists, find_specific, is_measure
from compare.settings import CompareSettings

HERE = Path(__file__).resolve().parent
SAMPLES = sorted((HERE.parent / "samples").glob("*.txt"))
CORPUS = HERE.parents[1] / "shared" / "corpus"
# The stop list before this bench: generic place words only.
OLD_GENERIC = frozenset(
    "城市 城镇 城乡 农村 乡村 全国 中国 全省 全市 全区 全县 新建 东路 西路 南路 北路 城区 市区 "
    "社区 乡镇 街道 基层 地方 国家 中央 省市 县城 集镇 中心 东部 西部 南部 北部 沿线 两岸 "
    "国内 境内 海外 小区 边境 湖区 山区 园区".split()
)
BASELINE = StopLists(
    names=OLD_GENERIC,
    organisations=frozenset(),
    name_tags=frozenset({"ns", "nz", "nt", "nr", "new", "m", "nrt", "j"}),
    markers=False,
    kinds_of_place=frozenset(),
)
NOW = StopLists()


def is_marker(text: str, start: int, end: int) -> bool:
    """The noise rule for figures, written apart from the library's."""
    number = text[start:end]
    before, after = text[start - 1 : start], text[end : end + 1]
    if number.isdigit() and before in ("（", "(", "[", "〔") and after in ("）", ")", "]", "〕"):
        return True
    return (number.isdigit() and before == "\n" and after in ("、", ".", "．")) or after in "xX"


def count(prepared: list[Prepared], stop: StopLists, labels: dict[str, set[str]]) -> Counter[str]:
    out: Counter[str] = Counter()
    for p in prepared:
        for s in find_specific(p, [], stop):
            out[s.kind] += 1
            noisy = (
                is_marker(p.text, s.start, s.end)
                if s.kind == "figure"
                else p.text[s.start : s.end] in labels[s.kind]
            )
            out[f"noise {s.kind}"] += noisy
    return out


def unit_runs(docs: list[Document]) -> tuple[int, int]:
    """Shared runs over the sample pairs, and how many are figures and units only."""
    settings = CompareSettings()
    runs = measures = 0
    for a, b in combinations(docs, 2):
        pa, pb = prepare(a), prepare(b)
        for run in find_shared(pa, pb, align(pa, pb, settings), settings):
            runs += 1
            measures += is_measure(run.text)
    return runs, measures


def table(title: str, before: Counter[str], after: Counter[str]) -> None:
    print(f"\n{title}")
    print(
        f"{'kind':14s} {'marks before':>12s} {'noise before':>12s} {'marks now':>10s} {'noise now':>10s}"
    )
    for kind in ("place", "organisation", "project", "figure"):
        print(
            f"{kind:14s} {before[kind]:12d} {before['noise ' + kind]:12d} "
            f"{after[kind]:10d} {after['noise ' + kind]:10d}"
        )
    nb = sum(v for k, v in before.items() if k.startswith("noise"))
    na = sum(v for k, v in after.items() if k.startswith("noise"))
    tb = sum(v for k, v in before.items() if not k.startswith("noise"))
    ta = sum(v for k, v in after.items() if not k.startswith("noise"))
    print(f"{'all':14s} {tb:12d} {nb:12d} {ta:10d} {na:10d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", action="store_true", help="count marks over the corpus too")
    args = parser.parse_args()
    raw = json.loads((HERE / "specific_noise_labels.json").read_text(encoding="utf-8"))
    labels = {k: set(raw.get(k, [])) for k in ("place", "organisation", "project")}
    docs = [load_report(str(p)) for p in SAMPLES]
    prepared = [prepare(d) for d in docs]
    table(
        "Five samples, marks (labelled noise)",
        count(prepared, BASELINE, labels),
        count(prepared, NOW, labels),
    )
    runs, measures = unit_runs(docs)
    print(
        f"\nShared runs over the 10 sample pairs: {runs}, of which figures and units only: "
        f"{measures} (kept before, dropped now)"
    )
    if args.corpus and CORPUS.is_dir():
        corpus = [prepare(load_report(str(p))) for p in sorted(CORPUS.glob("*.txt"))]
        table(
            f"Corpus, {len(corpus)} reports (noise: the samples' labels only)",
            count(corpus, BASELINE, labels),
            count(corpus, NOW, labels),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
