"""The public library API, used as the README shows, importing only from ``compare``."""

from __future__ import annotations

import json
from pathlib import Path

import compare
from compare import (
    AuditSettings,
    CompareSettings,
    Comparison,
    Document,
    ReportError,
    audit_reports,
    compare_reports,
    load_report,
)

from .conftest import sample_path


def test_every_public_name_resolves() -> None:
    for name in compare.__all__:
        assert getattr(compare, name) is not None, name


def test_compare_reports_takes_paths_or_documents() -> None:
    a, b = str(sample_path("hanbin-2020")), str(sample_path("yingze-2018"))
    by_path = compare_reports(a, b, CompareSettings(seed=3))
    loaded = load_report(a)
    assert isinstance(loaded, Document)
    by_doc = compare_reports(loaded, load_report(b), CompareSettings(seed=3))
    assert isinstance(by_path, Comparison)
    assert json.dumps(by_path.to_json()) == json.dumps(by_doc.to_json())
    assert by_path.to_json()["settings"]["seed"] == 3  # type: ignore[index]
    assert 0.0 < by_path.shared_ratio(1) < 0.5


def test_audit_reports_over_a_folder(tmp_path: Path) -> None:
    for name in ("hanbin-2020", "jinan-2020", "yingze-2018"):
        (tmp_path / f"{name}.txt").write_bytes(sample_path(name).read_bytes())
    run = audit_reports([str(tmp_path)], AuditSettings(min_reuse=0.0))
    data = run.result.to_json()
    assert [d["path"] for d in data["documents"]] == sorted(  # type: ignore[index]
        str(p) for p in tmp_path.iterdir()
    )
    assert run.failures == []


def test_library_errors_are_named() -> None:
    try:
        load_report("/no/such/report.txt")
    except ReportError as exc:
        assert exc.path == "/no/such/report.txt"
        assert "no such file" in exc.problem
    else:
        raise AssertionError("a missing file must raise ReportError")
