"""diff-match-patch's C++ port gives the pure-Python library's diffs, on real sentence pairs.

compare uses the C++ port (compare/pair/word_diff.py) because it is six times as
fast; that is only allowed if every diff is the same, run for run, with and
without the semantic clean-up the redlines use.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import compare_reports
from compare.pair import redline, shared, word_diff

from .conftest import SAMPLES
from .corpus_files import sources

pytest.importorskip("fast_diff_match_patch")

Recorded = list[tuple[str, str, bool]]


def _recording(seen: Recorded) -> Callable[..., list[tuple[word_diff.Op, int]]]:
    def record(a: str, b: str, semantic: bool = False) -> list[tuple[word_diff.Op, int]]:
        seen.append((a, b, semantic))
        return word_diff.word_diff(a, b, semantic)

    return record


def _report_pairs() -> list[tuple[str, str]]:
    """The samples' pair and two real governments' consecutive years."""
    by_government: dict[str, list[str]] = {}
    for source in sources():
        by_government.setdefault(source.government, []).append(str(source.path))
    pairs = [(str(SAMPLES / "hanbin-2020.txt"), str(SAMPLES / "yingze-2018.txt"))]
    for name in ("保定市顺平县", "河北省"):
        years = sorted(next(v for k, v in by_government.items() if k.startswith(name)))
        pairs.append((years[0], years[1]))
    return pairs


def test_compare_uses_the_cpp_port_when_installed() -> None:
    assert word_diff.word_diff is word_diff.fast_diff


def test_cpp_and_python_diffs_agree_on_every_pair_compare_diffs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: Recorded = []
    monkeypatch.setattr(shared, "word_diff", _recording(seen))
    monkeypatch.setattr(redline, "word_diff", _recording(seen))
    for a, b in _report_pairs():
        compare_reports(a, b)
    distinct = list(dict.fromkeys(seen))
    assert sum(semantic for *_, semantic in distinct) > 100  # redlines
    assert sum(not semantic for *_, semantic in distinct) > 500  # shared phrasing
    differing = [
        (a, b, semantic)
        for a, b, semantic in distinct
        if word_diff.fast_diff(a, b, semantic) != word_diff.python_diff(a, b, semantic)
    ]
    assert differing == []


# Word codes as compare makes them (supplementary private use), with a few
# ordinary characters so common prefixes, suffixes and overlaps are frequent.
_codes = st.text(
    alphabet=st.sampled_from("\U000f0000\U000f0001\U000f0002\U000f0003ab"), max_size=40
)


@settings(max_examples=300, deadline=None)
@given(_codes, _codes, st.booleans())
def test_cpp_and_python_diffs_agree_on_generated_strings(a: str, b: str, semantic: bool) -> None:
    runs = word_diff.fast_diff(a, b, semantic)
    assert runs == word_diff.python_diff(a, b, semantic)
    assert sum(n for op, n in runs if op <= 0) == len(a)
    assert sum(n for op, n in runs if op >= 0) == len(b)
