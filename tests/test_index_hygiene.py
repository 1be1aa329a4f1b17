"""Corpus hygiene: one report per file, nothing stale, nothing foreign, no interleaving."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare import AuditSettings, audit_reports, compare_reports
from compare.cli import main
from compare.corpus.store import CorpusStore
from compare.errors import OutputError

from .conftest import sample_path

NAMES = ["hanbin-2020", "jinan-2020", "yingze-2018"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in NAMES:
        shutil.copy(sample_path(name), reports / f"{name}.txt")
    return reports


def test_a_file_named_twice_is_one_report(folder: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(folder / "hanbin-2020.txt")
    relative = os.path.relpath(folder / "hanbin-2020.txt")
    run = audit_reports([str(folder), relative, str(link)], AuditSettings())
    assert len(run.result.documents) == len(NAMES)


def test_an_audit_never_reads_its_own_pages(folder: Path) -> None:
    page = compare_reports(str(folder / "hanbin-2020.txt"), str(folder / "jinan-2020.txt"))
    from compare.render.compare_page import render_comparison

    (folder / "old-compare.html").write_text(render_comparison(page), encoding="utf-8")
    run = audit_reports([str(folder)], AuditSettings())
    assert sorted(Path(d.path).name for d in run.result.documents) == sorted(
        f"{n}.txt" for n in NAMES
    )


def test_deleted_reports_leave_the_figures(folder: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "i.db")
    audit_reports([str(folder)], AuditSettings(), index=index)
    (folder / "yingze-2018.txt").unlink()
    run = audit_reports([str(folder)], AuditSettings(), index=index)
    assert [Path(d.path).name for d in run.result.documents] == [
        "hanbin-2020.txt",
        "jinan-2020.txt",
    ]


def test_an_edit_keeping_size_and_time_is_noticed(folder: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "i.db")
    audit_reports([str(folder)], AuditSettings(), index=index)
    target = folder / "jinan-2020.txt"
    before = os.stat(target)
    text = target.read_text(encoding="utf-8")
    swapped = text.replace("金安", "银安")  # same length in characters and bytes
    assert swapped != text and len(swapped.encode()) == len(text.encode())
    target.write_text(swapped, encoding="utf-8")
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    run = audit_reports([str(folder)], AuditSettings(), index=index)
    assert run.reused == len(NAMES) - 1  # the edited file was read again


def test_a_second_audit_waits_then_is_refused(folder: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "i.db")
    holder = CorpusStore(index, AuditSettings())
    try:
        with pytest.raises(OutputError, match="in use by another audit"):
            CorpusStore(index, AuditSettings(), lock_wait=0.2)
    finally:
        holder.close()
    CorpusStore(index, AuditSettings(), lock_wait=0.2).close()  # free again


def test_a_database_of_another_program_is_left_untouched(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "their.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO accounts VALUES (1, '张三')")
    before = other.read_bytes()
    result = CliRunner().invoke(main, ["audit", str(folder), "--index", str(other)])
    assert result.exit_code == 1
    assert "not a reportdiff index" in result.stderr and "left as it is" in result.stderr
    assert other.read_bytes() == before
    result = CliRunner().invoke(
        main, ["compare", str(folder / "hanbin-2020.txt"), str(folder / "jinan-2020.txt"),
               "--corpus", str(other)],
    )  # fmt: skip
    assert result.exit_code == 1 and other.read_bytes() == before


def test_compare_uses_the_settings_the_index_was_built_with(folder: Path, tmp_path: Path) -> None:
    index = str(tmp_path / "i.db")
    built = ["audit", str(folder), "--index", index, "--num-perm", "64", "--threshold", "0.6"]
    assert CliRunner().invoke(main, built).exit_code == 0
    out = tmp_path / "c.json"
    args = ["compare", str(folder / "hanbin-2020.txt"), str(folder / "jinan-2020.txt"),
            "--corpus", index, "--json", str(out)]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["settings"]["num_perm"] == 128  # the comparison's own settings
    notes = " ".join(data["notes"])  # three reports: too few to split common from particular
    assert "1 report besides A and B" in notes and "is not split" in notes
