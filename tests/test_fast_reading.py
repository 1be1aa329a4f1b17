"""The vectorised reading stage gives exactly what the per-character loops gave."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.read.chars import (
    code_points,
    content_length,
    letters,
    letters_and_mask_of,
    space_mask,
)
from compare.read.decoding import decode
from compare.read.gazetteer import _stem_candidates, _stems_of_level
from compare.read.line_kinds import han_at_least, han_count
from compare.read.metadata import self_references
from compare.read.normalise import (
    compact_view,
    fold_char,
    fold_codes,
    line_view,
    to_simplified,
)
from compare.read.units import CLAUSE_ENDS, SENTENCE_ENDS, split_units

from . import reference_loops as ref
from .conftest import SAMPLES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _real_texts() -> list[str]:
    paths = sorted(SAMPLES.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    return [decode(p.read_bytes(), str(p))[0] for p in paths]


def test_letters_agree_with_the_loop_on_every_code_point() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    expected = ref.letters(every)
    assert letters(every) == expected
    assert content_length(every) == len(expected)
    flat, mask = letters_and_mask_of(code_points(every))
    assert flat == expected
    assert "".join(ch for ch, kept in zip(every, mask.tolist(), strict=True) if kept) == expected


def test_every_code_point_folds_as_fold_char_folds_it() -> None:
    """Alone, and as the neighbour of a comma and a colon between it and a digit."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert fold_codes(every).tolist() == [ord(fold_char(every, i)) for i in range(len(every))]
    around = "".join(f"{ch},1:{ch}" for ch in "".join(_ALPHABET_CHARS) + "\u0660\uff10")
    assert fold_codes(around).tolist() == [ord(fold_char(around, i)) for i in range(len(around))]


def test_no_code_point_above_the_units_table_is_whitespace() -> None:
    # chars.space_mask looks whitespace up in a table that ends at U+3000
    assert [c for c in range(0x3001, sys.maxunicode + 1) if chr(c).isspace()] == []


def test_real_reports_read_as_the_loops_read_them() -> None:
    texts = _real_texts()
    assert len(texts) >= 5
    for original in texts:
        view = line_view(original)
        text, starts, ends = ref.line_view(original, to_simplified(original))
        assert view.text == text
        assert list(view.starts) == starts and list(view.ends) == ends
        compact = compact_view(view)
        keep = ref.compact_keep(view.text)
        assert compact.text == "".join(view.text[i] for i in keep)
        assert list(compact.starts) == [view.starts[i] for i in keep]
        for ends_set in (SENTENCE_ENDS, CLAUSE_ENDS):
            got = split_units(compact.text, 0, len(compact.text), ends_set)
            assert got == ref.split_units(compact.text, 0, len(compact.text), ends_set)


# Text made of the characters the reading stage treats specially.
_ALPHABET_CHARS = list(
    "各位代表，,:：;；!?！？。()（）「」『』１２３ＡＢａｂ12ab 　\t\n\r\x85\u2028一二十、.%中國發展²①"
    "\U0001d7d9\U000104a0\U00020000"  # digits and a letter beyond the BMP
)
_ALPHABET = st.sampled_from(_ALPHABET_CHARS)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_generated_text_reads_as_the_loops_read_it(original: str) -> None:
    view = line_view(original)
    text, starts, ends = ref.line_view(original, to_simplified(original))
    assert (view.text, list(view.starts), list(view.ends)) == (text, starts, ends)
    keep = ref.compact_keep(view.text)
    assert compact_view(view).text == "".join(view.text[i] for i in keep)
    for lo, hi in ((0, len(view.text)), (len(view.text) // 3, 2 * len(view.text) // 3)):
        for ends_set in (SENTENCE_ENDS, CLAUSE_ENDS):
            assert split_units(view.text, lo, hi, ends_set) == ref.split_units(
                view.text, lo, hi, ends_set
            )


@pytest.mark.parametrize("text", ["", " ", "\n\n", "a", "1,000:2", ",1:", "x ,\n,y"])
def test_edge_cases_read_as_the_loops_read_them(text: str) -> None:
    view = line_view(text)
    assert (view.text, list(view.starts), list(view.ends)) == ref.line_view(
        text, to_simplified(text)
    )


def test_whitespace_is_looked_up_as_the_expression_finds_it() -> None:
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    expected = [bool(re.match(r"\s", ch)) for ch in every]
    assert space_mask(code_points(every)).tolist() == expected


_HAN_ALPHABET = st.sampled_from(list("我国發展㐀䶿一鿿 a1，。\n\U00020000"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_HAN_ALPHABET, max_size=40).map("".join), st.integers(1, 6))
def test_han_characters_are_counted_as_the_loop_counts_them(text: str, count: int) -> None:
    assert han_count(text) == ref.han_count(text)
    assert han_at_least(text, count) == (ref.han_count(text) >= count)


def test_stems_are_found_as_a_window_by_window_search_finds_them() -> None:
    """On real reports and on text packed with stems, prefixes of stems and stems
    running into each other, at every level."""
    texts = _real_texts()[:40]
    for level in ("province", "city", "county", "district"):
        stems = _stems_of_level(level)
        longest = max(map(len, stems))
        packed = "".join(sorted(stems)[::7]) + "".join(s[:-1] + "县" for s in sorted(stems)[::5])
        ends = [max(stems, key=len), "一" + min(stems)]  # a stem ends the text
        for text in [*texts, packed, packed[1:], *ends, "", "保"]:
            found = [(p, n) for p, n in _stem_candidates(text, level) if text[p : p + n] in stems]
            assert sorted(found) == ref.stems_in(text, stems, longest)


_SELF_ALPHABET = st.sampled_from(list("全我本省市县区自治x"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SELF_ALPHABET, max_size=60).map("".join))
def test_self_references_are_counted_as_the_expression_counts_them(body: str) -> None:
    assert self_references(body) == ref.self_references(body)


def test_real_reports_refer_to_themselves_as_the_expression_counts() -> None:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the checkout")
    counted = [self_references(text) for text in _real_texts()]
    assert counted == [ref.self_references(text) for text in _real_texts()]
    assert sum(1 for counts in counted if counts) > 50


def test_han_and_latin_counts_agree_with_the_loop_on_every_code_point() -> None:
    """The warning's vectorised counts: Han as is_han says, Latin letters half- and
    full-width, over every code point of the Basic Multilingual Plane (surrogates aside)."""
    from compare.read.chars import code_points, han_count_of, is_han, latin_count_of

    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF)
    latin = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    latin += "".join(chr(ord(c) - 0x21 + 0xFF01) for c in latin)  # full-width forms
    codes = code_points(every)
    assert han_count_of(codes) == sum(1 for ch in every if is_han(ch))
    assert latin_count_of(codes) == sum(1 for ch in every if ch in latin) == 104
