"""Measuring pairs with a bound on reuse: never a pair dropped that reaches the share,
and exactly the reuse of one pair at a time for every pair measured, on real reports
(the samples and three governments over many years)."""

from __future__ import annotations

import itertools

import pytest

from compare.corpus import audit
from compare.corpus.audit import _Auditor
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
    reuse, may = auditor.measure_pairs(every, required, share)
    reaching = [(a, b) for a, b in every if max(exact[(a, b)], exact[(b, a)]) >= share]
    assert may == sorted(set(may))
    assert set(reaching) <= set(may)
    for a, b in required | set(may):
        assert reuse[(a, b)] == exact[(a, b)] and reuse[(b, a)] == exact[(b, a)]
    assert (reuse, may) == auditor.measure_pairs(every[::-1], required, share, jobs=2)
    if share == 0.0:
        assert may == every
    if share >= 0.1:  # most pairs of these reports share a few percent: they are spared
        assert len(may) <= 2 * max(len(reaching), 1) and len(may) < len(every) / 10
        assert (len(reuse) < len(every)) == (few == 0)  # the bound spares measuring
    if few:
        assert may == reaching
    if 0 < share <= 0.3:  # a government's consecutive years share that much
        assert 0 < len(reaching) < len(every)
