"""Texts packed as UTF-8 with byte ends come back as they went, and order as strings do."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.read.chars import code_points
from compare.read.load import load_report
from compare.read.packed import NO_TEXTS, pack_spans, pack_texts, unpack_texts
from compare.read.units import CLAUSE_ENDS, unit_bounds

from .conftest import SAMPLES

# Han, ASCII, a 2-byte letter, fullwidth punctuation and a 4-byte character (CJK Ext. B)
_TEXTS = st.lists(st.text(alphabet="政府工作报告a1%é，。\U00020000", max_size=12), max_size=30)


@given(_TEXTS)
@settings(max_examples=200, deadline=None)
def test_packed_texts_unpack_to_themselves_and_order_as_strings(texts: list[str]) -> None:
    data, ends = pack_texts(texts)
    assert unpack_texts((data, ends)) == texts
    assert len(data) == len("".join(texts).encode()) == (int(ends[-1]) if texts else 0)
    as_bytes = [t.encode() for t in texts]
    assert [b.decode() for b in sorted(as_bytes)] == sorted(texts)  # what interning relies on


def test_no_texts_pack_to_nothing() -> None:
    assert pack_texts([]) is NO_TEXTS and unpack_texts(NO_TEXTS) == []


def test_spans_of_a_real_report_pack_as_their_slices() -> None:
    """The clauses of each sample report, packed from the body's code points, are the
    slices of the body packed one by one."""
    for path in sorted(SAMPLES.glob("*.txt")):
        doc = load_report(str(path))
        body = doc.norm.text[doc.body_start : doc.body_end]
        starts, stops = unit_bounds(body, 0, len(body), CLAUSE_ENDS)
        assert len(starts) > 100
        slices = [body[a:b] for a, b in zip(starts.tolist(), stops.tolist(), strict=True)]
        data, ends = pack_spans(body, code_points(body), starts, stops)
        expected_data, expected_ends = pack_texts(slices)
        assert data == expected_data and np.array_equal(ends, expected_ends)
        assert unpack_texts((data, ends)) == slices
