"""Generated template-reuse cases: shared spans match the known copied text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from eval_reuse import evaluate

from compare import CompareSettings


@pytest.mark.parametrize(
    ("a", "c"), [("jinan-2020", "luojiang-2024"), ("hecheng-20xx-traditional", "hanbin-2020")]
)
def test_derived_report_precision_and_recall(a: str, c: str) -> None:
    precision, recall = evaluate(a, c, seed=3, settings=CompareSettings())
    assert precision >= 0.95
    assert recall >= 0.95


def test_unrelated_reports_share_little(samples) -> None:  # type: ignore[no-untyped-def]
    from compare import compare_reports

    result = compare_reports(samples["jinan-2020"], samples["yingze-2018"])
    assert result.jaccard < 0.1
    assert result.shared_ratio(0) < 0.2 and result.shared_ratio(1) < 0.2
