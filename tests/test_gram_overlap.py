"""Gram overlaps of every unit pair by one sparse product equal a count per cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.pair.gram_overlap import GramIds, gram_overlap
from compare.read.units import Unit

_UNITS = st.lists(st.text(alphabet="甲乙丙丁戊己", max_size=12), max_size=8)


def _bigrams(text: str) -> list[str]:
    return list(dict.fromkeys(text[i : i + 2] for i in range(len(text) - 1)))


def _units(texts: list[str]) -> tuple[str, list[Unit]]:
    """The texts end to end, each one unit."""
    units, at = [], 0
    for t in texts:
        units.append(Unit(at, at + len(t)))
        at += len(t)
    return "".join(texts), units


@settings(max_examples=300, deadline=None)
@given(_UNITS, _UNITS)
def test_the_product_counts_what_each_cell_shares(left: list[str], right: list[str]) -> None:
    (text_a, units_a), (text_b, units_b) = _units(left), _units(right)
    grams = GramIds(_bigrams, text_a, text_b)
    ids_a = [grams.of(0, u) for u in units_a]
    ids_b = [grams.of(1, u) for u in units_b]
    i, j, count = gram_overlap(ids_a, ids_b, grams.size)
    expected = [
        (x, y, len(set(_bigrams(a)) & set(_bigrams(b))))
        for x, a in enumerate(left)
        for y, b in enumerate(right)
        if set(_bigrams(a)) & set(_bigrams(b))
    ]
    assert list(zip(i.tolist(), j.tolist(), count.tolist(), strict=True)) == expected


def test_a_unit_is_cut_once_and_the_sides_are_kept_apart() -> None:
    cut: list[str] = []

    def counted(text: str) -> list[str]:
        cut.append(text)
        return _bigrams(text)

    grams = GramIds(counted, "甲乙丙丁", "丙丁戊己")
    unit = Unit(0, 4)
    first = grams.of(0, unit)
    assert grams.of(0, unit) is first  # a nested section pair asks again
    other = grams.of(1, unit)  # the same offsets in the other report
    assert cut == ["甲乙丙丁", "丙丁戊己"]
    assert first.tolist() == [0, 1, 2] and other.tolist() == [2, 3, 4]
    assert grams.size == 5
