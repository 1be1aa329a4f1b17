"""Band groups sorted in --jobs worker processes: the groups one process makes."""

from __future__ import annotations

import numpy as np
import pytest

from compare import AuditSettings, audit_reports
from compare.corpus import engines
from compare.corpus.bands import group_columns
from compare.corpus.engines import LocalEngine

from .conftest import SAMPLES
from .corpus_files import sources


def _paths() -> list[str]:
    chosen = [s for s in sources() if s.government.startswith(("河北省人民政府", "保定市顺平县"))]
    return sorted(str(p) for p in SAMPLES.glob("*.txt")) + [str(s.path) for s in chosen]


def test_groups_from_the_workers_equal_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "PARALLEL_FROM", 0)
    columns = audit_reports(_paths(), AuditSettings()).corpus.index.band_columns
    alone, together = group_columns(columns), LocalEngine(jobs=2).group(columns)
    assert together.count == alone.count > 100
    for name in ("member_start", "members", "clause_start", "of_clause"):
        assert np.array_equal(getattr(together, name), getattr(alone, name)), name


def test_an_audit_with_bands_in_the_workers_is_byte_equal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "PARALLEL_FROM", 0)
    one = audit_reports(_paths(), AuditSettings(), jobs=1).result.to_json()
    two = audit_reports(_paths(), AuditSettings(), jobs=2).result.to_json()
    assert one == two
