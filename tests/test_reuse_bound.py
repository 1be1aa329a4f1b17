"""Measuring pairs with a bound on reuse: never a pair dropped that reaches the share,
and exactly the reuse of one pair at a time for every pair measured, on real reports
(the samples and three governments over many years)."""

from __future__ import annotations

import itertools
import random

import pytest

from compare.corpus import audit
from compare.corpus.audit import _Auditor, _partners_of_codes, pair_codes
from compare.corpus.run import AuditRun


@pytest.fixture(scope="module")
def auditor(three_governments: AuditRun) -> _Auditor:
    return _Auditor(three_governments.corpus)


@pytest.fixture(scope="module")
def exact(auditor: _Auditor) -> dict[tuple[int, int], float]:
    """Reuse both ways of every pair of reports, measured exactly."""
    return auditor.reuse_of_pairs(list(itertools.combinations(range(auditor.n), 2)))


@pytest.mark.parametrize("few", [0, 10**6], ids=["bounded", "all-exact"])
@pytest.mark.parametrize("share", [0.0, 0.02, 0.1, 0.2, 0.3, 0.5])
def test_measured_pairs_are_all_that_reach_the_share_and_the_required(
    auditor: _Auditor,
    exact: dict[tuple[int, int], float],
    share: float,
    few: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each report's partners bounded first, or (few partners) all measured exactly."""
    monkeypatch.setattr(audit, "FEW_PARTNERS", few)
    every = list(itertools.combinations(range(auditor.n), 2))
    year_over_year = {
        (min(d, p), max(d, p))
        for d in range(auditor.n)
        if (p := auditor.lineage.previous_own(d)) is not None
    }
    required = year_over_year | set(every[::7])
    reuse, may = auditor.measure_pairs(pair_codes(every, auditor.n), required, share)
    reaching = [(a, b) for a, b in every if max(exact[(a, b)], exact[(b, a)]) >= share]
    assert may == sorted(set(may))
    assert set(reaching) <= set(may)
    for a, b in required | set(may):
        assert reuse[(a, b)] == exact[(a, b)] and reuse[(b, a)] == exact[(b, a)]
    backwards = pair_codes(every[::-1], auditor.n)
    assert (reuse, may) == auditor.measure_pairs(backwards, required, share, jobs=2)
    if share == 0.0:
        assert may == every
    if share >= 0.1:  # most pairs of these reports share a few percent: they are spared
        assert len(may) <= 2 * max(len(reaching), 1) and len(may) < len(every) / 10
        assert (len(reuse) < len(every)) == (few == 0)  # the bound spares measuring
    if few:
        assert may == reaching
    if 0 < share <= 0.3:  # a government's consecutive years share that much
        assert 0 < len(reaching) < len(every)


@pytest.mark.parametrize("seed", range(5))
def test_partners_of_pair_codes_are_each_reports_partners_ascending(seed: int) -> None:
    """Every report of the pairs once, ascending, with its partners ascending and
    whether each pair is required (proposed pairs in any order, repeats and all)."""
    rng = random.Random(seed)
    n = 40
    pairs = [tuple(sorted(rng.sample(range(n), 2))) for _ in range(rng.randint(0, 120))]
    required = {tuple(sorted(rng.sample(range(n), 2))) for _ in range(rng.randint(0, 30))}
    proposed = pair_codes([p for p in pairs for _ in range(rng.randint(1, 2))], n)
    rng.shuffle(proposed)
    expected: dict[int, set[int]] = {}
    for a, b in set(pairs) | required:
        expected.setdefault(a, set()).add(b)
        expected.setdefault(b, set()).add(a)
    found = _partners_of_codes(proposed, pair_codes(sorted(required), n), n)
    assert [d for d, _, _ in found] == sorted(expected)
    for d, others, must in found:
        assert others == sorted(expected[d])
        assert must == [(min(d, b), max(d, b)) in required for b in others]


@pytest.mark.parametrize("n", [0, 1, 2])
def test_no_pairs_have_no_partners(n: int) -> None:
    assert _partners_of_codes(pair_codes([], n), pair_codes([], n), n) == []
