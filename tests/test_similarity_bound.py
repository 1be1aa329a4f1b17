"""The bound on many section pairs' similarity: the same cosines and agreements as one
pair at a time, and the same alignment of real reports as scoring every pair."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import load_report
from compare.pair import align as align_module
from compare.pair.align import _Vector, align
from compare.pair.prepared import prepare
from compare.pair.similarity_bound import agreement_matrix, cosine_matrix
from compare.pair.sketch import EMPTY, estimate
from compare.settings import CompareSettings

from .corpus_files import sources

_WEIGHTS = st.dictionaries(
    st.sampled_from(["乡村", "振兴", "产业", "园区", "民生", "教育", "医疗", "交通", "生态"]),
    # TF-IDF weights are at least log(n / (n - 1)); subnormal ones lose the 1e-12 agreement.
    st.one_of(st.just(0.0), st.floats(1e-3, 5.0)),
    max_size=9,
)


def _vector(weights: dict[str, float]) -> _Vector:
    return _Vector(weights, math.sqrt(sum(v * v for v in weights.values())))


@settings(max_examples=200, deadline=None)
@given(st.lists(_WEIGHTS, min_size=1, max_size=6), st.lists(_WEIGHTS, min_size=1, max_size=6))
def test_cosine_matrix_is_each_pairs_cosine(
    left: list[dict[str, float]], right: list[dict[str, float]]
) -> None:
    a, b = [_vector(w) for w in left], [_vector(w) for w in right]
    found = cosine_matrix(a, b)
    expected = np.array([[x.cosine(y) for y in b] for x in a])
    assert found.shape == expected.shape
    assert np.allclose(found, expected, rtol=0, atol=1e-12)


def test_agreement_matrix_bounds_the_estimate() -> None:
    rng = np.random.default_rng(7)
    left = rng.integers(0, 4, size=(5, 128)).astype(np.uint32)
    right = rng.integers(0, 4, size=(3, 128)).astype(np.uint32)
    right[1] = EMPTY  # an empty sketch: the estimate says 0, the agreement may not
    left[2] = EMPTY
    found = agreement_matrix(left, right)
    for i in range(5):
        for j in range(3):
            empty = bool(np.all(left[i] == EMPTY) or np.all(right[j] == EMPTY))
            assert found[i, j] == np.mean(left[i] == right[j])
            if not empty:
                assert found[i, j] == estimate(left[i], right[j])
            else:
                assert estimate(left[i], right[j]) == 0.0
    assert found[2, 1] == 1.0  # both empty: all hash values agree


def _pairs(pa: object, pb: object) -> list[tuple[int, int, int, int, float, float, int]]:
    out = align(pa, pb, CompareSettings())  # type: ignore[arg-type]
    return [
        (
            p.a.start if p.a else -1, p.a.end if p.a else -1,
            p.b.start if p.b else -1, p.b.end if p.b else -1,
            p.similarity, p.jaccard, p.depth,
        )
        for p in out
    ]  # fmt: skip


# Real pairs where sixteen or more leftover topics meet on each side (rare in real reports:
# of the 188 pairs of 河北 2002 or 内蒙古 2026 with another report, only these two; 内蒙古
# 2026 / 保定 2021 was one until 内蒙古's self-building topic was recognised and paired).
_WIDE = [
    ("hebei_province_2002", "li_county_2020"),
    ("hebei_province_2002", "li_county_2022"),
]


@pytest.mark.parametrize(("name_a", "name_b"), _WIDE)
def test_the_bound_leaves_real_alignments_unchanged(
    name_a: str, name_b: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = {source.path.stem: source.path for source in sources()}
    pa, pb = prepare(load_report(str(paths[name_a]))), prepare(load_report(str(paths[name_b])))
    skipped: list[int] = []
    bound = align_module._Scorer.may_reach

    def counting(self: object, left: list, right: list, floor: float) -> object:  # type: ignore[type-arg]
        reach = bound(self, left, right, floor)  # type: ignore[arg-type]
        if reach is not None:
            skipped.append(int((~reach).sum()))
        return reach

    monkeypatch.setattr(align_module._Scorer, "may_reach", counting)
    with_bound = _pairs(pa, pb)
    assert skipped and sum(skipped) > 100  # the bound was used and spared most pairs
    monkeypatch.setattr(align_module, "_BOUND_FROM", 10**9)
    assert _pairs(pa, pb) == with_bound
