"""compare gives the same figures whichever report comes first.

A journalist checking whether a county copied a neighbour gets one answer for
the pair: the summary figures and every section pair's shared ratios are equal
with the two reports swapped. Measured on real pairs of the development corpus
(a province and a county under it, consecutive years, two layouts, two
provinces) and on two samples.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compare import Comparison, compare_reports, load_report

from .conftest import sample_path
from .corpus_files import CORPUS

REAL_PAIRS = [
    ("hebei_province_2022", "laishui_county_2022"),  # 10.8% / 11.4% of Hebei by order, before
    ("shunping_county_2023", "shunping_county_2024"),
    ("baoding_city_2014", "baoding_city_2021"),  # topics at two levels
    ("jiangsu_province_2026", "zhejiang_province_2026"),
    ("li_county_2022", "li_county_2020"),  # a topic paired across levels, two levels down
]


def _figures(comparison: Comparison, first: int) -> tuple[object, ...]:
    """The pair's figures with the report at ``first`` (0 or 1) as A."""
    sides = (first, 1 - first)
    return (
        comparison.jaccard,
        tuple(comparison.reuse[s] for s in sides),
        tuple(comparison.shared_ratio(s) for s in sides),
        tuple(comparison.near_duplicate_ratio(s) for s in sides),
        len(comparison.shared),
    )


def _sections(comparison: Comparison, first: int) -> list[tuple[object, ...]]:
    """Each section pair as (A's start, B's start, similarity, A's and B's shared ratios)."""
    out = []
    for pair in comparison.to_json()["sections"]:  # type: ignore[union-attr]
        starts = [(pair["a"] or {}).get("start"), (pair["b"] or {}).get("start")]
        ratios = pair.get("shared_ratio") or [None, None]
        if first:
            starts, ratios = starts[::-1], ratios[::-1]
        out.append((*starts, pair["similarity"], *ratios))
    return sorted(out, key=repr)


def _both_ways(a: Path, b: Path) -> None:
    one, two = load_report(str(a)), load_report(str(b))
    forward, backward = compare_reports(one, two), compare_reports(two, one)
    assert _figures(forward, 0) == _figures(backward, 1)
    assert _sections(forward, 0) == _sections(backward, 1)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
@pytest.mark.parametrize("a,b", REAL_PAIRS)
def test_real_pairs_give_one_answer_both_ways(a: str, b: str) -> None:
    _both_ways(CORPUS / f"{a}.txt", CORPUS / f"{b}.txt")


def test_samples_give_one_answer_both_ways() -> None:
    _both_ways(sample_path("hanbin-2020"), sample_path("yingze-2018"))
