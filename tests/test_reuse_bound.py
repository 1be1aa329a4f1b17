"""The bound that spares measuring most proposed pairs never drops a pair that reaches
the share, on real reports (the samples and three governments over many years)."""

from __future__ import annotations

import itertools

import pytest

from compare.corpus.audit import _Auditor
from compare.corpus.run import AuditRun


@pytest.fixture(scope="module")
def auditor(three_governments: AuditRun) -> _Auditor:
    return _Auditor(three_governments.corpus)


@pytest.fixture(scope="module")
def exact(auditor: _Auditor) -> dict[tuple[int, int], float]:
    """Reuse both ways of every pair of reports, measured exactly."""
    return auditor.reuse_of_pairs(list(itertools.combinations(range(auditor.n), 2)))


@pytest.mark.parametrize("share", [0.0, 0.02, 0.1, 0.2, 0.3, 0.5])
def test_every_pair_reaching_the_share_may_reach_it(
    auditor: _Auditor, exact: dict[tuple[int, int], float], share: float
) -> None:
    every = list(itertools.combinations(range(auditor.n), 2))
    reaching = [(a, b) for a, b in every if max(exact[(a, b)], exact[(b, a)]) >= share]
    may = auditor.pairs_that_may_reach(every, share)
    assert may == sorted(may) and len(set(may)) == len(may)
    assert set(reaching) <= set(may)
    assert may == auditor.pairs_that_may_reach(every[::-1], share, jobs=2)
    if share == 0.0:
        assert may == every
    if share >= 0.1:  # most pairs of these reports share a few percent: they are spared
        assert len(may) <= 2 * max(len(reaching), 1) and len(may) < len(every) / 10
    if 0 < share <= 0.3:  # a government's consecutive years share that much
        assert len(reaching) < len(every)
        assert reaching
