"""The SQLite index: arrays in, arrays out; figures kept for a re-run with nothing changed."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from compare import AuditSettings, audit_reports
from compare.corpus import store

from .conftest import SAMPLES

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _copy_reports(folder: Path, count: int) -> list[Path]:
    source = sorted(CORPUS.glob("*_county_*.txt"))[:count] or sorted(SAMPLES.glob("*.txt"))
    folder.mkdir()
    out = []
    for path in source:
        out.append(folder / path.name)
        shutil.copy(path, out[-1])
    return out


def test_rerun_with_nothing_changed_returns_stored_figures_without_the_index(
    tmp_path: Path,
) -> None:
    reports = _copy_reports(tmp_path / "r", 12)
    index = str(tmp_path / "i.db")
    settings = AuditSettings(min_reuse=0.02)
    fresh = audit_reports([str(tmp_path / "r")], settings, index=index)
    again = audit_reports([str(tmp_path / "r")], settings, index=index)
    assert again.reused == len(reports)
    assert len(again.corpus.index) == 0, "the clause index was not loaded"
    assert len(again.corpus.records) == len(reports)
    assert json.dumps(again.result.to_json()) == json.dumps(fresh.result.to_json())
    assert again.result == fresh.result  # floats bit for bit, not only as rounded in JSON
    other = audit_reports([str(tmp_path / "r")], AuditSettings(min_reuse=0.5), index=index)
    assert len(other.corpus.index) > 0, "other settings: figures computed again"
    assert len(other.result.pairs) <= len(fresh.result.pairs)


def test_figures_kept_by_another_way_of_computing_them_are_computed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index whose figures an older reportdiff kept (another ``FIGURES``) answers a re-run
    with nothing changed from its stored clauses, not with those figures."""
    from compare.corpus import result_cache

    reports = _copy_reports(tmp_path / "r", 6)
    index = str(tmp_path / "i.db")
    monkeypatch.setattr(result_cache, "FIGURES", result_cache.FIGURES - 1)
    older = audit_reports([str(tmp_path / "r")], AuditSettings(), index=index)
    monkeypatch.undo()
    again = audit_reports([str(tmp_path / "r")], AuditSettings(), index=index)
    assert again.reused == len(reports)
    assert len(again.corpus.index) > 0, "figures computed again from the stored clauses"
    assert json.dumps(again.result.to_json()) == json.dumps(older.result.to_json())
    kept = audit_reports([str(tmp_path / "r")], AuditSettings(), index=index)
    assert len(kept.corpus.index) == 0, "and kept for the next re-run"


def test_stored_clauses_are_array_blobs_one_row_per_save(tmp_path: Path) -> None:
    reports = _copy_reports(tmp_path / "r", 6)
    index = tmp_path / "i.db"
    audit_reports([str(p) for p in reports[:3]], AuditSettings(), index=str(index))
    grown = audit_reports([str(p) for p in reports], AuditSettings(), index=str(index))
    with sqlite3.connect(index) as db:
        chunks = db.execute("SELECT first, count, length(bands) FROM clause_chunks").fetchall()
        rows = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert len(chunks) == 2 and rows == len(reports)
    assert chunks[1][0] == chunks[0][1]  # the second save starts where the first ended
    assert sum(c for _, c, _ in chunks) == len(grown.corpus.index)
    assert all(size == count * 25 * 8 for _, count, size in chunks)  # 25 bands of uint64
    fresh = audit_reports([str(p) for p in reports], AuditSettings())
    assert grown.result.to_json() == fresh.result.to_json()


def test_a_save_larger_than_a_chunk_is_stored_in_several_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 10,000 reports' band hashes passed SQLite's billion-byte limit for one blob
    monkeypatch.setattr(store, "CHUNK_BYTES", 50_000)
    reports = _copy_reports(tmp_path / "r", 6)
    index = str(tmp_path / "i.db")
    settings = AuditSettings()
    audit_reports([str(p) for p in reports[:3]], settings, index=index)
    grown = audit_reports([str(p) for p in reports], settings, index=index)
    with sqlite3.connect(index) as db:
        chunks = db.execute(
            "SELECT first, count, length(bands), length(hashes) FROM clause_chunks ORDER BY first"
        ).fetchall()
    assert len(chunks) > 4
    assert [first for first, *_ in chunks] == [0, *itertools.accumulate(c[1] for c in chunks)][:-1]
    assert sum(c[1] for c in chunks) == len(grown.corpus.index)
    assert all(bands < 60_000 and hashes == 16 * count for _, count, bands, hashes in chunks)
    loaded = audit_reports([str(p) for p in reports], AuditSettings(min_reuse=0.3), index=index)
    assert len(loaded.corpus.index) > 0, "figures computed from the loaded chunks"
    fresh = audit_reports([str(p) for p in reports], AuditSettings(min_reuse=0.3))
    assert loaded.result.to_json() == fresh.result.to_json()
    assert [loaded.corpus.index.examples[i] for i in range(len(loaded.corpus.index))] == [
        fresh.corpus.index.examples[i] for i in range(len(fresh.corpus.index))
    ]


def test_a_lesser_spelling_from_a_new_report_is_stored(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    base = (SAMPLES / "hanbin-2020.txt").read_text(encoding="utf-8")
    assert "、" in base
    # Same letters, one mark fewer: "、" (U+3001) sorts before any Han character, so the
    # second report's spelling is the lesser one and becomes the clause's example.
    (folder / "a.txt").write_text(base.replace("、", ""), encoding="utf-8")
    index = str(tmp_path / "i.db")
    audit_reports([str(folder)], AuditSettings(), index=index)
    (folder / "b.txt").write_text(base, encoding="utf-8")
    audit_reports([str(folder)], AuditSettings(), index=index)
    settings = AuditSettings(min_reuse=0.3)  # other settings: figures from the stored index
    loaded = audit_reports([str(folder)], settings, index=index)
    assert len(loaded.corpus.index) > 0
    fresh = audit_reports([str(folder)], settings)
    assert loaded.result.to_json() == fresh.result.to_json()
    assert any("、" in text for f in fresh.result.formulas for text, _ in f.forms)


def test_an_index_from_the_older_layout_is_refused_in_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from compare.cli import main

    old = tmp_path / "old.db"
    with sqlite3.connect(old) as db:  # the layout before clause blobs: no schema recorded
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT, size INTEGER)")
    result = CliRunner().invoke(main, ["audit", str(SAMPLES), "--index", str(old)])
    assert result.exit_code == 1
    assert "older reportdiff" in result.stderr and "Traceback" not in result.stderr
